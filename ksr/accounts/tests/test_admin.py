from axes.models import AccessAttempt
from django.test import Client
from django.urls import reverse

from ksr.accounts.choices import Role
from ksr.accounts.models import Membership
from ksr.audit.choices import AuditAction
from ksr.audit.models import AuditEntry
from ksr.testing import PASSWORD, UserFactory, verify_second_factor


def _superuser():
    return UserFactory(username="root", is_staff=True, is_superuser=True)


def test_membership_admin_add_is_audited(client, cast):
    root = _superuser()
    verify_second_factor(client, root)
    response = client.post(
        reverse("admin:accounts_membership_add"),
        {
            "user": cast.nobody.pk,
            "organisation": cast.kis_waw.pk,
            "role": Role.SPECIALIST,
            "valid_from": "",
            "valid_to": "",
        },
    )
    assert response.status_code == 302, response.content
    membership = Membership.objects.get(user=cast.nobody)
    entry = AuditEntry.objects.get(action=AuditAction.CREATE, object_id=str(membership.pk))
    assert entry.actor == root
    assert entry.organisation == cast.kis_waw
    assert entry.changes["role"] == [None, Role.SPECIALIST]


def test_membership_admin_change_and_delete_are_audited(client, cast):
    root = _superuser()
    verify_second_factor(client, root)
    membership = cast.specialist.memberships.get()
    response = client.post(
        reverse("admin:accounts_membership_change", args=[membership.pk]),
        {
            "user": cast.specialist.pk,
            "organisation": cast.kis_waw.pk,
            "role": Role.CASE_MANAGER,
            "valid_from": "",
            "valid_to": "",
        },
    )
    assert response.status_code == 302
    update = AuditEntry.objects.get(action=AuditAction.UPDATE, object_id=str(membership.pk))
    assert update.changes == {"role": [Role.SPECIALIST, Role.CASE_MANAGER]}
    response = client.post(reverse("admin:accounts_membership_delete", args=[membership.pk]), {"post": "yes"})
    assert response.status_code == 302
    assert not Membership.objects.filter(pk=membership.pk).exists()
    assert AuditEntry.objects.filter(action=AuditAction.DELETE, object_id=str(membership.pk)).exists()


def test_user_admin_inline_writes_are_audited(client, cast):
    root = _superuser()
    verify_second_factor(client, root)
    url = reverse("admin:accounts_user_change", args=[cast.nobody.pk])
    page = client.get(url)
    assert page.status_code == 200
    form = page.context["adminform"].form
    data = {
        k: v for k, v in form.initial.items() if v is not None and k not in {"password", "groups", "user_permissions"}
    }
    data.update(
        {
            "username": "nobody",
            "date_joined_0": "2024-01-01",
            "date_joined_1": "10:00:00",
            "memberships-TOTAL_FORMS": "1",
            "memberships-INITIAL_FORMS": "0",
            "memberships-MIN_NUM_FORMS": "0",
            "memberships-MAX_NUM_FORMS": "1000",
            "memberships-0-organisation": str(cast.library_waw.pk),
            "memberships-0-role": Role.PARTNER_REPRESENTATIVE,
            "memberships-0-user": str(cast.nobody.pk),
        }
    )
    data.pop("last_login", None)
    data.pop("date_joined", None)
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else response
    membership = Membership.objects.get(user=cast.nobody)
    assert AuditEntry.objects.filter(action=AuditAction.CREATE, object_id=str(membership.pk), actor=root).exists()


def test_user_admin_unlock_action_lifts_the_axes_lock(client, cast, settings):
    settings.KSR_LOGIN_MAX_FAILURES = 2
    other = Client(REMOTE_ADDR="10.0.0.9")
    for _ in range(2):
        other.post(reverse("accounts:login"), {"username": "nobody", "password": "wrong-password"})
    assert AccessAttempt.objects.filter(username="nobody").exists()
    other.post(reverse("accounts:login"), {"username": "nobody", "password": PASSWORD})
    assert "_auth_user_id" not in other.session
    root = _superuser()
    verify_second_factor(client, root)
    response = client.post(
        reverse("admin:accounts_user_changelist"), {"action": "unlock", "_selected_action": [cast.nobody.pk]}
    )
    assert response.status_code == 302
    assert not AccessAttempt.objects.filter(username="nobody").exists()
    assert AuditEntry.objects.filter(object_id=str(cast.nobody.pk), changes__has_key="sign_in_lock").exists()
    assert other.post(reverse("accounts:login"), {"username": "nobody", "password": PASSWORD}).status_code == 302
