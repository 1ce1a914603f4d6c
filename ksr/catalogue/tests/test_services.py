import datetime as dt
from decimal import Decimal
from itertools import product

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from ksr.audit.choices import AuditAction
from ksr.audit.models import AuditEntry
from ksr.catalogue.choices import (
    BOOKING_MACHINE,
    AttendanceStatus,
    Barrier,
    BookingStatus,
    InstrumentKind,
    Mode,
    ServiceArea,
)
from ksr.catalogue.models import Activity, Attendance, Booking, Certificate, Offer, Service
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
    do_update_service,
)
from ksr.catalogue.tests.conftest import START, make_case, service_data

D = dt.date


def test_manager_adds_own_service_with_audit(cast):
    service = do_create_service(cast.kis_waw, service_data(), actor=cast.kis_manager)
    assert service.provider == cast.kis_waw and service.is_own
    assert AuditEntry.objects.filter(action=AuditAction.CREATE, object_id=str(service.pk)).exists()


@pytest.mark.parametrize("who", ["case_manager", "partner", "zenon", "nobody"])
def test_only_the_manager_edits_the_catalogue(cast, who):
    with pytest.raises(PermissionDenied):
        do_create_service(cast.kis_waw, service_data(), actor=getattr(cast, who))
    assert not Service.objects.exists()


def test_partner_of_the_lsr_may_provide(cast, lsr):
    service = do_create_service(cast.kis_waw, service_data(provider=cast.library_waw), actor=cast.kis_manager)
    assert not service.is_own


def test_organisation_outside_the_lsr_may_not_provide(cast, lsr):
    with pytest.raises(ValidationError) as exc:
        do_create_service(cast.kis_waw, service_data(provider=cast.ops_waw), actor=cast.kis_manager)
    assert "provider" in exc.value.message_dict
    assert not Service.objects.exists()


def test_catalogue_belongs_to_a_kis_or_cis(cast):
    with pytest.raises(ValidationError):
        do_create_service(cast.library_waw, service_data(), actor=cast.admin)


def test_update_service_records_changes(cast, service):
    do_update_service(service, {"is_active": False}, actor=cast.kis_manager)
    entry = AuditEntry.objects.get(action=AuditAction.UPDATE, object_id=str(service.pk))
    assert entry.changes == {"is_active": [True, False]}


def _offer_data(cast, **extra):
    data = {
        "holder": cast.kis_waw,
        "title": "Sala gimnastyczna",
        "kind": "room",
        "area": ServiceArea.SPORT,
        "capacity": 10,
        "available_from": START,
        "available_to": D(2026, 6, 30),
    }
    data.update(extra)
    return data


def test_partner_publishes_an_offer(cast, lsr):
    offer = do_create_offer(cast.library_waw, _offer_data(cast), actor=cast.partner)
    assert offer.organisation == cast.library_waw


def test_partner_outside_the_lsr_cannot_offer(cast):
    with pytest.raises(ValidationError):
        do_create_offer(cast.library_waw, _offer_data(cast), actor=cast.partner)
    assert not Offer.objects.exists()


def test_only_the_partner_representative_publishes(cast, lsr):
    with pytest.raises(PermissionDenied):
        do_create_offer(cast.library_waw, _offer_data(cast), actor=cast.kis_manager)


def test_offer_window_must_be_ordered(cast, lsr):
    with pytest.raises(ValidationError):
        do_create_offer(cast.library_waw, _offer_data(cast, available_to=D(2025, 12, 31)), actor=cast.partner)


def test_case_manager_books_a_service(cast, case, service):
    booking = do_create_booking(case, {"service": service, "starts_on": D(2026, 2, 1)}, actor=cast.case_manager)
    assert booking.area == ServiceArea.CULTURE and booking.status == BookingStatus.REQUESTED
    assert AuditEntry.objects.filter(action=AuditAction.CREATE, object_id=str(booking.pk)).exists()


@pytest.mark.parametrize("who", ["specialist", "partner", "zenon", "ops_worker"])
def test_others_cannot_book(cast, case, service, who):
    with pytest.raises(PermissionDenied):
        do_create_booking(case, {"service": service, "starts_on": D(2026, 2, 1)}, actor=getattr(cast, who))


