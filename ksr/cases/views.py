"""Pages of participants, cases, referrals and follow-ups: parse → fetch (scoped) → one service → render."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.forms import BaseForm
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from ksr.accounts.models import User
from ksr.audit.reads import record_view_read
from ksr.cases import services
from ksr.cases.admission import missing_for_admission
from ksr.cases.choices import OPEN_REFERRAL_STATUSES, CaseStatus, ReferralStatus
from ksr.cases.filters import CaseFilter, ParticipantFilter, ReferralFilter
from ksr.cases.forms import (
    AcceptReferralForm,
    AdmissionCorrectionForm,
    AdmissionForm,
    CaseManagerForm,
    EligibilityForm,
    ExitForm,
    FollowUpForm,
    GraduateForm,
    OpsAgreementForm,
    ParticipantForm,
    ReferralForm,
    RefuseReferralForm,
    StartReviewForm,
    TransferForm,
)
from ksr.cases.models import Case, FollowUp, Participant, ParticipantEligibility, Referral
from ksr.cases.querysets import HOLDER_ROLES, SENDER_ROLES, WRITER_ROLES, writer_organisation_ids
from ksr.cases.reads import ParticipantListReadsMixin
from ksr.cases.special import drop_special_fields, special_values
from ksr.cases.workspace import due_items, week_bounds
from ksr.core.access import RolesRequiredMixin, login_required, roles_required
from ksr.core.collation import polish
from ksr.core.exports import Column
from ksr.core.forms import add_service_errors
from ksr.core.listing import FilteredListView
from ksr.core.pages import form_page
from ksr.core.types import AnyUser
from ksr.registry.models import Organisation

# Tabs of the participant page other apps provide: (label, URL name, kwarg, object attribute).
PARTICIPANT_TABS = (
    (gettext_lazy("Contract and plan"), "plans:case_plan", "case_pk", "case"),
    (gettext_lazy("Services card"), "plans:case_card", "case_pk", "case"),
    (gettext_lazy("Services and attendance"), "catalogue:case_services", "case_pk", "case"),
    (gettext_lazy("Outcomes"), "plans:case_outcomes", "case_pk", "case"),
    (gettext_lazy("Consents"), "privacy:participant_consents", "participant_pk", "participant"),
    (gettext_lazy("Audit"), "privacy:participant_audit", "participant_pk", "participant"),
)

PARTICIPANT_EXPORT: list[Column] = [
    (gettext_lazy("Last name"), lambda p: p.last_name),
    (gettext_lazy("First name"), lambda p: p.first_name),
    (gettext_lazy("PESEL"), lambda p: p.pesel),
    (gettext_lazy("Birth date"), lambda p: p.birth_date),
    (gettext_lazy("Sex"), lambda p: p.get_sex_display()),
    (gettext_lazy("Gmina"), lambda p: p.residence_gmina.name if p.residence_gmina else ""),
    (gettext_lazy("Labour office profile"), lambda p: p.pup_profile),
]
CASE_EXPORT: list[Column] = [
    (gettext_lazy("Participant"), lambda c: str(c.participant)),
    (gettext_lazy("Status"), lambda c: c.get_status_display()),
    (gettext_lazy("Case manager"), lambda c: c.case_manager.get_full_name() if c.case_manager else ""),
    (gettext_lazy("Opened on"), lambda c: c.opened_on),
    (gettext_lazy("Admitted on"), lambda c: c.admitted_on),
    (gettext_lazy("Exited on"), lambda c: c.exited_on),
    (gettext_lazy("Exit reason"), lambda c: c.get_exit_reason_display()),
    (gettext_lazy("Graduated on"), lambda c: c.graduated_at),
]


def _may_write(user: AnyUser, organisation_id: int) -> bool:
    return organisation_id in writer_organisation_ids(user)


def _require_write(request: HttpRequest, organisation_id: int) -> None:
    if not _may_write(request.user, organisation_id):
        raise PermissionDenied


def _signed_in(request: HttpRequest) -> User | None:
    return request.user if isinstance(request.user, User) else None


def _post_button(request: HttpRequest, change: Callable[[], object], success: str) -> object | None:
    """A POST button calling one service: its refusal as an error message (and ``None``), else a success message."""
    try:
        result = change()
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return None
    messages.success(request, success)
    return result


@dataclass(frozen=True)
class Action:
    """A form page acting on one case or referral through one service.

    ``save(obj, cleaned_data, actor)`` calls the service; ``form_kwargs(obj)`` gives the form's
    extra arguments (the organisation whose staff may be chosen, the initial values).
    """

    form_class: Callable[..., BaseForm]
    save: Callable[[Any, dict[str, Any], AnyUser], object]
    title: str | Promise
    success: str | Promise
    lead: str | Promise = ""
    form_kwargs: Callable[[Any], dict[str, Any]] = lambda obj: {}
    danger: bool = False  # a destructive action: its button is not the filled primary one


def _action_view(
    name: str, action: Action, fetch: Callable[[HttpRequest, int], Case | Referral], detail: str
) -> Callable[..., HttpResponse]:
    """The view of ``action`` on the object ``fetch`` finds (scoped: 404), for its holder's staff."""

    @login_required
    @require_http_methods(["GET", "POST"])
    def view(request: HttpRequest, pk: int) -> HttpResponse:
        obj = fetch(request, pk)
        _require_write(request, obj.organisation_id)
        return form_page(
            request,
            action.form_class(request.POST or None, **action.form_kwargs(obj)),
            lambda data: action.save(obj, data, request.user),
            title=f"{action.title}: {obj}",
            back_url=reverse(detail, kwargs={"pk": obj.pk}),
            success=str(action.success),
            lead=action.lead,
            danger=action.danger,
        )

    view.__name__ = view.__qualname__ = name
    return view


