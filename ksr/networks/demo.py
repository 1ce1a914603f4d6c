"""Demo networks on top of the foundation demo (``ksr.core.demo``), written through the services.

The KSR (main node: the KOWR), one RSR per demo voivodeship (main node: its ROWR) with a ROWR
team, assistance entries and RPW tasks, and an LSR for every KIS of the region. The first three
LSRs of each voivodeship (in creation order) are in known states that the partnerships and
cooperation demos build on; find them with ``demo_lsrs()``:

- "healthy": type C members covering the four new-profile sectors (the other demos add a signed
  partnership with a type C partner, a forum meeting on time and a recent assessment);
- "no_type_c": type A and B members only;
- "overdue_forum": like "healthy", but its forum is to be left overdue.

All LSRs have their auspices recorded.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from django.utils import timezone

from ksr.core.types import AnyUser
from ksr.networks import services
from ksr.networks.choices import (
    AssistanceForm,
    AssistanceOutcome,
    AuspicesKind,
    CreationActKind,
    CreationVariant,
    NetworkLevel,
    RecommendationStatus,
    RegionalTaskType,
    TaskStatus,
)
from ksr.networks.models import Network
from ksr.registry.choices import OrganisationKind, StaffFunction, StakeholderType
from ksr.registry.models import Organisation
from ksr.registry.services import do_create_person
from ksr.territory.models import TerritorialUnit

K = OrganisationKind
VOIVODESHIPS = ("14", "12")
STATES = ("healthy", "no_type_c", "overdue_forum")
KOWR_NAME = "Krajowy Ośrodek Współpracy na rzecz Reintegracji"
TYPE_C_KINDS = (K.LIBRARY, K.CULTURE_INSTITUTION, K.SCHOOL, K.SPORT_CENTRE, K.HEALTH_FACILITY, K.FOUNDATION, K.EMPLOYER)
TYPE_AB_KINDS = (K.OPS, K.SOCIAL_COOPERATIVE)
LEADERS = [
    "Proboszcz parafii, dyrektorka szkoły podstawowej i prezes koła gospodyń wiejskich",
    "Radna gminy, prezes lokalnego stowarzyszenia sportowego i sołtys",
    "Dyrektor biblioteki, liderka grupy seniorów i przedsiębiorca z branży budowlanej",
]
RPW_TASKS = {
    RegionalTaskType.COVERAGE_ANALYSIS: "Analiza nasycenia województwa podmiotami zatrudnienia socjalnego",
    RegionalTaskType.PROGRAMME_INSPIRATION: "Inspirowanie powiatów do programów z udziałem KIS i CIS",
    RegionalTaskType.STRATEGY_REVIEW: "Opiniowanie gminnych strategii rozwiązywania problemów społecznych",
    RegionalTaskType.STANDARDS_AND_ADVICE: "Doradztwo dla nowych Zespołów Synergii Lokalnej",
    RegionalTaskType.INTER_GMINA_COOPERATION: "Spotkanie sieciujące ZSL z gmin sąsiednich",
    RegionalTaskType.PROGRAMME_MONITORING: "Monitoring udziału podmiotów w KPRES i programie „Nowy wymiar integracji”",
}


def demo_lsrs() -> dict[tuple[str, str], Network]:
    """The demo LSRs in known states, keyed ``(voivodeship_code, state)``, e.g. ``("14", "healthy")``."""
    out: dict[tuple[str, str], Network] = {}
    for code in VOIVODESHIPS:
        lsrs = list(
            Network.objects.filter(level=NetworkLevel.LOCAL, territory__code__startswith=code).order_by("id")[
                : len(STATES)
            ]
        )
        for state, lsr in zip(STATES, lsrs, strict=False):
            out[(code, state)] = lsr
    return out


def _org(kind: str, **filters: Any) -> Organisation | None:
    return Organisation.objects.filter(kind=kind, **filters).order_by("id").first()


def _label(code: str) -> str:
    return {"14": "Mazowsze", "12": "Małopolska"}.get(code, code)


def seed_demo(*, rng: random.Random, actor: AnyUser, scale: int) -> str:
    today = timezone.localdate()
    counts = {"networks": 0, "members": 0, "assistance": 0, "tasks": 0, "team": 0}
    kowr = Organisation.objects.filter(kind=K.NATIONAL_CENTRE, name=KOWR_NAME).first() or _org(K.NATIONAL_CENTRE)
    if kowr is None:
        raise RuntimeError("Run the foundation demo (manage.py seed_demo) first: the KOWR is missing.")
    ksr = services.do_create_network(
        {
            "name": "Krajowa Sieć Reintegracji",
            "level": NetworkLevel.NATIONAL,
            "main_node": kowr,
            "established_on": today - dt.timedelta(days=720),
            "description": "Krajowa metasieć spinająca regionalne sieci na rzecz reintegracji (hub).",
        },
        actor=actor,
    )
    counts["networks"] += 1
    osar = _org(K.ANIMATION_CENTRE)
    if osar is not None:
        services.do_add_member(ksr, osar, joined_on=today - dt.timedelta(days=600), actor=actor)
        counts["members"] += 1
    all_lsrs: list[Network] = []
    for code in VOIVODESHIPS:
        voivodeship = TerritorialUnit.objects.filter(code=code).first()
        rowr = _org(K.REGIONAL_CENTRE, seat__code__startswith=code)
        if voivodeship is None or rowr is None:
            continue
        rsr = services.do_create_network(
            {
                "name": f"Regionalna Sieć na rzecz Reintegracji – {_label(code)}",
                "level": NetworkLevel.REGIONAL,
                "territory": voivodeship,
                "main_node": rowr,
                "parent": ksr,
                "established_on": today - dt.timedelta(days=540),
            },
            actor=actor,
        )
        counts["networks"] += 1
        for kind in (K.WUP, K.ROPS):
            supra_local = _org(kind, seat__code__startswith=code)
            if supra_local is not None:
                services.do_add_member(rsr, supra_local, joined_on=today - dt.timedelta(days=500), actor=actor)
                counts["members"] += 1
        counts["team"] += _team(rsr, rng=rng, actor=actor)
        lsrs = _lsrs(rsr, code, rng=rng, actor=actor, today=today, counts=counts)
        all_lsrs.extend(lsrs)
        counts["assistance"] += _assistance(rsr, lsrs, rng=rng, actor=actor, today=today)
        counts["tasks"] += _tasks(rsr, rng=rng, actor=actor, today=today)
    _recommendations(ksr, all_lsrs, actor=actor)
    return (
        f"networks: {counts['networks']} networks (1 KSR, {len(VOIVODESHIPS)} RSR, {len(all_lsrs)} LSR), "
        f"{counts['members']} memberships, {counts['team']} team members, {counts['assistance']} assistance entries, "
        f"{counts['tasks']} RPW tasks, 3 recommendations"
    )


def _team(rsr: Network, *, rng: random.Random, actor: AnyUser) -> int:
    people = [
        ("Magdalena", "Wrona", "Koordynatorka ROWR", "Metasieciowanie, moderowanie spotkań, strategie gminne"),
        ("Tomasz", "Lis", "Specjalista ds. wsparcia LSR", "Zatrudnienie socjalne, prawo pomocy społecznej"),
        ("Ewa", "Sowa", "Animatorka regionalna", "Animacja lokalna, budowanie partnerstw międzysektorowych"),
    ]
    for first, last, role, competences in people:
        person = do_create_person(
            rsr.main_node,
            {"first_name": first, "last_name": last, "function": StaffFunction.COORDINATOR, "position": role},
            actor=actor,
        )
        services.do_add_team_member(
            rsr,
            {"person": person, "team_role": role, "competences": competences, "since": rsr.established_on},
            actor=actor,
        )
    return len(people)


def _lsrs(
    rsr: Network, code: str, *, rng: random.Random, actor: AnyUser, today: dt.date, counts: dict[str, int]
) -> list[Network]:
    lsrs = []
    kis_list = (
        Organisation.objects.filter(kind=K.KIS, seat__code__startswith=code).select_related("seat").order_by("id")
    )
    for index, kis in enumerate(kis_list):
        state = STATES[index] if index < len(STATES) else rng.choice(("healthy", "no_type_c"))
        gmina = kis.seat
        established = today - dt.timedelta(days=rng.randint(200, 500))
        administrative = index % 2 == 0
        data: dict[str, Any] = {
            "name": f"Lokalna Sieć na rzecz Reintegracji – {gmina.name}",
            "level": NetworkLevel.LOCAL,
            "territory": gmina,
            "main_node": kis,
            "parent": rsr,
            "established_on": established,
            "creation_variant": CreationVariant.ADMINISTRATIVE if administrative else CreationVariant.CIVIC,
        }
        if administrative:
            data.update(
                creation_act_kind=CreationActKind.DECISION if index % 4 == 0 else CreationActKind.RESOLUTION,
                creation_act_number=f"{rng.randint(10, 120)}/{established.year}",
                creation_act_date=established - dt.timedelta(days=10),
            )
        else:
            data["civic_leaders"] = rng.choice(LEADERS)
        lsr = services.do_create_network(data, actor=actor)
        counts["networks"] += 1
        services.do_record_auspices(
            lsr,
            {
                "kind": rng.choice([AuspicesKind.DECISION, AuspicesKind.DECLARATION]),
                "number": f"Zarządzenie nr {rng.randint(1, 90)}/{established.year}",
                "date": established - dt.timedelta(days=20),
                "document_note": "Oryginał w sekretariacie urzędu gminy",
            },
            actor=actor,
        )
        kinds = TYPE_AB_KINDS if state == "no_type_c" else TYPE_AB_KINDS + TYPE_C_KINDS
        for kind in kinds:
            org = _org(kind, seat=gmina)
            if org is not None:
                services.do_add_member(
                    lsr, org, joined_on=established + dt.timedelta(days=rng.randint(0, 60)), actor=actor
                )
                counts["members"] += 1
        pup = _org(K.PUP, seat__code__startswith=gmina.code[:4])
        if pup is not None:
            services.do_add_member(lsr, pup, joined_on=established, actor=actor)
            counts["members"] += 1
        # History: an association that joined and left again.
        ngo = _org(K.ASSOCIATION, seat=gmina)
        if ngo is not None and state != "no_type_c" and ngo.stakeholder_type != StakeholderType.C:
            membership = services.do_add_member(lsr, ngo, joined_on=established, actor=actor)
            services.do_end_membership(membership, left_on=established + dt.timedelta(days=120), actor=actor)
            counts["members"] += 1
        lsrs.append(lsr)
    return lsrs


def _assistance(rsr: Network, lsrs: list[Network], *, rng: random.Random, actor: AnyUser, today: dt.date) -> int:
    subjects = [
        (AssistanceForm.TRAINING, "Warsztat: jak zbudować umowę partnerską z instytucjami kultury"),
        (AssistanceForm.ADVICE, "Konsultacja regulaminu Forum współpracy"),
        (AssistanceForm.MENTORING, "Mentoring zespołu KIS w roli lidera LSR"),
        (AssistanceForm.DOCUMENT_REVIEW, "Przegląd karty oceny współpracy międzysektorowej"),
    ]
    count = 0
    for index, lsr in enumerate(lsrs[:4]):
        form, subject = subjects[index % len(subjects)]
        services.do_log_assistance(
            rsr,
            {
                "lsr": lsr,
                "provided_on": today - dt.timedelta(days=rng.randint(10, 200)),
                "form": form,
                "subject": subject,
                "outcome": rng.choice(
                    [AssistanceOutcome.ACHIEVED, AssistanceOutcome.PARTIAL, AssistanceOutcome.PENDING]
                ),
                "outcome_note": "Zespół KIS przygotował plan dalszych działań.",
            },
            actor=actor,
        )
        count += 1
    return count


def _tasks(rsr: Network, *, rng: random.Random, actor: AnyUser, today: dt.date) -> int:
    owners = [member.person for member in rsr.team.select_related("person")]
    for index, (task_type, title) in enumerate(RPW_TASKS.items()):
        task = services.do_create_regional_task(
            rsr,
            {
                "task_type": task_type,
                "title": title,
                "owner": owners[index % len(owners)] if owners else None,
                "due_on": today + dt.timedelta(days=rng.randint(-30, 180)),
            },
            actor=actor,
        )
        if index % 3 != 2:
            task = services.do_update_regional_task(task, {"status": TaskStatus.IN_PROGRESS}, actor=actor)
        if index % 3 == 0:
            services.do_update_regional_task(
                task,
                {"status": TaskStatus.DONE, "outcome": "Raport przekazany Regionalnemu Komitetowi Rozwoju ES."},
                actor=actor,
            )
    return len(RPW_TASKS)


def _recommendations(ksr: Network, lsrs: list[Network], *, actor: AnyUser) -> None:
    items = [
        (
            "Stałe finansowanie KIS jako jednostki organizacyjnej gminy",
            "W gminach, gdzie KIS działa w strukturze OPS z budżetu gminy, sieć trwa mimo zmian projektów.",
            RecommendationStatus.UNDER_DISCUSSION,
        ),
        (
            "Umowy partnerskie z instytucjami kultury i sportu jako standard LSR",
            "LSR z podpisanymi umowami z bibliotekami i OSiR szybciej poszerzają ofertę usług.",
            RecommendationStatus.ADOPTED,
        ),
        (
            "Uproszczony wzór karty oceny współpracy",
            "Partnerzy typu C rzadko wypełniają pełną kartę; krótsza wersja podniosła zwrotność.",
            RecommendationStatus.DRAFT,
        ),
    ]
    for index, (title, evidence, status) in enumerate(items):
        recommendation = services.do_create_recommendation(
            ksr, {"title": title, "evidence": evidence, "source_lsrs": lsrs[index : index + 2]}, actor=actor
        )
        if status != RecommendationStatus.DRAFT:
            recommendation = services.do_update_recommendation(
                recommendation, {"status": RecommendationStatus.UNDER_DISCUSSION}, actor=actor
            )
        if status == RecommendationStatus.ADOPTED:
            services.do_update_recommendation(recommendation, {"status": status}, actor=actor)
