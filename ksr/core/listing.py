"""One list view for every registry-like list: filter once, use everywhere.

A ``FilteredListView`` takes a scoped base queryset, applies the app's FilterSet (the same one
the API uses), paginates, renders only the results partial for htmx requests, and exports
the *filtered* list as CSV or XLSX with ``?format=csv`` / ``?format=xlsx`` using the view's
``export_columns``. Every export is written to the audit trail.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.views.generic import ListView

from ksr.audit.choices import AuditAction
from ksr.audit.services import record
from ksr.core.exports import Column, export_response
from ksr.core.filtering import bound_filter_values

EXPORT_FORMATS = {"csv", "xlsx"}


class FilteredListView(ListView):
    filterset_class: Any = None
    export_columns: list[Column] = []
    export_filename = "export"
    paginate_by = 25
    partial_template_name: str | None = None
    audit_exports = True

    def get_base_queryset(self) -> QuerySet[Any]:
        raise NotImplementedError("return the queryset scoped to self.request.user")

    def get_queryset(self) -> QuerySet[Any]:
        base = self.get_base_queryset()
        if self.filterset_class is None:
            self.filterset = None
            return base
        self.filterset = self.filterset_class(self.request.GET or None, queryset=base, request=self.request)
        bound_filter_values(self.filterset)
        if self.filterset.is_bound and not self.filterset.is_valid():
            return base.none()
        return self.filterset.qs

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        fmt = request.GET.get("format", "")
        if fmt in EXPORT_FORMATS and self.export_columns:
            queryset = self.get_queryset()
            if self.audit_exports and request.user.is_authenticated:
                record(
                    AuditAction.EXPORT,
                    None,
                    actor=request.user,
                    object_repr=f"{self.export_filename}.{fmt} ({request.GET.urlencode()})",
                )
            return export_response(fmt, queryset.iterator(chunk_size=2000), self.export_columns, self.export_filename)
        return super().get(request, *args, **kwargs)

    def get_template_names(self) -> list[str]:
        if self.partial_template_name and getattr(self.request, "htmx", False):
            return [self.partial_template_name]
        return super().get_template_names()

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["filter"] = self.filterset
        context["export_formats"] = sorted(EXPORT_FORMATS) if self.export_columns else []
        return context
