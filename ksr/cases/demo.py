"""Demo participants for every demo KIS and CIS, through every stage, written through the services."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone

from ksr.accounts.choices import Role
from ksr.accounts.models import Membership, User
from ksr.accounts.scope import forget_scope
from ksr.cases import services
from ksr.cases.admission import missing_for_admission
from ksr.cases.choices import ExitReason, FollowUpOutcome, ReferralSource, RefusalReason
from ksr.cases.models import EligibilityCategory, add_months
from ksr.core.types import AnyUser
from ksr.registry.choices import OrganisationKind
from ksr.registry.models import Organisation

FEMALE = ["Anna", "Katarzyna", "Małgorzata", "Agnieszka", "Barbara", "Ewa", "Joanna", "Monika", "Beata", "Renata"]
MALE = ["Piotr", "Krzysztof", "Andrzej", "Tomasz", "Paweł", "Marek", "Grzegorz", "Zbigniew", "Dariusz", "Jacek"]
LAST = [
    ("Nowak", "Nowak"),
    ("Kowalski", "Kowalska"),
    ("Wiśniewski", "Wiśniewska"),
    ("Wójcik", "Wójcik"),
    ("Kamiński", "Kamińska"),
    ("Lewandowski", "Lewandowska"),
    ("Zieliński", "Zielińska"),
    ("Szymański", "Szymańska"),
    ("Dąbrowski", "Dąbrowska"),
    ("Mazur", "Mazur"),
    ("Krawczyk", "Krawczyk"),
    ("Pawlak", "Pawlak"),
]
TEAM = (
    "{ops} – pracownik socjalny, {ops_name}\n"
    "Celina Psycholożka – psycholog, {kis_name}\n"
    "Bartosz Opiekuński – doradca zawodowy, {kis_name}"
)
STREETS = ["Lipowa", "Polna", "Szkolna", "Ogrodowa"]
CARE = ["opieka nad dwojgiem dzieci w wieku przedszkolnym", "opieka nad matką po udarze", "", ""]


def make_pesel(rng: random.Random, birth: dt.date, female: bool) -> str:
    """A valid PESEL: date with the century offset, a serial, the sex digit and the checksum."""
    month = birth.month + (20 if birth.year >= 2000 else 0)
    serial = rng.randint(0, 999)
    sex = rng.choice((0, 2, 4, 6, 8) if female else (1, 3, 5, 7, 9))
    digits = f"{birth.year % 100:02d}{month:02d}{birth.day:02d}{serial:03d}{sex}"
    weights = (1, 3, 7, 9, 1, 3, 7, 9, 1, 3)
    check = (10 - sum(int(d) * w for d, w in zip(digits, weights, strict=True)) % 10) % 10
    return digits + str(check)


class _Builder:
    def __init__(self, rng: random.Random, actor: AnyUser, scale: int) -> None:
        self.rng, self.actor, self.scale = rng, actor, scale
        self.today = timezone.localdate()
        self.counts = {"participants": 0, "referrals": 0, "cases": 0, "follow_ups": 0}
        self.used: set[str] = set()
        self.categories = list(EligibilityCategory.objects.filter(is_active=True))

    def person(self) -> dict[str, Any]:
        female = self.rng.random() < 0.5
        first = self.rng.choice(FEMALE if female else MALE)
        last = self.rng.choice(LAST)[1 if female else 0]
        birth = dt.date(self.rng.randint(1962, 2002), self.rng.randint(1, 12), self.rng.randint(1, 28))
        pesel = make_pesel(self.rng, birth, female)
        while pesel in self.used:
            pesel = make_pesel(self.rng, birth, female)
        self.used.add(pesel)
        return {"first_name": first, "last_name": last, "pesel": pesel}

    def staff(self, org: Organisation) -> tuple[Any, Any]:
        """The organisation's manager and case manager: demo users when present, else a demo staff account."""
        manager = User.objects.filter(memberships__organisation=org, memberships__role=Role.ENTITY_MANAGER).first()
        case_manager = User.objects.filter(memberships__organisation=org, memberships__role=Role.CASE_MANAGER).first()
        if manager is None:
            manager, _ = User.objects.get_or_create(
                username=f"kierownik-{org.pk}", defaults={"first_name": "Kierownik", "last_name": org.name[:100]}
            )
            Membership.objects.get_or_create(user=manager, organisation=org, role=Role.ENTITY_MANAGER)
            manager.set_unusable_password()
            manager.save()
        forget_scope(manager)
        return manager, case_manager or manager

    def referral(
        self,
        org: Organisation,
        ops: Organisation | None,
        pup: Organisation | None,
        manager: Any,
        sent_on: dt.date | None = None,
    ) -> Any:
        source = self.rng.choice([ReferralSource.OPS, ReferralSource.OPS, ReferralSource.PUP, ReferralSource.SELF])
        sender = ops if source == ReferralSource.OPS else pup if source == ReferralSource.PUP else None
        if sender is None and source != ReferralSource.SELF:
            source = ReferralSource.SELF
        data = {
            "organisation": org,
            "source": source,
            "sender_organisation": sender,
            "sender_reference": f"DPS.{self.rng.randint(100, 999)}.{self.today.year}" if sender else "",
            "sent_on": sent_on or self.today - dt.timedelta(days=self.rng.randint(3, 40)),
            **self.person(),
            "contact": f"tel. 5{self.rng.randint(10, 99)} {self.rng.randint(100, 999)} {self.rng.randint(100, 999)}",
            "justification": self.rng.choice(
                [
                    "Osoba długotrwale bezrobotna, korzysta z pomocy społecznej od kilku lat.",
                    "Po zakończonej terapii odwykowej, potrzebuje wsparcia w powrocie do aktywności.",
                    "Samotnie wychowuje dzieci, brak doświadczenia zawodowego.",
                ]
            ),
        }
        self.counts["referrals"] += 1
        return services.do_send_referral(data, actor=manager)

    def team(self, org: Organisation, ops: Organisation | None) -> str:
        return TEAM.format(ops="Edward Socjalny", ops_name=ops.name if ops else "OPS", kis_name=org.name)

    def accepted(
        self, org: Organisation, ops: Any, pup: Any, manager: Any, case_manager: Any, admitted_on: dt.date
    ) -> Any:
        # Referred three weeks and qualified one week before admission: a realistic history.
        referral = self.referral(org, ops, pup, manager, sent_on=admitted_on - dt.timedelta(days=21))
        services.do_start_review(referral, actor=manager, qualification_team=self.team(org, ops))
        case = services.do_accept_referral(
            referral, actor=manager, case_manager=case_manager, decided_on=admitted_on - dt.timedelta(days=7)
        )
        participant = case.participant
        services.do_update_participant(
            participant,
            {
                "residence_gmina": org.seat,
                "city": org.seat.name if org.seat else "",
                "street": f"ul. {self.rng.choice(STREETS)} {self.rng.randint(1, 60)}",
                "education": self.rng.choice(["primary", "vocational", "secondary_general", "secondary_vocational"]),
                "months_without_work": self.rng.randint(6, 96),
                "income_source": self.rng.choice(["social_assistance", "casual_work", "family", "none"]),
                "pup_profile": self.rng.choice(["III", "III", "II", ""]),
                "marital_status": self.rng.choice(["single", "married", "divorced", "widowed"]),
                "household_size": self.rng.randint(1, 5),
                "dependent_children": self.rng.randint(0, 3),
                "care_duties": self.rng.choice(CARE),
                "qualifications": self.rng.choice(["kurs pomocy kuchennej", "prawo jazdy kat. B", "", "magazynier"]),
            },
            actor=manager,
        )
        if self.categories:
            services.do_add_eligibility(
                participant,
                {
                    "category": self.rng.choice(self.categories),
                    "evidence_type": "ops_certificate",
                    "evidence_number": f"OPS/{self.rng.randint(1, 500)}/{self.today.year}",
                    "evidence_date": referral.sent_on,
                },
                actor=manager,
            )
        self.counts["participants"] += 1
        self.counts["cases"] += 1
        return case

    def organisation(self, org: Organisation, cis_list: list[Organisation]) -> None:
        manager, case_manager = self.staff(org)
        area = org.seat.code[:4] if org.seat else ""
        ops = Organisation.objects.filter(kind=OrganisationKind.OPS, seat=org.seat).first()
        pup = Organisation.objects.filter(kind=OrganisationKind.PUP, seat__code__startswith=area).first()
        is_cis = org.kind == OrganisationKind.CIS
        # Waiting: sent and under review
        for _ in range(self.scale):
            self.referral(org, ops, pup, manager)
            under_review = self.referral(org, ops, pup, manager)
            services.do_start_review(under_review, actor=manager, qualification_team=self.team(org, ops))
            refused = self.referral(org, ops, pup, manager)
            services.do_start_review(refused, actor=manager)
            reason = self.rng.choice(
                [RefusalReason.NEEDS_OTHER_SUPPORT, RefusalReason.NO_PLACES, RefusalReason.NOT_ADEQUATE]
            )
            services.do_refuse_referral(
                refused,
                actor=manager,
                reason=reason,
                note="Zalecana najpierw terapia w poradni leczenia uzależnień."
                if reason == RefusalReason.NEEDS_OTHER_SUPPORT
                else "",
                qualification_team=self.team(org, ops),
            )
        if missing_for_admission(org):
            # Not (or no longer) entered in the voivode's register: referrals wait, nobody is admitted
            # (UZS art. 18 ust. 1); one qualified case shows on its screen why.
            self.accepted(org, ops, pup, manager, case_manager, self.today)
            return
        # Active cases
        for index in range(3 * self.scale):
            # The first has been in the programme for seven months (the catalogue's demo gives them
            # the attendance of a KIS graduate); the others for three weeks to five months.
            start = (
                add_months(self.today.replace(day=1), -7)
                if index == 0
                else self.today - dt.timedelta(days=self.rng.randint(20, 160))
            )
            case = self.accepted(org, ops, pup, manager, case_manager, start)
            if is_cis:
                if ops is not None:
                    services.do_record_ops_agreement(
                        case,
                        {
                            "ops_agreement_organisation": ops,
                            "ops_agreement_date": start - dt.timedelta(days=3),
                            "ops_agreement_reference": f"DPS.4010.{self.rng.randint(1, 300)}.{start.year}",
                        },
                        actor=manager,
                    )
                # The CIS admission needs the signed IPZS from the plans app; left qualified when absent.
                try:
                    services.do_admit_to_cis(case, actor=manager, admitted_on=start)
                except ValidationError:
                    continue
            else:
                services.do_start_participation(case, actor=manager, admitted_on=start)
        if is_cis:
            return
        # Exited: one with the follow-up due now, one done, a graduate, a transfer to a CIS
        exits = [
            (add_months(self.today, -6) - dt.timedelta(days=2), ExitReason.EMPLOYED, False),
            (self.today - dt.timedelta(days=300), ExitReason.COMPLETED, True),
            (self.today - dt.timedelta(days=40), ExitReason.RESIGNED, False),
        ]
        for exited_on, exit_reason, done in exits:
            case = self.accepted(org, ops, pup, manager, case_manager, exited_on - dt.timedelta(days=240))
            services.do_start_participation(case, actor=manager, admitted_on=exited_on - dt.timedelta(days=240))
            services.do_exit_case(case, actor=manager, reason=exit_reason, exited_on=exited_on, note="")
            self.counts["follow_ups"] += 1
            if done:
                services.do_record_follow_up(
                    case.follow_up,
                    {
                        "done_on": case.follow_up.due_on,
                        "outcome": FollowUpOutcome.SOCIAL_ECONOMY,
                        "findings": "Pracuje w spółdzielni socjalnej, utrzymuje kontakt z klubem.",
                    },
                    actor=manager,
                )
        if cis_list:
            case = self.accepted(org, ops, pup, manager, case_manager, self.today - dt.timedelta(days=200))
            services.do_start_participation(case, actor=manager, admitted_on=self.today - dt.timedelta(days=200))
            target = min(cis_list, key=lambda c: (c.seat.code[:2] != (org.seat.code[:2] if org.seat else ""), c.pk))
            services.do_transfer_to_cis(
                case,
                target,
                actor=manager,
                exited_on=self.today - dt.timedelta(days=5),
                note="Gotowość do reintegracji zawodowej w CIS.",
            )
            self.counts["referrals"] += 1
            self.counts["follow_ups"] += 1


def seed_demo(*, rng: random.Random, actor: AnyUser, scale: int) -> str:
    """Participants of every demo KIS and CIS through every stage; returns a one-line summary."""
    builder = _Builder(rng, actor, max(1, scale))
    holders = list(
        Organisation.objects.filter(kind__in=(OrganisationKind.KIS, OrganisationKind.CIS), is_active=True)
        .select_related("seat")
        .order_by("pk")
    )
    cis_list = [o for o in holders if o.kind == OrganisationKind.CIS]
    for org in holders:
        builder.organisation(org, cis_list)
    c = builder.counts
    return (
        f"cases: {c['participants']} participants, {c['cases']} cases, {c['referrals']} referrals, "
        f"{c['follow_ups']} follow-ups in {len(holders)} KIS/CIS"
    )
