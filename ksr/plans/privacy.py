"""Privacy hooks (registered in ``PlansConfig.ready``): a participant's copy of their plans data,
and anonymisation of the free text written about them."""

from __future__ import annotations

from typing import Any

from django.db import models

from ksr.cases.models import Participant
from ksr.plans import models as plans

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


# What a participant's copy contains: (section, model, the path from the model to the participant,
# whether the bookkeeping fields created_by/updated_by are left out).
EXPORTED: tuple[tuple[str, type[models.Model], str, bool], ...] = (
    ("contracts", plans.Contract, "case__participant", True),
    ("contract_versions", plans.ContractVersion, "contract__case__participant", True),
    ("contract_reviews", plans.ContractReview, "contract__case__participant", True),
    ("sanction_decisions", plans.SanctionDecision, "contract__case__participant", True),
    ("action_plans", plans.ActionPlan, "case__participant", True),
    ("plan_goals", plans.PlanGoal, "plan__case__participant", True),
    ("potential_assessments", plans.PotentialAssessment, "case__participant", True),
    ("potential_items", plans.PotentialItem, "assessment__case__participant", False),
    ("card_entries", plans.ServiceCardEntry, "case__participant", True),
    ("outcome_assessments", plans.OutcomeAssessment, "case__participant", True),
    ("outcome_scores", plans.OutcomeScore, "assessment__case__participant", False),
    ("outcome_events", plans.OutcomeEvent, "case__participant", True),
)


def export_participant(participant: Participant) -> dict[str, Any]:
    """Everything the plans app holds about ``participant`` (all their cases)."""
    return {
        section: _rows(
            model._default_manager.filter(**{path: participant}), ("created_by", "updated_by") if bookkeeping else ()
        )
        for section, model, path, bookkeeping in EXPORTED
    }


def anonymise_participant(participant: Participant) -> None:
    """Replace the free text about ``participant`` (idempotent). Dates, scores and kinds stay
    for the statistics; the card stays append-only for every other purpose."""
    cases = {"case__participant": participant}
    via_contract = {"contract__case__participant": participant}
    plans.ContractVersion.objects.filter(**via_contract).update(
        content=SCRUBBED, participant_words=SCRUBBED, change_reason=SCRUBBED
    )
    plans.ContractReview.objects.filter(**via_contract).update(note=SCRUBBED)
    plans.SanctionDecision.objects.filter(**via_contract).update(reason=SCRUBBED)
    plans.ActionPlan.objects.filter(**cases).update(diagnosis_summary=SCRUBBED, participant_words=SCRUBBED)
    plans.PlanGoal.objects.filter(plan__case__participant=participant).update(goal=SCRUBBED, actions=SCRUBBED)
    plans.PotentialAssessment.objects.filter(**cases).update(summary=SCRUBBED)
    plans.PotentialItem.objects.filter(assessment__case__participant=participant).update(note=SCRUBBED)
    for entry in plans.ServiceCardEntry.objects.filter(**cases):
        filled = {n: SCRUBBED for n in (*plans.FREE_TEXT_FIELDS, "correction_reason") if getattr(entry, n)}
        if filled:
            plans.ServiceCardEntry.objects.filter(pk=entry.pk).scrub(**filled)
    plans.OutcomeAssessment.objects.filter(**cases).update(comment=SCRUBBED)
    plans.OutcomeScore.objects.filter(assessment__case__participant=participant).update(comment=SCRUBBED)
    plans.OutcomeEvent.objects.filter(**cases).update(note=SCRUBBED)
