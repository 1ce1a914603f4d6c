"""What is due for a user, day by day: the calendar page and the ICS feed read from here.

Three sources, each scoped to the user:
- the due items of the user's cases (``ksr.cases.workspace.due_items``: follow-ups, IPD and
  contract reviews, consents expiring, bookings, the monthly time rule), for a case manager the
  cases they manage and for the KIS/CIS manager every open case of the club;
- the classes of the programme editions of the user's organisations;
- the forum meetings of the networks the user's organisations belong to or lead.

Each event has a ``title`` for the signed-in page (it may name a participant: the page is shown
only to people who hold the case) and a ``public_title`` for the ICS feed, which leaves the
product: a case reference and what is due, never a name or special-category data.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _

from ksr.accounts.choices import Role
from ksr.accounts.scope import scope_for
from ksr.cases.models import Case
from ksr.cases.querysets import CaseQuerySet
from ksr.cases.workspace import DueItem, due_items
from ksr.catalogue.models import Activity
from ksr.cooperation.choices import MeetingStatus
from ksr.cooperation.models import Meeting
from ksr.core.types import AnyUser


@dataclass(frozen=True)
class Event:
    date: dt.date
    kind: str
    title: str
    public_title: str
    url: str
    uid: str
    case_id: int | None = None


def kind_labels() -> dict[str, str]:
    """What each kind of due item is called where no name may appear (the ICS feed)."""
    return {
        "follow_up": _("Follow-up six months after exit"),
        "ipd_due": _("Individual action plan due"),
        "contract_review": _("Contract review"),
        "consent_expiry": _("Consent to share data expires"),
        "booking": _("Booked partner service"),
        "edition_shortfall": _("Monthly hours below the 40-hour rule"),
        "class": _("Class"),
        "meeting": _("Forum meeting"),
    }


def _public_title(what: str, item: DueItem) -> str:
    """What is due and a case reference; an item of no one case (an edition short of hours) names
    its subject, which is never a person."""
    if item.case_id is None:
        return f"{what}: {item.subject}" if item.subject else what
    return _("%(what)s: case no. %(case)s") % {"what": what, "case": item.case_id}


def _cases(user: AnyUser) -> CaseQuerySet:
    scope = scope_for(user)
    visible = Case.objects.visible_to(user)
    managed = scope.organisations_for(Role.ENTITY_MANAGER)
    return visible.filter(Q(case_manager_id=user.pk) | Q(organisation_id__in=managed))


def events_for(user: AnyUser, start: dt.date, end: dt.date) -> list[Event]:
    """Everything due for ``user`` from ``start`` to ``end`` inclusive, by date."""
    scope = scope_for(user)
    if not scope.authenticated:
        return []
    labels = kind_labels()
    events = [
        Event(
            date=item.date,
            kind=item.kind,
            title=item.label,
            public_title=_public_title(labels.get(item.kind, _("Due")), item),
            url=item.url,
            uid=f"{item.kind}-{item.case_id}-{item.date.isoformat()}",
            case_id=item.case_id,
        )
        for item in due_items(_cases(user), start, end)
        if start <= item.date <= end
    ]
    organisations = scope.organisation_ids
    activities = (
        Activity.objects.filter(edition__organisation_id__in=organisations, date__gte=start, date__lte=end)
        .select_related("edition")
        .order_by("date", "pk")
    )
    events += [
        Event(
            date=activity.date,
            kind="class",
            title=_("Class: %(topic)s (%(edition)s)") % {"topic": activity.topic, "edition": activity.edition.name},
            public_title=_("Class: %(topic)s") % {"topic": activity.topic},
            url=reverse("catalogue:activity_detail", args=[activity.pk]),
            uid=f"class-{activity.pk}",
        )
        for activity in activities
    ]
    meetings = (
        Meeting.objects.filter(
            Q(forum__network__main_node_id__in=organisations)
            | Q(forum__network__memberships__organisation_id__in=organisations),
            planned_on__gte=start,
            planned_on__lte=end,
        )
        .exclude(status=MeetingStatus.CANCELLED)
        .select_related("forum__network")
        .distinct()
        .order_by("planned_on", "pk")
    )
    events += [
        Event(
            date=meeting.planned_on,
            kind="meeting",
            title=_("Forum meeting: %(title)s (%(network)s)")
            % {"title": meeting.title, "network": meeting.forum.network.name},
            public_title=_("Forum meeting: %(title)s") % {"title": meeting.title},
            url=reverse("cooperation:meeting_detail", args=[meeting.pk]),
            uid=f"meeting-{meeting.pk}",
        )
        for meeting in meetings
    ]
    return sorted(events, key=lambda event: (event.date, event.kind, event.uid))
