"""Fixtures of the catalogue tests: the Warsaw KIS's LSR with the library as partner, cases."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest

from ksr.cases.choices import CaseStatus
from ksr.cases.models import Case, Participant
from ksr.catalogue.choices import Dimension, Mode, OfferKind, ServiceArea, ServiceForm, ServiceType
from ksr.catalogue.models import Edition, Offer, Service
from ksr.networks.choices import NetworkLevel
from ksr.networks.models import Network, NetworkMembership
from ksr.testing import unit

START = dt.date(2026, 1, 1)


def make_case(organisation: Any, first: str = "Jan", last: str = "Kowalski", status: str = CaseStatus.ACTIVE) -> Case:
    participant = Participant.objects.create(organisation=organisation, first_name=first, last_name=last)
    return Case.objects.create(
        participant=participant, organisation=organisation, status=status, opened_on=START, admitted_on=START
    )


@pytest.fixture
def lsr(cast: Any) -> Network:
    network = Network.objects.create(
        name="LSR Warszawa", level=NetworkLevel.LOCAL, territory=unit("1465011"), main_node=cast.kis_waw
    )
    NetworkMembership.objects.create(network=network, organisation=cast.library_waw, joined_on=START)
    return network


@pytest.fixture
def case(cast: Any) -> Case:
    return make_case(cast.kis_waw)


@pytest.fixture
def other_case(cast: Any) -> Case:
    return make_case(cast.kis_krk, "Zofia", "Krakowska")


def service_data(**extra: Any) -> dict[str, Any]:
    data = {
        "name": "Warsztaty rękodzieła",
        "service_type": ServiceType.BUILDING,
        "dimension": Dimension.PROMOTIONAL,
        "area": ServiceArea.CULTURE,
        "form": ServiceForm.WORKSHOP,
        "mode": Mode.GROUP,
    }
    data.update(extra)
    return data


@pytest.fixture
def service(cast: Any) -> Service:
    return Service.objects.create(organisation=cast.kis_waw, provider=cast.kis_waw, **service_data())


@pytest.fixture
def offer(cast: Any, lsr: Network) -> Offer:
    return Offer.objects.create(
        organisation=cast.library_waw,
        holder=cast.kis_waw,
        title="Miejsca w klubie dyskusyjnym",
        kind=OfferKind.PLACES,
        area=ServiceArea.EDUCATION,
        capacity=2,
        available_from=START,
        available_to=dt.date(2026, 12, 31),
    )


@pytest.fixture
def edition(cast: Any) -> Edition:
    return Edition.objects.create(
        organisation=cast.kis_waw, name="Edycja 2026", starts_on=START, ends_on=dt.date(2026, 6, 30)
    )


def hours(value: str) -> Decimal:
    return Decimal(value)
