"""Browsing the audit trail: administrators see all of it, KIS/CIS managers their organisations'."""

from __future__ import annotations

import json
from typing import Any, cast

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView

from ksr.audit.filters import AuditEntryFilter
from ksr.audit.models import AUDIT_ROLES, AuditEntry, can_browse_audit
from ksr.core.access import RolesRequiredMixin
from ksr.core.exports import Column
from ksr.core.listing import FilteredListView, UncountedPaginator


class AuditAccessMixin(RolesRequiredMixin):
    """The audit roles, held for real: a national reach alone does not open the audit trail."""

    required_roles = AUDIT_ROLES

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.user.is_authenticated and not can_browse_audit(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


def _scoped(request: HttpRequest) -> QuerySet[AuditEntry]:
    return AuditEntry.objects.visible_to(request.user).select_related("content_type", "organisation")


class AuditEntryListView(AuditAccessMixin, FilteredListView):
    model = AuditEntry
    filterset_class = AuditEntryFilter
    template_name = "audit/entry_list.html"
    partial_template_name = "audit/_entry_results.html"
    context_object_name = "entries"
    export_filename = "audit"
    paginate_by = 50
    paginator_class = UncountedPaginator  # the trail grows with every read: never counted per page
    # Lazy headers, rendered with str() by the exporter in the request's language.
    export_columns = cast(
        list[Column],
        [
            (_("When"), lambda e: timezone.localtime(e.created_at).strftime("%Y-%m-%d %H:%M:%S")),
            (_("Who"), lambda e: e.actor_repr),
            (_("Action"), lambda e: e.get_action_display()),
            (_("Object type"), lambda e: e.object_type_label),
            (_("Object id"), lambda e: e.object_id),
            (_("Object"), lambda e: e.object_repr),
            (_("Organisation"), lambda e: e.organisation_name),
            (_("Part read"), lambda e: e.part_label),
            (_("IP address"), lambda e: e.ip_address),
            (_("Changes"), lambda e: json.dumps(e.changes, ensure_ascii=False, sort_keys=True) if e.changes else ""),
        ],
    )

    def get_base_queryset(self) -> QuerySet[AuditEntry]:
        return _scoped(self.request)


class AuditEntryDetailView(AuditAccessMixin, DetailView):
    template_name = "audit/entry_detail.html"
    context_object_name = "entry"

    def get_queryset(self) -> QuerySet[AuditEntry]:
        # Another organisation's entry is not found (404), never forbidden.
        return _scoped(self.request)
