import pytest
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from ksr.accounts.services import second_factor_required
from ksr.audit.models import AuditEntry

PROFILE = reverse("accounts:profile")
SETUP = reverse("accounts:otp_setup")
VERIFY = reverse("accounts:otp_verify")


@pytest.fixture(autouse=True)
def _require(settings):
    settings.KSR_REQUIRE_2FA = True


def code_for(device, offset=0):
    """The device's current code (``offset`` steps away), as an authenticator app shows it."""
    value = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=offset)
    return f"{value:06d}"


def test_case_manager_without_device_is_sent_to_setup(client, cast):
    client.force_login(cast.case_manager)
    response = client.get(PROFILE)
    assert response.status_code == 302
    assert response.url == f"{SETUP}?next=%2Fkonto%2F"


def test_case_manager_with_device_is_sent_to_verify(client, cast):
    TOTPDevice.objects.create(user=cast.case_manager, name="app", confirmed=True)
    client.force_login(cast.case_manager)
    response = client.get(PROFILE)
    assert response.status_code == 302
    assert response.url.startswith(VERIFY)


def test_analyst_is_not_asked_for_a_second_factor(client, cast):
    client.force_login(cast.analyst)
    assert client.get(PROFILE).status_code == 200


def test_public_pages_and_logout_stay_open(client, cast):
    client.force_login(cast.case_manager)
    assert client.get(reverse("accounts:login")).status_code == 200
    assert client.post(reverse("accounts:logout")).status_code == 302


def test_enforcement_can_be_switched_off_for_the_demo(client, cast, settings):
    settings.KSR_REQUIRE_2FA = False
    client.force_login(cast.case_manager)
    assert client.get(PROFILE).status_code == 200
    assert not second_factor_required(cast.case_manager)


def test_verified_session_passes(login, cast):
    client = login(cast.case_manager)
    assert client.get(PROFILE).status_code == 200


def test_htmx_request_gets_hx_redirect(client, cast):
    client.force_login(cast.case_manager)
    response = client.get(PROFILE, headers={"HX-Request": "true"})
    assert response.status_code == 204
    assert response["HX-Redirect"].startswith(SETUP)


def test_api_session_without_second_factor_gets_403_json(client, cast):
    client.force_login(cast.case_manager)
    response = client.get("/api/v1/accounts/me/")
    assert response.status_code == 403
    assert "detail" in response.json()


def test_setup_page_shows_qr_code_and_secret(client, cast):
    client.force_login(cast.case_manager)
    response = client.get(SETUP)
    assert response.status_code == 200
    html = response.content.decode()
    assert "<svg" in html
    assert 'autocomplete="one-time-code"' in html
    device = TOTPDevice.objects.get(user=cast.case_manager)
    assert not device.confirmed
    import base64

    secret = base64.b32encode(device.bin_key).decode()
    assert secret[:4] in html
    assert response["Cache-Control"] == "no-store"
    # Reloading keeps the same secret.
    client.get(SETUP)
    assert TOTPDevice.objects.filter(user=cast.case_manager).count() == 1


def test_setup_refuses_a_wrong_code(client, cast):
    client.force_login(cast.case_manager)
    client.get(SETUP)
    device = TOTPDevice.objects.get(user=cast.case_manager)
    wrong = f"{(int(code_for(device)) + 1) % 1_000_000:06d}"
    response = client.post(SETUP, {"token": wrong})
    assert response.status_code == 200
    assert response.context["form"].errors["token"]
    assert 'role="alert"' in response.content.decode()
    device.refresh_from_db()
    assert not device.confirmed
    assert client.get(PROFILE).status_code == 302


def test_setup_refuses_a_malformed_code(client, cast):
    client.force_login(cast.case_manager)
    client.get(SETUP)
    response = client.post(SETUP, {"token": "12ab"})
    assert response.context["form"].errors["token"]
    assert not TOTPDevice.objects.get(user=cast.case_manager).confirmed


def test_setup_confirms_with_a_valid_code_and_verifies_the_session(client, cast):
    client.force_login(cast.case_manager)
    client.get(SETUP)
    device = TOTPDevice.objects.get(user=cast.case_manager)
    response = client.post(SETUP, {"token": code_for(device), "next": "/konto/"})
    assert response.status_code == 302 and response.url == "/konto/"
    device.refresh_from_db()
    assert device.confirmed
    assert client.get(PROFILE).status_code == 200
    assert AuditEntry.objects.filter(object_id=str(cast.case_manager.pk), changes__has_key="second_factor").exists()


