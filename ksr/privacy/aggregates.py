"""Counts of participants for users above the club: never a person, small counts suppressed.

LSR coordinators, regional animators and analysts, national analysts (and system
administrators) see, per KIS/CIS within their reach, how many participants it holds: in total,
by case status, by eligibility category (target group) and by new-profile sector with a live
booking (education, culture, health, sport). Every count from 1 to 4
shows as ``"<5"`` — on the page, in the CSV/XLSX export and in the API — so no small group of
persons can be singled out.

Decision on zero: ``suppress(0) == "0"``. A zero describes nobody, so it discloses no person,
and hiding it would make "none" indistinguishable from "a few", which the network needs to
see (a KIS with no participants in a status). Known limit: there is no secondary suppression,
so a suppressed cell could sometimes be narrowed down from a row total and the other cells;
each column counts distinct participants (one may have cases in two statuses or
several target groups), so columns need not sum to the total.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

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


def annotated_holders(queryset: QuerySet[Organisation], columns: list[CountColumn]) -> QuerySet[Organisation]:
    """One query: distinct participants per holder, in total and per column (a subquery each)."""
    annotations: dict[str, Any] = {"n_total": _count(None)}
    for column in columns:
        annotations[f"n_{column.key}"] = _count(column.condition)
    return queryset.select_related("seat").annotate(**annotations).order_by("seat__code", "name", "pk")


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
        total=suppress(getattr(org, "n_total", 0)),
        counts={c.key: suppress(getattr(org, f"n_{c.key}", 0)) for c in columns},
    )


def export_columns(columns: list[CountColumn]) -> list[tuple[Any, Any]]:
    """CSV/XLSX columns: every count is passed through ``suppress``."""
    out: list[tuple[Any, Any]] = [
        (_("KIS/CIS"), lambda o: o.name),
        (_("Kind"), lambda o: o.get_kind_display()),
        (_("Seat"), lambda o: str(o.seat) if o.seat_id else ""),
        (_("TERYT"), lambda o: o.seat.code if o.seat_id else ""),
        (_("Participants"), lambda o: suppress(o.n_total)),
    ]
    for column in columns:
        out.append((column.label, lambda o, k=column.key: suppress(getattr(o, f"n_{k}", 0))))
    return out
