"""The participant's tabs "Plan", "Services card" and "Outcomes", and the forms writing them.

Access: every view is ``login_required``; the case is fetched through
``Case.objects.visible_to(user)`` so anyone but the holder's staff gets 404. Writing needs
``ksr.plans.access`` (403 for holder staff who may not write). Pages record an audit read.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.forms import BaseForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from ksr.audit.reads import audit_read
from ksr.cases.models import Case
from ksr.core.access import login_required
from ksr.plans import services
from ksr.plans.access import may_edit_plans, may_write_card
from ksr.plans.charts import sparkline
from ksr.plans.choices import CardPart, ContractStatus, OutcomeMeasure, OutcomeType, PlanStatus, Score
from ksr.plans.forms import (
    ActionPlanForm,
    AmendForm,
    CardEntryForm,
    ContractForm,
    ContractStatusForm,
    OutcomeAssessmentForm,
    OutcomeEventForm,
    PlanGoalForm,
    PotentialAssessmentForm,
    PotentialItemFormSet,
    ReviewForm,
    SanctionForm,
    SignForm,
)
from ksr.plans.models import (
    PART_FIELDS,
    ActionPlan,
    Contract,
    ContractReview,
    ContractVersion,
    OutcomeAssessment,
    OutcomeEvent,
    PotentialAssessment,
    SanctionDecision,
    ServiceCardEntry,
    ipd_due_on,
    ipd_observation_weeks,
)


def _case(request: HttpRequest, case_pk: int) -> Case:
    qs = Case.objects.visible_to(request.user).select_related("participant", "organisation", "case_manager")
    return get_object_or_404(qs, pk=case_pk)


def _editable_case(request: HttpRequest, case_pk: int) -> Case:
    case = _case(request, case_pk)
    if not may_edit_plans(request.user, case):
        raise PermissionDenied
    return case


def _add_errors(form: BaseForm, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for name, errors in exc.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, exc)


def _form_page(request: HttpRequest, case: Case, form: BaseForm, title: str, back: str, **extra: Any) -> HttpResponse:
    context = {"case": case, "form": form, "title": title, "back": back, **extra}
    return render(request, "plans/form.html", context)


# The tabs --------------------------------------------------------------------------------


@login_required
@audit_read("plan")
def case_plan(request: HttpRequest, case_pk: int) -> HttpResponse:
    case = _case(request, case_pk)
    contracts = (
        Contract.objects.filter(case=case)
        .prefetch_related(
            Prefetch("versions", queryset=ContractVersion.objects.select_related("worker").order_by("-number")),
            Prefetch("reviews", queryset=ContractReview.objects.select_related("reviewed_by")),
            Prefetch("sanctions", queryset=SanctionDecision.objects.select_related("decided_by")),
        )
        .order_by("-created_at", "-id")
    )
    plan = ActionPlan.objects.filter(case=case).prefetch_related("sectors", "goals__sector").first()
    assessments = PotentialAssessment.objects.filter(case=case).select_related("assessed_by").prefetch_related("items")
    return TemplateResponse(
        request,
        "plans/case_plan.html",
        {
            "object": case,
            "case": case,
            "tab": "plan",
            "contracts": contracts,
            "plan": plan,
            "ipd_due_on": ipd_due_on(case),
            "ipd_weeks": ipd_observation_weeks(),
            "assessments": assessments,
            "can_edit": may_edit_plans(request.user, case),
            "in_force": ContractStatus.IN_FORCE,
            "plan_set": PlanStatus.SET,
            "plan_draft": PlanStatus.DRAFT,
        },
    )


def card_groups(entries: list[ServiceCardEntry]) -> list[dict[str, Any]]:
    """Entries grouped with their corrections: each original followed by what corrects it."""
    by_id = {e.pk: e for e in entries}

    def root(entry: ServiceCardEntry) -> int:
        seen = set()
        while entry.corrects_id and entry.corrects_id in by_id and entry.pk not in seen:
            seen.add(entry.pk)
            entry = by_id[entry.corrects_id]
        return entry.pk

    groups: dict[int, dict[str, Any]] = {}
    for entry in sorted(entries, key=lambda e: (e.entered_on, e.pk)):
        key = root(entry)
        group = groups.setdefault(key, {"entry": by_id[key], "corrections": []})
        if entry.pk != key:
            group["corrections"].append(entry)
    for group in groups.values():
        group["latest"] = group["corrections"][-1] if group["corrections"] else group["entry"]
    return sorted(groups.values(), key=lambda g: (g["entry"].entered_on, g["entry"].pk), reverse=True)


@login_required
@audit_read("card")
def case_card(request: HttpRequest, case_pk: int) -> HttpResponse:
    case = _case(request, case_pk)
    entries = list(ServiceCardEntry.objects.filter(case=case).select_related("author"))
    groups = card_groups(entries)
    return TemplateResponse(
        request,
        "plans/case_card.html",
        {
            "object": case,
            "case": case,
            "tab": "card",
            "general": [g for g in groups if g["entry"].part == CardPart.GENERAL],
            "detailed": [g for g in groups if g["entry"].part == CardPart.DETAILED],
            "can_write": may_write_card(request.user, case),
        },
    )


def outcome_rows(assessments: list[OutcomeAssessment]) -> list[dict[str, Any]]:
    """Per measure: the scores at each assessment, the change first → last and a sparkline."""
    rows = []
    for measure in OutcomeMeasure:
        cells = []
        for a in assessments:
            score = next((s for s in a.scores.all() if s.measure == measure), None)
            cells.append(score)
        values = [c.score for c in cells if c is not None]
        change = values[-1] - values[0] if len(values) > 1 else None
        rows.append(
            {
                "measure": measure,
                "cells": cells,
                "change": change,
                "chart": sparkline(
                    [(a.assessed_on, c.score if c else None) for a, c in zip(assessments, cells, strict=True)],
                    str(measure.label),
                ),
            }
        )
    return rows


@login_required
@audit_read("outcomes")
def case_outcomes(request: HttpRequest, case_pk: int) -> HttpResponse:
    case = _case(request, case_pk)
    assessments = list(
        OutcomeAssessment.objects.filter(case=case).select_related("assessed_by").prefetch_related("scores")
    )
    events = list(OutcomeEvent.objects.filter(case=case).select_related("recorded_by"))
    return TemplateResponse(
        request,
        "plans/case_outcomes.html",
        {
            "object": case,
            "case": case,
            "tab": "outcomes",
            "assessments": assessments,
            "rows": outcome_rows(assessments),
            "scale": Score.choices,
            "hard_events": [e for e in events if e.outcome_type == OutcomeType.HARD],
            "soft_events": [e for e in events if e.outcome_type == OutcomeType.SOFT],
            "can_edit": may_edit_plans(request.user, case),
        },
    )


# Contracts -------------------------------------------------------------------------------


def _contract(case: Case, pk: int) -> Contract:
    return get_object_or_404(Contract.objects.filter(case=case), pk=pk)


def _plan_url(case: Case) -> str:
    from django.urls import reverse

    return reverse("plans:case_plan", kwargs={"case_pk": case.pk})


@login_required
@require_http_methods(["GET", "POST"])
def contract_create(request: HttpRequest, case_pk: int) -> HttpResponse:
    case = _editable_case(request, case_pk)
    form = ContractForm(request.POST or None, case=case)
    if request.method == "POST" and form.is_valid():
        try:
            services.do_create_contract(case, form.cleaned_data, actor=request.user)
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("The contract was drafted. Record the signatures when it is signed."))
            return redirect("plans:case_plan", case_pk=case.pk)
    return _form_page(request, case, form, _("New contract"), _plan_url(case))


@login_required
@require_http_methods(["GET", "POST"])
def contract_amend(request: HttpRequest, case_pk: int, pk: int) -> HttpResponse:
    case = _editable_case(request, case_pk)
    contract = _contract(case, pk)
    last = contract.versions.order_by("-number").first()
    initial = {"content": last.content, "participant_words": last.participant_words} if last else {}
    form = AmendForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.do_amend_contract(contract, form.cleaned_data, actor=request.user)
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("A new version of the contract was recorded."))
            return redirect("plans:case_plan", case_pk=case.pk)
    return _form_page(request, case, form, _("Amend the contract: new version"), _plan_url(case))


@login_required
@require_http_methods(["GET", "POST"])
def contract_sign(request: HttpRequest, case_pk: int, pk: int) -> HttpResponse:
    case = _editable_case(request, case_pk)
    contract = _contract(case, pk)
    version = get_object_or_404(contract.versions.order_by("-number")[:1])
    form = SignForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.do_sign_contract_version(version, form.cleaned_data, actor=request.user)
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("The signatures were recorded."))
            return redirect("plans:case_plan", case_pk=case.pk)
    title = _("Signatures of version %(number)s") % {"number": version.number}
    return _form_page(request, case, form, title, _plan_url(case))


@login_required
@require_http_methods(["GET", "POST"])
def contract_review(request: HttpRequest, case_pk: int, pk: int) -> HttpResponse:
    case = _editable_case(request, case_pk)
    contract = _contract(case, pk)
    form = ReviewForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.do_review_contract(contract, form.cleaned_data, actor=request.user)
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("The review was recorded."))
            return redirect("plans:case_plan", case_pk=case.pk)
    return _form_page(request, case, form, _("Review of the contract"), _plan_url(case))


@login_required
@require_http_methods(["GET", "POST"])
def contract_sanction(request: HttpRequest, case_pk: int, pk: int) -> HttpResponse:
    case = _editable_case(request, case_pk)
    contract = _contract(case, pk)
    form = SanctionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.do_decide_sanction(contract, form.cleaned_data, actor=request.user)
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("The decision was recorded."))
            return redirect("plans:case_plan", case_pk=case.pk)
    return _form_page(request, case, form, _("Sanction decision"), _plan_url(case))


@login_required
@require_POST
def contract_status(request: HttpRequest, case_pk: int, pk: int) -> HttpResponse:
    case = _editable_case(request, case_pk)
    contract = _contract(case, pk)
    form = ContractStatusForm(request.POST)
    if form.is_valid():
        try:
            services.do_change_contract_status(contract, form.cleaned_data["status"], actor=request.user)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("The status of the contract was changed."))
    return redirect("plans:case_plan", case_pk=case.pk)


# The IPD and the diagnosis ----------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def plan_edit(request: HttpRequest, case_pk: int) -> HttpResponse:
    case = _editable_case(request, case_pk)
    plan = ActionPlan.objects.filter(case=case).first()
    form = ActionPlanForm(request.POST or None, instance=plan)
    if request.method == "POST" and form.is_valid():
        try:
            services.do_save_action_plan(case, form.cleaned_data, actor=request.user)
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("The individual action plan was saved."))
            return redirect("plans:case_plan", case_pk=case.pk)
    return _form_page(request, case, form, _("Individual action plan (IPD)"), _plan_url(case))


@login_required
@require_http_methods(["GET", "POST"])
def plan_goal_create(request: HttpRequest, case_pk: int) -> HttpResponse:
    case = _editable_case(request, case_pk)
    plan = get_object_or_404(ActionPlan.objects.filter(case=case))
    form = PlanGoalForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.do_add_plan_goal(plan, form.cleaned_data, actor=request.user)
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("The goal was added to the plan."))
            return redirect("plans:case_plan", case_pk=case.pk)
    return _form_page(request, case, form, _("New goal of the plan"), _plan_url(case))


@login_required
@require_POST
def plan_status(request: HttpRequest, case_pk: int) -> HttpResponse:
    case = _editable_case(request, case_pk)
    plan = get_object_or_404(ActionPlan.objects.filter(case=case))
    status = request.POST.get("status", "")
    try:
        if status not in PlanStatus.values:
            raise ValidationError(_("Unknown status."))
        services.do_change_plan_status(plan, status, actor=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The status of the plan was changed."))
    return redirect("plans:case_plan", case_pk=case.pk)


@login_required
@require_http_methods(["GET", "POST"])
def potential_create(request: HttpRequest, case_pk: int) -> HttpResponse:
    case = _editable_case(request, case_pk)
    form = PotentialAssessmentForm(request.POST or None)
    formset = PotentialItemFormSet(request.POST or None, prefix="items")
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        items = [f.cleaned_data for f in formset.forms if f.cleaned_data.get("dimension")]
        try:
            services.do_create_potential_assessment(case, form.cleaned_data, items, actor=request.user)
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("The diagnosis of reintegration potential was recorded."))
            return redirect("plans:case_plan", case_pk=case.pk)
    return render(
        request,
        "plans/potential_form.html",
        {"case": case, "form": form, "formset": formset, "back": _plan_url(case)},
    )


# The services card -----------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def card_entry_create(request: HttpRequest, case_pk: int) -> HttpResponse:
    case = _case(request, case_pk)
    if not may_write_card(request.user, case):
        raise PermissionDenied
    corrected = None
    corrects_pk = request.GET.get("corrects") or request.POST.get("corrects")
    initial: dict[str, Any] = {}
    if corrects_pk and str(corrects_pk).isdigit():
        corrected = get_object_or_404(ServiceCardEntry.objects.filter(case=case), pk=int(corrects_pk))
        initial = {name: getattr(corrected, name) for name in PART_FIELDS[CardPart(corrected.part)]}
        initial |= {"part": corrected.part, "corrects": corrected.pk, "participant_signed": False}
    elif request.GET.get("part") in CardPart.values:
        initial["part"] = request.GET["part"]
    form = CardEntryForm(request.POST or None, case=case, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if v not in (None, "")} | {
            "participant_signed": form.cleaned_data.get("participant_signed", False)
        }
        try:
            services.do_add_card_entry(case, data, actor=request.user)
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("The entry was added to the services card."))
            return redirect("plans:case_card", case_pk=case.pk)
    return render(
        request,
        "plans/card_entry_form.html",
        {"case": case, "form": form, "corrected": corrected, "back": _card_url(case)},
    )


def _card_url(case: Case) -> str:
    from django.urls import reverse

    return reverse("plans:case_card", kwargs={"case_pk": case.pk})


# Outcomes --------------------------------------------------------------------------------


def _outcomes_url(case: Case) -> str:
    from django.urls import reverse

    return reverse("plans:case_outcomes", kwargs={"case_pk": case.pk})


@login_required
@require_http_methods(["GET", "POST"])
def outcome_assessment_create(request: HttpRequest, case_pk: int) -> HttpResponse:
    case = _editable_case(request, case_pk)
    form = OutcomeAssessmentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data, scores = form.service_data()
        try:
            services.do_create_outcome_assessment(case, data, scores, actor=request.user)
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("The assessment of the measures was recorded."))
            return redirect("plans:case_outcomes", case_pk=case.pk)
    return render(
        request, "plans/outcome_assessment_form.html", {"case": case, "form": form, "back": _outcomes_url(case)}
    )


@login_required
@require_http_methods(["GET", "POST"])
def outcome_event_create(request: HttpRequest, case_pk: int) -> HttpResponse:
    case = _editable_case(request, case_pk)
    form = OutcomeEventForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.do_record_outcome(case, form.cleaned_data, actor=request.user)
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("The outcome was recorded."))
            return redirect("plans:case_outcomes", case_pk=case.pk)
    return _form_page(request, case, form, _("Record an outcome"), _outcomes_url(case))
