import datetime as dt

import pytest

from ksr.networks import services
from ksr.registry.choices import OrganisationKind as K
from ksr.registry.models import Sector
from ksr.testing import OrganisationFactory, unit


@pytest.fixture
def kowr(cast):
    return OrganisationFactory(
        name="KOWR", kind=K.NATIONAL_CENTRE, operating_level="national", parent=cast.ministry, seat=unit("1465011")
    )


@pytest.fixture
def rowr(cast):
    return OrganisationFactory(
        name="ROWR Mazowsze", kind=K.REGIONAL_CENTRE, operating_level="regional", parent=cast.rops_maz
    )


@pytest.fixture
def ksr(cast, kowr):
    return services.do_create_network({"name": "KSR", "level": "national", "main_node": kowr}, actor=cast.admin)


@pytest.fixture
def rsr(cast, rowr, ksr):
    return services.do_create_network(
        {"name": "RSR Mazowsze", "level": "regional", "territory": unit("14"), "main_node": rowr, "parent": ksr},
        actor=cast.admin,
    )


@pytest.fixture
def lsr(cast, rsr):
    return services.do_create_network(
        {
            "name": "LSR Warszawa",
            "level": "local",
            "territory": unit("1465011"),
            "main_node": cast.kis_waw,
            "parent": rsr,
            "creation_variant": "civic",
            "civic_leaders": "Dyrektorka biblioteki i proboszcz",
            "established_on": dt.date(2025, 1, 1),
        },
        actor=cast.admin,
    )


def type_c(name, *sector_codes, kind=K.LIBRARY):
    org = OrganisationFactory(name=name, kind=kind)
    org.sectors.set(Sector.objects.filter(code__in=sector_codes))
    return org


@pytest.fixture
def four_sector_members(cast, lsr):
    """Type C members covering education, culture, health and sport."""
    orgs = [
        type_c("Biblioteka", "education", "culture"),
        type_c("Przychodnia", "health", kind=K.HEALTH_FACILITY),
        type_c("OSiR", "sport", kind=K.SPORT_CENTRE),
    ]
    for org in orgs:
        services.do_add_member(lsr, org, joined_on=dt.date(2025, 2, 1), actor=cast.admin)
    return orgs
