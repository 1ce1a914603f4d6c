from __future__ import annotations

import io
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from ksr.pipeline.choices import Stage

PNG_DIR = Path(os.environ.get("KSR_TEST_ARTIFACTS", "/tmp/ksr-pipeline-reports"))  # noqa: S108 (looked at by hand)


def _pdftoppm() -> str:
    path = shutil.which("pdftoppm")
    if path is None:
        if os.environ.get("KSR_REQUIRE_BROWSER") == "1":
            pytest.fail("pdftoppm (poppler-utils) is required but missing")
        pytest.skip("pdftoppm (Debian package poppler-utils) is not installed")
    return path


@pytest.fixture
def data(make_initiative):
    make_initiative(Stage.OPERATING, name="KIS Łódź-Bałuty ząb")
    make_initiative(Stage.SUSTAINED, name="KIS Żoliborz")
    make_initiative(Stage.FIRST_CONTACT, gmina="1261011", name="KIS Nowa Huta")


@pytest.mark.parametrize("kind", ["animation", "readiness", "diagram"])
def test_pdf_renders_to_image(login, cast, data, kind):
    tool = _pdftoppm()
    response = login(cast.national).get(reverse("pipeline:report_download", args=[kind, "pdf"]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    PNG_DIR.mkdir(parents=True, exist_ok=True)
    pdf = PNG_DIR / f"{kind}.pdf"
    pdf.write_bytes(response.content)
    subprocess.run(  # noqa: S603 (fixed arguments)
        [tool, "-png", "-r", "60", "-f", "1", "-l", "1", str(pdf), str(PNG_DIR / kind)], check=True
    )
    pngs = list(PNG_DIR.glob(f"{kind}-*.png"))
    assert pngs and pngs[0].stat().st_size > 2000


def test_xlsx_animation_report_read_back(login, cast, data):
    response = login(cast.national).get(reverse("pipeline:report_download", args=["animation", "xlsx"]))
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = list(sheet.iter_rows(values_only=True))
    texts = " ".join(str(v) for row in values for v in row if v is not None)
    assert "2" in texts and "KIS Żoliborz" in texts and "KIS Łódź-Bałuty ząb" in texts
    assert values[0][0]  # the title
    assert "KIS Nowa Huta" not in texts  # only created entities are listed


def test_reports_scoped_to_region(login, cast, data):
    response = login(cast.analyst).get(reverse("pipeline:report_download", args=["animation", "xlsx"]))
    texts = " ".join(
        str(v)
        for row in load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True)
        for v in row
        if v is not None
    )
    assert "(12)" not in texts and "(14)" in texts


def test_reports_access(client, login, cast):
    assert client.get(reverse("pipeline:reports")).status_code == 302
    assert login(cast.zenon).get(reverse("pipeline:reports")).status_code == 403
    assert login(cast.analyst).get(reverse("pipeline:reports")).status_code == 200
    assert login(cast.analyst).get(reverse("pipeline:report_download", args=["nope", "pdf"])).status_code == 404


def test_missing_font_is_a_clear_error(login, cast, monkeypatch):
    monkeypatch.setattr("ksr.pipeline.reports.FONT_PATH", "/nonexistent/DejaVuSans.ttf")
    response = login(cast.national).get(reverse("pipeline:report_download", args=["animation", "pdf"]))
    assert response.status_code == 503 and b"fonts-dejavu-core" in response.content


@pytest.mark.parametrize(("kind", "heading"), [("readiness", "Gotowość"), ("diagram", "Województwo")])
def test_survey_reports_come_from_the_surveys_app(login, cast, data, kind, heading):
    """The readiness and diagram reports read ``ksr.surveys.reports`` directly (no silent fallback)."""
    response = login(cast.national).get(reverse("pipeline:report_download", args=[kind, "xlsx"]))
    assert response.status_code == 200
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    texts = " ".join(str(v) for row in rows for v in row if v is not None)
    assert heading in texts and "niedostępne" not in texts
