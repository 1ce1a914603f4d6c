import datetime as dt
import re

import pytest
from axes.models import AccessAttempt, AccessAttemptExpiration
from django.contrib.auth.hashers import MD5PasswordHasher
from django.test import Client
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
    # Only the known account's failure is in the trail: nothing an anonymous client typed is stored.
    failures = AuditEntry.objects.filter(action=AuditAction.LOGIN_FAILED)
    assert [e.object_id for e in failures] == [str(alice.pk)]
    assert not AuditEntry.objects.filter(object_repr__contains="nosuchuser").exists()


@pytest.mark.parametrize("length", [150, 151, 5000])
def test_an_overlong_username_is_refused_like_any_wrong_one(client, alice, length):
    """Longer than any account name (150): the same message, and nothing reaches the throttling table."""
    response = _post(client, "x" * length, "wrong-password")
    assert response.status_code == 200
    assert _codes(response) == ["invalid_login"] or response.context["form"].errors
    assert not AccessAttempt.objects.filter(username__startswith="x" * 151).exists()


def _lock(username, address="127.0.0.1", times=3):
    attacker = Client(REMOTE_ADDR=address)
    for _ in range(times):
        _post(attacker, username, "wrong-password")
    return attacker


def test_a_locked_pair_is_refused_with_the_same_message_as_a_wrong_password(client, alice, settings):
    settings.LANGUAGE_CODE = "pl"
    wrong = _post(client, "alice", "wrong-password")
    _lock("alice")
    locked = _post(client, "alice", PASSWORD)  # the right password, from the locked address
    assert locked.status_code == wrong.status_code == 200
    assert "_auth_user_id" not in client.session
    assert _codes(locked) == ["invalid_login"]
    assert locked.context["form"].non_field_errors() == wrong.context["form"].non_field_errors()
    # The whole page is the same as for a wrong password (but for the CSRF token).
    assert _without_csrf(locked) == _without_csrf(wrong)


def _without_csrf(response):
    return re.sub(r"[A-Za-z0-9]{64}", "", response.content.decode())


def test_nobody_can_lock_another_person_out_from_elsewhere(client, alice):
    _lock("alice", address="203.0.113.7", times=10)
    owner = Client(REMOTE_ADDR="198.51.100.1")
    assert _post(owner, "alice", PASSWORD).status_code == 302
    assert owner.session["_auth_user_id"] == str(alice.pk)


def test_failures_are_counted_per_address_across_usernames(alice, settings):
    settings.KSR_LOGIN_MAX_FAILURES_PER_ADDRESS = 4
    sprayer = Client(REMOTE_ADDR="203.0.113.8")
    for name in ["bob", "carol", "dave", "erin"]:
        _post(sprayer, name, "wrong-password")
    # Alice never failed, but this address has: refused there, with the usual message…
    assert _codes(_post(sprayer, "alice", PASSWORD)) == ["invalid_login"]
    # …and welcome from anywhere else.
    assert _post(Client(REMOTE_ADDR="198.51.100.2"), "alice", PASSWORD).status_code == 302


class CountingHasher(MD5PasswordHasher):
    """Counts the password hashes computed (the work that makes a sign-in slow in production)."""

    calls = 0

    def encode(self, password, salt):
        CountingHasher.calls += 1
        return super().encode(password, salt)


def test_unknown_wrong_and_locked_cost_the_same_hashing(client, alice, settings):
    settings.PASSWORD_HASHERS = ["ksr.accounts.tests.test_login.CountingHasher"]
    _lock("alice", address="203.0.113.9")
    locked_client = Client(REMOTE_ADDR="203.0.113.9")
    costs = {}
    for case, (who, username, password) in {
        "unknown": (client, "nosuchuser", "wrong-password"),
        "wrong": (client, "alice", "wrong-password"),
        "locked": (locked_client, "alice", PASSWORD),
    }.items():
        CountingHasher.calls = 0
        response = _post(who, username, password)
        assert _codes(response) == ["invalid_login"], case
        costs[case] = CountingHasher.calls
    assert costs["unknown"] == costs["wrong"] == costs["locked"] >= 1, costs


def test_success_resets_the_counter(client, alice):
    _post(client, "alice", "wrong-password")
    _post(client, "alice", "wrong-password")
    assert _post(client, "alice", PASSWORD).status_code == 302
    client.post(reverse("accounts:logout"))
    _post(client, "alice", "wrong-password")
    _post(client, "alice", "wrong-password")
    assert _post(client, "alice", PASSWORD).status_code == 302


def test_the_lock_ends_after_the_period(client, alice):
    _lock("alice")
    assert _codes(_post(client, "alice", PASSWORD)) == ["invalid_login"]
    AccessAttempt.objects.update(attempt_time=timezone.now() - dt.timedelta(minutes=16))
    AccessAttemptExpiration.objects.update(expires_at=timezone.now() - dt.timedelta(minutes=1))
    assert _post(client, "alice", PASSWORD).status_code == 302


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


def test_admin_login_shares_the_same_protection(client, alice):
    User.objects.filter(pk=alice.pk).update(is_staff=True)
    _lock("alice")  # through the site's sign-in
    response = client.post(reverse("admin:login"), {"username": "alice", "password": PASSWORD})
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    assert "zablokowane" not in response.content.decode()
    # And failures at the admin count for the site too.
    other = Client(REMOTE_ADDR="198.51.100.3")
    for _ in range(3):
        other.post(reverse("admin:login"), {"username": "alice", "password": "wrong-password"})
    assert _codes(_post(other, "alice", PASSWORD)) == ["invalid_login"]
