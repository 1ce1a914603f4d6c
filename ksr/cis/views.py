"""The CIS's own pages: its status, the month's integration benefits (with the accountant's
lists in XLSX and PDF), motivation bonuses, and the rates with their sources."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from ksr.accounts.choices import Role
from ksr.accounts.scope import scope_for
from ksr.audit.reads import record_view_reads
from ksr.cases.models import Participant
from ksr.cases.querysets import HOLDER_ROLES
from ksr.cis import services
from ksr.cis.choices import STATUS_WARNING_DAYS
from ksr.cis.exports import benefits_pdf, benefits_xlsx
from ksr.cis.forms import BonusForm, RateForm, StatusDecisionForm
from ksr.cis.models import BenefitRate, StatusDecision
from ksr.cis.rules import cis_cases, month_benefits, month_bounds
from ksr.core.access import login_required, roles_required
from ksr.core.pages import form_page
from ksr.registry.choices import OrganisationKind
from ksr.registry.models import Organisation


def _centres(request: HttpRequest, *roles: str) -> Any:
    ids = scope_for(request.user).organisations_for(*(roles or HOLDER_ROLES))
    return Organisation.objects.filter(kind=OrganisationKind.CIS, pk__in=ids).order_by("name")


def _centre(request: HttpRequest, pk: int, *roles: str) -> Organisation:
    return get_object_or_404(_centres(request, *roles), pk=pk)


def _month(request: HttpRequest) -> dt.date:
    try:
        return dt.date.fromisoformat((request.GET.get("month") or "") + "-01")
    except ValueError:
        return timezone.localdate().replace(day=1)


def _status_rows(request: HttpRequest, today: dt.date) -> list[dict[str, Any]]:
    rows = []
    for centre in _centres(request):
        decision = services.current_decision(centre, today)
        rows.append(
            {
                "centre": centre,
                "decision": decision,
                "expiring": decision is not None and (decision.valid_until - today).days <= STATUS_WARNING_DAYS,
            }
        )
    return rows


def home_panel(request: HttpRequest) -> dict[str, Any]:
    """The home page panel of the people who work in a CIS: its status and the month's benefits."""
    return {"cis_centres": _status_rows(request, timezone.localdate())}


@roles_required(*HOLDER_ROLES)
def overview(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    centres = []
    for centre in _centres(request):
        decision = services.current_decision(centre, today)
        centres.append(
            {
                "centre": centre,
                "decision": decision,
                "expiring": decision is not None and (decision.valid_until - today).days <= STATUS_WARNING_DAYS,
                "decisions": list(StatusDecision.objects.filter(organisation=centre)),
                "may_write": centre.pk in scope_for(request.user).organisations_for(Role.ENTITY_MANAGER),
            }
        )
    previous = (today.replace(day=1) - dt.timedelta(days=1)).strftime("%Y-%m")
    return render(request, "cis/overview.html", {"centres": centres, "today": today, "previous_month": previous})


@roles_required(Role.ENTITY_MANAGER)
def decision_create(request: HttpRequest, pk: int) -> HttpResponse:
    centre = _centre(request, pk, Role.ENTITY_MANAGER)
    return form_page(
        request,
        StatusDecisionForm(request.POST or None),
        lambda data: services.do_record_status_decision(centre, data, actor=request.user),
        title=_("Status decision of %(centre)s") % {"centre": centre.name},
        back_url=reverse("cis:overview"),
        success=_("The status decision was recorded."),
        intro=_("The voivode grants the CIS status by a decision for five years and may extend it."),
        submit_label=_("Record the decision"),
    )


@roles_required(*HOLDER_ROLES)
def benefits(request: HttpRequest, pk: int) -> HttpResponse:
    centre = _centre(request, pk)
    month = _month(request)
    try:
        rate, lines = month_benefits(centre, month)
    except ValidationError as error:
        return render(
            request, "cis/benefits.html", {"centre": centre, "month": month, "error": error.messages[0], "lines": []}
        )
    record_view_reads(
        request,
        Participant,
        [(line.case.participant_id, centre.pk) for line in lines],
        part="benefit",
        export=None
        if request.GET.get("format") not in {"xlsx", "pdf"}
        else _("Integration benefits, %(month)s") % {"month": month.strftime("%m.%Y")},
    )
    if request.GET.get("format") == "xlsx":
        return benefits_xlsx(centre, month, rate, lines)
    if request.GET.get("format") == "pdf":
        return benefits_pdf(centre, month, rate, lines)
    first, _last = month_bounds(month)
    return render(
        request,
        "cis/benefits.html",
        {
            "centre": centre,
            "month": month,
            "rate": rate,
            "lines": lines,
            "total": sum((line.total for line in lines), Decimal(0)),
            "previous": (first - dt.timedelta(days=1)).strftime("%Y-%m"),
            "following": (first + dt.timedelta(days=32)).strftime("%Y-%m"),
            "month_value": first.strftime("%Y-%m"),
            "may_write": centre.pk in scope_for(request.user).organisations_for(Role.ENTITY_MANAGER),
        },
    )


@roles_required(Role.ENTITY_MANAGER)
def bonus_create(request: HttpRequest, pk: int) -> HttpResponse:
    centre = _centre(request, pk, Role.ENTITY_MANAGER)
    first, last = month_bounds(_month(request))
    cases = {case.pk: case for case in cis_cases(centre, first, last)}
    back = reverse("cis:benefits", args=[centre.pk]) + f"?month={first:%Y-%m}"
    return form_page(
        request,
        BonusForm(request.POST or None, cases=list(cases.values())),
        lambda data: services.do_award_bonus(cases[data["case"]], {**data, "month": first}, actor=request.user),
        title=_("Motivation bonus for %(month)s") % {"month": first.strftime("%m.%Y")},
        back_url=back,
        success=_("The motivation bonus was recorded."),
        intro=_("The bonus is added to the month's integration benefit, within the limit of the rate in force."),
        submit_label=_("Award the bonus"),
    )


@login_required
def rates(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "cis/rates.html",
        {"rates": BenefitRate.objects.all(), "may_write": scope_for(request.user).has_role(Role.SYSTEM_ADMIN)},
    )


@roles_required(Role.SYSTEM_ADMIN)
def rate_create(request: HttpRequest) -> HttpResponse:
    return form_page(
        request,
        RateForm(request.POST or None),
        lambda data: services.do_add_rate(data, actor=request.user),
        title=_("New integration benefit rate"),
        back_url=reverse("cis:rates"),
        success=_("The rate was added."),
        intro=_("A rate applies from its date until the next one. Name the legal source of every figure."),
        submit_label=_("Add the rate"),
    )
