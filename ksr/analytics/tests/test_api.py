import pytest

from ksr.analytics.tests.helpers import add_members, network, org


@pytest.fixture
def lsr(cast):
    net = network("LSR Warszawa", cast.kis_waw)
    add_members(net, [cast.ops_waw, org("Dom Kultury", kind="culture_institution", sectors=["culture"])])
    return net


def test_list_and_detail_are_scoped(client, cast, login, lsr):
    assert client.get("/api/v1/analytics/networks/").status_code in (401, 403)
    api = login(cast.coordinator)
    listed = api.get("/api/v1/analytics/networks/").json()
    assert [n["name"] for n in listed["results"]] == ["LSR Warszawa"]
    detail = api.get(f"/api/v1/analytics/networks/{lsr.pk}/").json()
    assert detail["summary"]["member_count"] == 3  # the main node counts
    assert detail["summary"]["covered_sectors"] == ["culture"]
    assert {n["name"] for n in detail["nodes"]} == {"KIS Warszawa", "MOPS Warszawa", "Dom Kultury"}
    assert detail["graph"]["betweenness_method"] == "exact"
    assert login(cast.zenon).get(f"/api/v1/analytics/networks/{lsr.pk}/").status_code == 404


def test_list_filters_like_the_page(cast, login, lsr):
    api = login(cast.national)
    assert api.get("/api/v1/analytics/networks/?level=regional").json()["count"] == 0
    assert api.get("/api/v1/analytics/networks/?voivodeship=14").json()["count"] == 1


def test_api_is_read_only(cast, login, lsr):
    assert login(cast.admin).delete(f"/api/v1/analytics/networks/{lsr.pk}/").status_code == 405


def test_powiat_figures(cast, login, lsr):
    rows = login(cast.partner).get("/api/v1/analytics/maps/powiats/").json()
    by_code = {r["code"]: r for r in rows}
    assert by_code["1465"]["lsr_count"] == 1
