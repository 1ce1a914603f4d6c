"""Read-only audit API (``/api/v1/audit/entries/``), scoped exactly as the audit pages."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from rest_framework import permissions, serializers, viewsets
from rest_framework.request import Request

from ksr.audit.filters import AuditEntryFilter
from ksr.audit.models import AuditEntry, can_browse_audit
from ksr.core.api import KsrAPIMixin


class CanBrowseAudit(permissions.BasePermission):
    def has_permission(self, request: Request, view: Any) -> bool:
        return bool(request.user and request.user.is_authenticated and can_browse_audit(request.user))


class AuditEntrySerializer(serializers.ModelSerializer[AuditEntry]):
    action_label = serializers.CharField(source="get_action_display", read_only=True)
    object_type = serializers.SerializerMethodField()
    object_type_label = serializers.CharField(read_only=True)

    class Meta:
        model = AuditEntry
        fields = [
            "id",
            "created_at",
            "actor",
            "actor_repr",
            "action",
            "action_label",
            "object_type",
            "object_type_label",
            "object_id",
            "object_repr",
            "organisation",
            "changes",
            "part",
            "ip_address",
        ]
        read_only_fields = fields

    def get_object_type(self, entry: AuditEntry) -> str | None:
        """``app_label.model`` of the object, e.g. ``registry.organisation``."""
        if entry.content_type is None:
            return None
        return f"{entry.content_type.app_label}.{entry.content_type.model}"


class AuditEntryViewSet(KsrAPIMixin, viewsets.ReadOnlyModelViewSet[AuditEntry]):
    """Audit entries: all for system administrators, a KIS/CIS manager's organisations for them."""

    serializer_class = AuditEntrySerializer
    filterset_class = AuditEntryFilter
    permission_classes = [permissions.IsAuthenticated, CanBrowseAudit]

    def get_queryset(self) -> QuerySet[AuditEntry]:
        return AuditEntry.objects.visible_to(self.request.user).select_related("content_type")
