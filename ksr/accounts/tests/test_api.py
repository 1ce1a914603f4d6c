from rest_framework.test import APIClient

ME = "/api/v1/accounts/me/"


def test_me_requires_authentication(db):
    assert APIClient().get(ME).status_code == 401


def test_me_returns_user_memberships_and_roles(login, cast):
    response = login(cast.kis_manager).get(ME)
    assert response.status_code == 200
    data = response.json()
    assert data["username"] == "alicja"
    assert data["roles"] == ["entity_manager"]
    assert [m["organisation_name"] for m in data["memberships"]] == ["KIS Warszawa"]
    assert data["memberships"][0]["role"] == "entity_manager"
    assert data["second_factor_enabled"] is True
    assert data["second_factor_required"] is True


def test_me_of_nobody(login, cast):
    data = login(cast.nobody).get(ME).json()
    assert data["roles"] == [] and data["memberships"] == []


def test_me_is_read_only(login, cast):
    client = login(cast.analyst)
    assert client.post(ME, {"username": "x"}, content_type="application/json").status_code == 405


def test_schema_includes_me(client, db):
    response = client.get("/api/schema/")
    assert response.status_code == 200
    assert b"/api/v1/accounts/me/" in response.content


def test_schema_declares_me_as_one_object(client, db):
    schema = client.get("/api/schema/?format=json").json()
    ok = schema["paths"]["/api/v1/accounts/me/"]["get"]["responses"]["200"]["content"]["application/json"]["schema"]
    assert ok == {"$ref": "#/components/schemas/Me"}


def test_schema_lets_read_only_values_be_blank_or_null_as_stored(client, db):
    unit = client.get("/api/schema/?format=json").json()["components"]["schemas"]["TerritorialUnit"]["properties"]
    assert unit["parent"]["nullable"] is True
    assert any(option.get("$ref", "").endswith("BlankEnum") for option in unit["kind"].get("oneOf", []))
