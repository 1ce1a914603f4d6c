"""Pages of the networks: thin — parse (form) → fetch (scoped) → one service → render."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q, QuerySet
from django.forms import BaseForm
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from ksr.accounts.choices import Role
from ksr.audit.choices import AuditAction
from ksr.audit.services import record
from ksr.core.access import LoginRequiredMixin, RolesRequiredMixin, login_required
from ksr.core.exports import Column, export_response
from ksr.core.listing import EXPORT_FORMATS, FilteredListView
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

OVERVIEW_ROLES = (Role.SYSTEM_ADMIN, Role.REGIONAL_ANALYST, Role.REGIONAL_ANIMATOR, Role.NATIONAL_ANALYST)


def _add_service_errors(form: BaseForm, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for name, errors in exc.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, exc)


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


def _can_edit(user: Any, network: Network) -> bool:
    return Network.objects.editable_by(user).filter(pk=network.pk).exists()


def creatable_levels(user: Any) -> list[tuple[str, str]]:
    """Levels at which ``user`` could create a network (to show the buttons)."""
    from ksr.accounts.scope import scope_for
    from ksr.networks.querysets import LOCAL_EDITORS, NATIONAL_EDITORS, REGIONAL_EDITORS

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
            .order_by("level", "name", "id")
        )

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["creatable_levels"] = creatable_levels(self.request.user)
        return context


network_list = NetworkListView.as_view()

SORTS: dict[str, Callable[[Any], Any]] = {
    "name": lambda n: (n.name.lower(), n.pk),
    "voivodeship": lambda n: (n.voivodeship_code, n.name.lower(), n.pk),
    "health": lambda n: (n.health.score, n.name.lower(), n.pk),
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
        from ksr.territory.models import TerritorialUnit

        names = dict(TerritorialUnit.objects.filter(code__in=codes).values_list("code", "name")) if codes else {}
        for network in networks:
            network.health = reports[network.pk]  # type: ignore[attr-defined]
            network.voivodeship_name = names.get(network.voivodeship_code, "")  # type: ignore[attr-defined]
        key, descending = self.sort_key()
        networks.sort(key=SORTS[key], reverse=descending)
        return networks

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
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


@login_required
@require_http_methods(["GET", "POST"])
def network_create(request: HttpRequest) -> HttpResponse:
    level = request.GET.get("level", NetworkLevel.LOCAL)
    if level not in NetworkLevel.values:
        raise Http404
    if level not in dict(creatable_levels(request.user)):
        raise PermissionDenied
    form = NetworkForm(request.POST or None, user=request.user, level=level)
    if request.method == "POST" and form.is_valid():
        try:
            network = services.do_create_network(form.service_data(), actor=request.user)
        except ValidationError as exc:
            _add_service_errors(form, exc)
        except PermissionDenied as exc:
            form.add_error("main_node", str(exc) or _("You may not create this network."))
        else:
            messages.success(request, _("The network “%(name)s” was created.") % {"name": network.name})
            return redirect("networks:network_detail", pk=network.pk)
    return render(
        request,
        "networks/network_form.html",
        {"form": form, "network": None, "level_label": NetworkLevel(level).label},
    )


@login_required
@require_http_methods(["GET", "POST"])
def network_update(request: HttpRequest, pk: int) -> HttpResponse:
    network = _editable(request, pk)
    form = NetworkForm(request.POST or None, instance=network, user=request.user, level=network.level)
    if request.method == "POST" and form.is_valid():
        try:
            services.do_update_network(Network.objects.get(pk=network.pk), form.service_data(), actor=request.user)
        except ValidationError as exc:
            _add_service_errors(form, exc)
        except PermissionDenied as exc:
            form.add_error(None, str(exc) or _("You may not change this network."))
        else:
            messages.success(request, _("The changes were saved."))
            return redirect("networks:network_detail", pk=network.pk)
    return render(
        request,
        "networks/network_form.html",
        {"form": form, "network": network, "level_label": network.get_level_display()},
    )


@login_required
@require_http_methods(["GET", "POST"])
def member_add(request: HttpRequest, pk: int) -> HttpResponse:
    network = _editable(request, pk)
    form = MemberForm(
        request.POST or None, network=network, user=request.user, initial={"joined_on": timezone.localdate()}
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.do_add_member(
                network,
                data.get("organisation"),
                member_network=data.get("member_network"),
                joined_on=data["joined_on"],
                note=data.get("note", ""),
                actor=request.user,
            )
        except ValidationError as exc:
            _add_service_errors(form, exc)
        else:
            messages.success(request, _("The member was added."))
            return redirect("networks:network_detail", pk=network.pk)
    return render(request, "networks/member_form.html", {"form": form, "network": network})


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
    if request.method == "POST" and form.is_valid():
        try:
            services.do_end_membership(membership, left_on=form.cleaned_data["left_on"], actor=request.user)
        except ValidationError as exc:
            _add_service_errors(form, exc)
        else:
            messages.success(request, _("The membership was ended; it stays in the history."))
            return redirect("networks:network_detail", pk=network.pk)
    return render(request, "networks/membership_end.html", {"form": form, "network": network, "membership": membership})


@login_required
@require_http_methods(["GET", "POST"])
def auspices_add(request: HttpRequest, pk: int) -> HttpResponse:
    network = _editable(request, pk, NetworkLevel.LOCAL)
    form = AuspicesForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.do_record_auspices(network, form.cleaned_data, actor=request.user)
        except ValidationError as exc:
            _add_service_errors(form, exc)
        else:
            messages.success(request, _("The act of auspices was recorded."))
            return redirect("networks:network_detail", pk=network.pk)
    return render(request, "networks/auspices_form.html", {"form": form, "network": network})


# Regional and national records ------------------------------------------------------------


def _record_page(
    request: HttpRequest,
    network: Network,
    *,
    form: BaseForm,
    create: Callable[..., Any],
    template: str,
    rows: Any,
    success: str,
    anchor: str,
) -> HttpResponse:
    can_edit = _can_edit(request.user, network)
    if request.method == "POST":
        if not can_edit:
            raise PermissionDenied
        if form.is_valid():
            try:
                create(network, form.cleaned_data, actor=request.user)
            except ValidationError as exc:
                _add_service_errors(form, exc)
            else:
                messages.success(request, success)
                return redirect(request.path + anchor)
    return render(request, template, {"network": network, "form": form, "rows": rows, "can_edit": can_edit})


@login_required
@require_http_methods(["GET", "POST"])
def team(request: HttpRequest, pk: int) -> HttpResponse:
    network = _visible(request, pk)
    if network.is_lsr:
        raise Http404
    return _record_page(
        request,
        network,
        form=TeamMemberForm(request.POST or None, network=network),
        create=services.do_add_team_member,
        template="networks/team.html",
        rows=network.team.select_related("person__organisation"),
        success=_("The person was added to the team."),
        anchor="",
    )


@login_required
@require_http_methods(["POST"])
def team_member_remove(request: HttpRequest, pk: int, member_pk: int) -> HttpResponse:
    network = _editable(request, pk, NetworkLevel.REGIONAL, NetworkLevel.NATIONAL)
    member = get_object_or_404(TeamMember.objects.visible_to(request.user), pk=member_pk, network=network)
    services.do_remove_team_member(member, actor=request.user)
    messages.success(request, _("The person was removed from the team."))
    return redirect("networks:team", pk=network.pk)


@login_required
@require_http_methods(["GET", "POST"])
def assistance(request: HttpRequest, pk: int) -> HttpResponse:
    network = _visible(request, pk)
    if not network.is_rsr:
        raise Http404
    return _record_page(
        request,
        network,
        form=AssistanceEntryForm(request.POST or None, network=network),
        create=services.do_log_assistance,
        template="networks/assistance.html",
        rows=network.assistance_given.select_related("lsr"),
        success=_("The technical assistance was recorded."),
        anchor="",
    )


@login_required
@require_http_methods(["GET", "POST"])
def regional_tasks(request: HttpRequest, pk: int) -> HttpResponse:
    network = _visible(request, pk)
    if not network.is_rsr:
        raise Http404
    return _record_page(
        request,
        network,
        form=RegionalTaskForm(request.POST or None, network=network),
        create=services.do_create_regional_task,
        template="networks/regional_tasks.html",
        rows=network.regional_tasks.select_related("owner"),
        success=_("The task was added."),
        anchor="",
    )


@login_required
@require_http_methods(["GET", "POST"])
def regional_task_update(request: HttpRequest, pk: int, task_pk: int) -> HttpResponse:
    network = _editable(request, pk, NetworkLevel.REGIONAL)
    task = get_object_or_404(RegionalTask.objects.visible_to(request.user), pk=task_pk, network=network)
    form = RegionalTaskForm(request.POST or None, instance=task, network=network)
    if request.method == "POST" and form.is_valid():
        try:
            services.do_update_regional_task(task, form.cleaned_data, actor=request.user)
        except ValidationError as exc:
            _add_service_errors(form, exc)
        else:
            messages.success(request, _("The changes were saved."))
            return redirect("networks:regional_tasks", pk=network.pk)
    return render(request, "networks/record_form.html", {"form": form, "network": network, "record": task})


@login_required
@require_http_methods(["GET", "POST"])
def recommendations(request: HttpRequest, pk: int) -> HttpResponse:
    network = _visible(request, pk)
    if not network.is_ksr:
        raise Http404
    return _record_page(
        request,
        network,
        form=RecommendationForm(request.POST or None, user=request.user),
        create=services.do_create_recommendation,
        template="networks/recommendations.html",
        rows=network.recommendations.prefetch_related("source_lsrs"),
        success=_("The recommendation was added to the knowledge base."),
        anchor="",
    )


@login_required
@require_http_methods(["GET", "POST"])
def recommendation_update(request: HttpRequest, pk: int, recommendation_pk: int) -> HttpResponse:
    network = _editable(request, pk, NetworkLevel.NATIONAL)
    recommendation = get_object_or_404(
        Recommendation.objects.visible_to(request.user), pk=recommendation_pk, network=network
    )
    form = RecommendationForm(request.POST or None, instance=recommendation, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.do_update_recommendation(recommendation, form.cleaned_data, actor=request.user)
        except ValidationError as exc:
            _add_service_errors(form, exc)
        else:
            messages.success(request, _("The changes were saved."))
            return redirect("networks:recommendations", pk=network.pk)
    return render(request, "networks/record_form.html", {"form": form, "network": network, "record": recommendation})
