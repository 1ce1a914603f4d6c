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
from django.db import models
from django.db.models.fields.files import FieldFile

from ksr.audit.choices import AuditAction
from ksr.audit.models import AuditEntry
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
