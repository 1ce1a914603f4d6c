"""The audit trail in the admin: strictly read-only, even for superusers."""

from __future__ import annotations

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest

from ksr.audit.models import AuditEntry
from ksr.core.admin import ReadOnlyAdmin


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "actor_repr", "action", "content_type", "object_repr", "organisation", "part"]
    list_filter = ["action", "content_type"]
    search_fields = ["object_repr", "actor_repr", "object_id"]
    date_hierarchy = "created_at"
    list_select_related = ["content_type", "organisation"]
    readonly_fields = [f.name for f in AuditEntry._meta.concrete_fields]

    def get_queryset(self, request: HttpRequest) -> QuerySet[AuditEntry]:
        return AuditEntry.objects.visible_to(request.user)
