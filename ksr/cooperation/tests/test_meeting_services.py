import datetime as dt
import itertools

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from ksr.audit.models import AuditEntry
from ksr.cooperation import services
from ksr.cooperation.choices import MEETING_MACHINE, MeetingKind, MeetingStatus
from ksr.cooperation.models import Decision, Meeting, MinutesDispatch, Representative

from .conftest import held_meeting

ALLOWED = {
    ("planned", "held"),
    ("planned", "cancelled"),
    ("held", "minutes_sent"),
}


def test_transition_table_both_ways():
    for source, target in itertools.product(MeetingStatus.values, MeetingStatus.values):
        assert (target in MEETING_MACHINE.targets(source)) == ((source, target) in ALLOWED), (source, target)


def _move(meeting, target, actor):
    if target == MeetingStatus.HELD:
        return services.do_record_meeting_held(meeting, {"held_on": dt.date.today(), "minutes": "P."}, actor=actor)
    if target == MeetingStatus.CANCELLED:
        return services.do_cancel_meeting(meeting, actor=actor)
    if target == MeetingStatus.MINUTES_SENT:
        return services.do_send_minutes(meeting, actor=actor)
    raise AssertionError("no service moves a meeting back to planned")


@pytest.mark.parametrize(
    "source,target",
    [(s, t) for s, t in itertools.product(MeetingStatus.values, MeetingStatus.values) if t != "planned"],
)
def test_services_follow_the_lifecycle(forum, cast, source, target, django_capture_on_commit_callbacks):
    meeting = services.do_plan_meeting(
        forum, {"kind": MeetingKind.STRATEGIC, "title": "S", "planned_on": dt.date.today()}, actor=cast.coordinator
    )
    Meeting.objects.filter(pk=meeting.pk).update(
        status=source, held_on=dt.date.today() if source in ("held", "minutes_sent") else None, minutes="Protokół."
    )
    meeting.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=False):
        if (source, target) in ALLOWED:
            _move(meeting, target, cast.coordinator)
            meeting.refresh_from_db()
            assert meeting.status == target
        else:
            with pytest.raises(ValidationError):
                _move(meeting, target, cast.coordinator)
            meeting.refresh_from_db()
            assert meeting.status == source


def test_plan_meeting_with_agenda_is_audited(forum, cast):
    meeting = services.do_plan_meeting(
        forum,
        {"kind": MeetingKind.OPERATIONAL, "title": "Grupa", "planned_on": dt.date(2026, 12, 1)},
        agenda=["A", " ", "B"],
        actor=cast.kis_manager,
    )
    assert [a.title for a in meeting.agenda.all()] == ["A", "B"]
    assert AuditEntry.objects.filter(object_id=str(meeting.pk), action="create", organisation=cast.kis_waw).exists()


@pytest.mark.parametrize("who", ["partner", "case_manager", "zenon", "nobody", "ops_worker"])
def test_only_network_editors_manage_the_forum(forum, cast, who):
    with pytest.raises(PermissionDenied):
        services.do_plan_meeting(
            forum, {"kind": "strategic", "title": "X", "planned_on": dt.date.today()}, actor=getattr(cast, who)
        )
    assert not Meeting.objects.exists()


def test_kis_and_admin_may_manage(forum, cast):
    for user in (cast.kis_manager, cast.admin):
        services.do_plan_meeting(forum, {"kind": "strategic", "title": "X", "planned_on": dt.date.today()}, actor=user)
    assert Meeting.objects.count() == 2


def test_held_in_future_is_refused(forum, cast):
    meeting = services.do_plan_meeting(
        forum, {"kind": "strategic", "title": "X", "planned_on": dt.date.today()}, actor=cast.coordinator
    )
    with pytest.raises(ValidationError) as exc:
        services.do_record_meeting_held(
            meeting, {"held_on": dt.date.today() + dt.timedelta(days=1)}, actor=cast.coordinator
        )
    assert "held_on" in exc.value.message_dict
    meeting.refresh_from_db()
    assert meeting.status == "planned"


def test_attendance_recorded_per_representative(forum, cast):
    reps = list(forum.representatives.filter(organisation=cast.library_waw))
    meeting = held_meeting(forum, cast.coordinator, representatives=reps)
    rows = list(meeting.attendance.all())
    assert {r.representative_id for r in rows} == {r.pk for r in reps}
    services.do_set_attendance(meeting, representatives=reps[:1], organisations=[cast.ops_waw], actor=cast.coordinator)
    assert sorted(meeting.attendance.values_list("organisation_id", flat=True)) == sorted(
        [cast.library_waw.pk, cast.ops_waw.pk]
    )
    with pytest.raises(ValidationError):
        services.do_set_attendance(meeting, organisations=[cast.kis_krk], actor=cast.coordinator)


