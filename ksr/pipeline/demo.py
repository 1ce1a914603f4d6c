"""Demo data of the pipeline: initiatives at every stage in the demo voivodeships, through the services.

Initiatives that reach "entered" and beyond are linked to the foundation demo's register entries
with the status "entered" (the oldest ones, entered 24+ months ago, become "sustained");
some initiatives are stalled (marked, or with no transition for more than 60 days).
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from django.utils import timezone

from ksr.audit.services import record_update, snapshot
from ksr.core.types import AnyUser
from ksr.pipeline.choices import ORDINAL, PATH, Stage
from ksr.pipeline.models import Initiative, ProgrammeTarget, add_months
from ksr.pipeline.services import do_create_initiative, do_set_legal_step, do_transition_initiative
from ksr.registers.choices import CreationMode, EntryStatus
from ksr.registers.models import RegisterEntry
from ksr.registers.services import do_enter_in_register, do_notify_entity
from ksr.registry.choices import OrganisationKind
from ksr.registry.models import Organisation
from ksr.registry.services import do_create_organisation
from ksr.territory.choices import UnitLevel
from ksr.territory.models import TerritorialUnit

NOTES: dict[str, str] = {
    Stage.FIRST_CONTACT: "Spotkanie z dyrektorem OPS i wójtem",
    Stage.READINESS_MEASURED: "Ankieta gotowości i wywiady z instytucjami typu C",
    Stage.SCENARIO_CHOSEN: "Wybrano scenariusz animacji dopasowany do gotowości",
    Stage.PARTNERS_WON: "Porozumienie z biblioteką, szkołą i ośrodkiem kultury",
}


def _advance(
    initiative: Initiative,
    stage: str,
    start: dt.date,
    rng: random.Random,
    actor: AnyUser,
    entry: RegisterEntry | None,
    mode: str,
) -> Initiative:
    day = start
    today = timezone.localdate()
    path = PATH[1 : ORDINAL[stage] + 1]
    spacing = max(6, (today - start).days // (len(path) + 1))
    for target in path:
        data: dict[str, Any] = {}
        if target == Stage.FOUNDING_BODY_DECIDED:
            data["creation_mode"] = entry.creation_mode if entry else mode
            if entry:
                data["founding_body"] = entry.founding_body
        if target == Stage.FOUNDING_ACT_ADOPTED:
            act_date = entry.founding_act_date if entry and entry.founding_act_date else day
            data.update(
                founding_act_number=(entry.founding_act_number if entry else "")
                or f"Uchwała nr {rng.randint(10, 90)}/2026",
                founding_act_date=act_date,
            )
        if target == Stage.ENTERED and entry:
            data["register_entry"] = entry
        if target in (Stage.ENTERED,) and entry and entry.entry_date:
            day = max(day, entry.entry_date)
        if target == Stage.SUSTAINED:
            day = today
        day = min(day, today)
        initiative = do_transition_initiative(
            initiative, target, on=day, note=NOTES.get(target, ""), data=data, actor=actor
        )
        day = min(today, day + dt.timedelta(days=max(1, spacing + rng.randint(-5, 5))))
    return initiative


def _old_entry(gmina: TerritorialUnit, rng: random.Random, actor: AnyUser) -> RegisterEntry | None:
    """A KIS within the OPS of ``gmina``, entered 26 months ago (for the "sustained" stage)."""
    ops = Organisation.objects.filter(seat__code__startswith=gmina.code[:2], kind=OrganisationKind.OPS).first()
    if ops is None:
        return None
    gmina = ops.seat
    today = timezone.localdate()
    kis = do_create_organisation(
        {"name": f"Klub Integracji Społecznej – {ops.name}", "kind": OrganisationKind.KIS, "seat": gmina},
        actor=actor,
    )
    notified = today - dt.timedelta(days=820)
    entry = do_notify_entity(
        organisation=kis,
        entity_kind="kis",
        founding_body=ops,
        creation_mode=CreationMode.WITHIN_OPS,
        notification_date=notified,
        founding_act_number=f"Zarządzenie nr {rng.randint(5, 40)}/{notified.year} Dyrektora {ops.name}",
        founding_act_date=notified - dt.timedelta(days=10),
        actor=actor,
    )
    return do_enter_in_register(entry, entry_date=notified + dt.timedelta(days=12), actor=actor)


def _activities_ended(today: dt.date, actor: AnyUser) -> None:
    """The demo project's activities ended 25 months ago: durability is counted from then (ADR 0019)."""
    target = ProgrammeTarget.objects.order_by("id").first()
    if target is None or target.activities_end_on is not None:
        return
    before = snapshot(target)
    target.activities_end_on = add_months(today, -25)
    target.save(update_fields=["activities_end_on"])
    record_update(target, before, actor=actor)


