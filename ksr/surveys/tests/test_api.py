import pytest

from ksr.surveys.tests.helpers import answered, answers, open_survey


def test_api_lists_scoped_surveys_and_summary(login, cast, settings):
    settings.KSR_SURVEY_MIN_RESPONSES = 1  # the formula on one sheet (the minimum: test_once_and_minimum)
    survey = answered(open_survey(cast.animator), answers())
    client = login(cast.analyst)
    data = client.get("/api/v1/surveys/surveys/").json()
    assert [s["id"] for s in data["results"]] == [survey.pk]
    summary = client.get(f"/api/v1/surveys/surveys/{survey.pk}/summary/").json()
    assert summary["total"] == 1
    readiness = client.get(f"/api/v1/surveys/surveys/{survey.pk}/readiness/").json()
    assert readiness["level"] == "high"


@pytest.mark.parametrize("who", ["zenon", "nobody"])
def test_api_refuses_others(login, cast, who):
    open_survey(cast.animator)
    assert login(getattr(cast, who)).get("/api/v1/surveys/surveys/").status_code == 403


def test_api_create_goes_through_the_service(login, cast):
    client = login(cast.analyst)
    payload = {"gmina": "1465011", "title": "API", "starts_on": "2026-05-01", "ends_on": "2026-05-07"}
    from ksr.testing import unit

    unit("1465011")
    assert client.post("/api/v1/surveys/surveys/", payload, content_type="application/json").status_code == 403
    created = login(cast.animator).post("/api/v1/surveys/surveys/", payload, content_type="application/json")
    assert created.status_code == 201 and created.json()["title"] == "API"
