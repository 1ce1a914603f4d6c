"""Writing the audit trail. Every service that writes calls one of these inside its transaction.

- ``record_create(obj, actor=…)`` / ``record_update(obj, before, actor=…)`` / ``record_delete``
  for registry writes, with the changed fields as ``{field: [old, new]}``;
- ``record_read(obj, actor=…, part=…)`` for reads of sensitive records (participants);
- ``snapshot(obj)`` takes the "before" picture for an update.
"""

from __future__ import annotations

import datetime as dt
import decimal
import uuid
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, cast

from django.contrib.contenttypes.models import ContentType
from django.db import connection, models
from django.db.models.fields.files import FieldFile
from django.utils import timezone

from ksr.audit.choices import AuditAction
from ksr.audit.models import SCRUB_SETTING, AuditEntry
from ksr.core.types import AnyUser

if TYPE_CHECKING:
    from ksr.accounts.models import User

Snapshot = dict[str, Any]


def _plain(value: Any) -> Any:
    if isinstance(value, (dt.date, dt.datetime, dt.time)):
        return value.isoformat()
    if isinstance(value, (decimal.Decimal, uuid.UUID)):
        return str(value)
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, FieldFile):
        return value.name or None
    if isinstance(value, (list, tuple, set, frozenset)):
        return sorted(_plain(v) for v in value)
    return value


def snapshot(obj: models.Model, m2m: Iterable[str] = ()) -> Snapshot:
    """The concrete field values of ``obj`` (FKs as ids), plus the named many-to-many fields."""
    data: Snapshot = {}
    for field in obj._meta.concrete_fields:
        if field.name in {"created_at", "updated_at", "created_by", "updated_by"}:
            continue
        data[field.name] = _plain(getattr(obj, field.attname))
    for name in m2m:
        data[name] = sorted(_plain(pk) for pk in getattr(obj, name).values_list("pk", flat=True))
    return data


def diff(before: Snapshot, after: Snapshot) -> dict[str, list[Any]]:
    return {key: [before.get(key), after.get(key)] for key in after if before.get(key) != after.get(key)}


def _organisation_of(obj: models.Model) -> Any:
    owner = getattr(obj, "audit_organisation", None)
    if owner is not None:
        return owner
    if obj._meta.label == "registry.Organisation":
        return obj
    return getattr(obj, "organisation", None)


def _actor_repr(actor: User | None) -> str:
    if actor is None:
        return "system"
    return str(actor.get_username())


def record(
    action: str,
    obj: models.Model | None,
    *,
    actor: AnyUser | None,
    changes: dict[str, Any] | None = None,
    part: str = "",
    ip_address: str | None = None,
    object_repr: str | None = None,
    organisation: Any = None,
) -> AuditEntry:
    actor_obj = cast("User | None", actor if getattr(actor, "is_authenticated", False) else None)
    return AuditEntry.objects.create(
        actor=actor_obj,
        actor_repr=_actor_repr(actor_obj),
        action=action,
        content_type=ContentType.objects.get_for_model(obj) if obj is not None else None,
        object_id=str(obj.pk) if obj is not None and obj.pk is not None else "",
        object_repr=(object_repr if object_repr is not None else str(obj) if obj is not None else "")[:300],
        organisation=organisation if organisation is not None else (_organisation_of(obj) if obj else None),
        changes=changes or {},
        part=part,
        ip_address=ip_address,
    )


def record_create(obj: models.Model, *, actor: AnyUser | None, m2m: Iterable[str] = ()) -> AuditEntry:
    values = snapshot(obj, m2m)
    return record(AuditAction.CREATE, obj, actor=actor, changes={k: [None, v] for k, v in values.items()})


def record_update(
    obj: models.Model, before: Snapshot, *, actor: AnyUser | None, m2m: Iterable[str] = ()
) -> AuditEntry | None:
    """Record what changed since ``before``; nothing is written when nothing changed."""
    changes = diff(before, snapshot(obj, m2m))
    if not changes:
        return None
    return record(AuditAction.UPDATE, obj, actor=actor, changes=changes)


def record_delete(obj: models.Model, *, actor: AnyUser | None, m2m: Iterable[str] = ()) -> AuditEntry:
    values = snapshot(obj, m2m)
    return record(AuditAction.DELETE, obj, actor=actor, changes={k: [v, None] for k, v in values.items()})


