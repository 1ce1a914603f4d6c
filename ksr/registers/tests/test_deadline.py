"""UZS art. 18 ust. 1: the voivode enters a KIS within 30 days of its notification."""

import pytest

from ksr.registers.choices import EntityKind
from ksr.registers.models import RegisterEntry

pytestmark = pytest.mark.django_db


def test_day_30_is_not_overdue_day_31_is(make_entry):
    on_time = make_entry(notified=30)
    late = make_entry(notified=31)
    later = make_entry(notified=45)
    assert not on_time.is_overdue and on_time.days_overdue == 0
    assert late.is_overdue and late.days_overdue == 1
    assert later.days_overdue == 15
    assert set(RegisterEntry.objects.overdue()) == {late, later}


def test_a_cis_is_never_overdue(make_entry):
    cis = make_entry(kind=EntityKind.CIS, notified=200)
    assert cis.entry_deadline is None
    assert not cis.is_overdue and cis.days_overdue == 0
    assert not RegisterEntry.objects.overdue().exists()


def test_an_entered_kis_is_not_overdue(make_entry):
    entry = make_entry(notified=100, entered=50)  # entered late, but entered
    assert not entry.is_overdue
    assert not RegisterEntry.objects.overdue().exists()