def test_decisions_by_consensus_or_vote(forum, cast):
    meeting = held_meeting(forum, cast.coordinator, representatives=forum.representatives.all())
    services.do_record_decision(meeting, {"text": "Zgoda", "method": "consensus"}, actor=cast.coordinator)
    vote = services.do_record_decision(
        meeting,
        {"text": "Głosowanie", "method": "vote", "votes_for": 4, "votes_against": 1, "votes_abstain": 0},
        actor=cast.coordinator,
    )
    assert (vote.votes_for, vote.votes_against, vote.votes_abstain) == (4, 1, 0)
    with pytest.raises(ValidationError):
        services.do_record_decision(
            meeting, {"text": "Bez wyniku", "method": "vote", "votes_for": 3}, actor=cast.coordinator
        )
    with pytest.raises(ValidationError):
        services.do_record_decision(
            meeting, {"text": "X", "method": "consensus", "votes_for": 3}, actor=cast.coordinator
        )
    assert Decision.objects.count() == 2


def test_action_items_owner_must_be_a_member(forum, cast):
    meeting = held_meeting(forum, cast.coordinator)
    item = services.do_add_action_item(
        meeting,
        {"title": "Kalendarz", "owner": cast.library_waw, "due_on": dt.date(2026, 12, 31)},
        actor=cast.coordinator,
    )
    services.do_update_action_item_status(item, "in_progress", actor=cast.coordinator)
    item.refresh_from_db()
    assert item.status == "in_progress"
    with pytest.raises(ValidationError):
        services.do_add_action_item(
            meeting, {"title": "X", "owner": cast.kis_krk, "due_on": dt.date(2026, 12, 31)}, actor=cast.coordinator
        )
    with pytest.raises(ValidationError):
        services.do_update_action_item_status(item, "bogus", actor=cast.coordinator)


def test_send_minutes_mails_after_commit_and_records_recipients(
    forum, cast, mailoutbox, django_capture_on_commit_callbacks
):
    meeting = held_meeting(forum, cast.coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        dispatch = services.do_send_minutes(meeting, actor=cast.coordinator)
    assert len(mailoutbox) == 1
    assert sorted(mailoutbox[0].to) == dispatch.recipients
    assert len(dispatch.recipients) == 6
    meeting.refresh_from_db()
    assert meeting.status == "minutes_sent" and meeting.minutes_sent_at == dispatch.sent_at
    assert AuditEntry.objects.filter(object_id=str(dispatch.pk), content_type__model="minutesdispatch").exists()


def test_minutes_email_carries_date_place_attendance_decisions_and_tasks(
    forum, cast, mailoutbox, django_capture_on_commit_callbacks
):
    rep = Representative.objects.filter(forum=forum, until__isnull=True).select_related("organisation").first()
    meeting = held_meeting(forum, cast.coordinator, held_on=dt.date(2026, 11, 20), representatives=[rep])
    Meeting.objects.filter(pk=meeting.pk).update(place="Urząd Gminy, sala 12", minutes="Dyskusja o ofercie.")
    meeting.refresh_from_db()
    services.do_record_decision(
        meeting,
        {"text": "Przyjęto plan na 2027 r.", "method": "vote", "votes_for": 1, "votes_against": 0, "votes_abstain": 0},
        actor=cast.coordinator,
    )
    services.do_add_action_item(
        meeting,
        {"title": "Kalendarz zajęć", "owner": cast.library_waw, "due_on": dt.date(2026, 12, 31)},
        actor=cast.coordinator,
    )
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.do_send_minutes(meeting, actor=cast.coordinator)
    assert mailoutbox == []  # nothing leaves before the commit
    for callback in callbacks:
        callback()
    body = mailoutbox[0].body
    assert mailoutbox[0].subject == "Protokół: Posiedzenie"
    assert "Data: 20.11.2026" in body and "Miejsce: Urząd Gminy, sala 12" in body
    assert "Obecność (1 organizacja):" in body and f"- {rep.organisation.name}: {rep.display_name}" in body
    assert "1. Przyjęto plan na 2027 r. (głosowanie: 1 za, 0 przeciw, 0 wstrzymujących się)" in body
    assert f"- Kalendarz zajęć — odpowiada: {cast.library_waw.name}, termin: 31.12.2026" in body
    assert "Dyskusja o ofercie." in body
    assert "&" not in body.replace(cast.library_waw.name, "")  # plain text, nothing HTML-escaped


def test_send_minutes_without_text_sends_nothing(forum, cast, mailoutbox, django_capture_on_commit_callbacks):
    meeting = held_meeting(forum, cast.coordinator)
    Meeting.objects.filter(pk=meeting.pk).update(minutes="")
    meeting.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ValidationError):
        services.do_send_minutes(meeting, actor=cast.coordinator)
    assert mailoutbox == [] and not MinutesDispatch.objects.exists()
    meeting.refresh_from_db()
    assert meeting.status == "held"