# Pages of one object declare ``login_required`` and fetch through the scoped queryset, so that
# anybody who is not staff of the holder (a sender, an LSR coordinator, a regional or national
# user, another voivodeship) gets 404: the person's existence is not disclosed.

# Participants ----------------------------------------------------------------------------------


class HolderListView(RolesRequiredMixin, FilteredListView):
    """A list of the holder's records: its staff read it; only the writers export personal data."""

    required_roles = HOLDER_ROLES

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:  # type: ignore[override]  # an export streams
        if request.GET.get("format") and not writer_organisation_ids(request.user):
            raise PermissionDenied
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        may_write = bool(writer_organisation_ids(self.request.user))
        context["may_write"] = may_write
        if not may_write:
            context["export_formats"] = []
        return context


class ParticipantListView(ParticipantListReadsMixin, HolderListView):
    read_part = "participants"
    participant_path = ""
    template_name = "cases/participant_list.html"
    partial_template_name = "cases/_participant_results.html"
    filterset_class = ParticipantFilter
    export_columns = PARTICIPANT_EXPORT
    export_filename = "uczestnicy"

    def get_base_queryset(self) -> QuerySet[Participant]:
        return (
            Participant.objects.visible_to(self.request.user)
            .select_related("organisation", "residence_gmina")
            .order_by(polish("last_name"), polish("first_name"), "id")
        )


participant_list = ParticipantListView.as_view()


def _holder_organisation(request: HttpRequest) -> Organisation:
    ids = sorted(writer_organisation_ids(request.user))
    if not ids:
        raise PermissionDenied
    chosen = request.GET.get("organisation") or request.POST.get("organisation")
    writable = Organisation.objects.filter(pk__in=ids)  # the organisations whose participants the user writes
    if chosen and chosen.isdigit() and int(chosen) in ids:
        return writable.get(pk=int(chosen))
    return writable.get(pk=ids[0])


@roles_required(*WRITER_ROLES)
@require_http_methods(["GET", "POST"])
def participant_create(request: HttpRequest) -> HttpResponse:
    """Register a participant; possible duplicates are shown as a warning to confirm."""
    organisation = _holder_organisation(request)
    form = drop_special_fields(
        ParticipantForm(request.POST or None), request.user, Participant(organisation=organisation)
    )
    duplicates: list[Participant] = []
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        duplicates = list(
            Participant.objects.possible_duplicates(
                organisation.pk,
                pesel=data.get("pesel", ""),
                first_name=data.get("first_name", ""),
                last_name=data.get("last_name", ""),
                birth_date=form.instance.birth_date or data.get("birth_date"),
            )
        )
        if not duplicates or request.POST.get("confirm_duplicate"):
            try:
                participant = services.do_create_participant(organisation, form.service_data(), actor=request.user)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("The participant was registered."))
                return redirect("cases:participant_detail", pk=participant.pk)
    return render(
        request,
        "cases/participant_form.html",
        {"form": form, "participant": None, "organisation": organisation, "duplicates": duplicates},
    )


