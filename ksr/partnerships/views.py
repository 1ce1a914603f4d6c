"""Pages of partnerships, the MLW Pact, Local Synergy Teams and stakeholder attitudes.

Thin: parse (form) → fetch (scoped: the network must be visible) → one service → redirect/render.
Objects in networks the user cannot see answer 404; edit pages of visible objects the user may
not change answer 403.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Prefetch, Q, QuerySet
from django.forms import BaseForm
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l
from django.views.decorators.http import require_http_methods, require_POST

from ksr.core.access import LoginRequiredMixin, login_required
from ksr.core.exports import Column
from ksr.core.listing import FilteredListView
from ksr.networks.models import Network
from ksr.partnerships import services
from ksr.partnerships.choices import ConclusionStatus, PactStatus, PartnershipStatus
from ksr.partnerships.filters import PartnershipFilter
from ksr.partnerships.forms import (
    AgreementUploadForm,
    AttitudeDatesForm,
    AttitudeForm,
    ConclusionForm,
    ContributionForm,
    EvaluationForm,
    JoinPactForm,
    PactForm,
    PartnerAddForm,
    PartnerEditForm,
    PartnershipEditForm,
    TaskForm,
    TeamForm,
    TeamMemberForm,
    TeamTaskForm,
    WithdrawForm,
)
from ksr.partnerships.models import (
    ActionTask,
    AgreementVersion,
    AttitudeAssessment,
    Conclusion,
    Contribution,
    Evaluation,
    Pact,
    PactSignatory,
    Partner,
    Partnership,
    SynergyTeam,
    SynergyTeamMember,
    SynergyTeamTask,
)
from ksr.partnerships.pact_text import CLAUSES, PACT_SUBTITLE_EN, PACT_SUBTITLE_PL, PACT_TITLE_EN, PACT_TITLE_PL
from ksr.partnerships.queries import attitude_table
from ksr.registry.models import Organisation

FORM_TEMPLATE = "partnerships/form.html"


def _add_service_errors(form: BaseForm, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for name, errors in exc.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, exc)


def _network(request: HttpRequest, network_pk: int) -> Network:
    return get_object_or_404(Network.objects.visible_to(request.user).select_related("main_node"), pk=network_pk)


def _require_edit(request: HttpRequest, network: Network) -> None:
    if not services.may_edit_network(network, request.user):
        raise PermissionDenied


def _form_page(
    request: HttpRequest,
    form: BaseForm,
    save: Callable[[dict[str, Any]], Any],
    *,
    title: str,
    back_url: str,
    success: str,
    success_url: str | Callable[[Any], str] | None = None,
    intro: str = "",
) -> HttpResponse:
    if request.method == "POST" and form.is_valid():
        try:
            result = save(form.cleaned_data)
        except ValidationError as exc:
            _add_service_errors(form, exc)
        else:
            messages.success(request, success)
            target = success_url(result) if callable(success_url) else (success_url or back_url)
            return redirect(target)
    multipart = any(getattr(f.widget, "needs_multipart_form", False) for f in form.fields.values())
    return render(
        request,
        FORM_TEMPLATE,
        {"form": form, "title": title, "back_url": back_url, "multipart": multipart, "intro": intro},
        status=400 if request.method == "POST" else 200,
    )


# Lists -----------------------------------------------------------------------------------

EXPORT_COLUMNS: list[Column] = [
    (_l("Name"), lambda p: p.name),
    (_l("Network"), lambda p: p.network.name),
    (_l("Leader"), lambda p: p.leader.name),
    (_l("Form"), lambda p: p.get_form_display()),
    (_l("Status"), lambda p: p.get_status_display()),
    (_l("Current partners"), lambda p: p.partner_count),
    (_l("Signed on"), lambda p: p.signed_on),
]


class PartnershipListView(LoginRequiredMixin, FilteredListView):
    """Partnerships in the networks the user may see (all, or of one network)."""

    template_name = "partnerships/partnership_list.html"
    partial_template_name = "partnerships/_partnership_results.html"
    filterset_class = PartnershipFilter
    export_columns = EXPORT_COLUMNS
    export_filename = "partnerstwa"
    paginate_by = 25
    network: Network | None = None

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if "network_pk" in kwargs and request.user.is_authenticated:
            self.network = _network(request, kwargs["network_pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_base_queryset(self) -> QuerySet[Partnership]:
        qs = Partnership.objects.visible_to(self.request.user)
        if self.network is not None:
            qs = qs.filter(network=self.network)
        # The partner count groups the rows, which drops the model's ordering: paginate in a fixed order.
        return (
            qs.select_related("network", "leader")
            .annotate(partner_count=Count("partners", filter=Q(partners__left_on__isnull=True)))
            .order_by("network", "name", "id")
        )

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["network"] = self.network
        if self.network is not None:
            context["can_edit"] = services.may_edit_network(self.network, self.request.user)
            context["pacts"] = list(
                Pact.objects.filter(network=self.network).annotate(
                    active=Count("signatories", filter=Q(signatories__withdrawn_on__isnull=True))
                )
            )
            context["teams"] = list(SynergyTeam.objects.filter(network=self.network))
        return context


partnership_list = PartnershipListView.as_view()
network_partnerships = PartnershipListView.as_view()


# Partnership -----------------------------------------------------------------------------


def _partnership(request: HttpRequest, pk: int) -> Partnership:
    return get_object_or_404(
        Partnership.objects.visible_to(request.user).select_related("network__main_node", "leader"), pk=pk
    )


@login_required
def partnership_detail(request: HttpRequest, pk: int) -> HttpResponse:
    partnership = _partnership(request, pk)
    partners = partnership.partners.select_related("organisation").prefetch_related("contributions")
    evaluations = partnership.evaluations.prefetch_related(
        Prefetch("conclusions", queryset=Conclusion.objects.select_related("assignee"))  # type: ignore[arg-type]
    )
    return render(
        request,
        "partnerships/partnership_detail.html",
        {
            "partnership": partnership,
            "network": partnership.network,
            "current_partners": [p for p in partners if p.left_on is None],
            "former_partners": [p for p in partners if p.left_on is not None],
            "versions": partnership.agreement_versions.select_related("uploaded_by"),
            "tasks": partnership.tasks.select_related("owner"),
            "evaluations": evaluations,
            "can_edit": services.may_edit_network(partnership.network, request.user),
            "next_statuses": partnership.next_statuses(),
            "today": timezone.localdate(),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def partnership_create(request: HttpRequest, network_pk: int) -> HttpResponse:
    network = _network(request, network_pk)
    _require_edit(request, network)
    form = PartnershipEditForm(request.POST or None, network=network, user=request.user)
    return _form_page(
        request,
        form,
        lambda data: services.do_create_partnership(network, data, actor=request.user),
        title=_("New partnership in %(network)s") % {"network": network},
        back_url=reverse("partnerships:network_partnerships", kwargs={"network_pk": network.pk}),
        success=_("The partnership was created."),
        success_url=lambda p: reverse("partnerships:partnership_detail", args=[p.pk]),
    )


@login_required
@require_http_methods(["GET", "POST"])
def partnership_update(request: HttpRequest, pk: int) -> HttpResponse:
    partnership = _partnership(request, pk)
    _require_edit(request, partnership.network)
    form = PartnershipEditForm(
        request.POST or None, instance=partnership, network=partnership.network, user=request.user
    )
    back = reverse("partnerships:partnership_detail", args=[pk])
    return _form_page(
        request,
        form,
        lambda data: services.do_update_partnership(partnership, data, actor=request.user),
        title=_("Edit partnership"),
        back_url=back,
        success=_("The changes were saved."),
    )


@login_required
@require_POST
def partnership_transition(request: HttpRequest, pk: int) -> HttpResponse:
    partnership = _partnership(request, pk)
    _require_edit(request, partnership.network)
    status = request.POST.get("status", "")
    if status not in PartnershipStatus.values:
        messages.error(request, _("Unknown status."))
    else:
        try:
            services.do_transition_partnership(partnership, status, actor=request.user)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("The status was changed."))
    return redirect("partnerships:partnership_detail", pk=pk)


def _partner(request: HttpRequest, partnership: Partnership, partner_pk: int) -> Partner:
    return get_object_or_404(
        Partner.objects.visible_to(request.user).select_related("organisation"), pk=partner_pk, partnership=partnership
    )


@login_required
@require_http_methods(["GET", "POST"])
def partner_add(request: HttpRequest, pk: int) -> HttpResponse:
    partnership = _partnership(request, pk)
    _require_edit(request, partnership.network)
    form = PartnerAddForm(request.POST or None, user=request.user)

    def save(data: dict[str, Any]) -> Partner:
        data = dict(data)
        organisation = data.pop("organisation")
        return services.do_add_partner(partnership, organisation, data, actor=request.user)

    return _form_page(
        request,
        form,
        save,
        title=_("Add a partner to %(name)s") % {"name": partnership.name},
        back_url=reverse("partnerships:partnership_detail", args=[pk]),
        success=_("The partner was added."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def partner_update(request: HttpRequest, pk: int, partner_pk: int) -> HttpResponse:
    partnership = _partnership(request, pk)
    _require_edit(request, partnership.network)
    partner = _partner(request, partnership, partner_pk)
    form = PartnerEditForm(request.POST or None, instance=partner)
    return _form_page(
        request,
        form,
        lambda data: services.do_update_partner(partner, data, actor=request.user),
        title=_("Role of %(name)s") % {"name": partner.organisation.name},
        back_url=reverse("partnerships:partnership_detail", args=[pk]),
        success=_("The changes were saved."),
    )


@login_required
@require_POST
def partner_remove(request: HttpRequest, pk: int, partner_pk: int) -> HttpResponse:
    partnership = _partnership(request, pk)
    _require_edit(request, partnership.network)
    partner = _partner(request, partnership, partner_pk)
    try:
        services.do_remove_partner(partner, actor=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The partner left the partnership."))
    return redirect("partnerships:partnership_detail", pk=pk)


@login_required
@require_http_methods(["GET", "POST"])
def contribution_add(request: HttpRequest, pk: int, partner_pk: int) -> HttpResponse:
    partnership = _partnership(request, pk)
    _require_edit(request, partnership.network)
    partner = _partner(request, partnership, partner_pk)
    form = ContributionForm(request.POST or None)
    return _form_page(
        request,
        form,
        lambda data: services.do_add_contribution(partner, data, actor=request.user),
        title=_("Contribution of %(name)s") % {"name": partner.organisation.name},
        back_url=reverse("partnerships:partnership_detail", args=[pk]),
        success=_("The contribution was added."),
    )


@login_required
@require_POST
def contribution_delete(request: HttpRequest, pk: int, contribution_pk: int) -> HttpResponse:
    partnership = _partnership(request, pk)
    _require_edit(request, partnership.network)
    contribution = get_object_or_404(Contribution, pk=contribution_pk, partner__partnership=partnership)
    services.do_delete_contribution(contribution, actor=request.user)
    messages.success(request, _("The contribution was removed."))
    return redirect("partnerships:partnership_detail", pk=pk)


@login_required
@require_http_methods(["GET", "POST"])
def agreement_upload(request: HttpRequest, pk: int) -> HttpResponse:
    partnership = _partnership(request, pk)
    _require_edit(request, partnership.network)
    form = AgreementUploadForm(request.POST or None, request.FILES or None)

    def save(data: dict[str, Any]) -> AgreementVersion:
        return services.do_upload_agreement(
            partnership, data["file"], actor=request.user, signed_on=data.get("signed_on"), note=data.get("note", "")
        )

    return _form_page(
        request,
        form,
        save,
        title=_("Upload the agreement"),
        back_url=reverse("partnerships:partnership_detail", args=[pk]),
        success=_("A new version of the agreement was stored."),
    )


@login_required
def agreement_download(request: HttpRequest, pk: int, version_pk: int) -> FileResponse:
    """The file of one agreement version, for users who may see the partnership (never a public URL)."""
    version = get_object_or_404(AgreementVersion.objects.visible_to(request.user), pk=version_pk, partnership_id=pk)
    filename = f"umowa-partnerska-{pk}-v{version.number}.pdf"
    return FileResponse(version.file.open("rb"), as_attachment=True, filename=filename, content_type="application/pdf")


@login_required
@require_http_methods(["GET", "POST"])
def task_create(request: HttpRequest, pk: int) -> HttpResponse:
    partnership = _partnership(request, pk)
    _require_edit(request, partnership.network)
    form = TaskForm(request.POST or None, partnership=partnership)
    return _form_page(
        request,
        form,
        lambda data: services.do_create_task(partnership, data, actor=request.user),
        title=_("New task of the action plan"),
        back_url=reverse("partnerships:partnership_detail", args=[pk]),
        success=_("The task was added."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def task_update(request: HttpRequest, pk: int, task_pk: int) -> HttpResponse:
    partnership = _partnership(request, pk)
    _require_edit(request, partnership.network)
    task = get_object_or_404(ActionTask.objects.visible_to(request.user), pk=task_pk, partnership=partnership)
    form = TaskForm(request.POST or None, instance=task, partnership=partnership)
    return _form_page(
        request,
        form,
        lambda data: services.do_update_task(task, data, actor=request.user),
        title=_("Edit task"),
        back_url=reverse("partnerships:partnership_detail", args=[pk]),
        success=_("The changes were saved."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def evaluation_create(request: HttpRequest, pk: int) -> HttpResponse:
    partnership = _partnership(request, pk)
    _require_edit(request, partnership.network)
    form = EvaluationForm(request.POST or None)
    return _form_page(
        request,
        form,
        lambda data: services.do_create_evaluation(partnership, data, actor=request.user),
        title=_("New evaluation"),
        back_url=reverse("partnerships:partnership_detail", args=[pk]),
        success=_("The evaluation was recorded; add its conclusions."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def conclusion_add(request: HttpRequest, pk: int, evaluation_pk: int) -> HttpResponse:
    partnership = _partnership(request, pk)
    _require_edit(request, partnership.network)
    evaluation = get_object_or_404(
        Evaluation.objects.visible_to(request.user), pk=evaluation_pk, partnership=partnership
    )
    form = ConclusionForm(request.POST or None, partnership=partnership)
    return _form_page(
        request,
        form,
        lambda data: services.do_add_conclusion(evaluation, data, actor=request.user),
        title=_("Conclusion of the evaluation of %(date)s") % {"date": evaluation.held_on.isoformat()},
        back_url=reverse("partnerships:partnership_detail", args=[pk]),
        success=_("The conclusion was added; it binds the partner it is assigned to."),
        intro=_("Conclusions of an evaluation bind the partners: each is assigned to one partner with a due date."),
    )


@login_required
@require_POST
def conclusion_status(request: HttpRequest, pk: int, conclusion_pk: int) -> HttpResponse:
    conclusion = get_object_or_404(
        Conclusion.objects.visible_to(request.user).select_related("evaluation__partnership__network"),
        pk=conclusion_pk,
        evaluation__partnership_id=pk,
    )
    _require_edit(request, conclusion.evaluation.partnership.network)
    status = request.POST.get("status", "")
    if status in ConclusionStatus.values:
        services.do_set_conclusion_status(conclusion, status, actor=request.user)
        messages.success(request, _("The status was changed."))
    return redirect(request.POST.get("next") or reverse("partnerships:partnership_detail", args=[pk]))


@login_required
def organisation_conclusions(request: HttpRequest, org_pk: int) -> HttpResponse:
    """The partner's page: partnerships it takes part in and the conclusions that bind it."""
    organisation = get_object_or_404(Organisation.objects.visible_to(request.user), pk=org_pk)
    conclusions = (
        Conclusion.objects.visible_to(request.user)
        .filter(assignee=organisation)
        .select_related("evaluation__partnership")
        .order_by("status", "due_on", "id")
    )
    memberships = (
        Partner.objects.visible_to(request.user)
        .filter(organisation=organisation)
        .select_related("partnership__network")
        .order_by("left_on", "partnership__name")
    )
    return render(
        request,
        "partnerships/organisation_conclusions.html",
        {"organisation": organisation, "conclusions": conclusions, "memberships": memberships},
    )


