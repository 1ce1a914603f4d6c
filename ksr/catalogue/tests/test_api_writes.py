"""Write endpoints of ``/api/v1/catalogue/``: editions, classes and attendance."""

import pytest

from ksr.catalogue.models import Activity, Attendance, Edition

pytestmark = pytest.mark.django_db
URL = "/api/v1/catalogue/"


def _post(client, path, data):
    return client.post(URL + path, data, content_type="application/json")


def test_manager_creates_an_edition_case_manager_cannot(cast, login):
    body = {"organisation": cast.kis_waw.pk, "name": "Edycja", "starts_on": "2026-01-01", "ends_on": "2026-06-30"}
    response = _post(login(cast.kis_manager), "editions/", body)
    assert response.status_code == 201, response.content
    assert response.json()["lasts_minimum"] is True
    assert _post(login(cast.case_manager), "editions/", body).status_code == 400
    assert Edition.objects.count() == 1


def test_class_and_attendance_both_shapes(cast, login, edition, case, other_case):
    client = login(cast.case_manager)
    body = {
        "edition": edition.pk,
        "date": "2026-02-02",
        "topic": "Warsztat",
        "hours": "2.0",
        "mode": "group",
        "leader": "Anna",
    }
    response = _post(client, "activities/", body)
    assert response.status_code == 201, response.content
    activity_id = response.json()["id"]
    response = _post(client, f"activities/{activity_id}/attendance/", {str(case.pk): "present"})
    assert response.status_code == 200 and response.json()["attendance"][0]["status"] == "present"
    response = _post(client, f"activities/{activity_id}/attendance/", [{"case": case.pk, "status": "absent"}])
    assert response.status_code == 200 and response.json()["attendance"][0]["status"] == "absent"
    response = _post(client, f"activities/{activity_id}/attendance/", {str(other_case.pk): "present"})
    assert response.status_code == 400  # a case they cannot see
    assert Attendance.objects.get().status == "absent"


def test_attendance_404_out_of_scope_403_wrong_role(cast, login, edition, case):
    activity = Activity.objects.create(edition=edition, date="2026-02-02", topic="T", hours=2, mode="group")
    assert _post(login(cast.zenon), f"activities/{activity.pk}/attendance/", []).status_code == 404
    assert _post(login(cast.zenon), "activities/", {"edition": edition.pk}).status_code == 400
    assert not Attendance.objects.exists()
