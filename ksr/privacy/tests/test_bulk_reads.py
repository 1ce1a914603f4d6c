"""Every answer that returns participants' personal data records a read naming each of them, in one insert.

API lists and details of every participant-owned record, the list pages, their CSV and XLSX
exports, searches and the partner's list and API (ADR 0011). The participant's audit tab shows
the reads.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ksr.audit.choices import AuditAction
from ksr.audit.models import AuditEntry
from ksr.cases.models import Participant
from ksr.privacy.tests.world import World, build_world

pytestmark = pytest.mark.django_db

API_LISTS = [
    "/api/v1/cases/participants/",
    "/api/v1/cases/cases/",
    "/api/v1/cases/follow-ups/",
    "/api/v1/privacy/consents/",
    "/api/v1/plans/contracts/",
    "/api/v1/plans/action-plans/",
    "/api/v1/plans/potential-assessments/",
    "/api/v1/plans/card-entries/",
    "/api/v1/plans/outcome-assessments/",
    "/api/v1/plans/outcome-events/",
    "/api/v1/catalogue/bookings/",
]
# The object of each list's detail route, in the test world.
DETAIL_OF = {
    "/api/v1/cases/participants/": "participant",
    "/api/v1/cases/cases/": "case",
    "/api/v1/cases/follow-ups/": "follow_up",
    "/api/v1/privacy/consents/": "consent",
    "/api/v1/plans/contracts/": "contract",
    "/api/v1/plans/action-plans/": "action_plan",
    "/api/v1/plans/potential-assessments/": "potential",
    "/api/v1/plans/card-entries/": "entry0",
    "/api/v1/plans/outcome-assessments/": "outcome",
    "/api/v1/plans/outcome-events/": "event",
    "/api/v1/catalogue/bookings/": "booking",
}
AUDIT_INSERT = 'INSERT INTO "audit_auditentry"'


def worlds(cast: Any, count: int, start: int = 0) -> list[World]:
    return [build_world(cast, surname=f"Osoba{start + i}") for i in range(count)]


_since: dict[str, int] = {"pk": 0}


def reads(actor: Any) -> Any:
    """The reads of participants written by the last ``fetch`` (the trail is append-only)."""
    return AuditEntry.objects.filter(
        pk__gt=_since["pk"],
        action=AuditAction.READ,
        actor=actor,
        content_type=ContentType.objects.get_for_model(Participant),
    )


def fetch(client: Any, url: str) -> tuple[Any, int, int]:
    """The answer, the number of queries and the number of inserts into the audit trail."""
    _since["pk"] = AuditEntry.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    inserts = sum(1 for q in queries.captured_queries if q["sql"].startswith(AUDIT_INSERT))
    return response, len(queries.captured_queries), inserts


def assert_one_read_each(actor: Any, shown: list[World], inserts: int) -> None:
    """One read row per participant shown, all of them (and an export's own row) in one insert."""
    rows = list(reads(actor).values_list("object_id", flat=True))
    assert sorted(rows) == sorted(str(w.participant.pk) for w in shown)
    assert inserts == 1


@pytest.mark.parametrize("url", API_LISTS)
def test_an_api_list_records_a_read_of_each_participant_in_one_insert(cast, login, url):
    client = login(cast.case_manager)
    shown = worlds(cast, 2)
    client.get(url)  # warm the caches (content types, session)
    response, few, inserts = fetch(client, url + "?page_size=500")
    assert response.status_code == 200
    assert_one_read_each(cast.case_manager, shown, inserts)
    shown += worlds(cast, 3, start=2)
    response, many, inserts = fetch(client, url + "?page_size=500")
    assert response.json()["count"] >= 5
    assert_one_read_each(cast.case_manager, shown, inserts)
    assert many == few, "the number of queries grows with the number of rows"


@pytest.mark.parametrize("url", API_LISTS)
def test_an_api_detail_records_one_read_of_its_participant(cast, login, url):
    client = login(cast.case_manager)
    world, _other = worlds(cast, 2)
    response, _, inserts = fetch(client, f"{url}{world.objects[DETAIL_OF[url]].pk}/")
    assert response.status_code == 200
    assert_one_read_each(cast.case_manager, [world], inserts)


def test_a_refused_read_records_nothing(cast, login):
    (world,) = worlds(cast, 1)
    response, _, inserts = fetch(login(cast.zenon), f"/api/v1/cases/participants/{world.participant.pk}/")
    assert response.status_code == 404 and inserts == 0
    response, _, inserts = fetch(login(cast.zenon), "/api/v1/cases/participants/?page_size=500")
    assert response.json()["count"] == 0 and inserts == 0


@pytest.mark.parametrize("name", ["cases:participant_list", "cases:case_list"])
@pytest.mark.parametrize("query", ["", "?format=csv", "?format=xlsx", "?q=Osoba"])
def test_list_pages_exports_and_searches_record_a_read_of_each_participant(cast, login, name, query):
    client = login(cast.kis_manager)
    shown = worlds(cast, 2)
    url = reverse(name) + query
    client.get(url)
    response, few, inserts = fetch(client, url)
    assert response.status_code == 200
    assert_one_read_each(cast.kis_manager, shown, inserts)
    shown += worlds(cast, 3, start=2)
    response, many, inserts = fetch(client, url)
    assert_one_read_each(cast.kis_manager, shown, inserts)
    assert many == few
    if "format=" in query:  # the export itself is in the trail too, in the same insert
        assert AuditEntry.objects.filter(pk__gt=_since["pk"], action=AuditAction.EXPORT).count() == 1


def test_a_search_records_only_the_participants_it_found(cast, login):
    client = login(cast.case_manager)
    found, _ = worlds(cast, 2)
    response, _, inserts = fetch(client, reverse("cases:participant_list") + "?q=Osoba0")
    assert response.status_code == 200
    assert_one_read_each(cast.case_manager, [found], inserts)
    response, _, inserts = fetch(client, "/api/v1/cases/participants/?q=Osoba0")
    assert_one_read_each(cast.case_manager, [found], inserts)


@pytest.mark.parametrize("surface", ["page", "api"])
def test_the_partners_list_page_and_api_record_a_read_of_each_participant(cast, login, surface):
    url = reverse("privacy:partner_participant_list") if surface == "page" else "/api/v1/privacy/partner-participants/"
    client = login(cast.partner)
    shown = worlds(cast, 2)
    client.get(url)
    response, few, inserts = fetch(client, url)
    assert response.status_code == 200
    assert_one_read_each(cast.partner, shown, inserts)
    shown += worlds(cast, 3, start=2)
    response, many, inserts = fetch(client, url)
    assert_one_read_each(cast.partner, shown, inserts)
    assert many == few


def test_the_participants_audit_tab_shows_the_bulk_reads(cast, login):
    world, _ = worlds(cast, 2)
    login(cast.specialist).get("/api/v1/plans/card-entries/?page_size=500")
    login(cast.case_manager).get(reverse("cases:participant_list") + "?format=xlsx")
    tab = login(cast.kis_manager).get(
        reverse("privacy:participant_audit", kwargs={"participant_pk": world.participant.pk})
    )
    html = tab.content.decode()
    assert "karta usług doradczych (API) (lista)" in html and cast.specialist.username in html
    assert "lista uczestników (eksport XLSX)" in html and cast.case_manager.username in html
