import datetime as dt
from decimal import Decimal

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from ksr.audit.choices import AuditAction
from ksr.audit.models import AuditEntry
from ksr.catalogue.choices import AttendanceStatus, BookingStatus, Mode, ServiceArea
from ksr.catalogue.models import Activity, Attendance, Booking, Certificate, Offer, Service
from ksr.catalogue.tests.conftest import make_case, service_data
from ksr.registry.models import Organisation
from ksr.testing import response_bytes

D = dt.date


def test_anonymous_is_sent_to_login(client, cast, case):
    for url in (reverse("catalogue:service_list"), reverse("catalogue:case_services", kwargs={"case_pk": case.pk})):
        response = client.get(url)
        assert (response.status_code == 302 and "/login" in response["Location"]) or "logowanie" in response["Location"]


@pytest.mark.parametrize("who", ["partner", "coordinator", "analyst", "nobody"])
def test_case_tab_answers_404_to_those_who_cannot_see_the_case(cast, login, case, who):
    """Not 403: a refusal would confirm the case exists."""
    response = login(getattr(cast, who)).get(reverse("catalogue:case_services", kwargs={"case_pk": case.pk}))
    assert response.status_code == 404
    assert not AuditEntry.objects.filter(action=AuditAction.READ).exists()


def test_case_tab_of_another_voivodeship_answers_404(cast, login, case):
    response = login(cast.zenon).get(reverse("catalogue:case_services", kwargs={"case_pk": case.pk}))
    assert response.status_code == 404
    assert not AuditEntry.objects.filter(action=AuditAction.READ).exists()


def test_case_tab_shows_coverage_and_records_a_read(cast, login, case, service):
    Booking.objects.create(case=case, service=service, area=ServiceArea.CULTURE, starts_on=D(2026, 2, 1))
    response = login(cast.case_manager).get(reverse("catalogue:case_services", kwargs={"case_pk": case.pk}))
    assert response.status_code == 200
    html = response.content.decode()
    assert service.name in html
    coverage = response.context["coverage"]
    assert coverage.counts == {ServiceArea.CULTURE: 1}
    assert len(coverage.missing) == 3
    assert AuditEntry.objects.filter(action=AuditAction.READ, part="services", object_id=str(case.pk)).count() == 1


def _services(cast, n):
    for i in range(n):
        Service.objects.create(organisation=cast.kis_waw, provider=cast.kis_waw, **service_data(name=f"Usługa {i}"))


@pytest.mark.parametrize("n", [1, 12])
def test_service_list_query_count(cast, login, django_assert_num_queries, n):
    _services(cast, n)
    client = login(cast.kis_manager)
    with django_assert_num_queries(7):
        response = client.get(reverse("catalogue:service_list"))
    assert len(response.context["object_list"]) == n


def test_service_list_is_scoped(cast, login):
    _services(cast, 2)
    assert login(cast.zenon).get(reverse("catalogue:service_list")).context["paginator"].count == 0


def test_service_export_csv(cast, login):
    _services(cast, 2)
    response = login(cast.kis_manager).get(reverse("catalogue:service_list") + "?format=csv")
    assert response["Content-Type"].startswith("text/csv")
    assert "Usługa 1" in response_bytes(response).decode("utf-8-sig")


def test_manager_creates_a_service_through_the_form(cast, login):
    data = service_data(provider=cast.kis_waw.pk, is_active="on")
    response = login(cast.kis_manager).post(reverse("catalogue:service_create"), data)
    assert response.status_code == 302
    assert Service.objects.get().organisation == cast.kis_waw


def test_case_manager_cannot_open_the_service_form(cast, login):
    assert login(cast.case_manager).get(reverse("catalogue:service_create")).status_code == 403


def test_service_detail_of_another_club_is_404(cast, login):
    _services(cast, 1)
    response = login(cast.zenon).get(reverse("catalogue:service_detail", kwargs={"pk": Service.objects.get().pk}))
    assert response.status_code == 404


