"""Fixtures of the registers tests: entries in mazowieckie (Warsaw) and małopolskie (Kraków)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from ksr.registers.choices import CreationMode, EntityKind
from ksr.registers.models import RegisterEntry
from ksr.registers.services import do_enter_in_register, do_notify_entity
from ksr.registry.choices import OrganisationKind
from ksr.testing import OrganisationFactory, unit


def days_ago(n: int) -> dt.date:
    return timezone.localdate() - dt.timedelta(days=n)


@pytest.fixture
def make_entry(cast):
    """``make_entry(organisation=None, kind="kis", seat="1465011", notified=40, entered=None)``.

    Creates the organisation when not given, notifies it ``notified`` days ago and, when
    ``entered`` is a number of days ago, enters it. Written by the system administrator.
    """

    def _make(
        organisation=None,
        *,
        kind: str = EntityKind.KIS,
        seat: str = "1465011",
        name: str | None = None,
        notified: int = 40,
        entered: int | None = None,
        founding_body=None,
        internal_notes: str = "",
    ) -> RegisterEntry:
        if organisation is None:
            organisation = OrganisationFactory(
                kind=OrganisationKind(kind), seat=unit(seat), **({"name": name} if name else {})
            )
        entry = do_notify_entity(
            organisation=organisation,
            entity_kind=kind,
            founding_body=founding_body or cast.ops_waw,
            creation_mode=CreationMode.WITHIN_OPS,
            notification_date=days_ago(notified),
            founding_act_number="Uchwała nr XII/34/2026",
            internal_notes=internal_notes,
            actor=cast.admin,
        )
        if entered is not None:
            entry = do_enter_in_register(entry, entry_date=days_ago(entered), actor=cast.admin)
        return entry

    return _make
