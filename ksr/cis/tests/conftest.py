import datetime as dt
from decimal import Decimal

import pytest

from ksr.accounts.choices import Role
from ksr.cases.choices import CaseStatus
from ksr.cases.models import Case, Participant
from ksr.catalogue.choices import Mode
from ksr.catalogue.models import Activity, Attendance, Edition
from ksr.cis.models import BenefitRate
from ksr.registry.choices import OrganisationKind
from ksr.testing import OrganisationFactory, member, unit

D = dt.date


@pytest.fixture
def cis(cast):
    return OrganisationFactory(name="CIS Warszawa", kind=OrganisationKind.CIS, seat=unit("1465011"))


@pytest.fixture
def cis_manager(cis):
    return member("celestyna", cis, Role.ENTITY_MANAGER)


@pytest.fixture
def rate(cast):
    return BenefitRate.objects.create(
        valid_from=D(2026, 1, 1),
        unemployment_benefit=Decimal("1500.00"),
        percent=Decimal(120),
        trial_percent=Decimal(100),
        trial_months=1,
        absence_divisor=30,
        bonus_max_percent=Decimal(20),
        source="UZS art. 15 (test)",
    )


def cis_case(organisation, n, admitted_on, exited_on=None):
    person = Participant.objects.create(organisation=organisation, first_name="Osoba", last_name=f"Testowa{n}")
    return Case.objects.create(
        participant=person,
        organisation=organisation,
        status=CaseStatus.EXITED if exited_on else CaseStatus.ACTIVE,
        opened_on=admitted_on,
        admitted_on=admitted_on,
        exited_on=exited_on,
    )


def classes(organisation, days, hours=Decimal(6)):
    """One class on each of ``days`` in an edition of ``organisation``; returns {day: activity}."""
    edition = Edition.objects.create(
        organisation=organisation, name="Program CIS", starts_on=D(2026, 1, 1), ends_on=D(2027, 12, 31)
    )
    return {
        day: Activity.objects.create(
            edition=edition, date=day, topic="Warsztat", hours=hours, mode=Mode.GROUP, leader="L"
        )
        for day in days
    }


def mark(case, activities, status):
    for activity in activities:
        Attendance.objects.create(activity=activity, case=case, status=status)
