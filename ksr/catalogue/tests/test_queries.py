import datetime as dt

from ksr.cases.workspace import DueItem
from ksr.catalogue.choices import AttendanceStatus, BookingStatus, Mode, ServiceArea
from ksr.catalogue.models import Activity, Attendance, Booking
from ksr.catalogue.privacy import anonymise_participant, export_participant
from ksr.catalogue.queries import attendance_for, bookings_for, coverage_for_case, due_items
from ksr.catalogue.tests.conftest import make_case

D = dt.date


def test_due_items_lists_bookings_starting_in_the_window(cast, case, service):
    Booking.objects.create(case=case, service=service, area=service.area, starts_on=D(2026, 2, 3))
    Booking.objects.create(case=case, service=service, area=service.area, starts_on=D(2026, 5, 3))
    Booking.objects.create(
        case=case, service=service, area=service.area, starts_on=D(2026, 2, 4), status=BookingStatus.CANCELLED
    )
    items = due_items([case], D(2026, 2, 1), D(2026, 2, 28))
    assert len(items) == 1
    item = items[0]
    assert isinstance(item, DueItem)
    assert item.kind == "booking" and item.date == D(2026, 2, 3) and item.case_id == case.pk


def test_due_items_flags_a_running_edition_short_this_month(cast, case):
    from django.utils import timezone

    from ksr.catalogue.models import Edition

    today = timezone.localdate()
    Edition.objects.create(
        organisation=cast.kis_waw,
        name="Bieżąca",
        starts_on=today - dt.timedelta(days=40),
        ends_on=today + dt.timedelta(days=60),
    )
    items = due_items([case], today, today)
    assert [i.kind for i in items] == ["edition_shortfall"]


def test_an_edition_short_of_hours_is_one_item_named_in_polish_not_one_per_case(cast, case):
    from django.utils import timezone, translation

    from ksr.catalogue.models import Edition

    today = timezone.localdate()
    edition = Edition.objects.create(
        organisation=cast.kis_waw,
        name="Program reintegracji 2026/2027",
        starts_on=today - dt.timedelta(days=40),
        ends_on=today + dt.timedelta(days=60),
    )
    Activity.objects.create(edition=edition, date=today, topic="T", hours=4, mode=Mode.GROUP, leader="L")
    same_club = make_case(cast.kis_waw, first="Anna", last="Nowak")
    with translation.override("pl"):
        items = [i for i in due_items([case, same_club], today, today) if i.kind == "edition_shortfall"]
    assert len(items) == 1
    assert items[0].case_id is None and items[0].subject == "Program reintegracji 2026/2027"
    assert items[0].label == "4,0 z 40 godzin dydaktycznych w tym miesiącu"


def test_participant_reads_for_the_privacy_app(cast, case, service, edition):
    Booking.objects.create(case=case, service=service, area=service.area, starts_on=D(2026, 2, 3), note="prywatne")
    activity = Activity.objects.create(
        edition=edition, date=D(2026, 1, 5), topic="T", hours=2, mode=Mode.GROUP, leader="L"
    )
    Attendance.objects.create(activity=activity, case=case, status=AttendanceStatus.PRESENT)
    assert list(attendance_for(case.participant).values_list("status", flat=True)) == ["present"]
    assert bookings_for(case.participant).count() == 1
    exported = export_participant(case.participant)
    assert exported["bookings"][0]["note"] == "prywatne" and len(exported["attendance"]) == 1
    anonymise_participant(case.participant)
    anonymise_participant(case.participant)  # idempotent
    assert Booking.objects.get().note == ""


def test_coverage_counts_live_bookings_only(cast, case, service):
    Booking.objects.create(case=case, service=service, area=ServiceArea.CULTURE, starts_on=D(2026, 2, 3))
    Booking.objects.create(
        case=case, service=service, area=ServiceArea.SPORT, starts_on=D(2026, 2, 3), status=BookingStatus.CANCELLED
    )
    Booking.objects.create(case=case, service=service, area=ServiceArea.LABOUR_MARKET, starts_on=D(2026, 2, 3))
    coverage = coverage_for_case(case)
    assert coverage.counts == {ServiceArea.CULTURE: 1}
    assert not coverage.complete and len(coverage.missing) == 3


def test_privacy_hooks_are_registered():
    from ksr.privacy.registry import anonymisers, exporters

    assert exporters()["catalogue"] is export_participant
    assert anonymisers()["catalogue"] is anonymise_participant
