"""Demo data of the cooperation forum and the assessment cards, written through the services.

Uses ``ksr.networks.demo.demo_lsrs()``: "healthy" and "no_type_c" LSRs get a forum meeting on
time (strategic within the last quarter, operational within the last month) with minutes sent,
decisions and action items; "overdue_forum" LSRs have meetings that stopped five months ago.
Healthy LSRs also get assessment cards in the last six months and a year earlier (a trend) with
improvement actions.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from django.utils import timezone

from ksr.cooperation import services
from ksr.cooperation.choices import ActionStatus, Condition, DecisionMethod, MeetingKind, RepresentativeRole
from ksr.cooperation.models import Forum, Meeting, Representative, period_of
from ksr.core.demo import FIRST_NAMES, LAST_NAMES, _female
from ksr.core.types import AnyUser
from ksr.networks import demo as networks_demo
from ksr.networks.choices import NetworkLevel
from ksr.networks.models import Network
from ksr.registry.models import Organisation

STRATEGIC_AGENDA = [
    "Sprawozdanie asystentów/opiekunów o stanie procesu reintegracji uczestników KIS",
    "Problemy zgłoszone przez instytucje partnerskie",
    "Oferta usług partnerów dla uczestników KIS",
    "Wolne wnioski",
]
OPERATIONAL_AGENDA = ["Przegląd ścieżek wsparcia", "Uzgodnienie terminów i miejsc zajęć"]
ACTIONS = [
    "Przygotować wspólny kalendarz zajęć dla uczestników KIS",
    "Zorganizować spotkanie informacyjne w bibliotece",
    "Uzgodnić miejsca praktyk u pracodawcy",
    "Przekazać partnerom informator o usługach",
]
DECISIONS = [
    "Forum przyjmuje harmonogram spotkań na kolejny kwartał.",
    "Partnerzy udostępnią sale na zajęcia grupowe KIS bez opłat.",
    "Forum powołuje grupę roboczą ds. aktywizacji zawodowej.",
]


def _lsrs() -> list[tuple[str, Any]]:
    """(state, network) pairs from the networks demo; every local network as healthy if it gives none."""
    pairs: list[tuple[str, Any]] = []
    for key, value in networks_demo.demo_lsrs().items():
        state = key[-1] if isinstance(key, tuple) else str(key)
        for network in value if isinstance(value, (list, tuple)) else [value]:
            pairs.append((state, network))
    if not pairs:
        pairs = [("healthy", n) for n in Network.objects.filter(level=NetworkLevel.LOCAL).order_by("id")]
    return pairs


def _name(rng: random.Random) -> str:
    first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
    return f"{first} {_female(last) if first.endswith('a') else last}"


def _representatives(forum: Forum, rng: random.Random, *, actor: AnyUser) -> list[Representative]:
    network = forum.network
    ids = set(network.memberships.filter(left_on__isnull=True).values_list("organisation_id", flat=True))
    ids.add(network.main_node_id)
    reps = []
    for org in Organisation.objects.filter(pk__in=ids).prefetch_related("people").order_by("id")[:8]:
        people = list(org.people.all())
        for role, index in ((RepresentativeRole.HEAD, 0), (RepresentativeRole.SUBSTANTIVE, 1)):
            person = people[index] if len(people) > index else None
            email = "" if person is not None and person.email else f"forum.{org.pk}.{role}@example.org"
            data = {
                "organisation": org,
                "role": role,
                "person": person,
                "name": "" if person else _name(rng),
                "email": email,
            }
            reps.append(services.do_add_representative(forum, data, actor=actor))
    return reps


def _meeting(
    forum: Forum,
    kind: str,
    held_on: dt.date,
    reps: list[Representative],
    rng: random.Random,
    *,
    actor: AnyUser,
    send: bool,
    group: Any = None,
) -> Meeting:
    strategic = kind == MeetingKind.STRATEGIC
    title = (
        "Posiedzenie konwentu instytucji lokalnych" if strategic else "Spotkanie grupy roboczej konwentu"
    ) + f" {held_on:%m.%Y}"
    meeting = services.do_plan_meeting(
        forum,
        {
            "kind": kind,
            "title": title,
            "planned_on": held_on,
            "place": "Siedziba KIS",
            "task_group": None if strategic else group,
        },
        agenda=STRATEGIC_AGENDA if strategic else OPERATIONAL_AGENDA,
        actor=actor,
    )
    present = [r for r in reps if rng.random() < 0.75] or reps[:2]
    data: dict[str, Any] = {
        "held_on": held_on,
        "minutes": (
            f"Protokół ze spotkania w dniu {held_on:%d.%m.%Y}. Omówiono punkty porządku obrad; ustalenia w załączeniu."
        ),
    }
    if strategic:
        data.update(
            participants_active=rng.randint(12, 30),
            participants_admitted=rng.randint(1, 8),
            participants_exited=rng.randint(1, 6),
            participants_with_outcome=rng.randint(2, 9),
            report_problems=(
                "Trudności z dojazdem uczestników z terenów wiejskich; długi czas oczekiwania na wizytę u specjalisty."
            ),
        )
    meeting = services.do_record_meeting_held(meeting, data, representatives=present, actor=actor)
    if strategic:
        services.do_record_decision(
            meeting, {"text": rng.choice(DECISIONS), "method": DecisionMethod.CONSENSUS}, actor=actor
        )
        n = len({r.organisation_id for r in present})
        services.do_record_decision(
            meeting,
            {
                "text": "Forum przyjmuje wnioski z karty oceny współpracy.",
                "method": DecisionMethod.VOTE,
                "votes_for": n - 1,
                "votes_against": 0,
                "votes_abstain": 1,
            },
            actor=actor,
        )
    owner = rng.choice(reps).organisation
    item = services.do_add_action_item(
        meeting, {"title": rng.choice(ACTIONS), "owner": owner, "due_on": held_on + dt.timedelta(days=30)}, actor=actor
    )
    if held_on + dt.timedelta(days=30) < timezone.localdate():
        services.do_update_action_item_status(item, ActionStatus.DONE, actor=actor)
    if send:
        services.do_send_minutes(meeting, actor=actor)
    return meeting


def _cards(network: Any, reps: list[Representative], rng: random.Random, today: dt.date, *, actor: AnyUser) -> int:
    orgs = list({r.organisation_id: r.organisation for r in reps}.values())
    count = 0
    for days_ago, base in ((400, 2.6), (40, 3.6)):
        filled = today - dt.timedelta(days=days_ago)
        year, half = period_of(filled)
        for org in orgs:
            data: dict[str, Any] = {"year": year, "half": half, "filled_on": filled}
            for c in Condition:
                data[f"score_{c.value}"] = max(1, min(5, round(base + rng.uniform(-1, 1))))
            data["comment_communication"] = (
                "Informacje między spotkaniami docierają z opóźnieniem."
                if base < 3
                else "Komunikacja poprawiła się po wprowadzeniu listy mailingowej."
            )
            data["conclusions"] = "Potrzebny wspólny plan działań i regularne spotkania grup roboczych."
            services.do_fill_assessment(network, org, data, actor=actor)
            count += 1
    for title, condition, days in (
        ("Uruchomić listę mailingową forum", Condition.COMMUNICATION, -120),
        ("Opracować wspólny plan działań na rok", Condition.PLAN, 60),
    ):
        action = services.do_add_improvement_action(
            network,
            {
                "title": title,
                "condition": condition,
                "owner": network.main_node,
                "due_on": today + dt.timedelta(days=days),
            },
            actor=actor,
        )
        if days < 0:
            services.do_update_improvement_action_status(action, ActionStatus.DONE, actor=actor)
    return count


def seed_demo(*, rng: random.Random, actor: AnyUser, scale: int) -> str:
    today = timezone.localdate()
    forums = meetings = cards = 0
    for state, network in _lsrs():
        if Forum.objects.filter(network=network).exists():
            continue
        forum = services.do_create_forum(
            network, {"description": "Forum współpracy międzyinstytucjonalnej (konwent) LSR."}, actor=actor
        )
        forums += 1
        group = services.do_create_task_group(
            forum,
            {
                "name": "Grupa robocza ds. aktywizacji zawodowej",
                "topic": "Praktyki i staże u pracodawców dla uczestników KIS",
            },
            actor=actor,
        )
        reps = _representatives(forum, rng, actor=actor)
        if not reps:
            continue
        shift = 150 if state == "overdue_forum" else 0
        strategic_days = [shift + d for d in (30, 115, 200, 285)]
        operational_days = [shift + 10 + 30 * i for i in range(6 * max(scale, 1) if shift == 0 else 4)]
        for days in strategic_days:
            _meeting(
                forum,
                MeetingKind.STRATEGIC,
                today - dt.timedelta(days=days),
                reps,
                rng,
                actor=actor,
                send=days != min(strategic_days),
            )
            meetings += 1
        for days in operational_days:
            _meeting(
                forum,
                MeetingKind.OPERATIONAL,
                today - dt.timedelta(days=days),
                reps,
                rng,
                actor=actor,
                send=True,
                group=group,
            )
            meetings += 1
        services.do_plan_meeting(
            forum,
            {
                "kind": MeetingKind.STRATEGIC,
                "title": "Posiedzenie konwentu instytucji lokalnych (planowane)",
                "planned_on": today + dt.timedelta(days=45),
                "place": "Urząd gminy",
            },
            agenda=STRATEGIC_AGENDA,
            actor=actor,
        )
        if state == "healthy":
            cards += _cards(network, reps, rng, today, actor=actor)
    return f"cooperation: {forums} forums, {meetings} meetings held, {cards} assessment cards"
