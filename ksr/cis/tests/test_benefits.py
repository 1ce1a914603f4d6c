"""The integration benefit of November 2026 against a hand calculation.

Rate: unemployment benefit 1,500.00 PLN; 120 % (100 % in the one-month trial period);
1/30 of the monthly benefit deducted per day of unexcused absence; bonus at most 20 %.
November has 30 days.
"""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from ksr.catalogue.choices import AttendanceStatus as S
from ksr.cis import services
from ksr.cis.rules import month_benefits
from ksr.cis.tests.conftest import cis_case, classes, mark

D = dt.date
NOV = D(2026, 11, 1)
WEEKDAYS = [D(2026, 11, d) for d in range(1, 31) if D(2026, 11, d).weekday() < 5]  # 21 days


@pytest.fixture
def november(cast, cis, rate, cis_manager):
    acts = classes(cis, WEEKDAYS)
    days = list(acts.values())
    full = cis_case(cis, 1, D(2026, 9, 1))
    mark(full, days[:18], S.PRESENT)  # 18 present
    mark(full, days[18:20], S.ABSENT)  # 2 unexcused
    mark(full, days[20:21], S.EXCUSED)  # 1 excused
    services.do_award_bonus(full, {"month": NOV, "amount": Decimal("150.00"), "reason": "Aktywność"}, actor=cis_manager)
    new = cis_case(cis, 2, D(2026, 11, 16))  # trial month, 15 days of 30
    later = [a for day, a in acts.items() if day >= D(2026, 11, 16)]
    mark(new, later[:-1], S.PRESENT)
    mark(new, later[-1:], S.ABSENT)
    left = cis_case(cis, 3, D(2026, 6, 1), exited_on=D(2026, 11, 10))  # 10 days of 30
    mark(left, [a for day, a in acts.items() if day <= D(2026, 11, 10)], S.PRESENT)
    cis_case(cis, 4, D(2026, 5, 1), exited_on=D(2026, 10, 31))  # left before November
    return full, new, left


def test_the_month_against_a_hand_calculation(november, cis):
    full, new, left = november
    _rate, lines = month_benefits(cis, NOV)
    by_case = {line.case.pk: line for line in lines}
    assert set(by_case) == {full.pk, new.pk, left.pk}
    # 1500 × 120 % = 1800.00; 2 days unexcused: 1800 / 30 × 2 = 120.00; + bonus 150.00
    a = by_case[full.pk]
    assert (a.full, a.prorated, a.deduction, a.bonus, a.total) == (
        Decimal("1800.00"),
        Decimal("1800.00"),
        Decimal("120.00"),
        Decimal("150.00"),
        Decimal("1830.00"),
    )
    assert (a.present_days, a.excused_days, a.unexcused_days) == (18, 1, 2)
    # trial month at 100 %: 1500 × 15 / 30 = 750.00; 1 day unexcused: 1500 / 30 = 50.00
    b = by_case[new.pk]
    assert b.in_trial and (b.participation_days, b.prorated, b.deduction, b.total) == (
        15,
        Decimal("750.00"),
        Decimal("50.00"),
        Decimal("700.00"),
    )
    # left on 10 November: 1800 × 10 / 30 = 600.00
    assert by_case[left.pk].total == Decimal("600.00")


def test_a_day_with_a_class_attended_is_not_an_unexcused_day(cast, cis, rate):
    case = cis_case(cis, 1, D(2026, 9, 1))
    first = classes(cis, [D(2026, 11, 2)])
    second = classes(cis, [D(2026, 11, 2)])
    mark(case, first.values(), S.PRESENT)
    mark(case, second.values(), S.ABSENT)
    (line,) = month_benefits(cis, NOV)[1]
    assert (line.unexcused_days, line.deduction, line.total) == (0, Decimal("0.00"), Decimal("1800.00"))


def test_the_deduction_never_makes_the_benefit_negative(cast, cis, rate):
    case = cis_case(cis, 1, D(2026, 11, 26))  # 5 days: 1800 × 5 / 30 = 300.00
    acts = classes(cis, WEEKDAYS)
    mark(case, list(acts.values())[:21], S.ABSENT)
    (line,) = month_benefits(cis, NOV)[1]
    assert line.total == Decimal("0.00")


def test_no_rate_in_force_is_a_clear_error(cast, cis):
    with pytest.raises(ValidationError, match=r"Brak stawki|No integration benefit rate"):
        month_benefits(cis, NOV)


def test_the_rate_in_force_is_the_latest_before_the_month(cast, cis, rate):
    from ksr.cis.models import BenefitRate

    BenefitRate.objects.create(valid_from=D(2026, 12, 1), unemployment_benefit=Decimal("1600.00"), source="nowa stawka")
    cis_case(cis, 1, D(2026, 9, 1))
    assert month_benefits(cis, NOV)[1][0].full == Decimal("1800.00")
    assert month_benefits(cis, D(2026, 12, 1))[1][0].full == Decimal("1920.00")


def test_the_bonus_limit_is_20_percent_of_the_month_s_benefit(cast, cis, rate, cis_manager):
    case = cis_case(cis, 1, D(2026, 9, 1))
    with pytest.raises(ValidationError) as refused:
        services.do_award_bonus(case, {"month": NOV, "amount": Decimal("360.01"), "reason": "x"}, actor=cis_manager)
    assert "360,00" in str(refused.value)
    services.do_award_bonus(case, {"month": NOV, "amount": Decimal("360.00"), "reason": "x"}, actor=cis_manager)
    with pytest.raises(ValidationError):
        services.do_award_bonus(case, {"month": NOV, "amount": Decimal("1.00"), "reason": "x"}, actor=cis_manager)


def test_no_bonus_for_a_month_not_begun_or_not_attended(cast, cis, rate, cis_manager):
    case = cis_case(cis, 1, D(2026, 9, 1))
    with pytest.raises(ValidationError):
        services.do_award_bonus(case, {"month": D(2027, 1, 1), "amount": Decimal(10), "reason": "x"}, actor=cis_manager)
    with pytest.raises(ValidationError):
        services.do_award_bonus(case, {"month": D(2026, 8, 1), "amount": Decimal(10), "reason": "x"}, actor=cis_manager)


def test_weekly_hours_outside_30_to_40_are_counted(cast, cis, rate):
    case = cis_case(cis, 1, D(2026, 9, 1))
    # week of 2 Nov: 5 × 6 h = 30 (within); week of 9 Nov: 5 × 5.8 h = 29 (below);
    # week of 16 Nov: 5 × 8 h = 40 (within); week of 23 Nov: 5 × 8.2 h = 41 (above)
    for start, hours in ((2, "6"), (9, "5.8"), (16, "8"), (23, "8.2")):
        days = [D(2026, 11, start + i) for i in range(5)]
        mark(case, classes(cis, days, hours=Decimal(hours)).values(), S.PRESENT)
    (line,) = month_benefits(cis, NOV)[1]
    assert line.weeks_outside == 2


def test_the_longest_participation_is_24_months(cast, cis, rate):
    cis_case(cis, 1, D(2024, 11, 15))
    cis_case(cis, 2, D(2024, 12, 1))
    lines = {line.case.participant.last_name: line for line in month_benefits(cis, NOV)[1]}
    assert lines["Testowa1"].ends_on == D(2026, 11, 14)
    assert lines["Testowa1"].notes
    assert lines["Testowa2"].ends_on == D(2026, 11, 30)
    assert not lines["Testowa2"].notes
