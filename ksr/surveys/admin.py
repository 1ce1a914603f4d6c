"""Administrators read surveys and interviews here; writes go through the app's pages and services."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from ksr.core.admin import ReadOnlyAdmin
from ksr.surveys.models import Interview, Invitation, Response, Survey


class InvitationInline(admin.TabularInline):
    model = Invitation
    extra = 0
    can_delete = False
    readonly_fields = ["organisation", "email", "sent_at"]

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Survey)
class SurveyAdmin(ReadOnlyAdmin):
    list_display = ["title", "gmina", "starts_on", "ends_on"]
    search_fields = ["title", "gmina__name", "gmina__code"]
    list_select_related = ["gmina"]
    inlines = [InvitationInline]


@admin.register(Response)
class ResponseAdmin(ReadOnlyAdmin):
    list_display = ["pk", "survey", "category", "channel", "submitted_on"]
    list_filter = ["channel", "category"]
    list_select_related = ["survey"]


@admin.register(Interview)
class InterviewAdmin(ReadOnlyAdmin):
    list_display = ["held_on", "kind", "gmina", "duration_minutes", "rating"]
    list_filter = ["kind"]
    list_select_related = ["gmina"]
