"""The KIS/CIS manager's overview: the caseload of each case manager, months short of the
40-hour rule, consents about to expire and people waiting for qualification or admission.

Counts and lists of the clubs the user manages (``Role.ENTITY_MANAGER``). No participant is
named: the consents are listed by partner and service, each linking to the participant's page.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone

from ksr.accounts.choices import Role
from ksr.accounts.models import User
from ksr.accounts.scope import scope_for
from ksr.cases.choices import OPEN_REFERRAL_STATUSES, CaseStatus
from ksr.cases.models import Case, Referral
from ksr.catalogue.models import Edition
from ksr.core.types import AnyUser
from ksr.privacy.queries import due_items as consents_due
from ksr.registry.models import Organisation

CONSENT_WINDOW_DAYS = 30
SHORTFALL_MONTHS = 3


@dataclass
class ClubOverview:
    organisation: Organisation
    caseload: list[tuple[Any, int]] = field(default_factory=list)
    unassigned: int = 0
    shortfalls: list[tuple[Edition, Any]] = field(default_factory=list)
    consents: list[Any] = field(default_factory=list)
    referrals_waiting: int = 0
    qualified_waiting: int = 0


def _month_key(day: dt.date) -> tuple[int, int]:
    return (day.year, day.month)


def managed_clubs(user: AnyUser) -> list[Organisation]:
    ids = scope_for(user).organisations_for(Role.ENTITY_MANAGER)
    return list(Organisation.objects.filter(pk__in=ids).order_by("name"))


def club_overview(organisation: Organisation, today: dt.date | None = None) -> ClubOverview:
    today = today or timezone.localdate()
    view = ClubOverview(organisation=organisation)
    open_cases = Case.objects.filter(organisation=organisation).open()
    counts: Counter[int | None] = Counter(open_cases.values_list("case_manager", flat=True))
    view.unassigned = counts.pop(None, 0)
    managers = {user.pk: user for user in _users(counts)}
    view.caseload = sorted(
        ((managers[pk], n) for pk, n in counts.items() if pk is not None), key=lambda row: (-row[1], str(row[0]))
    )
    oldest = _month_key(today.replace(day=1) - dt.timedelta(days=31 * (SHORTFALL_MONTHS - 1)))
    editions = Edition.objects.filter(
        organisation=organisation, starts_on__lte=today, ends_on__gte=today.replace(day=1)
    )
    for edition in editions.prefetch_related("activities").order_by("name"):
        for check in edition.monthly_checks():
            if oldest <= check.month <= _month_key(today) and not check.meets:
                view.shortfalls.append((edition, check))
    view.consents = consents_due(open_cases, today, today + dt.timedelta(days=CONSENT_WINDOW_DAYS))
    view.referrals_waiting = Referral.objects.filter(
        organisation=organisation, status__in=OPEN_REFERRAL_STATUSES
    ).count()
    view.qualified_waiting = Case.objects.filter(
        organisation=organisation, status__in=[CaseStatus.REFERRED, CaseStatus.QUALIFIED]
    ).count()
    return view


def _users(counts: Counter[int | None]) -> list[User]:
    return list(User.objects.filter(pk__in=list(counts)))
