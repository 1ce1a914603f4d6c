"""Demo data of the CIS duties: a benefit rate (marked as a demo figure, not checked against the
act), a status decision for every demo CIS — one of them close to its end, so its manager sees the
warning — and a motivation bonus last month for one participant of each CIS."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from django.utils import timezone

from ksr.cases.models import Case
from ksr.catalogue.rules import add_months
from ksr.cis import services
from ksr.cis.choices import DecisionKind
from ksr.cis.models import BenefitRate, StatusDecision
from ksr.core.types import AnyUser
from ksr.registry.choices import OrganisationKind
from ksr.registry.models import Organisation

DEMO_SOURCE = (
    "Demo: kwota przykładowa. UZS w brzmieniu Nowelizacji UZS 2022 (120% zasiłku); potrącenie za "
    "nieusprawiedliwioną nieobecność i limit premii motywacyjnej — ustawienia do sprawdzenia z tekstem ustawy."
)


def seed_demo(*, rng: random.Random, actor: AnyUser, scale: int) -> str:
    today = timezone.localdate()
    if not BenefitRate.objects.exists():
        services.do_add_rate(
            {
                "valid_from": dt.date(today.year - 1, 6, 1),
                "unemployment_benefit": Decimal("1700.00"),
                "bonus_max_percent": Decimal(20),
                "source": DEMO_SOURCE,
            },
            actor=actor,
        )
    centres = list(Organisation.objects.filter(kind=OrganisationKind.CIS, is_active=True).order_by("pk"))
    decisions = bonuses = 0
    last_month = (today.replace(day=1) - dt.timedelta(days=1)).replace(day=1)
    for n, centre in enumerate(centres):
        if StatusDecision.objects.filter(organisation=centre).exists():
            continue
        # The first CIS's status ends in about two months; the others' in a few years.
        valid_from = add_months(today, -58) if n == 0 else add_months(today, -rng.randint(6, 40))
        services.do_record_status_decision(
            centre,
            {
                "kind": DecisionKind.GRANTED,
                "number": f"WPS-II.9421.{n + 1}.{valid_from.year}",
                "decided_on": valid_from - dt.timedelta(days=14),
                "valid_from": valid_from,
                "starosta_opinion_on": valid_from - dt.timedelta(days=60),
                "starosta_opinion_positive": True,
                "marshal_funds_first_months": n % 2 == 0,
            },
            actor=actor,
        )
        decisions += 1
        case = (
            Case.objects.filter(organisation=centre, admitted_on__lte=last_month, exited_on__isnull=True)
            .order_by("pk")
            .first()
        )
        if case is not None:
            services.do_award_bonus(
                case,
                {"month": last_month, "amount": Decimal("150.00"), "reason": "Aktywny udział w warsztatach"},
                actor=actor,
            )
            bonuses += 1
    return f"cis: {decisions} status decisions, {bonuses} motivation bonuses, {BenefitRate.objects.count()} rate(s)"