def test_booking_needs_exactly_one_target(cast, case, service, offer):
    with pytest.raises(ValidationError):
        do_create_booking(case, {"starts_on": D(2026, 2, 1)}, actor=cast.case_manager)
    with pytest.raises(ValidationError):
        do_create_booking(
            case, {"service": service, "offer": offer, "starts_on": D(2026, 2, 1)}, actor=cast.case_manager
        )
    assert not Booking.objects.exists()


def test_cannot_book_another_clubs_service(cast, other_case, service):
    with pytest.raises((ValidationError, PermissionDenied)):
        do_create_booking(other_case, {"service": service, "starts_on": D(2026, 2, 1)}, actor=cast.zenon)
    assert not Booking.objects.exists()


def test_offer_capacity_is_enforced(cast, offer):
    a, b, c = (make_case(cast.kis_waw, last=n) for n in ("A", "B", "C"))
    do_create_booking(a, {"offer": offer, "starts_on": D(2026, 3, 1)}, actor=cast.case_manager)
    do_create_booking(b, {"offer": offer, "starts_on": D(2026, 3, 1)}, actor=cast.case_manager)
    with pytest.raises(ValidationError) as exc:
        do_create_booking(c, {"offer": offer, "starts_on": D(2026, 3, 1)}, actor=cast.case_manager)
    assert "places" in exc.value.message_dict
    # a cancelled booking frees its place
    first = Booking.objects.get(case=a)
    do_change_booking_status(first, BookingStatus.CANCELLED, actor=cast.case_manager)
    do_create_booking(c, {"offer": offer, "starts_on": D(2026, 3, 1)}, actor=cast.case_manager)


def test_offer_window_is_enforced(cast, case, offer):
    with pytest.raises(ValidationError) as exc:
        do_create_booking(case, {"offer": offer, "starts_on": D(2027, 1, 5)}, actor=cast.case_manager)
    assert "starts_on" in exc.value.message_dict


ALL_PAIRS = list(product(BookingStatus.values, BookingStatus.values))


@pytest.mark.parametrize(("old", "new"), ALL_PAIRS)
def test_booking_transitions_both_ways(cast, case, service, old, new):
    booking = Booking.objects.create(case=case, service=service, area=service.area, starts_on=START, status=old)
    if booking.can_move_to(new):
        do_change_booking_status(booking, new, actor=cast.case_manager)
        booking.refresh_from_db()
        assert booking.status == new
    else:
        with pytest.raises(ValidationError) as exc:
            do_change_booking_status(booking, new, actor=cast.case_manager)
        assert exc.value.code == "invalid_transition"
        booking.refresh_from_db()
        assert booking.status == old


def test_booking_machine_is_declared_once():
    assert BOOKING_MACHINE.targets(BookingStatus.REQUESTED) == {BookingStatus.CONFIRMED, BookingStatus.CANCELLED}
    assert BOOKING_MACHINE.is_final(BookingStatus.COMPLETED) and BOOKING_MACHINE.is_final(BookingStatus.CANCELLED)


def test_a_stale_booking_is_refused_already_changed(cast, case, service):
    booking = Booking.objects.create(case=case, service=service, area=service.area, starts_on=START)
    stale = Booking.objects.get(pk=booking.pk)
    do_change_booking_status(booking, BookingStatus.CONFIRMED, actor=cast.case_manager)
    with pytest.raises(ValidationError) as exc:
        do_change_booking_status(stale, BookingStatus.CANCELLED, actor=cast.case_manager)
    assert exc.value.code == "already_changed"
    assert Booking.objects.get(pk=booking.pk).status == BookingStatus.CONFIRMED


def test_edition_and_activity(cast, edition):
    activity = do_create_activity(
        edition,
        {
            "date": D(2026, 1, 10),
            "topic": "Trening komunikacji",
            "hours": Decimal(4),
            "mode": Mode.GROUP,
            "leader": "C. Psycholog",
        },
        actor=cast.specialist,
    )
    assert activity.edition == edition
    with pytest.raises(ValidationError):
        do_create_activity(
            edition,
            {"date": D(2026, 8, 1), "topic": "Po edycji", "hours": Decimal(2), "mode": Mode.GROUP, "leader": "X"},
            actor=cast.specialist,
        )
    with pytest.raises(PermissionDenied):
        do_create_edition(
            cast.kis_waw, {"name": "E", "starts_on": START, "ends_on": D(2026, 4, 1)}, actor=cast.specialist
        )


