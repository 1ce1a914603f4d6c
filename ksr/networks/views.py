"""Pages of the networks: thin — parse (form) → fetch (scoped) → one service → render."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.core.exceptions import NON_FIELD_ERRORS, ImproperlyConfigured, PermissionDenied, ValidationError
from django.db.models import Count, Q, QuerySet
from django.forms import BaseForm
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from ksr.accounts.choices import Role
from ksr.accounts.scope import scope_for
from ksr.audit.choices import AuditAction
from ksr.audit.services import record
from ksr.core.access import LoginRequiredMixin, RolesRequiredMixin, login_required
from ksr.core.collation import polish, sort_key
from ksr.core.exports import Column, export_response
from ksr.core.listing import EXPORT_FORMATS, FilteredListView
from ksr.core.pages import form_page
from ksr.core.types import AnyUser
from ksr.networks import services
from ksr.networks.choices import NetworkLevel
from ksr.networks.filters import LsrOverviewFilter, NetworkFilter
from ksr.networks.forms import (
    AssistanceEntryForm,
    AuspicesForm,
    EndMembershipForm,
    MemberForm,
    NetworkForm,
    RecommendationForm,
    RegionalTaskForm,
    TeamMemberForm,
)
from ksr.networks.health import lsr_health, lsr_health_many, network_flags
from ksr.networks.models import (
    Network,
    NetworkMembership,
    Recommendation,
    RegionalTask,
    TeamMember,
)
from ksr.networks.querysets import LOCAL_EDITORS, NATIONAL_EDITORS, REGIONAL_EDITORS
from ksr.territory.models import TerritorialUnit

OVERVIEW_ROLES = (Role.SYSTEM_ADMIN, Role.REGIONAL_ANALYST, Role.REGIONAL_ANIMATOR, Role.NATIONAL_ANALYST)


def _visible(request: HttpRequest, pk: int) -> Network:
    return get_object_or_404(
        Network.objects.visible_to(request.user).select_related("territory", "main_node__parent", "parent"), pk=pk
    )


def _editable(request: HttpRequest, pk: int, *levels: str) -> Network:
    network = _visible(request, pk)
    if levels and network.level not in levels:
        raise Http404
    if not Network.objects.editable_by(request.user).filter(pk=network.pk).exists():
        raise PermissionDenied
    return network


def _can_edit(user: AnyUser, network: Network) -> bool:
    return Network.objects.editable_by(user).filter(pk=network.pk).exists()


def creatable_levels(user: AnyUser) -> list[tuple[str, str]]:
    """Levels at which ``user`` could create a network (to show the buttons)."""
    scope = scope_for(user)
    admin = scope.has_role(Role.SYSTEM_ADMIN)
    out = []
    if admin or scope.organisations_for(*LOCAL_EDITORS):
        out.append((NetworkLevel.LOCAL.value, str(NetworkLevel.LOCAL.label)))
    if admin or scope.prefixes_for(*REGIONAL_EDITORS):
        out.append((NetworkLevel.REGIONAL.value, str(NetworkLevel.REGIONAL.label)))
    if admin or scope.has_any_role(NATIONAL_EDITORS):
        out.append((NetworkLevel.NATIONAL.value, str(NetworkLevel.NATIONAL.label)))
    return out


# Lists ------------------------------------------------------------------------------------

NETWORK_COLUMNS: list[Column] = [
    (gettext_lazy("Name"), lambda n: n.name),
    (gettext_lazy("Level"), lambda n: n.get_level_display()),
    (gettext_lazy("Territory"), lambda n: f"{n.territory} ({n.territory.code})" if n.territory else ""),
    (gettext_lazy("Main node"), lambda n: n.main_node.name),
    (gettext_lazy("Parent network"), lambda n: n.parent.name if n.parent else ""),
    (gettext_lazy("Creation variant"), lambda n: n.get_creation_variant_display()),
    (gettext_lazy("Current members"), lambda n: n.current_members),
    (gettext_lazy("Active"), lambda n: n.is_active),
]


class NetworkListView(LoginRequiredMixin, FilteredListView):
    """Networks the user may see, filtered, paginated and exportable (CSV/XLSX)."""

    template_name = "networks/network_list.html"
    partial_template_name = "networks/_network_results.html"
    filterset_class = NetworkFilter
    export_columns = NETWORK_COLUMNS
    export_filename = "sieci"

    def get_base_queryset(self) -> QuerySet[Network]:
        return (
            Network.objects.visible_to(self.request.user)
            .select_related("territory", "main_node", "parent")
            .annotate(current_members=Count("memberships", filter=Q(memberships__left_on__isnull=True)))
            .order_by("level", polish("name"), "id")
        )

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["creatable_levels"] = creatable_levels(self.request.user)
        return context


network_list = NetworkListView.as_view()

SORTS: dict[str, Callable[[Any], Any]] = {
    "name": lambda n: (sort_key(n.name), n.pk),
    "voivodeship": lambda n: (n.voivodeship_code, sort_key(n.name), n.pk),
    "health": lambda n: (n.health.score, sort_key(n.name), n.pk),
}

OVERVIEW_COLUMNS: list[Column] = [
    (gettext_lazy("LSR"), lambda n: n.name),
    (gettext_lazy("Voivodeship"), lambda n: n.voivodeship_name),
    (gettext_lazy("Territory"), lambda n: f"{n.territory} ({n.territory.code})" if n.territory else ""),
    (gettext_lazy("Main node"), lambda n: n.main_node.name),
    (gettext_lazy("Health score"), lambda n: n.health.score),
    (gettext_lazy("Healthy"), lambda n: n.health.is_healthy),
    (gettext_lazy("Rules not met"), lambda n: [rule.label for rule in n.health.failing]),
]


class LsrOverviewView(RolesRequiredMixin, FilteredListView):
    """Every LSR the user may see with its health, sortable and exportable (regional and national view)."""

    required_roles = OVERVIEW_ROLES
    template_name = "networks/lsr_overview.html"
    partial_template_name = "networks/_lsr_overview_results.html"
    filterset_class = LsrOverviewFilter
    export_columns = OVERVIEW_COLUMNS
    export_filename = "lsr-kondycja"

    def get_base_queryset(self) -> QuerySet[Network]:
        return (
            Network.objects.visible_to(self.request.user)
            .filter(level=NetworkLevel.LOCAL)
            .select_related("territory", "main_node")
        )

    def sort_key(self) -> tuple[str, bool]:
        raw = self.request.GET.get("sort", "name")
        descending = raw.startswith("-")
        key = raw.lstrip("-")
        return (key if key in SORTS else "name"), descending

    def rows(self) -> list[Network]:
        networks = list(self.get_queryset())
        reports = lsr_health_many(networks, timezone.localdate())
        codes = {n.voivodeship_code for n in networks}
        names = dict(TerritorialUnit.objects.filter(code__in=codes).values_list("code", "name")) if codes else {}
        for network in networks:
            network.health = reports[network.pk]  # type: ignore[attr-defined]  # shown and sorted on the page
            network.voivodeship_name = names.get(network.voivodeship_code, "")  # type: ignore[attr-defined]  # idem
        key, descending = self.sort_key()
        networks.sort(key=SORTS[key], reverse=descending)
        return networks

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:  # type: ignore[override]  # an export streams
        fmt = request.GET.get("format", "")
        if fmt in EXPORT_FORMATS:
            rows = self.rows()
            record(
                AuditAction.EXPORT,
                None,
                actor=request.user,
                object_repr=f"{self.export_filename}.{fmt} ({request.GET.urlencode()})",
            )
            return export_response(fmt, rows, self.export_columns, self.export_filename)
        self.object_list = self.rows()
        context = self.get_context_data()
        return self.render_to_response(context)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        key, descending = self.sort_key()
        context["sort"] = ("-" if descending else "") + key
        context["sort_links"] = {name: ("-" + name if key == name and not descending else name) for name in SORTS}
        context["sort_state"] = {
            name: ("descending" if descending else "ascending") if key == name else "none" for name in SORTS
        }
        return context


lsr_overview = LsrOverviewView.as_view()


# One network ------------------------------------------------------------------------------


@login_required
def network_detail(request: HttpRequest, pk: int) -> HttpResponse:
    network = _visible(request, pk)
    memberships = list(
        network.memberships.select_related("organisation__seat", "member_network")
        .prefetch_related("organisation__sectors")
        .order_by("left_on", "organisation__name", "-joined_on")
    )
    current = [m for m in memberships if m.left_on is None]
    history = [m for m in memberships if m.left_on is not None]
    children = Network.objects.visible_to(request.user).filter(parent=network).select_related("territory", "main_node")
    context: dict[str, Any] = {
        "network": network,
        "current": current,
        "history": history,
        "children": children,
        "flags": network_flags(network),
        "can_edit": _can_edit(request.user, network),
        "health": lsr_health(network) if network.is_lsr else None,
        "auspices": network.auspices_acts.all() if network.is_lsr else None,
    }
    return render(request, "networks/network_detail.html", context)


NETWORK_INTRO = gettext_lazy(
    "An LSR is led by its KIS and belongs to the RSR of its voivodeship. Choose how it came to be: in the "
    "administrative variant give the decision or resolution; in the civic variant name the local leaders."
)


def _to_detail(network: Network) -> str:
    return reverse("networks:network_detail", args=[network.pk])


def _refusal_on(field: str | None, save: Callable[[dict[str, Any]], Any]) -> Callable[[dict[str, Any]], Any]:
    """``save``, with the service's ``PermissionDenied`` shown on the form (``field``) rather than a 403."""

    def guarded(data: dict[str, Any]) -> Any:
        try:
            return save(data)
        except PermissionDenied as exc:
            message = str(exc) or _("You may not change this network.")
            raise ValidationError({field or NON_FIELD_ERRORS: message}) from exc

    return guarded


