"""Classes, attendance and bookings within what can be (issue 10, §3).

A day's classes of an edition last at most 8 teaching hours (so one class of 40 hours cannot meet the
month's minimum alone); attendance is taken only for a class that has taken place; a booking takes at
least one and at most 20 places. Each at its boundary, through the service, the HTML form and the API;
a refusal writes nothing.
"""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from ksr.catalogue import rules, services
from ksr.catalogue.choices import AttendanceStatus, Mode
from ksr.catalogue.models import MAX_BOOKING_PLACES, Activity, Attendance, Booking, Edition

pytestmark = pytest.mark.django_db
API = "/api/v1/catalogue/"
DAILY = "najwyżej 8 godzin dydaktycznych"
NOT_HELD = "tylko dla zajęć, które się odbyły"
PLACES = "najwyżej 20 miejsc"


def _today():
    return timezone.localdate()


def _api(client, path, data):
    return client.post(API + path, data, content_type="application/json")


def _form_refused(response, text):
    return response.status_code in (200, 400) and text in response.content.decode()


@pytest.fixture
def running(cast):
    """An edition of the Warsaw KIS that runs from a month ago to two months ahead."""
    return Edition.objects.create(
        organisation=cast.kis_waw,
        name="Edycja bieżąca",
        starts_on=_today() - dt.timedelta(days=30),
        ends_on=_today() + dt.timedelta(days=60),
    )


def _class(edition, day, hours="2.0"):
    return Activity.objects.create(edition=edition, date=day, topic="Warsztat", hours=Decimal(hours), mode=Mode.GROUP)


def _class_data(hours, day):
    return {"date": day, "topic": "Warsztat", "hours": Decimal(hours), "mode": Mode.GROUP, "leader": "Anna"}


# --- teaching hours a day ----------------------------------------------------------------------


def test_the_daily_maximum_is_eight_teaching_hours():
    assert rules.MAX_DAILY_HOURS == Decimal(8) < rules.MONTHLY_HOURS


def test_service_one_class_of_forty_hours_refused_eight_accepted(cast, edition):
    day = dt.date(2026, 2, 2)
    with pytest.raises(ValidationError) as refused:
        services.do_create_activity(edition, _class_data("40", day), actor=cast.case_manager)
    assert DAILY in str(refused.value.message_dict["hours"])
    with pytest.raises(ValidationError):
        services.do_create_activity(edition, _class_data("8.5", day), actor=cast.case_manager)
    assert not Activity.objects.exists()
    services.do_create_activity(edition, _class_data("8", day), actor=cast.case_manager)
    assert Activity.objects.count() == 1


def test_service_the_day_counts_all_classes_of_the_edition(cast, edition):
    day = dt.date(2026, 2, 3)
    services.do_create_activity(edition, _class_data("5", day), actor=cast.case_manager)
    with pytest.raises(ValidationError) as refused:
        services.do_create_activity(edition, _class_data("3.5", day), actor=cast.case_manager)
    assert "5" in str(refused.value.message_dict["hours"])
    services.do_create_activity(edition, _class_data("3", day), actor=cast.case_manager)
    services.do_create_activity(edition, _class_data("8", day + dt.timedelta(days=1)), actor=cast.case_manager)
    assert Activity.objects.count() == 3


def test_form_class_of_forty_hours_refused(cast, login, edition):
    client = login(cast.case_manager)
    url = reverse("catalogue:activity_create", kwargs={"edition_pk": edition.pk})
    data = {"date": "2026-02-02", "topic": "Warsztat", "mode": "group", "leader": "Anna"}
    response = client.post(url, {**data, "hours": "40"})
    assert _form_refused(response, DAILY)
    assert not Activity.objects.exists()
    assert client.post(url, {**data, "hours": "8"}).status_code == 302
    assert Activity.objects.count() == 1