def test_verify_flow(client, cast):
    device = TOTPDevice.objects.create(user=cast.case_manager, name="app", confirmed=True)
    client.force_login(cast.case_manager)
    page = client.get(VERIFY + "?next=/konto/")
    assert page.status_code == 200
    assert 'autocomplete="one-time-code"' in page.content.decode()
    response = client.post(VERIFY, {"token": code_for(device), "next": "/konto/"})
    assert response.status_code == 302 and response.url == "/konto/"
    assert client.get(PROFILE).status_code == 200


def test_verify_refuses_a_wrong_code(client, cast):
    device = TOTPDevice.objects.create(user=cast.case_manager, name="app", confirmed=True)
    client.force_login(cast.case_manager)
    wrong = f"{(int(code_for(device)) + 1) % 1_000_000:06d}"
    response = client.post(VERIFY, {"token": wrong})
    assert response.status_code == 200
    assert response.context["form"].errors["token"]
    assert client.get(PROFILE).status_code == 302


def test_verify_refuses_an_open_redirect(client, cast):
    device = TOTPDevice.objects.create(user=cast.case_manager, name="app", confirmed=True)
    client.force_login(cast.case_manager)
    response = client.post(VERIFY, {"token": code_for(device), "next": "https://evil.example/"})
    assert response.status_code == 302 and response.url == reverse("core:home")


def test_verify_without_device_goes_to_setup(client, cast):
    client.force_login(cast.case_manager)
    response = client.get(VERIFY)
    assert response.status_code == 302 and response.url.startswith(SETUP)


def test_full_login_with_second_factor(client, cast):
    from ksr.testing import PASSWORD

    device = TOTPDevice.objects.create(user=cast.case_manager, name="app", confirmed=True)
    response = client.post(
        reverse("accounts:login") + "?next=/konto/",
        {
            "username": "bartek",
            "password": PASSWORD,
            "next": "/konto/",
        },
    )
    assert response.status_code == 302
    assert response.url == f"{VERIFY}?next=%2Fkonto%2F"
    response = client.post(VERIFY, {"token": code_for(device), "next": "/konto/"})
    assert response.url == "/konto/"
    assert client.get(PROFILE).status_code == 200


def test_voluntary_setup_and_disable_for_an_analyst(client, cast):
    client.force_login(cast.analyst)
    client.get(SETUP)
    device = TOTPDevice.objects.get(user=cast.analyst)
    assert client.post(SETUP, {"token": code_for(device)}).status_code == 302
    device.refresh_from_db()
    assert device.confirmed
    # Codes are single-use: the next time step's code (within the tolerance) switches it off.
    response = client.post(reverse("accounts:otp_disable"), {"token": code_for(device, offset=1)})
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=cast.analyst).exists()


def test_disable_needs_a_valid_code(client, cast):
    device = TOTPDevice.objects.create(user=cast.analyst, name="app", confirmed=True)
    client.force_login(cast.analyst)
    wrong = f"{(int(code_for(device)) + 1) % 1_000_000:06d}"
    response = client.post(reverse("accounts:otp_disable"), {"token": wrong})
    assert response.status_code == 400
    assert TOTPDevice.objects.filter(user=cast.analyst).exists()


def test_case_manager_cannot_disable_the_second_factor(login, cast):
    client = login(cast.case_manager)
    device = TOTPDevice.objects.get(user=cast.case_manager)
    response = client.post(reverse("accounts:otp_disable"), {"token": code_for(device)})
    assert response.status_code == 400
    assert TOTPDevice.objects.filter(user=cast.case_manager, confirmed=True).exists()


def test_voluntary_second_factor_is_asked_at_sign_in(client, cast, settings):
    from ksr.testing import PASSWORD

    settings.KSR_REQUIRE_2FA = False  # the requirement is off; a voluntary factor still counts
    device = TOTPDevice.objects.create(user=cast.analyst, name="app", confirmed=True)
    response = client.post(reverse("accounts:login"), {"username": "henryk", "password": PASSWORD})
    assert response.status_code == 302 and response.url.startswith(VERIFY)
    assert client.get(PROFILE).status_code == 302
    assert client.post(VERIFY, {"token": code_for(device), "next": PROFILE}).url == PROFILE
    assert client.get(PROFILE).status_code == 200


def test_analyst_without_device_is_not_asked_at_sign_in(client, cast):
    from ksr.testing import PASSWORD

    response = client.post(reverse("accounts:login"), {"username": "henryk", "password": PASSWORD})
    assert response.url == reverse("core:home")
    assert client.get(PROFILE).status_code == 200
