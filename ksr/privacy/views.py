"""Pages of the privacy app: thin — parse (form) → fetch (scoped) → one service → render.

Participant pages fetch through ``Participant.objects.visible_to`` (holder staff) or
``partner_participants`` (partners with live consents): anyone else gets 404, never a hint
that the person exists. Every page showing a participant writes a read to the audit trail.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from typing import Any

from django.contrib import messages
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Q, QuerySet
from django.forms import BaseForm
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from ksr.accounts.choices import Role
from ksr.accounts.scope import scope_for
from ksr.audit.choices import AuditAction
from ksr.audit.models import AuditEntry
from ksr.audit.reads import record_view_read
from ksr.audit.services import record
from ksr.cases.models import Case, Participant
from ksr.cases.reads import ParticipantListReadsMixin
from ksr.core.access import LoginRequiredMixin, RolesRequiredMixin, login_required
from ksr.core.exports import Column
from ksr.core.forms import add_service_errors
from ksr.core.listing import FilteredListView
from ksr.core.pages import form_page
from ksr.core.types import AnyUser
from ksr.documents.registry import document_kind
from ksr.documents.services import generate
from ksr.documents.views import file_name
from ksr.privacy import aggregates
from ksr.privacy.access import can_read_special_category, partner_participants
from ksr.privacy.choices import ConsentStatus
from ksr.privacy.exporters import build_export
from ksr.privacy.filters import AggregateFilter, PartnerParticipantFilter, ReadAuditFilter, breakdown_of
from ksr.privacy.forms import HelperConsentForm, ParticipantConsentForm, WithdrawConsentForm
from ksr.privacy.models import Consent
from ksr.privacy.partner import partner_detail_context, partner_views
from ksr.privacy.readable import readable_copy
from ksr.privacy.registry import related_objects
from ksr.privacy.services import do_record_helper_consent, do_record_participant_consent, do_withdraw_consent

PART_CONSENTS = "consents"
PART_PARTNER_MINIMAL = "partner-minimal"
PART_PARTNER_LIST = "partner-list"
PART_AUDIT = "audit"
PART_COPY = "participant-copy"


def _holder_participant(request: HttpRequest, participant_pk: int) -> Participant:
    return get_object_or_404(
        Participant.objects.visible_to(request.user).select_related("organisation"), pk=participant_pk
    )


def _consent(request: HttpRequest, participant_pk: int, pk: int) -> Consent:
    return get_object_or_404(
        Consent.objects.visible_to(request.user).select_related("participant__organisation", "case", "partner"),
        pk=pk,
        participant_id=participant_pk,
    )


# Holder staff: the consents tab ----------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def participant_consents(request: HttpRequest, participant_pk: int) -> HttpResponse:
    participant = _holder_participant(request, participant_pk)
    form = ParticipantConsentForm(request.POST or None, participant=participant, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            do_record_participant_consent(form.cleaned_data["case"], form.service_data(), actor=request.user)
        except ValidationError as exc:
            add_service_errors(form, exc)
        except PermissionDenied as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(
                request,
                _("The participant's consent was recorded. It opens nothing until the responsible helper consents."),
            )
            return redirect("privacy:participant_consents", participant_pk=participant.pk)
    consents = list(
        Consent.objects.filter(participant=participant)
        .select_related("partner", "helper", "withdrawn_by", "case__responsible_helper")
        .order_by("-valid_until", "pk")
    )
    response = TemplateResponse(
        request,
        "privacy/participant_consents.html",
        {
            "participant": participant,
            "consents": consents,
            "form": form,
            "may_export": can_read_special_category(request.user, participant),
            "may_audit": _may_audit(request.user, participant),
            "consent_status": ConsentStatus,
        },
        status=400 if request.method == "POST" else 200,
    )
    if request.method == "GET":
        record_view_read(request, participant, PART_CONSENTS)
    return response


def _consent_page(
    request: HttpRequest,
    consent: Consent,
    form: BaseForm,
    save: Callable[[dict[str, Any]], object],
    *,
    title: str,
    success: str,
    template: str,
    submit_label: str,
    danger: bool = False,
) -> HttpResponse:
    """A form about one consent, back to the participant's consents tab."""
    return form_page(
        request,
        form,
        save,
        title=title,
        back_url=reverse("privacy:participant_consents", kwargs={"participant_pk": consent.participant_id}),
        success=success,
        template=template,
        consent=consent,
        participant=consent.participant,
        submit_label=submit_label,
        danger=danger,
    )


