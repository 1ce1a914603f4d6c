import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from ksr.accounts.models import User
from ksr.audit.choices import AuditAction
from ksr.audit.models import AuditEntry
from ksr.testing import PASSWORD, UserFactory

LOGIN = reverse("accounts:login")


@pytest.fixture
def alice(db):
    return UserFactory(username="alice")


@pytest.fixture(autouse=True)
def _lockout(settings):
    settings.KSR_LOGIN_MAX_FAILURES = 3
    settings.KSR_LOGIN_LOCKOUT_MINUTES = 15
    settings.KSR_REQUIRE_2FA = True


def _post(client, username, password):
    return client.post(LOGIN, {"username": username, "password": password})


def _codes(response):
    return [e.code for e in response.context["form"].non_field_errors().as_data()]


def test_login_page_is_public_and_labelled(client, db):
    response = client.get(LOGIN)
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<h1") == 1
    assert 'autocomplete="username"' in html
    assert 'autocomplete="current-password"' in html
    assert '<label for="id_username"' in html


def test_successful_login_signs_in_and_is_audited(client, alice):
    response = _post(client, "alice", PASSWORD)
    assert response.status_code == 302
    assert response.url == reverse("core:home")
    assert client.session["_auth_user_id"] == str(alice.pk)
    entry = AuditEntry.objects.get(action=AuditAction.LOGIN)
    assert entry.actor == alice
    assert entry.ip_address == "127.0.0.1"


def test_wrong_password_and_unknown_user_give_the_same_message(client, alice):
    wrong = _post(client, "alice", "wrong-password")
    unknown = _post(client, "nosuchuser", "wrong-password")
    assert wrong.status_code == unknown.status_code == 200
    assert _codes(wrong) == _codes(unknown) == ["invalid_login"]
    assert wrong.context["form"].non_field_errors() == unknown.context["form"].non_field_errors()
    assert 'role="alert"' in wrong.content.decode()
    assert AuditEntry.objects.filter(action=AuditAction.LOGIN_FAILED).count() == 2


def test_account_locks_after_max_failures(client, alice):
    for _ in range(2):
        assert _codes(_post(client, "alice", "wrong-password")) == ["invalid_login"]
    alice.refresh_from_db()
    assert alice.failed_login_count == 2 and not alice.is_locked
    response = _post(client, "alice", "wrong-password")
    assert _codes(response) == ["invalid_login"]
    alice.refresh_from_db()
    assert alice.is_locked
    expected = timezone.now() + dt.timedelta(minutes=15)
    assert abs((alice.locked_until - expected).total_seconds()) < 10
    assert AuditEntry.objects.filter(action=AuditAction.LOCKED, object_id=str(alice.pk)).count() == 1


def test_locked_account_refuses_even_the_right_password_and_says_until_when(client, alice, settings):
    settings.LANGUAGE_CODE = "pl"
    for _ in range(3):
        _post(client, "alice", "wrong-password")
    response = _post(client, "alice", PASSWORD)
    assert _codes(response) == ["locked"]
    assert "_auth_user_id" not in client.session
    alice.refresh_from_db()
    shown = timezone.localtime(alice.locked_until)
    assert f"{shown:%H:%M}" in response.content.decode()
    assert "zablokowane" in response.content.decode()


def test_success_resets_the_counter(client, alice):
    _post(client, "alice", "wrong-password")
    _post(client, "alice", "wrong-password")
    assert _post(client, "alice", PASSWORD).status_code == 302
    alice.refresh_from_db()
    assert alice.failed_login_count == 0


def test_account_unlocks_after_the_period(client, alice):
    User.objects.filter(pk=alice.pk).update(failed_login_count=3, locked_until=timezone.now() - dt.timedelta(seconds=1))
    response = _post(client, "alice", PASSWORD)
    assert response.status_code == 302
    alice.refresh_from_db()
    assert alice.failed_login_count == 0 and alice.locked_until is None


def test_after_expiry_one_failure_does_not_relock(client, alice):
    User.objects.filter(pk=alice.pk).update(failed_login_count=3, locked_until=timezone.now() - dt.timedelta(seconds=1))
    assert _codes(_post(client, "alice", "wrong-password")) == ["invalid_login"]
    alice.refresh_from_db()
    assert alice.failed_login_count == 1 and not alice.is_locked


def test_logout_is_post_only(client, alice):
    client.force_login(alice)
    assert client.get(reverse("accounts:logout")).status_code == 405
    assert client.post(reverse("accounts:logout")).status_code == 302
    assert "_auth_user_id" not in client.session


def test_next_is_followed_after_login(client, alice):
    response = client.post(LOGIN + "?next=/konto/", {"username": "alice", "password": PASSWORD, "next": "/konto/"})
    assert response.status_code == 302 and response.url == "/konto/"


def test_case_manager_is_sent_to_the_second_factor_after_login(client, cast):
    response = _post(client, "bartek", PASSWORD)
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:otp_setup"))


def test_admin_login_goes_through_the_lockout(client, alice):
    User.objects.filter(pk=alice.pk).update(is_staff=True, locked_until=timezone.now() + dt.timedelta(minutes=5))
    response = client.post(reverse("admin:login"), {"username": "alice", "password": PASSWORD})
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
