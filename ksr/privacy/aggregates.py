"""Counts of participants for users above the club: never a person, small counts suppressed.

LSR coordinators, regional animators and analysts, national analysts (and system
administrators) see, per KIS/CIS within their reach, how many participants it holds: in total,
by case status, by eligibility category (target group) and by new-profile sector with a live
booking (education, culture, health, sport). Every count from 1 to 4
shows as ``"<5"`` — on the page, in the CSV/XLSX export and in the API — so no small group of
persons can be singled out.

Decision on zero: ``suppress(0) == "0"``. A zero describes nobody, so it discloses no person,
and hiding it would make "none" indistinguishable from "a few", which the network needs to
see (a KIS with no participants in a status).

Complementary suppression (ADR 0013): a hidden cell must not be derivable by subtraction from the
holder's total and the other cells — of the same breakdown or of the other two, which share that
total. ``protect`` treats every breakdown as if its columns summed to the total (the worst case:
each column counts distinct participants, so in fact they need not), propagates the bounds that a
reader knows of every hidden value (1–4 for "<5", 5 and more for a cell hidden to protect another,
shown as ``"#"``) through those equations, and while any hidden value is pinned to one number
hides the smallest shown non-zero cell of that breakdown (or else the total), to a fixed point.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, cast

from django.db import models
from django.db.models import Count, IntegerField, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from ksr.accounts.choices import Role
from ksr.accounts.scope import scope_for
from ksr.cases.choices import CaseStatus
from ksr.cases.models import EligibilityCategory, Participant
from ksr.catalogue.choices import LIVE_BOOKING_STATUSES, NEW_PROFILE_AREAS, ServiceArea
from ksr.core.types import AnyUser
from ksr.registry.choices import OrganisationKind
from ksr.registry.models import Organisation

SUPPRESSION_THRESHOLD = 5
SUPPRESSED = "<5"
# A count of 5 or more hidden only so that a "<5" cannot be worked out by subtraction (ADR 0013).
COMPLEMENTARY = "#"
AGGREGATE_ROLES: tuple[str, ...] = (
    Role.LSR_COORDINATOR,
    Role.REGIONAL_ANIMATOR,
    Role.REGIONAL_ANALYST,
    Role.NATIONAL_ANALYST,
    Role.SYSTEM_ADMIN,
)
HOLDER_KINDS = (OrganisationKind.KIS, OrganisationKind.CIS)


def suppress(n: int | None) -> str:
    """``"0"`` for 0 (or None), ``"<5"`` for 1–4, the number itself from 5 up."""
    if not n:
        return "0"
    if 0 < n < SUPPRESSION_THRESHOLD:
        return SUPPRESSED
    return str(n)


@dataclass(frozen=True)
class CountColumn:
    """One counted column: participants of the holder matching ``condition`` (a Q on Participant)."""

    key: str
    label: str
    group: str
    condition: Q


def _status_columns() -> list[CountColumn]:
    return [
        CountColumn(
            f"status_{value}",
            str(label),
            "status",
            Q(cases__organisation=OuterRef("pk"), cases__status=value),
        )
        for value, label in CaseStatus.choices
    ]


def _eligibility_columns() -> list[CountColumn]:
    return [
        CountColumn(f"elig_{cat.pk}", str(cat), "eligibility", Q(eligibilities__category_id=cat.pk))
        for cat in EligibilityCategory.objects.filter(is_active=True).order_by("order", "name")
    ]


def _sector_columns() -> list[CountColumn]:
    """New-profile sectors (education, culture, health, sport): participants with a live booking there."""
    return [
        CountColumn(
            f"area_{area}",
            str(ServiceArea(area).label),
            "sector",
            Q(cases__bookings__area=area, cases__bookings__status__in=LIVE_BOOKING_STATUSES),
        )
        for area in NEW_PROFILE_AREAS
    ]


class Breakdown(models.TextChoices):
    STATUS = "status", _("case status")
    ELIGIBILITY = "eligibility", _("target group")
    SECTOR = "sector", _("new-profile sector")


def count_columns(breakdown: str = Breakdown.STATUS) -> list[CountColumn]:
    """The counted columns of one breakdown, in display order."""
    if breakdown == Breakdown.ELIGIBILITY:
        return _eligibility_columns()
    if breakdown == Breakdown.SECTOR:
        return _sector_columns()
    return _status_columns()


def _count(condition: Q | None) -> Coalesce:
    participants = Participant.objects.filter(organisation=OuterRef("pk"))
    if condition is not None:
        participants = participants.filter(condition)
    counted = participants.order_by().values("organisation").annotate(n=Count("pk", distinct=True)).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def holders_in_scope(user: AnyUser) -> QuerySet[Organisation]:
    """KIS/CIS within the reach of the user's aggregate roles (none for other users)."""
    scope = scope_for(user)
    if not scope.authenticated:
        return Organisation.objects.none()
    prefixes = scope.prefixes_for(*AGGREGATE_ROLES)
    if not prefixes:
        return Organisation.objects.none()
    return Organisation.objects.filter(scope.territory_q("seat__code", prefixes), kind__in=HOLDER_KINDS)