def test_record_attendance_in_one_go(cast, edition, case):
    second = make_case(cast.kis_waw, "Ewa", "Nowak")
    activity = Activity.objects.create(
        edition=edition, date=D(2026, 1, 12), topic="T", hours=4, mode=Mode.GROUP, leader="L"
    )
    do_record_attendance(
        activity, {case: AttendanceStatus.PRESENT, second: AttendanceStatus.ABSENT}, actor=cast.specialist
    )
    do_record_attendance(
        activity, {case: AttendanceStatus.PRESENT, second: AttendanceStatus.EXCUSED}, actor=cast.specialist
    )
    assert dict(Attendance.objects.values_list("case_id", "status")) == {
        case.pk: AttendanceStatus.PRESENT,
        second.pk: AttendanceStatus.EXCUSED,
    }
    # one create per row, one update for the changed row, nothing for the unchanged one
    assert AuditEntry.objects.filter(content_type__model="attendance", action=AuditAction.UPDATE).count() == 1


def test_attendance_refuses_other_clubs_participant(cast, edition, other_case):
    activity = Activity.objects.create(
        edition=edition, date=D(2026, 1, 12), topic="T", hours=4, mode=Mode.GROUP, leader="L"
    )
    with pytest.raises(ValidationError):
        do_record_attendance(activity, {other_case: AttendanceStatus.PRESENT}, actor=cast.kis_manager)
    assert not Attendance.objects.exists()


def test_support_instrument_records_barrier_and_cost(cast, case):
    instrument = do_create_support_instrument(
        case,
        {"kind": InstrumentKind.BIKE_LOAN, "starts_on": D(2026, 4, 1), "cost": Decimal("120.00")},
        actor=cast.case_manager,
    )
    assert instrument.barrier == Barrier.TRANSPORT
    with pytest.raises(ValidationError):
        do_create_support_instrument(
            case,
            {"kind": InstrumentKind.DAY_ROOM, "starts_on": D(2026, 4, 1), "cost": Decimal("-1")},
            actor=cast.case_manager,
        )
    with pytest.raises(PermissionDenied):
        do_create_support_instrument(
            case, {"kind": InstrumentKind.DAY_ROOM, "starts_on": D(2026, 4, 1)}, actor=cast.partner
        )


def _attend(edition, case, months):
    for year, month in months:
        activity = Activity.objects.create(
            edition=edition, date=D(year, month, 15), topic="T", hours=4, mode=Mode.GROUP, leader="L"
        )
        Attendance.objects.create(activity=activity, case=case, status=AttendanceStatus.PRESENT)


def test_certificate_refused_before_six_months(cast, edition, case):
    _attend(edition, case, [(2026, m) for m in range(1, 6)])
    with pytest.raises(ValidationError) as exc:
        do_issue_certificate(case, actor=cast.kis_manager)
    assert "5" in exc.value.messages[0]
    assert not Certificate.objects.exists()


def test_certificate_issued_after_six_months(cast, edition, case):
    _attend(edition, case, [(2026, m) for m in range(1, 7)])
    certificate = do_issue_certificate(case, actor=cast.kis_manager, issued_on=D(2026, 7, 1))
    assert certificate.months_attended == 6
    assert certificate.number == f"KIS-{case.organisation_id}/2026/ZAŚ/0001"
    with pytest.raises(ValidationError):
        do_issue_certificate(case, actor=cast.kis_manager)


def test_absences_do_not_count_for_the_certificate(cast, edition, case):
    _attend(edition, case, [(2026, m) for m in range(1, 6)])
    activity = Activity.objects.create(
        edition=edition, date=D(2026, 6, 15), topic="T", hours=4, mode=Mode.GROUP, leader="L"
    )
    Attendance.objects.create(activity=activity, case=case, status=AttendanceStatus.EXCUSED)
    with pytest.raises(ValidationError):
        do_issue_certificate(case, actor=cast.kis_manager)


def test_only_the_manager_issues_certificates(cast, edition, case):
    _attend(edition, case, [(2026, m) for m in range(1, 7)])
    with pytest.raises(PermissionDenied):
        do_issue_certificate(case, actor=cast.case_manager)
