"""Pages of the animation app: thin — parse (form) → fetch (scoped) → one service → redirect/render."""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Callable
from typing import Any, cast

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q, QuerySet
from django.db.models.functions import Substr
from django.forms import BaseForm
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from ksr.accounts.scope import scope_for
from ksr.animation import services
from ksr.animation.choices import AnimatorStatus, ReadinessLevel
from ksr.animation.filters import AdviceVisitFilter, AnimatorFilter, EventFilter, ScenarioChoiceFilter, TeamFilter
from ksr.animation.forms import (
    AdviceVisitForm,
    AnimatorForm,
    EventForm,
    ExaminationForm,
    ModuleForm,
    ScenarioChoiceForm,
    TeamForm,
    TeamMemberForm,
)
from ksr.animation.models import AdviceVisit, AnimationEvent, Animator, ScenarioChoice, ZrarTeam
from ksr.animation.querysets import may_edit_anything, may_edit_code, may_view, read_prefixes
from ksr.animation.scenarios import CATALOGUE, attitude_change, propose_scenario
from ksr.core.access import LoginRequiredMixin, login_required
from ksr.core.listing import FilteredListView
from ksr.core.pages import form_page
from ksr.core.types import AnyUser
from ksr.surveys.readiness import gmina_readiness
from ksr.territory.choices import UnitLevel
from ksr.territory.models import TerritorialUnit


