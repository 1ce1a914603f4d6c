import pytest
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice
from rest_framework.authtoken.models import Token
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


def test_token_create_shows_the_key_once_and_is_audited(login, cast):
    client = login(cast.analyst)
    response = client.post(reverse("accounts:token_create"))
    assert response.status_code == 200
    token = Token.objects.get(user=cast.analyst)
    assert token.key in response.content.decode()
    assert response["Cache-Control"] == "no-store"
    page = client.get(PROFILE).content.decode()
    assert token.key not in page and token.key[-4:] in page
    entry = AuditEntry.objects.get(object_id=str(cast.analyst.pk), changes__has_key="api_token")
    assert token.key not in str(entry.changes)


def test_token_create_replaces_the_old_one(login, cast):
    client = login(cast.analyst)
    client.post(reverse("accounts:token_create"))
    first = Token.objects.get(user=cast.analyst).key
    client.post(reverse("accounts:token_create"))
    assert Token.objects.get(user=cast.analyst).key != first


def test_token_create_is_post_only(login, cast):
    assert login(cast.analyst).get(reverse("accounts:token_create")).status_code == 405


def test_token_revoke(login, cast):
    client = login(cast.analyst)
    client.post(reverse("accounts:token_create"))
    assert client.post(reverse("accounts:token_revoke")).status_code == 302
    assert not Token.objects.filter(user=cast.analyst).exists()


def test_token_needs_a_verified_second_factor_when_required(client, cast):
    client.force_login(cast.case_manager)  # signed in, not verified
    response = client.post(reverse("accounts:token_create"))
    assert response.status_code == 302
    assert not Token.objects.filter(user=cast.case_manager).exists()


def test_token_authenticates_the_api(login, cast):
    login(cast.analyst).post(reverse("accounts:token_create"))
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION="Token " + Token.objects.get(user=cast.analyst).key)
    response = api.get("/api/v1/accounts/me/")
    assert response.status_code == 200
    assert response.json()["username"] == cast.analyst.username


def test_token_of_a_user_who_lost_the_second_factor_is_refused(login, cast):
    """SecondFactorTokenAuthentication: the accounts API uses it; settings may make it the default."""
    login(cast.case_manager).post(reverse("accounts:token_create"))
    key = Token.objects.get(user=cast.case_manager).key
    TOTPDevice.objects.filter(user=cast.case_manager).delete()
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION="Token " + key)
    assert api.get("/api/v1/accounts/me/").status_code in (401, 403)
