"""Writes of the voivode registers of KIS and CIS (UZS art. 18, 18a; Prawne aspekty, III.1).

Every service is atomic, takes ``actor`` as a keyword, checks that the actor keeps the register
of that voivodeship (a register officer of the voivodeship or a system administrator — the
same rule as ``RegisterEntry.objects.editable_by``) and writes the audit trail. Bad input
raises ``ValidationError`` with a translated message and changes nothing.

Status follows the declared machine ``choices.ENTRY_MACHINE``: notified → entered → struck off,
and notified → struck off (the operator withdraws or the club never started). Every move locks the
row and re-reads it, so of two officers acting at once only one succeeds; the other is told the
status has already changed.

Register numbers: ``<KIND>/<voivodeship>/<year of entry>/<sequence>``, e.g. ``KIS/14/2026/003``;
the sequence runs per kind, voivodeship and year, zero-padded to three digits.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ksr.accounts.choices import Role
from ksr.accounts.models import User
from ksr.accounts.scope import scope_for
from ksr.audit.services import record_create, record_update, snapshot
from ksr.core.types import AnyUser
from ksr.registers.choices import ENTRY_MACHINE, CreationMode, EntityKind, EntryStatus, StrikeOffReason
from ksr.registers.models import RegisterEntry
from ksr.registry.models import Organisation
from ksr.registry.services import do_create_organisation
from ksr.territory.choices import UnitLevel
from ksr.territory.models import TerritorialUnit

#: Fields ``do_update_entry`` may correct; status, organisation and kind change only through
#: the other services (or not at all).
UPDATABLE_FIELDS = (
    "founding_body",
    "creation_mode",
    "founding_act_number",
    "founding_act_date",
    "notification_date",
    "entry_date",
    "register_number",
    "struck_off_date",
    "strike_off_reason",
    "strike_off_note",
    "internal_notes",
)


# --- permissions -------------------------------------------------------------------------


def may_keep_register(actor: AnyUser, voivodeship_code: str) -> bool:
    """Whether ``actor`` keeps the register of this voivodeship (mirrors ``editable_by``)."""
    scope = scope_for(actor)
    if not scope.authenticated:
        return False
    if scope.has_role(Role.SYSTEM_ADMIN):
        return True
    return scope.covers_code(voivodeship_code, scope.prefixes_for(Role.REGISTER_OFFICER))


def _ensure_editable(entry: RegisterEntry, actor: AnyUser) -> None:
    if not RegisterEntry.objects.editable_by(actor).filter(pk=entry.pk).exists():
        raise PermissionDenied(_("You do not keep the register of this voivodeship."))


# --- state machine -----------------------------------------------------------------------

#: The register's own words for each move ``ENTRY_MACHINE`` refuses.
REFUSALS: dict[tuple[str, str], Promise] = {
    (EntryStatus.NOTIFIED, EntryStatus.NOTIFIED): gettext_lazy("The entity has already been notified."),
    (EntryStatus.ENTERED, EntryStatus.NOTIFIED): gettext_lazy(
        "An entry made in the register cannot go back to a notification."
    ),
    (EntryStatus.ENTERED, EntryStatus.ENTERED): gettext_lazy("The entity is already entered in the register."),
    (EntryStatus.STRUCK_OFF, EntryStatus.NOTIFIED): gettext_lazy(
        "An entity struck off the register cannot go back to a notification; file a new notification."
    ),
    (EntryStatus.STRUCK_OFF, EntryStatus.ENTERED): gettext_lazy(
        "An entity struck off the register cannot be entered again; file a new notification."
    ),
    (EntryStatus.STRUCK_OFF, EntryStatus.STRUCK_OFF): gettext_lazy(
        "The entity has already been struck off the register."
    ),
}


def refusal(current: str, target: str) -> ValidationError:
    """Why the move ``current → target`` is not in ``ENTRY_MACHINE`` (translated)."""
    message = REFUSALS.get((current, target)) or gettext_lazy("This change of status is not allowed.")
    return ValidationError(str(message), code="invalid_transition")


def _move(entry: RegisterEntry, target: str, *, actor: AnyUser) -> None:
    """``ENTRY_MACHINE.move`` (row lock, re-read, check) with the register's words for a refusal."""
    try:
        ENTRY_MACHINE.move(entry, target, actor=actor)
    except ValidationError as error:
        if getattr(error, "code", None) == "invalid_transition":
            raise refusal(entry.status, target) from None
        raise