def test_representatives_two_per_institution(forum, cast):
    with pytest.raises(ValidationError) as exc:
        services.do_add_representative(
            forum, {"organisation": cast.library_waw, "role": "head", "name": "Druga"}, actor=cast.coordinator
        )
    assert "role" in exc.value.message_dict
    head = forum.representatives.get(organisation=cast.library_waw, role="head")
    services.do_end_representative(head, dt.date.today(), actor=cast.coordinator)
    services.do_add_representative(
        forum, {"organisation": cast.library_waw, "role": "head", "name": "Nowa"}, actor=cast.coordinator
    )
    with pytest.raises(ValidationError):
        services.do_add_representative(
            forum, {"organisation": cast.kis_krk, "role": "head", "name": "Obca"}, actor=cast.coordinator
        )
    with pytest.raises(ValidationError):
        services.do_add_representative(forum, {"organisation": cast.ops_waw, "role": "head"}, actor=cast.coordinator)
    assert Representative.objects.filter(until__isnull=True).count() == 6


def test_forum_only_for_a_local_network(cast):
    from ksr.networks.models import Network
    from ksr.testing import unit

    rsr = Network.objects.create(name="RSR", level="regional", territory=unit("14"), main_node=cast.rops_maz)
    with pytest.raises(ValidationError):
        services.do_create_forum(rsr, actor=cast.admin)


def test_task_group_membership(forum, cast):
    group = services.do_create_task_group(
        forum, {"name": "Grupa ds. pracy", "topic": "Praktyki"}, actor=cast.coordinator
    )
    head = forum.representatives.get(organisation=cast.ops_waw, role="head")
    services.do_end_representative(head, dt.date.today(), actor=cast.coordinator)
    rep = services.do_add_representative(
        forum,
        {"organisation": cast.ops_waw, "role": "head", "name": "Nowy"},
        task_groups=[group],
        actor=cast.coordinator,
    )
    assert list(group.members.all()) == [rep]


def test_a_stale_meeting_is_refused_as_already_changed(forum, cast):
    meeting = services.do_plan_meeting(
        forum, {"kind": MeetingKind.STRATEGIC, "title": "S", "planned_on": dt.date.today()}, actor=cast.coordinator
    )
    stale = Meeting.objects.get(pk=meeting.pk)
    services.do_cancel_meeting(meeting, actor=cast.coordinator)
    with pytest.raises(ValidationError) as refused:
        services.do_record_meeting_held(stale, {"held_on": dt.date.today(), "minutes": "P."}, actor=cast.coordinator)
    assert refused.value.code == "already_changed"
    assert Meeting.objects.get(pk=meeting.pk).status == MeetingStatus.CANCELLED


def test_the_minutes_are_e_mailed_after_the_commit(forum, cast, mailoutbox, django_capture_on_commit_callbacks):
    meeting = held_meeting(forum, cast.coordinator)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        services.do_send_minutes(meeting, actor=cast.coordinator)
        assert mailoutbox == []  # nothing leaves before the commit
    assert len(callbacks) == 1
    assert len(mailoutbox) == 1 and mailoutbox[0].body.rstrip().endswith("\nProtokół.")


def test_no_minutes_leave_when_the_transaction_rolls_back(forum, cast, mailoutbox, django_capture_on_commit_callbacks):
    meeting = held_meeting(forum, cast.coordinator)
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        services.do_send_minutes(meeting, actor=cast.coordinator)
        raise RuntimeError("a later step of the same transaction fails")
    assert callbacks == []
    assert mailoutbox == []
    assert Meeting.objects.get(pk=meeting.pk).status == MeetingStatus.HELD
    assert not MinutesDispatch.objects.exists()
