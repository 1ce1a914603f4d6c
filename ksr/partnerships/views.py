"""Pages of partnerships, the MLW Pact, Local Synergy Teams and stakeholder attitudes.

Thin: parse (form) → fetch (scoped: the network must be visible) → one service → redirect/render.
Objects in networks the user cannot see answer 404; edit pages of visible objects the user may
not change answer 403. The edit pages and buttons are declared, one entry each: what they hang
on (``Owner``), the object inside it, the form and the service (``_form_view``, ``_action_view``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Prefetch, Q, QuerySet, TextChoices
from django.forms import BaseForm
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l
from django.views.decorators.http import require_http_methods, require_POST

from ksr.core.access import LoginRequiredMixin, login_required
from ksr.core.exports import Column
from ksr.core.listing import FilteredListView
from ksr.core.pages import form_page
from ksr.core.types import AnyUser
from ksr.networks.models import Network
from ksr.partnerships import services
from ksr.partnerships.choices import AUTOMATIC_PACT_STATES, ConclusionStatus, PactStatus, PartnershipStatus
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


def _network(request: HttpRequest, network_pk: int) -> Network:
    return get_object_or_404(Network.objects.visible_to(request.user).select_related("main_node"), pk=network_pk)


def _partnership(request: HttpRequest, pk: int) -> Partnership:
    return get_object_or_404(
        Partnership.objects.visible_to(request.user).select_related("network__main_node", "leader"), pk=pk
    )


def _pact(request: HttpRequest, pk: int) -> Pact:
    return get_object_or_404(Pact.objects.visible_to(request.user).select_related("network__main_node"), pk=pk)


def _team(request: HttpRequest, pk: int) -> SynergyTeam:
    return get_object_or_404(SynergyTeam.objects.visible_to(request.user).select_related("network"), pk=pk)


def _require_edit(request: HttpRequest, network: Network) -> None:
    if not services.may_edit_network(network, request.user):
        raise PermissionDenied


def _next_statuses(obj: Any, choices: type[TextChoices], hidden: Iterable[str] = ()) -> list[Any]:
    """The statuses ``obj``'s machine lets a button move it to, in the order of its choices."""
    return [status for status in choices if obj.can_move_to(status) and status not in hidden]


# Edit pages and buttons, declared ---------------------------------------------------------


@dataclass(frozen=True)
class Owner:
    """What a page hangs on: fetched among the visible ones, changed where its network is editable."""

    fetch: Callable[[HttpRequest, int], Any]
    network: Callable[[Any], Network]
    back: Callable[[Any], str]


NETWORK = Owner(
    _network, lambda n: n, lambda n: reverse("partnerships:network_partnerships", kwargs={"network_pk": n.pk})
)
PARTNERSHIP = Owner(
    _partnership, lambda p: p.network, lambda p: reverse("partnerships:partnership_detail", args=[p.pk])
)
PACT = Owner(_pact, lambda p: p.network, lambda p: reverse("partnerships:pact_detail", args=[p.pk]))
TEAM = Owner(_team, lambda t: t.network, lambda t: reverse("partnerships:team_detail", args=[t.pk]))

Child = Callable[..., Any]
"""``child(request, owner_object, **url_kwargs)``: the object of the page inside its owner, or 404."""


def _child(rows: Callable[[HttpRequest], QuerySet[Any]], kwarg: str, parent: str, **extra: Any) -> Child:
    def get(request: HttpRequest, owner: Any, **kwargs: Any) -> Any:
        return get_object_or_404(rows(request), pk=kwargs[kwarg], **{parent: owner}, **extra)

    return get


def _fetch(owner: Owner, request: HttpRequest, kwargs: dict[str, Any], child: Child | None) -> tuple[Any, Any]:
    """The owner (403 unless its network is editable) and the page's object inside it (or None)."""
    obj = owner.fetch(request, kwargs.pop("pk", None) or kwargs.pop("network_pk"))
    _require_edit(request, owner.network(obj))
    return obj, (child(request, obj, **kwargs) if child is not None else None)


