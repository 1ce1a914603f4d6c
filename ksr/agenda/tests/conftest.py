import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from ksr.cases import services as case_services
from ksr.cases.choices import ExitReason
from ksr.cases.tests.helpers import open_case
from ksr.catalogue.choices import Mode
from ksr.catalogue.models import Activity, Edition
from ksr.cooperation import services as cooperation_services
from ksr.cooperation.choices import MeetingKind
from ksr.networks.models import Network, NetworkMembership
from ksr.testing import unit


@pytest.fixture
def today():
    return timezone.localdate()


@pytest.fixture
def exited_case(cast, today):
    """A case of KIS Warszawa (case manager Bartek) whose six-month follow-up falls due today."""
    case = open_case(cast)
    case_services.do_start_participation(case, actor=cast.case_manager, admitted_on=today - dt.timedelta(days=400))
    case_services.do_exit_case(
        case, actor=cast.case_manager, reason=ExitReason.EMPLOYED, exited_on=today - dt.timedelta(days=200)
    )
    case.follow_up.due_on = today
    case.follow_up.save(update_fields=["due_on"])
    return case


@pytest.fixture
def class_today(cast, today):
    edition = Edition.objects.create(
        organisation=cast.kis_waw,
        name="Program reintegracji",
        starts_on=today - dt.timedelta(days=60),
        ends_on=today + dt.timedelta(days=120),
    )
    return Activity.objects.create(
        edition=edition, date=today, topic="Trening komunikacji", hours=Decimal(3), mode=Mode.GROUP, leader="C. P."
    )


@pytest.fixture
def meeting_today(cast, today):
    network = Network.objects.create(
        name="LSR Warszawa", level="local", territory=unit("1465011"), main_node=cast.kis_waw
    )
    NetworkMembership.objects.create(network=network, organisation=cast.library_waw, joined_on=dt.date(2025, 1, 1))
    forum = cooperation_services.do_create_forum(network, actor=cast.coordinator)
    return cooperation_services.do_plan_meeting(
        forum,
        {"kind": MeetingKind.STRATEGIC, "title": "Forum wiosenne", "planned_on": today},
        agenda=["Plan pracy"],
        actor=cast.coordinator,
    )
