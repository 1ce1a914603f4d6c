"""The case manager's workspace: the caseload and what is due, collected from every app.

Apps that have something due for a case register a provider in their ``AppConfig.ready()``::

    def ready(self):
        from ksr.cases.workspace import register_due_items
        from ksr.<app>.queries import due_items

        register_due_items("<app>", due_items)

A provider is ``due_items(cases, start, end) -> list[DueItem]``; this module adds the follow-ups
of its own and sorts everything by date. Registering the same name again replaces the provider.
An item of one case names its participant on the page (from ``case_id``); an item of the whole
KIS/CIS (an edition short of hours) has ``case_id=None``, is given once, and names its subject in
``subject`` (the edition) — never once per case, which would repeat the same row.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from ksr.cases.models import FollowUp

Cases = Iterable[Any]
"""A queryset or a list of cases."""
DueItems = Callable[[Cases, dt.date, dt.date], Iterable["DueItem"]]

_providers: dict[str, DueItems] = {}


@dataclass(frozen=True)
class DueItem:
    date: dt.date
    kind: str
    label: str
    case_id: int | None
    url: str
    subject: str = ""


def register_due_items(name: str, provider: DueItems) -> DueItems:
    """Register ``provider(cases, start, end) -> list[DueItem]`` under ``name``; returns it."""
    _providers[name] = provider
    return provider


def providers() -> dict[str, DueItems]:
    """The registered providers, in registration order (a copy)."""
    return dict(_providers)


def follow_up_items(cases: Cases, start: dt.date, end: dt.date) -> list[DueItem]:
    """Follow-ups not done yet and due by ``end`` (overdue ones included)."""
    return [
        DueItem(
            date=follow_up.due_on,
            kind="follow_up",
            label=_("Follow-up six months after exit: %(name)s") % {"name": follow_up.case.participant},
            case_id=follow_up.case_id,
            url=reverse("cases:follow_up_update", kwargs={"pk": follow_up.pk}),
        )
        for follow_up in FollowUp.objects.filter(case__in=cases, done_on__isnull=True, due_on__lte=end)
        .select_related("case__participant")
        .order_by("due_on")
    ]


def due_items(cases: Cases, start: dt.date, end: dt.date) -> list[DueItem]:
    """Everything due for ``cases`` between ``start`` and ``end`` (follow-ups: also overdue)."""
    items = follow_up_items(cases, start, end)
    for provider in _providers.values():
        items.extend(provider(cases, start, end))
    return sorted(items, key=lambda item: (item.date, item.kind, item.case_id or 0, item.subject))


def week_bounds(today: dt.date) -> tuple[dt.date, dt.date]:
    start = today - dt.timedelta(days=today.weekday())
    return start, start + dt.timedelta(days=6)
