"""Demo data of the catalogue, built through the services on top of the foundation, networks and cases demos.

Per demo KIS/CIS: a catalogue covering the four sectors of the new service profile with partner
providers from its LSR (library → culture and education, sport centre → sport, health facility
→ health), partner offers, bookings for its cases, a programme edition with classes and
attendance over several months (one month under 40 teaching hours, to show a shortfall),
support instruments with costs, and at least one participant eligible for the certificate.
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone

from ksr.accounts.choices import Role
from ksr.accounts.models import User
from ksr.cases import services as case_services
from ksr.cases.choices import CaseStatus
from ksr.cases.models import Case
from ksr.catalogue import rules
from ksr.catalogue.choices import (
    NEW_PROFILE_AREAS,
    AttendanceStatus,
    BookingStatus,
    Dimension,
    InstrumentKind,
    Mode,
    OfferKind,
    ServiceArea,
    ServiceForm,
    ServiceType,
)
from ksr.catalogue.models import Service
from ksr.catalogue.services import (
    do_change_booking_status,
    do_create_activity,
    do_create_booking,
    do_create_edition,
    do_create_offer,
    do_create_service,
    do_create_support_instrument,
    do_issue_certificate,
    do_record_attendance,
    six_months_missing,
)
from ksr.core.types import AnyUser
from ksr.networks.queries import partner_organisations
from ksr.registry.choices import OrganisationKind
from ksr.registry.models import Organisation

A, T, DIM, F, M = ServiceArea, ServiceType, Dimension, ServiceForm, Mode
# (name, type, dimension, area, form, mode, provider kind or None for the KIS itself)
SERVICES = [
    (
        "Spotkanie diagnostyczne",
        T.CASE_MANAGEMENT,
        DIM.PREVENTIVE,
        A.SOCIAL_ASSISTANCE,
        F.DIAGNOSIS_MEETING,
        M.INDIVIDUAL,
        None,
    ),
    (
        "Trening umiejętności społecznych",
        T.BUILDING,
        DIM.COMPENSATORY,
        A.SOCIAL_ASSISTANCE,
        F.INTERPERSONAL_TRAINING,
        M.GROUP,
        None,
    ),
    (
        "Konsultacje psychologiczne",
        T.BREAKING_THROUGH,
        DIM.COMPENSATORY,
        A.HEALTH,
        F.INDIVIDUAL_SESSION,
        M.INDIVIDUAL,
        None,
    ),
    ("Klub dyskusyjny książki", T.BUILDING, DIM.PROMOTIONAL, A.CULTURE, F.WORKSHOP, M.GROUP, OrganisationKind.LIBRARY),
    (
        "Kurs obsługi komputera i e-urzędu",
        T.BUILDING,
        DIM.PREVENTIVE,
        A.EDUCATION,
        F.TRAINING,
        M.GROUP,
        OrganisationKind.LIBRARY,
    ),
    (
        "Zajęcia na basenie i siłowni",
        T.BREAKING_THROUGH,
        DIM.PROMOTIONAL,
        A.SPORT,
        F.SPORTS_CULTURAL_SERVICE,
        M.GROUP,
        OrganisationKind.SPORT_CENTRE,
    ),
    (
        "Badania profilaktyczne i warsztat zdrowia",
        T.BREAKING_THROUGH,
        DIM.PREVENTIVE,
        A.HEALTH,
        F.WORKSHOP,
        M.GROUP,
        OrganisationKind.HEALTH_FACILITY,
    ),
    (
        "Wyjście do muzeum regionalnego",
        T.BUILDING,
        DIM.PROMOTIONAL,
        A.CULTURE,
        F.INTEGRATION_EVENT,
        M.GROUP,
        OrganisationKind.CULTURE_INSTITUTION,
    ),
    ("Grupa samopomocowa", T.BUILDING, DIM.PREVENTIVE, A.SOCIAL_ASSISTANCE, F.SELF_HELP_GROUP, M.GROUP, None),
    ("Doradztwo zawodowe", T.BUILDING, DIM.PROMOTIONAL, A.LABOUR_MARKET, F.CONSULTATION, M.INDIVIDUAL, None),
]
# (title, kind, area, capacity, partner kind)
OFFERS = [
    ("Miejsca w kole czytelniczym", OfferKind.PLACES, A.CULTURE, 8, OrganisationKind.LIBRARY),
    ("Pracownia komputerowa we wtorki", OfferKind.ROOM, A.EDUCATION, 10, OrganisationKind.LIBRARY),
    ("Karnety na basen (sezon)", OfferKind.PLACES, A.SPORT, 12, OrganisationKind.SPORT_CENTRE),
    ("Dyżur pielęgniarki środowiskowej", OfferKind.SPECIALIST, A.HEALTH, 6, OrganisationKind.HEALTH_FACILITY),
]
TOPICS = [
    "Komunikacja bez przemocy",
    "Planowanie budżetu domowego",
    "Rozwiązywanie konfliktów",
    "Załatwianie spraw w urzędzie",
    "Rola rodzica i opiekuna",
    "Samoocena i motywacja",
    "Zdrowy styl życia",
    "Prawa obywatelskie w praktyce",
]
LEADERS = [
    "psycholog Anna Zielińska",
    "pedagog Marek Wójcik",
    "pracownik socjalny Ewa Lis",
    "doradca zawodowy Jan Nowak",
]
INSTRUMENT_COSTS = {
    InstrumentKind.KINDERGARTEN_SUBSIDY: (150, 300),
    InstrumentKind.DAY_ROOM: (0, 0),
    InstrumentKind.ONSITE_CARE: (200, 400),
    InstrumentKind.TRAVEL_REFUND: (60, 180),
    InstrumentKind.CAR_POOLING: (20, 60),
    InstrumentKind.BIKE_LOAN: (0, 50),
    InstrumentKind.TICKET_FOR_TICKET: (40, 110),
    InstrumentKind.TRANSPORT: (80, 200),
}
SHORT_MONTH_INDEX = 2  # the third month of each edition stays under 40 teaching hours


def _month_start(day: dt.date, back: int) -> dt.date:
    return rules.add_months(day.replace(day=1), -back)


class _Builder:
    def __init__(self, rng: random.Random, actor: AnyUser) -> None:
        self.rng = rng
        self.actor = actor
        self.today = timezone.localdate()
        self.counts = dict.fromkeys(
            (
                "services",
                "offers",
                "bookings",
                "editions",
                "activities",
                "attendance",
                "instruments",
                "eligible",
                "certificates",
            ),
            0,
        )

    def holder(self, kis: Organisation) -> None:
        partners: dict[str, Organisation] = {}
        for org in partner_organisations(kis).order_by("pk"):
            partners.setdefault(org.kind, org)
        services = self.catalogue(kis, partners)
        offers = self.offers(kis, partners)
        cases = list(
            Case.objects.filter(organisation=kis, status__in=(CaseStatus.ACTIVE, CaseStatus.QUALIFIED)).order_by("pk")
        )
        if not cases:
            return
        self.bookings(cases, services, offers)
        self.edition(kis, cases)
        self.instruments(cases)
        self.graduate(cases[0])

    def graduate(self, case: Case) -> None:
        """The participant who attended every class since an admission seven months ago graduates
        and gets the certificate (a KIS only: rules.py, rule (c))."""
        if case.is_cis or case.status != CaseStatus.ACTIVE or six_months_missing(case, self.today):
            return
        manager = User.objects.filter(
            memberships__organisation_id=case.organisation_id, memberships__role=Role.ENTITY_MANAGER
        ).first()
        if manager is None:
            return
        case_services.do_mark_graduate(case, actor=manager, graduated_at=self.today)
        do_issue_certificate(case, actor=manager, issued_on=self.today)
        self.counts["certificates"] += 1

    def catalogue(self, kis: Organisation, partners: dict[str, Organisation]) -> list[Service]:
        out = []
        for name, stype, dim, area, form, mode, provider_kind in SERVICES:
            provider = partners.get(provider_kind, kis) if provider_kind else kis
            data = {"name": name, "service_type": stype, "dimension": dim, "area": area, "form": form, "mode": mode}
            out.append(do_create_service(kis, {**data, "provider": provider}, actor=self.actor))
            self.counts["services"] += 1
        return out

    def offers(self, kis: Organisation, partners: dict[str, Organisation]) -> list[Any]:
        out = []
        start = _month_start(self.today, 7)
        for title, kind, area, capacity, partner_kind in OFFERS:
            partner = partners.get(partner_kind)
            if partner is None:
                continue
            data = {
                "holder": kis,
                "title": title,
                "kind": kind,
                "area": area,
                "capacity": capacity,
                "available_from": start,
                "available_to": rules.add_months(start, 12),
                "description": f"Oferta dla uczestników {kis.name}.",
            }
            out.append(do_create_offer(partner, data, actor=self.actor))
            self.counts["offers"] += 1
        return out

    def bookings(self, cases: list[Case], services: list[Service], offers: list[Any]) -> None:
        by_area: dict[str, list[Any]] = {}
        for target in [*services, *offers]:
            by_area.setdefault(target.area, []).append(target)
        for index, case in enumerate(cases):
            # the first case covers all four sectors; the others two to four of them
            areas = (
                list(NEW_PROFILE_AREAS) if index == 0 else self.rng.sample(NEW_PROFILE_AREAS, self.rng.randint(2, 4))
            )
            areas.append(ServiceArea.SOCIAL_ASSISTANCE)
            for area in areas:
                target = self.rng.choice(by_area[area])
                start = self.today + dt.timedelta(days=self.rng.randint(-120, 20))
                key = "service" if isinstance(target, Service) else "offer"
                if key == "offer" and not target.covers(start, None):
                    start = target.available_from
                try:
                    booking = do_create_booking(case, {key: target, "starts_on": start}, actor=self.actor)
                except ValidationError:  # an offer full: book the catalogue service of that area instead
                    fallback = next(s for s in services if s.area == area)
                    booking = do_create_booking(case, {"service": fallback, "starts_on": start}, actor=self.actor)
                self.counts["bookings"] += 1
                if start < self.today:
                    do_change_booking_status(booking, BookingStatus.CONFIRMED, actor=self.actor)
                    if start < self.today - dt.timedelta(days=60):
                        do_change_booking_status(booking, BookingStatus.COMPLETED, actor=self.actor)

    def edition(self, kis: Organisation, cases: list[Case]) -> None:
        start = _month_start(self.today, 7)
        end = rules.add_months(start, 10) - dt.timedelta(days=1)
        edition = do_create_edition(
            kis,
            {
                "name": f"Program reintegracji {start.year}/{end.year}",
                "starts_on": start,
                "ends_on": end,
                "needs_diagnosis": "Grupa z głębokimi deficytami w rolach społecznych: edycja dziesięciomiesięczna.",
            },
            actor=self.actor,
        )
        self.counts["editions"] += 1
        for month_index in range(7):
            first = rules.add_months(start, month_index)
            sessions = 8 if month_index == SHORT_MONTH_INDEX else 12
            for number in range(sessions):
                day = first + dt.timedelta(days=2 * number + 1)
                if day >= self.today:
                    break
                individual = number % 4 == 3
                activity = do_create_activity(
                    edition,
                    {
                        "date": day,
                        "topic": self.rng.choice(TOPICS),
                        "hours": Decimal(2) if individual else Decimal(4),
                        "mode": Mode.INDIVIDUAL if individual else Mode.GROUP,
                        "leader": self.rng.choice(LEADERS),
                    },
                    actor=self.actor,
                )
                self.counts["activities"] += 1
                statuses = {}
                for index, case in enumerate(cases):
                    if index == 0:
                        statuses[case] = AttendanceStatus.PRESENT  # attends every class: eligible
                    else:
                        roll = self.rng.random()
                        statuses[case] = (
                            AttendanceStatus.PRESENT
                            if roll < 0.75
                            else AttendanceStatus.EXCUSED
                            if roll < 0.85
                            else AttendanceStatus.ABSENT
                        )
                do_record_attendance(activity, statuses, actor=self.actor)
                self.counts["attendance"] += len(statuses)
        self.counts["eligible"] += 1

    def instruments(self, cases: list[Case]) -> None:
        kinds = list(INSTRUMENT_COSTS)
        for case in cases:
            if self.rng.random() < 0.5:
                continue
            kind = self.rng.choice(kinds)
            low, high = INSTRUMENT_COSTS[kind]
            start = self.today - dt.timedelta(days=self.rng.randint(10, 150))
            do_create_support_instrument(
                case,
                {
                    "kind": kind,
                    "starts_on": start,
                    "ends_on": start + dt.timedelta(days=90),
                    "cost": Decimal(self.rng.randint(low, high)),
                },
                actor=self.actor,
            )
            self.counts["instruments"] += 1


def seed_demo(*, rng: random.Random, actor: AnyUser, scale: int) -> str:
    """Catalogues, offers, bookings, editions with attendance and support instruments; a one-line summary."""
    builder = _Builder(rng, actor)
    holders = list(
        Organisation.objects.filter(kind__in=(OrganisationKind.KIS, OrganisationKind.CIS), is_active=True).order_by(
            "pk"
        )
    )
    for kis in holders:
        builder.holder(kis)
    c = builder.counts
    return (
        f"catalogue: {c['services']} services, {c['offers']} offers, {c['bookings']} bookings, "
        f"{c['editions']} editions with {c['activities']} classes and {c['attendance']} attendance marks, "
        f"{c['instruments']} support instruments, {c['eligible']} participants eligible for the certificate, "
        f"{c['certificates']} certificates issued"
    )
