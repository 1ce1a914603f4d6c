"""Shared set-up of the participant flow tests (issue 4): the KIS's local network and its partners.

Set-up data only (the LSR, the partners, the catalogue and the partner offers) is created through
the services here; the flow itself is driven through the pages (browser test) or the API.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.utils import timezone
from django_otp.oath import TOTP, totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from ksr.accounts.choices import Role
from ksr.catalogue import services as catalogue
from ksr.catalogue.models import Edition, Offer, Service
from ksr.networks import services as networks
from ksr.networks.models import Network
from ksr.registry.choices import NEW_PROFILE_SECTORS, SectorCode
from ksr.registry.choices import OrganisationKind as K
from ksr.registry.models import Organisation, Sector
from ksr.testing import Cast, OrganisationFactory, build_cast, member, unit

# A valid PESEL (born 1985-03-12, male) and one for the refused referral.
PESEL = "85031212343"
PESEL_REFUSED = "90010112349"
FIRST_NAME, LAST_NAME = "Tomasz", "Wiśniewski"
REFUSED_FIRST_NAME, REFUSED_LAST_NAME = "Jerzy", "Zieliński"
HEALTH_NOTE = "Po terapii odwykowej w 2024 r."
STREET = "ul. Grochowska 112 m. 7"


@dataclass
class World:
    cast: Cast
    lsr: Network
    library: Organisation
    culture: Organisation
    sport: Organisation
    health: Organisation
    reading_club: Service  # education, provided by the library (a partner)
    offers: dict[str, Offer]  # area → offer (culture, sport, health)
    edition: Edition
    today: dt.date


def ensure_sectors() -> None:
    """Sector rows come from a migration; transactional tests flush them, so put them back."""
    for position, code in enumerate(SectorCode.values):
        Sector.objects.get_or_create(code=code, defaults={"position": position})


def build_world() -> World:
    """The cast, an LSR with the KIS Warszawa as main node and four partner institutions, the
    KIS's catalogue (a reading club run by the library), offers of the three other partners and
    a programme edition."""
    ensure_sectors()
    cast = build_cast()
    today = timezone.localdate()
    waw = unit("1465011")
    culture = OrganisationFactory(name="Dom Kultury Praga", kind=K.CULTURE_INSTITUTION, seat=waw)
    sport = OrganisationFactory(name="Ośrodek Sportu i Rekreacji Praga", kind=K.SPORT_CENTRE, seat=waw)
    health = OrganisationFactory(name="Przychodnia Zdrowia Praga", kind=K.HEALTH_FACILITY, seat=waw)
    for org, codes in (
        (cast.library_waw, [SectorCode.EDUCATION, SectorCode.CULTURE]),
        (culture, [SectorCode.CULTURE]),
        (sport, [SectorCode.SPORT]),
        (health, [SectorCode.HEALTH]),
    ):
        org.sectors.set(Sector.objects.filter(code__in=codes))
    lsr = networks.do_create_network(
        {
            "name": "LSR Warszawa-Praga",
            "level": "local",
            "territory": waw,
            "main_node": cast.kis_waw,
            "creation_variant": "civic",
            "civic_leaders": "Dyrektorka biblioteki i kierowniczka KIS",
            "established_on": today - dt.timedelta(days=400),
        },
        actor=cast.admin,
    )
    for org in (cast.library_waw, culture, sport, health):
        networks.do_add_member(lsr, org, joined_on=today - dt.timedelta(days=300), actor=cast.admin)

    reading_club = catalogue.do_create_service(
        cast.kis_waw,
        {
            "name": "Dyskusyjny klub książki",
            "description": "Spotkania czytelnicze w bibliotece.",
            "service_type": "building",
            "dimension": "promotional",
            "area": "education",
            "form": "workshop",
            "mode": "group",
            "provider": cast.library_waw,
        },
        actor=cast.kis_manager,
    )
    offers = {}
    for org, area, title, username in (
        (culture, "culture", "Warsztaty teatralne", "kultura"),
        (sport, "sport", "Basen i siłownia", "sport"),
        (health, "health", "Badania profilaktyczne", "zdrowie"),
    ):
        representative = member(username, org, Role.PARTNER_REPRESENTATIVE)
        offers[area] = catalogue.do_create_offer(
            org,
            {
                "holder": cast.kis_waw,
                "title": title,
                "description": "",
                "kind": "places",
                "area": area,
                "capacity": 10,
                "available_from": today - dt.timedelta(days=30),
                "available_to": today + dt.timedelta(days=300),
            },
            actor=representative,
        )
    edition = catalogue.do_create_edition(
        cast.kis_waw,
        {
            "name": "Edycja 2026",
            "starts_on": today - dt.timedelta(days=30),
            "ends_on": today + dt.timedelta(days=200),
            "needs_diagnosis": "Potrzeby zdiagnozowane w ankiecie rekrutacyjnej.",
        },
        actor=cast.kis_manager,
    )
    assert set(NEW_PROFILE_SECTORS) == {"education", "culture", "health", "sport"}
    return World(
        cast=cast,
        lsr=lsr,
        library=cast.library_waw,
        culture=culture,
        sport=sport,
        health=health,
        reading_club=reading_club,
        offers=offers,
        edition=edition,
        today=today,
    )


def give_device(user: Any) -> TOTPDevice:
    """A confirmed TOTP device, as if the user had set up an authenticator app."""
    return TOTPDevice.objects.create(user=user, name="Aplikacja", confirmed=True)


def current_code(user: Any) -> str:
    """The code the user's authenticator app shows now (one step ahead if now was already used)."""
    device = TOTPDevice.objects.get(user=user, confirmed=True)
    now = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift).t()
    offset = max(0, device.last_t - now + 1)
    value = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=offset)
    return f"{value:06d}"