@login_required
@require_http_methods(["GET", "POST"])
def consent_helper(request: HttpRequest, participant_pk: int, pk: int) -> HttpResponse:
    consent = _consent(request, participant_pk, pk)
    if consent.case.responsible_helper_id != request.user.pk:
        raise PermissionDenied(_("Only the helper responsible for the participant gives this consent."))
    return _consent_page(
        request,
        consent,
        HelperConsentForm(request.POST or None),
        lambda data: do_record_helper_consent(consent, actor=request.user, given_on=data["given_on"]),
        title=_("Consent of the responsible helper"),
        success=_("Your consent was recorded; the partner can now see the minimal data."),
        template="privacy/consent_helper.html",
        submit_label=_("I consent"),
    )


@login_required
@require_http_methods(["GET", "POST"])
def consent_withdraw(request: HttpRequest, participant_pk: int, pk: int) -> HttpResponse:
    consent = _consent(request, participant_pk, pk)
    if consent.status == ConsentStatus.WITHDRAWN:
        messages.info(request, _("This consent was already withdrawn."))
        return redirect("privacy:participant_consents", participant_pk=participant_pk)
    return _consent_page(
        request,
        consent,
        WithdrawConsentForm(request.POST or None),
        lambda data: do_withdraw_consent(consent, data["reason"], actor=request.user),
        title=_("Withdraw the consent"),
        success=_("The consent was withdrawn; the partner no longer sees the participant."),
        template="privacy/consent_withdraw.html",
        submit_label=_("Withdraw"),
        danger=True,
    )


# The participant's copy of their data ----------------------------------------------------------


@login_required
def participant_export(request: HttpRequest, participant_pk: int) -> HttpResponse:
    """Everything held about the participant: a readable page in sections with labels, the same as
    a PDF with ``?format=pdf`` (with its document identifier), or JSON with ``?format=json``.

    Made by the holder's case manager or specialist: the copy includes special-category data,
    which the KIS/CIS manager does not read (see ``ksr.privacy.access``).
    """
    participant = _holder_participant(request, participant_pk)
    if not can_read_special_category(request.user, participant):
        raise PermissionDenied(_("The copy of the data is made by the participant's case manager or specialist."))
    data = build_export(participant)
    fmt = request.GET.get("format", "html")
    record(
        AuditAction.EXPORT,
        participant,
        actor=request.user,
        part=PART_COPY,
        ip_address=request.META.get("REMOTE_ADDR") or None,
    )
    if fmt == "pdf":
        kind = document_kind("KOPIA")
        if kind is None:  # registered in PrivacyConfig.ready()
            raise Http404
        issued, pdf = generate(kind, participant, "pdf", actor=request.user)
        response = HttpResponse(pdf, content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="{file_name(issued.identifier, "pdf")}"'
        return response
    if fmt == "json":
        response = HttpResponse(
            json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2),
            content_type="application/json; charset=utf-8",
        )
        response["Content-Disposition"] = f'attachment; filename="uczestnik-{participant.pk}.json"'
        return response
    return TemplateResponse(
        request,
        "privacy/participant_export.html",
        {"participant": participant, "data": data, "sections": readable_copy(participant)},
    )


# The participant's audit tab: who read what, when ---------------------------------------------


def _audit_participants(user: AnyUser) -> QuerySet[Participant]:
    scope = scope_for(user)
    if not scope.authenticated:
        return Participant.objects.none()
    if scope.has_role(Role.SYSTEM_ADMIN):
        return Participant.objects.all()
    return Participant.objects.filter(organisation_id__in=scope.organisations_for(Role.ENTITY_MANAGER))


def _may_audit(user: AnyUser, participant: Participant) -> bool:
    scope = scope_for(user)
    return scope.has_role(Role.SYSTEM_ADMIN) or participant.organisation_id in scope.organisations_for(
        Role.ENTITY_MANAGER
    )


def _objects_q(querysets: Iterable[QuerySet[Any]]) -> Q:
    q = Q(pk__in=[])
    for qs in querysets:
        ids = [str(pk) for pk in qs.values_list("pk", flat=True)]
        if ids:
            q |= Q(content_type=ContentType.objects.get_for_model(qs.model), object_id__in=ids)
    return q


def participant_read_entries(participant: Participant) -> QuerySet[AuditEntry]:
    """Reads and exports of the participant's record and of the objects that belong to it."""
    querysets: list[QuerySet[Any]] = [
        Participant.objects.filter(pk=participant.pk),
        Case.objects.filter(participant=participant),
        Consent.objects.filter(participant=participant),
    ]
    for fn in related_objects().values():
        querysets.extend(fn(participant))
    return AuditEntry.objects.filter(_objects_q(querysets), action__in=(AuditAction.READ, AuditAction.EXPORT)).order_by(
        "-created_at", "-pk"
    )


