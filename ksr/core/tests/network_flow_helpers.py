"""Helpers for the browser acceptance tests of the networks issue (LSR/RSR/KSR, partnerships,
the cooperation forum, assessments and analytics): signing in (with the real TOTP step when the
user's role needs it), reading the LSR health panel, a tiny valid PDF, and a complete world of
networks built through the apps' services for the accessibility tour."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from ksr.registry.choices import OrganisationKind as K
from ksr.registry.models import Organisation, Sector
from ksr.testing import PASSWORD, Cast, OrganisationFactory, PersonFactory, unit

# The rules of the health panel, in the order the page lists them (ksr.networks.health).
HEALTH_RULES = ("auspices", "type_c", "partnership", "forum", "assessment")
CONDITIONS = ("goals", "composition", "commitment", "trust", "management", "plan", "communication", "resources")


def today() -> dt.date:
    return timezone.localdate()


def days_ago(days: int) -> dt.date:
    return today() - dt.timedelta(days=days)


def tiny_pdf() -> bytes:
    """A minimal, valid one-page PDF (correct xref offsets)."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n" % (len(objects) + 1)
    out += b"0000000000 65535 f \n"
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def type_c(name: str, kind: str, *sectors: str) -> Organisation:
    """A type C organisation (reintegration is not among its goals) in Warsaw with these sectors."""
    organisation = OrganisationFactory(name=name, kind=kind, seat=unit("1465011"))
    # get_or_create: the sector rows come from a data migration, which a transactional test's flush empties.
    organisation.sectors.set([Sector.objects.get_or_create(code=code)[0] for code in sectors])
    assert organisation.stakeholder_type == "C", f"{name} is of type {organisation.stakeholder_type}, not C"
    return organisation  # type: ignore[no-any-return]


def four_sector_partners() -> list[Organisation]:
    """Four type C organisations, one per sector of the new service profile."""
    return [
        type_c("Szkoła Podstawowa nr 12", K.SCHOOL, "education"),
        type_c("Dom Kultury Praga", K.CULTURE_INSTITUTION, "culture"),
        type_c("Przychodnia Zdrowia Targówek", K.HEALTH_FACILITY, "health"),
        type_c("Ośrodek Sportu i Rekreacji Bemowo", K.SPORT_CENTRE, "sport"),
    ]


# --- the browser ---------------------------------------------------------------------------------


def url(page: Any, name: str, **kwargs: Any) -> str:
    return str(page.base_url + reverse(name, kwargs=kwargs or None))


def go(page: Any, name: str, **kwargs: Any) -> Any:
    response = page.goto(url(page, name, **kwargs))
    assert response is not None and response.status == 200, f"{name} {kwargs}: HTTP {response and response.status}"
    return response


def totp_code(device: Any) -> str:
    from django_otp.oath import totp

    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def confirmed_device(user: Any) -> Any:
    from django_otp.plugins.otp_totp.models import TOTPDevice

    return TOTPDevice.objects.filter(user=user, confirmed=True).first() or TOTPDevice.objects.create(
        user=user, name="Aplikacja uwierzytelniająca", confirmed=True
    )


