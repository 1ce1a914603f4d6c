"""Phases of the institutional layer: territory, organisations, staff, registers, networks,
partnerships, forums and the catalogue with its class diary."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management import call_command

from ksr.accounts.choices import Role
from ksr.accounts.models import Membership, User
from ksr.audit.choices import AuditAction
from ksr.catalogue.choices import Dimension, Mode, OfferKind, ServiceArea, ServiceForm, ServiceType
from ksr.catalogue.models import Activity, Edition, Offer, Service
from ksr.cooperation import choices as coopc
from ksr.cooperation import models as coop
from ksr.core.text import fold
from ksr.dataset.base import START, Holder, Org, Run, add_months, stamp
from ksr.dataset.identifiers import full_name
from ksr.networks import choices as netc
from ksr.networks import models as net
from ksr.partnerships import choices as partc
from ksr.partnerships import models as part
from ksr.partnerships.choices import TaskStatus as PartnershipTaskStatus
from ksr.registers.choices import CreationMode, EntityKind, EntryStatus, StrikeOffReason
from ksr.registers.models import RegisterEntry
from ksr.registry.choices import (
    DEFAULT_GOAL,
    GOAL_TO_TYPE,
    OperatingLevel,
    OrganisationKind,
    ReintegrationGoal,
    StaffFunction,
)
from ksr.registry.models import Organisation, Person
from ksr.territory.choices import UnitLevel
from ksr.territory.models import TerritorialUnit

K = OrganisationKind
TERYT_FILE = Path(settings.BASE_DIR) / "data" / "teryt" / "TERC_Urzedowy_2022-01-01.csv"
KRS_KINDS = {K.ASSOCIATION, K.FOUNDATION, K.SOCIAL_COOPERATIVE, K.CHURCH_ENTITY}
NAMES: dict[str, str] = {
    K.KIS: "Klub Integracji Społecznej w {g}",
    K.CIS: "Centrum Integracji Społecznej w {g}",
    K.OPS: "Ośrodek Pomocy Społecznej w {g}",
    K.GMINA_OFFICE: "Urząd Gminy {g}",
    K.PUP: "Powiatowy Urząd Pracy w {g}",
    K.PCPR: "Powiatowe Centrum Pomocy Rodzinie w {g}",
    K.POWIAT_OFFICE: "Starostwo Powiatowe w {g}",
    K.ROPS: "Regionalny Ośrodek Polityki Społecznej w {g}",
    K.REGIONAL_CENTRE: "Regionalny Ośrodek Współpracy Reintegracyjnej w {g}",
    K.WUP: "Wojewódzki Urząd Pracy w {g}",
    K.VOIVODE_OFFICE: "Urząd Wojewódzki w {g}",
    K.MARSHAL_OFFICE: "Urząd Marszałkowski w {g}",
    K.SOCIAL_COOPERATIVE: "Spółdzielnia Socjalna „{w}” w {g}",
    K.ASSOCIATION: "Stowarzyszenie „{w}” w {g}",
    K.FOUNDATION: "Fundacja „{w}” w {g}",
    K.CULTURE_INSTITUTION: "Gminny Ośrodek Kultury w {g}",
    K.LIBRARY: "Biblioteka Publiczna w {g}",
    K.SCHOOL: "Szkoła Podstawowa nr {n} w {g}",
    K.HEALTH_FACILITY: "Samodzielny Publiczny Zakład Opieki Zdrowotnej w {g}",
    K.SPORT_CENTRE: "Ośrodek Sportu i Rekreacji w {g}",
    K.EMPLOYER: "Przedsiębiorstwo „{w}” sp. z o.o. w {g}",
    K.CHURCH_ENTITY: "Parafia pw. św. {w} w {g}",
    K.OTHER: "Lokalna Grupa Działania „{w}” w {g}",
}
WORDS = [
    "Nadzieja",
    "Razem",
    "Przystań",
    "Most",
    "Horyzont",
    "Wspólnota",
    "Zielona",
    "Dolina",
    "Promyk",
    "Krok",
    "Dalej",
    "Szansa",
    "Tęcza",
    "Dobry",
    "Start",
]
LOCAL_PARTNER_KINDS = (K.SCHOOL, K.LIBRARY, K.ASSOCIATION, K.FOUNDATION, K.CULTURE_INSTITUTION, K.EMPLOYER)
FILLER_KINDS = (
    (K.ASSOCIATION, 30),
    (K.FOUNDATION, 12),
    (K.SCHOOL, 18),
    (K.SOCIAL_COOPERATIVE, 8),
    (K.EMPLOYER, 12),
    (K.LIBRARY, 6),
    (K.CULTURE_INSTITUTION, 5),
    (K.HEALTH_FACILITY, 3),
    (K.SPORT_CENTRE, 3),
    (K.CHURCH_ENTITY, 2),
    (K.OTHER, 1),
)
LEVEL_OF: dict[str, str] = {
    K.ROPS: OperatingLevel.REGIONAL,
    K.WUP: OperatingLevel.REGIONAL,
    K.REGIONAL_CENTRE: OperatingLevel.REGIONAL,
    K.VOIVODE_OFFICE: OperatingLevel.REGIONAL,
    K.MARSHAL_OFFICE: OperatingLevel.REGIONAL,
    K.NATIONAL_CENTRE: OperatingLevel.NATIONAL,
    K.ANIMATION_CENTRE: OperatingLevel.NATIONAL,
    K.MINISTRY_DEPARTMENT: OperatingLevel.NATIONAL,
}
SECTORS_OF: dict[str, list[str]] = {
    K.SCHOOL: ["education"],
    K.LIBRARY: ["culture", "education"],
    K.CULTURE_INSTITUTION: ["culture"],
    K.HEALTH_FACILITY: ["health"],
    K.SPORT_CENTRE: ["sport"],
    K.EMPLOYER: ["business"],
    K.SOCIAL_COOPERATIVE: ["business", "social_assistance"],
    K.OPS: ["social_assistance"],
    K.KIS: ["social_assistance", "labour_market"],
    K.CIS: ["social_assistance", "labour_market"],
    K.PUP: ["labour_market"],
    K.ASSOCIATION: ["social_assistance", "culture", "ecology"],
    K.FOUNDATION: ["education", "health"],
}


# --- territory ----------------------------------------------------------------------------------


def territory(run: Run) -> None:
    if not TerritorialUnit.objects.exists():
        call_command("load_teryt", str(TERYT_FILE), verbosity=0)
    units = list(TerritorialUnit.objects.current().order_by("code"))
    run.voivodeships = [u for u in units if u.level == UnitLevel.VOIVODESHIP]  # type: ignore[attr-defined]
    run.powiats = [u for u in units if u.level == UnitLevel.POWIAT]  # type: ignore[attr-defined]
    run.gminas = [u for u in units if u.level == UnitLevel.GMINA]  # type: ignore[attr-defined]
    run.unit_by_code = {u.code: u for u in units}  # type: ignore[attr-defined]
    run.gminas_of_powiat = {}  # type: ignore[attr-defined]
    for gmina in run.gminas:  # type: ignore[attr-defined]
        run.gminas_of_powiat.setdefault(gmina.code[:4], []).append(gmina)  # type: ignore[attr-defined]
    # The seat of each voivodeship's institutions: its first urban gmina (kind 1) in code order.
    run.capital = {}  # type: ignore[attr-defined]
    for gmina in run.gminas:  # type: ignore[attr-defined]
        run.capital.setdefault(gmina.code[:2], gmina)  # type: ignore[attr-defined]
    warsaw = run.unit_by_code.get("1465011")  # type: ignore[attr-defined]
    if warsaw is not None:
        run.capital["14"] = warsaw  # type: ignore[attr-defined]


# --- organisations --------------------------------------------------------------------------------


def _organisation(run: Run, rng: Any, kind: str, gmina: Any, *, parent: int | None = None, **extra: Any) -> Org:
    table = run.table(Organisation)
    number = table.next_id
    name = NAMES.get(kind, "Instytucja {w} w {g}").format(g=gmina.name, w=rng.choice(WORDS), n=number % 40 + 1)
    if kind == K.ROPS and gmina.code[:2] == "14":
        name = name  # the same pattern everywhere
    goal = ""
    if kind in (K.ASSOCIATION, K.FOUNDATION) and rng.random() < 0.15:
        goal = ReintegrationGoal.MAIN
    elif kind in (K.SCHOOL, K.LIBRARY, K.CULTURE_INSTITUTION) and rng.random() < 0.2:
        goal = ReintegrationGoal.ONE_OF
    effective = goal or DEFAULT_GOAL.get(kind, ReintegrationGoal.NONE)
    level = LEVEL_OF.get(kind, OperatingLevel.LOCAL)
    org_id = table.add(
        name=name,
        short_name="",
        name_folded=fold(name),
        kind=kind,
        reintegration_goal=goal,
        stakeholder_type=GOAL_TO_TYPE[effective],
        operating_level=level,
        seat_id=gmina.pk,
        parent_id=parent,
        street=f"ul. {rng.choice(WORDS)} {rng.randint(1, 120)}",
        postal_code=f"{rng.randint(0, 99):02d}-{rng.randint(0, 999):03d}",
        city=gmina.name[:100],
        email=f"kontakt{number}@example.org",
        phone=f"+48 {rng.randint(12, 99)} {rng.randint(100, 999)} {rng.randint(10, 99)} {rng.randint(10, 99)}",
        website=f"https://org{number}.example.org",
        nip=run.ids.nip(),
        regon=run.ids.regon(),
        krs=run.ids.krs() if kind in KRS_KINDS else "",
        offers_internships=kind in (K.EMPLOYER, K.SOCIAL_COOPERATIVE) and rng.random() < 0.5,
        is_active=extra.get("is_active", True),
        notes="",
        created_at=stamp(START - dt.timedelta(days=rng.randint(30, 900))),
    )
    org = Org(org_id, kind, gmina, name, parent)
    run.orgs[org_id] = org
    run.by_kind[kind].append(org)
    run.by_gmina_kind[(gmina.code, kind)].append(org)
    run.by_powiat[gmina.code[:4]].append(org)
    through = run.table(Organisation.sectors.through)
    for sector in SECTORS_OF.get(kind, ["other"])[: rng.randint(1, 2)]:
        through.add(organisation_id=org_id, sector_id=sector)
    if kind in (K.PUP, K.PCPR, K.POWIAT_OFFICE):
        area = run.table(Organisation.area.through)
        area.add(organisation_id=org_id, territorialunit_id=run.unit_by_code[gmina.code[:4]].pk)  # type: ignore[attr-defined]
    elif kind in (K.KIS, K.CIS, K.OPS):
        run.table(Organisation.area.through).add(organisation_id=org_id, territorialunit_id=gmina.pk)
    # One or two people working there; the first represents the organisation.
    person = run.table(Person)
    for i in range(1 if kind not in (K.KIS, K.CIS, K.ROPS, K.REGIONAL_CENTRE, K.NATIONAL_CENTRE) else 3):
        first, last, _male = full_name(rng)
        run.people[org_id].append(
            person.add(
                organisation_id=org_id,
                first_name=first,
                last_name=last,
                function=rng.choice(StaffFunction.values),
                position="Kierownik" if i == 0 else "Specjalista",
                is_representative=i == 0,
                email=f"p{person.next_id}@example.org",
                fte=Decimal("1.00") if i == 0 else Decimal("0.50"),
                since=START - dt.timedelta(days=rng.randint(0, 2000)),
            )
        )
    return org


def organisations(run: Run) -> None:
    rng = run.rng("organisations")
    gminas = run.gminas  # type: ignore[attr-defined]
    total = run.n(20_000, 0)
    # National and regional institutions: always all of them.
    warsaw = run.capital["14"]  # type: ignore[attr-defined]
    run.national_centre = _organisation(run, rng, K.NATIONAL_CENTRE, warsaw)  # type: ignore[attr-defined]
    run.animation_centre = _organisation(run, rng, K.ANIMATION_CENTRE, warsaw)  # type: ignore[attr-defined]
    _organisation(run, rng, K.MINISTRY_DEPARTMENT, warsaw)
    for voivodeship in run.voivodeships:  # type: ignore[attr-defined]
        capital = run.capital[voivodeship.code]  # type: ignore[attr-defined]
        rops = _organisation(run, rng, K.ROPS, capital)
        _organisation(run, rng, K.REGIONAL_CENTRE, capital, parent=rops.id)
        for kind in (K.WUP, K.VOIVODE_OFFICE, K.MARSHAL_OFFICE):
            _organisation(run, rng, kind, capital)
    # KIS and CIS (about 450), each in its own gmina, with the OPS and gmina office there.
    holders = run.n(450, 4)
    closed = max(1, round(holders * 0.07))
    seats = rng.sample(gminas, min(holders, len(gminas)))
    for i, gmina in enumerate(seats):
        kind = K.KIS if i % 2 == 0 or i == 0 else K.CIS
        ops = _organisation(run, rng, K.OPS, gmina)
        _organisation(run, rng, K.GMINA_OFFICE, gmina)
        for partner in rng.sample(LOCAL_PARTNER_KINDS, 4):
            _organisation(run, rng, partner, gmina)
        is_closed = i >= holders - closed
        org = _organisation(run, rng, kind, gmina, parent=ops.id if kind == K.KIS else None, is_active=not is_closed)
        if is_closed:
            run.closed_holders.append(org)
    # Powiat institutions, then every other gmina's OPS and office, then the rest of the country.
    queue: list[tuple[str, Any]] = []
    for powiat in run.powiats:  # type: ignore[attr-defined]
        members = run.gminas_of_powiat.get(powiat.code)  # type: ignore[attr-defined]
        if members:
            queue += [(K.PUP, members[0]), (K.PCPR, members[0]), (K.POWIAT_OFFICE, members[0])]
    seated = {org.gmina.code for org in run.by_kind[K.OPS]}
    for gmina in gminas:
        if gmina.code not in seated:
            queue += [(K.OPS, gmina), (K.GMINA_OFFICE, gmina)]
    budget = total - len(run.orgs)
    # Powiat offices first (PUP matter for referrals), then a random half of the gminas' OPS.
    rng.shuffle(queue)
    queue.sort(key=lambda item: item[0] not in (K.PUP,))
    for queued, gmina in queue[: max(0, budget // 2)]:
        _organisation(run, rng, queued, gmina)
    kinds: list[str] = [filler for filler, weight in FILLER_KINDS for _ in range(weight)]
    while len(run.orgs) < total:
        _organisation(run, rng, rng.choice(kinds), rng.choice(gminas))


# --- staff ---------------------------------------------------------------------------------------


def _user(run: Run, username: str, org: int, role: str, *, since: dt.date = START) -> int:
    rng = run.rng(f"user:{username}")
    first, last, _male = full_name(rng)
    user_id = run.table(User).add(
        password=f"!generated-{username}",
        username=username,
        first_name=first,
        last_name=last,
        email=f"{username}@example.gov.pl",
        is_active=True,
        date_joined=stamp(since),
    )
    run.table(Membership).add(
        user_id=user_id, organisation_id=org, role=role, valid_from=since, created_at=stamp(since)
    )
    run.users[username] = user_id
    return user_id


def staff(run: Run) -> None:
    run.admin_user = _user(run, "gen-admin", run.national_centre.id, Role.SYSTEM_ADMIN)  # type: ignore[attr-defined]
    run.national_analyst = _user(run, "gen-national", run.national_centre.id, Role.NATIONAL_ANALYST)  # type: ignore[attr-defined]
    for office in run.by_kind[K.VOIVODE_OFFICE]:
        run.register_officers[office.voivodeship] = _user(
            run, f"gen-register-{office.voivodeship}", office.id, Role.REGISTER_OFFICER
        )
    for centre in run.by_kind[K.REGIONAL_CENTRE]:
        run.regional_analysts[centre.voivodeship] = _user(
            run, f"gen-region-{centre.voivodeship}", centre.id, Role.REGIONAL_ANALYST
        )
    operating = [org for org in run.by_kind[K.KIS] + run.by_kind[K.CIS] if org not in run.closed_holders]
    operating.sort(key=lambda org: org.id)
    per_holder = run.n(200_000, 20) / max(1, len(operating))
    managers = max(2, round(per_holder / 90))
    for org in operating:
        manager = _user(run, f"gen-{org.id}-manager", org.id, Role.ENTITY_MANAGER)
        cms = [_user(run, f"gen-{org.id}-cm{i}", org.id, Role.CASE_MANAGER) for i in range(managers)]
        specialist = _user(run, f"gen-{org.id}-specialist", org.id, Role.SPECIALIST)
        run.holders.append(Holder(org, manager, cms, specialist))
    for org in run.by_kind[K.OPS][: run.n(2_000, 2)]:
        _user(run, f"gen-{org.id}-ops", org.id, Role.OPS_SOCIAL_WORKER)


# --- registers -------------------------------------------------------------------------------------


def registers(run: Run) -> None:
    rng = run.rng("registers")
    numbers: dict[tuple[str, str], int] = {}
    for n, org in enumerate(sorted(run.by_kind[K.KIS] + run.by_kind[K.CIS], key=lambda o: o.id)):
        closed = org in run.closed_holders
        # One in 16 operating entities still awaits its entry (some past the 30-day deadline).
        status = EntryStatus.STRUCK_OFF if closed else (EntryStatus.NOTIFIED if n % 16 == 2 else EntryStatus.ENTERED)
        notified = (
            START - dt.timedelta(days=rng.randint(60, 3000))
            if status != EntryStatus.NOTIFIED
            else (run.today - dt.timedelta(days=rng.randint(3, 70)))
        )
        mode = rng.choice(CreationMode.values)
        ops = run.by_gmina_kind[(org.gmina.code, K.OPS)][0].id
        office = run.by_gmina_kind[(org.gmina.code, K.GMINA_OFFICE)][0].id
        founder = ops if mode == CreationMode.WITHIN_OPS else office
        if mode == CreationMode.NGO:
            ngos = [
                o.id
                for o in run.by_gmina_kind[(org.gmina.code, K.ASSOCIATION)]
                + run.by_gmina_kind[(org.gmina.code, K.FOUNDATION)]
            ]
            founder = ngos[0] if ngos else office
        entered = status in (EntryStatus.ENTERED, EntryStatus.STRUCK_OFF)
        key = (org.voivodeship, org.kind)
        number = ""
        if entered:
            numbers[key] = numbers.get(key, 0) + 1
            number = f"{org.kind.upper()}/{org.voivodeship}/{numbers[key]:04d}"
        entry_date = notified + dt.timedelta(days=rng.randint(5, 29)) if entered else None
        struck = entry_date + dt.timedelta(days=rng.randint(200, 700)) if closed and entry_date else None
        entry_id = run.table(RegisterEntry).add(
            organisation_id=org.id,
            entity_kind=EntityKind.KIS if org.kind == K.KIS else EntityKind.CIS,
            voivodeship_id=run.unit_by_code[org.voivodeship].pk,  # type: ignore[attr-defined]
            register_number=number,
            founding_body_id=founder,
            creation_mode=mode,
            founding_act_number=f"Uchwała nr {rng.randint(1, 90)}/{notified.year}",
            founding_act_date=notified - dt.timedelta(days=rng.randint(10, 60)),
            notification_date=notified,
            entry_date=entry_date,
            status=status,
            struck_off_date=struck,
            strike_off_reason=rng.choice(StrikeOffReason.values) if struck else "",
            strike_off_note="Podmiot zaprzestał działalności." if struck else "",
            created_by_id=run.register_officers.get(org.voivodeship),
            created_at=stamp(notified),
        )
        run.entries[org.id] = (entry_id, status)
        officer = run.register_officers.get(org.voivodeship)
        for day, change in (
            (notified, [None, EntryStatus.NOTIFIED]),
            (entry_date, [EntryStatus.NOTIFIED, EntryStatus.ENTERED]),
        ):
            if day is not None:
                action = AuditAction.CREATE if change[0] is None else AuditAction.UPDATE
                run.record(
                    action,
                    RegisterEntry,
                    entry_id,
                    when=stamp(day),
                    actor=officer,
                    organisation=org.id,
                    text=org.name,
                    changes={"status": change},
                )


# --- networks ----------------------------------------------------------------------------------------


def networks(run: Run) -> None:
    rng = run.rng("networks")
    table = run.table(net.Network)
    members = run.table(net.NetworkMembership)
    founded = START - dt.timedelta(days=400)
    national = run.national_centre  # type: ignore[attr-defined]
    run.ksr = table.add(
        name="Krajowa Sieć Reintegracji",
        level=netc.NetworkLevel.NATIONAL,
        territory_id=None,
        main_node_id=national.id,
        established_on=founded,
        is_active=True,
        description="Sieć krajowa.",
    )
    centres = {c.voivodeship: c for c in run.by_kind[K.REGIONAL_CENTRE]}
    for voivodeship in run.voivodeships:  # type: ignore[attr-defined]
        centre = centres[voivodeship.code]
        rsr = table.add(
            name=f"Regionalna Sieć Reintegracji – {voivodeship.name}",
            level=netc.NetworkLevel.REGIONAL,
            territory_id=voivodeship.pk,
            main_node_id=centre.id,
            parent_id=run.ksr,
            established_on=founded,
            is_active=True,
        )
        run.rsr[voivodeship.code] = rsr
        members.add(network_id=run.ksr, organisation_id=centre.id, member_network_id=rsr, joined_on=founded)
        # The ROWR team: people of the centre and its host ROPS.
        for person in run.people[centre.id][:2] + run.people[centre.parent or centre.id][:1]:
            run.table(net.TeamMember).add(
                network_id=rsr,
                person_id=person,
                team_role="Animator regionalny",
                competences="Ekonomia społeczna, partnerstwa lokalne.",
                since=founded,
            )
        for i, task_type in enumerate(netc.RegionalTaskType.values):
            status = [netc.TaskStatus.DONE, netc.TaskStatus.IN_PROGRESS, netc.TaskStatus.PLANNED][i % 3]
            run.table(net.RegionalTask).add(
                network_id=rsr,
                task_type=task_type,
                title=f"Zadanie RPW {i + 1}",
                owner_id=run.people[centre.id][0],
                due_on=run.today + dt.timedelta(days=30 * (i - 2)),
                status=status,
                outcome="Zrealizowano zgodnie z planem." if status == netc.TaskStatus.DONE else "",
            )
    for person in run.people[national.id][:3]:
        run.table(net.TeamMember).add(
            network_id=run.ksr,
            person_id=person,
            team_role="Zespół KOWR",
            competences="Koordynacja krajowa.",
            since=founded,
        )
    # An LSR around every operating KIS.
    for holder in run.holders:
        org = holder.org
        if org.kind != K.KIS:
            continue
        civic = rng.random() < 0.3
        established = START - dt.timedelta(days=rng.randint(0, 500))
        lsr = table.add(
            name=f"Lokalna Sieć Reintegracji – {org.gmina.name}",
            level=netc.NetworkLevel.LOCAL,
            territory_id=org.gmina.pk,
            main_node_id=org.id,
            parent_id=run.rsr[org.voivodeship],
            creation_variant=netc.CreationVariant.CIVIC if civic else netc.CreationVariant.ADMINISTRATIVE,
            creation_act_kind="" if civic else rng.choice(netc.CreationActKind.values),
            creation_act_number="" if civic else f"{rng.randint(1, 200)}/{established.year}",
            creation_act_date=None if civic else established,
            civic_leaders="Liderzy lokalni: sołtysi i przedstawiciele NGO." if civic else "",
            established_on=established,
            is_active=True,
        )
        holder.lsr = lsr
        run.lsrs.append((lsr, holder))
        local = [o for o in run.by_powiat[org.powiat] if o.id != org.id and o.kind not in (K.KIS, K.CIS)]
        local.sort(key=lambda o: (o.gmina.code != org.gmina.code, o.id))
        holder.partners = [o.id for o in local[: rng.randint(6, 12)]]
        for member in [org.id, *holder.partners]:
            members.add(network_id=lsr, organisation_id=member, joined_on=established)
        members.add(
            network_id=run.rsr[org.voivodeship], organisation_id=org.id, member_network_id=lsr, joined_on=established
        )
        run.table(net.AuspicesAct).add(
            network_id=lsr,
            kind=netc.AuspicesKind.DECISION,
            number=f"Zarządzenie {rng.randint(1, 300)}/{established.year}",
            date=established,
            document_note="Sekretariat urzędu gminy",
        )
        run.table(net.TechnicalAssistance).add(
            network_id=run.rsr[org.voivodeship],
            lsr_id=lsr,
            provided_on=established + dt.timedelta(days=90),
            form=rng.choice(netc.AssistanceForm.values),
            subject="Doradztwo przy budowie partnerstwa",
            outcome=rng.choice(netc.AssistanceOutcome.values),
        )
        run.record(
            AuditAction.CREATE,
            net.Network,
            lsr,
            when=stamp(established),
            actor=holder.manager,
            organisation=org.id,
            text=f"LSR {org.gmina.name}",
        )
    recommendation = run.table(net.Recommendation)
    through = run.table(net.Recommendation.source_lsrs.through)
    for i in range(max(3, run.n(40))):
        rid = recommendation.add(
            network_id=run.ksr,
            title=f"Rekomendacja {i + 1}",
            evidence="Doświadczenia LSR z lat 2023–2026.",
            status=netc.RecommendationStatus.values[i % len(netc.RecommendationStatus.values)],
            created_by_id=run.national_analyst,
        )
        for lsr, _holder in rng.sample(run.lsrs, min(3, len(run.lsrs))):
            through.add(recommendation_id=rid, network_id=lsr)


# --- partnerships, pacts, synergy teams ------------------------------------------------------------------


def partnerships(run: Run) -> None:
    rng = run.rng("partnerships")
    for lsr, holder in run.lsrs:
        org = holder.org
        statuses = partc.PartnershipStatus.values
        status = rng.choice(statuses)
        signed = START + dt.timedelta(days=rng.randint(0, 300)) if status in ("signed", "active", "dissolved") else None
        pid = run.table(part.Partnership).add(
            network_id=lsr,
            name=f"Partnerstwo na rzecz reintegracji – {org.gmina.name}",
            goal="Wspólne usługi reintegracyjne dla mieszkańców.",
            form=rng.choice(partc.PartnershipForm.values),
            status=status,
            leader_id=org.id,
            plan_from_year=2024,
            plan_to_year=2027,
            signed_on=signed,
            dissolved_on=signed + dt.timedelta(days=500) if status == "dissolved" and signed else None,
        )
        run.partnerships.append(pid)
        joined = signed or START
        partners = [
            run.table(part.Partner).add(
                partnership_id=pid, organisation_id=org.id, role=partc.PartnerRole.LEADER, joined_on=joined
            )
        ]
        for member in holder.partners[:5]:
            partners.append(
                run.table(part.Partner).add(
                    partnership_id=pid,
                    organisation_id=member,
                    role=rng.choice(
                        [
                            partc.PartnerRole.PARTNER,
                            partc.PartnerRole.SUPPORTING,
                            partc.PartnerRole.DOCUMENTATION_KEEPER,
                        ]
                    ),
                    role_description="Udostępnia zasoby.",
                    joined_on=joined,
                )
            )
        for partner in partners:
            run.table(part.Contribution).add(
                partner_id=partner,
                kind=rng.choice(partc.ContributionKind.values),
                description="Wkład rzeczowy",
                value=Decimal(rng.randint(500, 20_000)),
            )
        run.table(part.AgreementVersion).add(
            partnership_id=pid,
            number=1,
            file=f"partnerships/agreements/{pid}/v1.pdf",
            original_name="umowa.pdf",
            size=120_000,
            uploaded_at=stamp(joined),
            uploaded_by_id=holder.manager,
            signed_on=signed,
        )
        for year in (2024, 2025, 2026):
            run.table(part.ActionTask).add(
                partnership_id=pid,
                title=f"Zadanie planu na {year}",
                owner_id=rng.choice([org.id, *holder.partners[:5]]),
                year=year,
                quarter=rng.randint(1, 4),
                status=rng.choice(PartnershipTaskStatus.values),
            )
        evaluation = run.table(part.Evaluation).add(
            partnership_id=pid, held_on=dt.date(2025, 12, rng.randint(1, 20)), findings="Partnerstwo działa."
        )
        done = rng.random() < 0.5
        run.table(part.Conclusion).add(
            evaluation_id=evaluation,
            text="Poprawić obieg informacji.",
            assignee_id=org.id,
            due_on=dt.date(2026, 6, 30),
            status=partc.ConclusionStatus.DONE if done else partc.ConclusionStatus.OPEN,
            done_on=dt.date(2026, 5, 15) if done else None,
        )
        pact_status = rng.choice(partc.PactStatus.values)
        pact_signed = (
            START + dt.timedelta(days=rng.randint(100, 600)) if pact_status in ("signed", "dissolved") else None
        )
        pact = run.table(part.Pact).add(
            network_id=lsr,
            status=pact_status,
            original_keeper="Urząd gminy",
            copies=3,
            signed_on=pact_signed,
            dissolved_on=pact_signed + dt.timedelta(days=300) if pact_status == "dissolved" and pact_signed else None,
            dissolution_reason="Zakończenie współpracy" if pact_status == "dissolved" else "",
        )
        for member in [org.id, *holder.partners][: max(partc.PACT_MINIMUM_SIGNATORIES, 5)]:
            run.table(part.PactSignatory).add(
                pact_id=pact, organisation_id=member, representative="Dyrektor", joined_on=pact_signed or START
            )
        team = run.table(part.SynergyTeam).add(
            network_id=lsr,
            formed_by_kind=rng.choice(partc.FormingActKind.values),
            formed_by_body="Wójt gminy",
            act_number="12/2024",
            act_date=dt.date(2024, 3, 1),
            chosen_form=rng.choice(partc.ServiceDeliveryForm.values),
            chosen_on=dt.date(2024, 6, 1),
        )
        for member in holder.partners[:4]:
            run.table(part.SynergyTeamMember).add(
                team_id=team, organisation_id=member, person_name="", function="Członek", joined_on=dt.date(2024, 3, 1)
            )
        run.table(part.SynergyTeamTask).add(
            team_id=team,
            kind=rng.choice(partc.TeamTaskKind.values),
            description="Zadanie zespołu",
            due_on=dt.date(2026, 3, 31),
        )
        for member in holder.partners:
            run.table(part.AttitudeAssessment).add(
                network_id=lsr,
                organisation_id=member,
                assessed_on=dt.date(2025, 10, 1),
                attitude=rng.choice(partc.Attitude.values),
            )


# --- forums and assessment cards ------------------------------------------------------------------


def cooperation(run: Run) -> None:
    rng = run.rng("cooperation")
    for lsr, holder in run.lsrs:
        forum = run.table(coop.Forum).add(network_id=lsr, description="Konwent współpracy")
        groups = [
            run.table(coop.TaskGroup).add(forum_id=forum, name=name, topic=name)
            for name in ("Zatrudnienie", "Aktywizacja społeczna")
        ]
        reps: list[tuple[int, int]] = []
        for member in [holder.org.id, *holder.partners]:
            people: list[int | None] = [*run.people.get(member, [])] or [None]
            for role in coopc.RepresentativeRole.values[: 1 + (member == holder.org.id)]:
                rep = run.table(coop.Representative).add(
                    forum_id=forum,
                    organisation_id=member,
                    role=role,
                    person_id=people[0],
                    name="" if people[0] else "Przedstawiciel",
                    email=f"rep{member}@example.org",
                    since=START,
                )
                reps.append((rep, member))
                if rng.random() < 0.4:
                    run.table(coop.Representative.task_groups.through).add(
                        representative_id=rep, taskgroup_id=rng.choice(groups)
                    )
        day = START + dt.timedelta(days=rng.randint(5, 40))
        n = 0
        while day < run.today + dt.timedelta(days=60):
            strategic = n % 3 == 0
            past = day <= run.today - dt.timedelta(days=2)
            status = (
                (coopc.MeetingStatus.MINUTES_SENT if rng.random() < 0.8 else coopc.MeetingStatus.HELD)
                if past
                else coopc.MeetingStatus.PLANNED
            )
            if past and rng.random() < 0.05:
                status = coopc.MeetingStatus.CANCELLED
            held = day if status in (coopc.MeetingStatus.HELD, coopc.MeetingStatus.MINUTES_SENT) else None
            meeting = run.table(coop.Meeting).add(
                forum_id=forum,
                kind=coopc.MeetingKind.STRATEGIC if strategic else coopc.MeetingKind.OPERATIONAL,
                task_group_id=None if strategic else rng.choice(groups),
                title=f"Posiedzenie konwentu nr {n + 1}",
                planned_on=day,
                held_on=held,
                place="Sala konferencyjna",
                status=status,
                participants_active=rng.randint(10, 60) if held else None,
                participants_admitted=rng.randint(0, 10) if held else None,
                participants_exited=rng.randint(0, 10) if held else None,
                participants_with_outcome=rng.randint(0, 8) if held else None,
                minutes="Omówiono sytuację uczestników." if held else "",
                minutes_sent_at=stamp(day + dt.timedelta(days=3))
                if status == coopc.MeetingStatus.MINUTES_SENT
                else None,
                created_by_id=holder.manager,
            )
            run.meetings.append(meeting)
            for order, title in enumerate(("Otwarcie", "Sprawozdanie", "Wolne wnioski"), start=1):
                run.table(coop.AgendaItem).add(meeting_id=meeting, order=order, title=title)
            if held:
                present = reps[: rng.randint(3, len(reps))]
                for rep, member in present:
                    run.table(coop.Attendance).add(meeting_id=meeting, organisation_id=member, representative_id=rep)
                vote = rng.random() < 0.3
                run.table(coop.Decision).add(
                    meeting_id=meeting,
                    text="Przyjęto plan działań.",
                    method=coopc.DecisionMethod.VOTE if vote else coopc.DecisionMethod.CONSENSUS,
                    votes_for=len(present) - 1 if vote else None,
                    votes_against=0 if vote else None,
                    votes_abstain=1 if vote else None,
                )
                run.table(coop.ActionItem).add(
                    meeting_id=meeting,
                    title="Przygotować ofertę",
                    owner_id=rng.choice(holder.partners or [holder.org.id]),
                    due_on=day + dt.timedelta(days=30),
                    status=rng.choice(coopc.ActionStatus.values),
                )
            if status == coopc.MeetingStatus.MINUTES_SENT:
                run.table(coop.MinutesDispatch).add(
                    meeting_id=meeting,
                    sent_at=stamp(day + dt.timedelta(days=3)),
                    recipients=[f"rep{m}@example.org" for _r, m in reps[:5]],
                )
            day += dt.timedelta(days=rng.randint(40, 75))
            n += 1
        for year, half in ((2025, coopc.HalfYear.H1), (2025, coopc.HalfYear.H2), (2026, coopc.HalfYear.H1)):
            filled = dt.date(year, 6 if half == coopc.HalfYear.H1 else 12, 20)
            for member in holder.partners:
                scores = {f"score_{c}": rng.randint(1, 5) for c in coopc.Condition.values}
                run.table(coop.CooperationAssessment).add(
                    network_id=lsr, organisation_id=member, year=year, half=half, filled_on=filled, **scores
                )
        run.table(coop.ImprovementAction).add(
            network_id=lsr,
            title="Lepsza komunikacja",
            condition=rng.choice(coopc.Condition.values),
            owner_id=holder.org.id,
            due_on=dt.date(2026, 12, 31),
            status=rng.choice(coopc.ActionStatus.values),
        )


# --- catalogue: services, offers, editions and the class diary ------------------------------------------

TRACK_DAYS = {0: (0, 2, 4), 1: (0, 1, 3)}  # Mon/Wed/Fri and Mon/Tue/Thu
CLASS_HOURS = Decimal("3.5")  # 3 days a week × 3.5 h ≥ 42 h in any month (rule: 40 h/month)


def catalogue(run: Run) -> None:
    rng = run.rng("catalogue")
    services = run.table(Service)
    activities = run.table(Activity)
    for holder in run.holders:
        org = holder.org
        for area in ServiceArea.values:
            mode = Mode.GROUP if area != ServiceArea.SOCIAL_ASSISTANCE else Mode.INDIVIDUAL
            sid = services.add(
                organisation_id=org.id,
                name=f"Zajęcia: {area}",
                description="",
                service_type=rng.choice(ServiceType.values),
                dimension=rng.choice(Dimension.values),
                area=area,
                form=ServiceForm.WORKSHOP if mode == Mode.GROUP else ServiceForm.INDIVIDUAL_SESSION,
                mode=mode,
                provider_id=org.id,
                is_active=True,
                created_by_id=holder.manager,
            )
            holder.services.append((sid, area))
            if mode == Mode.GROUP:
                holder.group_services.append(sid)
        for partner in holder.partners[:3]:
            area = rng.choice(ServiceArea.values)
            capacity = rng.randint(20, 60)
            oid = run.table(Offer).add(
                organisation_id=partner,
                holder_id=org.id,
                title="Oferta partnera",
                kind=rng.choice(OfferKind.values),
                area=area,
                capacity=capacity,
                available_from=START,
                available_to=run.today + dt.timedelta(days=365),
                is_active=True,
            )
            holder.offers.append((oid, area, capacity))
        leader = "Trener " + full_name(rng)[1]
        for track, weekdays in TRACK_DAYS.items():
            classes: list[tuple[dt.date, int]] = []
            start = START
            number = 1
            while start <= run.today:
                end = add_months(start, 6) - dt.timedelta(days=1)
                edition = run.table(Edition).add(
                    organisation_id=org.id,
                    name=f"Edycja {number} – grupa {'AB'[track]}",
                    starts_on=start,
                    ends_on=end,
                    needs_diagnosis="Sześć miesięcy: diagnoza potrzeb grupy.",
                    created_by_id=holder.manager,
                    created_at=stamp(start - dt.timedelta(days=14)),
                )
                day = start
                while day <= min(end, run.today):
                    if day.weekday() in weekdays:
                        aid = activities.add(
                            edition_id=edition,
                            service_id=rng.choice(holder.group_services),
                            date=day,
                            topic="Warsztat grupowy",
                            hours=CLASS_HOURS,
                            mode=Mode.GROUP,
                            leader=leader,
                            created_by_id=holder.specialist,
                            created_at=stamp(day, 15),
                        )
                        classes.append((day, aid))
                    elif day.weekday() == 3 - track and day.day <= 7:
                        activities.add(
                            edition_id=edition,
                            service_id=None,
                            date=day,
                            topic="Konsultacja indywidualna",
                            hours=Decimal("1.0"),
                            mode=Mode.INDIVIDUAL,
                            leader=leader,
                            created_by_id=holder.specialist,
                            created_at=stamp(day, 15),
                        )
                    day += dt.timedelta(days=1)
                start = end + dt.timedelta(days=1)
                number += 1
            holder.classes[track] = classes
