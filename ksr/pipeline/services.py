"""Writes of the pipeline: create and update initiatives, move them through stages, tick legal steps.

Every service is atomic, takes ``actor`` as a keyword, re-checks ``editable_by`` (animators of
the initiative's region, system administrators), validates with translated messages (nothing
written on error) and writes the audit trail. Stages move through ``choices.INITIATIVE_MACHINE``,
whose guards hold the gates (register entry "entered", 24 months for "sustained").
"""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ksr.accounts.choices import Role
from ksr.accounts.scope import scope_for
from ksr.audit.services import record_create, record_update, snapshot
from ksr.core.types import AnyUser
from ksr.pipeline.choices import INITIATIVE_MACHINE, LEGAL_STEPS, REASON_REQUIRED, Stage
from ksr.pipeline.models import Initiative, StageChange
from ksr.territory.choices import UnitLevel

if TYPE_CHECKING:
    from ksr.accounts.models import User

UPDATABLE_FIELDS = (
    "name",
    "entity_kind",
    "creation_mode",
    "founding_body",
    "founding_act_number",
    "founding_act_date",
    "register_entry",
    "notes",
)


def _user(actor: AnyUser) -> User:
    """The signed-in actor; the permission checks refuse anyone else before a write."""
    if isinstance(actor, AnonymousUser):
        raise PermissionDenied
    return actor


def may_create_in(actor: AnyUser, gmina_code: str) -> bool:
    scope = scope_for(actor)
    if scope.has_role(Role.SYSTEM_ADMIN):
        return True
    return scope.covers_code(gmina_code, scope.prefixes_for(Role.REGIONAL_ANIMATOR))


def may_create_anywhere(actor: AnyUser) -> bool:
    scope = scope_for(actor)
    return scope.has_role(Role.SYSTEM_ADMIN) or bool(scope.prefixes_for(Role.REGIONAL_ANIMATOR))


def _ensure_editable(initiative: Initiative, actor: AnyUser) -> None:
    if not Initiative.objects.editable_by(actor).filter(pk=initiative.pk).exists():
        raise PermissionDenied


def _full_clean(initiative: Initiative) -> None:
    initiative.full_clean(exclude=["gmina"])


@transaction.atomic
def do_create_initiative(data: Mapping[str, Any], *, actor: AnyUser) -> Initiative:
    gmina = data.get("gmina")
    if gmina is None or gmina.level != UnitLevel.GMINA:
        raise ValidationError({"gmina": _("Choose a gmina.")})
    if not may_create_in(actor, gmina.code):
        raise PermissionDenied
    today = data.get("stage_since") or timezone.localdate()
    initiative = Initiative(
        gmina=gmina, stage=Stage.PROSPECT, stage_since=today, created_by=_user(actor), updated_by=_user(actor)
    )
    for name in UPDATABLE_FIELDS:
        if name in data:
            setattr(initiative, name, data[name])
    _full_clean(initiative)
    initiative.save()
    StageChange.objects.create(
        initiative=initiative, from_stage="", to_stage=Stage.PROSPECT, changed_on=today, changed_by=_user(actor)
    )
    record_create(initiative, actor=actor)
    return initiative


@transaction.atomic
def do_transition_initiative(
    initiative: Initiative,
    to_stage: str,
    *,
    actor: AnyUser,
    on: dt.date | None = None,
    note: str = "",
    data: Mapping[str, Any] | None = None,
) -> Initiative:
    """Move ``initiative`` to ``to_stage`` (optionally recording the fields the stage needs).

    The move goes through ``INITIATIVE_MACHINE``: the row is locked and the stage re-read (a
    stale initiative is refused), the move must be declared and the stage's guards must hold on
    the day of the move (mode of creation, founding act, entered register entry, 24 months).
    """
    _ensure_editable(initiative, actor)
    current = copy.copy(initiative)  # the caller's object stays as it was if the move is refused
    before = snapshot(current)
    on = on or timezone.localdate()
    note = (note or "").strip()
    if to_stage in REASON_REQUIRED and not note:
        raise ValidationError({"note": _("Give the reason.")})
    if on < current.stage_since:
        raise ValidationError({"on": _("The date cannot be before the current stage began.")})
    if on > timezone.localdate():
        raise ValidationError({"on": _("The date cannot be in the future.")})
    values = dict(data or {})
    changed = [name for name in UPDATABLE_FIELDS if name in values]
    for name in changed:
        setattr(current, name, values[name])
    from_stage = current.stage
    current.stage_since = on  # the guards judge the initiative on the day of the move
    INITIATIVE_MACHINE.move(current, to_stage, actor=actor)
    if to_stage == Stage.STALLED:
        current.stalled_at = from_stage
    elif from_stage == Stage.STALLED:
        current.stalled_at = ""
    current.updated_by = _user(actor)
    _full_clean(current)
    current.save(update_fields=["stage", "stage_since", "stalled_at", *changed, "updated_by", "updated_at"])
    StageChange.objects.create(
        initiative=current, from_stage=from_stage, to_stage=to_stage, changed_on=on, changed_by=_user(actor), note=note
    )
    record_update(current, before, actor=actor)
    return current


@transaction.atomic
def do_set_legal_step(initiative: Initiative, key: str, done: bool, *, actor: AnyUser) -> Initiative:
    """Tick (or untick) one legal step of the initiative's mode of creation."""
    _ensure_editable(initiative, actor)
    if not initiative.creation_mode:
        raise ValidationError(_("Choose the mode of creation first."))
    valid = [k for k, _label in LEGAL_STEPS[initiative.creation_mode]]
    if key not in valid:
        raise ValidationError(_("This step does not belong to the chosen mode of creation."))
    before = snapshot(initiative)
    current = set(initiative.legal_steps_done or [])
    current = current | {key} if done else current - {key}
    initiative.legal_steps_done = [k for k in valid if k in current]
    initiative.updated_by = _user(actor)
    initiative.save(update_fields=["legal_steps_done", "updated_by", "updated_at"])
    record_update(initiative, before, actor=actor)
    return initiative