def _form_view(
    owner: Owner,
    make_form: Callable[[HttpRequest, Any, Any], BaseForm],
    service: Callable[..., Any],
    *,
    title: str | Promise | Callable[[Any, Any], str],
    success: str | Promise,
    child: Child | None = None,
    success_url: Callable[[Any], str] | None = None,
    intro: str | Promise = "",
) -> Callable[..., HttpResponse]:
    """A form page: ``service(object or owner, cleaned_data, actor=user)`` on a valid POST."""

    @login_required
    @require_http_methods(["GET", "POST"])
    def view(request: HttpRequest, **kwargs: Any) -> HttpResponse:
        obj, item = _fetch(owner, request, kwargs, child)
        target = obj if item is None else item
        return form_page(
            request,
            make_form(request, obj, item),
            lambda data: service(target, data, actor=request.user),
            title=title(obj, item) if callable(title) else str(title),
            back_url=owner.back(obj),
            success=str(success),
            success_url=success_url,
            intro=str(intro),
        )

    return view


def _action_view(
    owner: Owner,
    service: Callable[..., Any],
    *,
    success: str | Promise,
    child: Child | None = None,
    params: Callable[[HttpRequest], dict[str, Any]] = lambda request: {},
) -> Callable[..., HttpResponse]:
    """A button (POST): ``service(object or owner, actor=user, **params)``; a refusal becomes a message."""

    @login_required
    @require_POST
    def view(request: HttpRequest, **kwargs: Any) -> HttpResponse:
        obj, item = _fetch(owner, request, kwargs, child)
        try:
            service(obj if item is None else item, actor=request.user, **params(request))
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, str(success))
        return redirect(owner.back(obj))

    return view


def _status_move(service: Callable[..., Any], choices: type[TextChoices]) -> Callable[..., Any]:
    def move(obj: Any, *, actor: AnyUser, status: str) -> Any:
        if status not in choices.values:
            raise ValidationError(_("Unknown status."))
        return service(obj, status, actor=actor)

    return move


def _posted_status(request: HttpRequest) -> dict[str, Any]:
    return {"status": request.POST.get("status", "")}


def _with_organisation(service: Callable[..., Any]) -> Callable[..., Any]:
    """``service(owner, organisation, rest_of_data, actor=…)`` from one form's data."""

    def save(obj: Any, data: dict[str, Any], *, actor: AnyUser) -> Any:
        data = dict(data)
        return service(obj, data.pop("organisation"), data, actor=actor)

    return save


SAVED = _l("The changes were saved.")


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


@login_required
def partnership_detail(request: HttpRequest, pk: int) -> HttpResponse:
    partnership = _partnership(request, pk)
    partners = partnership.partners.select_related("organisation").prefetch_related("contributions")
    evaluations = partnership.evaluations.prefetch_related(
        # django-stubs cannot type a Prefetch over a custom QuerySet class.
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
            "next_statuses": _next_statuses(partnership, PartnershipStatus),
            "today": timezone.localdate(),
        },
    )


partnership_create = _form_view(
    NETWORK,
    lambda request, network, _item: PartnershipEditForm(request.POST or None, network=network, user=request.user),
    services.do_create_partnership,
    title=lambda network, _item: _("New partnership in %(network)s") % {"network": network},
    success=_l("The partnership was created."),
    success_url=lambda p: reverse("partnerships:partnership_detail", args=[p.pk]),
)
partnership_update = _form_view(
    PARTNERSHIP,
    lambda request, p, _item: PartnershipEditForm(
        request.POST or None, instance=p, network=p.network, user=request.user
    ),
    services.do_update_partnership,
    title=_l("Edit partnership"),
    success=SAVED,
)
partnership_transition = _action_view(
    PARTNERSHIP,
    _status_move(services.do_transition_partnership, PartnershipStatus),
    success=_l("The status was changed."),
    params=_posted_status,
)

