"""The participants' layer: participants, referrals, cases in every stage, contracts, plans,
diagnoses, services cards, outcomes, bookings, support, attendance, certificates, exits,
follow-ups and consents — one holder (KIS/CIS) at a time, its participants' data kept there."""

from __future__ import annotations

import bisect
import datetime as dt
import functools
from decimal import Decimal
from typing import Any

from django.db import connection

from ksr.audit.choices import AuditAction
from ksr.cases import choices as cc
from ksr.cases import models as casem
from ksr.catalogue import rules
from ksr.catalogue.choices import INSTRUMENT_BARRIER, AttendanceStatus, BookingStatus, InstrumentKind
from ksr.catalogue.models import Attendance, Booking, Certificate, SupportInstrument
from ksr.dataset.base import START, Holder, Run, add_months, stamp
from ksr.dataset.identifiers import full_name
from ksr.plans import choices as pc
from ksr.plans import models as pm
from ksr.privacy.choices import ConsentForm, ConsentStatus, DataScope
from ksr.privacy.models import Consent
from ksr.registers.choices import EntryStatus
from ksr.registry.choices import OrganisationKind as K

PRESENT, ABSENT, EXCUSED = (str(s.value) for s in AttendanceStatus)
ATTENDANCE_FIELDS = [
    "id",
    "created_at",
    "updated_at",
    "created_by_id",
    "updated_by_id",
    "activity_id",
    "case_id",
    "status",
]


@functools.cache
def values(choices: Any) -> tuple[Any, ...]:
    """The values of a choices class, computed once (``Choices.values`` builds a new list per call)."""
    return tuple(choices.values)


EXIT_OUTCOME: dict[str, str] = {
    cc.ExitReason.EMPLOYED: pc.OutcomeKind.JOB,
    cc.ExitReason.SUPPORTED_EMPLOYMENT: pc.OutcomeKind.SUPPORTED_EMPLOYMENT,
    cc.ExitReason.TRANSFER_CIS: pc.OutcomeKind.TRANSFER_TO_CIS,
    cc.ExitReason.COMPLETED: pc.OutcomeKind.COMMUNITY,
}
EXIT_WEIGHTS = [
    (cc.ExitReason.COMPLETED, 40),
    (cc.ExitReason.EMPLOYED, 20),
    (cc.ExitReason.TRANSFER_CIS, 4),
    (cc.ExitReason.SUPPORTED_EMPLOYMENT, 5),
    (cc.ExitReason.RESIGNED, 12),
    (cc.ExitReason.SUPPORT_WITHDRAWN, 4),
    (cc.ExitReason.MOVED_AWAY, 5),
    (cc.ExitReason.HEALTH, 6),
    (cc.ExitReason.OTHER, 4),
]
# Months of participation: most short, some past the 6 months of a KIS graduate (10M attendance rows).
DURATIONS = (1, 2, 2, 3, 3, 3, 4, 4, 6, 7)
EXIT_REASONS = [reason for reason, weight in EXIT_WEIGHTS for _ in range(weight)]