def _participant(request: HttpRequest, pk: int) -> Participant:
    return get_object_or_404(
        Participant.objects.visible_to(request.user).select_related("organisation", "residence_gmina"), pk=pk
    )


def participant_tabs(participant: Participant, case: Case | None) -> list[tuple[str, str]]:
    """The tabs other apps provide, only those whose URL exists."""
    tabs = []
    for label, name, kwarg, attr in PARTICIPANT_TABS:
        target = case if attr == "case" else participant
        if target is None:
            continue
        try:
            tabs.append((str(label), reverse(name, kwargs={kwarg: target.pk})))
        except NoReverseMatch:
            continue
    return tabs


@login_required
def participant_detail(request: HttpRequest, pk: int) -> HttpResponse:
    participant = _participant(request, pk)
    cases = list(participant.cases.select_related("case_manager", "organisation").order_by("-opened_on", "-id"))
    current = next((c for c in cases if c.status != CaseStatus.EXITED), cases[0] if cases else None)
    may_write = _may_write(request.user, participant.organisation_id)
    response = render(
        request,
        "cases/participant_detail.html",
        {
            "object": participant,
            "participant": participant,
            "cases": cases,
            "current_case": current,
            "special_values": special_values(request.user, participant),
            "eligibilities": participant.eligibilities.select_related("category", "verified_by"),
            "tabs": participant_tabs(participant, current),
            "may_write": may_write,
            "may_open_case": may_write and not any(c.status != CaseStatus.EXITED for c in cases),
        },
    )
    record_view_read(request, participant, "profile")
    return response


@login_required
@require_http_methods(["GET", "POST"])
def participant_update(request: HttpRequest, pk: int) -> HttpResponse:
    participant = _participant(request, pk)
    _require_write(request, participant.organisation_id)
    form = drop_special_fields(ParticipantForm(request.POST or None, instance=participant), request.user, participant)
    if not (request.method == "POST" and form.is_valid()):
        record_view_read(request, participant, "profile (edit)")
    return form_page(
        request,
        form,
        lambda data: services.do_update_participant(participant, form.service_data(), actor=request.user),
        title=_("Edit participant"),
        back_url=reverse("cases:participant_detail", kwargs={"pk": participant.pk}),
        success=_("The changes were saved."),
        template="cases/participant_form.html",
        participant=participant,
        duplicates=[],
    )


@login_required
@require_http_methods(["GET", "POST"])
def eligibility_add(request: HttpRequest, pk: int) -> HttpResponse:
    participant = _participant(request, pk)
    _require_write(request, participant.organisation_id)
    return form_page(
        request,
        EligibilityForm(request.POST or None),
        lambda data: services.do_add_eligibility(participant, data, actor=request.user),
        title=_("Target group of %(name)s") % {"name": participant},
        back_url=reverse("cases:participant_detail", kwargs={"pk": participant.pk}),
        success=_("The target group was recorded."),
    )


@login_required
@require_POST
def eligibility_verify(request: HttpRequest, pk: int) -> HttpResponse:
    eligibility = get_object_or_404(
        ParticipantEligibility.objects.visible_to(request.user).select_related("participant"), pk=pk
    )
    back = reverse("cases:participant_detail", kwargs={"pk": eligibility.participant_id})
    _post_button(
        request,
        lambda: services.do_verify_eligibility(eligibility, actor=request.user),
        _("The evidence was marked as verified."),
    )
    return redirect(back)


@login_required
@require_POST
def case_open(request: HttpRequest, pk: int) -> HttpResponse:
    participant = _participant(request, pk)
    case = _post_button(
        request,
        lambda: services.do_open_case(participant, actor=request.user, case_manager=_signed_in(request)),
        _("A case was opened."),
    )
    if isinstance(case, Case):
        return redirect("cases:case_detail", pk=case.pk)
    return redirect("cases:participant_detail", pk=participant.pk)


