import pytest
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice
from knox.models import AuthToken
from rest_framework.test import APIClient

from ksr.audit.models import AuditEntry

PROFILE = reverse("accounts:profile")


@pytest.fixture(autouse=True)
def _require(settings):
    settings.KSR_REQUIRE_2FA = True


def test_profile_requires_login(client, db):
    response = client.get(PROFILE)
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


def test_profile_shows_memberships_reach_and_second_factor(login, cast):
    response = login(cast.kis_manager).get(PROFILE)
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<h1") == 1
    assert "KIS Warszawa" in html
    assert "<caption>" in html and 'scope="col"' in html
    assert "1465" in html  # the powiat of the club, in words
    assert str(cast.kis_manager.memberships.get().get_role_display()) in html
    assert response.context["device"] is not None


def test_profile_of_a_regional_role_names_the_voivodeship(login, cast):
    response = login(cast.analyst).get(PROFILE)
    assert "MAZOWIECKIE" in response.content.decode()


def test_profile_of_a_national_role(login, cast):
    response = login(cast.national).get(PROFILE)
    assert len(response.context["reach_lines"]) == 1


def test_profile_of_nobody(login, cast):
    response = login(cast.nobody).get(PROFILE)
    assert response.status_code == 200
    assert response.context["memberships"] == []
    assert response.context["reach_lines"] == []


def _create(client):
    response = client.post(reverse("accounts:token_create"))
    assert response.status_code == 200
    return response.context["new_token_key"], response


def test_token_create_shows_the_key_once_stores_only_its_hash_and_is_audited(login, cast):
    client = login(cast.analyst)
    key, response = _create(client)
    assert key in response.content.decode()
    assert response["Cache-Control"] == "no-store"
    token = AuthToken.objects.get(user=cast.analyst)
    assert key not in (token.digest, token.token_key) and len(token.digest) == 128  # a SHA-512 hash
    assert token.expiry is not None and token.expiry > timezone.now()
    page = client.get(PROFILE).content.decode()
    assert key not in page and token.token_key[:8] in page
    entry = AuditEntry.objects.get(object_id=str(cast.analyst.pk), changes__has_key="api_token")
    assert key not in str(entry.changes)


def test_several_tokens_are_listed_and_one_is_revoked(login, cast):
    client = login(cast.analyst)
    first, _ = _create(client)
    second, _ = _create(client)
    tokens = client.get(PROFILE).context["tokens"]
    assert len(tokens) == 2
    revoked = AuthToken.objects.get(user=cast.analyst, token_key=first[:15])
    assert client.post(reverse("accounts:token_revoke"), {"prefix": revoked.token_key}).status_code == 302
    assert [t.token_key for t in AuthToken.objects.filter(user=cast.analyst)] == [second[:15]]
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION="Token " + first)
    assert api.get("/api/v1/accounts/me/").status_code == 401
    api.credentials(HTTP_AUTHORIZATION="Token " + second)
    assert api.get("/api/v1/accounts/me/").status_code == 200


def test_token_create_is_post_only(login, cast):
    assert login(cast.analyst).get(reverse("accounts:token_create")).status_code == 405


def test_token_needs_a_verified_second_factor_when_required(client, cast):
    client.force_login(cast.case_manager)  # signed in, not verified
    response = client.post(reverse("accounts:token_create"))
    assert response.status_code == 302
    assert not AuthToken.objects.filter(user=cast.case_manager).exists()


def test_token_authenticates_the_api(login, cast):
    key, _ = _create(login(cast.analyst))
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION="Token " + key)
    response = api.get("/api/v1/accounts/me/")
    assert response.status_code == 200
    assert response.json()["username"] == cast.analyst.username


def test_token_of_a_user_who_lost_the_second_factor_is_refused(login, cast):
    key, _ = _create(login(cast.case_manager))
    TOTPDevice.objects.filter(user=cast.case_manager).delete()
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION="Token " + key)
    assert api.get("/api/v1/accounts/me/").status_code == 401
