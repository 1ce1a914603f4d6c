"""The case manager's workspace: the caseload and what is due, collected from every app.

Other apps provide ``due_items(cases, start, end) -> list[DueItem]`` in their ``queries`` module
(``ksr.plans.queries``, ``ksr.catalogue.queries``, ``ksr.privacy.queries``); this module adds the
follow-ups of its own and sorts everything by date.
"""

from __future__ import annotations

import datetime as dt
import importlib
import logging
from dataclasses import dataclass
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)

# Modules asked for their due items, in this order.
PROVIDERS = ("ksr.plans.queries", "ksr.catalogue.queries", "ksr.privacy.queries")


@dataclass(frozen=True)
class DueItem:
    date: dt.date
    kind: str
    label: str
    case_id: int
    url: str


def follow_up_items(cases: Any, start: dt.date, end: dt.date) -> list[DueItem]:
    """Follow-ups not done yet and due by ``end`` (overdue ones included)."""
    from ksr.cases.models import FollowUp

    items = []
    for follow_up in (
        FollowUp.objects.filter(case__in=cases, done_on__isnull=True, due_on__lte=end)
        .select_related("case__participant")
        .order_by("due_on")
    ):
        items.append(
            DueItem(
                date=follow_up.due_on,
                kind="follow_up",
                label=_("Follow-up six months after exit: %(name)s") % {"name": follow_up.case.participant},
                case_id=follow_up.case_id,
                url=reverse("cases:follow_up_update", kwargs={"pk": follow_up.pk}),
            )
        )
    return items


def provider_functions() -> list[Any]:
    functions = []
    for name in PROVIDERS:
        try:
            module = importlib.import_module(name)
        except ImportError:  # the app has not written its queries module yet
            logger.info("No due items from %s (module not importable).", name)
            continue
        function = getattr(module, "due_items", None)
        if callable(function):
            functions.append(function)
    return functions


def due_items(cases: Any, start: dt.date, end: dt.date) -> list[DueItem]:
    """Everything due for ``cases`` between ``start`` and ``end`` (follow-ups: also overdue)."""
    items = follow_up_items(cases, start, end)
    for function in provider_functions():
        for item in function(cases, start, end):
            items.append(
                item
                if isinstance(item, DueItem)
                else DueItem(date=item.date, kind=item.kind, label=str(item.label), case_id=item.case_id, url=item.url)
            )
    return sorted(items, key=lambda item: (item.date, item.kind, item.case_id))


def week_bounds(today: dt.date) -> tuple[dt.date, dt.date]:
    start = today - dt.timedelta(days=today.weekday())
    return start, start + dt.timedelta(days=6)