def test_api_class_of_eight_and_a_half_hours_refused(cast, login, edition):
    client = login(cast.case_manager)
    body = {"edition": edition.pk, "date": "2026-02-02", "topic": "Warsztat", "mode": "group", "leader": "Anna"}
    response = _api(client, "activities/", {**body, "hours": "8.5"})
    assert response.status_code == 400 and DAILY in response.json()["hours"][0]
    assert not Activity.objects.exists()
    assert _api(client, "activities/", {**body, "hours": "8.0"}).status_code == 201


# --- attendance only for a class that has taken place --------------------------------------------


def test_service_attendance_today_accepted_tomorrow_refused(cast, running, case):
    tomorrow = _class(running, _today() + dt.timedelta(days=1))
    with pytest.raises(ValidationError) as refused:
        services.do_record_attendance(tomorrow, {case: AttendanceStatus.PRESENT}, actor=cast.case_manager)
    assert NOT_HELD in " ".join(refused.value.messages)
    assert not Attendance.objects.exists()
    today = _class(running, _today())
    services.do_record_attendance(today, {case: AttendanceStatus.PRESENT}, actor=cast.case_manager)
    assert Attendance.objects.get().activity == today


def test_form_attendance_for_tomorrows_class_refused(cast, login, running, case):
    client = login(cast.specialist)
    tomorrow = _class(running, _today() + dt.timedelta(days=1))
    url = reverse("catalogue:quick_attendance", kwargs={"activity_pk": tomorrow.pk})
    page = client.get(url).content.decode()
    assert "once it has taken place" in page or "gdy się odbędą" in page
    assert "Save attendance" not in page and "Zapisz obecność" not in page
    response = client.post(url, {"present": [case.pk]})
    assert response.status_code == 400 and NOT_HELD in response.content.decode()
    assert not Attendance.objects.exists()
    today = _class(running, _today())
    url = reverse("catalogue:quick_attendance", kwargs={"activity_pk": today.pk})
    assert client.post(url, {"present": [case.pk]}).status_code == 302
    assert Attendance.objects.get().status == AttendanceStatus.PRESENT


def test_api_attendance_for_tomorrows_class_refused(cast, login, running, case):
    client = login(cast.case_manager)
    tomorrow = _class(running, _today() + dt.timedelta(days=1))
    response = _api(client, f"activities/{tomorrow.pk}/attendance/", {str(case.pk): "present"})
    assert response.status_code == 400 and NOT_HELD in str(response.json())
    assert not Attendance.objects.exists()
    today = _class(running, _today())
    assert _api(client, f"activities/{today.pk}/attendance/", {str(case.pk): "present"}).status_code == 200


# --- places of a booking -----------------------------------------------------------------------


def test_service_booking_places_between_one_and_twenty(cast, case, service):
    assert MAX_BOOKING_PLACES == 20
    for places in (0, 21, 99_999_999_999):
        with pytest.raises(ValidationError) as refused:
            services.do_create_booking(
                case, {"service": service, "starts_on": dt.date(2026, 2, 1), "places": places}, actor=cast.case_manager
            )
        assert "places" in refused.value.message_dict
    assert not Booking.objects.exists()
    booking = services.do_create_booking(
        case, {"service": service, "starts_on": dt.date(2026, 2, 1), "places": 20}, actor=cast.case_manager
    )
    assert booking.places == 20


def test_form_booking_of_twenty_one_places_refused(cast, login, case, service):
    client = login(cast.case_manager)
    url = reverse("catalogue:booking_create", kwargs={"case_pk": case.pk})
    data = {"service": service.pk, "starts_on": "2026-02-01"}
    response = client.post(url, {**data, "places": 21})
    assert _form_refused(response, PLACES)
    assert not Booking.objects.exists()
    assert client.post(url, {**data, "places": 20}).status_code == 302


@pytest.mark.parametrize("places", [0, 21, 99_999_999_999])
def test_api_booking_places_refused(cast, login, case, service, places):
    client = login(cast.case_manager)
    body = {"case": case.pk, "service": service.pk, "starts_on": "2026-02-01"}
    response = _api(client, "bookings/", {**body, "places": places})
    assert response.status_code == 400 and "places" in response.json()
    assert not Booking.objects.exists()
    assert _api(client, "bookings/", {**body, "places": 20}).status_code == 201
