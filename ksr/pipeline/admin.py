"""Administrators see initiatives read-only (writes go through the services and pages); targets are editable."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from ksr.audit.services import record_create, record_update, snapshot
from ksr.core.admin import AdminGateMixin, ReadOnlyAdmin
from ksr.pipeline.models import Initiative, ProgrammeTarget, StageChange


class StageChangeInline(admin.TabularInline):
    model = StageChange
    extra = 0
    can_delete = False
    readonly_fields = ["from_stage", "to_stage", "changed_on", "changed_by", "note"]

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Initiative)
class InitiativeAdmin(ReadOnlyAdmin):
    list_display = ["name", "gmina", "entity_kind", "stage", "stage_since"]
    list_filter = ["stage", "entity_kind", "creation_mode"]
    search_fields = ["name", "gmina__name"]
    inlines = [StageChangeInline]


@admin.register(ProgrammeTarget)
class ProgrammeTargetAdmin(AdminGateMixin, admin.ModelAdmin):
    list_display = ["name", "total_entities", "min_per_region", "max_per_region", "min_regions", "stall_days"]

    def save_model(self, request: HttpRequest, obj: ProgrammeTarget, form: Any, change: bool) -> None:
        if change:
            before = snapshot(ProgrammeTarget.objects.get(pk=obj.pk))
            obj.save()
            record_update(obj, before, actor=request.user)
        else:
            obj.save()
            record_create(obj, actor=request.user)
