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


def _can_edit(user: Any, network: Network) -> bool:
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


def _service_errors(form: BaseForm, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for name, errors in exc.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, exc)


def _form_page(
    request: HttpRequest,
    form: BaseForm,
    save: Callable[[], Any],
    *,
    title: str,
    back: str,
    done: str,
    success: str,
    intro: str = "",
) -> HttpResponse:
    if request.method == "POST" and form.is_valid():
        try:
            save()
        except ValidationError as exc:
            _service_errors(form, exc)
        except PermissionDenied:
            raise
        else:
            messages.success(request, success)
            return redirect(done)
    return render(request, "cooperation/form.html", {"form": form, "title": title, "back": back, "intro": intro})


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


@login_required
@require_POST
def forum_create(request: HttpRequest, network_pk: int) -> HttpResponse:
    network = _editable_network(request, network_pk)
    try:
        services.do_create_forum(network, actor=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The cooperation forum was set up."))
    return redirect("cooperation:network_forum", network_pk=network.pk)


@login_required
@require_http_methods(["GET", "POST"])
def task_group_create(request: HttpRequest, network_pk: int) -> HttpResponse:
    forum = _forum(request, network_pk)
    form = TaskGroupForm(request.POST or None)
    back = reverse("cooperation:network_forum", kwargs={"network_pk": network_pk})
    return _form_page(
        request,
        form,
        lambda: services.do_create_task_group(forum, form.cleaned_data, actor=request.user),
        title=_("New working group"),
        back=back,
        done=back,
        success=_("The working group was added."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def representative_create(request: HttpRequest, network_pk: int) -> HttpResponse:
    forum = _forum(request, network_pk)
    form = RepresentativeForm(request.POST or None, forum=forum)
    back = reverse("cooperation:network_forum", kwargs={"network_pk": network_pk})

    def save() -> Any:
        data = {k: v for k, v in form.cleaned_data.items() if k != "task_groups"}
        return services.do_add_representative(
            forum, data, task_groups=form.cleaned_data["task_groups"], actor=request.user
        )

    return _form_page(
        request,
        form,
        save,
        title=_("Add a forum representative"),
        back=back,
        done=back,
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
    from django.utils import timezone

    services.do_end_representative(rep, timezone.localdate(), actor=request.user)
    messages.success(request, _("The representative no longer represents the organisation."))
    return redirect("cooperation:network_forum", network_pk=rep.forum.network_id)


# --- meetings -------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def meeting_create(request: HttpRequest, network_pk: int) -> HttpResponse:
    forum = _forum(request, network_pk)
    form = MeetingForm(request.POST or None, forum=forum)
    back = reverse("cooperation:network_forum", kwargs={"network_pk": network_pk})
    created: list[Meeting] = []

    def save() -> Any:
        data = {k: v for k, v in form.cleaned_data.items() if k != "agenda"}
        created.append(services.do_plan_meeting(forum, data, agenda=form.agenda_lines(), actor=request.user))

    response = _form_page(
        request, form, save, title=_("Plan a meeting"), back=back, done=back, success=_("The meeting was planned.")
    )
    if created:
        return redirect("cooperation:meeting_detail", pk=created[0].pk)
    return response


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


@login_required
@require_http_methods(["GET", "POST"])
def meeting_update(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(request, pk, edit=True)
    form = MeetingForm(request.POST or None, instance=meeting, forum=meeting.forum)
    back = reverse("cooperation:meeting_detail", kwargs={"pk": pk})
    original = Meeting.objects.get(pk=meeting.pk)
    return _form_page(
        request,
        form,
        lambda: services.do_update_meeting(original, form.cleaned_data, actor=request.user),
        title=_("Edit the meeting"),
        back=back,
        done=back,
        success=_("The changes were saved."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def meeting_held(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(request, pk, edit=True)
    form = HeldForm(request.POST or None, instance=meeting, meeting=meeting)
    back = reverse("cooperation:meeting_detail", kwargs={"pk": pk})
    original = Meeting.objects.get(pk=meeting.pk)

    def save() -> Any:
        data = {k: v for k, v in form.cleaned_data.items() if k not in ("representatives", "organisations")}
        return services.do_record_meeting_held(
            original,
            data,
            representatives=form.cleaned_data["representatives"],
            organisations=form.cleaned_data["organisations"],
            actor=request.user,
        )

    return _form_page(
        request,
        form,
        save,
        title=_("Record the meeting as held"),
        back=back,
        done=back,
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
    try:
        services.do_cancel_meeting(meeting, actor=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The meeting was cancelled."))
    return redirect("cooperation:meeting_detail", pk=pk)


@login_required
@require_POST
def meeting_send_minutes(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(request, pk, edit=True)
    try:
        dispatch = services.do_send_minutes(meeting, actor=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request, _("The minutes were sent (number of addresses: %(n)d).") % {"n": len(dispatch.recipients)}
        )
    return redirect("cooperation:meeting_detail", pk=pk)


@login_required
@require_http_methods(["GET", "POST"])
def decision_create(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(request, pk, edit=True)
    form = DecisionForm(request.POST or None)
    back = reverse("cooperation:meeting_detail", kwargs={"pk": pk})
    return _form_page(
        request,
        form,
        lambda: services.do_record_decision(meeting, form.cleaned_data, actor=request.user),
        title=_("Record a decision"),
        back=back,
        done=back,
        success=_("The decision was recorded."),
        intro=_("Decisions are taken by consensus after discussion; if consensus is not possible, by vote."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def action_item_create(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(request, pk, edit=True)
    form = ActionItemForm(request.POST or None, network=meeting.forum.network)
    back = reverse("cooperation:meeting_detail", kwargs={"pk": pk})
    return _form_page(
        request,
        form,
        lambda: services.do_add_action_item(meeting, form.cleaned_data, actor=request.user),
        title=_("Add an action item"),
        back=back,
        done=back,
        success=_("The action item was added."),
    )


@login_required
@require_POST
def action_item_status(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(
        ActionItem.objects.visible_to(request.user).select_related("meeting__forum__network"), pk=pk
    )
    if not _can_edit(request.user, item.meeting.forum.network):
        raise PermissionDenied
    form = StatusForm(request.POST)
    if form.is_valid():
        services.do_update_action_item_status(item, form.cleaned_data["status"], actor=request.user)
        messages.success(request, _("The status was changed."))
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
    form = AssessmentForm(request.POST or None, organisations=organisations)
    back = reverse("cooperation:network_assessments", kwargs={"network_pk": network_pk})

    def save() -> Any:
        data = dict(form.cleaned_data)
        organisation = data.pop("organisation")
        return services.do_fill_assessment(network, organisation, data, actor=request.user)

    return _form_page(
        request,
        form,
        save,
        title=_("Cross-sector cooperation assessment card"),
        back=back,
        done=back,
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
    form = ImprovementActionForm(request.POST or None, network=network)
    back = reverse("cooperation:network_assessments", kwargs={"network_pk": network_pk})
    return _form_page(
        request,
        form,
        lambda: services.do_add_improvement_action(network, form.cleaned_data, actor=request.user),
        title=_("Add an improvement action"),
        back=back,
        done=back,
        success=_("The improvement action was added."),
    )


@login_required
@require_POST
def improvement_action_status(request: HttpRequest, pk: int) -> HttpResponse:
    action = get_object_or_404(ImprovementAction.objects.visible_to(request.user).select_related("network"), pk=pk)
    if not _can_edit(request.user, action.network):
        raise PermissionDenied
    form = StatusForm(request.POST)
    if form.is_valid():
        services.do_update_improvement_action_status(action, form.cleaned_data["status"], actor=request.user)
        messages.success(request, _("The status was changed."))
    return redirect("cooperation:network_assessments", network_pk=action.network_id)


# --- alerts --------------------------------------------------------------------------------------------


def alerts_context(request: HttpRequest) -> dict[str, Any]:
    """Context for ``cooperation/_alerts.html``: the overdue forums in the user's scope."""
    return {"cooperation_overdue": overdue_forums(request.user)}


@roles_required(*ALERT_ROLES)
def alerts(request: HttpRequest) -> HttpResponse:
    return render(request, "cooperation/alerts.html", alerts_context(request))
