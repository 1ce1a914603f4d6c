"""Every write of the animation app: atomic, permission re-checked, validated, audited."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ksr.animation.choices import AnimatorStatus, ExamResult
from ksr.animation.models import (
    AdviceVisit,
    AnimationEvent,
    Animator,
    Examination,
    ScenarioChoice,
    TrainingModule,
    ZrarTeam,
)
from ksr.animation.querysets import may_edit_code
from ksr.animation.scenarios import gmina_readiness, propose_scenario
from ksr.audit.services import record_create, record_update, snapshot
from ksr.territory.models import TerritorialUnit

ANIMATOR_FIELDS = ("full_name", "home_institution", "region", "team", "user", "person")
EVENT_FIELDS = ("kind", "gmina", "scenario_choice", "held_on", "title", "goal", "agenda", "animator", "notes")
VISIT_FIELDS = (
    "entity",
    "visited_on",
    "animator",
    "topics",
    "outcome",
    "adopted_new_profile",
    "adopted_on",
    "adoption_evidence",
)


def _require(actor: Any, code: str | None) -> None:
    if not may_edit_code(actor, code):
        raise PermissionDenied


def _stamp(obj: Any, actor: Any, *, new: bool) -> None:
    actor_obj = actor if getattr(actor, "is_authenticated", False) else None
    if new:
        obj.created_by = actor_obj
    obj.updated_by = actor_obj


# --- ZRAR teams -----------------------------------------------------------------------------


@transaction.atomic
def do_create_team(region: TerritorialUnit, host: Any, name: str, *, actor: Any) -> ZrarTeam:
    _require(actor, region.code)
    team = ZrarTeam(region=region, host=host, name=name)
    team.full_clean()
    _stamp(team, actor, new=True)
    team.save()
    record_create(team, actor=actor)
    return team


# --- Animators, training and examination ----------------------------------------------------


@transaction.atomic
def do_create_animator(data: dict[str, Any], *, actor: Any) -> Animator:
    region = data.get("region")
    _require(actor, region.code if region else None)
    animator = Animator(**{k: v for k, v in data.items() if k in ANIMATOR_FIELDS})
    animator.full_clean()
    _stamp(animator, actor, new=True)
    animator.save()
    record_create(animator, actor=actor)
    return animator


@transaction.atomic
def do_update_animator(animator: Animator, data: dict[str, Any], *, actor: Any) -> Animator:
    _require(actor, animator.region.code)
    before = snapshot(animator)
    for key, value in data.items():
        if key in ANIMATOR_FIELDS:
            setattr(animator, key, value)
    _require(actor, animator.region.code)
    animator.full_clean()
    _stamp(animator, actor, new=False)
    animator.save()
    record_update(animator, before, actor=actor)
    return animator


@transaction.atomic
def do_change_animator_status(animator: Animator, status: str, *, actor: Any) -> Animator:
    """Move an animator along the TRANSITIONS table; training and a passed exam are checked."""
    _require(actor, animator.region.code)
    if not animator.may_become(status):
        raise ValidationError(
            _("An animator cannot go from “%(old)s” to “%(new)s”.")
            % {"old": animator.get_status_display(), "new": AnimatorStatus(status).label}
        )
    if status == AnimatorStatus.TRAINED and not animator.modules.exists():
        raise ValidationError(_("Record at least one completed module of the education cycle first."))
    if status == AnimatorStatus.CERTIFIED and not animator.examinations.filter(result=ExamResult.PASSED).exists():
        raise ValidationError(_("Only an animator who passed the examination can be certified."))
    before = snapshot(animator)
    animator.status = status
    _stamp(animator, actor, new=False)
    animator.save()
    record_update(animator, before, actor=actor)
    return animator


@transaction.atomic
def do_record_module(animator: Animator, title: str, completed_on: dt.date, *, actor: Any) -> TrainingModule:
    _require(actor, animator.region.code)
    module = TrainingModule(animator=animator, title=title, completed_on=completed_on)
    module.full_clean()
    _stamp(module, actor, new=True)
    module.save()
    record_create(module, actor=actor)
    return module


@transaction.atomic
def do_record_examination(
    animator: Animator, taken_on: dt.date, result: str, score: Decimal | None, *, actor: Any
) -> Examination:
    """Record an examination; a pass certifies a trained animator (status change audited)."""
    _require(actor, animator.region.code)
    if animator.status == AnimatorStatus.CANDIDATE:
        raise ValidationError(_("The animator must complete the education cycle before the examination."))
    exam = Examination(animator=animator, taken_on=taken_on, result=result, score=score)
    exam.full_clean()
    _stamp(exam, actor, new=True)
    exam.save()
    record_create(exam, actor=actor)
    if result == ExamResult.PASSED and animator.status == AnimatorStatus.TRAINED:
        do_change_animator_status(animator, AnimatorStatus.CERTIFIED, actor=actor)
    return exam


# --- Scenarios ------------------------------------------------------------------------------


@transaction.atomic
def do_choose_scenario(
    gmina: TerritorialUnit,
    scenario: str,
    *,
    actor: Any,
    change_reason: str = "",
    animator: Animator | None = None,
    baseline_survey: str = "",
    follow_up_survey: str = "",
    follow_up_on: dt.date | None = None,
) -> ScenarioChoice:
    """Confirm the proposed scenario for ``gmina`` or choose another one with a reason.

    The proposal is computed now from the gmina's readiness (surveys app) and stored with it.
    """
    _require(actor, gmina.code)
    readiness = gmina_readiness(gmina)
    proposed = propose_scenario(readiness.level) or ""
    choice = ScenarioChoice.objects.filter(gmina=gmina).first()
    before = snapshot(choice) if choice else None
    if choice is None:
        choice = ScenarioChoice(gmina=gmina)
    choice.readiness_value = readiness.value
    choice.readiness_level = readiness.level or ""
    choice.proposed_scenario = proposed
    choice.scenario = scenario
    choice.change_reason = change_reason.strip() if proposed and scenario != proposed else ""
    choice.animator = animator
    choice.baseline_survey = baseline_survey
    choice.follow_up_survey = follow_up_survey
    choice.follow_up_on = follow_up_on
    if proposed and scenario != proposed and not change_reason.strip():
        raise ValidationError(
            {"change_reason": _("Give the reason for choosing another scenario than the proposed one.")}
        )
    choice.full_clean(validate_unique=before is None)
    _stamp(choice, actor, new=before is None)
    choice.save()
    if before is None:
        record_create(choice, actor=actor)
    else:
        record_update(choice, before, actor=actor)
    return choice


# --- Events ---------------------------------------------------------------------------------


@transaction.atomic
def do_log_event(
    data: dict[str, Any], *, actor: Any, invited: Iterable[Any] = (), present: Iterable[Any] = ()
) -> AnimationEvent:
    gmina = data.get("gmina")
    _require(actor, gmina.code if gmina else None)
    event = AnimationEvent(**{k: v for k, v in data.items() if k in EVENT_FIELDS})
    event.full_clean()
    _stamp(event, actor, new=True)
    event.save()
    event.invited.set(list(invited))
    event.present.set(list(present))
    record_create(event, actor=actor, m2m=["invited", "present"])
    return event


# --- Advice visits --------------------------------------------------------------------------


@transaction.atomic
def do_record_advice_visit(data: dict[str, Any], *, actor: Any) -> AdviceVisit:
    entity = data.get("entity")
    _require(actor, entity.seat.code if entity else None)
    visit = AdviceVisit(**{k: v for k, v in data.items() if k in VISIT_FIELDS})
    visit.full_clean()
    _stamp(visit, actor, new=True)
    visit.save()
    record_create(visit, actor=actor)
    return visit
