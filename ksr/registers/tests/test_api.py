"""/api/v1/registers/: the public register (no login) and the officers' entries."""

import pytest

from ksr.registers.choices import EntryStatus
from ksr.registers.models import RegisterEntry

from .conftest import days_ago

pytestmark = pytest.mark.django_db
PUBLIC = "/api/v1/registers/public/"
ENTRIES = "/api/v1/registers/entries/"


def test_the_public_api_needs_no_login_and_shows_public_data_only(client, cast, make_entry):
    make_entry(cast.kis_waw, notified=40, entered=10, internal_notes="tajne")
    make_entry(cast.kis_krk, notified=5)  # notified only
    response = client.get(PUBLIC)
    assert response.status_code == 200
    data = response.json()
    assert data["count"] == 1
    row = data["results"][0]
    assert row["name"] == "KIS Warszawa" and row["powiat_teryt"] == "1465"
    assert "internal_notes" not in row and "tajne" not in response.content.decode()
    assert client.get(PUBLIC, {"voivodeship": "12"}).json()["count"] == 0


def test_the_entries_api_needs_login(client, cast):
    assert client.get(ENTRIES).status_code in (401, 403)


def test_the_entries_api_is_scoped_and_filtered(client, cast, make_entry, login):
    late = make_entry(cast.kis_waw, notified=40, internal_notes="tajne")
    make_entry(cast.kis_krk, notified=40)
    api = login(cast.officer)
    data = api.get(ENTRIES).json()
    assert [r["id"] for r in data["results"]] == [late.pk]
    assert data["results"][0]["is_overdue"] is True and data["results"][0]["days_overdue"] == 10
    assert data["results"][0]["internal_notes"] == "tajne"
    assert api.get(ENTRIES, {"overdue": "false"}).json()["count"] == 0
    assert api.get(ENTRIES, {"voivodeship": "14", "status": "notified"}).json()["count"] == 1
    analyst = login(cast.analyst).get(ENTRIES).json()["results"][0]
    assert "internal_notes" not in analyst


def test_officer_writes_through_the_services(client, cast, login):
    api = login(cast.officer)
    response = api.post(
        ENTRIES,
        {
            "organisation": cast.kis_waw.pk,
            "entity_kind": "kis",
            "founding_body": cast.ops_waw.pk,
            "creation_mode": "within_ops",
            "notification_date": days_ago(3).isoformat(),
        },
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    pk = response.json()["id"]
    response = api.post(
        f"{ENTRIES}{pk}/enter/", {"entry_date": days_ago(5).isoformat()}, content_type="application/json"
    )
    assert response.status_code == 400 and "entry_date" in response.json()
    response = api.post(
        f"{ENTRIES}{pk}/enter/", {"entry_date": days_ago(1).isoformat()}, content_type="application/json"
    )
    assert response.status_code == 200 and response.json()["register_number"].startswith("KIS/14/")
    response = api.patch(f"{ENTRIES}{pk}/", {"founding_act_number": "1/2026"}, content_type="application/json")
    assert response.status_code == 200 and response.json()["founding_act_number"] == "1/2026"
    response = api.post(
        f"{ENTRIES}{pk}/strike-off/",
        {"date": days_ago(0).isoformat(), "reason": "voivode_finding"},
        content_type="application/json",
    )
    assert response.status_code == 200 and response.json()["status"] == EntryStatus.STRUCK_OFF


def test_readers_cannot_write_through_the_api(client, cast, make_entry, login):
    entry = make_entry(cast.kis_waw, notified=10)
    api = login(cast.analyst)
    response = api.post(
        f"{ENTRIES}{entry.pk}/enter/", {"entry_date": days_ago(1).isoformat()}, content_type="application/json"
    )
    assert response.status_code == 403
    krk = make_entry(cast.kis_krk, notified=10)
    response = login(cast.officer).post(
        f"{ENTRIES}{krk.pk}/enter/", {"entry_date": days_ago(1).isoformat()}, content_type="application/json"
    )
    assert response.status_code == 404
    assert RegisterEntry.objects.filter(status=EntryStatus.ENTERED).count() == 0


def test_the_schema_lists_the_register_endpoints(client):
    response = client.get("/api/schema/")
    assert response.status_code == 200
    text = response.content.decode()
    assert "/api/v1/registers/public/" in text and "/api/v1/registers/entries/{id}/strike-off/" in text
