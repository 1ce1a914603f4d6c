"""Reminders of the cooperation forum (``ksr.notifications``): an LSR forum whose strategic or
operational meeting is overdue (the timeliness rule of ``ksr.cooperation.queries``), told to the
main node's KIS manager and LSR coordinator once per overdue meeting kind and last meeting.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ksr.accounts.models import Membership
from ksr.cooperation.choices import MeetingKind
from ksr.cooperation.queries import timeliness_from, with_last_meetings
from ksr.networks.choices import NetworkLevel
from ksr.networks.models import Network
from ksr.networks.querysets import LOCAL_EDITORS
from ksr.notifications.choices import NotificationKind
from ksr.notifications.services import Notice

STRATEGIC_TITLE = _("The forum of %(network)s is overdue for a strategic meeting")
OPERATIONAL_TITLE = _("The forum of %(network)s is overdue for an operational meeting")


def overdue_forum_notices(today: dt.date) -> list[Notice]:
    """One notice per active LSR and meeting kind that is overdue on ``today`` (registered in ``apps.py``)."""
    networks = with_last_meetings(
        Network.objects.filter(level=NetworkLevel.LOCAL, is_active=True, main_node__isnull=False)
    ).select_related("main_node")
    staff: dict[int, list[Any]] = {}
    for membership in Membership.objects.active().filter(role__in=LOCAL_EDITORS).select_related("user"):
        staff.setdefault(membership.organisation_id, []).append(membership.user)
    notices = []
    for network in networks:
        recipients = tuple(staff.get(network.main_node_id, []))
        timeliness = timeliness_from(network.last_strategic, network.last_operational, today)
        for kind, ok, last, title in (
            (MeetingKind.STRATEGIC, timeliness.strategic_ok, network.last_strategic, STRATEGIC_TITLE),
            (MeetingKind.OPERATIONAL, timeliness.operational_ok, network.last_operational, OPERATIONAL_TITLE),
        ):
            if ok or not recipients:
                continue
            notices.append(
                Notice(
                    recipients=recipients,
                    kind=NotificationKind.FORUM_OVERDUE,
                    title=title,
                    body=_("Last such meeting held: %(last)s."),
                    params={
                        "network": network.name,
                        "last": last.isoformat() if last else "—",
                    },
                    link=reverse("cooperation:network_forum", kwargs={"network_pk": network.pk}),
                    organisation=network.main_node,
                    dedupe_key=f"forum_overdue:{network.pk}:{kind.value}:{last.isoformat() if last else 'never'}",
                )
            )
    return notices