def sign_in(page: Any, user: Any) -> None:
    """Sign in through the login form; when the second-factor page comes, enter the current TOTP code.

    The user gets a confirmed authenticator first: every role that reads participant data, the
    system administrator included, must pass the second factor.
    """
    confirmed_device(user)
    page.goto(url(page, "accounts:login"))
    page.fill("input[name=username]", user.username)
    page.fill("input[name=password]", PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state("networkidle")
    assert reverse("accounts:login") not in page.url, f"{user.username} could not sign in"
    if reverse("accounts:otp_verify") in page.url:
        page.fill("input[name=token]", totp_code(confirmed_device(user)))
        page.locator("main form button[type=submit]").first.click()
        page.wait_for_load_state("networkidle")
        assert reverse("accounts:otp_verify") not in page.url, f"{user.username}: the TOTP code was refused"
    assert reverse("accounts:otp_setup") not in page.url, f"{user.username} has no confirmed second factor"


def sign_out(page: Any) -> None:
    page.context.clear_cookies()


def submit(page: Any) -> None:
    """Press the main form's submit button and wait for the next page."""
    page.locator("main form.stacked button[type=submit], main form button[type=submit]").first.click()
    page.wait_for_load_state("networkidle")


def form_errors(page: Any) -> str:
    """The error texts of the form on the page ('' when there are none)."""
    found = page.locator("main .message-error, main .errorlist")
    return " | ".join(found.all_inner_texts()) if found.count() else ""


def health_states(page: Any) -> dict[str, bool]:
    """{rule code: met?} as the health panel of the LSR page shows it (✓/✗ badge in the 'Met' column)."""
    rows = page.locator("section[aria-labelledby=health-heading] tbody tr")
    assert rows.count() == len(HEALTH_RULES), f"the health panel lists {rows.count()} rules"
    states = {}
    for index, code in enumerate(HEALTH_RULES):
        cell = rows.nth(index).locator("td").nth(1)
        ok = cell.locator(".badge-ok").count() == 1
        bad = cell.locator(".badge-danger").count() == 1
        assert ok != bad, f"rule {code}: the 'Met' cell shows neither yes nor no: {cell.inner_text()!r}"
        # Not colour alone: the state is written out (✓ tak / ✗ nie).
        assert ("✓" in cell.inner_text()) == ok
        states[code] = ok
    return states


def health_heading(page: Any) -> str:
    return str(page.locator("#health-heading").inner_text())


def fix_link(page: Any, code: str) -> Any:
    """The 'Fix it' link of one rule of the health panel."""
    row = page.locator("section[aria-labelledby=health-heading] tbody tr").nth(HEALTH_RULES.index(code))
    return row.locator("a")


# --- a complete world of networks, built through the services ---------------------------------------


@dataclass
class World:
    cast: Cast
    ksr: Any
    rsr: Any
    lsr: Any
    lsr_overdue: Any
    partners: list[Organisation]
    partnership: Any
    pact: Any
    team: Any
    meeting: Any
    assessment: Any


def build_world(cast: Cast) -> World:
    """KSR → RSR Mazowsze → LSR Warszawa (healthy: every rule holds) and LSR Dąbrówka (forum overdue),
    with a partnership, a Pact, a Local Synergy Team, attitudes, a forum with held meetings, an
    assessment card, the ROWR team, assistance, an RPW task and a recommendation."""
    from ksr.cooperation import services as cooperation
    from ksr.networks import services as networks
    from ksr.partnerships import services as partnerships

    admin = cast.admin
    kowr = OrganisationFactory(
        name="Krajowy Ośrodek Współpracy Reintegracyjnej",
        kind=K.NATIONAL_CENTRE,
        operating_level="national",
        parent=cast.ministry,
        seat=unit("1465011"),
    )
    rowr = OrganisationFactory(
        name="ROWR Mazowsze", kind=K.REGIONAL_CENTRE, operating_level="regional", parent=cast.rops_maz
    )
    ksr = networks.do_create_network(
        {"name": "Krajowa Sieć Reintegracji", "level": "national", "main_node": kowr}, actor=admin
    )
    rsr = networks.do_create_network(
        {"name": "RSR Mazowsze", "level": "regional", "territory": unit("14"), "main_node": rowr, "parent": ksr},
        actor=admin,
    )
    lsr = networks.do_create_network(
        {
            "name": "LSR Warszawa",
            "level": "local",
            "territory": unit("1465011"),
            "main_node": cast.kis_waw,
            "parent": rsr,
            "creation_variant": "administrative",
            "creation_act_kind": "decision",
            "creation_act_number": "Zarządzenie nr 12/2026",
            "creation_act_date": days_ago(200),
            "established_on": days_ago(190),
        },
        actor=admin,
    )
    kis_dabrowka = OrganisationFactory(name="KIS Dąbrówka", kind=K.KIS, seat=unit("1432023"))
    lsr_overdue = networks.do_create_network(
        {
            "name": "LSR Dąbrówka",
            "level": "local",
            "territory": unit("1432023"),
            "main_node": kis_dabrowka,
            "parent": rsr,
            "creation_variant": "civic",
            "civic_leaders": "Sołtys i dyrektorka szkoły",
            "established_on": days_ago(150),
        },
        actor=admin,
    )
    partners = four_sector_partners()
    for organisation in partners:
        networks.do_add_member(lsr, organisation, joined_on=days_ago(180), actor=admin)
    networks.do_record_auspices(
        lsr, {"kind": "decision", "number": "Zarządzenie nr 13/2026", "date": days_ago(180)}, actor=admin
    )

    partnership = partnerships.do_create_partnership(
        lsr,
        {"name": "Partnerstwo na rzecz aktywizacji", "goal": "Wspólne usługi reintegracyjne", "form": "agreement"},
        actor=admin,
    )
    partnerships.do_add_partner(partnership, partners[0], {"role": "partner", "joined_on": days_ago(170)}, actor=admin)
    partnerships.do_upload_agreement(
        partnership,
        SimpleUploadedFile("umowa.pdf", tiny_pdf(), content_type="application/pdf"),
        actor=admin,
        signed_on=days_ago(160),
    )
    partnerships.do_transition_partnership(partnership, "consultation", actor=admin)
    partnerships.do_transition_partnership(partnership, "signed", actor=admin)

    pact = partnerships.do_create_pact(lsr, {"original_keeper": "Urząd m.st. Warszawy", "copies": 4}, actor=admin)
    for organisation in [cast.kis_waw, *partners[:2]]:
        partnerships.do_join_pact(pact, organisation, actor=admin, representative="Przedstawiciel")
    team = partnerships.do_create_team(
        lsr,
        {"name": "Zespół Synergii Lokalnej", "formed_by_kind": "order", "formed_by_body": "Prezydent m.st. Warszawy"},
        actor=admin,
    )
    partnerships.do_add_team_member(
        team, {"organisation": partners[1], "person_name": "Anna Nowak", "joined_on": days_ago(100)}, actor=admin
    )
    for organisation, before, after in ((partners[0], "neutral", "supporter"), (partners[2], "opponent", "neutral")):
        partnerships.do_record_attitude(
            lsr, {"organisation": organisation, "assessed_on": days_ago(150), "attitude": before}, actor=admin
        )
        partnerships.do_record_attitude(
            lsr, {"organisation": organisation, "assessed_on": days_ago(10), "attitude": after}, actor=admin
        )

    forum = cooperation.do_create_forum(lsr, actor=admin)
    meeting = None
    for kind, title in (("strategic", "Posiedzenie konwentu"), ("operational", "Spotkanie grupy roboczej")):
        planned = cooperation.do_plan_meeting(
            forum,
            {"kind": kind, "title": title, "planned_on": days_ago(7), "place": "Siedziba KIS"},
            agenda=["Sprawozdanie asystentów", "Wolne wnioski"],
            actor=admin,
        )
        meeting = cooperation.do_record_meeting_held(
            planned,
            {"held_on": days_ago(7), "participants_active": 14, "participants_admitted": 3, "minutes": "Protokół."},
            actor=admin,
        )
    cooperation.do_create_forum(lsr_overdue, actor=admin)
    scores: dict[str, Any] = {f"score_{c}": 4 for c in CONDITIONS}
    assessment = cooperation.do_fill_assessment(
        lsr,
        cast.kis_waw,
        {"filled_on": days_ago(3), "conclusions": "Potrzebny wspólny plan działań.", **scores},
        actor=admin,
    )

    person = PersonFactory(organisation=rowr, first_name="Ewa", last_name="Zielińska")
    networks.do_add_team_member(
        rsr,
        {"person": person, "team_role": "Koordynatorka ROWR", "competences": "Animacja sieci, doradztwo"},
        actor=admin,
    )
    networks.do_log_assistance(
        rsr,
        {"lsr": lsr, "provided_on": days_ago(20), "form": "advice", "subject": "Doradztwo w sprawie paktu"},
        actor=admin,
    )
    networks.do_create_regional_task(
        rsr,
        {"task_type": "coverage_analysis", "title": "Analiza pokrycia regionu", "owner": person},
        actor=admin,
    )
    networks.do_create_recommendation(
        ksr,
        {"title": "Wspólne standardy usług", "evidence": "Doświadczenia LSR Warszawa.", "source_lsrs": [lsr]},
        actor=admin,
    )
    return World(
        cast=cast,
        ksr=ksr,
        rsr=rsr,
        lsr=lsr,
        lsr_overdue=lsr_overdue,
        partners=partners,
        partnership=partnership,
        pact=pact,
        team=team,
        meeting=meeting,
        assessment=assessment,
    )
