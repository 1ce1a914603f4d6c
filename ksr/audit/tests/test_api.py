import pytest

from ksr.audit.choices import AuditAction
from ksr.audit.services import record

URL = "/api/v1/audit/entries/"


@pytest.fixture
def entries(cast):
    return {
        "waw": record(AuditAction.UPDATE, cast.kis_waw, actor=cast.kis_manager, changes={"name": ["a", "b"]}),
        "krk": record(AuditAction.UPDATE, cast.kis_krk, actor=cast.zenon),
        "login": record(AuditAction.LOGIN, cast.nobody, actor=cast.nobody),
    }


def _ids(response):
    return {row["id"] for row in response.json()["results"]}


def test_admin_gets_everything(login, cast, entries):
    response = login(cast.admin).get(URL)
    assert response.status_code == 200
    assert _ids(response) == {e.pk for e in entries.values()}


def test_kis_manager_gets_own_organisation(login, cast, entries):
    assert _ids(login(cast.kis_manager).get(URL)) == {entries["waw"].pk}


def test_zenon_gets_nothing_of_warsaw(login, cast, entries):
    client = login(cast.zenon)
    assert _ids(client.get(URL)) == {entries["krk"].pk}
    assert client.get(f"{URL}{entries['waw'].pk}/").status_code == 404


@pytest.mark.parametrize("who", ["analyst", "national", "nobody"])
def test_other_roles_are_refused(login, cast, entries, who):
    assert login(getattr(cast, who)).get(URL).status_code == 403


def test_filters_and_fields(login, cast, entries):
    response = login(cast.admin).get(URL, {"action": "update", "q": "Warszawa"})
    rows = response.json()["results"]
    assert [r["id"] for r in rows] == [entries["waw"].pk]
    row = rows[0]
    assert row["object_type"] == "registry.organisation"
    assert row["changes"] == {"name": ["a", "b"]}
    assert row["organisation"] == cast.kis_waw.pk


def test_schema_lists_the_audit_api(client, db):
    assert b"/api/v1/audit/entries/" in client.get("/api/schema/").content
