"""The participant's tabs "Plan", "Services card" and "Outcomes", and the forms writing them.

Access: every view is ``login_required``; the case is fetched through
``Case.objects.visible_to(user)`` so anyone but the holder's staff gets 404. Writing needs
``ksr.plans.access`` (403 for holder staff who may not write). Pages record an audit read.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.forms import BaseForm
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from ksr.audit.reads import audit_read
from ksr.cases.models import Case
from ksr.cases.special import drop_special_fields, hidden_fields
from ksr.core.access import login_required
from ksr.core.forms import add_service_errors
from ksr.core.pages import form_page, render_form
from ksr.core.types import AnyUser
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
    observation_weeks_passed,
)


def _case(request: HttpRequest, case_pk: int) -> Case:
    qs = Case.objects.visible_to(request.user).select_related("participant", "organisation", "case_manager")
    return get_object_or_404(qs, pk=case_pk)


def _editable_case(request: HttpRequest, case_pk: int) -> Case:
    case = _case(request, case_pk)
    if not may_edit_plans(request.user, case):
        raise PermissionDenied
    return case


def _plan_url(case: Case) -> str:
    return reverse("plans:case_plan", kwargs={"case_pk": case.pk})


def _card_url(case: Case) -> str:
    return reverse("plans:case_card", kwargs={"case_pk": case.pk})


def _outcomes_url(case: Case) -> str:
    return reverse("plans:case_outcomes", kwargs={"case_pk": case.pk})


def _case_form(
    request: HttpRequest,
    case: Case,
    form: BaseForm,
    save: Callable[[dict[str, Any]], object],
    *,
    title: str,
    success: str,
    back_url: str | None = None,
    template: str = "plans/form.html",
    **context: Any,
) -> HttpResponse:
    """A form of the case's plans: one service on a valid POST, then back to the tab."""
    return form_page(
        request,
        form,
        save,
        title=title,
        back_url=back_url or _plan_url(case),
        success=success,
        template=template,
        case=case,
        **context,
    )


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
            "observation_weeks": observation_weeks_passed(
                case, plan.set_on if plan and plan.set_on else timezone.localdate()
            ),
            "has_diagnosis": assessments.exists(),
            "assessments": assessments,
            "can_edit": may_edit_plans(request.user, case),
            "contract_status": ContractStatus,
            "plan_status": PlanStatus,
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
    for entry in entries:  # what this reader may see of each entry (ADR 0010)
        entry.case = case
        entry.shown_fields = entry.filled_fields(hidden_fields(request.user, entry))  # type: ignore[attr-defined]
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


@login_required
@require_http_methods(["GET", "POST"])
def contract_create(request: HttpRequest, case_pk: int) -> HttpResponse:
    case = _editable_case(request, case_pk)
    return _case_form(
        request,
        case,
        ContractForm(request.POST or None, case=case),
        lambda data: services.do_create_contract(case, data, actor=request.user),
        title=_("New contract"),
        success=_("The contract was drafted. Record the signatures when it is signed."),
    )


def _latest_version(contract: Contract) -> ContractVersion:
    return get_object_or_404(contract.versions.order_by("-number")[:1])


def _last_text(contract: Contract) -> dict[str, str]:
    last = contract.versions.order_by("-number").first()
    return {"content": last.content, "participant_words": last.participant_words} if last else {}


@dataclass(frozen=True)
class ContractPage:
    """A form about one contract of the case: its form, its service, its title and message."""

    form: Callable[[Contract, QueryDict | None], BaseForm]
    save: Callable[[Contract, dict[str, Any], AnyUser], object]
    title: Callable[[Contract], str]
    success: str | Promise


CONTRACT_PAGES = {
    "contract_amend": ContractPage(
        lambda contract, data: AmendForm(data, initial=_last_text(contract)),
        lambda contract, data, actor: services.do_amend_contract(contract, data, actor=actor),
        lambda contract: _("Amend the contract: new version"),
        gettext_lazy("A new version of the contract was recorded."),
    ),
    "contract_sign": ContractPage(
        lambda contract, data: SignForm(data),
        lambda contract, data, actor: services.do_sign_contract_version(_latest_version(contract), data, actor=actor),
        lambda contract: _("Signatures of version %(number)s") % {"number": _latest_version(contract).number},
        gettext_lazy("The signatures were recorded."),
    ),
    "contract_review": ContractPage(
        lambda contract, data: ReviewForm(data),
        lambda contract, data, actor: services.do_review_contract(contract, data, actor=actor),
        lambda contract: _("Review of the contract"),
        gettext_lazy("The review was recorded."),
    ),
    "contract_sanction": ContractPage(
        lambda contract, data: SanctionForm(data),
        lambda contract, data, actor: services.do_decide_sanction(contract, data, actor=actor),
        lambda contract: _("Sanction decision"),
        gettext_lazy("The decision was recorded."),
    ),
}


