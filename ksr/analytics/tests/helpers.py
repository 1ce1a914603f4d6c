"""Test data for analytics: networks with members, built directly (the networks app owns its services)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from ksr.networks.models import Network, NetworkMembership
from ksr.registry.models import Organisation, Sector
from ksr.testing import OrganisationFactory, unit

JOINED = dt.date(2026, 1, 10)


def network(
    name: str, main_node: Organisation, *, level: str = "local", territory: str = "1465011", **extra: Any
) -> Network:
    return Network.objects.create(name=name, level=level, territory=unit(territory), main_node=main_node, **extra)


def add_members(net: Network, organisations: Iterable[Organisation], **extra: Any) -> None:
    for org in organisations:
        NetworkMembership.objects.create(network=net, organisation=org, joined_on=JOINED, **extra)


def org(name: str, kind: str = "association", sectors: Iterable[str] = (), seat: str = "1465011") -> Organisation:
    organisation = OrganisationFactory(name=name, kind=kind, seat=unit(seat))
    for code in sectors:
        organisation.sectors.add(Sector.objects.get_or_create(code=code)[0])
    return organisation  # type: ignore[no-any-return]


def static_source(tie_type: str, rows: list[tuple[int, int, int]]) -> Any:
    from ksr.analytics.graph import TieSource

    return TieSource(tie_type, lambda network_ids: rows)
