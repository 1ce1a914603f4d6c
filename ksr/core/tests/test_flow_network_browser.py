"""Acceptance of the networks issue in a real browser (Chromium via Playwright).

1. An LSR is created in both variants through the pages; the administrative one gains type C
   members covering the four sectors, the KIS auspices, a signed partnership with a type C partner
   (agreement PDF uploaded), held strategic and operational forum meetings and an assessment card;
   its health panel is red at the start and green only at the end (screenshots of both).
2. A Pact with three signatories dissolves when one withdraws; the join/withdraw history is shown.
3. axe-core finds no serious or critical violation on any new page of the issue (Polish, and a
   selection in English); a screenshot of each is kept in test-artifacts/screenshots/.
"""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import formats, translation

from ksr.core.tests import network_flow_helpers as h
from ksr.networks.models import Network
from ksr.testing import build_cast
from ksr.testing.browser import screenshot, serious_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _upper_network(cast):
    """KSR and RSR Mazowsze (so the new LSR can be linked to the RSR of its voivodeship)."""
    from ksr.networks import services
    from ksr.registry.choices import OrganisationKind as K
    from ksr.testing import OrganisationFactory, unit

    kowr = OrganisationFactory(name="KOWR", kind=K.NATIONAL_CENTRE, operating_level="national", parent=cast.ministry)
    rowr = OrganisationFactory(
        name="ROWR Mazowsze", kind=K.REGIONAL_CENTRE, operating_level="regional", parent=cast.rops_maz
    )
    ksr = services.do_create_network({"name": "KSR", "level": "national", "main_node": kowr}, actor=cast.admin)
    return services.do_create_network(
        {"name": "RSR Mazowsze", "level": "regional", "territory": unit("14"), "main_node": rowr, "parent": ksr},
        actor=cast.admin,
    )


def _fill_network_form(page, *, name, main_node, rsr, variant):
    page.fill("#id_name", name)
    page.fill("#id_territory", "1465011")
    page.select_option("#id_main_node", str(main_node.pk))
    page.select_option("#id_parent", str(rsr.pk))
    page.check(f"input[name=creation_variant][value={variant}]")
    page.fill("#id_established_on", h.days_ago(120).isoformat())


# --- 1. the LSR lifecycle and its health panel ----------------------------------------------------


