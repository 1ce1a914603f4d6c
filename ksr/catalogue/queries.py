"""Read functions other apps use (cases workspace, privacy) and the coverage computations.

- ``due_items(cases, start, end)``: bookings starting in the window and editions of the cases'
  KIS/CIS with a shortfall in the current month (one item per edition, not per case), as
  ``ksr.cases.workspace.DueItem``.
- ``attendance_for(participant)`` / ``bookings_for(participant)``: unscoped querysets for the
  privacy app, which applies the consent rules before showing the minimal fields.
- ``coverage_for_case(case)`` / ``coverage_table(cases)``: the new-profile sectors covered by
  live bookings.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Count, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ksr.cases.models import Case, Participant
from ksr.cases.workspace import DueItem
from ksr.catalogue.choices import LIVE_BOOKING_STATUSES, NEW_PROFILE_AREAS, ServiceArea
from ksr.catalogue.models import Attendance, Booking, Edition
from ksr.catalogue.rules import MONTHLY_HOURS


def due_items(cases: Iterable[Case], start: dt.date, end: dt.date) -> list[DueItem]:
    """Bookings starting between ``start`` and ``end`` and editions short of 40 h this month."""
    case_list = list(cases)
    case_ids = [c.pk for c in case_list]
    items: list[DueItem] = []
    bookings = (
        Booking.objects.filter(case_id__in=case_ids, starts_on__range=(start, end), status__in=LIVE_BOOKING_STATUSES)
        .select_related("service", "offer")
        .order_by("starts_on", "id")
    )
    for booking in bookings:
        items.append(
            DueItem(
                date=booking.starts_on,
                kind="booking",
                label=_("Booked: %(what)s") % {"what": booking.booked},
                case_id=booking.case_id,
                url=reverse("catalogue:case_services", kwargs={"case_pk": booking.case_id}),
            )
        )
    today = timezone.localdate()
    organisation_ids = {c.organisation_id for c in case_list}
    editions = Edition.objects.filter(
        organisation_id__in=organisation_ids, starts_on__lte=today, ends_on__gte=today
    ).prefetch_related("activities")
    for edition in editions:
        month = (today.year, today.month)
        check = next((m for m in edition.monthly_checks() if m.month == month), None)
        if check is None or check.meets:
            continue
        items.append(
            DueItem(
                date=today,
                kind="edition_shortfall",
                label=ngettext(
                    "%(hours)s of %(required)s teaching hour this month",
                    "%(hours)s of %(required)s teaching hours this month",
                    int(MONTHLY_HOURS),
                )
                % {"hours": number_format(check.hours, decimal_pos=1), "required": int(MONTHLY_HOURS)},
                case_id=None,
                url=reverse("catalogue:edition_detail", kwargs={"pk": edition.pk}),
                subject=edition.name,
            )
        )
    return items


def attendance_for(participant: Participant) -> QuerySet[Attendance]:
    """All attendance rows of ``participant`` (unscoped: the caller applies the access rules)."""
    return Attendance.objects.filter(case__participant=participant).select_related("activity__edition")


def bookings_for(participant: Participant) -> QuerySet[Booking]:
    """All bookings of ``participant`` (unscoped: the caller applies the access rules)."""
    return Booking.objects.filter(case__participant=participant).select_related("service", "offer")


@dataclass
class Coverage:
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def cells(self) -> list[tuple[str, str, int]]:
        return [(area, str(ServiceArea(area).label), self.counts.get(area, 0)) for area in NEW_PROFILE_AREAS]

    @property
    def missing(self) -> list[str]:
        return [str(ServiceArea(a).label) for a in NEW_PROFILE_AREAS if not self.counts.get(a)]

    @property
    def complete(self) -> bool:
        return not self.missing


def coverage_counts(case_ids: Iterable[int]) -> dict[int, Coverage]:
    """Per case: live bookings per new-profile sector (one query)."""
    out: dict[int, Coverage] = {}
    rows = (
        Booking.objects.filter(case_id__in=list(case_ids), status__in=LIVE_BOOKING_STATUSES, area__in=NEW_PROFILE_AREAS)
        .values("case_id", "area")
        .annotate(n=Count("id"))
        .order_by()
    )
    for row in rows:
        out.setdefault(row["case_id"], Coverage()).counts[row["area"]] = row["n"]
    return out


def coverage_for_case(case: Case) -> Coverage:
    return coverage_counts([case.pk]).get(case.pk, Coverage())
