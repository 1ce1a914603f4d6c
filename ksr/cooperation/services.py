"""Every write to the forum and the assessment cards: atomic, permission-checked, audited.

Views, the API, the admin, the demo and tests call these functions. They raise
``PermissionDenied`` when ``actor`` may not write there and ``ValidationError`` (translated) on
bad input; either way nothing is written. The minutes are e-mailed after the commit.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any, TypeVar

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import models, transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from ksr.audit.choices import AuditAction
from ksr.audit.services import record, record_create, record_update, snapshot
from ksr.cooperation.choices import ACTION_MACHINE, MEETING_MACHINE, ActionStatus, Condition, MeetingStatus
from ksr.cooperation.models import (
    ActionItem,
    AgendaItem,
    Attendance,
    CooperationAssessment,
    Decision,
    Forum,
    ImprovementAction,
    Meeting,
    MinutesDispatch,
    Representative,
    TaskGroup,
    period_of,
)
from ksr.cooperation.querysets import fillable_organisations
from ksr.core.states import StateMachine
from ksr.core.types import AnyUser
from ksr.networks.choices import NetworkLevel
from ksr.networks.models import Network

M = TypeVar("M", bound=models.Model)

REPRESENTATIVE_FIELDS = ("organisation", "role", "person", "name", "email", "since", "until")
MEETING_FIELDS = ("kind", "task_group", "title", "planned_on", "place")
HELD_FIELDS = (
    "held_on",
    "participants_active",
    "participants_admitted",
    "participants_exited",
    "participants_with_outcome",
    "report_problems",
    "minutes",
)
DECISION_FIELDS = ("text", "method", "votes_for", "votes_against", "votes_abstain")
ACTION_FIELDS = ("title", "owner", "due_on")
IMPROVEMENT_FIELDS = ("title", "condition", "owner", "due_on")
ASSESSMENT_FIELDS = (
    "year",
    "half",
    "filled_on",
    "conclusions",
    *(f"score_{c.value}" for c in Condition),
    *(f"comment_{c.value}" for c in Condition),
)


def _user(actor: AnyUser) -> Any:
    return actor if getattr(actor, "is_authenticated", False) else None


def _pick(data: Mapping[str, Any], fields: Iterable[str]) -> dict[str, Any]:
    allowed = set(fields)
    unknown = set(data) - allowed
    if unknown:
        raise ValidationError(_("Unknown fields: %(fields)s.") % {"fields": ", ".join(sorted(unknown))})
    return dict(data)


def _may_edit_network(network: Network, actor: AnyUser) -> None:
    if not Network.objects.editable_by(actor).filter(pk=network.pk).exists():
        raise PermissionDenied(_("You may not manage the forum of this network."))


def _save(obj: Any, actor: AnyUser, *, created: bool) -> None:
    if created:
        obj.created_by = _user(actor)
    obj.updated_by = _user(actor)
    obj.full_clean()
    obj.save()


def _member_ids(network: Network) -> set[int]:
    ids = set(network.memberships.filter(left_on__isnull=True).values_list("organisation_id", flat=True))
    ids.add(network.main_node_id)
    return ids


def _check_member(network: Network, organisation: Any, field: str) -> None:
    if organisation is None or organisation.pk not in _member_ids(network):
        raise ValidationError({field: _("Choose an organisation that is a current member of this network.")})


# --- forum ------------------------------------------------------------------------------------


@transaction.atomic
def do_create_forum(network: Network, data: Mapping[str, Any] | None = None, *, actor: AnyUser) -> Forum:
    _may_edit_network(network, actor)
    if Forum.objects.filter(network=network).exists():
        raise ValidationError(_("This network already has a cooperation forum."))
    forum = Forum(network=network, **_pick(data or {}, ("description",)))
    _save(forum, actor, created=True)
    record_create(forum, actor=actor)
    return forum


@transaction.atomic
def do_create_task_group(forum: Forum, data: Mapping[str, Any], *, actor: AnyUser) -> TaskGroup:
    _may_edit_network(forum.network, actor)
    group = TaskGroup(forum=forum, **_pick(data, ("name", "topic", "is_active")))
    _save(group, actor, created=True)
    record_create(group, actor=actor)
    return group


@transaction.atomic
def do_add_representative(
    forum: Forum, data: Mapping[str, Any], *, task_groups: Iterable[TaskGroup] = (), actor: AnyUser
) -> Representative:
    """Delegate a person of a member organisation (at most one current head and one substantive person)."""
    _may_edit_network(forum.network, actor)
    rep = Representative(forum=forum, **_pick(data, REPRESENTATIVE_FIELDS))
    _check_member(forum.network, rep.organisation if rep.organisation_id else None, "organisation")
    taken = Representative.objects.filter(
        forum=forum, organisation_id=rep.organisation_id, role=rep.role, until__isnull=True
    )
    if rep.until is None and taken.exists():
        raise ValidationError(
            {"role": _("This organisation already has a current representative in this role; end it first.")}
        )
    groups = list(task_groups)
    if any(g.forum_id != forum.pk for g in groups):
        raise ValidationError({"task_groups": _("The working group belongs to another forum.")})
    _save(rep, actor, created=True)
    rep.task_groups.set(groups)
    record_create(rep, actor=actor, m2m=["task_groups"])
    return rep


@transaction.atomic
def do_end_representative(rep: Representative, until: dt.date, *, actor: AnyUser) -> Representative:
    _may_edit_network(rep.forum.network, actor)
    before = snapshot(rep)
    rep.until = until
    _save(rep, actor, created=False)
    record_update(rep, before, actor=actor)
    return rep


# --- meetings -----------------------------------------------------------------------------------


def _meeting_for_update(meeting: Meeting, actor: AnyUser) -> Meeting:
    _may_edit_network(meeting.forum.network, actor)
    return Meeting.objects.select_for_update().select_related("forum__network").get(pk=meeting.pk)


def _move(machine: StateMachine, obj: M, target: str, *, actor: AnyUser) -> tuple[M, dict[str, Any]]:
    """Move ``obj`` to ``target`` through ``machine`` from the status the caller saw: the row is locked
    and re-read, and the move refused if it is not declared or someone else changed the status
    meanwhile. Returns the current row (with the new status, not yet saved) and its snapshot before."""
    machine.move(obj, target, actor=actor)
    current = type(obj)._default_manager.select_for_update().get(pk=obj.pk)
    before = snapshot(current)
    setattr(current, machine.field, target)
    return current, before


@transaction.atomic
def do_plan_meeting(forum: Forum, data: Mapping[str, Any], *, agenda: Iterable[str] = (), actor: AnyUser) -> Meeting:
    _may_edit_network(forum.network, actor)
    meeting = Meeting(forum=forum, **_pick(data, MEETING_FIELDS))
    _save(meeting, actor, created=True)
    record_create(meeting, actor=actor)
    for order, title in enumerate((t.strip() for t in agenda if t and t.strip()), start=1):
        item = AgendaItem(meeting=meeting, order=order, title=title)
        _save(item, actor, created=True)
        record_create(item, actor=actor)
    return meeting


@transaction.atomic
def do_update_meeting(meeting: Meeting, data: Mapping[str, Any], *, actor: AnyUser) -> Meeting:
    """Change a meeting's details; the report numbers and minutes only once it was held."""
    current = _meeting_for_update(meeting, actor)
    allowed = MEETING_FIELDS + (HELD_FIELDS if current.status == MeetingStatus.HELD else ())
    values = _pick(data, allowed)
    if current.status in (MeetingStatus.MINUTES_SENT, MeetingStatus.CANCELLED):
        raise ValidationError(_("A meeting whose minutes were sent, or which was cancelled, can no longer change."))
    before = snapshot(current)
    for name, value in values.items():
        setattr(current, name, value)
    _save(current, actor, created=False)
    record_update(current, before, actor=actor)
    return current