# --- helpers -----------------------------------------------------------------------------


def _today() -> dt.date:
    return timezone.localdate()


def _voivodeship_of(organisation: Organisation) -> TerritorialUnit:
    code = organisation.seat.code[:2]
    unit = TerritorialUnit.objects.filter(code=code, level=UnitLevel.VOIVODESHIP).first()
    if unit is None:
        raise ValidationError(
            {"organisation": _("The voivodeship of the organisation's seat is missing from the TERYT register.")}
        )
    return unit


def _validate_dates(entry: RegisterEntry) -> None:
    today = _today()
    errors: dict[str, str] = {}
    if entry.notification_date and entry.notification_date > today:
        errors["notification_date"] = _("The notification date cannot be in the future.")
    if entry.founding_act_date and entry.notification_date and entry.founding_act_date > entry.notification_date:
        errors["founding_act_date"] = _("The founding act cannot be dated after the notification.")
    if entry.entry_date:
        if entry.entry_date > today:
            errors["entry_date"] = _("The entry date cannot be in the future.")
        elif entry.notification_date and entry.entry_date < entry.notification_date:
            errors["entry_date"] = _("The entry date cannot be earlier than the notification date.")
    if entry.struck_off_date:
        start = entry.entry_date or entry.notification_date
        if entry.struck_off_date > today:
            errors["struck_off_date"] = _("The striking-off date cannot be in the future.")
        elif start and entry.struck_off_date < start:
            errors["struck_off_date"] = _(
                "The striking-off date cannot be earlier than the entry or notification date."
            )
    if errors:
        raise ValidationError(errors)


def _validate_register_number(entry: RegisterEntry) -> None:
    if not entry.register_number:
        return
    clash = RegisterEntry.objects.filter(
        voivodeship_id=entry.voivodeship_id, register_number=entry.register_number
    ).exclude(pk=entry.pk)
    if clash.exists():
        raise ValidationError(
            {"register_number": _("This register number is already used in the register of this voivodeship.")}
        )


def next_register_number(voivodeship: TerritorialUnit, entity_kind: str, year: int) -> str:
    """The next free number ``KIS/14/2026/003`` in this voivodeship, kind and year."""
    prefix = f"{str(entity_kind).upper()}/{voivodeship.code}/{year}/"
    pattern = re.compile(re.escape(prefix) + r"(\d+)$")
    used = RegisterEntry.objects.filter(voivodeship=voivodeship, register_number__startswith=prefix).values_list(
        "register_number", flat=True
    )
    highest = max((int(m.group(1)) for n in used if (m := pattern.match(n))), default=0)
    return f"{prefix}{highest + 1:03d}"


def _locked(entry: RegisterEntry, *, as_seen: bool = False) -> RegisterEntry:
    """A fresh copy of ``entry``, row-locked for the transaction (the caller's object stays
    untouched until the service succeeds, then it is refreshed).

    ``as_seen`` keeps the status the caller saw, so that ``ENTRY_MACHINE.move`` refuses with
    "already changed" when someone else moved the entry in the meantime.
    """
    fresh = RegisterEntry.objects.select_for_update().get(pk=entry.pk)
    if as_seen:
        fresh.status = entry.status
    return fresh


def _save(entry: RegisterEntry, actor: AnyUser) -> None:
    entry.updated_by = actor if isinstance(actor, User) else None
    entry.full_clean(exclude=["created_by", "updated_by"])
    entry.save()