# Cases -----------------------------------------------------------------------------------------


class CaseListView(ParticipantListReadsMixin, HolderListView):
    read_part = "cases"
    participant_path = "participant"
    template_name = "cases/case_list.html"
    partial_template_name = "cases/_case_results.html"
    filterset_class = CaseFilter
    export_columns = CASE_EXPORT
    export_filename = "sprawy"

    def get_base_queryset(self) -> QuerySet[Case]:
        return Case.objects.visible_to(self.request.user).select_related("participant", "case_manager", "organisation")


case_list = CaseListView.as_view()


def _case(request: HttpRequest, pk: int) -> Case:
    return get_object_or_404(
        Case.objects.visible_to(request.user).select_related(
            "participant", "organisation", "case_manager", "ops_agreement_organisation"
        ),
        pk=pk,
    )


@login_required
def case_detail(request: HttpRequest, pk: int) -> HttpResponse:
    case = _case(request, pk)
    may_write = _may_write(request.user, case.organisation_id)
    follow_up = FollowUp.objects.filter(case=case).first()
    response = render(
        request,
        "cases/case_detail.html",
        {
            "case": case,
            "participant": case.participant,
            "follow_up": follow_up,
            "may_write": may_write,
            "tabs": participant_tabs(case.participant, case),
            "transfers": case.transfers.select_related("organisation"),
            "can_start": may_write and not case.is_cis and case.can_move_to(CaseStatus.ACTIVE),
            "can_admit": may_write and case.is_cis and case.can_move_to(CaseStatus.ACTIVE),
            "can_exit": may_write and case.can_move_to(CaseStatus.EXITED),
            "can_record_agreement": may_write and case.status == CaseStatus.QUALIFIED,
            "can_graduate": may_write and case.graduated_at is None and case.admitted_on is not None,
            "can_correct_admission": may_write and case.admitted_on is not None,
            "admission_blockers": (
                missing_for_admission(case.organisation) if case.can_move_to(CaseStatus.ACTIVE) else []
            ),
            "corrections": case.corrections.select_related("created_by"),
            "manager_form": CaseManagerForm(
                organisation_id=case.organisation_id, initial={"case_manager": case.case_manager_id}
            )
            if may_write
            else None,
        },
    )
    record_view_read(request, case, "case")
    return response


CASE_ACTIONS = {
    "case_assign": Action(
        CaseManagerForm,
        lambda case, data, actor: services.do_assign_case_manager(case, data["case_manager"], actor=actor),
        gettext_lazy("Case manager"),
        gettext_lazy("The case manager was assigned."),
        form_kwargs=lambda case: {"organisation_id": case.organisation_id},
    ),
    "case_start": Action(
        AdmissionForm,
        lambda case, data, actor: services.do_start_participation(case, actor=actor, admitted_on=data["admitted_on"]),
        gettext_lazy("Start of participation"),
        gettext_lazy("The participation started."),
    ),
    "case_ops_agreement": Action(
        OpsAgreementForm,
        lambda case, data, actor: services.do_record_ops_agreement(case, data, actor=actor),
        gettext_lazy("Agreement of the OPS head"),
        gettext_lazy("The agreement of the OPS head was recorded."),
        lead=gettext_lazy(
            "The CIS admits a participant in agreement with the head of the social assistance centre "
            "of the person's place of residence or stay (art. 12(4) of the social employment act)."
        ),
    ),
    "case_admit": Action(
        AdmissionForm,
        lambda case, data, actor: services.do_admit_to_cis(case, actor=actor, admitted_on=data["admitted_on"]),
        gettext_lazy("Admission to the CIS"),
        gettext_lazy("The participant was admitted to the CIS."),
        lead=gettext_lazy(
            "Admission requires the signed individual social employment programme (IPZS) and the "
            "recorded agreement of the OPS head."
        ),
    ),
    "case_exit": Action(
        ExitForm,
        lambda case, data, actor: services.do_exit_case(
            case, actor=actor, reason=data["reason"], exited_on=data["exited_on"], note=data["note"]
        ),
        gettext_lazy("Exit"),
        gettext_lazy("The exit was recorded; the follow-up is scheduled six months later."),
        danger=True,
    ),
    "case_transfer": Action(
        TransferForm,
        lambda case, data, actor: services.do_transfer_to_cis(
            case, data["cis"], actor=actor, exited_on=data["exited_on"], note=data["note"]
        ),
        gettext_lazy("Transfer to a CIS"),
        gettext_lazy("The participant left the club and a referral was sent to the CIS."),
    ),
    "case_correct_admission": Action(
        AdmissionCorrectionForm,
        lambda case, data, actor: services.do_correct_admission_date(
            case, data["admitted_on"], reason=data["reason"], actor=actor
        ),
        gettext_lazy("Correction of the admission date"),
        gettext_lazy("The admission date was corrected; the correction is on record."),
        lead=gettext_lazy("Correct a wrongly entered admission date. The old date and the reason stay on record."),
        form_kwargs=lambda case: {"initial": {"admitted_on": case.admitted_on}},
    ),
    "case_graduate": Action(
        GraduateForm,
        lambda case, data, actor: services.do_mark_graduate(case, actor=actor, graduated_at=data["graduated_at"]),
        gettext_lazy("Graduate status"),
        gettext_lazy("The graduate status was recorded."),
    ),
}
(
    case_assign,
    case_start,
    case_ops_agreement,
    case_admit,
    case_exit,
    case_transfer,
    case_correct_admission,
    case_graduate,
) = (_action_view(name, action, _case, "cases:case_detail") for name, action in CASE_ACTIONS.items())