@pytest.mark.parametrize("n", [1, 8])
def test_my_offers_shows_counts_never_names(cast, login, offer, django_assert_num_queries, n):
    for i in range(2):
        c = make_case(cast.kis_waw, "Tajemnicza", f"Osoba{i}")
        Booking.objects.create(case=c, offer=offer, area=offer.area, starts_on=D(2026, 2, 1))
    for i in range(n - 1):
        Offer.objects.create(
            organisation=offer.organisation,
            holder=offer.holder,
            title=f"Oferta {i}",
            kind=offer.kind,
            area=offer.area,
            capacity=5,
            available_from=offer.available_from,
            available_to=offer.available_to,
        )
    client = login(cast.partner)
    with django_assert_num_queries(6):
        response = client.get(reverse("catalogue:my_offers"))
    html = response.content.decode()
    assert len(response.context["object_list"]) == n
    assert "2 / 2" in html
    assert "Tajemnicza" not in html
    detail = client.get(reverse("catalogue:offer_detail", kwargs={"pk": offer.pk})).content.decode()
    assert "Tajemnicza" not in detail


def test_my_offers_refused_to_staff(cast, login):
    assert login(cast.case_manager).get(reverse("catalogue:my_offers")).status_code == 403


def test_partner_cannot_see_participant_pages(cast, login, case):
    client = login(cast.partner)
    assert client.get(reverse("catalogue:coverage")).status_code == 403
    assert client.get(reverse("catalogue:activity_list")).status_code == 403


@pytest.mark.parametrize("n", [1, 6])
def test_coverage_table_query_count(cast, login, service, django_assert_num_queries, n):
    for i in range(n):
        c = make_case(cast.kis_waw, "P", f"Uczestnik{i}")
        Booking.objects.create(case=c, service=service, area=ServiceArea.CULTURE, starts_on=D(2026, 2, 1))
    client = login(cast.kis_manager)
    ContentType.objects.get_for_model(Organisation)  # the audit's content type, cached per process
    with django_assert_num_queries(7):
        response = client.get(reverse("catalogue:coverage"))
    rows = response.context["rows"]
    assert len(rows) == n
    assert response.context["totals"] == [0, n, 0, 0]
    assert all(missing == 3 for _, _, missing in rows)
    assert AuditEntry.objects.filter(action=AuditAction.READ, part="coverage").exists()


def test_coverage_of_zenon_is_empty(cast, login, case):
    response = login(cast.zenon).get(reverse("catalogue:coverage"))
    assert response.context["rows"] == []


def _activities(edition, n):
    return [
        Activity.objects.create(
            edition=edition, date=D(2026, 1, 1 + i), topic=f"Zajęcia {i}", hours=Decimal(4), mode=Mode.GROUP, leader="L"
        )
        for i in range(n)
    ]


@pytest.mark.parametrize("n", [1, 10])
def test_activity_list_query_count(cast, login, edition, django_assert_num_queries, n):
    _activities(edition, n)
    client = login(cast.specialist)
    with django_assert_num_queries(6):
        response = client.get(reverse("catalogue:activity_list"))
    assert len(response.context["object_list"]) == n


@pytest.mark.parametrize("n", [1, 5])
def test_edition_list_query_count(cast, login, edition, django_assert_num_queries, n):
    _activities(edition, n)
    client = login(cast.kis_manager)
    with django_assert_num_queries(7):
        response = client.get(reverse("catalogue:edition_list"))
    assert response.context["object_list"][0].hours == 4 * n


def test_edition_page_flags_the_monthly_shortfall_and_duration(cast, login, edition):
    _activities(edition, 10)  # January: 40 h; February–June: 0 h
    response = login(cast.kis_manager).get(reverse("catalogue:edition_detail", kwargs={"pk": edition.pk}))
    checks = response.context["checks"]
    assert checks[0].meets and len(response.context["shortfalls"]) == 5
    html = response.content.decode()
    assert "badge-danger" in html