def test_lsr_administrative_variant_turns_healthy_only_when_every_rule_holds(page):
    cast = build_cast()
    rsr = _upper_network(cast)
    school, culture, clinic, sport = h.four_sector_partners()
    h.confirmed_device(cast.kis_manager)  # alicja needs her second factor: the real TOTP step below
    problems: list[str] = []  # navigation problems found on the way (reported together at the end)

    h.sign_in(page, cast.kis_manager)

    # Create the LSR, administrative variant, from the list page's button.
    h.go(page, "networks:network_list")
    page.locator("main a[href$='?level=local']").click()
    page.wait_for_load_state("networkidle")
    _fill_network_form(page, name="LSR Warszawa-Praga", main_node=cast.kis_waw, rsr=rsr, variant="administrative")
    h.submit(page)  # no act given: the administrative variant needs it
    assert "/sieci/nowa/" in page.url and h.form_errors(page), "the act of the administrative variant is required"
    page.select_option("#id_creation_act_kind", "decision")
    page.fill("#id_creation_act_number", "Zarządzenie nr 12/2026")
    page.fill("#id_creation_act_date", h.days_ago(130).isoformat())
    h.submit(page)
    assert not h.form_errors(page), h.form_errors(page)
    lsr = Network.objects.get(name="LSR Warszawa-Praga")
    assert page.url.endswith(reverse("networks:network_detail", kwargs={"pk": lsr.pk}))
    assert page.locator("h1").inner_text() == "LSR Warszawa-Praga"
    assert "Zarządzenie nr 12/2026" in page.locator("main dl.details").inner_text()

    # At the start every rule fails: the panel is red.
    assert h.health_states(page) == dict.fromkeys(h.HEALTH_RULES, False)
    assert "0/5" in h.health_heading(page)
    assert page.locator("#health-heading .badge-danger").count() == 1
    screenshot(page, "network-health-red")

    # (b) type C members covering the four sectors.
    for organisation in (school, culture, clinic, sport):
        page.locator(f"main a[href='{reverse('networks:member_add', kwargs={'pk': lsr.pk})}']").first.click()
        page.wait_for_load_state("networkidle")
        page.select_option("#id_organisation", str(organisation.pk))
        h.submit(page)
        assert not h.form_errors(page), h.form_errors(page)
    members = page.locator("section[aria-labelledby=members-heading] tbody").inner_text()
    assert all(o.name in members for o in (school, culture, clinic, sport))
    states = h.health_states(page)
    assert states["type_c"] and not states["auspices"]

    # (a) the auspices of the city president.
    page.locator(f"main a[href='{reverse('networks:auspices_add', kwargs={'pk': lsr.pk})}']").first.click()
    page.wait_for_load_state("networkidle")
    page.select_option("#id_kind", "decision")
    page.fill("#id_number", "Zarządzenie nr 13/2026")
    page.fill("#id_date", h.days_ago(100).isoformat())
    h.submit(page)
    assert not h.form_errors(page), h.form_errors(page)
    assert h.health_states(page)["auspices"]

    # (c) a partnership with a type C partner and a signed agreement, reached from the panel.
    partnerships_url = reverse("partnerships:network_partnerships", kwargs={"network_pk": lsr.pk})
    h.fix_link(page, "partnership").click()
    page.wait_for_load_state("networkidle")
    if not page.url.endswith(partnerships_url):
        problems.append(f"health 'partnership' fix link leads to {page.url}, not {partnerships_url}")
        page.goto(page.base_url + partnerships_url)
    page.locator(f"main a[href='{reverse('partnerships:partnership_create', kwargs={'network_pk': lsr.pk})}']").click()
    page.wait_for_load_state("networkidle")
    page.fill("#id_name", "Partnerstwo na rzecz aktywizacji Pragi")
    page.fill("#id_goal", "Wspólne usługi reintegracyjne dla mieszkańców Pragi.")
    page.select_option("#id_form", "agreement")
    h.submit(page)
    assert not h.form_errors(page), h.form_errors(page)
    assert "/partnerstwa/" in page.url and page.locator("h1").inner_text() == "Partnerstwo na rzecz aktywizacji Pragi"
    detail_url = page.url
    page.locator("main a[href$='/partnerzy/nowy/']").click()
    page.wait_for_load_state("networkidle")
    page.select_option("#id_organisation", str(school.pk))
    page.select_option("#id_role", "partner")
    page.fill("#id_joined_on", h.days_ago(60).isoformat())
    h.submit(page)
    assert not h.form_errors(page), h.form_errors(page)
    page.locator("main a[href$='/umowa/nowa/']").click()
    page.wait_for_load_state("networkidle")
    page.set_input_files(
        "input[type=file][name=file]",
        files=[{"name": "umowa-partnerska.pdf", "mimeType": "application/pdf", "buffer": h.tiny_pdf()}],
    )
    page.fill("#id_signed_on", h.days_ago(50).isoformat())
    page.fill("#id_note", "Umowa podpisana przez wszystkich partnerów")
    h.submit(page)
    assert not h.form_errors(page), h.form_errors(page)
    assert page.url == detail_url
    assert (
        "Umowa podpisana przez wszystkich partnerów"
        in page.locator("section[aria-labelledby=agreement-heading]").inner_text()
    )
    for status in ("consultation", "signed"):
        page.locator(f"main form:has(input[name=status][value={status}]) button").click()
        page.wait_for_load_state("networkidle")
        assert page.locator("main .message-error").count() == 0, page.locator("main .message-error").inner_text()
    h.go(page, "networks:network_detail", pk=lsr.pk)
    assert h.health_states(page)["partnership"]

    # (d) the forum meets: one strategic and one operational meeting, both recorded as held.
    forum_url = reverse("cooperation:network_forum", kwargs={"network_pk": lsr.pk})
    h.fix_link(page, "forum").click()
    page.wait_for_load_state("networkidle")
    if not page.url.endswith(forum_url):
        problems.append(f"health 'forum' fix link leads to {page.url}, not {forum_url}")
        page.goto(page.base_url + forum_url)
    page.locator(
        f"main form[action='{reverse('cooperation:forum_create', kwargs={'network_pk': lsr.pk})}'] button"
    ).click()
    page.wait_for_load_state("networkidle")
    for kind, title, held in (
        ("strategic", "Posiedzenie konwentu instytucji lokalnych", 20),
        ("operational", "Spotkanie grupy roboczej ds. edukacji", 5),
    ):
        page.goto(page.base_url + forum_url)
        page.locator(f"main a[href='{reverse('cooperation:meeting_create', kwargs={'network_pk': lsr.pk})}']").click()
        page.wait_for_load_state("networkidle")
        page.select_option("#id_kind", kind)
        page.fill("#id_title", title)
        page.fill("#id_planned_on", h.days_ago(held).isoformat())
        page.fill("#id_place", "Siedziba KIS, ul. Targowa 1")
        page.fill("#id_agenda", "Sprawozdanie asystentów\nWolne wnioski")
        h.submit(page)
        assert not h.form_errors(page), h.form_errors(page)
        assert page.locator("h1").inner_text() == title
        page.locator("main a[href$='/odbyte/']").first.click()
        page.wait_for_load_state("networkidle")
        page.fill("#id_held_on", h.days_ago(held).isoformat())
        page.fill("#id_participants_active", "14")
        page.fill("#id_minutes", "Omówiono punkty porządku obrad.")
        h.submit(page)
        assert not h.form_errors(page), h.form_errors(page)
        assert page.locator("h1").inner_text() == title
        assert page.locator("main a[href$='/odbyte/']").count() == 1  # now "edit the report", not "record as held"
        assert h.days_ago(held).strftime("%d.%m.%Y") in page.locator("main dl.details").inner_text()
    h.go(page, "networks:network_detail", pk=lsr.pk)
    states = h.health_states(page)
    assert states["forum"] and not states["assessment"]

    # (e) the cooperation is assessed: the KIS fills its card.
    assessments_url = reverse("cooperation:network_assessments", kwargs={"network_pk": lsr.pk})
    h.fix_link(page, "assessment").click()
    page.wait_for_load_state("networkidle")
    if not page.url.endswith(assessments_url):
        problems.append(f"health 'assessment' fix link leads to {page.url}, not {assessments_url}")
        page.goto(page.base_url + assessments_url)
    page.locator(
        f"main a[href='{reverse('cooperation:assessment_create', kwargs={'network_pk': lsr.pk})}']"
    ).first.click()
    page.wait_for_load_state("networkidle")
    page.select_option("#id_organisation", str(cast.kis_waw.pk))
    page.fill("#id_year", str(h.today().year))
    page.select_option("#id_half", "H1" if h.today().month <= 6 else "H2")
    page.fill("#id_filled_on", h.today().isoformat())
    for condition in h.CONDITIONS:
        page.check(f"input[name=score_{condition}][value='4']")
    page.fill("#id_comment_communication", "Informacje docierają na czas.")
    page.fill("#id_conclusions", "Potrzebny wspólny plan działań.")
    h.submit(page)
    assert not h.form_errors(page), h.form_errors(page)
    assert page.url.endswith(assessments_url)

    # At the end every rule holds: the panel is green.
    h.go(page, "networks:network_detail", pk=lsr.pk)
    assert h.health_states(page) == dict.fromkeys(h.HEALTH_RULES, True)
    assert "5/5" in h.health_heading(page)
    assert page.locator("#health-heading .badge-ok").count() == 1
    assert page.locator("section[aria-labelledby=health-heading] tbody a").count() == 0  # no "Fix it" left
    screenshot(page, "network-health-green")
    assert problems == []


