"""Pages of the cooperation forum and the assessment cards: parse → fetch (scoped) → one service → render."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, QuerySet
from django.forms import BaseForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from ksr.cooperation import services
from ksr.cooperation.choices import Condition, MeetingStatus
from ksr.cooperation.filters import MeetingFilter
from ksr.cooperation.forms import (
    ActionItemForm,
    AssessmentForm,
    DecisionForm,
    HeldForm,
    ImprovementActionForm,
    MeetingForm,
    RepresentativeForm,
    StatusForm,
    TaskGroupForm,
)
from ksr.cooperation.models import ActionItem, CooperationAssessment, Forum, ImprovementAction, Meeting, Representative
from ksr.cooperation.queries import ALERT_ROLES, forum_timeliness, overdue_forums
from ksr.cooperation.querysets import fillable_organisations, in_kis, sees_all_cards
from ksr.cooperation.reports import assessment_summary, report_rows, trend_svg
from ksr.core.access import LoginRequiredMixin, login_required, roles_required
from ksr.core.exports import Column
from ksr.core.listing import FilteredListView
from ksr.core.pages import form_page
from ksr.core.types import AnyUser
from ksr.networks.models import Network

MEETING_EXPORT: list[Column] = [
    (gettext_lazy("title"), lambda m: m.title),
    (gettext_lazy("kind"), lambda m: m.get_kind_display()),
    (gettext_lazy("planned date"), lambda m: m.planned_on.isoformat()),
    (gettext_lazy("held on"), lambda m: m.held_on.isoformat() if m.held_on else ""),
    (gettext_lazy("status"), lambda m: m.get_status_display()),
    (gettext_lazy("organisations present"), lambda m: m.organisations_present),
]


def _network(request: HttpRequest, network_pk: int) -> Network:
    return get_object_or_404(Network.objects.visible_to(request.user).select_related("main_node"), pk=network_pk)


def _can_edit(user: AnyUser, network: Network) -> bool:
    return Network.objects.editable_by(user).filter(pk=network.pk).exists()


def _editable_network(request: HttpRequest, network_pk: int) -> Network:
    network = _network(request, network_pk)
    if not _can_edit(request.user, network):
        raise PermissionDenied
    return network


def _forum(request: HttpRequest, network_pk: int) -> Forum:
    network = _editable_network(request, network_pk)
    return get_object_or_404(Forum.objects.select_related("network"), network=network)


def _meeting(request: HttpRequest, pk: int, *, edit: bool = False) -> Meeting:
    meeting = get_object_or_404(
        Meeting.objects.visible_to(request.user).select_related("forum__network__main_node", "task_group"), pk=pk
    )
    if edit and not _can_edit(request.user, meeting.forum.network):
        raise PermissionDenied
    return meeting


# --- the forum of a network ---------------------------------------------------------------------


class NetworkForumView(LoginRequiredMixin, FilteredListView):
    """The forum of an LSR: composition, timeliness and its meetings (filtered, exportable)."""

    template_name = "cooperation/network_forum.html"
    partial_template_name = "cooperation/_meeting_results.html"
    filterset_class = MeetingFilter
    export_columns = MEETING_EXPORT
    export_filename = "posiedzenia-forum"
    paginate_by = 20

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.user.is_authenticated:
            self.network = _network(request, kwargs["network_pk"])
            self.forum = Forum.objects.filter(network=self.network).first()
        return super().dispatch(request, *args, **kwargs)

    def get_base_queryset(self) -> QuerySet[Meeting]:
        return (
            Meeting.objects.filter(forum__network=self.network)
            .select_related("task_group")
            .annotate(organisations_present=Count("attendance__organisation", distinct=True))
            .order_by("-planned_on", "-id")
        )

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        representatives = []
        groups = []
        if self.forum is not None:
            representatives = list(
                self.forum.representatives.filter(until__isnull=True)
                .select_related("organisation", "person")
                .prefetch_related("task_groups")
            )
            groups = list(self.forum.task_groups.annotate(size=Count("members")))
        context.update(
            network=self.network,
            forum=self.forum,
            representatives=representatives,
            task_groups=groups,
            timeliness=forum_timeliness(self.network),
            can_edit=_can_edit(self.request.user, self.network),
        )
        return context


network_forum = NetworkForumView.as_view()


def _forum_url(network_pk: int) -> str:
    return reverse("cooperation:network_forum", kwargs={"network_pk": network_pk})


def _meeting_url(meeting: Meeting) -> str:
    return reverse("cooperation:meeting_detail", kwargs={"pk": meeting.pk})


def _assessments_url(network_pk: int) -> str:
    return reverse("cooperation:network_assessments", kwargs={"network_pk": network_pk})


def _button(request: HttpRequest, do: Callable[[], Any], success: Callable[[Any], str], back: str) -> HttpResponse:
    """A POST button: one service call; its refusal is shown as a message."""
    try:
        result = do()
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, success(result))
    return redirect(back)


@login_required
@require_POST
def forum_create(request: HttpRequest, network_pk: int) -> HttpResponse:
    network = _editable_network(request, network_pk)
    return _button(
        request,
        lambda: services.do_create_forum(network, actor=request.user),
        lambda _forum: _("The cooperation forum was set up."),
        _forum_url(network.pk),
    )


@login_required
@require_http_methods(["GET", "POST"])
def task_group_create(request: HttpRequest, network_pk: int) -> HttpResponse:
    forum = _forum(request, network_pk)
    return form_page(
        request,
        TaskGroupForm(request.POST or None),
        lambda data: services.do_create_task_group(forum, data, actor=request.user),
        title=_("New working group"),
        back_url=_forum_url(network_pk),
        success=_("The working group was added."),
    )


def _without(data: dict[str, Any], *names: str) -> dict[str, Any]:
    return {k: v for k, v in data.items() if k not in names}


@login_required
@require_http_methods(["GET", "POST"])
def representative_create(request: HttpRequest, network_pk: int) -> HttpResponse:
    forum = _forum(request, network_pk)
    return form_page(
        request,
        RepresentativeForm(request.POST or None, forum=forum),
        lambda data: services.do_add_representative(
            forum, _without(data, "task_groups"), task_groups=data["task_groups"], actor=request.user
        ),
        title=_("Add a forum representative"),
        back_url=_forum_url(network_pk),
        success=_("The representative was added."),
        intro=_(
            "Each partner institution delegates two persons: its head and a designated person "
            "with substantive competences."
        ),
    )


@login_required
@require_POST
def representative_end(request: HttpRequest, pk: int) -> HttpResponse:
    rep = get_object_or_404(Representative.objects.visible_to(request.user).select_related("forum__network"), pk=pk)
    if not _can_edit(request.user, rep.forum.network):
        raise PermissionDenied
    services.do_end_representative(rep, timezone.localdate(), actor=request.user)
    messages.success(request, _("The representative no longer represents the organisation."))
    return redirect("cooperation:network_forum", network_pk=rep.forum.network_id)


# --- meetings -------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def meeting_create(request: HttpRequest, network_pk: int) -> HttpResponse:
    forum = _forum(request, network_pk)
    form = MeetingForm(request.POST or None, forum=forum)
    return form_page(
        request,
        form,
        lambda data: services.do_plan_meeting(
            forum, _without(data, "agenda"), agenda=form.agenda_lines(), actor=request.user
        ),
        title=_("Plan a meeting"),
        back_url=_forum_url(network_pk),
        success=_("The meeting was planned."),
        success_url=_meeting_url,
    )


@login_required
def meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(request, pk)
    network = meeting.forum.network
    can_edit = _can_edit(request.user, network)
    return render(
        request,
        "cooperation/meeting_detail.html",
        {
            "meeting": meeting,
            "network": network,
            "agenda": meeting.agenda.all(),
            "attendance": meeting.attendance.select_related("organisation", "representative__person"),
            "decisions": meeting.decisions.all(),
            "action_items": meeting.action_items.select_related("owner"),
            "dispatches": meeting.dispatches.all(),
            "report": report_rows(meeting, exact=in_kis(request.user, network)),
            "exact_counts": in_kis(request.user, network),
            "can_edit": can_edit,
            "status_form": StatusForm(),
            "Status": MeetingStatus,
        },
    )


def _meeting_form(
    request: HttpRequest,
    pk: int,
    make_form: Callable[[Meeting], BaseForm],
    save: Callable[[Meeting, dict[str, Any]], Any],
    *,
    title: str,
    success: str,
    intro: str = "",
) -> HttpResponse:
    """A form page on one meeting the user may edit; the service gets the meeting as it was read."""
    meeting = _meeting(request, pk, edit=True)
    form = make_form(meeting)
    original = _meeting(request, pk, edit=True)  # a second copy: the form writes its data onto ``meeting``
    return form_page(
        request,
        form,
        lambda data: save(original, data),
        title=title,
        back_url=_meeting_url(meeting),
        success=success,
        intro=intro,
    )


@login_required
@require_http_methods(["GET", "POST"])
def meeting_update(request: HttpRequest, pk: int) -> HttpResponse:
    return _meeting_form(
        request,
        pk,
        lambda meeting: MeetingForm(request.POST or None, instance=meeting, forum=meeting.forum),
        lambda meeting, data: services.do_update_meeting(meeting, data, actor=request.user),
        title=_("Edit the meeting"),
        success=_("The changes were saved."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def meeting_held(request: HttpRequest, pk: int) -> HttpResponse:
    return _meeting_form(
        request,
        pk,
        lambda meeting: HeldForm(request.POST or None, instance=meeting, meeting=meeting),
        lambda meeting, data: services.do_record_meeting_held(
            meeting,
            _without(data, "representatives", "organisations"),
            representatives=data["representatives"],
            organisations=data["organisations"],
            actor=request.user,
        ),
        title=_("Record the meeting as held"),
        success=_("The meeting was recorded as held."),
        intro=_(
            "The case managers' report on the reintegration of the participants holds aggregate numbers only; "
            "counts under 5 are shown as “<5” outside the KIS."
        ),
    )


@login_required
@require_POST
def meeting_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(request, pk, edit=True)
    return _button(
        request,
        lambda: services.do_cancel_meeting(meeting, actor=request.user),
        lambda _meeting: _("The meeting was cancelled."),
        _meeting_url(meeting),
    )


@login_required
@require_POST
def meeting_send_minutes(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(request, pk, edit=True)
    return _button(
        request,
        lambda: services.do_send_minutes(meeting, actor=request.user),
        lambda dispatch: _("The minutes were sent (number of addresses: %(n)d).") % {"n": len(dispatch.recipients)},
        _meeting_url(meeting),
    )


@login_required
@require_http_methods(["GET", "POST"])
def decision_create(request: HttpRequest, pk: int) -> HttpResponse:
    return _meeting_form(
        request,
        pk,
        lambda meeting: DecisionForm(request.POST or None),
        lambda meeting, data: services.do_record_decision(meeting, data, actor=request.user),
        title=_("Record a decision"),
        success=_("The decision was recorded."),
        intro=_("Decisions are taken by consensus after discussion; if consensus is not possible, by vote."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def action_item_create(request: HttpRequest, pk: int) -> HttpResponse:
    return _meeting_form(
        request,
        pk,
        lambda meeting: ActionItemForm(request.POST or None, network=meeting.forum.network),
        lambda meeting, data: services.do_add_action_item(meeting, data, actor=request.user),
        title=_("Add an action item"),
        success=_("The action item was added."),
    )


def _set_action_status(
    request: HttpRequest, action: ActionItem | ImprovementAction, network: Network, service: Callable[..., Any]
) -> None:
    """The status buttons of action items and improvement actions (``choices.ACTION_MACHINE``)."""
    if not _can_edit(request.user, network):
        raise PermissionDenied
    form = StatusForm(request.POST)
    if form.is_valid():
        service(action, form.cleaned_data["status"], actor=request.user)
        messages.success(request, _("The status was changed."))


@login_required
@require_POST
def action_item_status(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(
        ActionItem.objects.visible_to(request.user).select_related("meeting__forum__network"), pk=pk
    )
    _set_action_status(request, item, item.meeting.forum.network, services.do_update_action_item_status)
    return redirect("cooperation:meeting_detail", pk=item.meeting_id)


# --- assessment cards -------------------------------------------------------------------------------


@login_required
def network_assessments(request: HttpRequest, network_pk: int) -> HttpResponse:
    network = _network(request, network_pk)
    all_cards = CooperationAssessment.objects.filter(network=network)
    summary = assessment_summary(all_cards)
    if sees_all_cards(request.user, network):
        cards = all_cards
    else:
        cards = CooperationAssessment.objects.visible_to(request.user).filter(network=network)
    return render(
        request,
        "cooperation/network_assessments.html",
        {
            "network": network,
            "condition_rows": [(c.label, [p.means[i] for p in summary]) for i, c in enumerate(Condition)],
            "summary": summary,
            "chart": trend_svg(summary),
            "cards": cards.select_related("organisation"),
            "sees_all": sees_all_cards(request.user, network),
            "actions": ImprovementAction.objects.filter(network=network).select_related("owner"),
            "can_fill": fillable_organisations(request.user, network).exists(),
            "can_edit": _can_edit(request.user, network),
            "status_form": StatusForm(),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def assessment_create(request: HttpRequest, network_pk: int) -> HttpResponse:
    network = _network(request, network_pk)
    organisations = fillable_organisations(request.user, network)
    if not organisations.exists():
        raise PermissionDenied
    return form_page(
        request,
        AssessmentForm(request.POST or None, organisations=organisations),
        lambda data: services.do_fill_assessment(
            network, data["organisation"], _without(data, "organisation"), actor=request.user
        ),
        title=_("Cross-sector cooperation assessment card"),
        back_url=_assessments_url(network_pk),
        success=_("The assessment card was saved."),
        intro=_(
            "Rate each of the eight conditions of a well-functioning partnership from 1 to 5 and comment; "
            "each partner institution fills one card per half-year."
        ),
    )


@login_required
def assessment_detail(request: HttpRequest, pk: int) -> HttpResponse:
    card = get_object_or_404(
        CooperationAssessment.objects.visible_to(request.user).select_related("network", "organisation"), pk=pk
    )
    return render(request, "cooperation/assessment_detail.html", {"card": card, "network": card.network})


@login_required
@require_http_methods(["GET", "POST"])
def improvement_action_create(request: HttpRequest, network_pk: int) -> HttpResponse:
    network = _editable_network(request, network_pk)
    return form_page(
        request,
        ImprovementActionForm(request.POST or None, network=network),
        lambda data: services.do_add_improvement_action(network, data, actor=request.user),
        title=_("Add an improvement action"),
        back_url=_assessments_url(network_pk),
        success=_("The improvement action was added."),
    )


@login_required
@require_POST
def improvement_action_status(request: HttpRequest, pk: int) -> HttpResponse:
    action = get_object_or_404(ImprovementAction.objects.visible_to(request.user).select_related("network"), pk=pk)
    _set_action_status(request, action, action.network, services.do_update_improvement_action_status)
    return redirect("cooperation:network_assessments", network_pk=action.network_id)


# --- alerts --------------------------------------------------------------------------------------------


def alerts_context(request: HttpRequest) -> dict[str, Any]:
    """Context for ``cooperation/_alerts.html``: the overdue forums in the user's scope."""
    return {"cooperation_overdue": overdue_forums(request.user)}


@roles_required(*ALERT_ROLES)
def alerts(request: HttpRequest) -> HttpResponse:
    return render(request, "cooperation/alerts.html", alerts_context(request))