_partner = _child(
    lambda request: Partner.objects.visible_to(request.user).select_related("organisation"),
    "partner_pk",
    "partnership",
)
partner_add = _form_view(
    PARTNERSHIP,
    lambda request, p, _item: PartnerAddForm(request.POST or None, user=request.user),
    _with_organisation(services.do_add_partner),
    title=lambda p, _item: _("Add a partner to %(name)s") % {"name": p.name},
    success=_l("The partner was added."),
)
partner_update = _form_view(
    PARTNERSHIP,
    lambda request, p, partner: PartnerEditForm(request.POST or None, instance=partner),
    services.do_update_partner,
    child=_partner,
    title=lambda p, partner: _("Role of %(name)s") % {"name": partner.organisation.name},
    success=SAVED,
)
partner_remove = _action_view(
    PARTNERSHIP, services.do_remove_partner, child=_partner, success=_l("The partner left the partnership.")
)
contribution_add = _form_view(
    PARTNERSHIP,
    lambda request, p, partner: ContributionForm(request.POST or None),
    services.do_add_contribution,
    child=_partner,
    title=lambda p, partner: _("Contribution of %(name)s") % {"name": partner.organisation.name},
    success=_l("The contribution was added."),
)
contribution_delete = _action_view(
    PARTNERSHIP,
    services.do_delete_contribution,
    child=_child(lambda request: Contribution.objects.all(), "contribution_pk", "partner__partnership"),
    success=_l("The contribution was removed."),
)


def _upload(partnership: Partnership, data: dict[str, Any], *, actor: AnyUser) -> AgreementVersion:
    return services.do_upload_agreement(
        partnership, data["file"], actor=actor, signed_on=data.get("signed_on"), note=data.get("note", "")
    )


agreement_upload = _form_view(
    PARTNERSHIP,
    lambda request, p, _item: AgreementUploadForm(request.POST or None, request.FILES or None),
    _upload,
    title=_l("Upload the agreement"),
    success=_l("A new version of the agreement was stored."),
)


@login_required
def agreement_download(request: HttpRequest, pk: int, version_pk: int) -> FileResponse:
    """The file of one agreement version, for users who may see the partnership (never a public URL)."""
    version = get_object_or_404(AgreementVersion.objects.visible_to(request.user), pk=version_pk, partnership_id=pk)
    filename = f"umowa-partnerska-{pk}-v{version.number}.pdf"
    return FileResponse(version.file.open("rb"), as_attachment=True, filename=filename, content_type="application/pdf")


_task = _child(lambda request: ActionTask.objects.visible_to(request.user), "task_pk", "partnership")
task_create = _form_view(
    PARTNERSHIP,
    lambda request, p, _item: TaskForm(request.POST or None, partnership=p),
    services.do_create_task,
    title=_l("New task of the action plan"),
    success=_l("The task was added."),
)
task_update = _form_view(
    PARTNERSHIP,
    lambda request, p, task: TaskForm(request.POST or None, instance=task, partnership=p),
    services.do_update_task,
    child=_task,
    title=_l("Edit task"),
    success=SAVED,
)
evaluation_create = _form_view(
    PARTNERSHIP,
    lambda request, p, _item: EvaluationForm(request.POST or None),
    services.do_create_evaluation,
    title=_l("New evaluation"),
    success=_l("The evaluation was recorded; add its conclusions."),
)
conclusion_add = _form_view(
    PARTNERSHIP,
    lambda request, p, _item: ConclusionForm(request.POST or None, partnership=p),
    services.do_add_conclusion,
    child=_child(lambda request: Evaluation.objects.visible_to(request.user), "evaluation_pk", "partnership"),
    title=lambda p, evaluation: (
        _("Conclusion of the evaluation of %(date)s") % {"date": date_format(evaluation.held_on, "SHORT_DATE_FORMAT")}
    ),
    success=_l("The conclusion was added; it binds the partner it is assigned to."),
    intro=_l("Conclusions of an evaluation bind the partners: each is assigned to one partner with a due date."),
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
            "next_statuses": _next_statuses(pact, PactStatus, hidden=AUTOMATIC_PACT_STATES),
            "open": pact.status != PactStatus.DISSOLVED,
        },
    )