def test_lsr_civic_variant_names_its_leaders(page):
    cast = build_cast()
    rsr = _upper_network(cast)
    h.sign_in(page, cast.coordinator)  # filip, LSR coordinator at the KIS: no second factor needed
    page.goto(h.url(page, "networks:network_create") + "?level=local")
    _fill_network_form(page, name="LSR Obywatelska Praga", main_node=cast.kis_waw, rsr=rsr, variant="civic")
    h.submit(page)  # no leaders named: refused
    assert "/sieci/nowa/" in page.url and h.form_errors(page), "the civic variant needs its leaders"
    assert page.locator("#id_civic_leaders[aria-invalid=true]").count() == 1
    page.fill("#id_civic_leaders", "Dyrektorka biblioteki i proboszcz parafii")
    h.submit(page)
    assert not h.form_errors(page), h.form_errors(page)
    lsr = Network.objects.get(name="LSR Obywatelska Praga")
    assert lsr.creation_variant == "civic" and lsr.creation_act_number == ""
    assert page.url.endswith(reverse("networks:network_detail", kwargs={"pk": lsr.pk}))
    details = page.locator("main dl.details").inner_text()
    assert "Dyrektorka biblioteki i proboszcz parafii" in details
    assert h.health_states(page) == dict.fromkeys(h.HEALTH_RULES, False)
    screenshot(page, "network-civic-created")


