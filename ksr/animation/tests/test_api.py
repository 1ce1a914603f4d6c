import datetime as dt

import pytest

from ksr.animation import services
from ksr.animation.tests.helpers import certified, team
from ksr.testing import unit

BASE = "/api/v1/animation/"


@pytest.fixture
def work(cast):
    t = team(cast)
    a = certified(cast, team_=t)
    services.do_record_advice_visit(
        {"entity": cast.kis_waw, "visited_on": dt.date(2026, 5, 1), "animator": a, "topics": "Profil"}, actor=cast.admin
    )
    return t, a


@pytest.mark.parametrize("path", ["teams/", "animators/", "scenario-choices/", "events/", "advice-visits/"])
def test_anonymous_refused(client, cast, path):
    assert client.get(BASE + path).status_code in (401, 403)


def test_scoping_and_flags(cast, login, work):
    data = login(cast.animator).get(BASE + "teams/").json()
    assert data["count"] == 1 and data["results"][0]["flags"]
    for user in (cast.zenon, cast.nobody, cast.kis_manager):
        assert login(user).get(BASE + "animators/").json()["count"] == 0
    assert login(cast.national).get(BASE + "advice-visits/").json()["count"] == 1
    body = login(cast.analyst).get(BASE + "animators/").json()
    assert body["results"][0]["status"] == "certified" and len(body["results"][0]["examinations"]) == 1


def test_filter_is_shared(cast, login, work):
    client = login(cast.national)
    assert client.get(BASE + "animators/?region=12").json()["count"] == 0
    assert client.get(BASE + "animators/?region=14").json()["count"] == 1


def test_choose_scenario_through_the_api(cast, login, work):
    client = login(cast.animator)
    response = client.post(BASE + "scenario-choices/", {"gmina": "1465011", "scenario": "joint_diagnosis"})
    assert response.status_code == 201, response.content
    assert (
        client.post(BASE + "scenario-choices/", {"gmina": "1261011", "scenario": "joint_diagnosis"}).status_code == 403
    )
    assert (
        login(cast.analyst)
        .post(BASE + "scenario-choices/", {"gmina": "1465011", "scenario": "joint_diagnosis"})
        .status_code
        == 403
    )


def test_advice_visit_validation_answers_400(cast, login, work):
    _t, a = work
    client = login(cast.animator)
    response = client.post(
        BASE + "advice-visits/",
        {
            "entity": cast.kis_waw.pk,
            "visited_on": "2026-06-01",
            "animator": a.pk,
            "topics": "X",
            "adopted_new_profile": True,
        },
    )
    assert response.status_code == 400 and "adopted_on" in response.json()


def test_event_through_the_api(cast, login, work):
    response = login(cast.animator).post(
        BASE + "events/",
        {
            "kind": "duty_hour",
            "gmina": "1465011",
            "held_on": "2026-06-01",
            "title": "Dyżur",
            "present": [cast.ops_waw.pk],
        },
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    assert unit("1465011").animation_events.count() == 1
