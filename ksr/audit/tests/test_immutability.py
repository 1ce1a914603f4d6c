"""Audit entries cannot be edited or deleted through the product: model, admin and API."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from ksr.audit.choices import AuditAction
from ksr.audit.models import AuditEntry, AuditEntryImmutable
from ksr.audit.services import record
from ksr.testing import UserFactory, verify_second_factor


@pytest.fixture
def entry(cast):
    return record(AuditAction.UPDATE, cast.kis_waw, actor=cast.admin, changes={"name": ["a", "b"]})


def test_model_refuses_edit_and_delete(entry):
    entry.object_repr = "forged"
    with pytest.raises(AuditEntryImmutable):
        entry.save()
    with pytest.raises(AuditEntryImmutable):
        entry.delete()
    with pytest.raises(AuditEntryImmutable):
        AuditEntry.objects.filter(pk=entry.pk).update(object_repr="forged")
    with pytest.raises(AuditEntryImmutable):
        AuditEntry.objects.filter(pk=entry.pk).delete()
    entry.refresh_from_db()
    assert entry.object_repr == "KIS Warszawa"


@pytest.fixture
def root(db):
    return UserFactory(username="root", is_staff=True, is_superuser=True)


def test_admin_is_read_only_even_for_superusers(client, root, entry, rf):
    from django.contrib import admin

    model_admin = admin.site._registry[AuditEntry]
    request = rf.get("/")
    request.user = root
    assert not model_admin.has_add_permission(request)
    assert not model_admin.has_change_permission(request, entry)
    assert not model_admin.has_delete_permission(request, entry)
    assert model_admin.has_view_permission(request, entry)

    verify_second_factor(client, root)
    assert client.get(reverse("admin:audit_auditentry_changelist")).status_code == 200
    change = client.get(reverse("admin:audit_auditentry_change", args=[entry.pk]))
    assert change.status_code == 200
    assert b'name="_save"' not in change.content
    assert client.get(reverse("admin:audit_auditentry_add")).status_code == 403
    assert (
        client.post(reverse("admin:audit_auditentry_change", args=[entry.pk]), {"object_repr": "x"}).status_code == 403
    )
    assert client.post(reverse("admin:audit_auditentry_delete", args=[entry.pk]), {"post": "yes"}).status_code == 403
    changelist = client.post(
        reverse("admin:audit_auditentry_changelist"), {"action": "delete_selected", "_selected_action": [entry.pk]}
    )
    assert changelist.status_code in (200, 302)
    assert AuditEntry.objects.filter(pk=entry.pk).exists()
    entry.refresh_from_db()
    assert entry.object_repr == "KIS Warszawa"


def test_api_is_read_only(login, cast, entry):
    client = login(cast.admin)
    url = f"/api/v1/audit/entries/{entry.pk}/"
    assert client.get(url).status_code == 200
    assert client.put(url, {"object_repr": "x"}, content_type="application/json").status_code == 405
    assert client.patch(url, {"object_repr": "x"}, content_type="application/json").status_code == 405
    assert client.delete(url).status_code == 405
    assert client.post("/api/v1/audit/entries/", {}, content_type="application/json").status_code == 405
    assert AuditEntry.objects.filter(pk=entry.pk, object_repr="KIS Warszawa").exists()


def test_api_refuses_anonymous(entry):
    assert APIClient().get("/api/v1/audit/entries/").status_code in (401, 403)
