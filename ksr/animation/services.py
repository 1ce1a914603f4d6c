"""Every write of the animation app: atomic, permission re-checked, validated, audited."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any, TypeVar

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ksr.accounts.models import User
from ksr.animation.choices import ANIMATOR_MACHINE, AnimatorStatus, ExamResult
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
from ksr.animation.scenarios import propose_scenario
from ksr.audit.services import record_create, record_update, snapshot
from ksr.core.models import Tracked
from ksr.core.types import AnyUser
from ksr.registry.models import Organisation
from ksr.surveys.readiness import gmina_readiness
from ksr.territory.models import TerritorialUnit

T = TypeVar("T", bound=Tracked)

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


def _require(actor: AnyUser, code: str | None) -> None:
    if not may_edit_code(actor, code):
        raise PermissionDenied


def _stamp(obj: Tracked, actor: AnyUser, *, new: bool) -> None:
    actor_obj = actor if isinstance(actor, User) else None
    if new:
        obj.created_by = actor_obj
    obj.updated_by = actor_obj


def _create(obj: T, *, actor: AnyUser, **m2m: Iterable[Any]) -> T:
    """Validate, stamp, save and audit a new ``obj`` (and set its many-to-many ``m2m``)."""
    obj.full_clean()
    _stamp(obj, actor, new=True)
    obj.save()
    for name, values in m2m.items():
        getattr(obj, name).set(list(values))
    record_create(obj, actor=actor, m2m=list(m2m))
    return obj


def _picked(data: Mapping[str, Any], fields: Iterable[str]) -> dict[str, Any]:
    return {key: value for key, value in data.items() if key in fields}


# --- ZRAR teams -----------------------------------------------------------------------------


@transaction.atomic
def do_create_team(region: TerritorialUnit, host: Organisation, name: str, *, actor: AnyUser) -> ZrarTeam:
    _require(actor, region.code)
    return _create(ZrarTeam(region=region, host=host, name=name), actor=actor)


# --- Animators, training and examination ----------------------------------------------------


@transaction.atomic
def do_create_animator(data: Mapping[str, Any], *, actor: AnyUser) -> Animator:
    region = data.get("region")
    _require(actor, region.code if region else None)
    return _create(Animator(**_picked(data, ANIMATOR_FIELDS)), actor=actor)


@transaction.atomic
def do_update_animator(animator: Animator, data: Mapping[str, Any], *, actor: AnyUser) -> Animator:
    _require(actor, animator.region.code)
    before = snapshot(animator)
    for key, value in _picked(data, ANIMATOR_FIELDS).items():
        setattr(animator, key, value)
    _require(actor, animator.region.code)
    animator.full_clean()
    _stamp(animator, actor, new=False)
    animator.save()
    record_update(animator, before, actor=actor)
    return animator


@transaction.atomic
def do_change_animator_status(animator: Animator, status: str, *, actor: AnyUser) -> Animator:
    """Move an animator through ``ANIMATOR_MACHINE`` (row lock; training and a passed exam are checked)."""
    _require(actor, animator.region.code)
    before = snapshot(animator)
    ANIMATOR_MACHINE.move(animator, status, actor=actor)
    _stamp(animator, actor, new=False)
    animator.save()
    record_update(animator, before, actor=actor)
    return animator


@transaction.atomic
def do_record_module(animator: Animator, title: str, completed_on: dt.date, *, actor: AnyUser) -> TrainingModule:
    _require(actor, animator.region.code)
    return _create(TrainingModule(animator=animator, title=title, completed_on=completed_on), actor=actor)


@transaction.atomic
def do_record_examination(
    animator: Animator, taken_on: dt.date, result: str, score: Decimal | None, *, actor: AnyUser
) -> Examination:
    """Record an examination; a pass certifies a trained animator (status change audited)."""
    _require(actor, animator.region.code)
    if animator.status == AnimatorStatus.CANDIDATE:
        raise ValidationError(_("The animator must complete the education cycle before the examination."))
    exam = _create(Examination(animator=animator, taken_on=taken_on, result=result, score=score), actor=actor)
    if result == ExamResult.PASSED and animator.status == AnimatorStatus.TRAINED:
        do_change_animator_status(animator, AnimatorStatus.CERTIFIED, actor=actor)
    return exam


# --- Scenarios ------------------------------------------------------------------------------


@transaction.atomic
def do_choose_scenario(
    gmina: TerritorialUnit,
    scenario: str,
    *,
    actor: AnyUser,
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


# --- Events and advice visits ---------------------------------------------------------------


@transaction.atomic
def do_log_event(
    data: Mapping[str, Any],
    *,
    actor: AnyUser,
    invited: Iterable[Organisation] = (),
    present: Iterable[Organisation] = (),
) -> AnimationEvent:
    gmina = data.get("gmina")
    _require(actor, gmina.code if gmina else None)
    return _create(AnimationEvent(**_picked(data, EVENT_FIELDS)), actor=actor, invited=invited, present=present)


@transaction.atomic
def do_record_advice_visit(data: Mapping[str, Any], *, actor: AnyUser) -> AdviceVisit:
    entity = data.get("entity")
    _require(actor, entity.seat.code if entity else None)
    return _create(AdviceVisit(**_picked(data, VISIT_FIELDS)), actor=actor)
