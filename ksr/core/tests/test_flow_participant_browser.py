"""Issue 4 end to end in a real browser: referral → qualification → contract → IPD → bookings in
the four new-profile sectors → attendance → outcomes → exit → follow-up; then the closed loop seen
by the referring OPS worker. Screenshots go to test-artifacts/screenshots/flow-*.png and every
distinct page type is checked with axe-core."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import translation

from ksr.cases.choices import RefusalReason
from ksr.cases.models import Case, FollowUp, Referral, add_months
from ksr.cases.workspace import due_items
from ksr.catalogue.models import Attendance, Booking
from ksr.core.tests.flow_helpers import (
    FIRST_NAME,
    LAST_NAME,
    PESEL,
    PESEL_REFUSED,
    REFUSED_FIRST_NAME,
    REFUSED_LAST_NAME,
    build_world,
    current_code,
    give_device,
)
from ksr.plans.choices import OutcomeMeasure
from ksr.plans.models import ActionPlan, Contract, OutcomeAssessment
from ksr.plans.services import do_create_potential_assessment
from ksr.testing import PASSWORD
from ksr.testing.browser import screenshot, serious_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TEAM = "Anna Nowak, pracownik socjalny, MOPS Warszawa\nBartłomiej, case manager, KIS Warszawa"


def _url(page, name, **kwargs):
    return page.base_url + reverse(name, kwargs=kwargs or None)


def _sign_in(page, user):
    """The login form, then the second factor with the code of the user's authenticator app."""
    page.goto(_url(page, "accounts:login"))
    page.fill("input[name=username]", user.username)
    page.fill("input[name=password]", PASSWORD)
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_load_state("networkidle")
    assert "/drugi-skladnik/weryfikacja/" in page.url, f"{user.username}: no second factor asked ({page.url})"
    page.fill("input[name=token]", current_code(user))
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_load_state("networkidle")
    assert "logowanie" not in page.url and "drugi-skladnik" not in page.url, f"{user.username} could not sign in"


def _submit(page):
    with page.expect_navigation(wait_until="load"):
        page.locator("main form.stacked button[type=submit], main form button[type=submit]").first.click()


def _no_form_errors(page, step):
    errors = page.locator(".errorlist, .field-error, .message-error").all_inner_texts()
    assert not errors, f"{step}: {errors} at {page.url}"


def _click_link(page, name, **kwargs):
    href = reverse(name, kwargs=kwargs)
    with page.expect_navigation(wait_until="load"):
        page.locator(f"main a[href='{href}']").first.click(timeout=5000)


class Axe:
    """axe-core once per page type; the problems are collected and asserted at the end."""

    def __init__(self):
        self.problems: dict[str, list] = {}

    def check(self, page, kind):
        if kind in self.problems:
            return
        self.problems[kind] = serious_violations(page)

    def serious(self):
        return {kind: found for kind, found in self.problems.items() if found}


def _send_referral(page, world, first, last, pesel, reference):
    cast = world.cast
    page.goto(_url(page, "cases:referral_create"))
    page.select_option("#id_organisation", str(cast.kis_waw.pk))
    page.select_option("#id_source", "ops")
    page.select_option("#id_sender_organisation", str(cast.ops_waw.pk))
    page.fill("#id_sender_reference", reference)
    page.fill("#id_first_name", first)
    page.fill("#id_last_name", last)
    page.fill("#id_pesel", pesel)
    page.fill("#id_contact", "tel. 600 100 200")
    page.fill("#id_justification", "Długotrwale bezrobotny, korzysta z pomocy społecznej, izolacja.")
    _submit(page)
    _no_form_errors(page, "referral")
    assert reverse("cases:my_referrals") in page.url


