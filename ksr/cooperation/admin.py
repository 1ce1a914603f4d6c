"""Admin of the forum and the assessment cards: read-only, for system administrators (writes go through the pages)."""

from __future__ import annotations

from django.contrib import admin

from ksr.cooperation.models import (
    ActionItem,
    CooperationAssessment,
    Decision,
    Forum,
    ImprovementAction,
    Meeting,
    MinutesDispatch,
    Representative,
    TaskGroup,
)
from ksr.core.admin import ReadOnlyAdmin


@admin.register(Forum)
class ForumAdmin(ReadOnlyAdmin):
    list_display = ("network", "created_at")
    list_select_related = ("network",)


@admin.register(Representative)
class RepresentativeAdmin(ReadOnlyAdmin):
    list_display = ("display_name", "organisation", "role", "forum", "until")
    list_select_related = ("organisation", "person", "forum__network")


@admin.register(TaskGroup)
class TaskGroupAdmin(ReadOnlyAdmin):
    list_display = ("name", "topic", "forum", "is_active")


@admin.register(Meeting)
class MeetingAdmin(ReadOnlyAdmin):
    list_display = ("title", "kind", "planned_on", "held_on", "status", "forum")
    list_filter = ("kind", "status")
    list_select_related = ("forum__network",)
    search_fields = ("title",)


@admin.register(Decision)
class DecisionAdmin(ReadOnlyAdmin):
    list_display = ("__str__", "method", "meeting")


@admin.register(ActionItem)
class ActionItemAdmin(ReadOnlyAdmin):
    list_display = ("title", "owner", "due_on", "status")


@admin.register(MinutesDispatch)
class MinutesDispatchAdmin(ReadOnlyAdmin):
    list_display = ("meeting", "sent_at")


@admin.register(CooperationAssessment)
class CooperationAssessmentAdmin(ReadOnlyAdmin):
    list_display = ("organisation", "network", "year", "half", "filled_on")
    list_filter = ("year", "half")
    list_select_related = ("organisation", "network")


@admin.register(ImprovementAction)
class ImprovementActionAdmin(ReadOnlyAdmin):
    list_display = ("title", "owner", "network", "due_on", "status")
