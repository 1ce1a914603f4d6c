"""Issue 4 end to end through /api/v1/ (test client), with the closed loop, the partner's
minimal view and the aggregates above the club.

The whole participant path goes through the API: referral, qualification (with the case
manager), start, contract (create, sign), IPD (create, goals, set), bookings covering the four
new-profile sectors, the class and its attendance, outcome assessments, the exit and the
follow-up it schedules. Only set-up data (the LSR, partners, catalogue, offers, the edition)
is built through the services (``flow_helpers.build_world``).
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import translation

from ksr.audit.choices import AuditAction
from ksr.audit.models import AuditEntry
from ksr.cases import services as cases
from ksr.cases.choices import RefusalReason
from ksr.cases.models import Case, Participant, Referral, add_months
from ksr.catalogue import services as catalogue
from ksr.core.tests.flow_helpers import (
    FIRST_NAME,
    HEALTH_NOTE,
    LAST_NAME,
    PESEL,
    PESEL_REFUSED,
    REFUSED_FIRST_NAME,
    REFUSED_LAST_NAME,
    STREET,
    World,
    build_world,
)
from ksr.plans.choices import OutcomeMeasure

API = "/api/v1"
TEAM = "Anna Nowak, pracownik socjalny, MOPS Warszawa\nBartek, case manager, KIS Warszawa"


def _results(response):
    data = response.json()
    return data["results"] if isinstance(data, dict) and "results" in data else data


def _referral_payload(
    world: World, first: str, last: str, pesel: str, reference: str, sent_on: dt.date | None = None
) -> dict:
    return {
        "organisation": world.cast.kis_waw.pk,
        "source": "ops",
        "sender_organisation": world.cast.ops_waw.pk,
        "sender_reference": reference,
        "sent_on": (sent_on or world.today).isoformat(),
        "first_name": first,
        "last_name": last,
        "pesel": pesel,
        "contact": "tel. 600 100 200",
        "justification": "Długotrwale bezrobotny, korzysta z pomocy społecznej.",
    }


def _scores(value: int) -> list[dict]:
    return [{"measure": m.value, "score": value, "comment": ""} for m in OutcomeMeasure]


def _post(client, path: str, data: dict | list, expected: int = 200) -> dict:
    response = client.post(f"{API}/{path}", data, content_type="application/json")
    assert response.status_code == expected, response.content
    return response.json()


@pytest.mark.django_db
def test_the_participant_path_through_the_api(login):
    world = build_world()
    cast, today = world.cast, world.today
    opened = today - dt.timedelta(days=7)

    # Referral: the OPS social worker sends it.
    client = login(cast.ops_worker)
    referral_id = _post(
        client,
        "cases/referrals/",
        _referral_payload(world, FIRST_NAME, LAST_NAME, PESEL, "MOPS/DPS/41/2026", today - dt.timedelta(days=10)),
        201,
    )["id"]

    # Qualification: the KIS case manager reviews and accepts, naming the case manager.
    client = login(cast.case_manager)
    full = client.get(f"{API}/cases/referrals/{referral_id}/").json()
    assert full["pesel"] == PESEL and full["status"] == "sent"
    assert _post(client, f"cases/referrals/{referral_id}/review/", {"qualification_team": TEAM})["status"] == (
        "under_review"
    )
    accepted = _post(
        client,
        f"cases/referrals/{referral_id}/accept/",
        {"qualification_team": TEAM, "case_manager": cast.case_manager.pk, "decided_on": opened.isoformat()},
    )
    assert accepted["status"] == "accepted" and accepted["participant"] and accepted["case"]
    assert accepted["decided_on"] == opened.isoformat()
    case_id, participant_id = accepted["case"], accepted["participant"]
    case_data = client.get(f"{API}/cases/cases/{case_id}/").json()
    assert case_data["status"] == "qualified" and case_data["opened_on"] == opened.isoformat()
    assert case_data["case_manager"] == cast.case_manager.pk
    assert case_data["responsible_helper"] == cast.case_manager.pk
    participant = client.get(f"{API}/cases/participants/{participant_id}/").json()
    assert participant["pesel"] == PESEL and participant["last_name"] == LAST_NAME

    # The (re)assignment and the start of the participation.
    case_data = _post(client, f"cases/cases/{case_id}/assign/", {"case_manager": cast.case_manager.pk})
    assert case_data["case_manager"] == cast.case_manager.pk
    case_data = _post(client, f"cases/cases/{case_id}/start/", {"admitted_on": opened.isoformat()})
    assert case_data["status"] == "active" and case_data["admitted_on"] == opened.isoformat()

    # Contract: a draft, then signed by both sides it comes into force.
    contract = _post(
        client,
        "plans/contracts/",
        {
            "case": case_id,
            "kind": "internal_agreement",
            "content": "Udział w klubie książki, basenie i warsztatach teatralnych.",
            "participant_words": "Chcę wrócić do ludzi i do pracy.",
            "valid_from": opened.isoformat(),
            "review_interval_days": 30,
        },
        201,
    )
    assert contract["status"] == "draft" and len(contract["versions"]) == 1
    contract = _post(
        client,
        f"plans/contracts/{contract['id']}/sign/",
        {"participant_signed_on": opened.isoformat(), "worker_signed_on": opened.isoformat()},
    )
    assert contract["status"] == "in_force"
    assert contract["versions"][0]["worker"] == cast.case_manager.pk
    contracts = _results(client.get(f"{API}/plans/contracts/", {"case": case_id}))
    assert [c["status"] for c in contracts] == ["in_force"]
    assert contracts[0]["versions"][0]["participant_words"] == "Chcę wrócić do ludzi i do pracy."

    # The diagnosis of reintegration potential comes before the IPD can be set.
    diagnosis = _post(
        client,
        "plans/potential-assessments/",
        {
            "case": case_id,
            "assessed_on": opened.isoformat(),
            "summary": "Izolacja społeczna, zasoby: motywacja.",
            "items": [{"dimension": "individual", "area": "social_skills", "kind": "deficit", "level": 2}],
        },
        201,
    )
    assert diagnosis["assessed_by"] == cast.case_manager.pk and len(diagnosis["items"]) == 1

    # The IPD covering the four new-profile sectors, with a goal, then set.
    plan = _post(
        client,
        "plans/action-plans/",
        {
            "case": case_id,
            "diagnosis_summary": "Izolacja społeczna.",
            "participant_words": "Chcę wyjść z domu.",
            "sectors": ["education", "culture", "health", "sport"],
        },
        201,
    )
    assert plan["status"] == "draft"
    plan = _post(
        client,
        f"plans/action-plans/{plan['id']}/goals/",
        {"goal": "Regularny udział w zajęciach", "sector": "education"},
        201,
    )
    assert [(g["goal"], g["sector"]) for g in plan["goals"]] == [("Regularny udział w zajęciach", "education")]
    plan = _post(client, f"plans/action-plans/{plan['id']}/status/", {"status": "set"})
    assert plan["status"] == "set" and plan["set_on"] == today.isoformat()
    ipd = _results(client.get(f"{API}/plans/action-plans/", {"case": case_id}))
    assert ipd[0]["status"] == "set" and ipd[0]["sectors"] == ["culture", "education", "health", "sport"]

    # Bookings covering the four new-profile sectors.
    booking_ids = []
    payloads = [{"service": world.reading_club.pk}] + [{"offer": o.pk} for o in world.offers.values()]
    for payload in payloads:
        booking = _post(
            client,
            "catalogue/bookings/",
            {"case": case_id, "starts_on": today.isoformat(), "places": 1, **payload},
            201,
        )
        booking_ids.append(booking["id"])
    for booking_id in booking_ids:
        _post(client, f"catalogue/bookings/{booking_id}/status/", {"status": "confirmed"})
    bookings = _results(client.get(f"{API}/catalogue/bookings/", {"case": case_id}))
    assert sorted(b["area"] for b in bookings) == ["culture", "education", "health", "sport"]
    assert {b["status"] for b in bookings} == {"confirmed"}

    # A class of the edition and its attendance list.
    activity = _post(
        client,
        "catalogue/activities/",
        {
            "edition": world.edition.pk,
            "service": world.reading_club.pk,
            "date": today.isoformat(),
            "topic": "Spotkanie klubu książki",
            "hours": "2.0",
            "mode": "group",
            "leader": "Bibliotekarka",
        },
        201,
    )
    assert activity["attendance"] == []
    activity = _post(client, f"catalogue/activities/{activity['id']}/attendance/", {str(case_id): "present"})
    assert activity["attendance"] == [{"id": activity["attendance"][0]["id"], "case": case_id, "status": "present"}]
    read_activity = client.get(f"{API}/catalogue/activities/{activity['id']}/").json()
    assert read_activity["attendance"] == activity["attendance"]

    # Outcome assessments on two dates; one dated before the case was opened is refused.
    refused = _post(
        client,
        "plans/outcome-assessments/",
        {
            "case": case_id,
            "assessed_on": (opened - dt.timedelta(days=1)).isoformat(),
            "comment": "",
            "scores": _scores(1),
        },
        400,
    )
    assert "assessed_on" in refused
    for day, value in ((opened, 2), (today, 4)):
        _post(
            client,
            "plans/outcome-assessments/",
            {"case": case_id, "assessed_on": day.isoformat(), "comment": "", "scores": _scores(value)},
            201,
        )
    assessments = _results(client.get(f"{API}/plans/outcome-assessments/", {"case": case_id}))
    assert len(assessments) == 2 and all(len(a["scores"]) == 9 for a in assessments)

    # Exit: the follow-up it schedules is six months on, not yet done.
    case_data = _post(
        client, f"cases/cases/{case_id}/exit/", {"exit_reason": "completed", "exited_on": today.isoformat()}
    )
    assert case_data["status"] == "exited" and case_data["exit_reason"] == "completed"
    assert case_data["exited_on"] == today.isoformat()
    assert client.get(f"{API}/cases/cases/{case_id}/").json()["status"] == "exited"
    follow_ups = _results(client.get(f"{API}/cases/follow-ups/"))
    assert [(f["case"], f["due_on"], f["done_on"]) for f in follow_ups] == [
        (case_id, add_months(today, 6).isoformat(), None)
    ]

    # The closed loop: the sender sees the status of its referral, nothing about the person.
    client = login(cast.ops_worker)
    sent = _results(client.get(f"{API}/cases/referrals/"))
    assert [(r["id"], r["status"]) for r in sent] == [(referral_id, "accepted")]
    assert "pesel" not in sent[0] and "first_name" not in sent[0]
    one = client.get(f"{API}/cases/referrals/{referral_id}/").json()
    assert "pesel" not in one and "participant" not in one and "case" not in one
    assert client.get(f"{API}/cases/participants/{participant_id}/").status_code == 404
    assert client.get(f"{API}/cases/cases/{case_id}/").status_code == 404
    assert client.post(f"{API}/cases/cases/{case_id}/exit/", {}, content_type="application/json").status_code == 404
    assert client.get(f"{API}/plans/contracts/{contracts[0]['id']}/").status_code == 404
    assert _results(client.get(f"{API}/cases/follow-ups/")) == []


@pytest.mark.django_db
def test_the_sender_sees_the_refusal_and_its_reason_only(login):
    world = build_world()
    cast = world.cast
    client = login(cast.ops_worker)
    response = client.post(
        f"{API}/cases/referrals/",
        _referral_payload(world, REFUSED_FIRST_NAME, REFUSED_LAST_NAME, PESEL_REFUSED, "MOPS/DPS/42/2026"),
        content_type="application/json",
    )
    referral_id = response.json()["id"]

    client = login(cast.kis_manager)
    client.post(f"{API}/cases/referrals/{referral_id}/review/", {}, content_type="application/json")
    response = client.post(
        f"{API}/cases/referrals/{referral_id}/refuse/",
        {"qualification_team": TEAM, "refusal_reason": "no_places", "refusal_note": "Brak miejsc do czerwca."},
        content_type="application/json",
    )
    assert response.status_code == 200 and response.json()["status"] == "refused"
    assert not Participant.objects.filter(last_name=REFUSED_LAST_NAME).exists()

    client = login(cast.ops_worker)
    seen = client.get(f"{API}/cases/referrals/{referral_id}/").json()
    assert seen["status"] == "refused"
    assert seen["refusal_reason"] == "no_places" and seen["refusal_note"] == "Brak miejsc do czerwca."
    assert "first_name" not in seen and "qualification_team" not in seen
    page = client.get(reverse("cases:my_referrals")).content.decode()
    with translation.override("pl"):
        assert str(RefusalReason.NO_PLACES.label) in page
    assert "Brak miejsc do czerwca." in page and "MOPS/DPS/42/2026" in page
    assert PESEL_REFUSED not in page and REFUSED_LAST_NAME not in page
    assert client.get(reverse("cases:referral_detail", kwargs={"pk": referral_id})).status_code == 404


def _active_case(world: World) -> Case:
    """A participant with PESEL, address and health data, a booked library service and attendance."""
    cast, today = world.cast, world.today
    referral = cases.do_send_referral(
        {
            "organisation": cast.kis_waw,
            "source": "ops",
            "sender_organisation": cast.ops_waw,
            "sent_on": today,
            "first_name": FIRST_NAME,
            "last_name": LAST_NAME,
            "pesel": PESEL,
        },
        actor=cast.ops_worker,
    )
    cases.do_start_review(referral, actor=cast.case_manager, qualification_team=TEAM)
    case = cases.do_accept_referral(referral, actor=cast.case_manager, case_manager=cast.case_manager)
    cases.do_update_participant(
        case.participant,
        {"street": STREET, "postal_code": "03-712", "city": "Warszawa", "health_conditions": HEALTH_NOTE},
        actor=cast.case_manager,
    )
    cases.do_start_participation(case, actor=cast.case_manager, admitted_on=today)
    catalogue.do_create_booking(case, {"service": world.reading_club, "starts_on": today}, actor=cast.case_manager)
    activity = catalogue.do_create_activity(
        world.edition,
        {
            "service": world.reading_club,
            "date": today,
            "topic": "Spotkanie klubu książki",
            "hours": 2,
            "mode": "group",
            "leader": "Bibliotekarka",
        },
        actor=cast.case_manager,
    )
    catalogue.do_record_attendance(activity, {case: "present"}, actor=cast.case_manager)
    return case


@pytest.mark.django_db
def test_the_partner_sees_minimal_data_only_with_both_consents(login):
    world = build_world()
    cast, today = world.cast, world.today
    case = _active_case(world)
    participant = case.participant
    detail = reverse("privacy:partner_participant_detail", kwargs={"participant_pk": participant.pk})

    client = login(cast.partner)
    assert client.get(detail).status_code == 404
    assert client.get(reverse("cases:participant_detail", kwargs={"pk": participant.pk})).status_code == 404

    client = login(cast.case_manager)
    response = client.post(
        f"{API}/privacy/consents/",
        {
            "case": case.pk,
            "partner": world.library.pk,
            "service": "Dyskusyjny klub książki",
            "participant_consent_on": today.isoformat(),
            "participant_consent_form": "written",
            "participant_consent_document": "Zgoda nr 7/2026 w teczce uczestnika",
            "valid_from": today.isoformat(),
            "valid_until": (today + dt.timedelta(days=180)).isoformat(),
        },
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    consent_id = response.json()["id"]
    assert response.json()["status"] == "awaiting_helper"

    client = login(cast.partner)
    assert client.get(detail).status_code == 404, "the participant's consent alone must open nothing"

    client = login(cast.case_manager)
    response = client.post(f"{API}/privacy/consents/{consent_id}/helper-consent/", {}, content_type="application/json")
    assert response.status_code == 200 and response.json()["status"] == "granted"

    client = login(cast.partner)
    reads_before = AuditEntry.objects.filter(actor=cast.partner, action=AuditAction.READ).count()
    response = client.get(detail)
    assert response.status_code == 200
    html = response.content.decode()
    assert f"{FIRST_NAME} {LAST_NAME}" in html
    assert "Dyskusyjny klub książki" in html
    assert "Spotkanie klubu książki" in html
    for secret in (PESEL, STREET, "03-712", HEALTH_NOTE, "tel. 600"):
        assert secret not in html, f"{secret!r} shown to the partner"
    listing = client.get(reverse("privacy:partner_participant_list")).content.decode()
    assert LAST_NAME in listing and PESEL not in listing
    reads = AuditEntry.objects.filter(actor=cast.partner, action=AuditAction.READ, object_id=str(participant.pk))
    assert reads.count() - reads_before == 2
    assert set(reads.values_list("part", flat=True)) == {"partner-minimal", "partner-list"}

    client = login(cast.case_manager)
    response = client.post(
        f"{API}/privacy/consents/{consent_id}/withdraw/",
        {"reason": "Na wniosek uczestnika z dnia dzisiejszego."},
        content_type="application/json",
    )
    assert response.status_code == 200 and response.json()["status"] == "withdrawn"

    client = login(cast.partner)
    assert client.get(detail).status_code == 404
    assert LAST_NAME not in client.get(reverse("privacy:partner_participant_list")).content.decode()
    assert reads.count() - reads_before == 2, "a refused read is not recorded as a read"


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["analyst", "national"])
def test_regional_and_national_users_see_suppressed_counts_only(login, who):
    world = build_world()
    case = _active_case(world)
    participant = case.participant
    user = getattr(world.cast, who)
    client = login(user)

    page = client.get(reverse("privacy:aggregates"))
    assert page.status_code == 200
    html = page.content.decode()
    assert world.cast.kis_waw.name in html and "&lt;5" in html
    assert LAST_NAME not in html and PESEL not in html

    rows = _results(client.get(f"{API}/privacy/aggregates/"))
    row = next(r for r in rows if r["organisation_id"] == world.cast.kis_waw.pk)
    assert row["total"] == "<5"
    assert set(row["counts"].values()) <= {"0", "<5"}

    assert client.get(reverse("cases:participant_detail", kwargs={"pk": participant.pk})).status_code == 404
    assert client.get(reverse("cases:case_detail", kwargs={"pk": case.pk})).status_code == 404
    assert client.get(f"{API}/cases/participants/{participant.pk}/").status_code == 404
    assert client.get(f"{API}/cases/cases/{case.pk}/").status_code == 404
    assert (
        client.get(reverse("privacy:partner_participant_detail", kwargs={"participant_pk": participant.pk})).status_code
        == 404
    )
    assert Referral.objects.count() == 1
