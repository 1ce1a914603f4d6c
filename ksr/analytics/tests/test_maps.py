import datetime as dt

import pytest
from django.urls import reverse

from ksr.analytics import mapdata
from ksr.analytics.tests.helpers import network
from ksr.registers.models import RegisterEntry
from ksr.testing import response_bytes, unit


@pytest.fixture
def territory(cast):
    for code in ("1432023", "1061011"):
        unit(code)
    RegisterEntry.objects.create(
        organisation=cast.kis_krk,
        entity_kind="kis",
        voivodeship=unit("12"),
        register_number="KIS/12/1",
        founding_body=cast.kis_krk,
        creation_mode="ngo",
        notification_date=dt.date(2026, 1, 5),
        entry_date=dt.date(2026, 1, 20),
        status="entered",
    )
    network("LSR Dąbrówka", cast.kis_waw, territory="1432023")
    network("LSR Warszawa", cast.kis_waw, territory="1465")  # a powiat-wide LSR


def test_gmina_statuses_and_white_spots(territory):
    rows = {r.code: r for r in mapdata.gmina_rows()}
    assert rows["1261011"].kis == 1 and rows["1261011"].statuses == ["kis"]
    assert rows["1432023"].lsr == 1 and rows["1432023"].main_status == "lsr"
    assert rows["1465011"].lsr == 1  # covered by the powiat-wide LSR
    assert rows["1061011"].is_white_spot
    powiats = {r.code: r for r in mapdata.powiat_rows()}
    assert powiats["1061"].white_spot_count == 1
    assert powiats["1432"].lsr_count == 1
    assert powiats["1465"].white_spot_count == 0
    assert len(powiats) == 380


def test_maps_page_for_signed_in_users(client, cast, login, territory):
    url = reverse("analytics:maps")
    assert client.get(url).status_code == 302
    html = login(cast.zenon).get(url).content.decode()
    assert html.count('class="powiat ') == 2 * 380
    assert "tile-grid" not in html


def test_tile_grid_of_a_powiat(cast, login, territory):
    html = login(cast.partner).get(reverse("analytics:maps") + "?powiat=1432").content.decode()
    assert 'data-code="1432023"' in html
    assert "tile status-lsr" in html
    assert login(cast.partner).get(reverse("analytics:maps") + "?powiat=abc").status_code == 404


def test_csv_per_powiat_and_per_gmina(cast, login, territory):
    client = login(cast.analyst)
    powiats = response_bytes(client.get(reverse("analytics:maps") + "?format=csv&level=powiat")).decode("utf-8-sig")
    assert powiats.count("\n") == 381
    gminas = response_bytes(client.get(reverse("analytics:maps") + "?format=csv&level=gmina&powiat=1061")).decode(
        "utf-8-sig"
    )
    lines = gminas.strip().splitlines()
    assert len(lines) == 2 and lines[1].startswith("1061011;") and lines[1].endswith(";tak")
