"""The registers' part of the demo: every demo KIS notified to the voivode, most of them entered.

Registered in ``RegistersConfig.ready()`` as a step of the foundation demo
(``ksr.registry.demo.register_gmina_step``), so it draws from the foundation's random generator
right after each gmina's organisations: the same ``--seed`` gives the same demo.
"""

from __future__ import annotations

import datetime as dt
import random

from django.utils import timezone

from ksr.core.types import AnyUser
from ksr.registers.choices import CreationMode, EntityKind, StrikeOffReason
from ksr.registers.services import do_enter_in_register, do_notify_entity, do_strike_off
from ksr.registry.choices import OrganisationKind, SectorCode, StaffFunction
from ksr.registry.demo import GMINAS_PER_VOIVODESHIP, DemoBuilder
from ksr.registry.models import Organisation
from ksr.registry.services import do_create_organisation
from ksr.territory.models import TerritorialUnit


def gmina_entries(
    builder: DemoBuilder,
    *,
    gmina: TerritorialUnit,
    office: Organisation,
    ops: Organisation,
    kis: Organisation,
    within_ops: bool,
    number: int,
) -> None:
    """Notify the gmina's KIS; enter it (except the second gmina of a region, waiting past the
    30-day deadline, flagged), strike off the last one, and add an entered CIS to every other gmina."""
    rng, actor = builder.rng, builder.actor
    today = timezone.localdate()
    notified = today - dt.timedelta(days=rng.randint(90, 900))
    mode = (
        CreationMode.WITHIN_OPS
        if within_ops
        else rng.choice([CreationMode.SELF_GOVERNMENT_UNIT, CreationMode.NGO, CreationMode.PARTNERSHIP])
    )
    entry = do_notify_entity(
        organisation=kis,
        entity_kind=EntityKind.KIS,
        founding_body=office if mode != CreationMode.WITHIN_OPS else ops,
        creation_mode=mode,
        founding_act_number=f"Uchwała nr {rng.randint(10, 90)}/{notified.year % 100}/{notified.year}",
        founding_act_date=notified - dt.timedelta(days=14),
        notification_date=notified,
        actor=actor,
    )
    builder.result.entries += 1
    if number == 1:
        return
    do_enter_in_register(entry, entry_date=notified + dt.timedelta(days=rng.randint(5, 28)), actor=actor)
    if number == GMINAS_PER_VOIVODESHIP * builder.scale - 1:
        do_strike_off(
            entry,
            date=today - dt.timedelta(days=20),
            reason=StrikeOffReason.OPERATOR_NOTICE,
            note="Podmiot prowadzący zgłosił zaprzestanie prowadzenia klubu.",
            actor=actor,
        )
    if number % 2 == 0:
        cis = builder.org(
            f"Centrum Integracji Społecznej – {gmina.name}",
            OrganisationKind.CIS,
            gmina,
            sectors=[SectorCode.SOCIAL_ASSISTANCE, SectorCode.LABOUR_MARKET],
        )
        builder.people(cis, [StaffFunction.MANAGER, StaffFunction.SOCIAL_WORKER])
        cis_entry = do_notify_entity(
            organisation=cis,
            entity_kind=EntityKind.CIS,
            founding_body=ops,
            creation_mode=CreationMode.WITHIN_OPS,
            founding_act_number=f"Zarządzenie nr {rng.randint(1, 40)}/{notified.year}",
            founding_act_date=notified,
            notification_date=notified + dt.timedelta(days=10),
            actor=actor,
        )
        do_enter_in_register(cis_entry, entry_date=notified + dt.timedelta(days=40), actor=actor)
        builder.result.entries += 1


NEW_CLUBS = {"1465011": "Warszawa", "1261011": "Kraków"}  # the voivodeships' capitals in the demo


def seed_demo(*, rng: random.Random, actor: AnyUser, scale: int) -> str:
    """Work in progress for the register officers, after the other apps' demos (so no participants
    are admitted to clubs not yet entered): in each demo voivodeship a new KIS recorded among the
    organisations whose notification is still to be recorded, and a new CIS notified ten days ago,
    within the 30-day deadline, waiting for its entry."""
    today = timezone.localdate()
    clubs = notified = 0
    for code, name in NEW_CLUBS.items():
        seat = TerritorialUnit.objects.filter(code=code).first()
        ops = Organisation.objects.filter(seat=seat, kind=OrganisationKind.OPS).order_by("pk").first()
        if seat is None or ops is None or Organisation.objects.filter(name=f"Klub „Przystań” – {name}").exists():
            continue
        do_create_organisation(
            {
                "name": f"Klub „Przystań” – {name}",
                "kind": OrganisationKind.KIS,
                "seat": seat,
                "city": seat.name,
                "area": [seat],
                "parent": ops,
                "street": f"ul. Nowa {rng.randint(1, 40)}",
                "postal_code": ops.postal_code,
            },
            actor=actor,
        )
        clubs += 1
        cis = do_create_organisation(
            {
                "name": f"Centrum Integracji Społecznej „Horyzont” – {name}",
                "kind": OrganisationKind.CIS,
                "seat": seat,
                "city": seat.name,
                "area": [seat],
                "street": f"ul. Polna {rng.randint(1, 40)}",
                "postal_code": ops.postal_code,
            },
            actor=actor,
        )
        do_notify_entity(
            organisation=cis,
            entity_kind=EntityKind.CIS,
            founding_body=ops,
            creation_mode=CreationMode.WITHIN_OPS,
            founding_act_number=f"Zarządzenie nr {rng.randint(41, 80)}/{today.year}",
            founding_act_date=today - dt.timedelta(days=24),
            notification_date=today - dt.timedelta(days=10),
            actor=actor,
        )
        notified += 1
    return (
        f"registers: {clubs} new clubs waiting for their notification, "
        f"{notified} notifications waiting for an entry within the deadline"
    )
