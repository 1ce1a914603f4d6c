"""``check_data``: a random sample of every model through ``full_clean`` and the invariants the
services keep (dates in order, one holder per participant, attendance inside the admission,
class hours, live consents, register states, certificates, follow-ups…), all read-only."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable, Iterable
from decimal import Decimal
from typing import Any

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Max, Min, Sum
from stdnum.pl import pesel as stdnum_pesel

from ksr.accounts.models import Membership
from ksr.cases.choices import CaseStatus
from ksr.cases.models import FOLLOW_UP_MONTHS, add_months
from ksr.catalogue import rules
from ksr.catalogue.choices import AttendanceStatus
from ksr.core.text import fold
from ksr.dataset.generate import KSR_APPS
from ksr.pipeline.choices import Stage, gate_errors
from ksr.plans.queries import has_signed_ipzs
from ksr.privacy.choices import ConsentStatus
from ksr.procedures.choices import TaskStatus
from ksr.procedures.models import PRODUCT_REQUIRES
from ksr.registers.choices import EntryStatus
from ksr.registry.choices import OrganisationKind

MAX_DAILY_HOURS = Decimal(8)  # classes of one edition in one day (a working day of teaching hours)


Check = Callable[[Any, dt.date], Iterable[str]]
INVARIANTS: dict[str, Check] = {}


def invariant(label: str) -> Callable[[Check], Check]:
    def register(check: Check) -> Check:
        INVARIANTS[label] = check
        return check

    return register


@invariant("registry.Organisation")
def _organisation(org: Any, today: dt.date) -> Iterable[str]:
    if org.stakeholder_type != org.derive_stakeholder_type():
        yield "the stakeholder type does not follow from the statutory goal"
    if org.name_folded != org.fold_name():
        yield "the folded name is stale"


@invariant("registers.RegisterEntry")
def _entry(entry: Any, today: dt.date) -> Iterable[str]:
    if entry.entity_kind != entry.organisation.kind:
        yield "the entity kind differs from the organisation's kind"
    if entry.voivodeship.code != entry.organisation.seat.code[:2]:
        yield "the register's voivodeship is not the seat's"
    entered = entry.status in (EntryStatus.ENTERED, EntryStatus.STRUCK_OFF)
    if entered and not (entry.register_number and entry.entry_date):
        yield "an entered entity needs its register number and entry date"
    if entry.status == EntryStatus.NOTIFIED and (entry.entry_date or entry.struck_off_date):
        yield "a notified entity has no entry or strike-off date"
    if entry.entry_date and entry.entry_date < entry.notification_date:
        yield "entered before it was notified"
    if entry.status == EntryStatus.STRUCK_OFF and not (entry.struck_off_date and entry.strike_off_reason):
        yield "a struck-off entity needs the date and the reason"
    if entry.struck_off_date and entry.entry_date and entry.struck_off_date < entry.entry_date:
        yield "struck off before it was entered"


@invariant("cases.Participant")
def _participant(participant: Any, today: dt.date) -> Iterable[str]:
    if participant.pesel:
        if stdnum_pesel.get_birth_date(participant.pesel) != participant.birth_date:
            yield "the birth date differs from the PESEL"
        if ("M" if stdnum_pesel.get_gender(participant.pesel) == "M" else "F") != participant.sex:
            yield "the sex differs from the PESEL"
    if participant.cases.exclude(organisation_id=participant.organisation_id).exists():
        yield "a case of the participant is held by another organisation"
    if participant.consents.exclude(case__participant_id=participant.pk).exists():
        yield "a consent names a case of another participant"


@invariant("cases.Case")
def _case(case: Any, today: dt.date) -> Iterable[str]:
    if case.participant.organisation_id != case.organisation_id:
        yield "the participant belongs to another organisation"
    admitted = case.status in (CaseStatus.ACTIVE, CaseStatus.EXITED)
    if admitted != (case.admitted_on is not None):
        yield "only an active or exited case has an admission date"
    if case.admitted_on and case.admitted_on < case.opened_on:
        yield "admitted before the case was opened"
    if (case.status == CaseStatus.EXITED) != (case.exited_on is not None):
        yield "only an exited case has an exit date"
    if case.exited_on:
        if not case.exit_reason:
            yield "an exit needs its reason"
        if case.admitted_on and case.exited_on < case.admitted_on:
            yield "exited before admission"
        if case.exited_on > today:
            yield "exited in the future"
        follow_up = getattr(case, "follow_up", None)
        if follow_up is None or follow_up.due_on != add_months(case.exited_on, FOLLOW_UP_MONTHS):
            yield "an exit schedules the follow-up six months later"
    if case.graduated_at:
        earliest = case.graduation_earliest()
        if earliest is None or case.graduated_at < earliest:
            yield "graduated before the minimum participation"
    entry = getattr(case.organisation, "register_entry", None)
    if case.admitted_on and entry is not None and entry.status == EntryStatus.NOTIFIED:
        yield "admitted by a club not entered in the register"
    if case.organisation.kind == OrganisationKind.CIS and case.admitted_on:
        if not has_signed_ipzs(case):
            yield "a CIS admits only after a signed IPZS"
        if not case.has_ops_agreement:
            yield "a CIS admits only with the OPS head's agreement"
    if (
        case.case_manager_id
        and not Membership.objects.filter(user_id=case.case_manager_id, organisation_id=case.organisation_id).exists()
    ):
        yield "the case manager does not work in this KIS/CIS"


@invariant("cases.FollowUp")
def _follow_up(follow_up: Any, today: dt.date) -> Iterable[str]:
    exited = follow_up.case.exited_on
    if exited is None:
        yield "a follow-up belongs to an exited case"
    elif follow_up.done_on and follow_up.done_on < exited:
        yield "the follow-up was done before the exit"


@invariant("catalogue.Attendance")
def _attendance(row: Any, today: dt.date) -> Iterable[str]:
    activity, case = row.activity, row.case
    if activity.edition.organisation_id != case.organisation_id:
        yield "a participant of another KIS/CIS is on the attendance list"
    if case.admitted_on is None or activity.date < case.admitted_on:
        yield "attendance before the admission"
    if activity.date > (case.exited_on or today):
        yield "attendance after the exit"


@invariant("catalogue.Activity")
def _activity(activity: Any, today: dt.date) -> Iterable[str]:
    hours = activity.edition.activities.filter(date=activity.date).aggregate(total=Sum("hours"))["total"]
    if hours and hours > MAX_DAILY_HOURS:
        yield f"{hours} teaching hours on {activity.date} (at most {MAX_DAILY_HOURS})"
    if activity.service_id and activity.service.organisation_id != activity.edition.organisation_id:
        yield "the service is of another catalogue"


@invariant("catalogue.Edition")
def _edition(edition: Any, today: dt.date) -> Iterable[str]:
    if edition.organisation.kind not in (OrganisationKind.KIS, OrganisationKind.CIS):
        yield "an edition belongs to a KIS or CIS"
    if not edition.lasts_minimum:
        yield "the edition lasts less than 3 months"
    # Rule (a) on the months the edition covers whole, before the month of its last recorded class
    # (the diary of the current month is still being written).
    last_class = edition.activities.aggregate(last=Max("date"))["last"]
    for check in edition.monthly_checks():
        first = check.first_day
        last = rules.add_months(first, 1) - dt.timedelta(days=1)
        recorded = last_class is not None and last < last_class.replace(day=1)
        whole = first >= edition.starts_on and last <= edition.ends_on
        if whole and recorded and last < today and not check.meets:
            yield f"{check.hours} h in {first:%Y-%m} (at least {rules.MONTHLY_HOURS} h a month)"


@invariant("catalogue.Booking")
def _booking(booking: Any, today: dt.date) -> Iterable[str]:
    if booking.service_id and booking.service.organisation_id != booking.case.organisation_id:
        yield "a service of another catalogue"
    if booking.offer_id and booking.offer.holder_id != booking.case.organisation_id:
        yield "an offer made to another KIS/CIS"
    booked = booking.booked
    if booked is not None and booked.area != booking.area:
        yield "the area differs from the booked service's"


@invariant("catalogue.Certificate")
def _certificate(certificate: Any, today: dt.date) -> Iterable[str]:
    case = certificate.case
    if case.organisation.kind != OrganisationKind.KIS:
        yield "only a KIS issues graduate certificates"
    days = case.attendance.filter(status=AttendanceStatus.PRESENT).values_list("activity__date", flat=True)
    if len(rules.longest_attendance_run(days)) < rules.CERTIFICATE_MONTHS:
        yield "fewer than 6 consecutive months of attendance"


@invariant("privacy.Consent")
def _consent(consent: Any, today: dt.date) -> Iterable[str]:
    if consent.case.organisation_id != consent.participant.organisation_id:
        yield "the case and the participant belong to different holders"
    if consent.status == ConsentStatus.GRANTED and not (consent.helper_id and consent.helper_consent_on):
        yield "a granted consent needs both consents (participant and responsible helper)"
    if consent.status == ConsentStatus.AWAITING_HELPER and consent.helper_consent_on:
        yield "the helper has already consented"
    if (consent.status == ConsentStatus.WITHDRAWN) != (consent.withdrawn_at is not None):
        yield "only a withdrawn consent has a withdrawal time"
    if consent.helper_consent_on and consent.helper_consent_on < consent.participant_consent_on:
        yield "the helper consented before the participant"


@invariant("pipeline.Initiative")
def _initiative(initiative: Any, today: dt.date) -> Iterable[str]:
    if initiative.stage != Stage.ABANDONED:
        yield from gate_errors(initiative, initiative.stage)


@invariant("procedures.ProcedureTask")
def _procedure_task(task: Any, today: dt.date) -> Iterable[str]:
    if task.status != TaskStatus.DONE:
        return
    for name in PRODUCT_REQUIRES.get(task.product_kind, ()):
        value = task.product_recipients.exists() if name == "product_recipients" else getattr(task, name)
        if not value:
            yield f"a done step of this kind records {name}"


def concrete_models() -> list[type[models.Model]]:
    return [
        m
        for m in apps.get_models(include_auto_created=True)
        if m._meta.app_label in KSR_APPS and not m._meta.proxy and m._meta.managed
    ]


def sample(model: type[models.Model], k: int, rng: random.Random) -> list[models.Model]:
    manager = model._base_manager
    pk = model._meta.pk
    if not isinstance(pk, models.AutoField | models.BigAutoField):
        return _shuffled(list(manager.order_by("pk")), k, rng)
    bounds = manager.aggregate(lo=Min("pk"), hi=Max("pk"))
    if bounds["lo"] is None:
        return []
    lo, hi = bounds["lo"], bounds["hi"]
    span = hi - lo + 1
    if span <= 3 * k:
        return _shuffled(list(manager.order_by("pk")), k, rng)
    candidates = rng.sample(range(lo, hi + 1), min(span, 3 * k))
    found = manager.in_bulk(candidates)
    return [found[c] for c in candidates if c in found][:k]


def _shuffled(rows: list[models.Model], k: int, rng: random.Random) -> list[models.Model]:
    rng.shuffle(rows)
    return rows[:k]


def check_object(obj: models.Model, today: dt.date) -> list[str]:
    problems: list[str] = []
    try:
        obj.full_clean()
    except ValidationError as exc:
        problems += [f"{field}: {'; '.join(map(str, messages))}" for field, messages in exc.message_dict.items()]
    except Exception as exc:
        problems.append(f"full_clean raised {exc.__class__.__name__}: {exc}")
    check = INVARIANTS.get(obj._meta.label)
    if check is not None:
        problems += list(check(obj, today))
    return problems


def check_data(k: int, *, seed: int, today: dt.date, out: Callable[[str], None], only: Iterable[str] = ()) -> int:
    """Validate ``k`` random rows of every model (or of the ``only`` labels); print per model;
    return the number of failing rows."""
    rng = random.Random(seed)  # noqa: S311 — a reproducible sample, not a secret
    failures = 0
    chosen = {label.lower() for label in only}
    for model in concrete_models():
        if chosen and model._meta.label_lower not in chosen:
            continue
        rows = sample(model, k, rng)
        failed = 0
        for obj in rows:
            problems = check_object(obj, today)
            if problems:
                failed += 1
                for problem in problems:
                    out(f"  FAIL {model._meta.label} #{obj.pk}: {problem}")
        failures += failed
        out(f"{model._meta.label:<48} checked {len(rows):>5} failed {failed:>5}")
    return failures


__all__ = ["INVARIANTS", "check_data", "fold"]
