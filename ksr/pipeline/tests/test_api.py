from __future__ import annotations

from ksr.pipeline.choices import Stage
from ksr.testing import unit

from .conftest import days_ago


def test_api_scoped_and_transition(login, cast, make_initiative):
    waw = make_initiative(Stage.PROSPECT, name="KIS W")
    krk = make_initiative(Stage.PROSPECT, gmina="1261011", name="KIS K")
    client = login(cast.animator)
    data = client.get("/api/v1/pipeline/initiatives/").json()
    assert [row["name"] for row in data["results"]] == ["KIS W"]
    assert client.get(f"/api/v1/pipeline/initiatives/{krk.pk}/").status_code == 404
    response = client.post(
        f"/api/v1/pipeline/initiatives/{waw.pk}/transition/",
        {"to_stage": Stage.FIRST_CONTACT, "on": days_ago(0).isoformat(), "note": "telefon"},
        content_type="application/json",
    )
    assert response.status_code == 200, response.content
    assert response.json()["stage"] == Stage.FIRST_CONTACT
    bad = client.post(
        f"/api/v1/pipeline/initiatives/{waw.pk}/transition/",
        {"to_stage": Stage.NOTIFIED},
        content_type="application/json",
    )
    assert bad.status_code == 400


def test_api_readers_cannot_write(login, cast, make_initiative):
    waw = make_initiative(Stage.PROSPECT)
    client = login(cast.analyst)
    response = client.post(
        f"/api/v1/pipeline/initiatives/{waw.pk}/transition/",
        {"to_stage": Stage.FIRST_CONTACT},
        content_type="application/json",
    )
    assert response.status_code == 403
    response = client.post(
        "/api/v1/pipeline/initiatives/",
        {"name": "X", "gmina": "1465011", "entity_kind": "kis"},
        content_type="application/json",
    )
    assert response.status_code == 403


def test_api_create_and_funnel(login, cast):
    unit("1432023")
    client = login(cast.animator)
    response = client.post(
        "/api/v1/pipeline/initiatives/",
        {"name": "KIS D", "gmina": "1432023", "entity_kind": "kis"},
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    funnel = client.get("/api/v1/pipeline/funnel/").json()
    assert funnel["national"]["total"] == 1 and funnel["regions"][0]["voivodeship"] == "14"
    assert login(cast.nobody).get("/api/v1/pipeline/initiatives/").json()["results"] == []


def test_api_anonymous(client, cast):
    assert client.get("/api/v1/pipeline/initiatives/").status_code in (401, 403)
