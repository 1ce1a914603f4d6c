"""Downloading a record's document (PDF or ODT), the issued document with its signed copy, and the
organisation's document settings.

Access: downloads and the issued document are ``login_required`` and fetch the record through the
kind's ``visible(user)`` queryset, so another organisation's record answers 404; each download
records a read of the record in the audit trail. The settings page is the KIS/CIS manager's
(``roles_required(ENTITY_MANAGER)``, and only for an organisation they manage: 404 otherwise).
"""

from __future__ import annotations

from typing import Any

from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from ksr.accounts.choices import Role
from ksr.accounts.scope import scope_for
from ksr.audit.reads import record_view_read
from ksr.core.access import login_required, roles_required
from ksr.core.pages import form_page
from ksr.documents import services
from ksr.documents.forms import DocumentSettingsForm, SignedCopyForm
from ksr.documents.models import IssuedDocument
from ksr.documents.registry import DocumentKind, document_kind
from ksr.registry.models import Organisation


def _kind(code: str) -> DocumentKind:
    kind = document_kind(code)
    if kind is None:
        raise Http404
    return kind


def _record(request: HttpRequest, kind: DocumentKind, pk: int) -> Any:
    return get_object_or_404(kind.visible(request.user), pk=pk)


def _subject(kind: DocumentKind, record: Any) -> Any:
    return kind.subject(record) if kind.subject else record


def _back(request: HttpRequest, default: str) -> str:
    """Where "Back" leads: the page the user came from (this site only), else ``default``."""
    came_from = request.META.get("HTTP_REFERER", "")
    if came_from and url_has_allowed_host_and_scheme(came_from, {request.get_host()}, request.is_secure()):
        return came_from
    return default


def file_name(identifier: str, extension: str) -> str:
    return identifier.replace("/", "_") + "." + extension


@login_required
@require_GET
def download(request: HttpRequest, code: str, pk: int, fmt: str) -> HttpResponse:
    kind = _kind(code)
    if fmt not in services.FORMATS:
        raise Http404
    record = _record(request, kind, pk)
    issued, data = services.generate(kind, record, fmt, actor=request.user)
    record_view_read(request, _subject(kind, record), f"document {kind.code}")
    response = HttpResponse(data, content_type=services.FORMATS[fmt][0])
    response["Content-Disposition"] = f'attachment; filename="{file_name(issued.identifier, fmt)}"'
    return response


def _issued(request: HttpRequest, pk: int) -> tuple[IssuedDocument, DocumentKind, Any]:
    issued = get_object_or_404(IssuedDocument.objects.select_related("organisation"), pk=pk)
    kind = _kind(issued.kind)
    record = _record(request, kind, issued.object_id)
    return issued, kind, record


@login_required
@require_http_methods(["GET", "POST"])
def issued_detail(request: HttpRequest, pk: int) -> HttpResponse:
    issued, kind, record = _issued(request, pk)
    form = SignedCopyForm(request.POST or None, request.FILES or None)
    url = reverse("documents:issued", kwargs={"pk": issued.pk})
    may_configure = issued.organisation_id in scope_for(request.user).organisations_for(Role.ENTITY_MANAGER)
    return form_page(
        request,
        form,
        lambda data: services.do_attach_signed_copy(issued, data["signed_copy"], actor=request.user),
        title=_("Document %(identifier)s") % {"identifier": issued.identifier},
        back_url=_back(request, url),
        success_url=url,
        success=_("The signed copy is attached."),
        template="documents/issued.html",
        issued=issued,
        kind=kind,
        record=record,
        multipart=True,
        submit_label=_("Attach the signed copy"),
        settings_url=(
            reverse("documents:settings", kwargs={"organisation_pk": issued.organisation_id}) if may_configure else ""
        ),
    )


@login_required
@require_GET
def signed_copy(request: HttpRequest, pk: int) -> FileResponse:
    issued, kind, record = _issued(request, pk)
    if not issued.signed_copy:
        raise Http404
    record_view_read(request, _subject(kind, record), f"signed copy {kind.code}")
    extension = issued.signed_copy.name.rsplit(".", 1)[-1]
    return FileResponse(
        issued.signed_copy.open("rb"), as_attachment=True, filename=file_name(issued.identifier, extension)
    )


@roles_required(Role.ENTITY_MANAGER)
@require_http_methods(["GET", "POST"])
def document_settings(request: HttpRequest, organisation_pk: int) -> HttpResponse:
    managed = scope_for(request.user).organisations_for(Role.ENTITY_MANAGER)
    organisation = get_object_or_404(Organisation.objects.filter(pk__in=managed), pk=organisation_pk)
    chosen = services.settings_of(organisation)
    initial = {
        "code": chosen.code,
        "header_name": chosen.header_name,
        "header_address": chosen.header_address,
        "closing_formula": chosen.closing_formula,
    }
    form = DocumentSettingsForm(request.POST or None, request.FILES or None, initial=initial)
    url = reverse("documents:settings", kwargs={"organisation_pk": organisation.pk})
    return form_page(
        request,
        form,
        lambda data: services.do_update_document_settings(
            organisation, data, actor=request.user, logo=data.get("logo")
        ),
        title=_("Documents of %(organisation)s") % {"organisation": organisation},
        back_url=url,
        success=_("The document settings are saved."),
        multipart=True,
        lead=_(
            "The header, the logo and the closing formula appear on every document the organisation "
            "prints. The identifier reads code/year/kind/number, for example %(example)s."
        )
        % {"example": f"{services.organisation_code(organisation)}/2026/UMOWA/0007"},
    )
