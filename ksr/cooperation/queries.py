"""Read-only questions other apps ask about the forum and the assessment cards.

Timeliness (Model KSR, II.4 „KIS jest liderem lokalnej sieci reintegracji”, „KIS zatrudnia case managerów”: strategic
meetings at least quarterly, operational meetings monthly),
defined on the date a meeting was HELD (status held or minutes sent; planned and cancelled
meetings do not count):

- strategic is on time when the last held strategic meeting took place at most
  ``STRATEGIC_MAX_DAYS`` (92) days before ``today``: held on ``today - 92 days`` is on time,
  ``today - 93 days`` is overdue;
- operational is on time when the last held operational meeting took place at most
  ``OPERATIONAL_MAX_DAYS`` (31) days before ``today``;
- ``next_due_*`` is the last held date plus that many days (the last day still on time), or
  ``today`` when no such meeting was ever held.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import combinations
from typing import Any

from django.db.models import Max, OuterRef, Q, Subquery
from django.utils import timezone

from ksr.accounts.choices import Role
from ksr.accounts.scope import scope_for
from ksr.cooperation.choices import HELD_STATUSES, MeetingKind
from ksr.cooperation.models import Attendance, CooperationAssessment
from ksr.core.types import AnyUser
from ksr.networks.choices import NetworkLevel
from ksr.networks.models import Network
from ksr.networks.registry import Facts, HealthSource

STRATEGIC_MAX_DAYS = 92
OPERATIONAL_MAX_DAYS = 31
# Who is alerted about overdue forums (within the networks they may edit).
ALERT_ROLES = (Role.LSR_COORDINATOR, Role.REGIONAL_ANIMATOR, Role.ENTITY_MANAGER, Role.REGIONAL_ANALYST)


@dataclass(frozen=True)
class Timeliness:
    strategic_ok: bool
    operational_ok: bool
    last_strategic: dt.date | None
    last_operational: dt.date | None
    next_due_strategic: dt.date
    next_due_operational: dt.date

    @property
    def ok(self) -> bool:
        return self.strategic_ok and self.operational_ok


def timeliness_from(last_strategic: dt.date | None, last_operational: dt.date | None, today: dt.date) -> Timeliness:
    def due(last: dt.date | None, days: int) -> dt.date:
        return last + dt.timedelta(days=days) if last else today

    next_s, next_o = due(last_strategic, STRATEGIC_MAX_DAYS), due(last_operational, OPERATIONAL_MAX_DAYS)
    return Timeliness(
        strategic_ok=last_strategic is not None and today <= next_s,
        operational_ok=last_operational is not None and today <= next_o,
        last_strategic=last_strategic,
        last_operational=last_operational,
        next_due_strategic=next_s,
        next_due_operational=next_o,
    )


def _held(kind: str, prefix: str = "forum__meetings__") -> Q:
    return Q(**{f"{prefix}kind": kind, f"{prefix}status__in": HELD_STATUSES, f"{prefix}held_on__isnull": False})


def with_last_meetings(networks: Any) -> Any:
    """Annotate a Network queryset with ``last_strategic`` and ``last_operational`` (held dates)."""
    return networks.annotate(
        last_strategic=Max("forum__meetings__held_on", filter=_held(MeetingKind.STRATEGIC)),
        last_operational=Max("forum__meetings__held_on", filter=_held(MeetingKind.OPERATIONAL)),
    )


def forum_timeliness(network: Any, today: dt.date | None = None) -> Timeliness:
    """Whether the LSR's forum meets on time (see the module docstring for the exact rule)."""
    today = today or timezone.localdate()
    row = with_last_meetings(Network.objects.filter(pk=network.pk)).values("last_strategic", "last_operational")
    values = row.first() or {"last_strategic": None, "last_operational": None}
    return timeliness_from(values["last_strategic"], values["last_operational"], today)


def last_assessment_on(network: Any) -> dt.date | None:
    """The date the latest assessment card of this LSR was filled, or None."""
    result: dt.date | None = CooperationAssessment.objects.filter(network=network).aggregate(d=Max("filled_on"))["d"]
    return result


def _health_facts(timeliness: Timeliness, last_assessment: dt.date | None) -> Facts:
    return {
        "strategic_ok": timeliness.strategic_ok,
        "operational_ok": timeliness.operational_ok,
        "last_strategic": timeliness.last_strategic,
        "last_operational": timeliness.last_operational,
        "last_assessment": last_assessment,
        "assessment_known": True,
    }


def _with_health_columns(networks: Any) -> Any:
    return with_last_meetings(networks).annotate(
        last_assessment=Subquery(
            CooperationAssessment.objects.filter(network=OuterRef("pk")).order_by("-filled_on").values("filled_on")[:1]
        )
    )


HEALTH_SOURCE = HealthSource(
    facts=lambda network, today: _health_facts(forum_timeliness(network, today), last_assessment_on(network)),
    annotate=_with_health_columns,
    columns=("last_strategic", "last_operational", "last_assessment"),
    facts_from_row=lambda row, today: _health_facts(
        timeliness_from(row["last_strategic"], row["last_operational"], today), row["last_assessment"]
    ),
)
"""Rules (d) and (e) of the LSR health (``ksr.networks.health``), registered in ``apps.py``."""


@dataclass(frozen=True)
class OverdueForum:
    network: Any
    timeliness: Timeliness


def overdue_forums(user: AnyUser, today: dt.date | None = None) -> list[OverdueForum]:
    """Active LSRs whose forum is overdue, for the LSR coordinator and the KIS (networks they may edit)
    and for regional animators and analysts (LSRs in their voivodeship)."""
    scope = scope_for(user)
    if not scope.authenticated or not scope.has_any_role(ALERT_ROLES):
        return []
    today = today or timezone.localdate()
    regional = scope.prefixes_for(Role.REGIONAL_ANIMATOR, Role.REGIONAL_ANALYST)
    reach = Q(pk__in=Network.objects.editable_by(user).values("pk"))
    if regional:
        reach |= scope.territory_q("territory__code", regional)
    networks = with_last_meetings(
        Network.objects.filter(reach, level=NetworkLevel.LOCAL, is_active=True).select_related("territory")
    ).order_by("name", "id")
    out = []
    for network in networks:
        timeliness = timeliness_from(network.last_strategic, network.last_operational, today)
        if not timeliness.ok:
            out.append(OverdueForum(network=network, timeliness=timeliness))
    return out


def forum_co_attendance_ties(network_ids: Iterable[int] | None = None) -> list[tuple[int, int, int]]:
    """(org_a_id, org_b_id, meetings attended together) over held meetings, org_a_id < org_b_id."""
    rows = Attendance.objects.filter(meeting__status__in=HELD_STATUSES)
    if network_ids is not None:
        rows = rows.filter(meeting__forum__network_id__in=list(network_ids))
    per_meeting: dict[int, set[int]] = defaultdict(set)
    for meeting_id, organisation_id in rows.values_list("meeting_id", "organisation_id").distinct():
        per_meeting[meeting_id].add(organisation_id)
    counts: Counter[tuple[int, int]] = Counter()
    for organisations in per_meeting.values():
        for a, b in combinations(sorted(organisations), 2):
            counts[(a, b)] += 1
    return sorted((a, b, n) for (a, b), n in counts.items())
