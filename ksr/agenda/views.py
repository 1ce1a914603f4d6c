"""The calendar page (week or month), the feed settings page and the ICS feed itself."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ksr.accounts.choices import Role
from ksr.agenda import services
from ksr.agenda.events import Event, events_for
from ksr.agenda.ics import feed_window, render_ics
from ksr.agenda.models import CalendarFeed
from ksr.agenda.overview import club_overview, managed_clubs
from ksr.audit.reads import record_view_reads
from ksr.cases.models import Case
from ksr.core.access import login_required, public, roles_required

WEEK, MONTH = "week", "month"


def _anchor(request: HttpRequest) -> dt.date:
    try:
        return dt.date.fromisoformat(request.GET.get("date", ""))
    except ValueError:
        return timezone.localdate()


def _month_bounds(day: dt.date) -> tuple[dt.date, dt.date]:
    first = day.replace(day=1)
    following = (first + dt.timedelta(days=32)).replace(day=1)
    return first, following - dt.timedelta(days=1)


def _record_case_reads(request: HttpRequest, events: list[Event]) -> None:
    """The page may name participants (the due items of the user's cases): each case shown is a read."""
    case_ids = {event.case_id for event in events if event.case_id is not None}
    if case_ids:
        rows = Case.objects.filter(pk__in=case_ids).values_list("pk", "organisation_id")
        record_view_reads(request, Case, rows, part="calendar")


@login_required
def calendar(request: HttpRequest) -> HttpResponse:
    """The user's week (default) or month of what is due, with links to the previous and next."""
    view = MONTH if request.GET.get("view") == MONTH else WEEK
    anchor = _anchor(request)
    today = timezone.localdate()
    if view == WEEK:
        start = anchor - dt.timedelta(days=anchor.weekday())
        end = start + dt.timedelta(days=6)
        previous, following = start - dt.timedelta(days=7), start + dt.timedelta(days=7)
    else:
        start, end = _month_bounds(anchor)
        previous, following = (start - dt.timedelta(days=1)).replace(day=1), end + dt.timedelta(days=1)
    events = events_for(request.user, start, end)
    by_day: dict[dt.date, list[Event]] = defaultdict(list)
    for event in events:
        by_day[event.date].append(event)
    grid_start = start - dt.timedelta(days=start.weekday())
    days: list[dict[str, Any]] = []
    day = grid_start
    while day <= end or day.weekday() != 0:
        days.append({"date": day, "events": by_day.get(day, []), "outside": not start <= day <= end})
        day += dt.timedelta(days=1)
    weeks = [days[i : i + 7] for i in range(0, len(days), 7)]
    _record_case_reads(request, events)
    return render(
        request,
        "agenda/calendar.html",
        {
            "view": view,
            "start": start,
            "end": end,
            "today": today,
            "weeks": weeks,
            "week_days": [d for d in days if start <= d["date"] <= end] if view == WEEK else [],
            "count": len(events),
            "previous": previous.isoformat(),
            "following": following.isoformat(),
            "anchor": anchor.isoformat(),
        },
    )


@login_required
def feed_settings(request: HttpRequest) -> HttpResponse:
    """The user's secret feed address, with buttons to create, replace or revoke it."""
    feed = CalendarFeed.objects.filter(user_id=services.user_id_of(request.user)).first()
    address = request.build_absolute_uri(reverse("agenda:ics", args=[feed.token])) if feed else ""
    return render(request, "agenda/feed.html", {"feed": feed, "address": address, "window": feed_window()})


@login_required
@require_POST
def feed_issue(request: HttpRequest) -> HttpResponse:
    existed = CalendarFeed.objects.filter(user_id=services.user_id_of(request.user)).exists()
    services.do_issue_feed(actor=request.user)
    if existed:
        messages.success(request, _("A new address was created; the old one no longer works."))
    else:
        messages.success(request, _("Your calendar address was created."))
    return redirect("agenda:feed")


@login_required
@require_POST
def feed_revoke(request: HttpRequest) -> HttpResponse:
    if services.do_revoke_feed(actor=request.user):
        messages.success(request, _("The calendar address was revoked; calendars using it stop updating."))
    return redirect("agenda:feed")


@public
def ics(request: HttpRequest, token: str) -> HttpResponse:
    """The ICS file: the secret token is the credential. An unknown or revoked token answers 404."""
    feed = CalendarFeed.objects.select_related("user").filter(token=token, user__is_active=True).first()
    if feed is None:
        raise Http404
    start, end = feed_window()
    body = render_ics(events_for(feed.user, start, end), base=request.build_absolute_uri("/").rstrip("/"))
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="ksr.ics"'
    response["Cache-Control"] = "private, max-age=900"
    return response


@roles_required(Role.ENTITY_MANAGER)
def manager_overview(request: HttpRequest) -> HttpResponse:
    """The KIS/CIS manager's overview of each club they manage."""
    today = timezone.localdate()
    clubs = [club_overview(club, today) for club in managed_clubs(request.user)]
    return render(request, "agenda/overview.html", {"clubs": clubs, "today": today})


def manager_panel(request: HttpRequest) -> dict[str, Any]:
    """The home page panel: the overview's headline counts."""
    clubs = [club_overview(club) for club in managed_clubs(request.user)]
    return {
        "overview_clubs": clubs,
        "overview_shortfalls": sum(len(c.shortfalls) for c in clubs),
        "overview_consents": sum(len(c.consents) for c in clubs),
        "overview_waiting": sum(c.referrals_waiting + c.qualified_waiting for c in clubs),
    }