class People:
    def __init__(self, run: Run) -> None:
        self.run = run
        self.t = {
            model: run.table(model)
            for model in (
                casem.Participant,
                casem.ParticipantEligibility,
                casem.Case,
                casem.Referral,
                casem.FollowUp,
                casem.CaseCorrection,
                pm.Contract,
                pm.ContractVersion,
                pm.ContractReview,
                pm.SanctionDecision,
                pm.ActionPlan,
                pm.PlanGoal,
                pm.PotentialAssessment,
                pm.PotentialItem,
                pm.ServiceCardEntry,
                pm.OutcomeAssessment,
                pm.OutcomeScore,
                pm.OutcomeEvent,
                Booking,
                SupportInstrument,
                Certificate,
                Consent,
                Attendance,
            )
        }
        self.plan_sectors = run.table(pm.ActionPlan.sectors.through)
        self.categories = list(
            casem.EligibilityCategory.objects.filter(is_active=True).order_by("pk").values_list("pk", flat=True)
        )
        self.attendance_row = self.t[Attendance].layout(ATTENDANCE_FIELDS)
        # On PostgreSQL the 10 million attendance rows go to COPY as ready text lines.
        self.as_text = connection.vendor == "postgresql" and self.t[Attendance].names == ATTENDANCE_FIELDS
        self.stamps: dict[dt.date, Any] = {}
        self.cis = [h.org.id for h in run.holders if h.org.kind == K.CIS]
        self.certificates: dict[tuple[int, int], int] = {}
        self.holder_id = 0

    def log(self, action: str, model: Any, pk: int, *, when: Any, actor: int, text: str, **extra: Any) -> None:
        """An audit entry about an object of the current holder."""
        self.run.record(action, model, pk, when=when, actor=actor, organisation=self.holder_id, text=text, **extra)

    def created(self, model: Any, text: str, *, day: dt.date, actor: int, changes: Any, **fields: Any) -> int:
        """Add a row created by ``actor`` on ``day`` and its audit entry, as the services do."""
        pk = int(self.t[model].add(created_by_id=actor, created_at=stamp(day), **fields))
        self.log(AuditAction.CREATE, model, pk, when=stamp(day), actor=actor, text=text.format(pk=pk), changes=changes)
        return pk

    def generate(self) -> None:
        run = self.run
        total = run.n(200_000, 20)
        holders = run.holders
        # Bigger holders in bigger places: a deterministic spread around the mean.
        rng = run.rng("people:spread")
        weights = [rng.uniform(0.5, 1.5) for _ in holders]
        scale = total / sum(weights)
        counts = [int(w * scale) for w in weights]
        for i in range(total - sum(counts)):
            counts[i % len(counts)] += 1
        for holder, count in zip(holders, counts, strict=True):
            holder.participants = count
            self.holder(holder, count)

    # ------------------------------------------------------------------------------------------

    def holder(self, holder: Holder, count: int) -> None:
        run, t = self.run, self.t
        rng = run.rng(f"people:{holder.org.id}")
        org = holder.org
        self.holder_id = org.id
        today = run.today
        is_cis = org.kind == K.CIS
        not_entered = run.entries.get(org.id, (0, ""))[1] == EntryStatus.NOTIFIED
        ops = run.by_gmina_kind[(org.gmina.code, K.OPS)][0].id
        pups = [o.id for o in run.by_powiat[org.powiat] if o.kind == K.PUP]
        gminas = run.gminas_of_powiat[org.powiat]  # type: ignore[attr-defined]
        partners = holder.partners or [o.id for o in run.by_powiat[org.powiat] if o.kind == K.OPS]
        span = (today - START).days
        offer_load: dict[int, int] = {}
        for i in range(count):
            first, last, male = full_name(rng)
            birth = dt.date(1958, 1, 1) + dt.timedelta(days=rng.randint(0, 17_500))
            has_pesel = rng.random() < 0.95
            pesel = run.ids.pesel(birth, male) if has_pesel else ""
            residence = org.gmina if rng.random() < 0.7 else rng.choice(gminas)
            opened = START + dt.timedelta(days=int(span * rng.random() ** 0.8))
            created = stamp(opened, 10, rng.randint(0, 59))
            cm = holder.case_managers[i % len(holder.case_managers)]
            pid = t[casem.Participant].add(
                organisation_id=org.id,
                first_name=first,
                last_name=last,
                pesel=pesel,
                no_pesel_reason="" if has_pesel else "Cudzoziemiec bez numeru PESEL",
                birth_date=birth,
                sex=cc.Sex.MALE if male else cc.Sex.FEMALE,
                phone=f"+48 600 {rng.randint(100, 999)} {rng.randint(100, 999)}",
                street=f"ul. Polna {rng.randint(1, 99)}",
                postal_code=f"{rng.randint(0, 99):02d}-{rng.randint(0, 999):03d}",
                city=residence.name[:100],
                residence_gmina_id=residence.pk,
                marital_status=rng.choice(values(cc.MaritalStatus)),
                household_size=rng.randint(1, 6),
                dependent_children=rng.randint(0, 3),
                education=rng.choice(values(cc.Education)),
                months_without_work=rng.randint(0, 120),
                income_source=rng.choice(values(cc.IncomeSource)),
                pup_profile=rng.choice(values(cc.PupProfile)),
                disability_degree=rng.choice(values(cc.DisabilityDegree)),
                created_by_id=cm,
                updated_by_id=cm,
                created_at=created,
                updated_at=created,
            )
            self.log(
                AuditAction.CREATE,
                casem.Participant,
                pid,
                when=created,
                actor=cm,
                text=f"{first} {last}",
                changes={"first_name": [None, first]},
            )
            for category in rng.sample(self.categories, rng.randint(1, 2)):
                t[casem.ParticipantEligibility].add(
                    participant_id=pid,
                    category_id=category,
                    evidence_type=rng.choice(values(cc.EvidenceType)),
                    evidence_number=f"DOK/{pid}",
                    evidence_date=opened - dt.timedelta(days=rng.randint(1, 30)),
                    verified_by_id=cm,
                    verified_at=created,
                    created_by_id=cm,
                    created_at=created,
                )
            # Stage of the case.
            age = (today - opened).days
            roll = rng.random()
            admitted = exited = None
            if age < 45 and roll < 0.35:
                status = cc.CaseStatus.REFERRED
            elif (age < 60 and roll < 0.7) or not_entered:
                # A club not yet entered in the register admits nobody (UZS art. 18 ust. 1).
                status = cc.CaseStatus.QUALIFIED
            elif roll > 0.97:
                status = cc.CaseStatus.REFUSED
            else:
                admitted = min(opened + dt.timedelta(days=rng.randint(5, 30)), today)
                planned = add_months(admitted, rng.choice(DURATIONS)) - dt.timedelta(days=rng.randint(0, 20))
                if planned <= today and rng.random() < 0.93:
                    status, exited = cc.CaseStatus.EXITED, max(planned, admitted)
                else:
                    status = cc.CaseStatus.ACTIVE
            reason = rng.choice(EXIT_REASONS) if exited else ""
            if reason == cc.ExitReason.TRANSFER_CIS and (is_cis or not self.cis):
                reason = cc.ExitReason.COMPLETED
            ops_agreement = is_cis and admitted is not None
            graduated = None
            if exited and reason in (cc.ExitReason.COMPLETED, cc.ExitReason.EMPLOYED):
                earliest = admitted if is_cis else add_months(admitted, 6)  # type: ignore[arg-type]
                if exited >= earliest:  # type: ignore[operator]
                    graduated = exited
            case_id = t[casem.Case].add(
                participant_id=pid,
                organisation_id=org.id,
                status=status,
                case_manager_id=cm,
                responsible_helper_id=cm,
                opened_on=opened,
                admitted_on=admitted,
                exited_on=exited,
                graduated_at=graduated,
                exit_reason=reason,
                exit_note="" if not exited else "Zakończenie udziału.",
                ops_agreement_organisation_id=ops if ops_agreement else None,
                ops_agreement_date=admitted - dt.timedelta(days=rng.randint(0, 3))
                if ops_agreement and admitted
                else None,
                ops_agreement_reference=f"OPS.{pid}" if ops_agreement else "",
                created_by_id=cm,
                updated_by_id=cm,
                created_at=created,
                updated_at=stamp(exited or admitted or opened),
            )
            self.log(
                AuditAction.CREATE,
                casem.Case,
                case_id,
                when=created,
                actor=cm,
                text=f"{first} {last}",
                changes={"status": [None, cc.CaseStatus.QUALIFIED]},
            )
            self.referral(rng, holder, pid, case_id, status, opened, (first, last, pesel, birth), ops, pups)
            if admitted is None:
                continue
            if pid % 97 == 0:  # now and then an admission date typed wrongly, then corrected with a reason
                t[casem.CaseCorrection].add(
                    case_id=case_id,
                    field=casem.CaseCorrection.ADMITTED_ON,
                    old_value=admitted - dt.timedelta(days=1),
                    new_value=admitted,
                    reason="Błąd przy wpisywaniu daty przyjęcia (data z listy obecności).",
                    created_by_id=cm,
                    created_at=stamp(admitted, 12),
                )
            self.log(
                AuditAction.UPDATE,
                casem.Case,
                case_id,
                when=stamp(admitted),
                actor=cm,
                text=f"{first} {last}",
                changes={"status": [cc.CaseStatus.QUALIFIED, cc.CaseStatus.ACTIVE]},
            )
            self.log(
                AuditAction.READ,
                casem.Participant,
                pid,
                when=stamp(admitted, 11),
                actor=cm,
                text=f"{first} {last}",
                part="profile",
            )
            end = exited or today
            self.plans(rng, holder, case_id, cm, opened, admitted, exited, end, reason, is_cis)
            present = self.attendance(rng, holder, i % 2, case_id, cm, admitted, end)
            if exited:
                self.log(
                    AuditAction.UPDATE,
                    casem.Case,
                    case_id,
                    when=stamp(exited),
                    actor=cm,
                    text=f"{first} {last}",
                    changes={"status": [cc.CaseStatus.ACTIVE, cc.CaseStatus.EXITED]},
                )
                self.exit(rng, holder, case_id, cm, exited, reason, (first, last, pesel, birth))
            if not is_cis and exited and reason == cc.ExitReason.COMPLETED:
                months = len(rules.longest_attendance_run(present))
                if months >= rules.CERTIFICATE_MONTHS:
                    key = (org.id, exited.year)
                    self.certificates[key] = self.certificates.get(key, 0) + 1
                    t[Certificate].add(
                        case_id=case_id,
                        number=f"KIS/{org.id}/{exited.year}/{self.certificates[key]:04d}",
                        issued_on=exited,
                        months_attended=months,
                        created_by_id=holder.manager,
                        created_at=stamp(exited),
                    )
            self.bookings(rng, holder, case_id, cm, admitted, end, exited is not None, offer_load)
            if rng.random() < 0.3:
                self.consent(rng, holder, pid, case_id, cm, admitted, end, partners)

    # ------------------------------------------------------------------------------------------

    def referral(
        self,
        rng: Any,
        holder: Holder,
        pid: int,
        case_id: int,
        status: str,
        opened: dt.date,
        person: tuple[str, str, str, dt.date],
        ops: int,
        pups: list[int],
    ) -> None:
        first, last, pesel, birth = person
        if rng.random() < 0.25 and status not in (cc.CaseStatus.REFERRED, cc.CaseStatus.REFUSED):
            return  # came on their own
        source = rng.choice(
            [cc.ReferralSource.OPS, cc.ReferralSource.OPS, cc.ReferralSource.PUP, cc.ReferralSource.OTHER_INSTITUTION]
        )
        sender = rng.choice(pups) if source == cc.ReferralSource.PUP and pups else ops
        sent = opened - dt.timedelta(days=rng.randint(3, 20))
        by_case: dict[str, str] = {
            cc.CaseStatus.REFERRED: cc.ReferralStatus.UNDER_REVIEW,
            cc.CaseStatus.REFUSED: cc.ReferralStatus.REFUSED,
        }
        refstatus = by_case.get(status, cc.ReferralStatus.ACCEPTED)
        decided = refstatus != cc.ReferralStatus.UNDER_REVIEW
        self.t[casem.Referral].add(
            organisation_id=holder.org.id,
            source=source,
            sender_organisation_id=sender,
            sender_reference=f"SR/{pid}",
            sent_on=sent,
            first_name=first,
            last_name=last,
            pesel=pesel,
            birth_date=birth,
            justification="Osoba zagrożona wykluczeniem społecznym.",
            status=refstatus,
            qualification_team="Pracownik socjalny OPS\nKierownik KIS",
            review_started_on=sent + dt.timedelta(days=1),
            decided_on=opened if decided else None,
            decided_by_id=holder.manager if decided else None,
            refusal_reason=rng.choice(values(cc.RefusalReason)) if refstatus == cc.ReferralStatus.REFUSED else "",
            refusal_note="Uzasadnienie odmowy." if refstatus == cc.ReferralStatus.REFUSED else "",
            participant_id=pid,
            case_id=case_id,
            created_at=stamp(sent),
        )

    def plans(
        self,
        rng: Any,
        holder: Holder,
        case_id: int,
        cm: int,
        opened: dt.date,
        admitted: dt.date,
        exited: dt.date | None,
        end: dt.date,
        reason: str,
        is_cis: bool,
    ) -> None:
        t, run = self.t, self.run
        kind = (
            pc.ContractKind.IPZS
            if is_cis
            else (pc.ContractKind.SOCIAL_CONTRACT if rng.random() < 0.8 else pc.ContractKind.INTERNAL_AGREEMENT)
        )
        if exited:
            cstatus = (
                pc.ContractStatus.TERMINATED
                if reason == cc.ExitReason.SUPPORT_WITHDRAWN
                else pc.ContractStatus.COMPLETED
            )
        else:
            cstatus = pc.ContractStatus.IN_FORCE
        signed = max(opened, admitted - dt.timedelta(days=rng.randint(0, 4)))
        reviews = []
        day = signed + dt.timedelta(days=90)
        while day <= end:
            reviews.append(day)
            day += dt.timedelta(days=90)
        contract = self.created(
            pm.Contract,
            kind,
            day=signed,
            actor=cm,
            changes={"kind": [None, kind]},
            case_id=case_id,
            kind=kind,
            status=cstatus,
            review_interval_days=90,
            next_review_on=day if cstatus == pc.ContractStatus.IN_FORCE else None,
        )
        t[pm.ContractVersion].add(
            contract_id=contract,
            number=1,
            content="Cele: aktywizacja społeczna i zawodowa.",
            participant_words="Chcę wrócić do pracy.",
            valid_from=signed,
            participant_signed_on=signed,
            worker_signed_on=signed,
            worker_id=cm,
            created_by_id=cm,
            created_at=stamp(signed),
        )
        if reviews and rng.random() < 0.2:
            t[pm.ContractVersion].add(
                contract_id=contract,
                number=2,
                content="Cele zmienione po przeglądzie.",
                change_reason="Przegląd kontraktu",
                valid_from=reviews[0],
                participant_signed_on=reviews[0],
                worker_signed_on=reviews[0],
                worker_id=cm,
                created_by_id=cm,
                created_at=stamp(reviews[0]),
            )
        for day in reviews:
            t[pm.ContractReview].add(
                contract_id=contract,
                reviewed_on=day,
                outcome=rng.choice(values(pc.ReviewOutcome)),
                reviewed_by_id=cm,
                created_at=stamp(day),
            )
        if reason == cc.ExitReason.SUPPORT_WITHDRAWN and exited:
            t[pm.SanctionDecision].add(
                contract_id=contract,
                decision=pc.SanctionDecisionKind.WITHDRAW,
                reason="Rażące naruszenie kontraktu.",
                decided_on=exited,
                decided_by_id=holder.manager,
                created_at=stamp(exited),
            )
        set_on = opened + dt.timedelta(weeks=6)
        plan_status = (
            pc.PlanStatus.CLOSED if exited else (pc.PlanStatus.SET if set_on <= run.today else pc.PlanStatus.DRAFT)
        )
        plan = t[pm.ActionPlan].add(
            case_id=case_id,
            status=plan_status,
            set_on=set_on if plan_status != pc.PlanStatus.DRAFT else None,
            diagnosis_summary="Diagnoza i obserwacja.",
            participant_words="Chcę się usamodzielnić.",
            created_by_id=cm,
            created_at=stamp(admitted),
        )
        for sector in rng.sample(["education", "culture", "health", "sport"], rng.randint(0, 2)):
            self.plan_sectors.add(actionplan_id=plan, sector_id=sector)
        for n in range(2):
            due = set_on + dt.timedelta(days=60 * (n + 1))
            t[pm.PlanGoal].add(
                plan_id=plan,
                goal=f"Cel {n + 1}",
                actions="Udział w warsztatach.",
                sector_id=rng.choice(["education", "health", None]),
                start_on=set_on,
                due_on=due,
                achieved_on=due if exited and due <= exited and rng.random() < 0.6 else None,
                created_at=stamp(admitted),
            )
        assessed = min(admitted + dt.timedelta(days=7), end)
        assessment = t[pm.PotentialAssessment].add(
            case_id=case_id,
            assessed_on=assessed,
            assessed_by_id=cm,
            summary="Potencjał średni.",
            created_at=stamp(assessed),
        )
        for dimension, area in zip(
            rng.sample(values(pc.PotentialDimension), 2) * 2, rng.sample(values(pc.PotentialArea), 4), strict=True
        ):
            t[pm.PotentialItem].add(
                assessment_id=assessment,
                dimension=dimension,
                area=area,
                kind=rng.choice(values(pc.PotentialItemKind)),
                level=rng.randint(1, 5),
            )
        t[pm.ServiceCardEntry].add(
            case_id=case_id,
            part=pc.CardPart.GENERAL,
            entered_on=opened,
            author_id=cm,
            signed_at=stamp(opened, 12),
            personal_data="Dane w karcie uczestnika.",
            referred_by=rng.choice(values(pc.ReferralSource)),
            months_without_work=rng.randint(0, 60),
            education=rng.choice(values(pc.Education)),
            marital_status=rng.choice(values(pc.MaritalStatus)),
            income_source=rng.choice(values(pc.IncomeSource)),
            created_by_id=cm,
            created_at=stamp(opened, 12),
        )
        detailed = min(admitted + dt.timedelta(days=30), end)
        t[pm.ServiceCardEntry].add(
            case_id=case_id,
            part=pc.CardPart.DETAILED,
            entered_on=detailed,
            author_id=cm,
            signed_at=stamp(detailed, 12),
            social_needs="Wsparcie w relacjach.",
            vocational_needs="Kurs zawodowy.",
            proposed_support="Warsztaty, doradztwo.",
            participant_signed=True,
            participant_signed_on=detailed,
            created_by_id=cm,
            created_at=stamp(detailed, 12),
        )
        assessed = admitted + dt.timedelta(days=60)
        if assessed <= end:
            outcome = t[pm.OutcomeAssessment].add(
                case_id=case_id, assessed_on=assessed, assessed_by_id=cm, created_by_id=cm, created_at=stamp(assessed)
            )
            for measure in values(pc.OutcomeMeasure):
                t[pm.OutcomeScore].add(assessment_id=outcome, measure=measure, score=rng.randint(1, 5))
        if exited and reason in EXIT_OUTCOME:
            outcome_kind = EXIT_OUTCOME[reason]
            t[pm.OutcomeEvent].add(
                case_id=case_id,
                kind=outcome_kind,
                outcome_type=pc.outcome_type_of(outcome_kind),
                occurred_on=exited,
                recorded_by_id=cm,
                created_by_id=cm,
                created_at=stamp(exited),
            )
        if rng.random() < 0.15:
            kind = rng.choice(values(InstrumentKind))
            t[SupportInstrument].add(
                case_id=case_id,
                kind=kind,
                barrier=INSTRUMENT_BARRIER[kind],
                starts_on=admitted,
                ends_on=exited,
                cost=Decimal(rng.randint(50, 2000)),
                created_by_id=cm,
                created_at=stamp(admitted),
            )

    def attendance(
        self, rng: Any, holder: Holder, track: int, case_id: int, cm: int, admitted: dt.date, end: dt.date
    ) -> list[dt.date]:
        classes = holder.classes[track]
        lo = bisect.bisect_left(classes, (admitted, 0))
        hi = bisect.bisect_right(classes, (end, 1 << 62))
        if lo >= hi:
            return []
        table = self.t[Attendance]
        first = table.take_ids(hi - lo)
        present: list[dt.date] = []
        random = rng.random
        stamps = self.stamps
        rows: list[Any] = []
        text = self.as_text
        staff = holder.specialist
        for offset, (day, activity) in enumerate(classes[lo:hi]):
            roll = random()
            status = PRESENT if roll < 0.86 else (ABSENT if roll < 0.95 else EXCUSED)
            if status == PRESENT:
                present.append(day)
            when = stamps.get(day)
            if when is None:
                when = stamps[day] = stamp(day, 16).isoformat(sep=" ") if text else stamp(day, 16)
            if text:
                rows.append(f"{first + offset}\t{when}\t{when}\t{staff}\t{staff}\t{activity}\t{case_id}\t{status}\n")
            else:
                rows.append(self.attendance_row((first + offset, when, when, staff, staff, activity, case_id, status)))
        if text:
            table.extend_text(rows)
        else:
            table.extend(rows)
        return present

    def exit(
        self,
        rng: Any,
        holder: Holder,
        case_id: int,
        cm: int,
        exited: dt.date,
        reason: str,
        person: tuple[str, str, str, dt.date],
    ) -> None:
        first, last, pesel, birth = person
        run = self.run
        due = add_months(exited, casem.FOLLOW_UP_MONTHS)
        done = due + dt.timedelta(days=rng.randint(0, 14)) if due <= run.today and rng.random() < 0.8 else None
        if done and done > run.today:
            done = run.today
        self.t[casem.FollowUp].add(
            case_id=case_id,
            due_on=due,
            done_on=done,
            findings="Rozmowa telefoniczna." if done else "",
            outcome=rng.choice(values(cc.FollowUpOutcome)) if done else "",
            created_by_id=cm,
            created_at=stamp(exited),
        )
        if reason == cc.ExitReason.TRANSFER_CIS:
            cis = rng.choice(self.cis)
            self.t[casem.Referral].add(
                organisation_id=cis,
                source=cc.ReferralSource.OTHER_INSTITUTION,
                sender_organisation_id=holder.org.id,
                sent_by_id=cm,
                sent_on=exited,
                first_name=first,
                last_name=last,
                pesel=pesel,
                birth_date=birth,
                justification="Przejście do CIS.",
                status=rng.choice([cc.ReferralStatus.SENT, cc.ReferralStatus.UNDER_REVIEW]),
                from_case_id=case_id,
                created_by_id=cm,
                created_at=stamp(exited),
            )

    def bookings(
        self,
        rng: Any,
        holder: Holder,
        case_id: int,
        cm: int,
        admitted: dt.date,
        end: dt.date,
        exited: bool,
        offer_load: dict[int, int],
    ) -> None:
        sid, area = rng.choice(holder.services)
        starts = admitted + dt.timedelta(days=rng.randint(0, 10))
        status = BookingStatus.COMPLETED if exited else rng.choice([BookingStatus.CONFIRMED, BookingStatus.REQUESTED])
        self.created(
            Booking,
            "booking {pk}",
            day=admitted,
            actor=cm,
            changes={"status": [None, status]},
            case_id=case_id,
            service_id=sid,
            area=area,
            starts_on=starts,
            ends_on=max(starts, end),
            places=1,
            status=status,
        )
        if holder.offers and rng.random() < 0.3:
            oid, area, capacity = rng.choice(holder.offers)
            status = BookingStatus.COMPLETED if exited else BookingStatus.CONFIRMED
            if status == BookingStatus.CONFIRMED:
                if offer_load.get(oid, 0) >= capacity:
                    status = BookingStatus.CANCELLED
                else:
                    offer_load[oid] = offer_load.get(oid, 0) + 1
            self.t[Booking].add(
                case_id=case_id,
                offer_id=oid,
                area=area,
                starts_on=starts,
                ends_on=max(starts, end),
                places=1,
                status=status,
                created_by_id=cm,
                created_at=stamp(admitted),
            )

    def consent(
        self,
        rng: Any,
        holder: Holder,
        pid: int,
        case_id: int,
        cm: int,
        admitted: dt.date,
        end: dt.date,
        partners: list[int],
    ) -> None:
        given = min(admitted + dt.timedelta(days=rng.randint(1, 20)), self.run.today)
        roll = rng.random()
        status = (
            ConsentStatus.GRANTED
            if roll < 0.7
            else (ConsentStatus.AWAITING_HELPER if roll < 0.85 else ConsentStatus.WITHDRAWN)
        )
        helper = status == ConsentStatus.GRANTED or (status == ConsentStatus.WITHDRAWN and roll < 0.93)
        written = rng.random() < 0.7
        withdrawn = (
            min(given + dt.timedelta(days=rng.randint(10, 100)), self.run.today)
            if status == ConsentStatus.WITHDRAWN
            else None
        )
        self.created(
            Consent,
            "consent {pk}",
            day=given,
            actor=cm,
            changes={"status": [None, status]},
            participant_id=pid,
            case_id=case_id,
            partner_id=rng.choice(partners),
            service="Warsztaty partnera",
            service_reference="",
            data_scope=rng.sample(values(DataScope), rng.randint(1, 3)),
            participant_consent_on=given,
            participant_consent_form=ConsentForm.WRITTEN if written else ConsentForm.ELECTRONIC,
            participant_consent_document=f"ZG/{pid}" if written else "",
            helper_id=cm if helper else None,
            helper_consent_on=min(given + dt.timedelta(days=1), self.run.today) if helper else None,
            valid_from=given,
            valid_until=add_months(given, 12),
            status=status,
            withdrawn_at=stamp(withdrawn) if withdrawn else None,
            withdrawn_by_id=cm if withdrawn else None,
            withdrawal_reason="Wycofanie zgody przez uczestnika." if withdrawn else "",
        )


def people(run: Run) -> None:
    People(run).generate()