def seed_demo(*, rng: random.Random, actor: AnyUser, scale: int) -> str:
    today = timezone.localdate()
    _activities_ended(today, actor)
    created = 0
    counts: dict[str, int] = {}
    entries = list(
        RegisterEntry.objects.filter(status=EntryStatus.ENTERED, initiatives__isnull=True)
        .select_related("organisation__seat", "founding_body")
        .order_by("entry_date")
    )
    for voivodeship in TerritorialUnit.objects.filter(level=UnitLevel.VOIVODESHIP, code__in=["14", "12"]).order_by(
        "code"
    ):
        gminas = list(
            TerritorialUnit.objects.current()
            .filter(level=UnitLevel.GMINA, code__startswith=voivodeship.code)
            .order_by("code")[: 40 * scale]
        )
        if not gminas:
            continue
        region_entries = [e for e in entries if e.voivodeship.code == voivodeship.code] if entries else []
        plan = [*PATH, Stage.STALLED, Stage.ABANDONED, Stage.PROSPECT, Stage.FIRST_CONTACT] * scale
        for n, stage in enumerate(plan):
            entry = None
            target = stage
            if stage in (Stage.ENTERED, Stage.OPERATING, Stage.SUSTAINED):
                if stage == Stage.SUSTAINED:
                    old = [e for e in region_entries if e.entry_date and (today - e.entry_date).days > 740]
                    entry = old[0] if old else _old_entry(gminas[0], rng, actor)
                else:
                    entry = region_entries[-1] if region_entries else None
                if entry is None:
                    target = Stage.NOTIFIED
                else:
                    if entry in region_entries:
                        region_entries.remove(entry)
            gmina = entry.organisation.seat if entry else gminas[(n * 7) % len(gminas)]
            steps = ORDINAL.get(target, ORDINAL[Stage.SCENARIO_CHOSEN]) + 1
            start = (
                (entry.founding_act_date or entry.notification_date) - dt.timedelta(days=200)
                if entry
                else (today - dt.timedelta(days=steps * rng.randint(12, 30)))
            )
            stall_old = stage == Stage.FIRST_CONTACT  # left without a transition for over 60 days
            if stall_old:
                start = today - dt.timedelta(days=150)
            initiative = do_create_initiative(
                {
                    "name": f"KIS {gmina.name}" if not entry else f"{entry.organisation.name}",
                    "gmina": gmina,
                    "stage_since": start,
                    "notes": "",
                },
                actor=actor,
            )
            if target in (Stage.STALLED, Stage.ABANDONED):
                initiative = _advance(
                    initiative, Stage.SCENARIO_CHOSEN, start, rng, actor, None, rng.choice(list(CreationMode.values))
                )
                initiative = do_transition_initiative(
                    initiative,
                    target,
                    note="Zmiana władz gminy, brak decyzji rady"
                    if target == Stage.STALLED
                    else "Rada gminy odrzuciła projekt uchwały",
                    actor=actor,
                )
            elif target != Stage.PROSPECT:
                initiative = _advance(
                    initiative, target, start, rng, actor, entry, rng.choice(list(CreationMode.values))
                )
            if initiative.creation_mode:
                for key, _label, _done in initiative.legal_steps()[: rng.randint(1, 4)]:
                    do_set_legal_step(initiative, key, True, actor=actor)
            created += 1
            counts[initiative.stage] = counts.get(initiative.stage, 0) + 1
    linked = Initiative.objects.filter(register_entry__isnull=False).count()
    return (
        f"pipeline: {created} initiatives ({', '.join(f'{k} {v}' for k, v in sorted(counts.items()))}); "
        f"{linked} linked to register entries"
    )