@transaction.atomic
def do_record_meeting_held(
    meeting: Meeting,
    data: Mapping[str, Any],
    *,
    representatives: Iterable[Representative] = (),
    organisations: Iterable[Any] = (),
    actor: AnyUser,
) -> Meeting:
    """planned → held, with the held date, the aggregate status report, the minutes and attendance."""
    _may_edit_network(meeting.forum.network, actor)
    current, before = _move(MEETING_MACHINE, meeting, MeetingStatus.HELD, actor=actor)
    for name, value in _pick(data, HELD_FIELDS).items():
        setattr(current, name, value)
    _save(current, actor, created=False)
    record_update(current, before, actor=actor)
    _set_attendance(current, representatives, organisations, actor=actor)
    return current


def _set_attendance(
    meeting: Meeting, representatives: Iterable[Representative], organisations: Iterable[Any], *, actor: AnyUser
) -> None:
    reps = list(representatives)
    orgs = list(organisations)
    if any(r.forum_id != meeting.forum_id for r in reps):
        raise ValidationError({"representatives": _("Choose representatives of this forum.")})
    members = _member_ids(meeting.forum.network)
    if any(o.pk not in members for o in orgs):
        raise ValidationError({"organisations": _("Choose an organisation that is a current member of this network.")})
    meeting.attendance.all().delete()
    rows = [Attendance(meeting=meeting, organisation_id=r.organisation_id, representative=r) for r in reps]
    covered = {r.organisation_id for r in reps}
    rows += [Attendance(meeting=meeting, organisation=o) for o in orgs if o.pk not in covered]
    for row in rows:
        row.created_by = row.updated_by = _user(actor)
    Attendance.objects.bulk_create(rows)
    record(
        AuditAction.UPDATE,
        meeting,
        actor=actor,
        changes={"attendance": [None, sorted({row.organisation_id for row in rows})]},
    )