def animation_view(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Signed-in users who may see animation work (animators, ROPS, OSAR, national centre, admins)."""

    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not may_view(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return login_required(wrapper)


def _create_page(
    request: HttpRequest,
    form_class: Callable[..., BaseForm],
    save: Callable[[dict[str, Any]], Any],
    *,
    title: str,
    list_name: str,
    success: str,
    success_url: Callable[[Any], str] | None = None,
) -> HttpResponse:
    """The page adding one row (a team, an animator, an event, a visit) with the user's choices."""
    if not may_edit_anything(request.user):
        raise PermissionDenied
    return form_page(
        request,
        form_class(request.POST or None, user=request.user),
        save,
        title=title,
        back_url=reverse(list_name),
        success=success,
        success_url=success_url,
    )


def _animator_page(
    request: HttpRequest,
    pk: int,
    form_class: Callable[..., BaseForm],
    record: Callable[..., Any],
    *,
    title: str,
    success: str,
) -> HttpResponse:
    """A form recording something of one editable animator (a module, an examination)."""
    animator = _editable_animator(request, pk)
    return form_page(
        request,
        form_class(request.POST or None),
        lambda data: record(animator, actor=request.user, **data),
        title=title,
        back_url=reverse("animation:animator_detail", args=[animator.pk]),
        success=success,
    )


# --- Overview -------------------------------------------------------------------------------


def _by_region(qs: QuerySet[Any], field: str, **extra: Any) -> dict[str, dict[str, int]]:
    rows = qs.annotate(r=Substr(field, 1, 2)).values("r").annotate(n=Count("pk", distinct=True), **extra)
    return {row["r"]: row for row in rows}


@animation_view
def index(request: HttpRequest) -> HttpResponse:
    """Overview per voivodeship: the ZRAR team and its flags, animators, scenarios, events, advice."""
    user = request.user
    teams = {
        t.region.code: t
        for t in ZrarTeam.objects.visible_to(user)
        .select_related("region", "host")
        .prefetch_related("members__home_institution")
    }
    animators = _by_region(
        Animator.objects.visible_to(user),
        "region__code",
        certified=Count("pk", filter=Q(status__in=(AnimatorStatus.CERTIFIED, AnimatorStatus.ACTIVE))),
    )
    scenarios = _by_region(ScenarioChoice.objects.visible_to(user), "gmina__code")
    events = _by_region(AnimationEvent.objects.visible_to(user), "gmina__code")
    visits = _by_region(
        AdviceVisit.objects.visible_to(user),
        "entity__seat__code",
        adopted=Count("entity", filter=Q(adopted_new_profile=True), distinct=True),
    )
    codes = set(teams) | set(animators) | set(scenarios) | set(events) | set(visits)
    prefixes = read_prefixes(user)
    if prefixes:
        codes |= {p[:2] for p in prefixes if len(p) >= 2}
    units = {u.code: u for u in TerritorialUnit.objects.filter(code__in=codes, level=UnitLevel.VOIVODESHIP)}
    regions = []
    for code in sorted(units):
        team = teams.get(code)
        regions.append(
            {
                "unit": units[code],
                "team": team,
                "flags": team.flags(list(team.members.all())) if team else [_("No ZRAR team")],
                "animators": animators.get(code, {}).get("n", 0),
                "certified": animators.get(code, {}).get("certified", 0),
                "scenarios": scenarios.get(code, {}).get("n", 0),
                "events": events.get(code, {}).get("n", 0),
                "visits": visits.get(code, {}).get("n", 0),
                "adopted": visits.get(code, {}).get("adopted", 0),
            }
        )
    return render(request, "animation/index.html", {"regions": regions, "may_edit": may_edit_anything(user)})


# --- Generic scoped list --------------------------------------------------------------------


class AnimationListView(LoginRequiredMixin, FilteredListView):
    """A filtered, paginated, exportable list; the table is drawn from ``export_columns``."""

    template_name = "animation/list.html"
    partial_template_name = "animation/_results.html"
    model: Any = None
    heading: Any = ""
    lead: Any = ""
    empty: Any = gettext_lazy("Nothing matches these filters.")
    create_url_name = ""

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.user.is_authenticated and not may_view(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def link(self, obj: Any) -> str | None:
        return None

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context.update(
            heading=self.heading,
            lead=self.lead,
            empty=self.empty,
            headers=[label for label, _fn in self.export_columns],
            rows=[(self.link(obj), [fn(obj) for _label, fn in self.export_columns]) for obj in context["object_list"]],
            create_url=reverse(self.create_url_name)
            if self.create_url_name and may_edit_anything(self.request.user)
            else None,
        )
        return context


def _d(value: Any) -> str:
    return value.isoformat() if value else ""


class TeamListView(AnimationListView):
    heading = gettext_lazy("ZRAR teams")
    lead = gettext_lazy(
        "Teams of regional reintegration animators, one per voivodeship, hosted by the ROPS. A team needs "
        "at least 3 members from at least 2 different sectors."
    )
    filterset_class = TeamFilter
    export_filename = "zespoly-zrar"
    create_url_name = "animation:team_create"
    export_columns = [
        (gettext_lazy("Team"), lambda t: t.name),
        (gettext_lazy("Voivodeship"), lambda t: str(t.region)),
        (gettext_lazy("Host ROPS"), lambda t: t.host.name),
        (gettext_lazy("Members"), lambda t: len(t.members.all())),
        (gettext_lazy("Problems"), lambda t: "; ".join(t.flags(list(t.members.all()))) or _("none")),
    ]

    def get_base_queryset(self) -> QuerySet[ZrarTeam]:
        return (
            ZrarTeam.objects.visible_to(self.request.user)
            .select_related("region", "host")
            .prefetch_related("members__home_institution")
        )

    def link(self, obj: Any) -> str:
        return reverse("animation:team_detail", args=[obj.pk])


class AnimatorListView(AnimationListView):
    heading = gettext_lazy("Animators")
    lead = gettext_lazy("Regional animators trained and examined by OSAR: candidate, trained, certified, active.")
    filterset_class = AnimatorFilter
    export_filename = "animatorzy"
    create_url_name = "animation:animator_create"
    export_columns = [
        (gettext_lazy("Name"), lambda a: a.full_name),
        (gettext_lazy("Home institution"), lambda a: a.home_institution.name),
        (gettext_lazy("Origin"), lambda a: a.get_origin_display()),
        (gettext_lazy("Voivodeship"), lambda a: str(a.region)),
        (gettext_lazy("ZRAR team"), lambda a: a.team.name if a.team else "—"),
        (gettext_lazy("Status"), lambda a: a.get_status_display()),
    ]

    def get_base_queryset(self) -> QuerySet[Animator]:
        return Animator.objects.visible_to(self.request.user).select_related("home_institution", "region", "team")

    def link(self, obj: Any) -> str:
        return reverse("animation:animator_detail", args=[obj.pk])


class ScenarioChoiceListView(AnimationListView):
    heading = gettext_lazy("Scenarios chosen per gmina")
    lead = gettext_lazy("The scenario of influence proposed from the gmina's readiness and the one the animator chose.")
    filterset_class = ScenarioChoiceFilter
    export_filename = "scenariusze"
    export_columns = [
        (gettext_lazy("Gmina"), lambda c: f"{c.gmina} ({c.gmina.code})"),
        (gettext_lazy("Readiness"), lambda c: c.get_readiness_level_display() or "—"),
        (gettext_lazy("Proposed scenario"), lambda c: c.get_proposed_scenario_display() or "—"),
        (gettext_lazy("Chosen scenario"), lambda c: c.get_scenario_display()),
        (gettext_lazy("Reason for change"), lambda c: c.change_reason or "—"),
        (gettext_lazy("Follow-up survey date"), lambda c: _d(c.follow_up_on) or "—"),
    ]

    def get_base_queryset(self) -> QuerySet[ScenarioChoice]:
        return ScenarioChoice.objects.visible_to(self.request.user).select_related("gmina")

    def link(self, obj: Any) -> str:
        return reverse("animation:scenario_choose", args=[obj.gmina.code])


class EventListView(AnimationListView):
    heading = gettext_lazy("Events log")
    lead = gettext_lazy(
        "Seminars, information meetings, council sessions, meetings with residents, duty hours, website and "
        "media items and workshops, logged per gmina."
    )
    filterset_class = EventFilter
    export_filename = "wydarzenia-animacyjne"
    create_url_name = "animation:event_create"
    export_columns = [
        (gettext_lazy("Date"), lambda e: _d(e.held_on)),
        (gettext_lazy("Kind"), lambda e: e.get_kind_display()),
        (gettext_lazy("Title or topic"), lambda e: e.title),
        (gettext_lazy("Gmina"), lambda e: str(e.gmina)),
        (gettext_lazy("Scenario"), lambda e: e.scenario_choice.get_scenario_display() if e.scenario_choice else "—"),
        (gettext_lazy("Invited"), lambda e: len(e.invited.all())),
        (gettext_lazy("Present"), lambda e: len(e.present.all())),
    ]

    def get_base_queryset(self) -> QuerySet[AnimationEvent]:
        return (
            AnimationEvent.objects.visible_to(self.request.user)
            .select_related("gmina", "scenario_choice")
            .prefetch_related("invited", "present")
        )


class AdviceVisitListView(AnimationListView):
    template_name = "animation/visit_list.html"
    heading = gettext_lazy("Advice visits")
    lead = gettext_lazy(
        "ZRAR consulting visits to KIS and CIS operating with the traditional profile, and the entities that "
        "adopted the new service profile."
    )
    filterset_class = AdviceVisitFilter
    export_filename = "wizyty-doradcze"
    create_url_name = "animation:visit_create"
    export_columns = [
        (gettext_lazy("Date"), lambda v: _d(v.visited_on)),
        (gettext_lazy("Entity"), lambda v: v.entity.name),
        (gettext_lazy("Animator"), lambda v: v.animator.full_name),
        (gettext_lazy("Topics"), lambda v: v.topics),
        (gettext_lazy("Outcome"), lambda v: v.outcome or "—"),
        (
            gettext_lazy("Adopted the new profile"),
            lambda v: (_("yes, on %(date)s") % {"date": _d(v.adopted_on)}) if v.adopted_new_profile else _("no"),
        ),
    ]

    def get_base_queryset(self) -> QuerySet[AdviceVisit]:
        return AdviceVisit.objects.visible_to(self.request.user).select_related("entity__seat", "animator")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        counts = _by_region(
            cast(QuerySet[AdviceVisit], self.object_list),
            "entity__seat__code",
            entities=Count("entity", distinct=True),
            adopted=Count("entity", filter=Q(adopted_new_profile=True), distinct=True),
        )
        units = {u.code: u for u in TerritorialUnit.objects.filter(code__in=list(counts))}
        context["region_counts"] = [{"unit": units.get(code, code), **row} for code, row in sorted(counts.items())]
        return context


# --- Teams ----------------------------------------------------------------------------------


@animation_view
def team_detail(request: HttpRequest, pk: int) -> HttpResponse:
    team = get_object_or_404(ZrarTeam.objects.visible_to(request.user).select_related("region", "host"), pk=pk)
    members = list(team.members.select_related("home_institution"))
    editable = may_edit_code(request.user, team.region.code)
    return render(
        request,
        "animation/team_detail.html",
        {
            "team": team,
            "members": members,
            "flags": team.flags(members),
            "origins": sorted(Counter(m.get_origin_display() for m in members).items()),
            "member_form": TeamMemberForm(team=team, user=request.user) if editable else None,
        },
    )


@animation_view
def team_create(request: HttpRequest) -> HttpResponse:
    return _create_page(
        request,
        TeamForm,
        lambda data: services.do_create_team(data["region"], data["host"], data["name"], actor=request.user),
        title=_("New ZRAR team"),
        list_name="animation:team_list",
        success=_("The ZRAR team was created."),
        success_url=lambda team: reverse("animation:team_detail", args=[team.pk]),
    )


@animation_view
@require_POST
def team_add_member(request: HttpRequest, pk: int) -> HttpResponse:
    team = get_object_or_404(ZrarTeam.objects.editable_by(request.user).select_related("region"), pk=pk)
    form = TeamMemberForm(request.POST, team=team, user=request.user)
    if form.is_valid():
        try:
            services.do_update_animator(form.cleaned_data["animator"], {"team": team}, actor=request.user)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("The animator joined the team."))
    else:
        messages.error(request, _("Choose an animator of the team's voivodeship."))
    return redirect("animation:team_detail", team.pk)


# --- Animators ------------------------------------------------------------------------------


@animation_view
def animator_detail(request: HttpRequest, pk: int) -> HttpResponse:
    animator = get_object_or_404(
        Animator.objects.visible_to(request.user).select_related("home_institution", "region", "team"), pk=pk
    )
    editable = may_edit_code(request.user, animator.region.code)
    return render(
        request,
        "animation/animator_detail.html",
        {
            "animator": animator,
            "modules": animator.modules.all(),
            "examinations": animator.examinations.all(),
            "editable": editable,
            "next_statuses": [AnimatorStatus(s) for s in animator.next_states] if editable else [],
            "module_form": ModuleForm() if editable else None,
            "exam_form": ExaminationForm() if editable else None,
        },
    )


@animation_view
def animator_create(request: HttpRequest) -> HttpResponse:
    return _create_page(
        request,
        AnimatorForm,
        lambda data: services.do_create_animator(data, actor=request.user),
        title=_("New animator"),
        list_name="animation:animator_list",
        success=_("The animator was registered."),
        success_url=lambda animator: reverse("animation:animator_detail", args=[animator.pk]),
    )


def _editable_animator(request: HttpRequest, pk: int) -> Animator:
    animator = get_object_or_404(Animator.objects.visible_to(request.user), pk=pk)
    if not may_edit_code(request.user, animator.region.code):
        raise PermissionDenied
    return animator


@animation_view
@require_POST
def animator_status(request: HttpRequest, pk: int) -> HttpResponse:
    animator = _editable_animator(request, pk)
    status = request.POST.get("status", "")
    if status not in AnimatorStatus.values:
        raise Http404
    try:
        services.do_change_animator_status(animator, status, actor=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The status was changed."))
    return redirect("animation:animator_detail", animator.pk)


@animation_view
def animator_module(request: HttpRequest, pk: int) -> HttpResponse:
    return _animator_page(
        request,
        pk,
        ModuleForm,
        services.do_record_module,
        title=_("Completed module"),
        success=_("The module was recorded."),
    )


@animation_view
def animator_exam(request: HttpRequest, pk: int) -> HttpResponse:
    return _animator_page(
        request,
        pk,
        ExaminationForm,
        services.do_record_examination,
        title=_("Examination"),
        success=_("The examination was recorded."),
    )


# --- Scenarios ------------------------------------------------------------------------------


@animation_view
def scenario_catalogue(request: HttpRequest) -> HttpResponse:
    return render(request, "animation/scenario_catalogue.html", {"scenarios": list(CATALOGUE.values())})


SCENARIO_TEMPLATE = "animation/scenario_choose.html"


@animation_view
def scenario_choose(request: HttpRequest, code: str) -> HttpResponse:
    """Show the proposal for a gmina from its readiness; the animator confirms or changes it."""
    gmina = get_object_or_404(TerritorialUnit.objects.filter(level=UnitLevel.GMINA), code=code)
    prefixes = read_prefixes(request.user)
    if prefixes is not None and not scope_for(request.user).covers_code(gmina.code, prefixes):
        raise Http404
    choice = ScenarioChoice.objects.filter(gmina=gmina).select_related("animator").first()
    readiness = gmina_readiness(gmina)
    proposed = propose_scenario(readiness.level)
    editable = may_edit_code(request.user, gmina.code)
    initial: dict[str, Any] = {"scenario": proposed or ""}
    if choice:
        initial = {name: getattr(choice, name) for name in ScenarioChoiceForm.base_fields}
    change = attitude_change(gmina, choice.baseline_survey, choice.follow_up_survey) if choice else None
    context: dict[str, Any] = {
        "gmina": gmina,
        "choice": choice,
        "readiness": readiness,
        "readiness_label": ReadinessLevel(readiness.level).label if readiness.level in ReadinessLevel.values else "",
        "proposed": CATALOGUE.get(proposed) if proposed else None,
        "change": change,
        "scenarios": list(CATALOGUE.values()),
    }
    if not editable:
        if request.method == "POST":
            raise PermissionDenied
        return render(request, SCENARIO_TEMPLATE, {**context, "form": None})
    return form_page(
        request,
        ScenarioChoiceForm(request.POST or None, user=request.user, gmina=gmina, initial=initial),
        lambda data: services.do_choose_scenario(gmina, actor=request.user, **data),
        title=_("Scenario for the gmina"),
        back_url=reverse("animation:scenario_list"),
        success=_("The scenario was saved."),
        template=SCENARIO_TEMPLATE,
        **context,
    )


@animation_view
def scenario_pick_gmina(request: HttpRequest) -> HttpResponse:
    code = (request.GET.get("gmina") or "").strip()
    if code:
        return redirect("animation:scenario_choose", code)
    prefixes = read_prefixes(request.user)
    gminas = TerritorialUnit.objects.current().filter(level=UnitLevel.GMINA).order_by("code")
    if prefixes is not None:
        gminas = gminas.filter(scope_for(None).territory_q("code", prefixes))
    return render(request, "animation/scenario_pick.html", {"gminas": gminas})


# --- Events and advice visits ---------------------------------------------------------------


def _log_event(data: dict[str, Any], actor: AnyUser) -> Any:
    data = dict(data)
    invited, present = data.pop("invited"), data.pop("present")
    data["scenario_choice"] = ScenarioChoice.objects.filter(gmina=data["gmina"]).first()
    return services.do_log_event(data, actor=actor, invited=invited, present=present)


@animation_view
def event_create(request: HttpRequest) -> HttpResponse:
    return _create_page(
        request,
        EventForm,
        lambda data: _log_event(data, request.user),
        title=_("Log an event"),
        list_name="animation:event_list",
        success=_("The event was logged."),
    )


@animation_view
def visit_create(request: HttpRequest) -> HttpResponse:
    return _create_page(
        request,
        AdviceVisitForm,
        lambda data: services.do_record_advice_visit(data, actor=request.user),
        title=_("Record an advice visit"),
        list_name="animation:visit_list",
        success=_("The advice visit was recorded."),
    )
