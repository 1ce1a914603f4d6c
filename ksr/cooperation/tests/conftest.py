import datetime as dt

import pytest

from ksr.cooperation import services
from ksr.cooperation.choices import MeetingKind, RepresentativeRole
from ksr.networks.models import Network, NetworkMembership
from ksr.testing import unit


@pytest.fixture
def lsr(cast):
    """An LSR in Warsaw: main node KIS Warszawa, members the library and the MOPS."""
    network = Network.objects.create(
        name="LSR Warszawa", level="local", territory=unit("1465011"), main_node=cast.kis_waw
    )
    for org in (cast.kis_waw, cast.library_waw, cast.ops_waw):
        NetworkMembership.objects.create(network=network, organisation=org, joined_on=dt.date(2025, 1, 1))
    return network


@pytest.fixture
def forum(lsr, cast):
    forum = services.do_create_forum(lsr, actor=cast.coordinator)
    for org in (cast.kis_waw, cast.library_waw, cast.ops_waw):
        for role in RepresentativeRole:
            services.do_add_representative(
                forum,
                {
                    "organisation": org,
                    "role": role,
                    "name": f"{org.name} {role}",
                    "email": f"{org.pk}.{role}@example.org",
                },
                actor=cast.coordinator,
            )
    return forum


def held_meeting(forum, actor, *, kind=MeetingKind.STRATEGIC, held_on=None, representatives=(), **report):
    held_on = held_on or dt.date.today() - dt.timedelta(days=3)
    meeting = services.do_plan_meeting(
        forum, {"kind": kind, "title": "Posiedzenie", "planned_on": held_on}, agenda=["Sprawozdanie"], actor=actor
    )
    data = {"held_on": held_on, "minutes": "Protokół.", **report}
    return services.do_record_meeting_held(meeting, data, representatives=representatives, actor=actor)
