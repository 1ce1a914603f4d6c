from ksr.cooperation.models import CooperationAssessment

from .conftest import held_meeting
from .test_assessment_services import card_data

MEETINGS = "/api/v1/cooperation/meetings/"
CARDS = "/api/v1/cooperation/assessments/"


def test_meetings_scoped_and_masked(login, cast, forum):
    held_meeting(forum, cast.coordinator, participants_active=3)
    body = login(cast.partner).get(MEETINGS).json()
    assert body["count"] == 1 and body["results"][0]["report"]["participants_active"] == "<5"
    assert login(cast.case_manager).get(MEETINGS).json()["results"][0]["report"]["participants_active"] == "3"
    assert login(cast.zenon).get(MEETINGS).json()["count"] == 0


def test_meetings_filter_by_kind(login, cast, forum):
    held_meeting(forum, cast.coordinator)
    held_meeting(forum, cast.coordinator, kind="operational")
    client = login(cast.coordinator)
    assert client.get(MEETINGS, {"kind": "operational"}).json()["count"] == 1


def test_plan_meeting_via_api(login, cast, forum):
    payload = {"forum": forum.pk, "kind": "strategic", "title": "Konwent", "planned_on": "2026-12-01", "agenda": ["A"]}
    response = login(cast.coordinator).post(MEETINGS, payload, content_type="application/json")
    assert response.status_code == 201, response.content
    assert response.json()["agenda_items"] == ["A"]
    assert login(cast.partner).post(MEETINGS, payload, content_type="application/json").status_code == 403


def test_fill_card_via_api(login, cast, lsr):
    payload = {"network": lsr.pk, "organisation": cast.library_waw.pk, **card_data()}
    payload["filled_on"] = payload["filled_on"].isoformat()
    client = login(cast.partner)
    assert client.post(CARDS, payload, content_type="application/json").status_code == 201
    again = client.post(CARDS, payload, content_type="application/json")
    assert again.status_code == 400 and "non_field_errors" in again.json()
    assert (
        login(cast.ops_worker)
        .post(CARDS, {**payload, "organisation": cast.ops_waw.pk}, content_type="application/json")
        .status_code
        == 403
    )
    assert CooperationAssessment.objects.count() == 1
    assert login(cast.zenon).get(CARDS).json()["count"] == 0
    assert login(cast.partner).get(CARDS).json()["count"] == 1


def test_api_requires_login(client, forum):
    assert client.get(MEETINGS).status_code in (401, 403)
