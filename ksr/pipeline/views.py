"""Pages of the pipeline: thin — parse (form) → fetch (scoped) → one service → render."""

from __future__ import annotations

import csv
import io
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from ksr.accounts.choices import Role
from ksr.audit.choices import AuditAction
from ksr.audit.services import record
from ksr.core.access import RolesRequiredMixin, roles_required
from ksr.core.listing import FilteredListView
from ksr.core.pages import form_page
from ksr.core.types import AnyUser
from ksr.pipeline.choices import LEGAL_STEPS
from ksr.pipeline.filters import InitiativeFilter
from ksr.pipeline.forms import InitiativeForm, TransitionForm
from ksr.pipeline.funnel import funnel_csv_rows, progress
from ksr.pipeline.models import Initiative
from ksr.pipeline.querysets import VIEW_ROLES
from ksr.pipeline.reports import REPORT_KINDS, ReportUnavailable, build_document, render_pdf, render_xlsx
from ksr.pipeline.services import (
    do_create_initiative,
    do_set_legal_step,
    do_transition_initiative,
    may_create_anywhere,
)


def _editable(user: AnyUser, initiative: Initiative) -> bool:
    return Initiative.objects.editable_by(user).filter(pk=initiative.pk).exists()


class InitiativeListView(RolesRequiredMixin, FilteredListView):
    required_roles = VIEW_ROLES
    template_name = "pipeline/initiative_list.html"
    partial_template_name = "pipeline/_initiative_results.html"
    filterset_class = InitiativeFilter
    export_filename = "inicjatywy"
    paginate_by = 25

    export_columns = [
        (gettext_lazy("Working name"), lambda i: i.name),
        (gettext_lazy("Gmina"), lambda i: i.gmina.name),
        (gettext_lazy("TERYT"), lambda i: i.gmina.code),
        (gettext_lazy("Entity"), lambda i: i.get_entity_kind_display()),
        (gettext_lazy("Stage"), lambda i: i.get_stage_display()),
        (gettext_lazy("In this stage since"), lambda i: i.stage_since.isoformat()),
        (gettext_lazy("Mode of creation"), lambda i: i.get_creation_mode_display()),
        (gettext_lazy("Founding act"), lambda i: i.founding_act_number),
        (gettext_lazy("Register number"), lambda i: i.register_entry.register_number if i.register_entry else ""),
    ]

    def get_base_queryset(self) -> QuerySet[Initiative]:
        return Initiative.objects.visible_to(self.request.user).with_related()

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["may_create"] = may_create_anywhere(self.request.user)
        return context


initiative_list = InitiativeListView.as_view()


@roles_required(Role.SYSTEM_ADMIN, Role.REGIONAL_ANIMATOR)
@require_http_methods(["GET", "POST"])
def initiative_create(request: HttpRequest) -> HttpResponse:
    def save(data: dict[str, Any]) -> Initiative:
        try:
            return do_create_initiative(data, actor=request.user)
        except PermissionDenied as exc:
            raise ValidationError({"gmina": _("You may create initiatives only in your region.")}) from exc

    return form_page(
        request,
        InitiativeForm(request.POST or None),
        save,
        title=_("New initiative"),
        back_url=reverse("pipeline:initiative_list"),
        success=_("The initiative was created."),
        success_url=lambda initiative: reverse("pipeline:initiative_detail", args=[initiative.pk]),
    )


@roles_required(*VIEW_ROLES)
def initiative_detail(request: HttpRequest, pk: int) -> HttpResponse:
    initiative = get_object_or_404(Initiative.objects.visible_to(request.user).with_related(), pk=pk)
    editable = _editable(request.user, initiative)
    return render(
        request,
        "pipeline/initiative_detail.html",
        {
            "initiative": initiative,
            "changes": initiative.changes.select_related("changed_by"),
            "editable": editable,
            "may_transition": editable and bool(initiative.allowed_targets()),
            "legal_steps": initiative.legal_steps(),
        },
    )


@roles_required(Role.SYSTEM_ADMIN, Role.REGIONAL_ANIMATOR)
@require_http_methods(["GET", "POST"])
def initiative_transition(request: HttpRequest, pk: int) -> HttpResponse:
    initiative = get_object_or_404(Initiative.objects.visible_to(request.user).with_related(), pk=pk)
    if not _editable(request.user, initiative):
        raise PermissionDenied
    form = TransitionForm(request.POST or None, initiative=initiative)
    return form_page(
        request,
        form,
        lambda data: do_transition_initiative(
            initiative, data["to_stage"], on=data["on"], note=data["note"], data=form.service_data(), actor=request.user
        ),
        title=_("Change the stage"),
        submit_label=_("Change the stage"),
        back_url=reverse("pipeline:initiative_detail", args=[initiative.pk]),
        success=_("The stage was changed."),
        template="pipeline/transition_form.html",
        initiative=initiative,
    )


@roles_required(Role.SYSTEM_ADMIN, Role.REGIONAL_ANIMATOR)
@require_POST
def initiative_legal_step(request: HttpRequest, pk: int) -> HttpResponse:
    initiative = get_object_or_404(Initiative.objects.visible_to(request.user), pk=pk)
    if not _editable(request.user, initiative):
        raise PermissionDenied
    key = request.POST.get("step", "")
    try:
        do_set_legal_step(initiative, key, request.POST.get("done") == "1", actor=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("pipeline:initiative_detail", pk=initiative.pk)


@roles_required(*VIEW_ROLES)
def funnel(request: HttpRequest) -> HttpResponse:
    prog = progress(Initiative.objects.visible_to(request.user))
    if request.GET.get("format") == "csv":
        record(AuditAction.EXPORT, None, actor=request.user, object_repr="lejek.csv")
        buffer = io.StringIO()
        buffer.write("\ufeff")
        writer = csv.writer(buffer, delimiter=";")
        writer.writerow([_("Region"), _("Stage"), _("Now"), _("Reached"), _("Conversion %"), _("Median days")])
        writer.writerows(funnel_csv_rows(prog))
        response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="lejek.csv"'
        return response
    return render(request, "pipeline/funnel.html", {"progress": prog, "legal_modes": LEGAL_STEPS})


@roles_required(*VIEW_ROLES)
def reports(request: HttpRequest) -> HttpResponse:
    return render(request, "pipeline/reports.html", {"kinds": REPORT_KINDS.items()})


@roles_required(*VIEW_ROLES)
def report_download(request: HttpRequest, kind: str, fmt: str) -> HttpResponse:
    if kind not in REPORT_KINDS or fmt not in ("pdf", "xlsx"):
        raise Http404
    document = build_document(kind, request.user)
    try:
        content = render_pdf(document) if fmt == "pdf" else render_xlsx(document)
    except ReportUnavailable as exc:
        return HttpResponse(str(exc), status=503, content_type="text/plain; charset=utf-8")
    record(AuditAction.EXPORT, None, actor=request.user, object_repr=f"raport-{kind}.{fmt}")
    content_type = (
        "application/pdf" if fmt == "pdf" else "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="raport-{kind}.{fmt}"'
    return response
