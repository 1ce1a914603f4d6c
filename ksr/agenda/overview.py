"""The KIS/CIS manager's overview: the caseload of each case manager, months short of the
40-hour rule, graduate certificates coming due, consents about to expire and people waiting for
qualification or admission.

Counts and lists of the clubs the user manages (``Role.ENTITY_MANAGER``). No participant is
named: the consents are listed by partner and service, each linking to the participant's page.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone

from ksr.accounts.choices import Role
from ksr.accounts.models import User
from ksr.accounts.scope import scope_for
from ksr.cases.choices import OPEN_REFERRAL_STATUSES, CaseStatus
from ksr.cases.models import Case, Referral
from ksr.catalogue import rules
from ksr.catalogue.choices import AttendanceStatus
from ksr.catalogue.models import Attendance, Edition
from ksr.core.types import AnyUser
from ksr.privacy.queries import due_items as consents_due
from ksr.registry.choices import OrganisationKind
from ksr.registry.models import Organisation

CONSENT_WINDOW_DAYS = 30
CERTIFICATE_WINDOW_DAYS = 30
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
    certificates_ready: int = 0
    certificates_soon: int = 0


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
    _certificates(view, organisation, today)
    view.consents = consents_due(open_cases, today, today + dt.timedelta(days=CONSENT_WINDOW_DAYS))
    view.referrals_waiting = Referral.objects.filter(
        organisation=organisation, status__in=OPEN_REFERRAL_STATUSES
    ).count()
    view.qualified_waiting = Case.objects.filter(
        organisation=organisation, status__in=[CaseStatus.REFERRED, CaseStatus.QUALIFIED]
    ).count()
    return view


def _certificates(view: ClubOverview, organisation: Organisation, today: dt.date) -> None:
    """KIS participants without a certificate: how many have six months of participation today
    (rule (c) of the KIS standard, from attendance), and how many reach six months since admission
    within the next 30 days. One query for the cases, one for their presences."""
    if organisation.kind != OrganisationKind.KIS:
        return
    horizon = today + dt.timedelta(days=CERTIFICATE_WINDOW_DAYS)
    cases = list(
        Case.objects.filter(organisation=organisation, status=CaseStatus.ACTIVE, admitted_on__isnull=False)
        .exclude(graduate_certificate__isnull=False)
        .values_list("pk", "admitted_on")
    )
    days: dict[int, list[dt.date]] = defaultdict(list)
    rows = Attendance.objects.filter(case_id__in=[pk for pk, _admitted in cases], status=AttendanceStatus.PRESENT)
    for case_id, day in rows.values_list("case_id", "activity__date"):
        days[case_id].append(day)
    for pk, admitted in cases:
        if admitted is None:  # excluded by the query; keeps the type checker informed
            continue
        if rules.certificate_eligible(days[pk], admitted, today):
            view.certificates_ready += 1
        elif today < rules.add_months(admitted, rules.CERTIFICATE_MONTHS) <= horizon:
            view.certificates_soon += 1


def _users(counts: Counter[int | None]) -> list[User]:
    return list(User.objects.filter(pk__in=list(counts)))