# --- services ----------------------------------------------------------------------------


@transaction.atomic
def do_notify_entity(
    *,
    organisation: Organisation,
    entity_kind: str,
    founding_body: Organisation,
    creation_mode: str,
    notification_date: dt.date,
    founding_act_number: str = "",
    founding_act_date: dt.date | None = None,
    internal_notes: str = "",
    actor: AnyUser,
) -> RegisterEntry:
    """Record the operator's notification of a KIS or CIS (status "notified")."""
    voivodeship = _voivodeship_of(organisation)
    if not may_keep_register(actor, voivodeship.code):
        raise PermissionDenied(_("You do not keep the register of this voivodeship."))
    errors: dict[str, str] = {}
    if entity_kind not in EntityKind.values:
        errors["entity_kind"] = _("Choose KIS or CIS.")
    elif organisation.kind != entity_kind:
        errors["organisation"] = _("The organisation must be a %(kind)s.") % {"kind": EntityKind(entity_kind).label}
    if creation_mode not in CreationMode.values:
        errors["creation_mode"] = _("Choose the mode of creation.")
    if RegisterEntry.objects.filter(organisation=organisation).exists():
        errors["organisation"] = _("This organisation already has a register entry.")
    if founding_body.pk == organisation.pk:
        errors["founding_body"] = _("The founding body must be another organisation than the entity itself.")
    if errors:
        raise ValidationError(errors)
    entry = RegisterEntry(
        organisation=organisation,
        entity_kind=entity_kind,
        voivodeship=voivodeship,
        founding_body=founding_body,
        creation_mode=creation_mode,
        founding_act_number=founding_act_number.strip(),
        founding_act_date=founding_act_date,
        notification_date=notification_date,
        internal_notes=internal_notes,
        status=EntryStatus.NOTIFIED,
    )
    _validate_dates(entry)
    entry.created_by = actor if isinstance(actor, User) else None
    _save(entry, actor)
    record_create(entry, actor=actor)
    return entry


@transaction.atomic
def do_notify_new_entity(
    *,
    name: str,
    seat: TerritorialUnit,
    entity_kind: str,
    founding_body: Organisation,
    creation_mode: str,
    notification_date: dt.date,
    founding_act_number: str = "",
    founding_act_date: dt.date | None = None,
    internal_notes: str = "",
    actor: AnyUser,
) -> RegisterEntry:
    """Record the notification of a KIS or CIS not yet among the organisations: the officer records
    the new club or centre (its name and seat) and its notification together, or neither."""
    name = (name or "").strip()
    errors: dict[str, str] = {}
    if not name:
        errors["name"] = _("Give the name of the new club or centre.")
    if seat.level != UnitLevel.GMINA:
        errors["seat"] = _("The seat must be a gmina.")
    if entity_kind not in EntityKind.values:
        errors["entity_kind"] = _("Choose KIS or CIS.")
    if errors:
        raise ValidationError(errors)
    if not may_keep_register(actor, seat.code[:2]):
        raise PermissionDenied(_("You do not keep the register of this voivodeship."))
    organisation = do_create_organisation(
        {"name": name, "kind": entity_kind, "seat": seat, "city": seat.name, "area": [seat]}, actor=actor
    )
    return do_notify_entity(
        organisation=organisation,
        entity_kind=entity_kind,
        founding_body=founding_body,
        creation_mode=creation_mode,
        notification_date=notification_date,
        founding_act_number=founding_act_number,
        founding_act_date=founding_act_date,
        internal_notes=internal_notes,
        actor=actor,
    )


def _change(
    entry: RegisterEntry, actor: AnyUser, apply: Callable[[RegisterEntry], None], *, moves: bool = False
) -> RegisterEntry:
    """Apply a change to a fresh, row-locked copy of ``entry``, validate, save and audit it.

    ``moves``: the change moves the status, so the copy keeps the status the caller saw (see
    ``_locked``). The caller's object is refreshed once the change is saved.
    """
    _ensure_editable(entry, actor)
    fresh = _locked(entry, as_seen=moves)
    before = snapshot(fresh)
    apply(fresh)
    _validate_dates(fresh)
    _save(fresh, actor)
    record_update(fresh, before, actor=actor)
    entry.refresh_from_db()
    return fresh