@login_required
@require_http_methods(["GET", "POST"])
def follow_up_update(request: HttpRequest, pk: int) -> HttpResponse:
    follow_up = get_object_or_404(FollowUp.objects.visible_to(request.user).select_related("case__participant"), pk=pk)
    _require_write(request, follow_up.case.organisation_id)
    return form_page(
        request,
        FollowUpForm(request.POST or None, instance=follow_up),
        lambda data: services.do_record_follow_up(follow_up, data, actor=request.user),
        title=_("Follow-up: %(name)s") % {"name": follow_up.case.participant},
        back_url=reverse("cases:case_detail", kwargs={"pk": follow_up.case_id}),
        success=_("The follow-up was recorded."),
        lead=_("Due on %(date)s, six months after the exit.")
        % {"date": date_format(follow_up.due_on, "SHORT_DATE_FORMAT")},
    )


# Referrals -------------------------------------------------------------------------------------


class ReferralListView(HolderListView):
    """Referrals received by the user's KIS/CIS (the full record)."""

    template_name = "cases/referral_list.html"
    partial_template_name = "cases/_referral_results.html"
    filterset_class = ReferralFilter

    def get_base_queryset(self) -> QuerySet[Referral]:
        return Referral.objects.received_by(self.request.user).select_related("organisation", "sender_organisation")


referral_list = ReferralListView.as_view()


class MyReferralListView(RolesRequiredMixin, FilteredListView):
    """Referrals the user or their organisation sent: status and refusal reason only."""

    required_roles = SENDER_ROLES
    template_name = "cases/my_referral_list.html"
    partial_template_name = "cases/_my_referral_results.html"
    filterset_class = ReferralFilter

    def get_base_queryset(self) -> QuerySet[Referral]:
        return (
            Referral.objects.sent_by_user(self.request.user)
            .select_related("organisation", "sender_organisation")
            .only(
                "id",
                "organisation__name",
                "sender_organisation__name",
                "sender_reference",
                "sent_on",
                "source",
                "status",
                "decided_on",
                "refusal_reason",
                "refusal_note",
            )
        )


my_referrals = MyReferralListView.as_view()


def _send_referral(data: dict[str, Any], actor: AnyUser) -> Referral:
    try:
        return services.do_send_referral(data, actor=actor)
    except PermissionDenied as exc:  # on behalf of an organisation that is not the user's
        raise ValidationError({"sender_organisation": str(exc)}) from exc