@transaction.atomic
def do_set_attendance(
    meeting: Meeting,
    *,
    representatives: Iterable[Representative] = (),
    organisations: Iterable[Any] = (),
    actor: AnyUser,
) -> Meeting:
    current = _meeting_for_update(meeting, actor)
    if current.status != MeetingStatus.HELD:
        raise ValidationError(_("Attendance is recorded for a held meeting whose minutes were not yet sent."))
    _set_attendance(current, representatives, organisations, actor=actor)
    return current


@transaction.atomic
def do_cancel_meeting(meeting: Meeting, *, actor: AnyUser) -> Meeting:
    _may_edit_network(meeting.forum.network, actor)
    current, before = _move(MEETING_MACHINE, meeting, MeetingStatus.CANCELLED, actor=actor)
    _save(current, actor, created=False)
    record_update(current, before, actor=actor)
    return current


def minutes_recipients(meeting: Meeting) -> list[str]:
    """E-mail addresses of the forum's current representatives (sorted, without duplicates)."""
    reps = meeting.forum.representatives.filter(until__isnull=True).select_related("person")
    return sorted({r.contact_email for r in reps if r.contact_email})


def minutes_email(meeting: Meeting) -> tuple[str, str]:
    """Subject and plain-text body (in Polish) of the minutes e-mail: the meeting's date, place,
    attendance, agenda, decisions and tasks with their owners, then the minutes' text."""
    attendance = list(meeting.attendance.select_related("organisation", "representative__person"))
    with translation.override("pl"):
        subject = _("Minutes: %(title)s") % {"title": meeting.title}
        body = render_to_string(
            "cooperation/email/minutes.txt",
            {
                "meeting": meeting,
                "attendance": attendance,
                "organisation_count": len({row.organisation_id for row in attendance}),
                "agenda": meeting.agenda.all(),
                "decisions": meeting.decisions.all(),
                "tasks": meeting.action_items.select_related("owner"),
            },
        )
    return subject, body


@transaction.atomic
def do_send_minutes(meeting: Meeting, *, actor: AnyUser) -> MinutesDispatch:
    """held → minutes sent: e-mail the minutes to the members after the commit; record to whom and when."""
    _may_edit_network(meeting.forum.network, actor)
    current, before = _move(MEETING_MACHINE, meeting, MeetingStatus.MINUTES_SENT, actor=actor)
    if not current.minutes.strip():
        raise ValidationError({"minutes": _("Write the minutes before sending them.")})
    recipients = minutes_recipients(current)
    if not recipients:
        raise ValidationError(_("No representative of the forum has an e-mail address."))
    now = timezone.now()
    current.minutes_sent_at = now
    _save(current, actor, created=False)
    record_update(current, before, actor=actor)
    dispatch = MinutesDispatch(meeting=current, sent_at=now, recipients=recipients)
    _save(dispatch, actor, created=True)
    record_create(dispatch, actor=actor)
    subject, body = minutes_email(current)
    transaction.on_commit(
        lambda: send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, recipients, fail_silently=False)
    )
    return dispatch


