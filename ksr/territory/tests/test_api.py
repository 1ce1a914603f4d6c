"""/api/v1/territory/units/: read-only, signed-in users, the same filters as the list."""

from __future__ import annotations

import pytest

from ksr.testing import UNITS, unit

pytestmark = pytest.mark.django_db

URL = "/api/v1/territory/units/"


@pytest.fixture
def territory(cast):
    for row in UNITS:
        unit(row[0])
    return cast


def test_anonymous_is_refused(client, db):
    assert client.get(URL).status_code in (401, 403)
    assert client.get(URL + "14/").status_code in (401, 403)


def test_list_filter_and_detail(territory, login):
    client = login(territory.nobody)
    data = client.get(URL).json()
    assert data["count"] == len(UNITS)
    first = data["results"][0]
    assert set(first) == {"code", "level", "kind", "name", "description", "parent", "valid_from", "retired_on"}
    assert [u["code"] for u in client.get(URL, {"q": "lodz"}).json()["results"]] == ["1061", "1061011", "10"]
    assert [u["code"] for u in client.get(URL, {"voivodeship": "12", "level": "gmina"}).json()["results"]] == [
        "1261011"
    ]
    assert [u["code"] for u in client.get(URL, {"powiat": "1432"}).json()["results"]] == ["1432", "1432023"]
    detail = client.get(URL + "1465011/").json()
    assert detail["parent"] == "1465" and detail["kind"] == "1" and detail["level"] == "gmina"
    assert client.get(URL + "99/").status_code == 404
    assert client.get(URL, {"level": "county"}).status_code == 400


def test_read_only(territory, login):
    client = login(territory.admin)
    assert client.post(URL, {"code": "16"}).status_code == 405
    assert client.delete(URL + "14/").status_code == 405
