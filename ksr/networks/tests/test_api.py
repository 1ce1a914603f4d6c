from ksr.networks.models import NetworkMembership


def test_api_lists_scoped_networks_and_health(cast, login, lsr, rsr, ksr):
    client = login(cast.zenon)
    ids = {row["id"] for row in client.get("/api/v1/networks/networks/").json()["results"]}
    assert ids == {ksr.pk}
    assert client.get(f"/api/v1/networks/networks/{lsr.pk}/").status_code == 404
    client = login(cast.coordinator)
    health = client.get(f"/api/v1/networks/networks/{lsr.pk}/health/").json()
    assert health["score"] == 0 and len(health["rules"]) == 5 and not health["is_healthy"]
    assert client.get(f"/api/v1/networks/networks/{rsr.pk}/health/").status_code == 404
    local = client.get("/api/v1/networks/networks/", {"level": "local"}).json()["results"]
    assert [row["name"] for row in local] == ["LSR Warszawa"]


def test_api_writes_go_through_services(cast, login, lsr):
    client = login(cast.coordinator)
    response = client.post(
        "/api/v1/networks/memberships/",
        {"network": lsr.pk, "organisation": cast.library_waw.pk, "joined_on": "2026-01-01"},
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    pk = response.json()["id"]
    response = client.post(
        f"/api/v1/networks/memberships/{pk}/end/", {"left_on": "2025-01-01"}, content_type="application/json"
    )
    assert response.status_code == 400  # before joining
    response = client.post(
        f"/api/v1/networks/memberships/{pk}/end/", {"left_on": "2026-02-01"}, content_type="application/json"
    )
    assert response.status_code == 200 and NetworkMembership.objects.get(pk=pk).left_on is not None
    response = client.patch(
        f"/api/v1/networks/networks/{lsr.pk}/", {"civic_leaders": ""}, content_type="application/json"
    )
    assert response.status_code == 400 and "civic_leaders" in response.json()
    client = login(cast.case_manager)
    response = client.patch(f"/api/v1/networks/networks/{lsr.pk}/", {"name": "X"}, content_type="application/json")
    assert response.status_code == 403
    response = client.post(
        "/api/v1/networks/auspices/",
        {"network": lsr.pk, "kind": "declaration", "date": "2026-01-01"},
        content_type="application/json",
    )
    assert response.status_code == 403


def test_api_requires_login(client):
    assert client.get("/api/v1/networks/networks/").status_code in (401, 403)