@transaction.atomic
def do_record_decision(meeting: Meeting, data: Mapping[str, Any], *, actor: AnyUser) -> Decision:
    current = _meeting_for_update(meeting, actor)
    if current.status != MeetingStatus.HELD:
        raise ValidationError(_("Decisions are recorded for a held meeting whose minutes were not yet sent."))
    decision = Decision(meeting=current, **_pick(data, DECISION_FIELDS))
    _save(decision, actor, created=True)
    record_create(decision, actor=actor)
    return decision


@transaction.atomic
def do_add_action_item(meeting: Meeting, data: Mapping[str, Any], *, actor: AnyUser) -> ActionItem:
    current = _meeting_for_update(meeting, actor)
    if current.status not in (MeetingStatus.HELD, MeetingStatus.MINUTES_SENT):
        raise ValidationError(_("Action items are agreed at a held meeting."))
    item = ActionItem(meeting=current, **_pick(data, ACTION_FIELDS))
    _check_member(current.forum.network, item.owner if item.owner_id else None, "owner")
    _save(item, actor, created=True)
    record_create(item, actor=actor)
    return item


def _set_status(obj: Any, status: str, network: Network, *, actor: AnyUser) -> Any:
    """Move an action through ``ACTION_MACHINE`` (the same status changes nothing)."""
    _may_edit_network(network, actor)
    if status not in ActionStatus.values:
        raise ValidationError({"status": _("Unknown status.")})
    if status == obj.status:
        return obj
    current, before = _move(ACTION_MACHINE, obj, status, actor=actor)
    _save(current, actor, created=False)
    record_update(current, before, actor=actor)
    return current


@transaction.atomic
def do_update_action_item_status(item: ActionItem, status: str, *, actor: AnyUser) -> ActionItem:
    result: ActionItem = _set_status(item, status, item.meeting.forum.network, actor=actor)
    return result


# --- assessment cards -----------------------------------------------------------------------------


@transaction.atomic
def do_fill_assessment(
    network: Any, organisation: Any, data: Mapping[str, Any], *, actor: AnyUser
) -> CooperationAssessment:
    """A partner institution's card for one half-year (one per organisation, LSR and period)."""
    if network.level != NetworkLevel.LOCAL:
        raise ValidationError(_("Assessment cards are filled for local networks (LSR)."))
    if not fillable_organisations(actor, network).filter(pk=organisation.pk).exists():
        raise PermissionDenied(_("You may fill the card only for your own organisation, a member of this network."))
    values = _pick(data, ASSESSMENT_FIELDS)
    card = CooperationAssessment(network=network, organisation=organisation, **values)
    if "year" not in values or "half" not in values:
        card.year, card.half = period_of(card.filled_on)
    if card.filled_on > timezone.localdate():
        raise ValidationError({"filled_on": _("The card cannot be filled in the future.")})
    _save(card, actor, created=True)
    record_create(card, actor=actor)
    return card


@transaction.atomic
def do_add_improvement_action(network: Network, data: Mapping[str, Any], *, actor: AnyUser) -> ImprovementAction:
    _may_edit_network(network, actor)
    action = ImprovementAction(network=network, **_pick(data, IMPROVEMENT_FIELDS))
    _check_member(network, action.owner if action.owner_id else None, "owner")
    _save(action, actor, created=True)
    record_create(action, actor=actor)
    return action


@transaction.atomic
def do_update_improvement_action_status(action: ImprovementAction, status: str, *, actor: AnyUser) -> ImprovementAction:
    result: ImprovementAction = _set_status(action, status, action.network, actor=actor)
    return result