# --- 2. the Pact dissolves below three signatories ---------------------------------------------------


def test_pact_with_three_signatories_dissolves_when_one_withdraws(page):
    from ksr.networks import services
    from ksr.partnerships.models import Pact
    from ksr.testing import unit

    cast = build_cast()
    rsr = _upper_network(cast)
    school, culture, clinic, _sport = h.four_sector_partners()
    lsr = services.do_create_network(
        {
            "name": "LSR Warszawa",
            "level": "local",
            "territory": unit("1465011"),
            "main_node": cast.kis_waw,
            "parent": rsr,
            "creation_variant": "civic",
            "civic_leaders": "Liderzy lokalni",
            "established_on": h.days_ago(100),
        },
        actor=cast.admin,
    )
    h.sign_in(page, cast.coordinator)
    h.go(page, "partnerships:network_partnerships", network_pk=lsr.pk)
    page.locator(f"main a[href='{reverse('partnerships:pact_create', kwargs={'network_pk': lsr.pk})}']").click()
    page.wait_for_load_state("networkidle")
    page.fill("#id_original_keeper", "Urząd m.st. Warszawy")
    page.fill("#id_copies", "3")
    h.submit(page)
    assert not h.form_errors(page), h.form_errors(page)
    pact = Pact.objects.get(network=lsr)
    pact_url = reverse("partnerships:pact_detail", kwargs={"pk": pact.pk})
    assert page.url.endswith(pact_url)

    for organisation, person in ((school, "Jan Kowalski"), (culture, "Ewa Nowak"), (clinic, "Piotr Wiśniewski")):
        page.locator(f"main a[href='{reverse('partnerships:pact_join', kwargs={'pk': pact.pk})}']").click()
        page.wait_for_load_state("networkidle")
        page.select_option("#id_organisation", str(organisation.pk))
        page.fill("#id_representative", person)
        page.fill("#id_joined_on", h.days_ago(30).isoformat())
        h.submit(page)
        assert not h.form_errors(page), h.form_errors(page)
    for status in ("consultation", "signed"):
        page.locator(f"main form:has(input[name=status][value={status}]) button").click()
        page.wait_for_load_state("networkidle")
        assert page.locator("main .message-error").count() == 0, page.locator("main .message-error").inner_text()
    pact.refresh_from_db()
    assert pact.status == "signed"

    page.locator("section[aria-labelledby=signatories-heading] tbody tr", has_text=clinic.name).locator("a").click()
    page.wait_for_load_state("networkidle")
    page.fill("#id_withdrawn_on", h.today().isoformat())
    page.fill("#id_reason", "Zmiana profilu działalności")
    h.submit(page)
    assert not h.form_errors(page), h.form_errors(page)
    assert page.url.endswith(pact_url)

    pact.refresh_from_db()
    assert pact.status == "dissolved" and pact.dissolved_on is not None
    details = page.locator("main dl.details").inner_text()
    assert pact.get_status_display() in details
    with translation.override("pl"):
        assert formats.date_format(pact.dissolved_on, "SHORT_DATE_FORMAT") in details
    # The join/withdraw history: all three rows stay, one withdrawn with its date and reason.
    rows = page.locator("section[aria-labelledby=signatories-heading] tbody tr")
    assert rows.count() == 3
    withdrawn = rows.filter(has_text=clinic.name).inner_text()
    assert "Zmiana profilu działalności" in withdrawn
    for organisation in (school, culture):
        assert "Zmiana profilu" not in rows.filter(has_text=organisation.name).inner_text()
    # Dissolved: nobody joins any more and nobody withdraws.
    assert page.locator(f"main a[href='{reverse('partnerships:pact_join', kwargs={'pk': pact.pk})}']").count() == 0
    assert page.locator("section[aria-labelledby=signatories-heading] a[href*='/wystapienie/']").count() == 0
    screenshot(page, "pact-dissolved")


# --- 3. accessibility of every new page ------------------------------------------------------------