def test_quick_attendance_ticks_present_in_one_go(cast, login, edition, case):
    second = make_case(cast.kis_waw, "Ewa", "Nowak")
    make_case(cast.kis_krk, "Obca", "Osoba")
    activity = _activities(edition, 1)[0]
    client = login(cast.specialist)
    url = reverse("catalogue:quick_attendance", kwargs={"activity_pk": activity.pk})
    page = client.get(url)
    assert page.status_code == 200
    assert "Obca" not in page.content.decode()
    response = client.post(url, {"present": [case.pk], "excused": [second.pk]})
    assert response.status_code == 302
    assert dict(Attendance.objects.values_list("case_id", "status")) == {
        case.pk: AttendanceStatus.PRESENT,
        second.pk: AttendanceStatus.EXCUSED,
    }


def test_quick_attendance_htmx_returns_the_form_only(cast, login, edition, case):
    activity = _activities(edition, 1)[0]
    client = login(cast.specialist)
    url = reverse("catalogue:quick_attendance", kwargs={"activity_pk": activity.pk})
    response = client.post(url, {}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert b"<h1" not in response.content and b'id="attendance-form"' in response.content
    assert Attendance.objects.get().status == AttendanceStatus.ABSENT


def test_quick_attendance_of_another_club_is_404(cast, login, edition):
    activity = _activities(edition, 1)[0]
    url = reverse("catalogue:quick_attendance", kwargs={"activity_pk": activity.pk})
    assert login(cast.zenon).get(url).status_code == 404


def test_activity_detail_records_a_read(cast, login, edition, case):
    activity = _activities(edition, 1)[0]
    Attendance.objects.create(activity=activity, case=case, status=AttendanceStatus.PRESENT)
    response = login(cast.kis_manager).get(reverse("catalogue:activity_detail", kwargs={"pk": activity.pk}))
    assert str(case.participant) in response.content.decode()
    assert AuditEntry.objects.filter(action=AuditAction.READ, part="attendance").exists()


def test_booking_form_and_status_change(cast, login, case, service):
    client = login(cast.case_manager)
    response = client.post(
        reverse("catalogue:booking_create", kwargs={"case_pk": case.pk}),
        {"service": service.pk, "starts_on": "2026-02-01", "places": 1},
    )
    assert response.status_code == 302
    booking = Booking.objects.get()
    client.post(reverse("catalogue:booking_status", kwargs={"pk": booking.pk}), {"status": "confirmed"})
    booking.refresh_from_db()
    assert booking.status == BookingStatus.CONFIRMED
    client.post(reverse("catalogue:booking_status", kwargs={"pk": booking.pk}), {"status": "requested"})
    booking.refresh_from_db()
    assert booking.status == BookingStatus.CONFIRMED


def test_a_booking_of_nothing_shows_its_message_once(cast, login, case, service):
    response = login(cast.case_manager).post(
        reverse("catalogue:booking_create", kwargs={"case_pk": case.pk}),
        {"starts_on": "2026-02-01", "places": 1},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 400
    assert response.content.decode().count("Book either a service of the catalogue or a partner offer.") == 1
    assert not Booking.objects.exists()


def test_certificate_button_refuses_when_not_eligible(cast, login, case):
    response = login(cast.kis_manager).post(
        reverse("catalogue:certificate_issue", kwargs={"case_pk": case.pk}), follow=True
    )
    assert "6" in response.content.decode()
    assert not Certificate.objects.exists()


def test_instrument_totals(cast, login, case):
    client = login(cast.case_manager)
    client.post(
        reverse("catalogue:instrument_create", kwargs={"case_pk": case.pk}),
        {"kind": "travel_refund", "starts_on": "2026-02-01", "cost": "80.50"},
    )
    client.post(
        reverse("catalogue:instrument_create", kwargs={"case_pk": case.pk}),
        {"kind": "travel_refund", "starts_on": "2026-03-01", "cost": "19.50"},
    )
    response = client.get(reverse("catalogue:instrument_totals"))
    assert response.context["grand_total"] == Decimal("100.00")
    assert response.context["rows"][0]["n"] == 2
    assert login(cast.zenon).get(reverse("catalogue:instrument_totals")).context["rows"] == []
