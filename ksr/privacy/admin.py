"""Consents in the admin: read-only (writes go through the services on the participant's pages)."""

from __future__ import annotations

from django.contrib import admin

from ksr.core.admin import ReadOnlyAdmin
from ksr.privacy.models import Consent


@admin.register(Consent)
class ConsentAdmin(ReadOnlyAdmin):
    list_display = ("participant", "partner", "service", "status", "valid_from", "valid_until", "withdrawn_at")
    list_filter = ("status", "participant_consent_form")
    search_fields = ("participant__last_name", "partner__name", "service")
    date_hierarchy = "valid_until"
    list_select_related = ("participant", "partner")