def linked_columns() -> list[CountColumn]:
    """Every column served for a holder, whatever breakdown is asked for: they share its total,
    so a cell hidden in one breakdown must stay hidden against all of them (ADR 0013)."""
    return [column for breakdown in Breakdown for column in count_columns(breakdown)]


def annotated_holders(queryset: QuerySet[Organisation], columns: list[CountColumn]) -> QuerySet[Organisation]:
    """One query: distinct participants per holder, in total and per column of every breakdown
    (a subquery each) — ``columns`` are those shown; all are needed to protect them."""
    annotations: dict[str, Any] = {"n_total": _count(None)}
    for column in [*columns, *linked_columns()]:
        annotations[f"n_{column.key}"] = _count(column.condition)
    return queryset.select_related("seat").annotate(**annotations).order_by("seat__code", "name", "pk")


TOTAL = "total"
_UNBOUNDED = 10**12


def _bounds(shown: str, value: int) -> tuple[int, int]:
    """What a reader knows of a value from how it is shown."""
    if shown == SUPPRESSED:
        return 1, SUPPRESSION_THRESHOLD - 1
    if shown == COMPLEMENTARY:
        return SUPPRESSION_THRESHOLD, _UNBOUNDED
    return value, value


def _pinned(counts: dict[str, int], shown: dict[str, str], groups: list[list[str]]) -> list[int]:
    """Indexes of the groups in which some hidden value (a cell or the total) is pinned to one number.

    What a reader knows: every cell is at most the total, and — for a breakdown whose columns
    really do add up to the total (each participant in exactly one column) — ``total = sum``. A
    breakdown that does not add up gives a reader who assumes it does a wrong answer, so it
    contributes only the first rule. Bounds are propagated to a fixed point.
    """
    bounds = {key: _bounds(shown[key], counts[key]) for key in shown}
    additive = [sum(counts[k] for k in group) == counts[TOTAL] for group in groups]
    for _round in range(100):
        changed = False
        for group, adds_up in zip(groups, additive, strict=True):
            for key in [TOTAL, *group]:
                if key == TOTAL:
                    lo = sum(bounds[k][0] for k in group) if adds_up else max((bounds[k][0] for k in group), default=0)
                    hi = sum(bounds[k][1] for k in group) if adds_up else _UNBOUNDED
                elif adds_up:
                    others = [k for k in group if k != key]
                    lo = bounds[TOTAL][0] - sum(bounds[k][1] for k in others)
                    hi = bounds[TOTAL][1] - sum(bounds[k][0] for k in others)
                else:
                    lo, hi = 0, bounds[TOTAL][1]
                new = (max(bounds[key][0], lo), min(bounds[key][1], hi))
                if new != bounds[key]:
                    bounds[key], changed = new, True
        if not changed:
            break
    hidden = {key for key in shown if shown[key] in (SUPPRESSED, COMPLEMENTARY)}
    return [
        index
        for index, group in enumerate(groups)
        if any(bounds[key][0] >= bounds[key][1] for key in [TOTAL, *group] if key in hidden)
    ]


