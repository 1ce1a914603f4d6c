from django.urls import reverse

from ksr.audit.choices import AuditAction
from ksr.audit.models import AuditEntry
from ksr.registry.models import Person
from ksr.testing import PersonFactory


def test_manager_adds_edits_and_removes_a_person(cast, login):
    client = login(cast.kis_manager)
    org = cast.kis_waw
    response = client.post(
        reverse("registry:person_create", args=[org.pk]),
        {"first_name": "Ewa", "last_name": "Nowak", "function": "psychologist", "fte": "0.5"},
    )
    assert response.status_code == 302
    person = Person.objects.get(last_name="Nowak")
    assert AuditEntry.objects.filter(action=AuditAction.CREATE, object_id=str(person.pk)).exists()
    detail = client.get(reverse("registry:organisation_detail", args=[org.pk]))
    assert "Nowak" in detail.text
    response = client.post(
        reverse("registry:person_update", args=[org.pk, person.pk]),
        {"first_name": "Ewa", "last_name": "Nowak-Kowalska", "function": "psychologist", "fte": "0.5"},
    )
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.last_name == "Nowak-Kowalska"
    url = reverse("registry:person_delete", args=[org.pk, person.pk])
    assert client.get(url).status_code == 200
    assert client.post(url).status_code == 302
    assert not Person.objects.filter(pk=person.pk).exists()


def test_invalid_person_shows_errors(cast, login):
    response = login(cast.kis_manager).post(
        reverse("registry:person_create", args=[cast.kis_waw.pk]),
        {"first_name": "", "last_name": "Nowak", "function": "psychologist", "fte": "2"},
    )
    assert response.status_code == 400  # the form page answers 400 to a refused POST
    assert set(response.context["form"].errors) == {"first_name", "fte"}


def test_person_of_another_organisation_is_404(cast, login):
    person = PersonFactory(organisation=cast.ops_waw)
    client = login(cast.kis_manager)
    # Visible (same powiat) but addressed under the wrong organisation: 404.
    assert client.get(reverse("registry:person_update", args=[cast.kis_waw.pk, person.pk])).status_code == 404
    # The OPS is visible to the KIS manager, not editable: 403.
    assert client.get(reverse("registry:person_update", args=[cast.ops_waw.pk, person.pk])).status_code == 403
    url = reverse("registry:person_delete", args=[cast.ops_waw.pk, person.pk])
    assert login(cast.zenon).get(url).status_code == 404