def record_read(
    obj: models.Model, *, actor: AnyUser | None, part: str = "", ip_address: str | None = None
) -> AuditEntry:
    """Record that ``actor`` read ``part`` of a sensitive record (e.g. a participant's profile)."""
    return record(AuditAction.READ, obj, actor=actor, part=part, ip_address=ip_address)


# --- failed sign-ins: bounded, no arbitrary text ------------------------------------------------

# How many failed sign-ins the trail keeps per username and address, and per address, in a window.
FAILED_LOGIN_WINDOW = dt.timedelta(minutes=15)
FAILED_LOGINS_PER_USERNAME_AND_ADDRESS = 10
FAILED_LOGINS_PER_ADDRESS = 50


def record_login_failure(
    user: User | None, *, ip_address: str | None, changes: dict[str, Any] | None = None
) -> AuditEntry | None:
    """Record a failed sign-in, unless this address already filled its share of the window.

    An unknown username is never stored (it may be anything an anonymous client typed, a password
    included): the row names no object. At most ``FAILED_LOGINS_PER_USERNAME_AND_ADDRESS`` rows per
    account and address and ``FAILED_LOGINS_PER_ADDRESS`` per address are kept per
    ``FAILED_LOGIN_WINDOW``; beyond them nothing is written (the lockout still counts).
    """
    since = timezone.now() - FAILED_LOGIN_WINDOW
    recent = AuditEntry.objects.filter(
        action__in=(AuditAction.LOGIN_FAILED, AuditAction.LOCKED), created_at__gte=since, ip_address=ip_address
    )
    if recent.count() >= FAILED_LOGINS_PER_ADDRESS:
        return None
    if user is not None:
        same = recent.filter(content_type=ContentType.objects.get_for_model(user), object_id=str(user.pk))
        if same.count() >= FAILED_LOGINS_PER_USERNAME_AND_ADDRESS:
            return None
        return record(AuditAction.LOGIN_FAILED, user, actor=None, ip_address=ip_address, changes=changes)
    return record(AuditAction.LOGIN_FAILED, None, actor=None, ip_address=ip_address, part="unknown username")


# --- the one exception to append-only: anonymisation scrubs the trail (ADR 0012) ----------------


def scrub_subject_trail(subject: models.Model, *, actor: AnyUser | None) -> int:
    """Remove every personal value left in the trail rows about ``subject`` and what it owns.

    Called by the anonymisation of a participant inside its transaction. Rows keep who, when,
    what action and which fields; values of personal fields become ``None`` and the object's
    description the neutral reference. On PostgreSQL the append-only trigger lets these
    updates through only while ``ksr.audit_scrub`` is on for this transaction. Writes one
    ``scrub`` row saying how many rows were rewritten; returns that number.
    """
    from ksr.audit.personal import neutral_changes, neutral_repr, owned_objects

    if not connection.in_atomic_block:
        raise RuntimeError("scrub_subject_trail must run inside a transaction")
    scrubbed = 0
    # The plain queryset: the product's own refuses updates.
    base: models.QuerySet[AuditEntry] = models.QuerySet(model=AuditEntry)
    with _scrub_allowed():
        for model, ids in owned_objects(subject).items():
            ct = ContentType.objects.get_for_model(model)
            rows = base.filter(content_type=ct, object_id__in=ids).exclude(action=AuditAction.SCRUB)
            for pk, object_id, changes, object_repr in rows.values_list("pk", "object_id", "changes", "object_repr"):
                clean_changes = neutral_changes(model, changes)
                clean_repr = neutral_repr(model, object_id)
                if clean_changes != (changes or {}) or clean_repr != object_repr:
                    base.filter(pk=pk).update(changes=clean_changes, object_repr=clean_repr)
                    scrubbed += 1
    record(AuditAction.SCRUB, subject, actor=actor, part=f"audit_trail:{scrubbed}")
    return scrubbed


class _scrub_allowed:
    """Open the trigger's gate for the current transaction only, and close it again."""

    def __enter__(self) -> None:
        self._set("on")

    def __exit__(self, *exc: object) -> None:
        self._set("off")

    @staticmethod
    def _set(value: str) -> None:
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT set_config(%s, %s, true)", [SCRUB_SETTING, value])
