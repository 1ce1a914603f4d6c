from django.urls import reverse

from ksr.audit.choices import AuditAction
from ksr.audit.models import AuditEntry
from ksr.registry.models import Organisation


def _form_data(org):
    return {
        "name": org.name,
        "short_name": "",
        "kind": org.kind,
        "reintegration_goal": "",
        "operating_level": org.operating_level,
        "seat": str(org.seat_id),
        "parent": "",
        "street": "",
        "postal_code": "",
        "city": "",
        "email": "",
        "phone": "",
        "website": "",
        "nip": "",
        "regon": "",
        "krs": "",
        "is_active": "on",
        "notes": "",
        "area": "",
    }


def test_admin_change_goes_through_the_service(cast, login):
    client = login(cast.admin)
    url = reverse("admin:registry_organisation_change", args=[cast.library_waw.pk])
    assert client.get(url).status_code == 200
    data = _form_data(cast.library_waw) | {"name": "Biblioteka Zmieniona", "reintegration_goal": "one_of"}
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    cast.library_waw.refresh_from_db()
    assert cast.library_waw.name == "Biblioteka Zmieniona"
    assert cast.library_waw.stakeholder_type == "B"
    entry = AuditEntry.objects.get(action=AuditAction.UPDATE, object_id=str(cast.library_waw.pk))
    assert entry.actor == cast.admin and entry.changes["name"][1] == "Biblioteka Zmieniona"


def test_admin_add_is_audited(cast, login):
    client = login(cast.admin)
    data = _form_data(cast.kis_waw) | {"name": "Nowa przez admina", "kind": "school"}
    response = client.post(reverse("admin:registry_organisation_add"), data)
    assert response.status_code == 302
    org = Organisation.objects.get(name="Nowa przez admina")
    assert AuditEntry.objects.filter(action=AuditAction.CREATE, object_id=str(org.pk)).exists()


def test_only_system_admins_use_the_registry_admin(cast, login):
    cast.analyst.is_staff = True
    cast.analyst.save()
    response = login(cast.analyst).get(reverse("admin:registry_organisation_changelist"))
    assert response.status_code == 403
