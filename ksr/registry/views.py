"""Pages of the organisation registry: thin — parse (form) → fetch (scoped) → one service → render."""

from __future__ import annotations

import secrets
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from ksr.accounts.choices import Role
from ksr.core.access import LoginRequiredMixin, login_required, roles_required
from ksr.core.collation import polish
from ksr.core.listing import FilteredListView
from ksr.core.pages import form_page
from ksr.core.types import AnyUser
from ksr.registry.choices import RespondentCategory, StakeholderType
from ksr.registry.filters import OrganisationFilter
from ksr.registry.forms import ImportUploadForm, OrganisationForm, PersonForm
from ksr.registry.models import Organisation, Person
from ksr.registry.querysets import seat_prefixes
from ksr.registry.services import (
    do_create_organisation,
    do_create_person,
    do_delete_person,
    do_update_organisation,
    do_update_person,
)
from ksr.registry.tabular import EXPORT_COLUMNS, export_queryset, run_import

# Who may register organisations and import them (within their editable territory).
EDITOR_ROLES = (Role.SYSTEM_ADMIN, Role.REGIONAL_ANALYST, Role.REGIONAL_ANIMATOR, Role.LSR_COORDINATOR)
IMPORT_SESSION_KEY = "registry_import"


def may_register(user: AnyUser) -> bool:
    """Holds an editor role explicitly (``has_any_role`` also lets national analysts through)."""
    prefixes = seat_prefixes(user)
    return prefixes is None or bool(prefixes)


def _editable(user: AnyUser, organisation: Organisation) -> bool:
    return Organisation.objects.editable_by(user).filter(pk=organisation.pk).exists()


class OrganisationListView(LoginRequiredMixin, FilteredListView):
    """Organisations the user may see, filtered, paginated and exportable (CSV/XLSX)."""

    template_name = "registry/organisation_list.html"
    partial_template_name = "registry/_organisation_results.html"
    filterset_class = OrganisationFilter
    export_columns = EXPORT_COLUMNS
    export_filename = "organizacje"
    paginate_by = 25

    def get_base_queryset(self) -> QuerySet[Organisation]:
        return export_queryset(Organisation.objects.visible_to(self.request.user)).order_by(polish("name"), "id")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["may_register"] = may_register(self.request.user)
        return context


organisation_list = OrganisationListView.as_view()


def type_explanation(org: Organisation) -> tuple[str, str]:
    """Why the organisation has its stakeholder type, and where the statutory-goal status comes from."""
    reasons = {
        StakeholderType.A: _("Type A because reintegration is its main statutory goal."),
        StakeholderType.B: _("Type B because reintegration is one of its statutory goals."),
        StakeholderType.C: _(
            "Type C because reintegration is not among its statutory goals; it provides services "
            "that reintegrated persons can use like anyone else."
        ),
    }
    if org.reintegration_goal:
        source = _("The statutory-goal status was stated for this organisation.")
    else:
        source = _("This is the usual status for the kind “%(kind)s”.") % {"kind": org.get_kind_display()}
    return reasons[StakeholderType(org.stakeholder_type)], source


@login_required
def organisation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    org = get_object_or_404(
        Organisation.objects.visible_to(request.user)
        .select_related("seat__parent__parent", "parent")
        .prefetch_related("sectors", "area"),
        pk=pk,
    )
    reason, source = type_explanation(org)
    return render(
        request,
        "registry/organisation_detail.html",
        {
            "organisation": org,
            "type_reason": reason,
            "type_source": source,
            "respondent_category": RespondentCategory(org.respondent_category),
            "people": org.people.all(),
            "units": Organisation.objects.visible_to(request.user).filter(parent=org).only("id", "name"),
            "can_edit": _editable(request.user, org),
        },
    )


def _organisation_form_page(request: HttpRequest, org: Organisation | None) -> HttpResponse:
    """Register (``org`` is None) or edit an organisation; a seat outside the user's territory
    (the service's ``PermissionDenied``) is shown on the seat field."""
    form = OrganisationForm(request.POST or None, instance=org, user=request.user)

    def save(_data: dict[str, Any]) -> Organisation:
        try:
            if org is not None:
                return do_update_organisation(org, form.service_data(), actor=request.user)
            created = do_create_organisation(form.service_data(), actor=request.user)
        except PermissionDenied as exc:
            raise ValidationError({"seat": str(exc)}) from exc
        messages.success(request, _("The organisation “%(name)s” was registered.") % {"name": created.name})
        return created

    return form_page(
        request,
        form,
        save,
        title=_("Register an organisation") if org is None else _("Edit organisation"),
        back_url=reverse("registry:organisation_list") if org is None else _detail_url(org),
        success=_("The changes were saved.") if org else "",
        success_url=_detail_url,
        intro=_(
            "The stakeholder type (A, B or C) is not typed in: it follows from the place of reintegration "
            "among the statutory goals, or from the usual status of the kind when that is left empty."
        ),
    )


