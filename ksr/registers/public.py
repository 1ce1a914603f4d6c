"""The public, login-free register: what it shows and the shape of its open data.

Only entries that are (or were) in the register are public — ``RegisterEntry.objects.public()``
— and only their public fields: never ``internal_notes`` nor the striking-off details.

JSON shape (``?format=json`` on the national and voivodeship pages, and the public API)::

    {
      "register": "kis-cis",
      "voivodeship": {"teryt": "14", "name": "MAZOWIECKIE"} | null,
      "count": 2,
      "entries": [
        {
          "register_number": "KIS/14/2026/001",
          "entity_kind": "kis",                       # "kis" | "cis"
          "name": "KIS Warszawa",
          "founding_body": "Gmina Warszawa",
          "voivodeship_teryt": "14",
          "seat": {"teryt": "1465011", "name": "Warszawa"},
          "powiat_teryt": "1465",
          "address": {"street": "…", "postal_code": "00-950", "city": "Warszawa"},
          "entry_date": "2026-03-01",                 # ISO 8601
          "status": "entered",                        # "entered" | "struck_off"
          "struck_off_date": null                     # ISO 8601 or null
        }
      ]
    }
"""

from __future__ import annotations

from typing import Any

from django.db.models import Count
from django.db.models.functions import Substr
from django.utils.translation import gettext_lazy as _

from ksr.core.exports import Column
from ksr.registers.choices import EntityKind, EntryStatus
from ksr.registers.models import RegisterEntry
from ksr.registers.querysets import RegisterEntryQuerySet


def public_entries(voivodeship_code: str | None = None) -> RegisterEntryQuerySet:
    qs = RegisterEntry.objects.public().with_related()
    if voivodeship_code:
        qs = qs.filter(voivodeship__code=voivodeship_code)
    return qs.order_by("voivodeship__code", "entity_kind", "register_number", "id")


def public_row(entry: RegisterEntry) -> dict[str, Any]:
    """One entry of the public register as plain JSON-ready data (see the module docstring)."""
    org = entry.organisation
    seat = org.seat
    return {
        "register_number": entry.register_number,
        "entity_kind": entry.entity_kind,
        "name": org.name,
        "founding_body": entry.founding_body.name,
        "voivodeship_teryt": entry.voivodeship.code,
        "seat": {"teryt": seat.code, "name": seat.name},
        "powiat_teryt": seat.code[:4],
        "address": {"street": org.street, "postal_code": org.postal_code, "city": org.city},
        "entry_date": entry.entry_date.isoformat() if entry.entry_date else None,
        "status": entry.status,
        "struck_off_date": entry.struck_off_date.isoformat() if entry.struck_off_date else None,
    }


def address_of(entry: RegisterEntry) -> str:
    org = entry.organisation
    town = " ".join(part for part in (org.postal_code, org.city) if part)
    return ", ".join(part for part in (org.street, town) if part)


def _date(value: Any) -> str:
    return value.isoformat() if value else ""


#: Every column of the register's exports, by name, in the order of the officers' export (which
#: has them all but the address); the public export picks its own.
COLUMNS: dict[str, Column] = {
    "register_number": (_("Register number"), lambda e: e.register_number),
    "name": (_("Name"), lambda e: e.organisation.name),
    "entity_kind": (_("Entity"), lambda e: e.get_entity_kind_display()),
    "voivodeship": (_("Voivodeship (TERYT)"), lambda e: e.voivodeship.code),
    "seat": (_("Seat (gmina)"), lambda e: e.organisation.seat.name),
    "seat_code": (_("Seat TERYT code"), lambda e: e.organisation.seat.code),
    "founding_body": (_("Founding body"), lambda e: e.founding_body.name),
    "creation_mode": (_("Mode of creation"), lambda e: e.get_creation_mode_display()),
    "founding_act_number": (_("Founding act number"), lambda e: e.founding_act_number),
    "founding_act_date": (_("Founding act date"), lambda e: _date(e.founding_act_date)),
    "notification_date": (_("Notification date"), lambda e: _date(e.notification_date)),
    "entry_date": (_("Entry date"), lambda e: _date(e.entry_date)),
    "status": (_("Status"), lambda e: e.get_status_display()),
    "days_overdue": (_("Days overdue"), lambda e: e.days_overdue),
    "struck_off_date": (_("Struck off on"), lambda e: _date(e.struck_off_date)),
    "strike_off_reason": (_("Reason for striking off"), lambda e: e.get_strike_off_reason_display()),
    "address": (_("Address"), address_of),
}


def columns(*names: str) -> list[Column]:
    return [COLUMNS[name] for name in names]


#: The table of a voivodeship's public register page (its CSV has the TERYT codes too); its dates
#: stay dates, shown in the page language's format.
TABLE_COLUMNS = [
    *columns("register_number", "name", "entity_kind", "founding_body", "seat", "address"),
    (_("Entry date"), lambda e: e.entry_date),
    COLUMNS["status"],
    (_("Struck off on"), lambda e: e.struck_off_date),
]

PUBLIC_COLUMNS = columns(
    "register_number",
    "name",
    "entity_kind",
    "founding_body",
    "voivodeship",
    "seat",
    "seat_code",
    "address",
    "entry_date",
    "status",
    "struck_off_date",
)


def entered_per_powiat(voivodeship_code: str | None = None) -> dict[str, int]:
    """Entered KIS and CIS per 4-digit powiat code of their seat (the map's values)."""
    qs = RegisterEntry.objects.filter(status=EntryStatus.ENTERED)
    if voivodeship_code:
        qs = qs.filter(voivodeship__code=voivodeship_code)
    rows = (
        qs.annotate(powiat=Substr("organisation__seat__code", 1, 4)).values("powiat").annotate(n=Count("id")).order_by()
    )
    return {row["powiat"]: row["n"] for row in rows}


def entered_per_voivodeship() -> dict[str, dict[str, int]]:
    """Voivodeship code → {"kis": n, "cis": n} of entered entities."""
    rows = (
        RegisterEntry.objects.filter(status=EntryStatus.ENTERED)
        .values("voivodeship__code", "entity_kind")
        .annotate(n=Count("id"))
        .order_by()
    )
    out: dict[str, dict[str, int]] = {}
    for row in rows:
        counts = out.setdefault(row["voivodeship__code"], {EntityKind.KIS.value: 0, EntityKind.CIS.value: 0})
        counts[row["entity_kind"]] = row["n"]
    return out
