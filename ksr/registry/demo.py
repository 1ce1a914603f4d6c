"""The foundation demo: organisations, their people and the demo accounts of two voivodeships.

Registered with ``ksr.core.demo.register_foundation`` in ``RegistryConfig.ready()``; the apps'
demos build on it. A domain app that adds something to every demo gmina (the registers enter the
KIS and CIS) registers a step with ``register_gmina_step`` in its own ``ready()``.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from typing import Any

from ksr.accounts.choices import Role
from ksr.accounts.models import Membership, User
from ksr.accounts.services import do_grant_membership
from ksr.core.demo import DEMO_PASSWORD, FIRST_NAMES, LAST_NAMES, STREETS, DemoResult, _female, nip, regon
from ksr.registry.choices import OperatingLevel, OrganisationKind, SectorCode, StaffFunction
from ksr.registry.models import Organisation, Sector
from ksr.registry.services import do_create_organisation, do_create_person
from ksr.territory.models import TerritorialUnit

VOIVODESHIPS = ("14", "12")
GMINAS_PER_VOIVODESHIP = 6
K = OrganisationKind
S = SectorCode

GminaStep = Callable[..., None]
"""``step(builder, *, gmina, office, ops, kis, within_ops, number)``: adds an app's data to one demo gmina."""
_gmina_steps: list[GminaStep] = []


def register_gmina_step(step: GminaStep) -> None:
    """Run ``step`` for every demo gmina, after its organisations (registering again is a no-op)."""
    if step not in _gmina_steps:
        _gmina_steps.append(step)


def build(seed: int, scale: int) -> DemoResult:
    """The foundation demo (``ksr.core.demo.register_foundation``); deterministic for a given seed."""
    return DemoBuilder(seed, scale).build()


