"""The CIS rules computed from the attendance record: the integration benefit of a month, the
weekly programme hours and the longest participation.

The benefit of one participant for one month::

    full       = unemployment benefit × percent / 100      (trial percent in the trial period)
    prorated   = full × days of participation in the month / days in the month
    deduction  = full / N × days of unexcused absence       (N: the rate's absence_divisor)
    total      = max(prorated − deduction, 0) + motivation bonus

A day of unexcused absence is a day with a class marked "absent" and none marked "present". The
percentages, the trial period, N and the bonus limit are the rate's data (``BenefitRate``), each
with its source; money is rounded half up to the grosz.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet, Sum
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from ksr.cases.models import Case
from ksr.catalogue.choices import AttendanceStatus
from ksr.catalogue.models import Attendance
from ksr.catalogue.rules import add_months
from ksr.cis.models import BenefitRate, MotivationBonus

GROSZ = Decimal("0.01")


def money(value: Decimal) -> Decimal:
    return value.quantize(GROSZ, rounding=ROUND_HALF_UP)


def month_bounds(month: dt.date) -> tuple[dt.date, dt.date]:
    first = month.replace(day=1)
    return first, first.replace(day=calendar.monthrange(first.year, first.month)[1])


def rate_on(day: dt.date) -> BenefitRate:
    """The rate in force on ``day``; a clear error when none was entered."""
    rate = BenefitRate.objects.filter(valid_from__lte=day).order_by("-valid_from").first()
    if rate is None:
        raise ValidationError(
            _("No integration benefit rate is in force on %(date)s; the system administrator enters it.")
            % {"date": date_format(day, "SHORT_DATE_FORMAT")}
        )
    return rate


@dataclass
class BenefitLine:
    case: Case
    participation_days: int
    days_in_month: int
    present_days: int
    excused_days: int
    unexcused_days: int
    in_trial: bool
    percent: Decimal
    full: Decimal
    prorated: Decimal
    deduction: Decimal
    bonus: Decimal
    total: Decimal
    ends_on: dt.date | None
    weeks_outside: int = 0
    notes: list[str] = field(default_factory=list)


def cis_cases(organisation: Any, first: dt.date, last: dt.date) -> QuerySet[Case]:
    """Cases of the CIS that took part in some of the month (admitted by its end, not exited before it)."""
    return (
        Case.objects.filter(organisation=organisation, admitted_on__isnull=False, admitted_on__lte=last)
        .filter(Q(exited_on__isnull=True) | Q(exited_on__gte=first))
        .select_related("participant")
        .order_by("participant__last_name", "participant__first_name", "pk")
    )


def _days_by_status(case_ids: list[int], first: dt.date, last: dt.date) -> dict[int, dict[str, set[dt.date]]]:
    days: dict[int, dict[str, set[dt.date]]] = defaultdict(lambda: defaultdict(set))
    rows = Attendance.objects.filter(
        case_id__in=case_ids, activity__date__gte=first, activity__date__lte=last
    ).values_list("case_id", "status", "activity__date")
    for case_id, status, day in rows:
        days[case_id][status].add(day)
    return days


def weekly_hours(case_ids: list[int], first: dt.date, last: dt.date) -> dict[int, dict[dt.date, Decimal]]:
    """Hours of classes attended, per case and per week (keyed by the week's Monday)."""
    start = first - dt.timedelta(days=first.weekday())
    end = last + dt.timedelta(days=6 - last.weekday())
    hours: dict[int, dict[dt.date, Decimal]] = defaultdict(lambda: defaultdict(Decimal))
    rows = (
        Attendance.objects.filter(
            case_id__in=case_ids,
            status=AttendanceStatus.PRESENT,
            activity__date__gte=start,
            activity__date__lte=end,
        )
        .values_list("case_id", "activity__date")
        .annotate(total=Sum("activity__hours"))
    )
    for case_id, day, total in rows:
        hours[case_id][day - dt.timedelta(days=day.weekday())] += total or Decimal(0)
    return hours


def weeks_outside(week_hours: dict[dt.date, Decimal], rate: BenefitRate, admitted_on: dt.date) -> int:
    """Whole weeks after admission whose programme hours fall outside the rate's range."""
    return sum(
        1
        for monday, hours in week_hours.items()
        if monday >= admitted_on and not rate.weekly_hours_min <= hours <= rate.weekly_hours_max
    )


def participation_ends_on(case: Case, rate: BenefitRate) -> dt.date | None:
    """The last day of the longest participation the rate allows."""
    if case.admitted_on is None:
        return None
    return add_months(case.admitted_on, rate.max_months) - dt.timedelta(days=1)


def month_benefits(organisation: Any, month: dt.date) -> tuple[BenefitRate, list[BenefitLine]]:
    """The integration benefit of every participant of the CIS for the month of ``month``."""
    first, last = month_bounds(month)
    rate = rate_on(first)
    cases = list(cis_cases(organisation, first, last))
    ids = [case.pk for case in cases]
    days = _days_by_status(ids, first, last)
    hours = weekly_hours(ids, first, last)
    bonuses = dict(MotivationBonus.objects.filter(case_id__in=ids, month=first).values_list("case_id", "amount"))
    days_in_month = last.day
    lines = []
    for case in cases:
        admitted = case.admitted_on or first  # cis_cases keeps admitted cases only
        start = max(first, admitted)
        end = min(last, case.exited_on or last)
        participation = (end - start).days + 1
        in_trial = first < add_months(admitted, rate.trial_months)
        percent = rate.trial_percent if in_trial else rate.percent
        full = rate.unemployment_benefit * percent / 100
        prorated = full * participation / days_in_month
        present = days[case.pk][AttendanceStatus.PRESENT]
        excused = days[case.pk][AttendanceStatus.EXCUSED] - present
        unexcused = days[case.pk][AttendanceStatus.ABSENT] - present
        deduction = min(full / rate.absence_divisor * len(unexcused), prorated)
        bonus = bonuses.get(case.pk, Decimal(0))
        ends_on = participation_ends_on(case, rate)
        line = BenefitLine(
            case=case,
            participation_days=participation,
            days_in_month=days_in_month,
            present_days=len(present),
            excused_days=len(excused),
            unexcused_days=len(unexcused),
            in_trial=in_trial,
            percent=percent,
            full=money(full),
            prorated=money(prorated),
            deduction=money(deduction),
            bonus=money(bonus),
            total=money(prorated - deduction + bonus),
            ends_on=ends_on,
            weeks_outside=weeks_outside(hours[case.pk], rate, admitted),
        )
        if ends_on is not None and ends_on < last:
            line.notes.append(
                _("The longest participation (%(months)s months) ends on %(date)s.")
                % {"months": rate.max_months, "date": date_format(ends_on, "SHORT_DATE_FORMAT")}
            )
        lines.append(line)
    return rate, lines