def protect(counts: dict[str, int], groups: list[list[str]]) -> dict[str, str]:
    """The shown strings of one holder's ``counts`` (keys: ``TOTAL`` and the columns of every
    breakdown in ``groups``): small counts "<5", and more cells hidden ("#") until no hidden value
    can be worked out from the total and the other cells of any breakdown (ADR 0013)."""
    shown = {key: suppress(value) for key, value in counts.items()}
    while True:
        pinned = _pinned(counts, shown, groups)
        if not pinned:
            return shown
        progressed = False
        for index in pinned:
            candidates = [k for k in groups[index] if shown[k] == str(counts[k]) and counts[k] > 0]
            if candidates:
                smallest = min(candidates, key=lambda k: (counts[k], k))
                shown[smallest] = COMPLEMENTARY
                progressed = True
            elif shown[TOTAL] == str(counts[TOTAL]) and counts[TOTAL] > 0:
                shown[TOTAL] = COMPLEMENTARY
                progressed = True
        if not progressed:
            # Nothing shown is left to hide in those breakdowns: hide every non-zero count.
            for key, value in counts.items():
                if value and shown[key] == str(value):
                    shown[key] = COMPLEMENTARY
            return shown


def protected_counts(org: Organisation) -> dict[str, str]:
    """Every served count of ``org`` (annotated by ``annotated_holders``), protected; cached on it."""
    cached = getattr(org, "_protected_counts", None)
    if cached is not None:
        return cast("dict[str, str]", cached)
    # The breakdowns annotated on the row (no query): status_…, elig_…, area_… columns.
    counts = {TOTAL: int(getattr(org, "n_total", 0) or 0)}
    by_prefix: dict[str, list[str]] = {}
    for attribute, value in vars(org).items():
        if attribute.startswith("n_") and attribute != "n_total":
            key = attribute[2:]
            counts[key] = int(value or 0)
            by_prefix.setdefault(key.split("_", 1)[0], []).append(key)
    groups = list(by_prefix.values())
    result = protect(counts, groups)
    org._protected_counts = result  # type: ignore[attr-defined]
    return result


@dataclass(frozen=True)
class SuppressedRow:
    """What may leave the server: an organisation and its counts, already suppressed (strings)."""

    organisation_id: int
    name: str
    kind: str
    seat: str
    seat_code: str
    total: str
    counts: dict[str, str]


def suppressed_row(org: Organisation, columns: list[CountColumn]) -> SuppressedRow:
    return SuppressedRow(
        organisation_id=org.pk,
        name=org.name,
        kind=org.get_kind_display(),
        seat=str(org.seat) if org.seat_id else "",
        seat_code=org.seat.code if org.seat_id else "",
        total=protected_counts(org)[TOTAL],
        counts={c.key: protected_counts(org)[c.key] for c in columns},
    )


def export_columns(columns: list[CountColumn]) -> list[tuple[Any, Any]]:
    """CSV/XLSX columns: every count as ``protected_counts`` shows it."""
    out: list[tuple[Any, Any]] = [
        (_("KIS/CIS"), lambda o: o.name),
        (_("Kind"), lambda o: o.get_kind_display()),
        (_("Seat"), lambda o: str(o.seat) if o.seat_id else ""),
        (_("TERYT"), lambda o: o.seat.code if o.seat_id else ""),
        (_("Participants"), lambda o: protected_counts(o)[TOTAL]),
    ]
    for column in columns:
        out.append((column.label, lambda o, k=column.key: protected_counts(o)[k]))
    return out
