"""Every write of the plans app: atomic, permission-checked, validated, audited.

``data`` is a dict of field names to values (a form's ``cleaned_data`` or a serializer's
``validated_data``). Each function raises ``PermissionDenied`` when ``actor`` may not write
there and ``ValidationError`` (translated) on bad input; either way nothing is written.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any, TypeVar

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Model
from django.utils import timezone
from django.utils.translation import gettext as _

from ksr.accounts.models import User
from ksr.audit.services import record_create, record_update, snapshot
from ksr.cases.choices import CLOSED_CASE_STATUSES
from ksr.cases.models import Case
from ksr.core.models import Tracked
from ksr.core.types import AnyUser
from ksr.plans.access import may_edit_plans, may_write_card
from ksr.plans.choices import (
    CONTRACT_MACHINE,
    OPEN_CONTRACT_STATUSES,
    PLAN_MACHINE,
    ContractStatus,
    OutcomeMeasure,
    PlanStatus,
    SanctionDecisionKind,
    outcome_type_of,
)
from ksr.plans.models import (
    DETAILED_FIELDS,
    GENERAL_FIELDS,
    ActionPlan,
    Contract,
    ContractReview,
    ContractVersion,
    OutcomeAssessment,
    OutcomeEvent,
    OutcomeScore,
    PlanGoal,
    PotentialAssessment,
    PotentialItem,
    SanctionDecision,
    ServiceCardEntry,
)
from ksr.registry.choices import NEW_PROFILE_SECTORS

ModelT = TypeVar("ModelT", bound=Tracked)
CARD_FIELDS = (
    *GENERAL_FIELDS,
    *DETAILED_FIELDS,
    "part",
    "entered_on",
    "corrects",
    "correction_reason",
    "participant_signed",
    "participant_signed_on",
)


def _user(actor: AnyUser) -> User | None:
    return actor if isinstance(actor, User) and actor.is_authenticated else None


def _require_editor(actor: AnyUser, case: Case) -> None:
    if not may_edit_plans(actor, case):
        raise PermissionDenied(_("Only the KIS/CIS manager or the case manager of this case may do this."))


def _require_open_case(case: Case) -> None:
    if case.status in CLOSED_CASE_STATUSES:
        raise ValidationError(_("The case is closed; it takes no new contracts or plans."))


def _only(data: Mapping[str, Any], allowed: Iterable[str]) -> dict[str, Any]:
    unknown = set(data) - set(allowed)
    if unknown:
        raise ValidationError(_("Unknown fields: %(fields)s.") % {"fields": ", ".join(sorted(unknown))})
    return dict(data)


def _create(obj: ModelT, *, actor: AnyUser, record: bool = True) -> ModelT:
    """Validate, save and (unless ``record=False``: m2m set afterwards) audit a new object."""
    obj.full_clean()
    obj.created_by = obj.updated_by = _user(actor)
    obj.save()
    if record:
        record_create(obj, actor=actor)
    return obj


def _create_with_rows(
    obj: ModelT,
    rows: Iterable[Mapping[str, Any]],
    row_model: type[Model],
    fields: tuple[str, ...],
    *,
    actor: AnyUser,
    link: str = "assessment",
) -> ModelT:
    """A new object with its rows (items, scores) of ``row_model`` linked by ``link``, each validated;
    the object is audited."""
    _create(obj, actor=actor)
    for data in rows:
        row = row_model(**{link: obj}, **_only(data, fields))
        row.full_clean()
        row.save()
    return obj


# Contracts -------------------------------------------------------------------------------


@transaction.atomic
def do_create_contract(case: Case, data: Mapping[str, Any], *, actor: AnyUser) -> Contract:
    """A new contract with its first version (not yet signed: a draft)."""
    _require_editor(actor, case)
    _require_open_case(case)
    data = _only(data, ("kind", "review_interval_days", "content", "participant_words", "valid_from"))
    contract = Contract(case=case, kind=data.get("kind", ""))
    if data.get("review_interval_days"):
        contract.review_interval_days = data["review_interval_days"]
    if Contract.objects.filter(case=case, status__in=OPEN_CONTRACT_STATUSES).exists():
        raise ValidationError(_("The case already has an open contract: amend it instead of starting another."))
    valid_from: Any = data.get("valid_from")
    if valid_from:
        contract.next_review_on = valid_from + dt.timedelta(days=contract.review_interval_days)
    _create(contract, actor=actor)
    version = ContractVersion(
        contract=contract,
        number=1,
        content=data.get("content", ""),
        participant_words=data.get("participant_words", ""),
        valid_from=valid_from,
    )
    _create(version, actor=actor)
    return contract


@transaction.atomic
def do_amend_contract(contract: Contract, data: Mapping[str, Any], *, actor: AnyUser) -> ContractVersion:
    """A change to a contract is a new version (the old ones stay as the history)."""
    _require_editor(actor, contract.case)
    data = _only(data, ("content", "participant_words", "change_reason", "valid_from"))
    if not contract.is_open:
        raise ValidationError(_("Only a draft or a contract in force can be amended."))
    if not (data.get("change_reason") or "").strip():
        raise ValidationError({"change_reason": _("Say why the contract is amended.")})
    last = contract.versions.order_by("-number").first()
    version = ContractVersion(contract=contract, number=(last.number if last else 0) + 1, **data)
    _create(version, actor=actor)
    return version


@transaction.atomic
def do_sign_contract_version(version: ContractVersion, data: Mapping[str, Any], *, actor: AnyUser) -> ContractVersion:
    """Record the signing dates of the participant and the worker (the actor) on the latest version.

    When both have signed, a draft contract comes into force.
    """
    contract = version.contract
    _require_editor(actor, contract.case)
    data = _only(data, ("participant_signed_on", "worker_signed_on"))
    if not contract.is_open:
        raise ValidationError(_("This contract is no longer open."))
    if contract.versions.filter(number__gt=version.number).exists():
        raise ValidationError(_("Only the latest version can be signed."))
    before = snapshot(version)
    for name in ("participant_signed_on", "worker_signed_on"):
        value = data.get(name)
        if value is None:
            continue
        if getattr(version, name) is not None:
            raise ValidationError({name: _("This signature is already recorded.")})
        if value < version.valid_from - dt.timedelta(days=60):
            raise ValidationError({name: _("The signing date is long before the version starts.")})
        setattr(version, name, value)
    if data.get("worker_signed_on") is not None:
        version.worker = _user(actor)
    version.full_clean()
    version.updated_by = _user(actor)
    version.save()
    record_update(version, before, actor=actor)
    if version.is_signed and contract.status == ContractStatus.DRAFT:
        _transition(contract, ContractStatus.IN_FORCE, actor=actor)
    return version


def _transition(contract: Contract, status: str, *, actor: AnyUser) -> None:
    before = snapshot(contract)
    CONTRACT_MACHINE.move(contract, status, actor=actor)
    contract.updated_by = _user(actor)
    contract.save()
    record_update(contract, before, actor=actor)


@transaction.atomic
def do_change_contract_status(contract: Contract, status: str, *, actor: AnyUser) -> Contract:
    """Complete a contract in force or cancel a draft. Coming into force is by signing;
    withdrawing support is a sanction decision."""
    _require_editor(actor, contract.case)
    if status not in (ContractStatus.COMPLETED, ContractStatus.CANCELLED):
        raise ValidationError(_("This change of status is made by signing or by a sanction decision."))
    _transition(contract, status, actor=actor)
    return contract


@transaction.atomic
def do_review_contract(contract: Contract, data: Mapping[str, Any], *, actor: AnyUser) -> ContractReview:
    """A scheduled review; the next review date moves on by the interval."""
    _require_editor(actor, contract.case)
    data = _only(data, ("reviewed_on", "outcome", "note"))
    if contract.status != ContractStatus.IN_FORCE:
        raise ValidationError(_("Only a contract in force is reviewed."))
    review = _create(ContractReview(contract=contract, reviewed_by=_user(actor), **data), actor=actor)
    before = snapshot(contract)
    contract.next_review_on = review.reviewed_on + dt.timedelta(days=contract.review_interval_days)
    contract.save(update_fields=["next_review_on", "updated_at"])
    record_update(contract, before, actor=actor)
    return review


@transaction.atomic
def do_decide_sanction(contract: Contract, data: Mapping[str, Any], *, actor: AnyUser) -> SanctionDecision:
    """A decision after an abuse, with its reason; withdrawing support ends the contract."""
    _require_editor(actor, contract.case)
    data = _only(data, ("decision", "reason", "decided_on"))
    if contract.status != ContractStatus.IN_FORCE:
        raise ValidationError(_("Sanctions are decided on a contract in force."))
    if not (data.get("reason") or "").strip():
        raise ValidationError({"reason": _("Give the reason for the decision.")})
    decision = _create(SanctionDecision(contract=contract, decided_by=_user(actor), **data), actor=actor)
    if decision.decision == SanctionDecisionKind.WITHDRAW:
        _transition(contract, ContractStatus.TERMINATED, actor=actor)
    return decision


# The individual action plan --------------------------------------------------------------


@transaction.atomic
def do_save_action_plan(case: Case, data: Mapping[str, Any], *, actor: AnyUser) -> ActionPlan:
    """Create or update the IPD of ``case`` (summary, participant's words, sectors covered)."""
    _require_editor(actor, case)
    _require_open_case(case)
    data = _only(data, ("diagnosis_summary", "participant_words", "sectors"))
    sectors = list(data.pop("sectors", None) or [])
    if any(s.code not in NEW_PROFILE_SECTORS for s in sectors):
        raise ValidationError({"sectors": _("Choose sectors of the new service profile only.")})
    plan = ActionPlan.objects.filter(case=case).first()
    if plan is None:
        plan = _create(ActionPlan(case=case, **data), actor=actor, record=False)
        plan.sectors.set(sectors)
        record_create(plan, actor=actor, m2m=["sectors"])
        return plan
    if plan.status == PlanStatus.CLOSED:
        raise ValidationError(_("The plan is closed."))
    before = snapshot(plan, m2m=["sectors"])
    for key, value in data.items():
        setattr(plan, key, value)
    plan.full_clean()
    plan.updated_by = _user(actor)
    plan.save()
    plan.sectors.set(sectors)
    record_update(plan, before, actor=actor, m2m=["sectors"])
    return plan


@transaction.atomic
def do_add_plan_goal(plan: ActionPlan, data: Mapping[str, Any], *, actor: AnyUser) -> PlanGoal:
    _require_editor(actor, plan.case)
    data = _only(data, ("goal", "actions", "sector", "start_on", "due_on", "achieved_on"))
    if plan.status == PlanStatus.CLOSED:
        raise ValidationError(_("The plan is closed."))
    sector = data.get("sector")
    if sector is not None and sector.code not in NEW_PROFILE_SECTORS:
        raise ValidationError({"sector": _("Choose a sector of the new service profile.")})
    goal = _create(PlanGoal(plan=plan, **data), actor=actor)
    return goal


def _require_diagnosis(case: Case, day: dt.date) -> None:
    """The diagnosis comes before the IPD: a diagnosis of reintegration potential dated on or before
    the day the plan is set (Model KSR, II.4 „KIS zatrudnia case managerów”: diagnosis and observation, then
    the IPD)."""
    first = (
        PotentialAssessment.objects.filter(case=case).order_by("assessed_on").values_list("assessed_on", flat=True)
    ).first()
    if first is None:
        raise ValidationError({"status": _("Record the diagnosis of reintegration potential before setting the plan.")})
    if first > day:
        raise ValidationError(
            {
                "status": _("The plan cannot be set before the diagnosis of reintegration potential (%(date)s).")
                % {"date": first.isoformat()}
            }
        )


@transaction.atomic
def do_change_plan_status(plan: ActionPlan, status: str, *, actor: AnyUser, on: dt.date | None = None) -> ActionPlan:
    """Set the IPD (it needs at least one goal), reopen it for revision, or close it."""
    _require_editor(actor, plan.case)
    day = on or timezone.localdate()
    if status == PlanStatus.SET and plan.status == PlanStatus.DRAFT:
        _require_diagnosis(plan.case, day)
    before = snapshot(plan)
    PLAN_MACHINE.move(plan, status, actor=actor)
    if status == PlanStatus.SET:
        plan.set_on = day
    plan.updated_by = _user(actor)
    plan.save()
    record_update(plan, before, actor=actor)
    return plan


# Diagnosis of reintegration potential ----------------------------------------------------


@transaction.atomic
def do_create_potential_assessment(
    case: Case, data: Mapping[str, Any], items: Iterable[Mapping[str, Any]], *, actor: AnyUser
) -> PotentialAssessment:
    _require_editor(actor, case)
    data = _only(data, ("assessed_on", "summary"))
    rows = [dict(i) for i in items]
    if not rows:
        raise ValidationError(_("Record at least one deficit or resource."))
    return _create_with_rows(
        PotentialAssessment(case=case, assessed_by=_user(actor), **data),
        rows,
        PotentialItem,
        ("dimension", "area", "kind", "level", "note"),
        actor=actor,
    )


# The consulting services card (append-only) ----------------------------------------------


@transaction.atomic
def do_add_card_entry(case: Case, data: Mapping[str, Any], *, actor: AnyUser) -> ServiceCardEntry:
    """Append a dated entry signed by ``actor``; a correction refers to the entry it corrects."""
    if not may_write_card(actor, case):
        raise PermissionDenied(_("Only the staff of the KIS/CIS holding the case write in its card."))
    data = _only(data, CARD_FIELDS)
    entry = ServiceCardEntry(case=case, author=_user(actor), **data)
    _create(entry, actor=actor)
    return entry


# Outcomes --------------------------------------------------------------------------------


@transaction.atomic
def do_create_outcome_assessment(
    case: Case, data: Mapping[str, Any], scores: Iterable[Mapping[str, Any]], *, actor: AnyUser
) -> OutcomeAssessment:
    """Score all nine measures on the same scale, with a comment."""
    _require_editor(actor, case)
    data = _only(data, ("assessed_on", "comment"))
    rows = [dict(s) for s in scores]
    measures = [str(r.get("measure")) for r in rows]
    if sorted(measures) != sorted(OutcomeMeasure.values):
        raise ValidationError(_("Score each of the nine measures exactly once."))
    assessed_on: Any = data.get("assessed_on")
    if assessed_on and case.opened_on and assessed_on < case.opened_on:
        raise ValidationError({"assessed_on": _("The assessment cannot precede the opening of the case.")})
    if OutcomeAssessment.objects.filter(case=case, assessed_on=assessed_on).exists():
        raise ValidationError({"assessed_on": _("There is already an assessment on this day.")})
    return _create_with_rows(
        OutcomeAssessment(case=case, assessed_by=_user(actor), **data),
        rows,
        OutcomeScore,
        ("measure", "score", "comment"),
        actor=actor,
    )


@transaction.atomic
def do_record_outcome(case: Case, data: Mapping[str, Any], *, actor: AnyUser) -> OutcomeEvent:
    _require_editor(actor, case)
    data = _only(data, ("kind", "occurred_on", "note"))
    event = OutcomeEvent(case=case, recorded_by=_user(actor), **data)
    event.outcome_type = outcome_type_of(event.kind)
    if event.occurred_on and event.occurred_on < case.opened_on:
        raise ValidationError({"occurred_on": _("The outcome cannot precede the opening of the case.")})
    _create(event, actor=actor)
    return event