@transaction.atomic
def do_enter_in_register(
    entry: RegisterEntry, *, entry_date: dt.date, register_number: str | None = None, actor: AnyUser
) -> RegisterEntry:
    """Enter a notified entity in the register; numbers it when ``register_number`` is empty."""

    def enter(entry: RegisterEntry) -> None:
        _move(entry, EntryStatus.ENTERED, actor=actor)
        entry.entry_date = entry_date
        _validate_dates(entry)
        # Serialise numbering within the voivodeship (a row lock on PostgreSQL).
        voivodeship = TerritorialUnit.objects.select_for_update().get(pk=entry.voivodeship_id)
        number = (register_number or "").strip()
        entry.register_number = number or next_register_number(voivodeship, entry.entity_kind, entry_date.year)
        _validate_register_number(entry)

    return _change(entry, actor, enter, moves=True)


@transaction.atomic
def do_strike_off(entry: RegisterEntry, *, date: dt.date, reason: str, note: str = "", actor: AnyUser) -> RegisterEntry:
    """Strike the entity off the register (UZS art. 18a ust. 5): voivode's finding or operator's notice."""

    def strike_off(entry: RegisterEntry) -> None:
        if not reason:
            raise ValidationError({"strike_off_reason": _("Give the reason for striking off.")})
        if reason not in StrikeOffReason.values:
            raise ValidationError({"strike_off_reason": _("Choose a valid reason for striking off.")})
        _move(entry, EntryStatus.STRUCK_OFF, actor=actor)
        entry.struck_off_date = date
        entry.strike_off_reason = reason
        entry.strike_off_note = note.strip()

    return _change(entry, actor, strike_off, moves=True)


@transaction.atomic
def do_update_entry(entry: RegisterEntry, data: Mapping[str, Any], *, actor: AnyUser) -> RegisterEntry:
    """Correct the data of an entry (not its status, organisation or kind)."""
    return _change(entry, actor, lambda fresh: _correct(fresh, data))


def _correct(entry: RegisterEntry, data: Mapping[str, Any]) -> None:
    """Set the corrected fields; the data must still fit the entry's status."""
    unknown = set(data) - set(UPDATABLE_FIELDS)
    if unknown:
        raise ValidationError(
            _("These fields cannot be corrected: %(fields)s.") % {"fields": ", ".join(sorted(unknown))}
        )
    for name, value in data.items():
        setattr(entry, name, value.strip() if isinstance(value, str) else value)
    errors: dict[str, str] = {}
    if entry.status == EntryStatus.NOTIFIED:
        if entry.entry_date or entry.register_number:
            errors["entry_date"] = _("A notified entity gets its entry date and number when it is entered.")
    elif not entry.entry_date and entry.status == EntryStatus.ENTERED:
        errors["entry_date"] = _("An entered entity must have an entry date.")
    if entry.status == EntryStatus.ENTERED and not entry.register_number:
        errors["register_number"] = _("An entered entity must have a register number.")
    if entry.status != EntryStatus.STRUCK_OFF and (entry.struck_off_date or entry.strike_off_reason):
        errors["struck_off_date"] = _("Only an entity struck off the register has a striking-off date and reason.")
    if entry.status == EntryStatus.STRUCK_OFF and not (entry.struck_off_date and entry.strike_off_reason):
        errors["strike_off_reason"] = _("An entity struck off the register must have a striking-off date and reason.")
    if entry.founding_body_id == entry.organisation_id:
        errors["founding_body"] = _("The founding body must be another organisation than the entity itself.")
    if errors:
        raise ValidationError(errors)
    _validate_dates(entry)
    _validate_register_number(entry)