@login_required
@require_http_methods(["GET", "POST"])
def network_create(request: HttpRequest) -> HttpResponse:
    level = request.GET.get("level", NetworkLevel.LOCAL)
    if level not in NetworkLevel.values:
        raise Http404
    if level not in dict(creatable_levels(request.user)):
        raise PermissionDenied
    form = NetworkForm(request.POST or None, user=request.user, level=level)

    def save(data: dict[str, Any]) -> Network:
        network = services.do_create_network(form.service_data(), actor=request.user)
        messages.success(request, _("The network “%(name)s” was created.") % {"name": network.name})
        return network

    return form_page(
        request,
        form,
        _refusal_on("main_node", save),
        title=_("New network") + ": " + str(NetworkLevel(level).label),
        back_url=reverse("networks:network_list"),
        success_url=_to_detail,
        intro=NETWORK_INTRO,
    )


@login_required
@require_http_methods(["GET", "POST"])
def network_update(request: HttpRequest, pk: int) -> HttpResponse:
    network = _editable(request, pk)
    form = NetworkForm(request.POST or None, instance=network, user=request.user, level=network.level)
    return form_page(
        request,
        form,
        _refusal_on(
            None,
            lambda data: services.do_update_network(_editable(request, pk), form.service_data(), actor=request.user),
        ),
        title=_("Edit network") + ": " + str(network.get_level_display()),
        back_url=_to_detail(network),
        success=_("The changes were saved."),
        intro=NETWORK_INTRO,
    )


