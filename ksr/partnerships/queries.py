"""Public read functions other apps call (the networks health panel, analytics).

They are not scoped to a user: callers pass networks they have already scoped.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import combinations
from typing import Any

from django.db.models import Exists, OuterRef, QuerySet

from ksr.networks.registry import HealthSource
from ksr.partnerships.choices import Attitude, PartnershipStatus
from ksr.partnerships.models import AgreementVersion, AttitudeAssessment, Partner, Partnership
from ksr.registry.choices import StakeholderType


def signed_partnerships_with_type_c(network: Any) -> QuerySet[Partnership]:
    """Partnerships of ``network`` that are signed or active, have a signed agreement version and
    at least one current partner of stakeholder type C."""
    signed_version = AgreementVersion.objects.filter(partnership=OuterRef("pk"), signed_on__isnull=False)
    type_c_partner = Partner.objects.filter(
        partnership=OuterRef("pk"), left_on__isnull=True, organisation__stakeholder_type=StakeholderType.C
    )
    return Partnership.objects.filter(
        network=network,
        status__in=[PartnershipStatus.SIGNED, PartnershipStatus.ACTIVE],
    ).filter(Exists(signed_version), Exists(type_c_partner))


HEALTH_SOURCE = HealthSource(
    facts=lambda network, today: {"partnerships": signed_partnerships_with_type_c(network).count()},
    annotate=lambda networks: networks.annotate(
        has_partnership=Exists(signed_partnerships_with_type_c(OuterRef("pk")))
    ),
    columns=("has_partnership",),
    facts_from_row=lambda row, today: {"partnerships": 1 if row["has_partnership"] else 0},
)
"""Rule (c) of the LSR health (``ksr.networks.health``), registered in ``apps.py``."""


def partnership_ties(network_ids: Iterable[int] | None = None) -> list[tuple[int, int, int]]:
    """``(org_a_id, org_b_id, partnership_id)`` with ``org_a_id < org_b_id`` for every pair of current
    partners in a partnership that is not dissolved (optionally only in ``network_ids``)."""
    rows = Partner.objects.filter(left_on__isnull=True).exclude(partnership__status=PartnershipStatus.DISSOLVED)
    if network_ids is not None:
        rows = rows.filter(partnership__network_id__in=list(network_ids))
    members: dict[int, set[int]] = {}
    for partnership_id, organisation_id in rows.values_list("partnership_id", "organisation_id").order_by():
        members.setdefault(partnership_id, set()).add(organisation_id)
    ties: list[tuple[int, int, int]] = []
    for partnership_id in sorted(members):
        for a, b in combinations(sorted(members[partnership_id]), 2):
            ties.append((a, b, partnership_id))
    return ties


@dataclass(frozen=True)
class AttitudeRow:
    attitude: Attitude
    before: int
    after: int

    @property
    def change(self) -> int:
        return self.after - self.before


@dataclass(frozen=True)
class AttitudeTable:
    """Counts of supporters, neutrals and opponents before and after (like Warianty animacyjne KIS, part I.2, table
    2)."""

    rows: list[AttitudeRow]
    before_label: dt.date | None
    after_label: dt.date | None
    organisations: int

    def row(self, attitude: str) -> AttitudeRow:
        return next(r for r in self.rows if r.attitude == attitude)


def attitude_table(network: Any, before: dt.date | None = None, after: dt.date | None = None) -> AttitudeTable:
    """Before/after counts per attitude in ``network``.

    Without dates: each organisation's first assessment against its latest one. With dates: each
    organisation's latest assessment on or before ``before``, and on or before ``after``
    (organisations not yet assessed at a date are not counted at it).
    """
    history: dict[int, list[tuple[dt.date, str]]] = {}
    rows = AttitudeAssessment.objects.filter(network=network).order_by("organisation_id", "assessed_on", "id")
    for organisation_id, day, attitude in rows.values_list("organisation_id", "assessed_on", "attitude"):
        history.setdefault(organisation_id, []).append((day, attitude))

    def at(items: list[tuple[dt.date, str]], day: dt.date | None, first: bool) -> str | None:
        if day is None:
            return items[0][1] if first else items[-1][1]
        chosen = [a for d, a in items if d <= day]
        return chosen[-1] if chosen else None

    counts_before = dict.fromkeys(Attitude.values, 0)
    counts_after = dict.fromkeys(Attitude.values, 0)
    for items in history.values():
        b = at(items, before, first=True)
        a = at(items, after, first=False)
        if b:
            counts_before[b] += 1
        if a:
            counts_after[a] += 1
    all_days = [d for items in history.values() for d, _ in items]
    return AttitudeTable(
        rows=[AttitudeRow(Attitude(v), counts_before[v], counts_after[v]) for v in Attitude.values],
        before_label=before or (min(all_days) if all_days else None),
        after_label=after or (max(all_days) if all_days else None),
        organisations=len(history),
    )
