import datetime as dt
from decimal import Decimal

from ksr.catalogue import rules

D = dt.date


def test_add_months_clamps_to_the_end_of_the_month():
    assert rules.add_months(D(2026, 1, 31), 1) == D(2026, 2, 28)
    assert rules.add_months(D(2026, 11, 15), 3) == D(2027, 2, 15)


def test_edition_of_exactly_three_months_meets_the_minimum():
    assert rules.lasts_minimum(D(2026, 3, 1), D(2026, 5, 31))
    assert rules.lasts_minimum(D(2026, 3, 15), D(2026, 6, 14))


def test_edition_one_day_short_of_three_months_fails():
    assert not rules.lasts_minimum(D(2026, 3, 1), D(2026, 5, 30))
    assert not rules.lasts_minimum(D(2026, 3, 15), D(2026, 6, 13))


def test_forty_hours_a_month_at_the_boundary():
    rows = [
        (D(2026, 1, 5), Decimal("20"), "group"),
        (D(2026, 1, 6), Decimal("20"), "individual"),  # January: exactly 40
        (D(2026, 2, 5), Decimal("39.5"), "group"),  # February: half an hour short
    ]
    checks = rules.monthly_checks(D(2026, 1, 1), D(2026, 3, 31), rows)
    assert [c.month for c in checks] == [(2026, 1), (2026, 2), (2026, 3)]
    january, february, march = checks
    assert january.meets and january.shortfall == 0
    assert january.individual_hours == 20 and january.group_hours == 20
    assert not february.meets and february.shortfall == Decimal("0.5")
    assert not march.meets and march.shortfall == 40


def test_activities_outside_the_edition_do_not_count():
    checks = rules.monthly_checks(D(2026, 1, 1), D(2026, 1, 31), [(D(2026, 2, 1), Decimal(50), "group")])
    assert checks[0].hours == 0


def _monthly(months):
    return [D(y, m, 10) for y, m in months]


ADMITTED = D(2025, 12, 1)


def test_certificate_needs_six_consecutive_months():
    five = _monthly([(2026, 1), (2026, 2), (2026, 3), (2026, 4), (2026, 5)])
    six = [*five, D(2026, 6, 1)]
    assert not rules.certificate_eligible(five, ADMITTED, D(2026, 12, 31))
    assert rules.certificate_eligible(six, ADMITTED, D(2026, 6, 1))


def test_a_month_without_presence_breaks_the_run():
    gap = _monthly([(2026, 1), (2026, 2), (2026, 3), (2026, 5), (2026, 6), (2026, 7)])
    assert len(rules.longest_attendance_run(gap)) == 3
    assert not rules.certificate_eligible(gap, ADMITTED, D(2026, 12, 31))


def test_run_across_the_new_year():
    days = _monthly([(2025, 9), (2025, 10), (2025, 11), (2025, 12), (2026, 1), (2026, 2)])
    assert rules.certificate_eligible(days, D(2025, 9, 1), D(2026, 3, 1))


def test_attendance_before_the_admission_does_not_count():
    # Present every month from March, admitted on 18 September: March–August do not count.
    days = _monthly([(2026, m) for m in range(3, 13)])
    assert rules.months_of_participation(days, D(2026, 9, 18), D(2026, 12, 31)) == 3
    assert not rules.certificate_eligible(days, D(2026, 9, 18), D(2026, 12, 31))
    # The admission day itself counts; the day before does not.
    assert rules.participation_days([D(2026, 9, 17), D(2026, 9, 18)], D(2026, 9, 18), D(2026, 9, 30)) == [
        D(2026, 9, 18)
    ]


def test_six_months_must_also_have_passed_since_the_admission():
    # Admitted 18 September, present in each of six calendar months September–February.
    days = [D(2026, 9, 20), *_monthly([(2026, 10), (2026, 11), (2026, 12), (2027, 1), (2027, 2)])]
    assert rules.months_of_participation(days, D(2026, 9, 18), D(2027, 3, 17)) == 6
    assert not rules.certificate_eligible(days, D(2026, 9, 18), D(2027, 3, 17))
    assert rules.certificate_eligible(days, D(2026, 9, 18), D(2027, 3, 18))


def test_no_presence_never_qualifies():
    assert not rules.certificate_eligible([], D(2020, 1, 1), D(2026, 12, 31))
