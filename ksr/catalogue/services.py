"""Every write of the catalogue: atomic, permission-checked, validated, audited.

``data`` is a dict of model field names to values (a form's ``cleaned_data`` or a serializer's
``validated_data``). Each function raises ``PermissionDenied`` when ``actor`` may not write
there and ``ValidationError`` (translated) on bad input; either way nothing is written.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ksr.audit.services import record_create, record_update, snapshot
from ksr.catalogue import rules
from ksr.catalogue.choices import BOOKING_MACHINE, CAPACITY_STATUSES, INSTRUMENT_BARRIER, AttendanceStatus
from ksr.catalogue.models import (
    HOLDER_KINDS,
    Activity,
    Attendance,
    Booking,
    Certificate,
    Edition,
    Offer,
    Service,
    SupportInstrument,
)
from ksr.catalogue.partners import is_partner_of
from ksr.catalogue.querysets import CASE_WORKERS, CATALOGUE_MANAGERS, CLASS_STAFF, PARTNER_ROLES, may_act
from ksr.core.models import Tracked
from ksr.core.types import AnyUser
from ksr.registry.models import Organisation

if TYPE_CHECKING:
    from ksr.accounts.models import User
    from ksr.cases.models import Case

T = TypeVar("T", Service, Offer, Booking, Edition, Activity, Attendance, SupportInstrument, Certificate)
Editable = TypeVar("Editable", Service, Offer)  # what is edited after creation

SERVICE_FIELDS = ("name", "description", "service_type", "dimension", "area", "form", "mode", "provider", "is_active")
OFFER_FIELDS = (
    "holder",
    "title",
    "description",
    "kind",
    "area",
    "capacity",
    "available_from",
    "available_to",
    "is_active",
)
BOOKING_FIELDS = ("service", "offer", "starts_on", "ends_on", "places", "note")
EDITION_FIELDS = ("name", "starts_on", "ends_on", "needs_diagnosis")
ACTIVITY_FIELDS = ("service", "date", "topic", "hours", "mode", "leader")
INSTRUMENT_FIELDS = ("kind", "starts_on", "ends_on", "cost", "note")


def _actor_user(actor: AnyUser) -> User | None:
    return actor if actor.is_authenticated else None


def _only(data: Mapping[str, Any], fields: Iterable[str]) -> dict[str, Any]:
    allowed = set(fields)
    unknown = set(data) - allowed
    if unknown:
        raise ValidationError(_("Unknown fields: %(fields)s.") % {"fields": ", ".join(sorted(unknown))})
    return dict(data)


def _require(actor: AnyUser, organisation_id: int | None, roles: tuple[str, ...], message: str) -> None:
    if not may_act(actor, organisation_id, roles):
        raise PermissionDenied(message)


def _save(obj: Tracked, actor: AnyUser, *, creating: bool) -> None:
    obj.full_clean()
    if creating:
        obj.created_by = _actor_user(actor)
    obj.updated_by = _actor_user(actor)
    obj.save()


def _create(obj: T, actor: AnyUser) -> T:
    _save(obj, actor, creating=True)
    record_create(obj, actor=actor)
    return obj


def _update(
    obj: Editable,
    data: Mapping[str, Any],
    fields: Iterable[str],
    *,
    actor: AnyUser,
    roles: tuple[str, ...],
    message: str,
    check: Callable[[Editable], None],
) -> Editable:
    """Change ``obj``'s ``fields`` from ``data``: the row locked and re-read, the actor's roles
    in its organisation checked, then ``check`` (the kind's own rules), saved and audited."""
    plain = _only(data, fields)
    current = type(obj)._default_manager.select_for_update().get(pk=obj.pk)
    _require(actor, current.organisation_id, roles, message)
    before = snapshot(current)
    for name, value in plain.items():
        setattr(current, name, value)
    check(current)
    _save(current, actor, creating=False)
    record_update(current, before, actor=actor)
    return current


# --- services of the catalogue ---------------------------------------------------------------


def _check_service(service: Service) -> None:
    holder = service.organisation
    if holder.kind not in HOLDER_KINDS:
        raise ValidationError(_("A catalogue belongs to a KIS or CIS."))
    if service.provider_id and service.provider_id != holder.pk and not is_partner_of(service.provider, holder):
        raise ValidationError(
            {"provider": _("The provider must be the KIS/CIS itself or a partner organisation of its local network.")}
        )


@transaction.atomic
def do_create_service(organisation: Organisation, data: Mapping[str, Any], *, actor: AnyUser) -> Service:
    """Add a service to the catalogue of ``organisation`` (its manager only)."""
    _require(actor, organisation.pk, CATALOGUE_MANAGERS, _("Only the manager of this KIS/CIS edits its catalogue."))
    plain = _only(data, SERVICE_FIELDS)
    plain.setdefault("provider", organisation)
    if plain["provider"] is None:
        plain["provider"] = organisation
    service = Service(organisation=organisation, **plain)
    _check_service(service)
    return _create(service, actor)


def _provided_and_checked(service: Service) -> None:
    if service.provider_id is None:
        service.provider = service.organisation
    _check_service(service)


@transaction.atomic
def do_update_service(service: Service, data: Mapping[str, Any], *, actor: AnyUser) -> Service:
    return _update(
        service,
        data,
        SERVICE_FIELDS,
        actor=actor,
        roles=CATALOGUE_MANAGERS,
        message=_("Only the manager of this KIS/CIS edits its catalogue."),
        check=_provided_and_checked,
    )


# --- partner offers ----------------------------------------------------------------------------


def _check_offer(offer: Offer) -> None:
    if offer.holder.kind not in HOLDER_KINDS:
        raise ValidationError({"holder": _("Offers are made to a KIS or CIS.")})
    if not is_partner_of(offer.organisation, offer.holder):
        raise ValidationError({"holder": _("Your organisation is not a partner of this KIS/CIS's local network.")})


@transaction.atomic
def do_create_offer(organisation: Organisation, data: Mapping[str, Any], *, actor: AnyUser) -> Offer:
    """Publish an offer of the partner ``organisation`` to a KIS/CIS of its local network."""
    _require(
        actor, organisation.pk, PARTNER_ROLES, _("Only a representative of this organisation publishes its offers.")
    )
    offer = Offer(organisation=organisation, **_only(data, OFFER_FIELDS))
    if offer.holder_id is None:
        raise ValidationError({"holder": _("Choose the KIS/CIS the offer is made to.")})
    _check_offer(offer)
    return _create(offer, actor)


def _offer_still_fits(offer: Offer) -> None:
    _check_offer(offer)
    _check_capacity(offer, extra=0)  # a lower capacity must still hold the live bookings


@transaction.atomic
def do_update_offer(offer: Offer, data: Mapping[str, Any], *, actor: AnyUser) -> Offer:
    return _update(
        offer,
        data,
        OFFER_FIELDS,
        actor=actor,
        roles=PARTNER_ROLES,
        message=_("Only a representative of this organisation edits its offers."),
        check=_offer_still_fits,
    )


def _check_capacity(offer: Offer, *, extra: int) -> None:
    booked = offer.bookings.filter(status__in=CAPACITY_STATUSES).aggregate(total=models.Sum("places", default=0))[
        "total"
    ]
    if booked + extra > offer.capacity:
        raise ValidationError(
            {"places": _("The offer has %(free)d free place(s) left.") % {"free": max(offer.capacity - booked, 0)}}
        )


# --- bookings ----------------------------------------------------------------------------------


@transaction.atomic
def do_create_booking(case: Case, data: Mapping[str, Any], *, actor: AnyUser) -> Booking:
    """Book a service of the holder's catalogue or a partner offer into the participant's plan."""
    _require(actor, case.organisation_id, CASE_WORKERS, _("Only the case manager of this KIS/CIS books services."))
    booking = Booking(case=case, **_only(data, BOOKING_FIELDS))
    errors: dict[str, list[str]] = {}
    if (service := booking.service) is not None:
        if service.organisation_id != case.organisation_id:
            errors["service"] = [_("Choose a service of this KIS/CIS's catalogue.")]
        elif not service.is_active:
            errors["service"] = [_("This service is no longer offered.")]
        booking.area = service.area
    if booking.offer_id:
        offer = Offer.objects.select_for_update().get(pk=booking.offer_id)
        if offer.holder_id != case.organisation_id:
            errors["offer"] = [_("Choose an offer made to this KIS/CIS.")]
        elif not offer.is_active:
            errors["offer"] = [_("This offer is no longer published.")]
        elif booking.starts_on and not offer.covers(booking.starts_on, booking.ends_on):
            errors["starts_on"] = [
                _("The offer is available from %(start)s to %(end)s.")
                % {"start": offer.available_from.isoformat(), "end": offer.available_to.isoformat()}
            ]
        booking.area = offer.area
    if errors:
        raise ValidationError(errors)
    booking.full_clean()
    if booking.offer_id:
        _check_capacity(offer, extra=booking.places)
    return _create(booking, actor)


@transaction.atomic
def do_change_booking_status(booking: Booking, status: str, *, actor: AnyUser) -> Booking:
    """Move a booking along its lifecycle (``choices.BOOKING_MACHINE``: row locked, state re-read)."""
    _require(
        actor, booking.case.organisation_id, CASE_WORKERS, _("Only the case manager of this KIS/CIS manages bookings.")
    )
    before = snapshot(booking)
    BOOKING_MACHINE.move(booking, status, actor=actor)
    booking.updated_by = _actor_user(actor)
    booking.save(update_fields=["status", "updated_by", "updated_at"])
    record_update(booking, before, actor=actor)
    return booking


# --- programme editions, activities and attendance -------------------------------------------


@transaction.atomic
def do_create_edition(organisation: Organisation, data: Mapping[str, Any], *, actor: AnyUser) -> Edition:
    _require(actor, organisation.pk, CATALOGUE_MANAGERS, _("Only the manager of this KIS/CIS plans its editions."))
    if organisation.kind not in HOLDER_KINDS:
        raise ValidationError(_("A programme edition belongs to a KIS or CIS."))
    return _create(Edition(organisation=organisation, **_only(data, EDITION_FIELDS)), actor)


@transaction.atomic
def do_create_activity(edition: Edition, data: Mapping[str, Any], *, actor: AnyUser) -> Activity:
    _require(actor, edition.organisation_id, CLASS_STAFF, _("Only the staff of this KIS/CIS record its classes."))
    activity = Activity(edition=edition, **_only(data, ACTIVITY_FIELDS))
    if activity.service_id and activity.service and activity.service.organisation_id != edition.organisation_id:
        raise ValidationError({"service": _("Choose a service of this KIS/CIS's catalogue.")})
    return _create(activity, actor)


@transaction.atomic
def do_record_attendance(activity: Activity, statuses: Mapping[Case, str], *, actor: AnyUser) -> list[Attendance]:
    """Set the attendance of a class in one go: ``{case: status}``; unchanged rows are left alone."""
    organisation_id = activity.edition.organisation_id
    _require(actor, organisation_id, CLASS_STAFF, _("Only the staff of this KIS/CIS keep its attendance lists."))
    valid = set(AttendanceStatus.values)
    existing = {a.case_id: a for a in Attendance.objects.select_for_update().filter(activity=activity)}
    saved: list[Attendance] = []
    for case, status in statuses.items():
        if case.organisation_id != organisation_id:
            raise ValidationError(_("A participant of another KIS/CIS cannot be on this attendance list."))
        if status not in valid:
            raise ValidationError(_("Unknown attendance status."))
        row = existing.get(case.pk)
        if row is None:
            row = _create(Attendance(activity=activity, case=case, status=status), actor)
        elif row.status != status:
            before = snapshot(row)
            row.status = status
            _save(row, actor, creating=False)
            record_update(row, before, actor=actor)
        saved.append(row)
    return saved


# --- support instruments and certificates -----------------------------------------------------


@transaction.atomic
def do_create_support_instrument(case: Case, data: Mapping[str, Any], *, actor: AnyUser) -> SupportInstrument:
    _require(
        actor,
        case.organisation_id,
        CASE_WORKERS,
        _("Only the case manager of this KIS/CIS grants support instruments."),
    )
    instrument = SupportInstrument(case=case, **_only(data, INSTRUMENT_FIELDS))
    instrument.barrier = INSTRUMENT_BARRIER.get(instrument.kind, "")
    return _create(instrument, actor)


def present_days(case: Case) -> list[dt.date]:
    """Dates on which the participant of ``case`` was present at a class."""
    return list(
        Attendance.objects.filter(case=case, status=AttendanceStatus.PRESENT).values_list("activity__date", flat=True)
    )


def _participation_end(case: Case, day: dt.date) -> dt.date:
    return min(day, case.exited_on) if case.exited_on else day


def certificate_months(case: Case, day: dt.date | None = None) -> int:
    """Rule (c)'s count on ``day`` (today): unbroken calendar months present, from the admission on."""
    if case.admitted_on is None:
        return 0
    end = _participation_end(case, day or timezone.localdate())
    return rules.months_of_participation(present_days(case), case.admitted_on, end)


def six_months_missing(case: Case, day: dt.date) -> str | None:
    """Why a KIS participant has not yet six months of participation on ``day`` (``None`` when they have).

    The one rule behind both the graduate status (registered with ``cases.admission``) and the
    certificate: rules.py, rule (c).
    """
    if case.admitted_on is None:
        return _("The participant has not been admitted.")
    days = present_days(case)
    if rules.certificate_eligible(days, case.admitted_on, _participation_end(case, day)):
        return None
    months = rules.months_of_participation(days, case.admitted_on, _participation_end(case, day))
    return _(
        "At least %(required)d months of classes attended after the admission are needed (present in each "
        "calendar month, and not before %(date)s); so far: %(months)d."
    ) % {
        "required": rules.CERTIFICATE_MONTHS,
        "date": rules.add_months(case.admitted_on, rules.CERTIFICATE_MONTHS).isoformat(),
        "months": months,
    }


def _next_certificate_number(case: Case, year: int) -> str:
    """``KIS-<organisation id>/<year>/ZAŚ/<sequence>``: one sequence per club and year.

    The club's row is locked so that two certificates issued at once get different numbers (the
    number is also unique in the database).
    """
    Organisation.objects.select_for_update().filter(pk=case.organisation_id).first()
    count = Certificate.objects.filter(case__organisation_id=case.organisation_id, issued_on__year=year).count()
    return f"KIS-{case.organisation_id}/{year}/ZAŚ/{count + 1:04d}"


@transaction.atomic
def do_issue_certificate(case: Case, *, actor: AnyUser, issued_on: dt.date | None = None) -> Certificate:
    """Issue the KIS graduate certificate with its number; refused unless rule (c) holds (rules.py)."""
    _require(
        actor, case.organisation_id, CATALOGUE_MANAGERS, _("Only the manager of this KIS/CIS issues certificates.")
    )
    if case.is_cis:
        raise ValidationError(_("The graduate certificate is issued by a KIS, not by a CIS."))
    if Certificate.objects.filter(case=case).exists():
        raise ValidationError(_("A certificate was already issued for this participation."))
    day = issued_on or timezone.localdate()
    problem = six_months_missing(case, day)
    if problem:
        raise ValidationError(_("The certificate cannot be issued yet. %(problem)s") % {"problem": problem})
    certificate = Certificate(
        case=case,
        issued_on=day,
        months_attended=certificate_months(case, day),
        number=_next_certificate_number(case, day.year),
    )
    return _create(certificate, actor)
