"""The graph view and the maps in real Chromium: nodes drawn, zoom and filters change the view,
no serious axe-core violations; screenshots in test-artifacts/screenshots/."""

import pytest
from django.urls import reverse

from ksr.analytics.tests.helpers import add_members, network, org
from ksr.testing import PASSWORD, build_cast
from ksr.testing.browser import screenshot, serious_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _sign_in(page, username):
    page.goto(page.base_url + reverse("accounts:login"))
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state("networkidle")
    assert "logowanie" not in page.url, f"{username} could not sign in"


def _data():
    cast = build_cast()
    rsr = network("RSR Mazowsze", cast.rops_maz, level="regional", territory="14")
    school = org("Szkoła Podstawowa nr 1", kind="school", sectors=["education"])
    club = org("Klub Sportowy Orzeł", kind="sport_centre", sectors=["sport"])
    culture = org("Dom Kultury Praga", kind="culture_institution", sectors=["culture"])
    first = network("LSR Warszawa-Praga", cast.kis_waw, parent=rsr)
    add_members(first, [cast.ops_waw, cast.library_waw, school, culture])
    second = network("LSR Dąbrówka", org("KIS Dąbrówka", kind="kis", seat="1432023"), territory="1432023", parent=rsr)
    add_members(second, [club, school, culture])
    return cast, rsr


def test_graph_view_pans_zooms_filters_and_recolours(page):
    cast, rsr = _data()
    _sign_in(page, cast.analyst.username)
    page.goto(page.base_url + reverse("analytics:network_graph", kwargs={"network_pk": rsr.pk}))
    svg = page.locator("svg.graph")
    assert svg.locator("g.node").count() == 8  # ROPS, 2 KIS, OPS, library, school, culture, sport
    assert page.locator("#graph-controls").is_visible()
    assert serious_violations(page) == []
    screenshot(page, "analytics-graph")

    before = svg.get_attribute("viewBox")
    page.locator("[data-zoom=in]").click()
    zoomed = svg.get_attribute("viewBox")
    assert zoomed != before
    page.locator("[data-zoom=out]").focus()
    page.keyboard.press("Enter")
    assert svg.get_attribute("viewBox") != zoomed

    visible_ties = (
        "[...document.querySelectorAll('svg.graph line.tie')]"
        ".filter(line => getComputedStyle(line).display !== 'none').length"
    )
    shown = page.evaluate(visible_ties)
    assert shown > 0
    page.locator("input[name=tie][value=network]").uncheck()
    assert page.evaluate(visible_ties) < shown

    page.locator("input[name=colour][value=sector]").check()
    assert "colour-sector" in svg.get_attribute("class")
    assert page.locator(".legend-sector").is_visible()
    screenshot(page, "analytics-graph-by-sector")
    assert serious_violations(page) == []


def test_metrics_and_maps_pages(page):
    cast, rsr = _data()
    _sign_in(page, cast.analyst.username)
    page.goto(page.base_url + reverse("analytics:network_metrics", kwargs={"network_pk": rsr.pk}))
    assert page.locator("#node-table tbody tr").count() == 8
    assert serious_violations(page) == []
    screenshot(page, "analytics-metrics")

    page.goto(page.base_url + reverse("analytics:maps") + "?powiat=1432#gminas")
    assert page.locator("svg.map path.powiat").count() == 2 * 380
    assert page.locator(".tile-grid li").count() >= 1
    assert serious_violations(page) == []
    screenshot(page, "analytics-maps")
