"""Admin of register entries: read-only; every write goes through the officers' pages and services."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from ksr.registers.models import RegisterEntry


@admin.register(RegisterEntry)
class RegisterEntryAdmin(admin.ModelAdmin):
    list_display = [
        "register_number",
        "organisation",
        "entity_kind",
        "voivodeship",
        "status",
        "notification_date",
        "entry_date",
    ]
    list_filter = ["entity_kind", "status", "creation_mode", "voivodeship"]
    search_fields = ["register_number", "organisation__name", "founding_body__name"]
    list_select_related = ["organisation", "voivodeship"]
    date_hierarchy = "notification_date"

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        return [f.name for f in RegisterEntry._meta.fields]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
