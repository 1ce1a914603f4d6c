"""Writes of the CIS duties: status decisions, benefit rates and motivation bonuses."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ksr.accounts.choices import Role
from ksr.accounts.scope import scope_for
from ksr.audit.services import record_create
from ksr.cases.models import Case
from ksr.catalogue.rules import add_months
from ksr.cis.choices import STATUS_YEARS, DecisionKind
from ksr.cis.models import BenefitRate, MotivationBonus, StatusDecision
from ksr.cis.rules import month_bounds, rate_on
from ksr.core.types import AnyUser
from ksr.registry.choices import OrganisationKind


def _require_manager(organisation_id: int, actor: AnyUser) -> None:
    """Only the CIS's manager (or the system administrator) records its decisions and bonuses."""
    scope = scope_for(actor)
    if not (scope.has_role(Role.SYSTEM_ADMIN) or organisation_id in scope.organisations_for(Role.ENTITY_MANAGER)):
        raise PermissionDenied(_("Only the manager of this CIS may do this."))


def _stamp(obj: Any, actor: AnyUser) -> None:
    obj.created_by_id = obj.updated_by_id = actor.pk


@transaction.atomic
def do_record_status_decision(organisation: Any, data: Mapping[str, Any], *, actor: AnyUser) -> StatusDecision:
    """Record the voivode's decision granting or extending the CIS status (5 years unless it says otherwise)."""
    _require_manager(organisation.pk, actor)
    if organisation.kind != OrganisationKind.CIS:
        raise ValidationError(_("A status decision can be recorded only for a social integration centre (CIS)."))
    today = timezone.localdate()
    decided_on = data["decided_on"]
    if decided_on > today:
        raise ValidationError({"decided_on": _("The date of the decision cannot be later than today.")})
    valid_from = data["valid_from"]
    valid_until = data.get("valid_until") or add_months(valid_from, 12 * STATUS_YEARS) - dt.timedelta(days=1)
    if valid_until <= valid_from:
        raise ValidationError({"valid_until": _("The status must end after it begins.")})
    if add_months(valid_from, 12 * STATUS_YEARS) - dt.timedelta(days=1) < valid_until:
        raise ValidationError(
            {"valid_until": _("A decision grants the status for at most %(years)s years.") % {"years": STATUS_YEARS}}
        )
    opinion_on = data.get("starosta_opinion_on")
    if opinion_on is not None and opinion_on > today:
        raise ValidationError({"starosta_opinion_on": _("The date of the opinion cannot be later than today.")})
    previous = StatusDecision.objects.select_for_update().filter(organisation=organisation).order_by("-valid_until")
    if data["kind"] == DecisionKind.EXTENDED and not previous.exists():
        raise ValidationError({"kind": _("Only a status that was granted can be extended.")})
    if data.get("marshal_funding") and not data.get("marshal_funds_first_months"):
        raise ValidationError(
            {"marshal_funding": _("Give the marshal's funding only when the marshal funds the first three months.")}
        )
    decision = StatusDecision(
        organisation=organisation,
        kind=data["kind"],
        number=data["number"],
        decided_on=decided_on,
        valid_from=valid_from,
        valid_until=valid_until,
        starosta_opinion_on=opinion_on,
        starosta_opinion_positive=data.get("starosta_opinion_positive"),
        marshal_funds_first_months=bool(data.get("marshal_funds_first_months")),
        marshal_funding=data.get("marshal_funding"),
        note=data.get("note", ""),
    )
    _stamp(decision, actor)
    decision.full_clean()
    decision.save()
    record_create(decision, actor=actor)
    return decision


def current_decision(organisation: Any, today: dt.date | None = None) -> StatusDecision | None:
    """The decision under which the CIS holds its status today, if any."""
    today = today or timezone.localdate()
    return (
        StatusDecision.objects.filter(organisation=organisation, valid_from__lte=today, valid_until__gte=today)
        .order_by("-valid_until")
        .first()
    )


@transaction.atomic
def do_add_rate(data: Mapping[str, Any], *, actor: AnyUser) -> BenefitRate:
    """A new rate from a date on; earlier rates stay, so past months compute as they were."""
    if not scope_for(actor).has_role(Role.SYSTEM_ADMIN):
        raise PermissionDenied(_("Only the system administrator enters the rates."))
    rate = BenefitRate(**dict(data))
    if rate.weekly_hours_min > rate.weekly_hours_max:
        raise ValidationError({"weekly_hours_max": _("The weekly maximum cannot be below the minimum.")})
    _stamp(rate, actor)
    rate.full_clean()
    rate.save()
    record_create(rate, actor=actor)
    return rate


@transaction.atomic
def do_award_bonus(case: Case, data: Mapping[str, Any], *, actor: AnyUser) -> MotivationBonus:
    """A motivation bonus for a month of participation, within the rate's limit."""
    _require_manager(case.organisation_id, actor)
    first, last = month_bounds(data["month"])
    if first > timezone.localdate():
        raise ValidationError({"month": _("A bonus cannot be awarded for a month that has not begun.")})
    if case.organisation.kind != OrganisationKind.CIS:
        raise ValidationError(_("Motivation bonuses are awarded by a social integration centre (CIS)."))
    if case.admitted_on is None or case.admitted_on > last or (case.exited_on is not None and case.exited_on < first):
        raise ValidationError({"month": _("The participant did not take part in the CIS in that month.")})
    rate = rate_on(first)
    in_trial = first < add_months(case.admitted_on, rate.trial_months)
    full = rate.unemployment_benefit * (rate.trial_percent if in_trial else rate.percent) / 100
    limit = (full * rate.bonus_max_percent / 100).quantize(Decimal("0.01"))
    amount = data["amount"]
    if amount > limit:
        raise ValidationError(
            {
                "amount": _("The bonus may be at most %(limit)s PLN this month (%(percent)s%% of the benefit).")
                % {"limit": f"{limit:.2f}".replace(".", ","), "percent": rate.bonus_max_percent.normalize()}
            }
        )
    if MotivationBonus.objects.filter(case=case, month=first).exists():
        raise ValidationError({"month": _("This participant already has a bonus for that month.")})
    bonus = MotivationBonus(case=case, month=first, amount=amount, reason=data["reason"])
    _stamp(bonus, actor)
    bonus.full_clean()
    bonus.save()
    record_create(bonus, actor=actor)
    return bonus
