"""Fixtures of the pipeline tests: initiatives in mazowieckie (Warsaw) and małopolskie (Kraków)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from ksr.pipeline.choices import ORDINAL, PATH, Stage
from ksr.pipeline.models import Initiative, ProgrammeTarget
from ksr.pipeline.services import do_create_initiative, do_transition_initiative
from ksr.registers.choices import CreationMode, EntityKind
from ksr.registers.models import RegisterEntry
from ksr.registers.services import do_enter_in_register, do_notify_entity
from ksr.registry.choices import OrganisationKind
from ksr.testing import OrganisationFactory, unit


def days_ago(n: int) -> dt.date:
    return timezone.localdate() - dt.timedelta(days=n)


@pytest.fixture(autouse=True)
def activities_ended(db):
    """The project's activities ended 760 days ago: durability (24 months) is counted from then."""
    target = ProgrammeTarget.current()
    target.activities_end_on = days_ago(760)
    target.save()
    return target


@pytest.fixture
def make_entry(cast):
    """A KIS notified ``notified`` days ago and, if ``entered`` is given, entered that many days ago."""

    def _make(*, seat: str = "1465011", notified: int = 40, entered: int | None = None) -> RegisterEntry:
        organisation = OrganisationFactory(kind=OrganisationKind.KIS, seat=unit(seat))
        entry = do_notify_entity(
            organisation=organisation,
            entity_kind=EntityKind.KIS,
            founding_body=cast.ops_waw,
            creation_mode=CreationMode.WITHIN_OPS,
            notification_date=days_ago(notified),
            founding_act_number="Zarządzenie nr 12/2024",
            actor=cast.admin,
        )
        if entered is not None:
            entry = do_enter_in_register(entry, entry_date=days_ago(entered), actor=cast.admin)
        return entry

    return _make


@pytest.fixture
def make_initiative(cast, make_entry):
    """``make_initiative(stage, gmina="1465011", started=900)``: created ``started`` days ago and moved
    forward one step a day up to ``stage`` (the entry is created entered 800 days ago when needed)."""

    def _make(
        stage: str = Stage.PROSPECT, *, gmina: str = "1465011", started: int = 900, name: str = "KIS"
    ) -> Initiative:
        initiative = do_create_initiative(
            {"name": name, "gmina": unit(gmina), "stage_since": days_ago(started)}, actor=cast.admin
        )
        day = started
        for target in PATH[1 : ORDINAL[stage] + 1]:
            day -= 1 if target != Stage.SUSTAINED else 0
            data: dict = {}
            if target == Stage.FOUNDING_BODY_DECIDED:
                data["creation_mode"] = CreationMode.WITHIN_OPS
            if target == Stage.FOUNDING_ACT_ADOPTED:
                data.update(founding_act_number="Zarządzenie nr 12/2024", founding_act_date=days_ago(day))
            if target == Stage.ENTERED:
                data["register_entry"] = make_entry(seat=gmina, notified=day + 10, entered=min(day, 800))
            initiative = do_transition_initiative(
                initiative, target, on=days_ago(day) if target != Stage.SUSTAINED else None, data=data, actor=cast.admin
            )
        return initiative

    return _make