# The MLW Pact ----------------------------------------------------------------------------


def _pact(request: HttpRequest, pk: int) -> Pact:
    return get_object_or_404(Pact.objects.visible_to(request.user).select_related("network__main_node"), pk=pk)


@login_required
def pact_detail(request: HttpRequest, pk: int) -> HttpResponse:
    pact = _pact(request, pk)
    signatories = list(pact.signatories.select_related("organisation").order_by("joined_on", "id"))
    return render(
        request,
        "partnerships/pact_detail.html",
        {
            "pact": pact,
            "network": pact.network,
            "active_signatories": [s for s in signatories if s.withdrawn_on is None],
            "history": signatories,
            "clauses": CLAUSES,
            "title_pl": PACT_TITLE_PL,
            "subtitle_pl": PACT_SUBTITLE_PL,
            "title_en": PACT_TITLE_EN,
            "subtitle_en": PACT_SUBTITLE_EN,
            "can_edit": services.may_edit_network(pact.network, request.user),
            "next_statuses": pact.next_statuses(),
            "open": pact.status != PactStatus.DISSOLVED,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def pact_create(request: HttpRequest, network_pk: int) -> HttpResponse:
    network = _network(request, network_pk)
    _require_edit(request, network)
    form = PactForm(request.POST or None)
    return _form_page(
        request,
        form,
        lambda data: services.do_create_pact(network, data, actor=request.user),
        title=_("New MLW Pact in %(network)s") % {"network": network},
        back_url=reverse("partnerships:network_partnerships", kwargs={"network_pk": network.pk}),
        success=_("The Pact was created as a draft."),
        success_url=lambda p: reverse("partnerships:pact_detail", args=[p.pk]),
    )


@login_required
@require_http_methods(["GET", "POST"])
def pact_update(request: HttpRequest, pk: int) -> HttpResponse:
    pact = _pact(request, pk)
    _require_edit(request, pact.network)
    form = PactForm(request.POST or None, instance=pact)
    return _form_page(
        request,
        form,
        lambda data: services.do_update_pact(pact, data, actor=request.user),
        title=_("Edit the Pact"),
        back_url=reverse("partnerships:pact_detail", args=[pk]),
        success=_("The changes were saved."),
    )


@login_required
@require_POST
def pact_transition(request: HttpRequest, pk: int) -> HttpResponse:
    pact = _pact(request, pk)
    _require_edit(request, pact.network)
    status = request.POST.get("status", "")
    if status not in PactStatus.values:
        messages.error(request, _("Unknown status."))
    else:
        try:
            services.do_transition_pact(pact, status, actor=request.user)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("The status was changed."))
    return redirect("partnerships:pact_detail", pk=pk)


@login_required
@require_http_methods(["GET", "POST"])
def pact_join(request: HttpRequest, pk: int) -> HttpResponse:
    pact = _pact(request, pk)
    _require_edit(request, pact.network)
    form = JoinPactForm(request.POST or None, user=request.user)

    def save(data: dict[str, Any]) -> PactSignatory:
        return services.do_join_pact(
            pact,
            data["organisation"],
            actor=request.user,
            joined_on=data.get("joined_on"),
            representative=data.get("representative", ""),
        )

    return _form_page(
        request,
        form,
        save,
        title=_("A signatory joins the Pact"),
        back_url=reverse("partnerships:pact_detail", args=[pk]),
        success=_("The signatory joined the Pact."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def pact_withdraw(request: HttpRequest, pk: int, signatory_pk: int) -> HttpResponse:
    pact = _pact(request, pk)
    _require_edit(request, pact.network)
    signatory = get_object_or_404(
        PactSignatory.objects.select_related("organisation"), pk=signatory_pk, pact=pact, withdrawn_on__isnull=True
    )
    form = WithdrawForm(request.POST or None)

    def save(data: dict[str, Any]) -> PactSignatory:
        return services.do_withdraw_from_pact(
            signatory, actor=request.user, on=data.get("withdrawn_on"), reason=data.get("reason", "")
        )

    return _form_page(
        request,
        form,
        save,
        title=_("%(name)s withdraws from the Pact") % {"name": signatory.organisation.name},
        back_url=reverse("partnerships:pact_detail", args=[pk]),
        success=_("The withdrawal was recorded."),
        intro=_("A signed Pact left with fewer than three active signatories is dissolved."),
    )


# Local Synergy Team ----------------------------------------------------------------------


def _team(request: HttpRequest, pk: int) -> SynergyTeam:
    return get_object_or_404(SynergyTeam.objects.visible_to(request.user).select_related("network"), pk=pk)


@login_required
def team_detail(request: HttpRequest, pk: int) -> HttpResponse:
    team = _team(request, pk)
    return render(
        request,
        "partnerships/team_detail.html",
        {
            "team": team,
            "network": team.network,
            "members": team.members.select_related("organisation"),
            "tasks": team.tasks.all(),
            "can_edit": services.may_edit_network(team.network, request.user),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def team_create(request: HttpRequest, network_pk: int) -> HttpResponse:
    network = _network(request, network_pk)
    _require_edit(request, network)
    form = TeamForm(request.POST or None)
    return _form_page(
        request,
        form,
        lambda data: services.do_create_team(network, data, actor=request.user),
        title=_("New Local Synergy Team in %(network)s") % {"network": network},
        back_url=reverse("partnerships:network_partnerships", kwargs={"network_pk": network.pk}),
        success=_("The team was recorded."),
        success_url=lambda t: reverse("partnerships:team_detail", args=[t.pk]),
    )


@login_required
@require_http_methods(["GET", "POST"])
def team_update(request: HttpRequest, pk: int) -> HttpResponse:
    team = _team(request, pk)
    _require_edit(request, team.network)
    form = TeamForm(request.POST or None, instance=team)
    return _form_page(
        request,
        form,
        lambda data: services.do_update_team(team, data, actor=request.user),
        title=_("Edit the team"),
        back_url=reverse("partnerships:team_detail", args=[pk]),
        success=_("The changes were saved."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def team_member_add(request: HttpRequest, pk: int) -> HttpResponse:
    team = _team(request, pk)
    _require_edit(request, team.network)
    form = TeamMemberForm(request.POST or None, user=request.user)
    return _form_page(
        request,
        form,
        lambda data: services.do_add_team_member(team, data, actor=request.user),
        title=_("New member of the team"),
        back_url=reverse("partnerships:team_detail", args=[pk]),
        success=_("The member was added."),
    )


@login_required
@require_POST
def team_member_leave(request: HttpRequest, pk: int, member_pk: int) -> HttpResponse:
    team = _team(request, pk)
    _require_edit(request, team.network)
    member = get_object_or_404(SynergyTeamMember, pk=member_pk, team=team)
    try:
        services.do_end_team_membership(member, actor=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The member left the team."))
    return redirect("partnerships:team_detail", pk=pk)


@login_required
@require_http_methods(["GET", "POST"])
def team_task_create(request: HttpRequest, pk: int) -> HttpResponse:
    team = _team(request, pk)
    _require_edit(request, team.network)
    form = TeamTaskForm(request.POST or None)
    return _form_page(
        request,
        form,
        lambda data: services.do_create_team_task(team, data, actor=request.user),
        title=_("New task of the team"),
        back_url=reverse("partnerships:team_detail", args=[pk]),
        success=_("The task was added."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def team_task_update(request: HttpRequest, pk: int, task_pk: int) -> HttpResponse:
    team = _team(request, pk)
    _require_edit(request, team.network)
    task = get_object_or_404(SynergyTeamTask, pk=task_pk, team=team)
    form = TeamTaskForm(request.POST or None, instance=task)
    return _form_page(
        request,
        form,
        lambda data: services.do_update_team_task(task, data, actor=request.user),
        title=_("Edit task"),
        back_url=reverse("partnerships:team_detail", args=[pk]),
        success=_("The changes were saved."),
    )


# Stakeholder attitudes -------------------------------------------------------------------


@login_required
def attitudes(request: HttpRequest, network_pk: int) -> HttpResponse:
    network = _network(request, network_pk)
    dates = AttitudeDatesForm(request.GET or None)
    before = after = None
    if dates.is_bound and dates.is_valid():
        before, after = dates.cleaned_data.get("before"), dates.cleaned_data.get("after")
    table = attitude_table(network, before=before, after=after)
    assessments = (
        AttitudeAssessment.objects.filter(network=network)
        .select_related("organisation")
        .order_by("-assessed_on", "organisation__name")
    )
    return render(
        request,
        "partnerships/attitudes.html",
        {
            "network": network,
            "dates": dates,
            "table": table,
            "assessments": assessments,
            "can_edit": services.may_edit_network(network, request.user),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def attitude_create(request: HttpRequest, network_pk: int) -> HttpResponse:
    network = _network(request, network_pk)
    _require_edit(request, network)
    form = AttitudeForm(request.POST or None, user=request.user)
    return _form_page(
        request,
        form,
        lambda data: services.do_record_attitude(network, data, actor=request.user),
        title=_("Assess a stakeholder's attitude"),
        back_url=reverse("partnerships:attitudes", kwargs={"network_pk": network.pk}),
        success=_("The assessment was recorded."),
    )
