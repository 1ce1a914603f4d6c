"""Administrators read animation data here; every write goes through the product's services."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from ksr.animation.models import (
    AdviceVisit,
    AnimationEvent,
    Animator,
    Examination,
    ScenarioChoice,
    TrainingModule,
    ZrarTeam,
)


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(ZrarTeam)
class ZrarTeamAdmin(ReadOnlyAdmin):
    list_display = ("name", "region", "host")
    list_select_related = ("region", "host")


@admin.register(Animator)
class AnimatorAdmin(ReadOnlyAdmin):
    list_display = ("full_name", "home_institution", "region", "team", "status")
    list_filter = ("status",)
    search_fields = ("full_name",)
    list_select_related = ("home_institution", "region", "team")


@admin.register(TrainingModule)
class TrainingModuleAdmin(ReadOnlyAdmin):
    list_display = ("title", "animator", "completed_on")


@admin.register(Examination)
class ExaminationAdmin(ReadOnlyAdmin):
    list_display = ("animator", "taken_on", "result", "score")


@admin.register(ScenarioChoice)
class ScenarioChoiceAdmin(ReadOnlyAdmin):
    list_display = ("gmina", "readiness_level", "proposed_scenario", "scenario", "follow_up_on")
    list_select_related = ("gmina",)


@admin.register(AnimationEvent)
class AnimationEventAdmin(ReadOnlyAdmin):
    list_display = ("held_on", "kind", "title", "gmina")
    list_filter = ("kind",)
    list_select_related = ("gmina",)


@admin.register(AdviceVisit)
class AdviceVisitAdmin(ReadOnlyAdmin):
    list_display = ("visited_on", "entity", "animator", "adopted_new_profile")
    list_filter = ("adopted_new_profile",)
    list_select_related = ("entity", "animator")