class DemoBuilder:
    """The foundation demo: the organisations, people and accounts of two voivodeships."""

    def __init__(self, seed: int, scale: int) -> None:
        # Deterministic demo data, not security: a seeded PRNG is what we want here.
        self.rng = random.Random(seed)  # noqa: S311
        self.scale = max(1, scale)
        self.result = DemoResult()
        self.krs_counter = 100000 + seed * 1000
        self.actor = self.result.actor = self._admin()
        self.sectors = {sector.code: sector for sector in Sector.objects.all()}

    @staticmethod
    def _admin() -> User:
        """The demo administrator, who writes the whole demo."""
        admin, _ = User.objects.get_or_create(
            username="admin",
            defaults={"first_name": "Ada", "last_name": "Administratorka", "is_staff": True, "is_superuser": True},
        )
        admin.set_password(DEMO_PASSWORD)
        admin.save()
        return admin

    # --- helpers -------------------------------------------------------------------------
    def org(
        self,
        name: str,
        kind: str,
        seat: TerritorialUnit,
        *,
        sectors: tuple[str, ...] | list[str] = (),
        level: str = OperatingLevel.LOCAL,
        krs: bool = False,
        area: list[TerritorialUnit] | None = None,
        **extra: Any,
    ) -> Organisation:
        self.krs_counter += 1
        data: dict[str, Any] = {
            "name": name,
            "kind": kind,
            "seat": seat,
            "operating_level": level,
            "nip": nip(self.rng),
            "regon": regon(self.rng),
            "krs": f"{self.krs_counter:010d}" if krs else "",
            "street": f"ul. {self.rng.choice(STREETS)} {self.rng.randint(1, 60)}",
            "postal_code": f"{self.rng.randint(0, 9)}{self.rng.randint(0, 9)}-{self.rng.randint(100, 999)}",
            "city": seat.name,
            "email": f"kontakt{self.result.organisations + 1}@example.gov.pl",
            "phone": f"+48 22 {self.rng.randint(100, 999)} {self.rng.randint(10, 99)} {self.rng.randint(10, 99)}",
            "sectors": [self.sectors[code] for code in sectors],
            "area": area if area is not None else [seat],
            **extra,
        }
        organisation = do_create_organisation(data, actor=self.actor)
        self.result.organisations += 1
        return organisation

    def people(self, organisation: Organisation, functions: list[str]) -> None:
        for function in functions:
            female = self.rng.random() < 0.7
            first = self.rng.choice(FIRST_NAMES[:8] if female else FIRST_NAMES[8:])
            last = self.rng.choice(LAST_NAMES)
            do_create_person(
                organisation,
                {
                    "first_name": first,
                    "last_name": _female(last) if female else last,
                    "function": function,
                    "is_representative": function in {StaffFunction.HEAD, StaffFunction.SUBSTANTIVE},
                    "email": f"osoba{self.result.people + 1}@example.gov.pl",
                    "fte": "1.00",
                },
                actor=self.actor,
            )
            self.result.people += 1

    def user(self, username: str, organisation: Organisation, role: str, first: str, last: str, **extra: Any) -> User:
        user, _ = User.objects.get_or_create(
            username=username,
            defaults={"first_name": first, "last_name": last, "email": f"{username}@example.gov.pl", **extra},
        )
        user.set_password(DEMO_PASSWORD)
        user.save()
        if not Membership.objects.filter(user=user, organisation=organisation, role=role).exists():
            do_grant_membership(user=user, organisation=organisation, role=role, actor=self.actor)
        self.result.users.append((username, str(Role(role).label), organisation.name))
        return user

    # --- the network ---------------------------------------------------------------------
    def build(self) -> DemoResult:
        units = {u.code: u for u in TerritorialUnit.objects.filter(code__in=("14", "12", "1465", "1465011", "1261011"))}
        if len(units) < 5:
            raise RuntimeError(
                "Load the TERYT register first: manage.py load_teryt data/teryt/TERC_Urzedowy_2022-01-01.csv"
            )
        warsaw = units["1465011"]
        ministry = self.org(
            "Departament Ekonomii Społecznej i Solidarnej MRPiPS",
            K.MINISTRY_DEPARTMENT,
            warsaw,
            level=OperatingLevel.NATIONAL,
            sectors=[S.SOCIAL_ASSISTANCE, S.LABOUR_MARKET],
        )
        kowr = self.org(
            "Krajowy Ośrodek Współpracy na rzecz Reintegracji",
            K.NATIONAL_CENTRE,
            warsaw,
            level=OperatingLevel.NATIONAL,
            sectors=[S.SOCIAL_ASSISTANCE],
            parent=ministry,
        )
        osar = self.org(
            "Ośrodek Sektorowej Animacji Reintegracji",
            K.ANIMATION_CENTRE,
            warsaw,
            level=OperatingLevel.NATIONAL,
            sectors=[S.SOCIAL_ASSISTANCE, S.EDUCATION],
        )
        self.user("admin", ministry, Role.SYSTEM_ADMIN, "Ada", "Administratorka")
        self.user("krajowy", kowr, Role.NATIONAL_ANALYST, "Jan", "Krajewski")
        # A member of OSAR, who prepares the regional animators (animation pages everywhere).
        self.user("osar", osar, Role.NATIONAL_ANALYST, "Olga", "Animacyjna")
        for index, code in enumerate(VOIVODESHIPS):
            self.region(units[code], first=index == 0)
        return self.result

    def region(self, voivodeship: TerritorialUnit, *, first: bool) -> None:
        capital_code = {"14": "1465011", "12": "1261011"}[voivodeship.code]
        capital = TerritorialUnit.objects.get(code=capital_code)
        label = {"14": "Mazowiecki", "12": "Małopolski"}[voivodeship.code]
        R = OperatingLevel.REGIONAL
        region_area = list(TerritorialUnit.objects.powiats().current().filter(code__startswith=voivodeship.code))
        voivode = self.org(f"{label} Urząd Wojewódzki", K.VOIVODE_OFFICE, capital, level=R, area=region_area)
        self.org(
            f"Urząd Marszałkowski Województwa {label.replace('ki', 'kiego')}",
            K.MARSHAL_OFFICE,
            capital,
            level=R,
            area=region_area,
        )
        rops = self.org(
            f"Regionalny Ośrodek Polityki Społecznej – {label}",
            K.ROPS,
            capital,
            level=R,
            sectors=[S.SOCIAL_ASSISTANCE],
            area=region_area,
        )
        rowr = self.org(
            f"Regionalny Ośrodek Współpracy na rzecz Reintegracji – {label}",
            K.REGIONAL_CENTRE,
            capital,
            level=R,
            sectors=[S.SOCIAL_ASSISTANCE],
            parent=rops,
            area=region_area,
        )
        self.org(
            f"Wojewódzki Urząd Pracy – {label}", K.WUP, capital, level=R, sectors=[S.LABOUR_MARKET], area=region_area
        )
        self.people(rops, [StaffFunction.HEAD, StaffFunction.SUBSTANTIVE, StaffFunction.COORDINATOR])
        suffix = voivodeship.code
        self.user(f"rejestr{suffix}", voivode, Role.REGISTER_OFFICER, "Irena", "Wojewódzka")
        self.user(f"analityk{suffix}", rops, Role.REGIONAL_ANALYST, "Henryk", "Regionalny")
        self.user(f"animator{suffix}", rowr, Role.REGIONAL_ANIMATOR, "Grażyna", "Animatorska")

        gminas = list(
            TerritorialUnit.objects.gminas().current().filter(code__startswith=voivodeship.code).order_by("code")
        )
        chosen = [
            capital,
            *self.rng.sample([g for g in gminas if g.pk != capital.pk], GMINAS_PER_VOIVODESHIP * self.scale - 1),
        ]
        powiats_done: set[str] = set()
        for number, gmina in enumerate(chosen):
            if gmina.code[:4] not in powiats_done:
                powiats_done.add(gmina.code[:4])
                self.powiat(gmina)
            self.gmina(gmina, voivode=voivode, users=first and number == 0, suffix=suffix, number=number)

    def powiat(self, gmina: TerritorialUnit) -> None:
        powiat = gmina.parent
        if powiat is None:
            raise RuntimeError(f"gmina {gmina.code} has no powiat; reload the TERYT register")
        name = powiat.name
        self.org(f"Powiatowy Urząd Pracy – {name}", K.PUP, gmina, sectors=[S.LABOUR_MARKET], area=[powiat])
        self.org(
            f"Powiatowe Centrum Pomocy Rodzinie – {name}", K.PCPR, gmina, sectors=[S.SOCIAL_ASSISTANCE], area=[powiat]
        )

    def gmina(self, gmina: TerritorialUnit, *, voivode: Organisation, users: bool, suffix: str, number: int) -> None:
        name = gmina.name
        office = self.org(f"Urząd Gminy {name}", K.GMINA_OFFICE, gmina)
        ops = self.org(f"Ośrodek Pomocy Społecznej Gminy {name}", K.OPS, gmina, sectors=[S.SOCIAL_ASSISTANCE])
        self.people(ops, [StaffFunction.HEAD, StaffFunction.SOCIAL_WORKER, StaffFunction.SOCIAL_WORKER])
        within_ops = self.rng.random() < 0.6
        kis = self.org(
            f"Klub Integracji Społecznej Gminy {name}",
            K.KIS,
            gmina,
            sectors=[S.SOCIAL_ASSISTANCE, S.EDUCATION, S.CULTURE],
            parent=ops if within_ops else None,
        )
        self.people(
            kis,
            [
                StaffFunction.MANAGER,
                StaffFunction.CASE_MANAGER,
                StaffFunction.PSYCHOLOGIST,
                StaffFunction.VOCATIONAL_ADVISER,
                StaffFunction.PEDAGOGUE,
            ],
        )
        library = self.org(f"Biblioteka Publiczna Gminy {name}", K.LIBRARY, gmina, sectors=[S.CULTURE, S.EDUCATION])
        self.org(f"Gminny Ośrodek Kultury – {name}", K.CULTURE_INSTITUTION, gmina, sectors=[S.CULTURE])
        self.org(f"Szkoła Podstawowa nr 1 – {name}", K.SCHOOL, gmina, sectors=[S.EDUCATION])
        self.org(f"Ośrodek Sportu i Rekreacji – {name}", K.SPORT_CENTRE, gmina, sectors=[S.SPORT])
        self.org(f"Przychodnia Zdrowia – {name}", K.HEALTH_FACILITY, gmina, sectors=[S.HEALTH])
        ngo_main = self.rng.random() < 0.5
        self.org(
            f"Stowarzyszenie „Razem” – {name}",
            K.ASSOCIATION,
            gmina,
            krs=True,
            sectors=[S.SOCIAL_ASSISTANCE] if ngo_main else [S.SPORT, S.CULTURE],
            reintegration_goal="main" if ngo_main else "",
        )
        self.org(f"Fundacja „Zdrowie i Ruch” – {name}", K.FOUNDATION, gmina, krs=True, sectors=[S.HEALTH, S.SPORT])
        self.org(
            f"Spółdzielnia Socjalna „Nowy Start” – {name}", K.SOCIAL_COOPERATIVE, gmina, krs=True, sectors=[S.BUSINESS]
        )
        self.org(f"Zakład Usług Komunalnych – {name}", K.EMPLOYER, gmina, sectors=[S.BUSINESS], offers_internships=True)
        self.org(f"Parafia Rzymskokatolicka – {name}", K.CHURCH_ENTITY, gmina, sectors=[S.OTHER])

        for step in _gmina_steps:
            step(self, gmina=gmina, office=office, ops=ops, kis=kis, within_ops=within_ops, number=number)
        if users:
            self.user("kierownik", kis, Role.ENTITY_MANAGER, "Alicja", "Kierownicka")
            self.user("casemanager", kis, Role.CASE_MANAGER, "Bartosz", "Opiekuński")
            self.user("specjalista", kis, Role.SPECIALIST, "Celina", "Psycholożka")
            self.user("koordynator", kis, Role.LSR_COORDINATOR, "Filip", "Sieciowy")
            self.user("ops", ops, Role.OPS_SOCIAL_WORKER, "Edward", "Socjalny")
            self.user("partner", library, Role.PARTNER_REPRESENTATIVE, "Dorota", "Biblioteczna")
        self.managers(gmina)

    def managers(self, gmina: TerritorialUnit) -> None:
        """A manager account (``kierownik-<id>``, the demo password) for every KIS and CIS of the gmina
        that has none yet, so that every club and centre of the demo can be tried from the inside."""
        for holder in Organisation.objects.filter(seat=gmina, kind__in=(K.KIS, K.CIS)).order_by("pk"):
            if Membership.objects.filter(organisation=holder, role=Role.ENTITY_MANAGER).exists():
                continue
            female = holder.pk % 3 != 0
            first = FIRST_NAMES[holder.pk % 8] if female else FIRST_NAMES[8 + holder.pk % (len(FIRST_NAMES) - 8)]
            last = LAST_NAMES[holder.pk % len(LAST_NAMES)]
            self.user(f"kierownik-{holder.pk}", holder, Role.ENTITY_MANAGER, first, _female(last) if female else last)
