"""Privacy hooks (registered in ``PlansConfig.ready``): a participant's copy of their plans data,
and anonymisation of the free text written about them."""

from __future__ import annotations

from typing import Any

from django.db import models

from ksr.plans.models import (
    FREE_TEXT_FIELDS,
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

SCRUBBED = "[anonimizowano]"


def _rows(qs: models.QuerySet[Any], exclude: tuple[str, ...] = ("created_by", "updated_by")) -> list[dict[str, Any]]:
    out = []
    for obj in qs:
        row: dict[str, Any] = {}
        for field in obj._meta.concrete_fields:
            if field.name in exclude:
                continue
            value = getattr(obj, field.attname)
            row[field.name] = value.isoformat() if hasattr(value, "isoformat") else value
        out.append(row)
    return out


def export_participant(participant: Any) -> dict[str, Any]:
    """Everything the plans app holds about ``participant`` (all their cases)."""
    cases = {"case__participant": participant}
    return {
        "contracts": _rows(Contract.objects.filter(**cases)),
        "contract_versions": _rows(ContractVersion.objects.filter(contract__case__participant=participant)),
        "contract_reviews": _rows(ContractReview.objects.filter(contract__case__participant=participant)),
        "sanction_decisions": _rows(SanctionDecision.objects.filter(contract__case__participant=participant)),
        "action_plans": _rows(ActionPlan.objects.filter(**cases)),
        "plan_goals": _rows(PlanGoal.objects.filter(plan__case__participant=participant)),
        "potential_assessments": _rows(PotentialAssessment.objects.filter(**cases)),
        "potential_items": _rows(PotentialItem.objects.filter(assessment__case__participant=participant), exclude=()),
        "card_entries": _rows(ServiceCardEntry.objects.filter(**cases)),
        "outcome_assessments": _rows(OutcomeAssessment.objects.filter(**cases)),
        "outcome_scores": _rows(OutcomeScore.objects.filter(assessment__case__participant=participant), exclude=()),
        "outcome_events": _rows(OutcomeEvent.objects.filter(**cases)),
    }


def anonymise_participant(participant: Any) -> None:
    """Replace the free text about ``participant`` (idempotent). Dates, scores and kinds stay
    for the statistics; the card stays append-only for every other purpose."""
    cases = {"case__participant": participant}
    via_contract = {"contract__case__participant": participant}
    ContractVersion.objects.filter(**via_contract).update(
        content=SCRUBBED, participant_words=SCRUBBED, change_reason=SCRUBBED
    )
    ContractReview.objects.filter(**via_contract).update(note=SCRUBBED)
    SanctionDecision.objects.filter(**via_contract).update(reason=SCRUBBED)
    ActionPlan.objects.filter(**cases).update(diagnosis_summary=SCRUBBED, participant_words=SCRUBBED)
    PlanGoal.objects.filter(plan__case__participant=participant).update(goal=SCRUBBED, actions=SCRUBBED)
    PotentialAssessment.objects.filter(**cases).update(summary=SCRUBBED)
    PotentialItem.objects.filter(assessment__case__participant=participant).update(note=SCRUBBED)
    for entry in ServiceCardEntry.objects.filter(**cases):
        filled = {n: SCRUBBED for n in (*FREE_TEXT_FIELDS, "correction_reason") if getattr(entry, n)}
        if filled:
            ServiceCardEntry.objects.filter(pk=entry.pk).scrub(**filled)
    OutcomeAssessment.objects.filter(**cases).update(comment=SCRUBBED)
    OutcomeScore.objects.filter(assessment__case__participant=participant).update(comment=SCRUBBED)
    OutcomeEvent.objects.filter(**cases).update(note=SCRUBBED)