def _join(pact: Pact, data: dict[str, Any], *, actor: AnyUser) -> PactSignatory:
    return services.do_join_pact(
        pact,
        data["organisation"],
        actor=actor,
        joined_on=data.get("joined_on"),
        representative=data.get("representative", ""),
    )


def _withdraw(signatory: PactSignatory, data: dict[str, Any], *, actor: AnyUser) -> PactSignatory:
    return services.do_withdraw_from_pact(
        signatory, actor=actor, on=data.get("withdrawn_on"), reason=data.get("reason", "")
    )


pact_create = _form_view(
    NETWORK,
    lambda request, network, _item: PactForm(request.POST or None),
    services.do_create_pact,
    title=lambda network, _item: _("New MLW Pact in %(network)s") % {"network": network},
    success=_l("The Pact was created as a draft."),
    success_url=lambda p: reverse("partnerships:pact_detail", args=[p.pk]),
)
pact_update = _form_view(
    PACT,
    lambda request, pact, _item: PactForm(request.POST or None, instance=pact),
    services.do_update_pact,
    title=_l("Edit the Pact"),
    success=SAVED,
)
pact_transition = _action_view(
    PACT,
    _status_move(services.do_transition_pact, PactStatus),
    success=_l("The status was changed."),
    params=_posted_status,
)
pact_join = _form_view(
    PACT,
    lambda request, pact, _item: JoinPactForm(request.POST or None, user=request.user),
    _join,
    title=_l("A signatory joins the Pact"),
    success=_l("The signatory joined the Pact."),
)
pact_withdraw = _form_view(
    PACT,
    lambda request, pact, signatory: WithdrawForm(request.POST or None),
    _withdraw,
    child=_child(
        lambda request: PactSignatory.objects.select_related("organisation"),
        "signatory_pk",
        "pact",
        withdrawn_on__isnull=True,
    ),
    title=lambda pact, signatory: _("%(name)s withdraws from the Pact") % {"name": signatory.organisation.name},
    success=_l("The withdrawal was recorded."),
    intro=_l("A signed Pact left with fewer than three active signatories is dissolved."),
)


# Local Synergy Team ----------------------------------------------------------------------


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


team_create = _form_view(
    NETWORK,
    lambda request, network, _item: TeamForm(request.POST or None),
    services.do_create_team,
    title=lambda network, _item: _("New Local Synergy Team in %(network)s") % {"network": network},
    success=_l("The team was recorded."),
    success_url=lambda t: reverse("partnerships:team_detail", args=[t.pk]),
)
team_update = _form_view(
    TEAM,
    lambda request, team, _item: TeamForm(request.POST or None, instance=team),
    services.do_update_team,
    title=_l("Edit the team"),
    success=SAVED,
)
team_member_add = _form_view(
    TEAM,
    lambda request, team, _item: TeamMemberForm(request.POST or None, user=request.user),
    services.do_add_team_member,
    title=_l("New member of the team"),
    success=_l("The member was added."),
)
team_member_leave = _action_view(
    TEAM,
    services.do_end_team_membership,
    child=_child(lambda request: SynergyTeamMember.objects.all(), "member_pk", "team"),
    success=_l("The member left the team."),
)
team_task_create = _form_view(
    TEAM,
    lambda request, team, _item: TeamTaskForm(request.POST or None),
    services.do_create_team_task,
    title=_l("New task of the team"),
    success=_l("The task was added."),
)
team_task_update = _form_view(
    TEAM,
    lambda request, team, task: TeamTaskForm(request.POST or None, instance=task),
    services.do_update_team_task,
    child=_child(lambda request: SynergyTeamTask.objects.all(), "task_pk", "team"),
    title=_l("Edit task"),
    success=SAVED,
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


attitude_create = _form_view(
    Owner(_network, lambda n: n, lambda n: reverse("partnerships:attitudes", kwargs={"network_pk": n.pk})),
    lambda request, network, _item: AttitudeForm(request.POST or None, user=request.user),
    services.do_record_attitude,
    title=_l("Assess a stakeholder's attitude"),
    success=_l("The assessment was recorded."),
)
