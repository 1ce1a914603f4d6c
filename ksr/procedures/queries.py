"""Read-side computations: response times, open and overdue need requests."""

from __future__ import annotations

import datetime as dt
import statistics
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from ksr.procedures.choices import ResponseKind, TaskStatus
from ksr.procedures.models import NeedRequest, NeedResponse


@dataclass
class ResponseStat:
    label: str
    answers: int
    offers: int
    declines: int
    median_days: float | None


def _days(delta: dt.timedelta) -> float:
    return round(delta.total_seconds() / 86400, 1)


def response_stats(requests: QuerySet[NeedRequest]) -> dict[str, list[ResponseStat]]:
    """Median time from request to answer, per partner and per LSR (over the given requests)."""
    responses = NeedResponse.objects.filter(request__in=requests.values("pk")).select_related(
        "organisation", "request__network"
    )
    by_partner: dict[str, list[NeedResponse]] = defaultdict(list)
    by_network: dict[str, list[NeedResponse]] = defaultdict(list)
    for r in responses:
        by_partner[str(r.organisation)].append(r)
        by_network[str(r.request.network) if r.request.network_id else "—"].append(r)

    def build(groups: dict[str, list[NeedResponse]]) -> list[ResponseStat]:
        out = []
        for label, items in sorted(groups.items()):
            times = [_days(r.response_time) for r in items]
            out.append(
                ResponseStat(
                    label=label,
                    answers=len(items),
                    offers=sum(1 for r in items if r.kind == ResponseKind.OFFER),
                    declines=sum(1 for r in items if r.kind == ResponseKind.DECLINE),
                    median_days=statistics.median(times) if times else None,
                )
            )
        return out

    return {"partners": build(by_partner), "networks": build(by_network)}


def pending_addressees(request: NeedRequest) -> list[Any]:
    """Addressed organisations that have not answered yet (uses prefetched relations if present)."""
    answered = {r.organisation_id for r in request.responses.all()}
    return [org for org in request.addressees.all() if org.pk not in answered]


def is_overdue(request: NeedRequest, today: dt.date | None = None) -> bool:
    """Open, past its answer date, and some addressee has not answered."""
    today = today or timezone.localdate()
    return request.is_open and request.answer_by < today and bool(pending_addressees(request))


def annotate_runs(queryset: QuerySet[Any]) -> QuerySet[Any]:
    """Open and done task counts (the run status is derived from them)."""
    from django.db.models import Count, Q

    return queryset.annotate(
        open_count=Count("tasks", filter=Q(tasks__status=TaskStatus.OPEN), distinct=True),
        done_count=Count("tasks", filter=Q(tasks__status=TaskStatus.DONE), distinct=True),
        task_count=Count("tasks", distinct=True),
    )


def annotate_requests(queryset: QuerySet[Any]) -> QuerySet[Any]:
    """Addressee and answer counts, and how many addressees are still to answer."""
    from django.db.models import Count, F

    return queryset.annotate(
        addressee_count=Count("addressees", distinct=True),
        answer_count=Count("responses", distinct=True),
    ).annotate(pending_count=F("addressee_count") - F("answer_count"))
