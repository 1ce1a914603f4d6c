"""Admin of partnerships: read-only for system administrators (writes go through the pages/API services)."""

from __future__ import annotations

from django.contrib import admin

from ksr.core.admin import ReadOnlyAdmin
from ksr.partnerships.models import (
    AgreementVersion,
    AttitudeAssessment,
    Conclusion,
    Pact,
    PactSignatory,
    Partner,
    Partnership,
    SynergyTeam,
)


@admin.register(Partnership)
class PartnershipAdmin(ReadOnlyAdmin):
    list_display = ("name", "network", "leader", "form", "status", "signed_on")
    list_filter = ("status", "form")
    search_fields = ("name", "goal")
    list_select_related = ("network", "leader")


@admin.register(Partner)
class PartnerAdmin(ReadOnlyAdmin):
    list_display = ("organisation", "partnership", "role", "joined_on", "left_on")
    list_select_related = ("organisation", "partnership")


@admin.register(AgreementVersion)
class AgreementVersionAdmin(ReadOnlyAdmin):
    list_display = ("partnership", "number", "uploaded_at", "uploaded_by", "signed_on")
    exclude = ("file",)


@admin.register(Conclusion)
class ConclusionAdmin(ReadOnlyAdmin):
    list_display = ("__str__", "assignee", "due_on", "status")
    list_filter = ("status",)


@admin.register(Pact)
class PactAdmin(ReadOnlyAdmin):
    list_display = ("title", "network", "status", "signed_on", "dissolved_on")
    list_filter = ("status",)


@admin.register(PactSignatory)
class PactSignatoryAdmin(ReadOnlyAdmin):
    list_display = ("organisation", "pact", "joined_on", "withdrawn_on")


@admin.register(SynergyTeam)
class SynergyTeamAdmin(ReadOnlyAdmin):
    list_display = ("name", "network", "formed_by_kind", "chosen_form")


@admin.register(AttitudeAssessment)
class AttitudeAssessmentAdmin(ReadOnlyAdmin):
    list_display = ("organisation", "network", "assessed_on", "attitude")
    list_filter = ("attitude",)
