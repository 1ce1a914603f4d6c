"""Admin of the plans app: read-only for system administrators (writes only through the pages,
the API and the services; the services card is append-only anyway)."""

from __future__ import annotations

from django.contrib import admin

from ksr.core.admin import ReadOnlyAdmin
from ksr.plans.models import (
    ActionPlan,
    Contract,
    ContractReview,
    ContractVersion,
    OutcomeAssessment,
    OutcomeEvent,
    PotentialAssessment,
    SanctionDecision,
    ServiceCardEntry,
)


@admin.register(Contract)
class ContractAdmin(ReadOnlyAdmin):
    list_display = ("id", "case", "kind", "status", "next_review_on")
    list_filter = ("kind", "status")
    list_select_related = ("case__participant", "case__organisation")


@admin.register(ContractVersion)
class ContractVersionAdmin(ReadOnlyAdmin):
    list_display = ("contract", "number", "valid_from", "participant_signed_on", "worker_signed_on")


@admin.register(ContractReview)
class ContractReviewAdmin(ReadOnlyAdmin):
    list_display = ("contract", "reviewed_on", "outcome")


@admin.register(SanctionDecision)
class SanctionDecisionAdmin(ReadOnlyAdmin):
    list_display = ("contract", "decision", "decided_on")


@admin.register(ActionPlan)
class ActionPlanAdmin(ReadOnlyAdmin):
    list_display = ("case", "status", "set_on")
    list_filter = ("status",)


@admin.register(PotentialAssessment)
class PotentialAssessmentAdmin(ReadOnlyAdmin):
    list_display = ("case", "assessed_on", "assessed_by")


@admin.register(ServiceCardEntry)
class ServiceCardEntryAdmin(ReadOnlyAdmin):
    list_display = ("case", "part", "entered_on", "author", "corrects")
    list_filter = ("part",)


@admin.register(OutcomeAssessment)
class OutcomeAssessmentAdmin(ReadOnlyAdmin):
    list_display = ("case", "assessed_on", "assessed_by")


@admin.register(OutcomeEvent)
class OutcomeEventAdmin(ReadOnlyAdmin):
    list_display = ("case", "kind", "outcome_type", "occurred_on")
    list_filter = ("outcome_type", "kind")