def _contract_page(name: str) -> Callable[..., HttpResponse]:
    page = CONTRACT_PAGES[name]

    @login_required
    @require_http_methods(["GET", "POST"])
    def view(request: HttpRequest, case_pk: int, pk: int) -> HttpResponse:
        case = _editable_case(request, case_pk)
        contract = _contract(case, pk)
        title = page.title(contract)
        return _case_form(
            request,
            case,
            page.form(contract, request.POST or None),
            lambda data: page.save(contract, data, request.user),
            title=title,
            success=str(page.success),
        )

    view.__name__ = view.__qualname__ = name
    return view


contract_amend, contract_sign, contract_review, contract_sanction = map(_contract_page, CONTRACT_PAGES)


def _status_change(request: HttpRequest, case: Case, change: Callable[[], object], success: str) -> HttpResponse:
    """A POST button changing a status: the outcome as a message, back to the plan tab."""
    try:
        change()
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, success)
    return redirect(_plan_url(case))


@login_required
@require_POST
def contract_status(request: HttpRequest, case_pk: int, pk: int) -> HttpResponse:
    case = _editable_case(request, case_pk)
    contract = _contract(case, pk)
    form = ContractStatusForm(request.POST)
    if not form.is_valid():
        return redirect(_plan_url(case))
    return _status_change(
        request,
        case,
        lambda: services.do_change_contract_status(contract, form.cleaned_data["status"], actor=request.user),
        _("The status of the contract was changed."),
    )


# The IPD and the diagnosis ----------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def plan_edit(request: HttpRequest, case_pk: int) -> HttpResponse:
    case = _editable_case(request, case_pk)
    return _case_form(
        request,
        case,
        ActionPlanForm(request.POST or None, instance=ActionPlan.objects.filter(case=case).first()),
        lambda data: services.do_save_action_plan(case, data, actor=request.user),
        title=_("Individual action plan (IPD)"),
        success=_("The individual action plan was saved."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def plan_goal_create(request: HttpRequest, case_pk: int) -> HttpResponse:
    case = _editable_case(request, case_pk)
    plan = get_object_or_404(ActionPlan.objects.filter(case=case))
    return _case_form(
        request,
        case,
        PlanGoalForm(request.POST or None),
        lambda data: services.do_add_plan_goal(plan, data, actor=request.user),
        title=_("New goal of the plan"),
        success=_("The goal was added to the plan."),
    )


def _known_plan_status(status: str) -> str:
    if status not in PlanStatus.values:
        raise ValidationError(_("Unknown status."))
    return status


@login_required
@require_POST
def plan_status(request: HttpRequest, case_pk: int) -> HttpResponse:
    case = _editable_case(request, case_pk)
    plan = get_object_or_404(ActionPlan.objects.filter(case=case))
    status = request.POST.get("status", "")
    return _status_change(
        request,
        case,
        lambda: services.do_change_plan_status(plan, _known_plan_status(status), actor=request.user),
        _("The status of the plan was changed."),
    )


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
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The diagnosis of reintegration potential was recorded."))
            return redirect(_plan_url(case))
    return render_form(
        request,
        form,
        title=_("Diagnosis of reintegration potential"),
        back_url=_plan_url(case),
        template="plans/potential_form.html",
        case=case,
        formset=formset,
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
        hidden = hidden_fields(request.user, corrected)
        shown = [name for name in PART_FIELDS[CardPart(corrected.part)] if name not in hidden]
        initial = {name: getattr(corrected, name) for name in shown}
        initial |= {"part": corrected.part, "corrects": corrected.pk, "participant_signed": False}
    elif request.GET.get("part") in CardPart.values:
        initial["part"] = request.GET["part"]
    return _case_form(
        request,
        case,
        drop_special_fields(
            CardEntryForm(request.POST or None, case=case, initial=initial), request.user, ServiceCardEntry(case=case)
        ),
        lambda data: services.do_add_card_entry(
            case,
            {k: v for k, v in data.items() if v not in (None, "")}
            | {"participant_signed": data.get("participant_signed", False)},
            actor=request.user,
        ),
        title=_("Correction of an entry in the services card") if corrected else _("New entry in the services card"),
        success=_("The entry was added to the services card."),
        back_url=_card_url(case),
        template="plans/card_entry_form.html",
        corrected=corrected,
    )


# Outcomes --------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def outcome_assessment_create(request: HttpRequest, case_pk: int) -> HttpResponse:
    case = _editable_case(request, case_pk)
    form = OutcomeAssessmentForm(request.POST or None)
    return _case_form(
        request,
        case,
        form,
        lambda data: services.do_create_outcome_assessment(case, *form.service_data(), actor=request.user),
        title=_("Assessment of the measures of success"),
        success=_("The assessment of the measures was recorded."),
        back_url=_outcomes_url(case),
        template="plans/outcome_assessment_form.html",
    )


@login_required
@require_http_methods(["GET", "POST"])
def outcome_event_create(request: HttpRequest, case_pk: int) -> HttpResponse:
    case = _editable_case(request, case_pk)
    return _case_form(
        request,
        case,
        OutcomeEventForm(request.POST or None),
        lambda data: services.do_record_outcome(case, data, actor=request.user),
        title=_("Record an outcome"),
        success=_("The outcome was recorded."),
        back_url=_outcomes_url(case),
    )