@login_required
@require_http_methods(["GET", "POST"])
def member_add(request: HttpRequest, pk: int) -> HttpResponse:
    network = _editable(request, pk)
    form = MemberForm(
        request.POST or None, network=network, user=request.user, initial={"joined_on": timezone.localdate()}
    )
    return form_page(
        request,
        form,
        lambda data: services.do_add_member(
            network,
            data.get("organisation"),
            member_network=data.get("member_network"),
            joined_on=data["joined_on"],
            note=data.get("note", ""),
            actor=request.user,
        ),
        title=_("Add a member"),
        back_url=_to_detail(network),
        success=_("The member was added."),
        intro=_("Membership stays open: organisations can join and leave at any time; the history is kept."),
        submit_label=_("Add"),
    )


@login_required
@require_http_methods(["GET", "POST"])
def membership_end(request: HttpRequest, pk: int, membership_pk: int) -> HttpResponse:
    network = _editable(request, pk)
    membership = get_object_or_404(
        NetworkMembership.objects.visible_to(request.user).select_related("organisation"),
        pk=membership_pk,
        network=network,
        left_on__isnull=True,
    )
    form = EndMembershipForm(request.POST or None, initial={"left_on": timezone.localdate()})
    return form_page(
        request,
        form,
        lambda data: services.do_end_membership(membership, left_on=data["left_on"], actor=request.user),
        title=_("End membership") + ": " + str(membership.organisation.name),
        back_url=_to_detail(network),
        success=_("The membership was ended; it stays in the history."),
        submit_label=_("End membership"),
        danger=True,
    )


@login_required
@require_http_methods(["GET", "POST"])
def auspices_add(request: HttpRequest, pk: int) -> HttpResponse:
    network = _editable(request, pk, NetworkLevel.LOCAL)
    return form_page(
        request,
        AuspicesForm(request.POST or None),
        lambda data: services.do_record_auspices(network, data, actor=request.user),
        title=_("Record auspices"),
        back_url=_to_detail(network),
        success=_("The act of auspices was recorded."),
        intro=_(
            "The KIS operates at least under the auspices of the wójt, mayor or city president (Model KSR, II.3, "
            "local level)."
        ),
    )


# Regional and national records ------------------------------------------------------------


@dataclass(frozen=True)
class RecordKind:
    """One kind of record a regional or the national network keeps: its page, form and services."""

    level: str
    template: str
    url_name: str
    make_form: Callable[..., BaseForm]
    """``make_form(data, network=…, user=…, instance=None)``."""
    create: Callable[..., Any]
    rows: Callable[[Network], Any]
    success: str | Promise
    model: type[Any] | None = None
    update: Callable[..., Any] | None = None


