"""Consents in the admin: read-only (writes go through the services on the participant's pages)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from ksr.privacy.models import Consent


@admin.register(Consent)
class ConsentAdmin(admin.ModelAdmin):
    list_display = ("participant", "partner", "service", "status", "valid_from", "valid_until", "withdrawn_at")
    list_filter = ("status", "participant_consent_form")
    search_fields = ("participant__last_name", "partner__name", "service")
    date_hierarchy = "valid_until"
    list_select_related = ("participant", "partner")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
