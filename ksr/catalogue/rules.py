"""The time rules of the KIS certification standard, as pure functions.

Prawne aspekty, IV.1 (organisational standard of the KIS) (SC KIS): "the monthly amount of classes should be at least 40
teaching hours
(individual and group classes together) … The programme should not last less than 3 months.
The certificate of KIS graduate status may be issued to participants attending classes for a
period of at least 6 months."

Definitions used here (documented so that they can be checked):
- (a) **40 hours a month**: for every calendar month touched by the edition (from the month of
  its start to the month of its end), the teaching hours of all its activities dated in that
  month, individual and group together, must reach 40. A month below that is a shortfall.
- (b) **3 months**: the edition's end date is on or after its start date plus 3 calendar months
  minus one day (1 March → 31 May is exactly 3 months).
- (c) **6 months of attendance** ("odbywającym zajęcia w okresie co najmniej 6 miesięcy"): counted
  from the attendance record *from the admission on*. Only presences dated on or after the
  admission date (and not after the exit, nor after the day of the decision) count; absences and
  excused absences do not. The participant must have been *present* at least once in each of at
  least 6 consecutive calendar months, **and** at least 6 months must have passed from the
  admission to the day of the certificate (admitted on 18 September: not before 18 March). So
  attendance marked before the admission never counts, and a case with no presence never
  qualifies however much time has passed (ADR 0020).
- (d) **8 teaching hours a day**: the classes of one edition on one day last together at most
  ``MAX_DAILY_HOURS`` teaching hours, so that no single day meets the month's minimum alone. The
  standard sets no daily maximum; this one is decided in ADR 0016.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

MONTHLY_HOURS = Decimal(40)
# Rule (d): a teaching hour is 45 minutes; 8 of them make a full working day (ADR 0016).
MAX_DAILY_HOURS = Decimal(8)
MIN_EDITION_MONTHS = 3
CERTIFICATE_MONTHS = 6

Month = tuple[int, int]  # (year, month)


def month_of(day: dt.date) -> Month:
    return (day.year, day.month)


def next_month(month: Month) -> Month:
    year, number = month
    return (year + 1, 1) if number == 12 else (year, number + 1)


def months_between(start: dt.date, end: dt.date) -> list[Month]:
    """Calendar months from the month of ``start`` to the month of ``end`` inclusive."""
    out: list[Month] = []
    current, last = month_of(start), month_of(end)
    while current <= last:
        out.append(current)
        current = next_month(current)
    return out


def add_months(day: dt.date, months: int) -> dt.date:
    """``day`` plus ``months`` calendar months (clamped to the month's last day)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    following = dt.date(year + (month == 12), month % 12 + 1, 1)
    last_day = (following - dt.timedelta(days=1)).day
    return dt.date(year, month, min(day.day, last_day))


@dataclass(frozen=True)
class MonthCheck:
    month: Month
    hours: Decimal
    individual_hours: Decimal
    group_hours: Decimal

    @property
    def first_day(self) -> dt.date:
        return dt.date(self.month[0], self.month[1], 1)

    @property
    def shortfall(self) -> Decimal:
        return max(MONTHLY_HOURS - self.hours, Decimal(0))

    @property
    def meets(self) -> bool:
        return self.hours >= MONTHLY_HOURS


def monthly_checks(
    start: dt.date, end: dt.date, activities: Iterable[tuple[dt.date, Decimal, str]]
) -> list[MonthCheck]:
    """Rule (a): per calendar month of the edition, the hours given by ``(date, hours, mode)`` rows."""
    totals: dict[Month, dict[str, Decimal]] = {
        m: {"individual": Decimal(0), "group": Decimal(0)} for m in months_between(start, end)
    }
    for day, hours, mode in activities:
        bucket = totals.get(month_of(day))
        if bucket is not None:
            bucket["individual" if mode == "individual" else "group"] += Decimal(hours)
    return [
        MonthCheck(
            month=m, hours=v["individual"] + v["group"], individual_hours=v["individual"], group_hours=v["group"]
        )
        for m, v in totals.items()
    ]


def lasts_minimum(start: dt.date, end: dt.date) -> bool:
    """Rule (b): the edition lasts at least 3 months."""
    return end >= add_months(start, MIN_EDITION_MONTHS) - dt.timedelta(days=1)


def longest_attendance_run(present_days: Iterable[dt.date]) -> list[Month]:
    """The longest run of consecutive calendar months each with at least one presence."""
    months = sorted({month_of(d) for d in present_days})
    best: list[Month] = []
    run: list[Month] = []
    for month in months:
        run = [*run, month] if run and next_month(run[-1]) == month else [month]
        if len(run) > len(best):
            best = run
    return best


def participation_days(present_days: Iterable[dt.date], admitted_on: dt.date, until: dt.date) -> list[dt.date]:
    """The presences that count for rule (c): from the admission day to ``until``, both included."""
    return [d for d in present_days if admitted_on <= d <= until]


def months_of_participation(present_days: Iterable[dt.date], admitted_on: dt.date, until: dt.date) -> int:
    """Rule (c)'s count: the longest unbroken run of calendar months with a presence after admission."""
    return len(longest_attendance_run(participation_days(present_days, admitted_on, until)))


def certificate_eligible(present_days: Iterable[dt.date], admitted_on: dt.date, day: dt.date) -> bool:
    """Rule (c) on ``day``: 6 consecutive calendar months present after the admission, and 6 months
    passed since the admission."""
    return months_of_participation(present_days, admitted_on, day) >= CERTIFICATE_MONTHS and day >= add_months(
        admitted_on, CERTIFICATE_MONTHS
    )
