"""Demo data of the plans app, built through the services on top of the demo cases."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from ksr.accounts.choices import Role
from ksr.accounts.models import Membership
from ksr.cases.choices import CaseStatus
from ksr.cases.models import Case
from ksr.core.types import AnyUser
from ksr.plans import services
from ksr.plans.choices import CardPart, ContractStatus, OutcomeMeasure, PlanStatus, ReviewOutcome
from ksr.plans.models import ServiceCardEntry, allowed_contract_kinds
from ksr.registry.choices import NEW_PROFILE_SECTORS, OrganisationKind
from ksr.registry.models import Sector

GOALS = [
    ("Regularny udział w zajęciach grupowych KIS", "culture"),
    ("Udział w warsztatach teatralnych w domu kultury", "culture"),
    ("Kurs komputerowy w bibliotece", "education"),
    ("Zajęcia na basenie raz w tygodniu", "sport"),
    ("Konsultacja w poradni terapii uzależnień", "health"),
    ("Uzupełnienie dokumentów (dowód osobisty, orzeczenie)", None),
]
CONTENT = (
    "Uczestnik bierze udział w zajęciach KIS trzy razy w tygodniu, w konsultacjach z psychologiem "
    "i w treningu umiejętności społecznych. KIS zapewnia zwrot kosztów dojazdu i opiekę nad dzieckiem."
)
WORDS = [
    "Chcę wychodzić z domu i poznać ludzi.",
    "Chcę uporządkować swoje sprawy i odzyskać prawo jazdy.",
    "Chcę być lepszą mamą i znaleźć stałe zajęcie.",
]


def _actor(case: Case) -> Any:
    if case.case_manager_id:
        return case.case_manager
    m = (
        Membership.objects.filter(organisation=case.organisation, role=Role.ENTITY_MANAGER)
        .select_related("user")
        .first()
    )
    return m.user if m else None


def seed_demo(*, rng: random.Random, actor: AnyUser, scale: int) -> str:
    today = timezone.localdate()
    counts = {"contracts": 0, "versions": 0, "plans": 0, "potential": 0, "card": 0, "outcomes": 0, "events": 0}
    sectors = {s.code: s for s in Sector.objects.filter(code__in=NEW_PROFILE_SECTORS)}
    cases = Case.objects.select_related("organisation", "case_manager", "participant").exclude(
        status=CaseStatus.REFUSED
    )
    for case in cases.order_by("id")[: 200 * max(scale, 1)]:
        who = _actor(case)
        if who is None or ServiceCardEntry.objects.filter(case=case).exists():
            continue
        start = case.opened_on
        try:
            counts_case = _seed_case(case, who, start, today, rng, sectors)
        except (ValidationError, PermissionDenied):
            continue
        for key, value in counts_case.items():
            counts[key] += value
    return (
        "plans: {contracts} contracts ({versions} versions), {plans} IPD, {potential} diagnoses, "
        "{card} card entries, {outcomes} outcome assessments, {events} outcomes".format(**counts)
    )


def _seed_case(case: Case, who: Any, start: dt.date, today: dt.date, rng: random.Random, sectors: dict) -> dict:
    c = {"contracts": 0, "versions": 0, "plans": 0, "potential": 0, "card": 0, "outcomes": 0, "events": 0}
    exited = case.status == CaseStatus.EXITED
    kinds = allowed_contract_kinds(case.organisation.kind)
    kind = kinds[0] if case.organisation.kind == OrganisationKind.CIS else rng.choice(kinds)
    if case.status == CaseStatus.REFERRED:
        return c
    contract = None if exited else _seed_contract(case, who, start, today, rng, kind, c)
    _seed_rest(case, who, start, today, rng, sectors, c, exited, contract)
    return c


def _seed_contract(case: Case, who: Any, start: dt.date, today: dt.date, rng: random.Random, kind: str, c: dict) -> Any:
    contract = services.do_create_contract(
        case,
        {
            "kind": kind,
            "content": CONTENT,
            "participant_words": rng.choice(WORDS),
            "valid_from": start,
            "review_interval_days": 60,
        },
        actor=who,
    )
    c["contracts"] += 1
    c["versions"] += 1
    version = contract.versions.get()
    services.do_sign_contract_version(version, {"participant_signed_on": start, "worker_signed_on": start}, actor=who)
    contract.refresh_from_db()
    review_on = start + dt.timedelta(days=60)
    if review_on < today:
        kept = rng.random() < 0.6
        services.do_review_contract(
            contract,
            {
                "reviewed_on": review_on,
                "outcome": ReviewOutcome.KEPT if kept else ReviewOutcome.NOT_KEPT,
                "note": "Zapisy kontraktu zweryfikowane wspólnie z uczestnikiem.",
            },
            actor=who,
        )
        if not kept:
            services.do_decide_sanction(
                contract,
                {
                    "decision": "amend",
                    "decided_on": review_on,
                    "reason": "Nieobecności wynikały z opieki nad dzieckiem; dla dobra uczestnika zmieniamy kontrakt.",
                },
                actor=who,
            )
            services.do_amend_contract(
                contract,
                {
                    "content": CONTENT.replace("trzy razy", "dwa razy"),
                    "participant_words": rng.choice(WORDS),
                    "change_reason": "Kontrakt nie był dotrzymany; dostosowany do możliwości uczestnika.",
                    "valid_from": review_on,
                },
                actor=who,
            )
            c["versions"] += 1
    return contract


def _seed_rest(
    case: Case,
    who: Any,
    start: dt.date,
    today: dt.date,
    rng: random.Random,
    sectors: dict,
    c: dict,
    exited: bool,
    contract: Any,
) -> None:
    # Diagnosis of potential, after the first weeks
    diag_on = min(start + dt.timedelta(weeks=3), today)
    services.do_create_potential_assessment(
        case,
        {"assessed_on": diag_on, "summary": "Diagnoza po okresie obserwacji w placówce."},
        [
            {
                "dimension": "individual",
                "area": "social_skills",
                "kind": "deficit",
                "level": rng.randint(1, 2),
                "note": "Trudności w nawiązywaniu kontaktu, unika rozmów w grupie.",
            },
            {
                "dimension": "individual",
                "area": "self_esteem",
                "kind": "deficit",
                "level": rng.randint(1, 3),
                "note": "Niska samoocena, brak wiary we własne możliwości.",
            },
            {
                "dimension": "life_circumstances",
                "area": "social_roles",
                "kind": "resource",
                "level": rng.randint(3, 5),
                "note": "Troskliwy rodzic, dba o dzieci.",
            },
            {
                "dimension": "environment",
                "area": "family",
                "kind": "resource",
                "level": rng.randint(2, 4),
                "note": "Wsparcie ze strony siostry.",
            },
        ],
        actor=who,
    )
    c["potential"] += 1
    # IPD for cases older than the observation period
    if not exited and start + dt.timedelta(weeks=6) <= today:
        chosen = rng.sample(GOALS, 3)
        plan = services.do_save_action_plan(
            case,
            {
                "diagnosis_summary": "Po sześciu tygodniach obserwacji: potrzeba wzmocnienia kompetencji społecznych.",
                "participant_words": rng.choice(WORDS),
                "sectors": [sectors[s] for _g, s in chosen if s and s in sectors],
            },
            actor=who,
        )
        for i, (goal, sector) in enumerate(chosen):
            services.do_add_plan_goal(
                plan,
                {
                    "goal": goal,
                    "actions": "Zapis, towarzyszenie przy pierwszej wizycie, omówienie efektów.",
                    "sector": sectors.get(sector) if sector else None,
                    "start_on": start + dt.timedelta(weeks=6 + i),
                    "due_on": start + dt.timedelta(weeks=18 + 4 * i),
                },
                actor=who,
            )
        services.do_change_plan_status(plan, PlanStatus.SET, actor=who, on=start + dt.timedelta(weeks=6))
        c["plans"] += 1
    # The services card: general part, then detailed entries month by month, one correction
    services.do_add_card_entry(
        case,
        {
            "part": CardPart.GENERAL,
            "entered_on": start,
            "referred_by": rng.choice(["ops", "self", "pup"]),
            "months_without_work": rng.randint(12, 96),
            "education": rng.choice(["primary", "vocational", "secondary"]),
            "marital_status": rng.choice(["single", "divorced", "married"]),
            "income_source": rng.choice(["social_assistance", "casual_work", "family"]),
            "health_conditions": "Bez orzeczenia o niepełnosprawności.",
            "material_situation": "Trudna; zasiłek okresowy z OPS.",
            "participant_signed": True,
            "participant_signed_on": start,
        },
        actor=who,
    )
    c["card"] += 1
    first = None
    months = max(1, min(6, (today - start).days // 30))
    for m in range(months):
        day = start + dt.timedelta(days=30 * m + 7)
        entry = services.do_add_card_entry(
            case,
            {
                "part": CardPart.DETAILED,
                "entered_on": day,
                "actions": "Zajęcia grupowe, konsultacja psychologiczna, trening umiejętności społecznych.",
                "effects": rng.choice(
                    ["Regularna obecność.", "Większa otwartość w grupie.", "Samodzielnie załatwił sprawę w urzędzie."]
                ),
                "participant_signed": True,
                "participant_signed_on": day,
            },
            actor=who,
        )
        c["card"] += 1
        first = first or entry
    if first is not None and rng.random() < 0.5:
        services.do_add_card_entry(
            case,
            {
                "part": CardPart.DETAILED,
                "entered_on": first.entered_on + dt.timedelta(days=2),
                "corrects": first,
                "correction_reason": "Pomyłka w opisie działań.",
                "actions": "Zajęcia grupowe i konsultacja z doradcą zawodowym (nie z psychologiem).",
            },
            actor=who,
        )
        c["card"] += 1
    # Outcomes at three points in time showing change
    base = {m.value: rng.randint(1, 3) for m in OutcomeMeasure}
    for step in range(3):
        on = start + dt.timedelta(days=2 + 90 * step)
        if on > today:
            break
        services.do_create_outcome_assessment(
            case,
            {"assessed_on": on, "comment": ["Ocena wyjściowa.", "Po pierwszym kwartale.", "Po pół roku."][step]},
            [{"measure": k, "score": min(5, v + step * rng.randint(0, 1)), "comment": ""} for k, v in base.items()],
            actor=who,
        )
        c["outcomes"] += 1
    if exited and case.exited_on and rng.random() < 0.7:
        services.do_record_outcome(
            case,
            {
                "kind": rng.choice(["job", "social_cooperative", "supported_employment", "own_business"]),
                "occurred_on": case.exited_on,
                "note": "Potwierdzone w monitoringu.",
            },
            actor=who,
        )
        c["events"] += 1
    if rng.random() < 0.5:
        services.do_record_outcome(
            case,
            {
                "kind": rng.choice(["therapy", "documents", "community"]),
                "occurred_on": min(today, start + dt.timedelta(days=45)),
            },
            actor=who,
        )
        c["events"] += 1
    if contract is not None and case.exited_on and contract.status == ContractStatus.IN_FORCE:
        services.do_change_contract_status(contract, ContractStatus.COMPLETED, actor=who)
