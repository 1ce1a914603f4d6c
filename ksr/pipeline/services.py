"""Writes of the pipeline: create and update initiatives, move them through stages, tick legal steps.

Every service is atomic, takes ``actor`` as a keyword, re-checks ``editable_by`` (animators of
the initiative's region, system administrators), validates with translated messages (nothing
written on error) and writes the audit trail. Stages follow ``choices.TRANSITIONS``; the gates
(register entry "entered", 24 months for "sustained") live on ``Initiative.gate_errors``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ksr.accounts.choices import Role
from ksr.accounts.scope import scope_for
from ksr.audit.services import record_create, record_update, snapshot
from ksr.pipeline.choices import LEGAL_STEPS, REASON_REQUIRED, Stage
from ksr.pipeline.models import Initiative, StageChange
from ksr.territory.choices import UnitLevel

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


def may_create_in(actor: Any, gmina_code: str) -> bool:
    scope = scope_for(actor)
    if scope.has_role(Role.SYSTEM_ADMIN):
        return True
    return scope.covers_code(gmina_code, scope.prefixes_for(Role.REGIONAL_ANIMATOR))


def may_create_anywhere(actor: Any) -> bool:
    scope = scope_for(actor)
    return scope.has_role(Role.SYSTEM_ADMIN) or bool(scope.prefixes_for(Role.REGIONAL_ANIMATOR))


def _ensure_editable(initiative: Initiative, actor: Any) -> None:
    if not Initiative.objects.editable_by(actor).filter(pk=initiative.pk).exists():
        raise PermissionDenied


def _full_clean(initiative: Initiative) -> None:
    initiative.full_clean(exclude=["gmina"])


@transaction.atomic
def do_create_initiative(data: Mapping[str, Any], *, actor: Any) -> Initiative:
    gmina = data.get("gmina")
    if gmina is None or gmina.level != UnitLevel.GMINA:
        raise ValidationError({"gmina": _("Choose a gmina.")})
    if not may_create_in(actor, gmina.code):
        raise PermissionDenied
    today = data.get("stage_since") or timezone.localdate()
    initiative = Initiative(gmina=gmina, stage=Stage.PROSPECT, stage_since=today, created_by=actor, updated_by=actor)
    for name in UPDATABLE_FIELDS:
        if name in data:
            setattr(initiative, name, data[name])
    _full_clean(initiative)
    initiative.save()
    StageChange.objects.create(
        initiative=initiative, from_stage="", to_stage=Stage.PROSPECT, changed_on=today, changed_by=actor
    )
    record_create(initiative, actor=actor)
    return initiative


@transaction.atomic
def do_transition_initiative(
    initiative: Initiative,
    to_stage: str,
    *,
    actor: Any,
    on: dt.date | None = None,
    note: str = "",
    data: Mapping[str, Any] | None = None,
) -> Initiative:
    """Move ``initiative`` to ``to_stage`` (optionally recording the fields the stage needs)."""
    _ensure_editable(initiative, actor)
    initiative = Initiative.objects.select_for_update().get(pk=initiative.pk)
    before = snapshot(initiative)
    on = on or timezone.localdate()
    note = (note or "").strip()
    if to_stage not in initiative.allowed_targets():
        raise ValidationError(
            {
                "to_stage": _("An initiative cannot move from “%(from)s” to “%(to)s”.")
                % {
                    "from": Stage(initiative.stage).label,
                    "to": Stage(to_stage).label if to_stage in Stage.values else to_stage,
                }
            }
        )
    if to_stage in REASON_REQUIRED and not note:
        raise ValidationError({"note": _("Give the reason.")})
    if on < initiative.stage_since:
        raise ValidationError({"on": _("The date cannot be before the current stage began.")})
    if on > timezone.localdate():
        raise ValidationError({"on": _("The date cannot be in the future.")})
    for name in UPDATABLE_FIELDS:
        if data and name in data:
            setattr(initiative, name, data[name])
    errors = initiative.gate_errors(to_stage, today=on)
    if errors:
        raise ValidationError(errors)
    from_stage = initiative.stage
    if to_stage == Stage.STALLED:
        initiative.stalled_at = from_stage
    elif from_stage == Stage.STALLED:
        initiative.stalled_at = ""
    initiative.stage = to_stage
    initiative.stage_since = on
    initiative.updated_by = actor
    _full_clean(initiative)
    initiative.save()
    StageChange.objects.create(
        initiative=initiative, from_stage=from_stage, to_stage=to_stage, changed_on=on, changed_by=actor, note=note
    )
    record_update(initiative, before, actor=actor)
    return initiative


@transaction.atomic
def do_set_legal_step(initiative: Initiative, key: str, done: bool, *, actor: Any) -> Initiative:
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
    initiative.updated_by = actor
    initiative.save(update_fields=["legal_steps_done", "updated_by", "updated_at"])
    record_update(initiative, before, actor=actor)
    return initiative