def _detail_url(org: Organisation) -> str:
    return reverse("registry:organisation_detail", args=[org.pk])


@roles_required(*EDITOR_ROLES)
@require_http_methods(["GET", "POST"])
def organisation_create(request: HttpRequest) -> HttpResponse:
    if not may_register(request.user):
        raise PermissionDenied
    return _organisation_form_page(request, None)


@login_required
@require_http_methods(["GET", "POST"])
def organisation_update(request: HttpRequest, pk: int) -> HttpResponse:
    org = get_object_or_404(Organisation.objects.visible_to(request.user).select_related("seat"), pk=pk)
    if not _editable(request.user, org):
        raise PermissionDenied
    return _organisation_form_page(request, org)


def _editable_org(request: HttpRequest, pk: int) -> Organisation:
    org = get_object_or_404(Organisation.objects.visible_to(request.user), pk=pk)
    if not _editable(request.user, org):
        raise PermissionDenied
    return org


def _person(request: HttpRequest, org: Organisation, person_pk: int) -> Person:
    return get_object_or_404(Person.objects.visible_to(request.user), pk=person_pk, organisation=org)


def _person_form_page(request: HttpRequest, org: Organisation, person: Person | None) -> HttpResponse:
    form = PersonForm(request.POST or None, instance=person, organisation=org)

    def save(data: dict[str, Any]) -> Person:
        if person is None:
            return do_create_person(org, data, actor=request.user)
        return do_update_person(person, data, actor=request.user)

    return form_page(
        request,
        form,
        save,
        title=_("Add a person") if person is None else _("Edit person"),
        back_url=_detail_url(org),
        success=_("The person was added.") if person is None else _("The changes were saved."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def person_create(request: HttpRequest, pk: int) -> HttpResponse:
    return _person_form_page(request, _editable_org(request, pk), None)


@login_required
@require_http_methods(["GET", "POST"])
def person_update(request: HttpRequest, pk: int, person_pk: int) -> HttpResponse:
    org = _editable_org(request, pk)
    return _person_form_page(request, org, _person(request, org, person_pk))


@login_required
@require_http_methods(["GET", "POST"])
def person_delete(request: HttpRequest, pk: int, person_pk: int) -> HttpResponse:
    org = _editable_org(request, pk)
    person = _person(request, org, person_pk)
    if request.method == "POST":
        do_delete_person(person, actor=request.user)
        messages.success(request, _("The person was removed."))
        return redirect("registry:organisation_detail", pk=org.pk)
    return render(request, "registry/person_confirm_delete.html", {"organisation": org, "person": person})


@roles_required(*EDITOR_ROLES)
@require_http_methods(["GET", "POST"])
def organisation_import(request: HttpRequest) -> HttpResponse:
    """Upload a CSV → dry-run preview (nothing written) → confirm → import the valid rows at once.

    Between the two steps the uploaded text stays in the user's own session under a random
    token that the confirm form must return; the confirm step validates every row again.
    """
    if not may_register(request.user):
        raise PermissionDenied
    context: dict[str, Any] = {"form": ImportUploadForm(), "report": None, "token": ""}
    if request.method == "POST" and "token" in request.POST:
        stored = request.session.get(IMPORT_SESSION_KEY) or {}
        token = request.POST.get("token", "")
        if not stored or not token or not secrets.compare_digest(str(stored.get("token", "")), token):
            messages.error(request, _("The preview has expired; upload the file again."))
            return redirect("registry:organisation_import")
        del request.session[IMPORT_SESSION_KEY]
        report = run_import(stored["content"], actor=request.user, dry_run=False)
        context.update(report=report, filename=stored.get("filename", ""))
        if report.importable:
            messages.success(
                request,
                _("Imported: %(created)d created, %(updated)d updated.")
                % {"created": report.created, "updated": report.updated},
            )
        return render(request, "registry/organisation_import.html", context)
    if request.method == "POST":
        form = ImportUploadForm(request.POST, request.FILES)
        context["form"] = form
        if form.is_valid():
            content = form.cleaned_data["file"]
            filename = getattr(request.FILES.get("file"), "name", "")
            report = run_import(content, actor=request.user, dry_run=True)
            context.update(report=report, filename=filename)
            if report.importable:
                token = secrets.token_urlsafe(24)
                request.session[IMPORT_SESSION_KEY] = {
                    "token": token,
                    "content": content,
                    "filename": filename,
                }
                context["token"] = token
            else:
                request.session.pop(IMPORT_SESSION_KEY, None)
    return render(request, "registry/organisation_import.html", context)


__all__ = [
    "organisation_create",
    "organisation_detail",
    "organisation_import",
    "organisation_list",
    "organisation_update",
    "person_create",
    "person_delete",
    "person_update",
]
