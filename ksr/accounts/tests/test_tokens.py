"""API clients: ``POST /api/v1/auth/token/``, 401 with ``WWW-Authenticate``, tokens and the second factor."""

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice
from knox.models import AuthToken
from rest_framework.test import APIClient

from ksr.accounts.services import do_confirm_totp_device, second_factor_required
from ksr.accounts.tests.test_second_factor import code_for
from ksr.testing import PASSWORD, UserFactory

TOKEN = "/api/v1/auth/token/"
TOKENS = "/api/v1/auth/tokens/"
ME = "/api/v1/accounts/me/"


@pytest.fixture(autouse=True)
def _require(settings):
    settings.KSR_REQUIRE_2FA = True


def _device(user):
    return TOTPDevice.objects.create(user=user, name="app", confirmed=True)


def _obtain(username, password=PASSWORD, otp=None, address="127.0.0.1"):
    body = {"username": username, "password": password}
    if otp is not None:
        body["otp"] = otp
    return APIClient(REMOTE_ADDR=address).post(TOKEN, body, format="json")


def _as(key):
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION="Token " + key)
    return api


def test_unauthenticated_api_call_is_401_with_www_authenticate(db):
    response = APIClient().get(ME)
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"
    assert "detail" in response.json()


def test_a_wrong_token_is_401(db):
    response = _as("0" * 64).get(ME)
    assert response.status_code == 401 and response["WWW-Authenticate"] == "Token"


def test_a_user_without_second_factor_obtains_a_token_with_an_expiry(cast):
    response = _obtain("henryk")  # regional analyst: no participant data
    assert response.status_code == 201, response.content
    data = response.json()
    assert set(data) == {"token", "prefix", "created", "expiry"} and data["expiry"]
    stored = AuthToken.objects.get(user=cast.analyst)
    assert data["token"] not in (stored.digest, stored.token_key)  # only a hash is kept
    assert _as(data["token"]).get(ME).json()["username"] == "henryk"


def test_a_role_reading_participants_needs_the_totp_code(cast):
    device = _device(cast.case_manager)
    assert _obtain("bartek").status_code == 400
    assert _obtain("bartek", otp="000000").status_code == 400
    device.refresh_from_db()
    device.throttle_reset()  # django-otp slows down guessing after a wrong code
    response = _obtain("bartek", otp=code_for(device))
    assert response.status_code == 201, response.content
    assert _as(response.json()["token"]).get(ME).status_code == 200


def test_a_role_that_needs_a_second_factor_but_has_none_gets_no_token(cast):
    response = _obtain("bartek")
    assert response.status_code == 400
    assert not AuthToken.objects.filter(user=cast.case_manager).exists()


def test_a_voluntary_second_factor_is_asked_too(cast):
    device = _device(cast.analyst)
    assert _obtain("henryk").status_code == 400
    assert _obtain("henryk", otp=code_for(device)).status_code == 201


def test_wrong_credentials_answer_like_an_unknown_user_and_are_throttled(cast, settings):
    settings.KSR_LOGIN_MAX_FAILURES = 3
    wrong = _obtain("henryk", "wrong-password")
    unknown = _obtain("nosuchuser", "wrong-password")
    assert wrong.status_code == unknown.status_code == 400
    assert wrong.json() == unknown.json()
    _obtain("henryk", "wrong-password")
    _obtain("henryk", "wrong-password")
    locked = _obtain("henryk")  # right password, locked address
    assert locked.status_code == 400 and locked.json() == wrong.json()
    assert _obtain("henryk", address="198.51.100.4").status_code == 201  # not from elsewhere


def test_tokens_are_listed_and_revoked_through_the_api(cast):
    key = _obtain("henryk").json()["token"]
    other = _obtain("henryk").json()["token"]
    api = _as(key)
    listed = api.get(TOKENS).json()
    assert len(listed) == 2 and all("token" not in row for row in listed)
    prefix = AuthToken.objects.get(token_key=other[:15]).token_key
    assert api.delete(f"{TOKENS}{prefix}/").status_code == 204
    assert _as(other).get(ME).status_code == 401
    assert api.get(ME).status_code == 200


def test_a_token_of_someone_else_cannot_be_revoked(cast):
    mine = _obtain("henryk").json()["token"]
    theirs = _obtain("jan").json()["token"]
    prefix = AuthToken.objects.get(token_key=theirs[:15]).token_key
    assert _as(mine).delete(f"{TOKENS}{prefix}/").status_code == 404
    assert _as(theirs).get(ME).status_code == 200


def test_a_token_issued_before_the_second_factor_was_set_up_stops_working(cast):
    key = _obtain("henryk").json()["token"]
    assert _as(key).get(ME).status_code == 200
    device = TOTPDevice.objects.create(user=cast.analyst, name="app", confirmed=False)
    do_confirm_totp_device(device, code_for(device), actor=cast.analyst)
    assert _as(key).get(ME).status_code == 401


@pytest.mark.parametrize("name", ["admin", "partner", "kis_manager", "case_manager", "specialist", "ops_worker"])
def test_every_role_reading_participant_data_needs_the_second_factor(cast, name):
    assert second_factor_required(getattr(cast, name))


@pytest.mark.parametrize("name", ["admin", "partner"])
def test_admin_and_partner_are_sent_to_the_second_factor(client, cast, name):
    client.force_login(getattr(cast, name))
    assert client.get("/konto/").status_code == 302
    assert client.get(ME).status_code == 403


def test_staff_without_a_role_need_the_second_factor(db):
    assert second_factor_required(UserFactory(username="staff", is_staff=True))


def test_the_schema_documents_token_auth_and_errors(client, db):
    schema = client.get("/api/schema/?format=json").json()
    assert "tokenAuth" in schema["components"]["securitySchemes"]
    post = schema["paths"]["/api/v1/auth/token/"]["post"]
    assert {"201", "400"} <= set(post["responses"])
    assert post["requestBody"]["content"]["application/json"]["schema"]["$ref"].endswith("TokenRequestRequest")
    me = schema["paths"]["/api/v1/accounts/me/"]["get"]["responses"]
    assert {"200", "401", "403"} <= set(me)
