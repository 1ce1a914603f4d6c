"""Procedure cards catalogue, runs with tasks, need requests with answers, LSR variant choice."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch, QuerySet
from django.forms import BaseForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l

from ksr.accounts.choices import Role
from ksr.accounts.scope import scope_for
from ksr.core.access import LoginRequiredMixin, login_required, roles_required
from ksr.core.listing import FilteredListView
from ksr.core.pages import form_page
from ksr.core.types import AnyUser
from ksr.procedures import services
from ksr.procedures.cards import TEMPLATE_FIELDS_PL
from ksr.procedures.choices import CardGroup, ResponseKind, RunStatus, TaskStatus
from ksr.procedures.filters import NeedRequestFilter, RunFilter
from ksr.procedures.forms import AnswerForm, CancelTaskForm, CompleteTaskForm, NeedRequestForm, RunForm, VariantForm
from ksr.procedures.models import (
    CardStep,
    NeedRequest,
    NeedResponse,
    ProcedureCard,
    ProcedureRun,
    ProcedureTask,
    VariantChoice,
)
from ksr.procedures.queries import annotate_requests, annotate_runs, is_overdue, pending_addressees, response_stats
from ksr.procedures.variants import CRITERIA, VARIANT_DESCRIPTIONS

RUN_EDITORS = (Role.REGIONAL_ANIMATOR, Role.ENTITY_MANAGER, Role.LSR_COORDINATOR, Role.SYSTEM_ADMIN)


def _create_page(
    request: HttpRequest,
    form: BaseForm,
    create: Callable[..., Any],
    *,
    refused: tuple[str, str],
    back: str,
    detail: str = "",
    **page: Any,
) -> HttpResponse:
    """A page creating one object with ``create(actor=…, **cleaned_data)``, then showing it (``detail``).

    The service's ``PermissionDenied`` (the user may not act in that gmina or for that KIS) is
    shown on the form: ``refused`` is the field and the message.
    """
    field, message = refused

    def save(data: dict[str, Any]) -> Any:
        try:
            return create(actor=request.user, **data)
        except PermissionDenied as exc:
            raise ValidationError({field: message}) from exc

    return form_page(
        request,
        form,
        save,
        back_url=reverse(back),
        success_url=(lambda obj: reverse(detail, args=[obj.pk])) if detail else None,
        **page,
    )


@login_required
def card_list(request: HttpRequest) -> HttpResponse:
    cards = ProcedureCard.objects.prefetch_related(Prefetch("steps", queryset=CardStep.objects.order_by("number")))
    groups = [(label, [c for c in cards if c.group == value]) for value, label in CardGroup.choices]
    return render(request, "procedures/card_list.html", {"groups": groups, "template_fields": TEMPLATE_FIELDS_PL})


class RunListView(LoginRequiredMixin, FilteredListView):
    template_name = "procedures/run_list.html"
    partial_template_name = "procedures/_run_results.html"
    filterset_class = RunFilter
    export_filename = "karty-procedur"
    export_columns = [
        (_l("card"), lambda r: r.card.number),
        (_l("procedure name"), lambda r: r.card.name),
        (_l("gmina"), lambda r: r.gmina.name),
        (_l("network"), lambda r: r.network.name if r.network else ""),
        (_l("started on"), lambda r: r.started_on),
        (_l("tasks done"), lambda r: r.done_count),
        (_l("tasks"), lambda r: r.task_count),
        (_l("status"), lambda r: r.get_status_display()),
    ]

    def get_base_queryset(self) -> QuerySet[Any]:
        qs = ProcedureRun.objects.visible_to(self.request.user).select_related("card", "gmina", "network")
        return annotate_runs(qs).order_by("-started_on", "-id")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["may_start"] = scope_for(self.request.user).has_any_role(RUN_EDITORS)
        context["run_statuses"] = RunStatus
        return context


run_list = RunListView.as_view()


@roles_required(*RUN_EDITORS)
def run_create(request: HttpRequest) -> HttpResponse:
    return _create_page(
        request,
        RunForm(request.POST or None, user=request.user, initial={"card": request.GET.get("card")}),
        services.do_start_run,
        refused=("gmina", _("You may not run procedures in this gmina.")),
        back="procedures:run_list",
        detail="procedures:run_detail",
        title=_("Run a card in a gmina"),
        intro=_("Each step of the card becomes an open task, due every two weeks (at the latest on the due date)."),
        submit_label=_("Start"),
        success=_("The procedure was started; its steps are now tasks."),
    )


@login_required
def run_detail(request: HttpRequest, pk: int) -> HttpResponse:
    run = get_object_or_404(
        ProcedureRun.objects.visible_to(request.user).select_related("card", "gmina", "network", "started_by"), pk=pk
    )
    tasks = list(
        run.tasks.select_related(
            "step",
            "owner_user",
            "owner_organisation",
            "completed_by",
            "linked_network",
            "linked_partnership",
            "linked_meeting",
        ).prefetch_related("product_recipients")
    )
    completable = set(ProcedureTask.objects.completable_by(request.user).filter(run=run).values_list("pk", flat=True))
    return render(
        request,
        "procedures/run_detail.html",
        {
            "run": run,
            "tasks": tasks,
            "changeable": {t.pk for t in tasks if t.pk in completable and t.can_move_to(TaskStatus.DONE)},
            "statuses": TaskStatus,
            "cooperating": run.cooperating_institutions.all(),
            "informed": run.informed_institutions.all(),
        },
    )


def _task_for_change(request: HttpRequest, pk: int) -> ProcedureTask:
    task = get_object_or_404(
        ProcedureTask.objects.visible_to(request.user).select_related("run__card", "run__gmina", "step"), pk=pk
    )
    if not ProcedureTask.objects.completable_by(request.user).filter(pk=task.pk).exists():
        raise PermissionDenied
    return task


# The service names the task's fields; the form names its parameters.
COMPLETE_FORM_FIELDS = {
    "product_summary": "summary",
    "product_recipients": "recipients",
    "product_person": "person",
    "product_dates": "dates",
}


@login_required
def task_complete(request: HttpRequest, pk: int) -> HttpResponse:
    task = _task_for_change(request, pk)

    def save(data: dict[str, Any]) -> ProcedureTask:
        try:
            return services.do_complete_task(task, actor=request.user, **data)
        except ValidationError as error:
            if not hasattr(error, "error_dict"):
                raise
            raise ValidationError(
                {COMPLETE_FORM_FIELDS.get(name, name): errors for name, errors in error.error_dict.items()}
            ) from error

    return _task_page(
        request,
        task,
        CompleteTaskForm(request.POST or None, user=request.user, initial={"linked_network": task.run.network_id}),
        save,
        title=_("Mark the step done"),
        success=_("The step is done and its product recorded."),
        show_product=True,
    )


def _task_page(request: HttpRequest, task: ProcedureTask, form: Any, save: Any, **kwargs: Any) -> HttpResponse:
    return form_page(
        request,
        form,
        save,
        back_url=reverse("procedures:run_detail", args=[task.run_id]),
        template="procedures/task_form.html",
        task=task,
        **kwargs,
    )


@login_required
def task_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    task = _task_for_change(request, pk)
    return _task_page(
        request,
        task,
        CancelTaskForm(request.POST or None),
        lambda data: services.do_cancel_task(task, reason=data["reason"], actor=request.user),
        title=_("Cancel the step"),
        submit_label=_("Cancel the step"),
        danger=True,
        success=_("The step was cancelled."),
    )


class NeedRequestListView(LoginRequiredMixin, FilteredListView):
    template_name = "procedures/request_list.html"
    partial_template_name = "procedures/_request_results.html"
    filterset_class = NeedRequestFilter
    export_filename = "zgloszenia-potrzeb"
    export_columns = [
        (_l("requesting KIS"), lambda r: r.requester.name),
        (_l("kind of need"), lambda r: r.get_kind_display()),
        (_l("what is needed"), lambda r: r.description),
        (_l("needed by"), lambda r: r.needed_by),
        (_l("answer expected by"), lambda r: r.answer_by),
        (_l("addressed to"), lambda r: r.addressee_count),
        (_l("answers"), lambda r: r.answer_count),
    ]

    def get_base_queryset(self) -> QuerySet[Any]:
        qs = NeedRequest.objects.visible_to(self.request.user).select_related("requester", "network")
        return annotate_requests(qs).order_by("-created_at", "-id")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        today = timezone.localdate()
        for r in context["object_list"]:
            r.overdue = r.closed_on is None and r.answer_by < today and r.pending_count > 0
        context["stats"] = response_stats(NeedRequest.objects.visible_to(self.request.user))
        context["may_request"] = scope_for(self.request.user).has_any_role(RUN_EDITORS)
        return context


request_list = NeedRequestListView.as_view()


@roles_required(*RUN_EDITORS)
def request_create(request: HttpRequest) -> HttpResponse:
    return _create_page(
        request,
        NeedRequestForm(request.POST or None, user=request.user),
        services.do_create_need_request,
        refused=("requester", _("You may not send requests for this KIS.")),
        back="procedures:request_list",
        detail="procedures:request_detail",
        title=_("New need request"),
        submit_label=_("Send to the partners"),
        success=_("The need request was sent to the partners."),
    )


@login_required
def request_detail(request: HttpRequest, pk: int) -> HttpResponse:
    need = get_object_or_404(
        NeedRequest.objects.visible_to(request.user)
        .select_related("requester", "network")
        .prefetch_related(
            "addressees", Prefetch("responses", queryset=NeedResponse.objects.select_related("organisation"))
        ),
        pk=pk,
    )
    scope = scope_for(request.user)
    mine = scope.organisations_for(Role.PARTNER_REPRESENTATIVE)
    pending = pending_addressees(need)
    can_answer = need.is_open and (
        (scope.has_role(Role.SYSTEM_ADMIN) and bool(pending)) or any(o.pk in mine for o in pending)
    )
    return render(
        request,
        "procedures/request_detail.html",
        {
            "need": need,
            "kinds": ResponseKind,
            "pending": pending,
            "overdue": is_overdue(need),
            "can_answer": can_answer,
            "can_close": need.is_open and NeedRequest.objects.editable_by(request.user).filter(pk=need.pk).exists(),
        },
    )


@login_required
def request_answer(request: HttpRequest, pk: int) -> HttpResponse:
    need = get_object_or_404(NeedRequest.objects.visible_to(request.user).select_related("requester"), pk=pk)
    scope = scope_for(request.user)
    organisations = need.addressees.exclude(pk__in=need.responses.values("organisation_id"))
    if not scope.has_role(Role.SYSTEM_ADMIN):
        organisations = organisations.filter(pk__in=scope.organisations_for(Role.PARTNER_REPRESENTATIVE))
    if not organisations.exists():
        raise PermissionDenied
    return form_page(
        request,
        AnswerForm(request.POST or None, organisations=organisations),
        lambda data: services.do_answer_need_request(need, data.pop("organisation"), actor=request.user, **data),
        title=_("Answer a need request"),
        submit_label=_("Send the answer"),
        back_url=reverse("procedures:request_detail", args=[need.pk]),
        success=_("Your answer was sent to the KIS."),
        template="procedures/request_answer.html",
        need=need,
    )


@login_required
def request_close(request: HttpRequest, pk: int) -> HttpResponse:
    need = get_object_or_404(NeedRequest.objects.visible_to(request.user), pk=pk)
    if request.method == "POST":
        try:
            services.do_close_need_request(need, actor=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The request was closed."))
    return redirect("procedures:request_detail", pk=need.pk)


@login_required
def variant_list(request: HttpRequest) -> HttpResponse:
    choices = VariantChoice.objects.visible_to(request.user).select_related("gmina", "network", "chosen_by")
    return render(
        request,
        "procedures/variant_list.html",
        {
            "choices": choices,
            "may_choose": scope_for(request.user).has_any_role(RUN_EDITORS),
            "descriptions": VARIANT_DESCRIPTIONS,
        },
    )


@roles_required(*RUN_EDITORS)
def variant_create(request: HttpRequest) -> HttpResponse:
    def choose(*, actor: AnyUser, **data: Any) -> VariantChoice:
        choice = services.do_choose_variant(
            data["gmina"],
            answers={name: data[name] for name, *_rest in CRITERIA},
            variant=data["variant"] or None,
            reason=data["reason"],
            network=data["network"],
            actor=actor,
        )
        messages.success(
            request, _("The variant was recorded: %(variant)s.") % {"variant": choice.get_variant_display()}
        )
        return choice

    return _create_page(
        request,
        VariantForm(request.POST or None, user=request.user),
        choose,
        refused=("gmina", _("You may not choose the variant for this gmina.")),
        back="procedures:variant_list",
        title=_("Choose the LSR variant"),
        submit_label=_("Record the choice"),
        template="procedures/variant_form.html",
        descriptions=VARIANT_DESCRIPTIONS,
    )
