"""Administrators read animation data here; every write goes through the product's services."""

from __future__ import annotations

from django.contrib import admin

from ksr.animation import models
from ksr.core.admin import ReadOnlyAdmin


@admin.register(models.ZrarTeam)
class ZrarTeamAdmin(ReadOnlyAdmin):
    list_display = ("name", "region", "host")
    list_select_related = ("region", "host")


@admin.register(models.Animator)
class AnimatorAdmin(ReadOnlyAdmin):
    list_display = ("full_name", "home_institution", "region", "team", "status")
    list_filter = ("status",)
    search_fields = ("full_name",)
    list_select_related = ("home_institution", "region", "team")


@admin.register(models.TrainingModule)
class TrainingModuleAdmin(ReadOnlyAdmin):
    list_display = ("title", "animator", "completed_on")


@admin.register(models.Examination)
class ExaminationAdmin(ReadOnlyAdmin):
    list_display = ("animator", "taken_on", "result", "score")


@admin.register(models.ScenarioChoice)
class ScenarioChoiceAdmin(ReadOnlyAdmin):
    list_display = ("gmina", "readiness_level", "proposed_scenario", "scenario", "follow_up_on")
    list_select_related = ("gmina",)


@admin.register(models.AnimationEvent)
class AnimationEventAdmin(ReadOnlyAdmin):
    list_display = ("held_on", "kind", "title", "gmina")
    list_filter = ("kind",)
    list_select_related = ("gmina",)


@admin.register(models.AdviceVisit)
class AdviceVisitAdmin(ReadOnlyAdmin):
    list_display = ("visited_on", "entity", "animator", "adopted_new_profile")
    list_filter = ("adopted_new_profile",)
    list_select_related = ("entity", "animator")