class ParticipantAuditView(LoginRequiredMixin, FilteredListView):
    # Who works with the case's record as its holder: the club's manager (and the administrator);
    # anyone else is answered 404 by ``dispatch``, and the participant's tabs do not show the link.
    ksr_access = "roles:" + ",".join((Role.ENTITY_MANAGER, Role.SYSTEM_ADMIN))
    template_name = "privacy/participant_audit.html"
    partial_template_name = "privacy/_audit_results.html"
    filterset_class = ReadAuditFilter
    export_filename = "odczyty-uczestnika"
    paginate_by = 50

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.user.is_authenticated:
            self.participant = get_object_or_404(
                _audit_participants(request.user).select_related("organisation"), pk=kwargs["participant_pk"]
            )
        return super().dispatch(request, *args, **kwargs)

    @property
    def export_columns(self) -> list[Column]:  # type: ignore[override]  # a base attribute, computed here per request
        return [
            (_("When"), lambda e: e.created_at),
            (_("Who"), lambda e: e.actor_repr),
            (_("Action"), lambda e: e.get_action_display()),
            (_("Part read"), lambda e: e.part_label),
            (_("Object"), lambda e: e.object_repr),
        ]

    def get_base_queryset(self) -> QuerySet[AuditEntry]:
        return participant_read_entries(self.participant)

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:  # type: ignore[override]  # an export streams
        response = super().get(request, *args, **kwargs)
        if request.GET.get("format") not in {"csv", "xlsx"}:
            if isinstance(response, TemplateResponse):
                response.render()  # the list shown does not include this very read
            record_view_read(request, self.participant, PART_AUDIT)
        return response

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["participant"] = self.participant
        return context


participant_audit = ParticipantAuditView.as_view()


# Partner institutions: minimal data, only with live consents ---------------------------------


class PartnerParticipantListView(ParticipantListReadsMixin, RolesRequiredMixin, FilteredListView):
    """The participants shared with the partner's institution, each as ``privacy.partner`` shows
    them (the name or a pseudonym); every row shown is recorded as a read (one insert)."""

    required_roles = (Role.PARTNER_REPRESENTATIVE,)
    template_name = "privacy/partner_participant_list.html"
    partial_template_name = "privacy/_partner_results.html"
    filterset_class = PartnerParticipantFilter
    paginate_by = 25
    read_part = PART_PARTNER_LIST
    participant_path = ""

    def get_base_queryset(self) -> QuerySet[Participant]:
        return (
            partner_participants(self.request.user)
            .select_related("organisation")
            .only("id", "first_name", "last_name", "organisation_id", "organisation__name")
        )

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        rows = partner_views(self.request.user, context["object_list"])
        # Only what the consent's scope allows reaches the template.
        context.update(object_list=rows, rows=rows, participant_list=rows)
        return context


partner_participant_list = PartnerParticipantListView.as_view()


@login_required
def partner_participant_detail(request: HttpRequest, participant_pk: int) -> HttpResponse:
    participant = get_object_or_404(
        partner_participants(request.user).select_related("organisation"), pk=participant_pk
    )
    response = TemplateResponse(
        request, "privacy/partner_participant_detail.html", partner_detail_context(request.user, participant)
    )
    record_view_read(request, participant, PART_PARTNER_MINIMAL)
    return response


# Above the club: counts only, small ones suppressed --------------------------------------------


class AggregateView(RolesRequiredMixin, FilteredListView):
    required_roles = aggregates.AGGREGATE_ROLES
    template_name = "privacy/aggregates.html"
    partial_template_name = "privacy/_aggregate_results.html"
    filterset_class = AggregateFilter
    export_filename = "uczestnicy-zestawienie"
    paginate_by = 50

    @cached_property
    def columns(self) -> list[aggregates.CountColumn]:
        return aggregates.count_columns(breakdown_of(self.request.GET))

    @property
    def export_columns(self) -> list[Column]:  # type: ignore[override]  # a base attribute, computed here per request
        return aggregates.export_columns(self.columns)

    def get_base_queryset(self) -> QuerySet[Any]:
        return aggregates.holders_in_scope(self.request.user)

    def get_queryset(self) -> QuerySet[Any]:
        return aggregates.annotated_holders(super().get_queryset(), self.columns)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        # Only suppressed strings reach the template.
        rows = [aggregates.suppressed_row(org, self.columns) for org in context["object_list"]]
        context.update(
            rows=rows,
            object_list=rows,
            columns=self.columns,
            breakdown=aggregates.Breakdown(breakdown_of(self.request.GET)),
            threshold=aggregates.SUPPRESSION_THRESHOLD,
        )
        return context


aggregate_list = AggregateView.as_view()