def test_participant_flow_from_referral_to_follow_up(page):
    world = build_world()
    cast, today = world.cast, world.today
    for user in (cast.ops_worker, cast.case_manager):
        give_device(user)
    axe = Axe()

    # 1. Referral, sent by the OPS social worker (his own browser session).
    ops = page
    _sign_in(ops, cast.ops_worker)
    ops.goto(_url(ops, "cases:referral_create"))
    axe.check(ops, "referral-form")
    screenshot(ops, "flow-01-referral-form")
    _send_referral(ops, world, FIRST_NAME, LAST_NAME, PESEL, "MOPS/DPS/41/2026")
    _send_referral(ops, world, REFUSED_FIRST_NAME, REFUSED_LAST_NAME, PESEL_REFUSED, "MOPS/DPS/42/2026")
    screenshot(ops, "flow-02-referrals-sent")
    accepted = Referral.objects.get(last_name=LAST_NAME)
    refused = Referral.objects.get(last_name=REFUSED_LAST_NAME)

    # 2. Qualification by the KIS case manager (another browser session).
    kis = ops.context.browser.new_context(locale="pl-PL", viewport={"width": 1280, "height": 900}).new_page()
    kis.set_default_timeout(15000)
    kis.base_url = ops.base_url
    _sign_in(kis, cast.case_manager)
    kis.goto(_url(kis, "cases:workspace"))
    axe.check(kis, "workspace")
    screenshot(kis, "flow-03-workspace")
    kis.goto(_url(kis, "cases:referral_detail", pk=accepted.pk))
    axe.check(kis, "referral-detail")
    _click_link(kis, "cases:referral_review", pk=accepted.pk)
    kis.fill("#id_qualification_team", TEAM)
    _submit(kis)
    _no_form_errors(kis, "review")
    _click_link(kis, "cases:referral_accept", pk=accepted.pk)
    kis.select_option("#id_case_manager", str(cast.case_manager.pk))
    _submit(kis)
    _no_form_errors(kis, "accept")
    screenshot(kis, "flow-04-referral-accepted")
    accepted.refresh_from_db()
    assert accepted.status == "accepted" and accepted.case is not None
    case = accepted.case
    participant = case.participant
    assert participant.pesel == PESEL and case.case_manager == cast.case_manager

    # The second referral is refused, with a reason.
    kis.goto(_url(kis, "cases:referral_detail", pk=refused.pk))
    _click_link(kis, "cases:referral_review", pk=refused.pk)
    _submit(kis)
    _click_link(kis, "cases:referral_refuse", pk=refused.pk)
    kis.select_option("#id_reason", "no_places")
    kis.fill("#id_note", "Brak miejsc do czerwca; proponujemy CIS.")
    kis.fill("#id_qualification_team", TEAM)
    _submit(kis)
    _no_form_errors(kis, "refuse")
    refused.refresh_from_db()
    assert refused.status == "refused" and refused.refusal_reason == "no_places"

    # Time passes: the rest of the path spans weeks, and the product refuses dates before the
    # case was opened, so the qualification is moved a month back (there is no clock to freeze).
    Case.objects.filter(pk=case.pk).update(opened_on=today - dt.timedelta(days=30))

    # The participant page (linked from the accepted referral) and the case: start of participation.
    kis.goto(_url(kis, "cases:referral_detail", pk=accepted.pk))
    _click_link(kis, "cases:participant_detail", pk=participant.pk)
    assert FIRST_NAME in kis.locator("h1").inner_text()
    axe.check(kis, "participant")
    screenshot(kis, "flow-05-participant")
    kis.goto(_url(kis, "cases:case_detail", pk=case.pk))
    _click_link(kis, "cases:case_start", pk=case.pk)
    kis.fill("#id_admitted_on", today.isoformat())
    _submit(kis)
    _no_form_errors(kis, "start")
    axe.check(kis, "case")
    case.refresh_from_db()
    assert case.status == "active"

    # 3. Contract: an internal agreement, co-authored (the participant's words), signed by both.
    kis.goto(_url(kis, "plans:case_plan", case_pk=case.pk))
    _click_link(kis, "plans:contract_create", case_pk=case.pk)
    kis.select_option("#id_kind", "internal_agreement")
    kis.fill("#id_content", "Udział w klubie książki, basenie, warsztatach teatralnych i badaniach.")
    kis.fill("#id_participant_words", "Chcę wrócić do ludzi i za rok do pracy.")
    kis.fill("#id_valid_from", today.isoformat())
    kis.fill("#id_review_interval_days", "30")
    _submit(kis)
    _no_form_errors(kis, "contract")
    contract = Contract.objects.get(case=case)
    _click_link(kis, "plans:contract_sign", case_pk=case.pk, pk=contract.pk)
    kis.fill("#id_participant_signed_on", today.isoformat())
    kis.fill("#id_worker_signed_on", today.isoformat())
    _submit(kis)
    _no_form_errors(kis, "signatures")
    contract.refresh_from_db()
    assert contract.status == "in_force"

    # 4. The IPD covering the four new-profile sectors, with a goal, set.
    _click_link(kis, "plans:plan_edit", case_pk=case.pk)
    kis.fill("#id_diagnosis_summary", "Izolacja społeczna, brak nawyku regularnych zajęć.")
    kis.fill("#id_participant_words", "Chcę wychodzić z domu i poznać ludzi.")
    for code in ("education", "culture", "health", "sport"):
        kis.check(f"input[name=sectors][value={code}]")
    _submit(kis)
    _no_form_errors(kis, "ipd")
    _click_link(kis, "plans:plan_goal_create", case_pk=case.pk)
    kis.fill("#id_goal", "Regularny udział w zajęciach klubu książki")
    kis.select_option("#id_sector", "education")
    _submit(kis)
    _no_form_errors(kis, "goal")
    # The diagnosis of reintegration potential comes before the plan can be set.
    do_create_potential_assessment(
        case,
        {"assessed_on": case.opened_on, "summary": "Deficyty w relacjach społecznych."},
        [{"dimension": "individual", "area": "social_skills", "kind": "deficit", "level": 2}],
        actor=cast.case_manager,
    )
    kis.reload()
    with kis.expect_navigation(wait_until="load"):
        kis.locator("main form:has(input[name=status][value=set]) button[type=submit]").click()
    plan = ActionPlan.objects.get(case=case)
    assert plan.status == "set" and plan.sectors.count() == 4
    axe.check(kis, "contract-and-plan")
    screenshot(kis, "flow-06-contract-and-ipd")

    # The services card: a general-part entry.
    kis.goto(_url(kis, "plans:case_card", case_pk=case.pk))
    axe.check(kis, "card")
    href = reverse("plans:card_entry_create", kwargs={"case_pk": case.pk}) + "?part=general"
    with kis.expect_navigation(wait_until="load"):
        kis.locator(f"main a[href='{href}']").click()
    kis.fill("#id_entered_on", today.isoformat())
    kis.select_option("#id_referred_by", "ops")
    kis.fill("#id_referred_by_detail", "MOPS Warszawa")
    _submit(kis)
    _no_form_errors(kis, "card")
    screenshot(kis, "flow-07-card")

    # 5. Bookings: the library's reading club (catalogue) and the three partners' offers.
    kis.goto(_url(kis, "catalogue:case_services", case_pk=case.pk))
    for field, value in [("#id_service", world.reading_club.pk)] + [
        ("#id_offer", offer.pk) for offer in world.offers.values()
    ]:
        _click_link(kis, "catalogue:booking_create", case_pk=case.pk)
        kis.select_option(field, str(value))
        kis.fill("#id_starts_on", today.isoformat())
        kis.fill("#id_ends_on", (today + dt.timedelta(days=90)).isoformat())
        _submit(kis)
        _no_form_errors(kis, f"booking {field}={value}")
    assert sorted(Booking.objects.filter(case=case).values_list("area", flat=True)) == [
        "culture",
        "education",
        "health",
        "sport",
    ]
    assert kis.locator("main .message-success").count() >= 1
    assert kis.locator("main .message-warning").count() == 0, "a new-profile sector is reported missing"

    # 6. Attendance: a class of the edition, quick attendance.
    kis.goto(_url(kis, "catalogue:edition_detail", pk=world.edition.pk))
    _click_link(kis, "catalogue:activity_create", edition_pk=world.edition.pk)
    kis.select_option("#id_service", str(world.reading_club.pk))
    kis.fill("#id_date", today.isoformat())
    kis.fill("#id_topic", "Spotkanie klubu książki: reportaż")
    kis.fill("#id_hours", "2")
    kis.select_option("#id_mode", "group")
    kis.fill("#id_leader", "Bibliotekarka Ewa")
    _submit(kis)
    _no_form_errors(kis, "activity")
    assert "obecnosc" in kis.url
    axe.check(kis, "quick-attendance")
    kis.check(f"input[name=present][value='{case.pk}']")
    screenshot(kis, "flow-08-quick-attendance")
    kis.locator("#attendance-form button[type=submit]").click()
    kis.locator("#attendance-form .message-success").wait_for(timeout=5000)  # swapped in by htmx
    assert Attendance.objects.filter(case=case, status="present").count() == 1
    kis.goto(_url(kis, "catalogue:case_services", case_pk=case.pk))
    axe.check(kis, "services")
    screenshot(kis, "flow-09-services")

    # 7. Outcome assessments on two dates.
    for day, score in ((today - dt.timedelta(days=20), "2"), (today, "4")):
        kis.goto(_url(kis, "plans:case_outcomes", case_pk=case.pk))
        _click_link(kis, "plans:outcome_assessment_create", case_pk=case.pk)
        kis.fill("#id_assessed_on", day.isoformat())
        for measure in OutcomeMeasure:
            kis.select_option(f"#id_score_{measure.value}", score)
        _submit(kis)
        _no_form_errors(kis, f"assessment {day}")
    assert OutcomeAssessment.objects.filter(case=case).count() == 2
    axe.check(kis, "outcomes")
    screenshot(kis, "flow-10-outcomes")

    # 8. Exit, and the follow-up six months later.
    kis.goto(_url(kis, "cases:case_detail", pk=case.pk))
    _click_link(kis, "cases:case_exit", pk=case.pk)
    kis.select_option("#id_reason", "completed")
    kis.fill("#id_exited_on", today.isoformat())
    kis.fill("#id_note", "Program ukończony; podjął wolontariat w bibliotece.")
    _submit(kis)
    _no_form_errors(kis, "exit")
    case.refresh_from_db()
    assert case.status == "exited"
    follow_up = FollowUp.objects.get(case=case)
    due = add_months(today, 6)
    assert follow_up.due_on == due and follow_up.done_on is None
    assert due.strftime("%d.%m.%Y") in kis.locator("#followup").locator("xpath=..").inner_text()
    screenshot(kis, "flow-11-exit-follow-up")
    # Shown as due in the case manager's workspace in the week it falls due.
    week = due_items(Case.objects.filter(case_manager=cast.case_manager), due - dt.timedelta(days=3), due)
    assert [(i.case_id, i.date) for i in week if i.kind == "follow_up"] == [(case.pk, due)]

    # 9. The closed loop: the OPS worker sees both statuses and the refusal reason, nothing more.
    ops.goto(_url(ops, "cases:my_referrals"))
    axe.check(ops, "my-referrals")
    screenshot(ops, "flow-12-closed-loop")
    text = ops.locator("main").inner_text()
    with translation.override("pl"):
        assert str(RefusalReason.NO_PLACES.label) in text
        assert "Brak miejsc do czerwca; proponujemy CIS." in text
    assert "MOPS/DPS/41/2026" in text and "MOPS/DPS/42/2026" in text
    for secret in (PESEL, PESEL_REFUSED, LAST_NAME, REFUSED_LAST_NAME):
        assert secret not in ops.content()
    for name, kwargs in (
        ("cases:participant_detail", {"pk": participant.pk}),
        ("cases:case_detail", {"pk": case.pk}),
        ("cases:referral_detail", {"pk": accepted.pk}),
        ("plans:case_plan", {"case_pk": case.pk}),
    ):
        response = ops.goto(_url(ops, name, **kwargs))
        assert response is not None and response.status == 404, f"{name}: HTTP {response and response.status}"
    # The services tab refuses the OPS role outright (403 for any case number): nothing is disclosed.
    response = ops.goto(_url(ops, "catalogue:case_services", case_pk=case.pk))
    assert response is not None and response.status in (403, 404)
    assert LAST_NAME not in ops.content()

    assert axe.serious() == {}
