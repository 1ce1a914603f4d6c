"""Admin of register entries: read-only; every write goes through the officers' pages and services."""

from __future__ import annotations

from django.contrib import admin

from ksr.core.admin import ReadOnlyAdmin
from ksr.registers.models import RegisterEntry


@admin.register(RegisterEntry)
class RegisterEntryAdmin(ReadOnlyAdmin):
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
