"""The ICS file of a user's feed, written with the ``icalendar`` library.

The feed leaves the product (a phone, Outlook, Thunderbird): it carries only each event's
public title (what is due and a case reference), its date and a link back into KSR, which asks
for a sign-in. No participant name, no special-category data.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from icalendar import Calendar
from icalendar import Event as IcsEvent

from ksr.agenda.events import Event

PAST_DAYS = 30
FUTURE_DAYS = 180


def feed_window(today: dt.date | None = None) -> tuple[dt.date, dt.date]:
    """The feed covers the last 30 days and the next 180."""
    today = today or timezone.localdate()
    return today - dt.timedelta(days=PAST_DAYS), today + dt.timedelta(days=FUTURE_DAYS)


def render_ics(events: list[Event], *, base: str) -> bytes:
    """``base`` is the site's scheme and host (``https://ksr.example.gov.pl``)."""
    host = base.split("://", 1)[-1]
    calendar = Calendar()
    calendar.add("prodid", "-//KSR//Krajowa Siec Reintegracji//PL")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", "KSR")
    stamp = timezone.now()
    for event in events:
        entry = IcsEvent()
        entry.add("uid", f"{event.uid}@{host}")
        entry.add("dtstamp", stamp)
        entry.add("dtstart", event.date)
        entry.add("dtend", event.date + dt.timedelta(days=1))
        entry.add("summary", event.public_title)
        entry.add("categories", [event.kind])
        entry.add("url", base + event.url)
        calendar.add_component(entry)
    return calendar.to_ical()
