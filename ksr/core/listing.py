"""One list view for every registry-like list: filter once, use everywhere.

A ``FilteredListView`` takes a scoped base queryset, applies the app's FilterSet (the same one
the API uses), paginates, renders only the results partial for htmx requests, and exports
the *filtered* list as CSV or XLSX with ``?format=csv`` / ``?format=xlsx`` using the view's
``export_columns`` — streamed, or, above ``KSR_EXPORT_BACKGROUND_ROWS`` rows, by a background job
whose progress page gives a download link (``ksr.core.exports``).
Every export is written to the audit trail, and ``record_reads`` is the
one hook through which a list of personal data records a read of each row it shows or exports.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.core.paginator import EmptyPage, Page, PageNotAnInteger, Paginator
from django.db.models import QuerySet
from django.http import HttpRequest
from django.http.response import HttpResponseBase
from django.shortcuts import redirect
from django.views.generic import ListView

from ksr.audit.choices import AuditAction
from ksr.audit.services import record
from ksr.core.exports import Column, export_response, start_export_job
from ksr.core.filtering import bound_filter_values

EXPORT_FORMATS = {"csv", "xlsx"}


class UncountedPage(Page):
    """A page that knows whether a next one exists without counting the list."""

    def __init__(self, object_list: Any, number: int, paginator: Paginator, has_more: bool) -> None:
        super().__init__(object_list, number, paginator)
        self.has_more = has_more

    def has_next(self) -> bool:
        return self.has_more


class UncountedPaginator(Paginator):
    """Pages of a list too long to count on every page (the audit trail): each page reads one row
    more than it shows, to know whether there is a next page; no ``COUNT`` of the whole list."""

    uncounted = True

    def validate_number(self, number: Any) -> int:
        try:
            value = int(number)
        except (TypeError, ValueError) as error:
            raise PageNotAnInteger(self.error_messages["invalid_page"]) from error
        if value < 1:
            raise EmptyPage(self.error_messages["min_page"])
        return value

    def page(self, number: Any) -> UncountedPage:
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        rows = list(self.object_list[bottom : bottom + self.per_page + 1])
        if not rows and number > 1:
            raise EmptyPage(self.error_messages["no_results"])
        return UncountedPage(rows[: self.per_page], number, self, has_more=len(rows) > self.per_page)


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

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:  # type: ignore[override]
        fmt = request.GET.get("format", "")
        if fmt in EXPORT_FORMATS and self.export_columns:
            queryset = self.get_queryset()
            total = queryset.count()
            if total > settings.KSR_EXPORT_BACKGROUND_ROWS:
                job_id = start_export_job(
                    view=f"{type(self).__module__}.{type(self).__qualname__}",
                    user_id=int(request.user.pk or 0),  # signed in: list views require it
                    query=request.GET.urlencode(),
                    kwargs=self.kwargs,
                    fmt=fmt,
                    filename=self.export_filename,
                    total=total,
                )
                self.record_export(queryset, fmt)
                return redirect("core:export_job", job_id=job_id)
            response = export_response(
                fmt, queryset.iterator(chunk_size=2000), self.export_columns, self.export_filename
            )
            self.record_export(queryset, fmt)
            return response
        return super().get(request, *args, **kwargs)

    def export_description(self, fmt: str) -> str:
        return f"{self.export_filename}.{fmt} ({self.request.GET.urlencode()})"

    def record_export(self, objects: Iterable[Any], fmt: str) -> None:
        """Write the export to the audit trail. A list of personal data overrides this to write the
        export and a read of every exported row in one insert (``ksr.cases.reads``)."""
        if self.audit_exports and self.request.user.is_authenticated:
            record(AuditAction.EXPORT, None, actor=self.request.user, object_repr=self.export_description(fmt))

    def record_reads(self, objects: Iterable[Any]) -> None:
        """Hook for lists of personal data: record a read of ``objects``, the rows of the page shown.
        Nothing by default."""

    def get_template_names(self) -> list[str]:
        if self.partial_template_name and getattr(self.request, "htmx", False):
            return [self.partial_template_name]
        return super().get_template_names()

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        shown = context.get("object_list")
        if shown is not None and type(self).record_reads is not FilteredListView.record_reads:
            rows = list(shown)  # evaluated once: the page shows these rows and records them
            for key, value in list(context.items()):
                if value is shown:
                    context[key] = rows
            if context.get("page_obj") is not None:
                context["page_obj"].object_list = rows
            self.record_reads(rows)
        context["filter"] = self.filterset
        context["export_formats"] = sorted(EXPORT_FORMATS) if self.export_columns else []
        return context
