import datetime as dt

from ksr.cooperation import services
from ksr.cooperation.choices import MeetingKind
from ksr.cooperation.queries import (
    forum_co_attendance_ties,
    forum_timeliness,
    last_assessment_on,
    overdue_forums,
    timeliness_from,
)

from .conftest import held_meeting

TODAY = dt.date(2026, 11, 22)


def test_strategic_boundary_is_92_days():
    assert timeliness_from(TODAY - dt.timedelta(days=92), None, TODAY).strategic_ok
    assert not timeliness_from(TODAY - dt.timedelta(days=93), None, TODAY).strategic_ok
    t = timeliness_from(TODAY - dt.timedelta(days=10), None, TODAY)
    assert t.next_due_strategic == TODAY + dt.timedelta(days=82)


def test_operational_boundary_is_31_days():
    assert timeliness_from(None, TODAY - dt.timedelta(days=31), TODAY).operational_ok
    assert not timeliness_from(None, TODAY - dt.timedelta(days=32), TODAY).operational_ok
    assert timeliness_from(None, TODAY, TODAY).next_due_operational == TODAY + dt.timedelta(days=31)


def test_never_met_is_overdue_and_due_today():
    t = timeliness_from(None, None, TODAY)
    assert (t.strategic_ok, t.operational_ok, t.ok) == (False, False, False)
    assert t.next_due_strategic == TODAY == t.next_due_operational


def test_forum_timeliness_counts_held_meetings_only(forum, cast):
    today = dt.date.today()
    lsr = forum.network
    assert not forum_timeliness(lsr, today).strategic_ok
    services.do_plan_meeting(
        forum, {"kind": MeetingKind.STRATEGIC, "title": "Plan", "planned_on": today}, actor=cast.coordinator
    )
    cancelled = services.do_plan_meeting(
        forum, {"kind": MeetingKind.OPERATIONAL, "title": "X", "planned_on": today}, actor=cast.coordinator
    )
    services.do_cancel_meeting(cancelled, actor=cast.coordinator)
    t = forum_timeliness(lsr, today)
    assert (t.strategic_ok, t.operational_ok, t.last_strategic) == (False, False, None)
    held_meeting(forum, cast.coordinator, held_on=today - dt.timedelta(days=92))
    held_meeting(forum, cast.coordinator, kind=MeetingKind.OPERATIONAL, held_on=today - dt.timedelta(days=32))
    t = forum_timeliness(lsr, today)
    assert t.strategic_ok and not t.operational_ok
    assert t.last_strategic == today - dt.timedelta(days=92)
    assert forum_timeliness(lsr, today + dt.timedelta(days=1)).strategic_ok is False


def test_last_assessment_on(lsr, cast):
    assert last_assessment_on(lsr) is None
    from .test_assessment_services import card_data

    services.do_fill_assessment(lsr, cast.library_waw, card_data(filled_on=dt.date(2026, 3, 1)), actor=cast.partner)
    assert last_assessment_on(lsr) == dt.date(2026, 3, 1)


def test_co_attendance_ties_count_held_meetings_together(forum, cast):
    reps = {(r.organisation_id, r.role): r for r in forum.representatives.all()}
    kis, lib, ops = cast.kis_waw.pk, cast.library_waw.pk, cast.ops_waw.pk
    both_kis = [reps[(kis, "head")], reps[(kis, "substantive")]]
    held_meeting(forum, cast.coordinator, representatives=[*both_kis, reps[(lib, "head")]])
    held_meeting(
        forum, cast.coordinator, representatives=[reps[(kis, "head")], reps[(lib, "head")], reps[(ops, "head")]]
    )
    planned = services.do_plan_meeting(
        forum, {"kind": MeetingKind.STRATEGIC, "title": "P", "planned_on": dt.date.today()}, actor=cast.coordinator
    )
    assert planned.attendance.count() == 0
    ties = forum_co_attendance_ties()
    assert ties == sorted(
        [(min(kis, lib), max(kis, lib), 2), (min(kis, ops), max(kis, ops), 1), (min(lib, ops), max(lib, ops), 1)]
    )
    assert forum_co_attendance_ties(network_ids=[forum.network_id]) == ties
    assert forum_co_attendance_ties(network_ids=[forum.network_id + 999]) == []


def test_overdue_forums_for_coordinator_and_animator_only(forum, cast):
    assert [o.network for o in overdue_forums(cast.coordinator)] == [forum.network]
    assert [o.network for o in overdue_forums(cast.animator)] == [forum.network]
    for user in (cast.partner, cast.zenon, cast.nobody, cast.case_manager):
        assert overdue_forums(user) == []
    today = dt.date.today()
    held_meeting(forum, cast.coordinator, held_on=today - dt.timedelta(days=5))
    held_meeting(forum, cast.coordinator, kind=MeetingKind.OPERATIONAL, held_on=today - dt.timedelta(days=5))
    assert overdue_forums(cast.coordinator) == []