RECORDS: dict[str, RecordKind] = {
    "team": RecordKind(
        level="",  # the RSR's ROWR team or the KSR's KOWR team
        template="networks/team.html",
        url_name="networks:team",
        make_form=lambda data, network, user, instance=None: TeamMemberForm(data, network=network),
        create=services.do_add_team_member,
        rows=lambda network: network.team.select_related("person__organisation"),
        success=gettext_lazy("The person was added to the team."),
    ),
    "assistance": RecordKind(
        level=NetworkLevel.REGIONAL,
        template="networks/assistance.html",
        url_name="networks:assistance",
        make_form=lambda data, network, user, instance=None: AssistanceEntryForm(data, network=network),
        create=services.do_log_assistance,
        rows=lambda network: network.assistance_given.select_related("lsr"),
        success=gettext_lazy("The technical assistance was recorded."),
    ),
    "tasks": RecordKind(
        level=NetworkLevel.REGIONAL,
        template="networks/regional_tasks.html",
        url_name="networks:regional_tasks",
        make_form=lambda data, network, user, instance=None: RegionalTaskForm(data, instance=instance, network=network),
        create=services.do_create_regional_task,
        rows=lambda network: network.regional_tasks.select_related("owner"),
        success=gettext_lazy("The task was added."),
        model=RegionalTask,
        update=services.do_update_regional_task,
    ),
    "recommendations": RecordKind(
        level=NetworkLevel.NATIONAL,
        template="networks/recommendations.html",
        url_name="networks:recommendations",
        make_form=lambda data, network, user, instance=None: RecommendationForm(data, instance=instance, user=user),
        create=services.do_create_recommendation,
        rows=lambda network: network.recommendations.prefetch_related("source_lsrs"),
        success=gettext_lazy("The recommendation was added to the knowledge base."),
        model=Recommendation,
        update=services.do_update_recommendation,
    ),
}


def _records_view(kind: RecordKind) -> Callable[..., HttpResponse]:
    """The list of one kind of records of a network, with the form that adds one."""

    @login_required
    @require_http_methods(["GET", "POST"])
    def view(request: HttpRequest, pk: int) -> HttpResponse:
        network = _visible(request, pk)
        if network.is_lsr or (kind.level and network.level != kind.level):
            raise Http404
        can_edit = _can_edit(request.user, network)
        if request.method == "POST" and not can_edit:
            raise PermissionDenied
        form = kind.make_form(request.POST or None, network=network, user=request.user)
        return form_page(
            request,
            form,
            lambda data: kind.create(network, data, actor=request.user),
            title=str(network),
            back_url=request.path,
            success=str(kind.success),
            template=kind.template,
            network=network,
            rows=kind.rows(network),
            can_edit=can_edit,
        )

    return view


def _record_update_view(kind: RecordKind) -> Callable[..., HttpResponse]:
    """The edit page of one record (tasks and recommendations, whose status follows their machine)."""
    model, update = kind.model, kind.update
    if model is None or update is None:
        raise ImproperlyConfigured(f"{kind.url_name} has no edit page")

    @login_required
    @require_http_methods(["GET", "POST"])
    def view(request: HttpRequest, pk: int, record_pk: int) -> HttpResponse:
        network = _editable(request, pk, kind.level)
        record = get_object_or_404(model.objects.visible_to(request.user), pk=record_pk, network=network)
        form = kind.make_form(request.POST or None, network=network, user=request.user, instance=record)
        return form_page(
            request,
            form,
            lambda data: update(record, data, actor=request.user),
            title=_("Edit") + ": " + str(record),
            back_url=_to_detail(network),
            success=_("The changes were saved."),
            success_url=reverse(kind.url_name, args=[network.pk]),
        )

    return view


team = _records_view(RECORDS["team"])
assistance = _records_view(RECORDS["assistance"])
regional_tasks = _records_view(RECORDS["tasks"])
regional_task_update = _record_update_view(RECORDS["tasks"])
recommendations = _records_view(RECORDS["recommendations"])
recommendation_update = _record_update_view(RECORDS["recommendations"])


@login_required
@require_http_methods(["POST"])
def team_member_remove(request: HttpRequest, pk: int, member_pk: int) -> HttpResponse:
    network = _editable(request, pk, NetworkLevel.REGIONAL, NetworkLevel.NATIONAL)
    member = get_object_or_404(TeamMember.objects.visible_to(request.user), pk=member_pk, network=network)
    services.do_remove_team_member(member, actor=request.user)
    messages.success(request, _("The person was removed from the team."))
    return redirect("networks:team", pk=network.pk)