@roles_required(*SENDER_ROLES)
@require_http_methods(["GET", "POST"])
def referral_create(request: HttpRequest) -> HttpResponse:
    writer_ids = writer_organisation_ids(request.user)
    return form_page(
        request,
        ReferralForm(request.POST or None, user=request.user),
        lambda data: _send_referral(data, request.user),
        title=_("Send a referral"),
        back_url=reverse("cases:my_referrals"),
        success=_("The referral was sent."),
        success_url=lambda referral: (
            reverse("cases:referral_detail", kwargs={"pk": referral.pk})
            if referral.organisation_id in writer_ids
            else reverse("cases:my_referrals")
        ),
        lead=_(
            "Give only the data needed to identify the person. You will see the status of the referral and, "
            "if it is refused, the reason; nothing else about the person."
        ),
    )


def _received_referral(request: HttpRequest, pk: int) -> Referral:
    return get_object_or_404(
        Referral.objects.received_by(request.user).select_related(
            "organisation", "sender_organisation", "sent_by", "participant", "case"
        ),
        pk=pk,
    )


@login_required
def referral_detail(request: HttpRequest, pk: int) -> HttpResponse:
    referral = _received_referral(request, pk)
    may_decide = _may_write(request.user, referral.organisation_id)
    response = render(
        request,
        "cases/referral_detail.html",
        {
            "referral": referral,
            "may_decide": may_decide,
            "can_review": may_decide and referral.can_move_to(ReferralStatus.UNDER_REVIEW),
            "can_decide": may_decide and referral.can_move_to(ReferralStatus.ACCEPTED),
        },
    )
    record_view_read(request, referral, "referral")
    return response


def _decision_form(referral: Referral, **extra: Any) -> dict[str, Any]:
    return {"initial": {"qualification_team": referral.qualification_team}, **extra}


REFERRAL_ACTIONS = {
    "referral_review": Action(
        StartReviewForm,
        lambda r, data, actor: services.do_start_review(r, actor=actor, qualification_team=data["qualification_team"]),
        gettext_lazy("Review by the qualification team"),
        gettext_lazy("The qualification team is reviewing the referral."),
        form_kwargs=_decision_form,
    ),
    "referral_accept": Action(
        AcceptReferralForm,
        lambda r, data, actor: services.do_accept_referral(
            r, actor=actor, qualification_team=data["qualification_team"], case_manager=data["case_manager"]
        ),
        gettext_lazy("Accept the referral"),
        gettext_lazy("The referral was accepted; the participant and the case were registered."),
        form_kwargs=lambda r: _decision_form(r, organisation_id=r.organisation_id),
    ),
    "referral_refuse": Action(
        RefuseReferralForm,
        lambda r, data, actor: services.do_refuse_referral(
            r, actor=actor, reason=data["reason"], note=data["note"], qualification_team=data["qualification_team"]
        ),
        gettext_lazy("Refuse the referral"),
        gettext_lazy("The referral was refused; the sender sees the reason."),
        form_kwargs=_decision_form,
        danger=True,
    ),
}
referral_review, referral_accept, referral_refuse = (
    _action_view(name, action, _received_referral, "cases:referral_detail") for name, action in REFERRAL_ACTIONS.items()
)


# The case manager's workspace ------------------------------------------------------------------


@roles_required(*HOLDER_ROLES)
def workspace(request: HttpRequest) -> HttpResponse:
    """The landing page of case managers: their caseload and what is due this week."""
    today = timezone.localdate()
    start, end = week_bounds(today)
    visible = Case.objects.visible_to(request.user)
    mine = visible.filter(case_manager_id=request.user.pk)
    caseload = list(mine.open().select_related("participant").order_by("participant__last_name", "id"))
    try:
        quick_attendance = reverse("catalogue:quick_attendance")
    except NoReverseMatch:
        quick_attendance = ""
    # Each row names whom it is for: the participant of its case, or what it is about (an edition).
    participants = {case.pk: str(case.participant) for case in mine.select_related("participant")}
    due = [(item, participants.get(item.case_id or 0, item.subject)) for item in due_items(mine, start, end)]
    return render(
        request,
        "cases/workspace.html",
        {
            "caseload": caseload,
            "due": due,
            "week_start": start,
            "week_end": end,
            "today": today,
            "quick_attendance_url": quick_attendance,
            "new_referrals": Referral.objects.received_by(request.user)
            .filter(status__in=OPEN_REFERRAL_STATUSES)
            .count(),
            "may_write": bool(writer_organisation_ids(request.user)),
        },
    )