def _tour(world):
    w = world
    lsr, rsr, ksr = w.lsr.pk, w.rsr.pk, w.ksr.pk
    admin = [
        ("network-list", "networks:network_list", {}, ""),
        ("network-detail-lsr", "networks:network_detail", {"pk": lsr}, ""),
        ("network-detail-rsr", "networks:network_detail", {"pk": rsr}, ""),
        ("lsr-overview", "networks:lsr_overview", {}, ""),
        ("network-form", "networks:network_create", {}, "?level=local"),
        ("member-form", "networks:member_add", {"pk": lsr}, ""),
        ("auspices-form", "networks:auspices_add", {"pk": lsr}, ""),
        ("partnership-list", "partnerships:partnership_list", {}, ""),
        ("network-partnerships", "partnerships:network_partnerships", {"network_pk": lsr}, ""),
        ("partnership-detail", "partnerships:partnership_detail", {"pk": w.partnership.pk}, ""),
        ("partnership-form", "partnerships:partnership_create", {"network_pk": lsr}, ""),
        ("pact", "partnerships:pact_detail", {"pk": w.pact.pk}, ""),
        ("zsl", "partnerships:team_detail", {"pk": w.team.pk}, ""),
        ("attitudes", "partnerships:attitudes", {"network_pk": lsr}, ""),
        ("forum", "cooperation:network_forum", {"network_pk": lsr}, ""),
        ("meeting", "cooperation:meeting_detail", {"pk": w.meeting.pk}, ""),
        ("assessments", "cooperation:network_assessments", {"network_pk": lsr}, ""),
        ("assessment", "cooperation:assessment_detail", {"pk": w.assessment.pk}, ""),
        ("assessment-form", "cooperation:assessment_create", {"network_pk": lsr}, ""),
        ("rsr-team", "networks:team", {"pk": rsr}, ""),
        ("rsr-assistance", "networks:assistance", {"pk": rsr}, ""),
        ("rpw-tasks", "networks:regional_tasks", {"pk": rsr}, ""),
        ("recommendations", "networks:recommendations", {"pk": ksr}, ""),
        ("analytics-networks", "analytics:network_list", {}, ""),
        ("analytics-graph", "analytics:network_graph", {"network_pk": lsr}, ""),
        ("analytics-metrics", "analytics:network_metrics", {"network_pk": rsr}, ""),
        ("analytics-region", "analytics:region_metrics", {"code": "14"}, ""),
        ("maps", "analytics:maps", {}, ""),
    ]
    analyst = [("alerts", "cooperation:alerts", {}, "")]
    return admin, analyst


ENGLISH = {"network-detail-lsr", "lsr-overview", "network-form", "pact", "forum", "assessment-form", "alerts"}


def _visit(page, name, url_name, kwargs, query, lang):
    response = page.goto(h.url(page, url_name, **kwargs) + query)
    status = response.status if response else None
    if status != 200:
        return [{"id": "http-status", "impact": "critical", "help": f"HTTP {status}", "nodes": [page.url]}]
    found = []
    if page.locator("html").get_attribute("lang") != lang:
        found.append({"id": "wrong-lang", "impact": "serious", "help": "html lang", "nodes": []})
    if page.locator("h1").count() != 1:
        found.append({"id": "one-h1", "impact": "serious", "help": f"{page.locator('h1').count()} h1", "nodes": []})
    screenshot(page, f"network-{name}-{lang}")
    return found + serious_violations(page)


@pytest.mark.parametrize("lang", ["pl", "en"])
def test_every_new_page_has_no_serious_accessibility_violation(page, lang):
    world = h.build_world(build_cast())
    admin_pages, analyst_pages = _tour(world)
    if lang == "en":
        admin_pages = [p for p in admin_pages if p[0] in ENGLISH]
        analyst_pages = [p for p in analyst_pages if p[0] in ENGLISH]
    problems: dict[str, list[dict]] = {}
    for user, pages in ((world.cast.admin, admin_pages), (world.cast.analyst, analyst_pages)):
        h.sign_out(page)
        page.context.add_cookies([{"name": "django_language", "value": lang, "url": page.base_url}])
        h.sign_in(page, user)
        for name, url_name, kwargs, query in pages:
            found = _visit(page, name, url_name, kwargs, query, lang)
            if found:
                problems[name] = found
    assert problems == {}
