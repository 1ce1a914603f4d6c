"""Administrators see the procedure data read-only; every write goes through the services (UI/API)."""

from django.contrib import admin

from ksr.core.admin import ReadOnlyAdmin
from ksr.procedures.models import NeedRequest, NeedResponse, ProcedureCard, ProcedureRun, ProcedureTask, VariantChoice


@admin.register(ProcedureCard)
class ProcedureCardAdmin(ReadOnlyAdmin):
    list_display = ["number", "name", "group", "introducing_institution"]


@admin.register(ProcedureRun)
class ProcedureRunAdmin(ReadOnlyAdmin):
    list_display = ["card", "gmina", "network", "started_on"]
    list_select_related = ["card", "gmina", "network"]


@admin.register(ProcedureTask)
class ProcedureTaskAdmin(ReadOnlyAdmin):
    list_display = ["run", "number", "status", "due_on", "completed_on"]
    list_filter = ["status"]
    list_select_related = ["run__card", "run__gmina"]


@admin.register(NeedRequest)
class NeedRequestAdmin(ReadOnlyAdmin):
    list_display = ["requester", "kind", "needed_by", "answer_by", "closed_on"]
    list_filter = ["kind"]


@admin.register(NeedResponse)
class NeedResponseAdmin(ReadOnlyAdmin):
    list_display = ["request", "organisation", "kind", "responded_at"]


@admin.register(VariantChoice)
class VariantChoiceAdmin(ReadOnlyAdmin):
    list_display = ["gmina", "proposed_variant", "variant", "chosen_by", "chosen_on"]
