"""Admin of the networks, for system administrators only, read-only: writes go through the pages and
the API, which call the audited services."""

from __future__ import annotations

from django.contrib import admin

from ksr.core.admin import ReadOnlyAdmin
from ksr.networks.models import (
    AuspicesAct,
    Network,
    NetworkMembership,
    Recommendation,
    RegionalTask,
    TeamMember,
    TechnicalAssistance,
)


@admin.register(Network)
class NetworkAdmin(ReadOnlyAdmin):
    list_display = ("name", "level", "territory", "main_node", "parent", "creation_variant", "is_active")
    list_filter = ("level", "creation_variant", "is_active")
    search_fields = ("name", "main_node__name")
    list_select_related = ("territory", "main_node", "parent")


@admin.register(NetworkMembership)
class NetworkMembershipAdmin(ReadOnlyAdmin):
    list_display = ("network", "organisation", "member_network", "joined_on", "left_on")
    list_filter = ("network__level",)
    search_fields = ("network__name", "organisation__name")
    list_select_related = ("network", "organisation", "member_network")


@admin.register(AuspicesAct)
class AuspicesActAdmin(ReadOnlyAdmin):
    list_display = ("network", "kind", "number", "date")
    list_select_related = ("network",)


@admin.register(TeamMember)
class TeamMemberAdmin(ReadOnlyAdmin):
    list_display = ("network", "person", "team_role", "since")
    list_select_related = ("network", "person")


@admin.register(TechnicalAssistance)
class TechnicalAssistanceAdmin(ReadOnlyAdmin):
    list_display = ("network", "lsr", "provided_on", "form", "subject", "outcome")
    list_select_related = ("network", "lsr")


@admin.register(RegionalTask)
class RegionalTaskAdmin(ReadOnlyAdmin):
    list_display = ("network", "task_type", "title", "due_on", "status")
    list_filter = ("task_type", "status")
    list_select_related = ("network",)


@admin.register(Recommendation)
class RecommendationAdmin(ReadOnlyAdmin):
    list_display = ("network", "title", "status", "created_at")
    list_filter = ("status",)
    list_select_related = ("network",)
