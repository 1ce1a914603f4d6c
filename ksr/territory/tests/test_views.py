"""The territory pages: list (filters, export, query count), detail, autocomplete."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from ksr.territory.models import TerritorialUnit
from ksr.testing import UNITS, response_bytes, unit

pytestmark = pytest.mark.django_db

LIST = reverse("territory:unit_list")
SEARCH = reverse("territory:unit_search")


@pytest.fixture
def territory(cast):
    for row in UNITS:
        unit(row[0])
    return cast


def test_anonymous_users_are_sent_to_sign_in(client, db):
    for url in (LIST, SEARCH, reverse("territory:unit_detail", args=["14"])):
        response = client.get(url)
        assert response.status_code == 302 and reverse("accounts:login") in response["Location"]


def test_list_page_and_its_query_count(territory, login, django_assert_num_queries):
    client = login(territory.nobody)
    client.get(LIST)  # warm up (sessions, content types)
    with django_assert_num_queries(7):
        response = client.get(LIST)
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<h1") == 1
    assert 'id="results"' in html and "<caption>" in html and '<th scope="col">' in html
    assert response.context["paginator"].count == len(UNITS)
    # more rows, same queries (no N+1 on parents)
    unit("1465").children.create(code="1465021", level="gmina", kind="2", name="Extra", description="x")
    with django_assert_num_queries(7):
        client.get(LIST)


def test_filters(territory, login):
    client = login(territory.nobody)

    def codes(**params):
        response = client.get(LIST, params)
        assert response.status_code == 200
        return [u.code for u in response.context["object_list"]]

    assert codes(q="lodz") == ["1061", "1061011", "10"]
    assert codes(q="1465") == ["1465", "1465011"]
    assert codes(level="voivodeship") == ["10", "12", "14"]
    assert codes(voivodeship="12") == ["12", "1261", "1261011"]
    assert codes(powiat="wołomiński") == ["1432", "1432023"]
    assert codes(powiat="1432", level="gmina") == ["1432023"]
    TerritorialUnit.objects.filter(code="1432023").update(retired_on="2023-01-01")
    assert codes(powiat="1432") == ["1432"]
    assert codes(powiat="1432", retired="on") == ["1432", "1432023"]
    assert "1432023" not in codes()
    assert codes(q="Atlantyda") == []
    assert (
        "No territorial unit matches"
        in client.get(LIST, {"q": "Atlantyda"}, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    )


def test_htmx_gets_only_the_results(territory, login):
    response = login(territory.nobody).get(LIST, {"q": "krakow"}, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert html.lstrip().startswith('<div id="results">') and "<h1" not in html


def test_export_csv_and_xlsx(territory, login):
    client = login(territory.nobody)
    response = client.get(LIST, {"voivodeship": "12", "format": "csv"})
    assert response["Content-Type"].startswith("text/csv")
    lines = response_bytes(response).decode("utf-8-sig").splitlines()
    assert len(lines) == 4
    assert lines[1].split(";")[:3] == ["12", "MAŁOPOLSKIE", lines[1].split(";")[2]]
    assert lines[3].split(";")[0] == "1261011" and lines[3].split(";")[5] == "1261"

    response = client.get(LIST, {"q": "lodz", "format": "xlsx"})
    sheet = load_workbook(io.BytesIO(response_bytes(response))).active
    rows = list(sheet.iter_rows(values_only=True))
    assert [r[0] for r in rows[1:]] == ["1061", "1061011", "10"]
    assert rows[2][1] == "Łódź"


def test_detail_shows_parents_and_children(territory, login):
    client = login(territory.nobody)
    response = client.get(reverse("territory:unit_detail", args=["1465"]))
    assert response.status_code == 200
    assert [u.code for u in response.context["ancestors"]] == ["14"]
    assert [u.code for u in response.context["children"]] == ["1465011"]
    html = response.content.decode()
    assert html.count("<h1") == 1 and reverse("territory:unit_detail", args=["1465011"]) in html


def test_detail_of_an_unknown_code_is_404(territory, login):
    client = login(territory.nobody)
    assert client.get(reverse("territory:unit_detail", args=["99"])).status_code == 404
    assert client.get("/terytorium/abc/").status_code == 404


def test_autocomplete_options(territory, login):
    client = login(territory.nobody)
    html = client.get(SEARCH, {"q": "lodz", "level": "gmina"}).content.decode()
    assert html.count("<option") == 1 and 'value="Łódź (1061011)"' in html
    # the widget sends the input under its own name, named by ``field``
    html = client.get(SEARCH, {"field": "seat", "seat": "krak"}).content.decode()
    assert html.count("<option") == 2
    assert client.get(SEARCH, {"q": ""}).content.decode().strip() == ""
    data = client.get(SEARCH, {"q": "1465", "format": "json"}).json()["results"]
    assert [r["code"] for r in data] == ["1465", "1465011"]
    assert data[1]["value"] == "Warszawa (1465011)" and "pow. Warszawa" not in data[1]["label"]


def test_autocomplete_is_limited_to_20(territory, login):
    parent = unit("1465")
    TerritorialUnit.objects.bulk_create(
        TerritorialUnit(
            code=f"1465{i:02d}8",
            level="district",
            kind="8",
            name=f"Dzielnica {i}",
            name_folded=f"dzielnica {i}",
            parent=parent,
        )
        for i in range(2, 40)
    )
    html = login(territory.nobody).get(SEARCH, {"q": "dzielnica"}).content.decode()
    assert html.count("<option") == 20
