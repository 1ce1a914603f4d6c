from django.utils import translation

from ksr.audit.choices import AuditAction
from ksr.audit.models import AuditEntry
from ksr.registry.models import Organisation, Person
from ksr.testing import PersonFactory

ORGS = "/api/v1/registry/organisations/"
PEOPLE = "/api/v1/registry/people/"


def _payload(**overrides):
    data = {
        "name": "Fundacja API",
        "kind": "foundation",
        "seat": "1465011",
        "sectors": ["education"],
        "area": ["1465011"],
        "nip": "5260250274",
    }
    data.update(overrides)
    return data


def test_list_is_scoped_and_paginated(cast, login):
    response = login(cast.zenon).get(ORGS)
    assert response.status_code == 200
    assert response.json()["count"] == 1
    assert response.json()["results"][0]["name"] == "KIS Kraków"


def test_crud(cast, login):
    client = login(cast.analyst)
    refused = client.post(ORGS, _payload(stakeholder_type="A"), content_type="application/json")
    assert refused.status_code == 400 and "stakeholder_type" in refused.json()  # read-only: refused, not dropped
    response = client.post(ORGS, _payload(), content_type="application/json")
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["stakeholder_type"] == "C"  # read-only: derived from the kind
    assert body["sectors"] == ["education"] and body["seat"] == "1465011"
    pk = body["id"]
    assert AuditEntry.objects.filter(action=AuditAction.CREATE, object_id=str(pk)).exists()
    response = client.patch(f"{ORGS}{pk}/", {"reintegration_goal": "main"}, content_type="application/json")
    assert response.status_code == 200
    assert response.json()["stakeholder_type"] == "A"
    assert client.get(f"{ORGS}{pk}/").json()["reintegration_goal"] == "main"
    full = client.get(f"{ORGS}{pk}/").json()
    full["phone"] = "22 555 00 00"
    response = client.put(f"{ORGS}{pk}/", full, content_type="application/json")
    assert response.status_code == 200, response.json()
    response = client.delete(f"{ORGS}{pk}/")
    assert response.status_code == 204
    assert Organisation.objects.get(pk=pk).is_active is False


def test_filter(cast, login):
    client = login(cast.admin)
    names = {o["name"] for o in client.get(ORGS, {"kind": "kis", "voivodeship": "14"}).json()["results"]}
    assert names == {"KIS Warszawa"}
    assert client.get(ORGS, {"voivodeship": "99"}).status_code == 400


def test_cross_organisation_is_404(cast, login):
    client = login(cast.zenon)
    assert client.get(f"{ORGS}{cast.kis_waw.pk}/").status_code == 404
    assert client.patch(f"{ORGS}{cast.kis_waw.pk}/", {"name": "x"}, content_type="application/json").status_code == 404


def test_visible_but_not_editable_is_403(cast, login):
    client = login(cast.partner)
    response = client.patch(f"{ORGS}{cast.library_waw.pk}/", {"name": "x"}, content_type="application/json")
    assert response.status_code == 403
    assert client.post(ORGS, _payload(), content_type="application/json").status_code == 403


def test_invalid_nip_is_400_with_the_polish_message(cast, login):
    with translation.override("pl"):
        response = login(cast.analyst).post(
            ORGS, _payload(nip="5260250275"), content_type="application/json", HTTP_ACCEPT_LANGUAGE="pl"
        )
    assert response.status_code == 400
    assert response.json()["nip"] == ["NIP ma błędną cyfrę kontrolną; sprawdź numer."]
    assert not Organisation.objects.filter(name="Fundacja API").exists()


def test_anonymous_is_refused(cast, client):
    assert client.get(ORGS).status_code in (401, 403)


def test_people(cast, login):
    PersonFactory(organisation=cast.kis_krk)
    client = login(cast.kis_manager)
    response = client.post(
        PEOPLE,
        {"organisation": cast.kis_waw.pk, "first_name": "Jan", "last_name": "Nowak", "function": "lawyer"},
        content_type="application/json",
    )
    assert response.status_code == 201, response.json()
    pk = response.json()["id"]
    assert [p["last_name"] for p in client.get(PEOPLE).json()["results"]] == ["Nowak"]
    assert client.get(PEOPLE, {"function": "lawyer"}).json()["count"] == 1
    response = client.patch(f"{PEOPLE}{pk}/", {"position": "radca"}, content_type="application/json")
    assert response.status_code == 200
    response = client.patch(f"{PEOPLE}{pk}/", {"organisation": cast.ops_waw.pk}, content_type="application/json")
    assert response.status_code == 400
    # Another visible organisation's people cannot be written by this manager.
    response = client.post(
        PEOPLE,
        {"organisation": cast.ops_waw.pk, "first_name": "A", "last_name": "B", "function": "other"},
        content_type="application/json",
    )
    assert response.status_code == 403
    assert client.delete(f"{PEOPLE}{pk}/").status_code == 204
    assert not Person.objects.filter(pk=pk).exists()
