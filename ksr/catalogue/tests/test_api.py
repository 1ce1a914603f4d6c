import datetime as dt

from ksr.catalogue.choices import Mode, ServiceArea
from ksr.catalogue.models import Activity, Booking, Service
from ksr.catalogue.tests.conftest import service_data

URL = "/api/v1/catalogue/"


def test_services_are_scoped(cast, login, service):
    assert login(cast.kis_manager).get(URL + "services/").json()["count"] == 1
    assert login(cast.zenon).get(URL + "services/").json()["count"] == 0


def test_anonymous_is_refused(client, cast):
    assert client.get(URL + "services/").status_code in (401, 403)


def test_manager_creates_a_service_through_the_api(cast, login):
    data = {**service_data(), "organisation": cast.kis_waw.pk}
    response = login(cast.kis_manager).post(URL + "services/", data, content_type="application/json")
    assert response.status_code == 201, response.content
    assert Service.objects.get().provider == cast.kis_waw


def test_case_manager_cannot_create_services(cast, login):
    data = {**service_data(), "organisation": cast.kis_waw.pk}
    response = login(cast.case_manager).post(URL + "services/", data, content_type="application/json")
    assert response.status_code == 400  # the organisation is not among those they manage
    assert not Service.objects.exists()


def test_booking_through_the_api_and_status(cast, login, case, service):
    client = login(cast.case_manager)
    response = client.post(
        URL + "bookings/",
        {"case": case.pk, "service": service.pk, "starts_on": "2026-02-01"},
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    assert response.json()["area"] == ServiceArea.CULTURE
    pk = response.json()["id"]
    assert (
        client.post(
            URL + f"bookings/{pk}/status/", {"status": "completed"}, content_type="application/json"
        ).status_code
        == 400
    )
    assert (
        client.post(URL + f"bookings/{pk}/status/", {"status": "confirmed"}, content_type="application/json").json()[
            "status"
        ]
        == "confirmed"
    )
    assert login(cast.zenon).get(URL + f"bookings/{pk}/").status_code == 404


def test_booking_another_clubs_case_is_refused(cast, login, other_case, service):
    response = login(cast.case_manager).post(
        URL + "bookings/",
        {"case": other_case.pk, "service": service.pk, "starts_on": "2026-02-01"},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert not Booking.objects.exists()


def test_edition_carries_its_rule_checks(cast, login, edition):
    Activity.objects.create(edition=edition, date=dt.date(2026, 1, 5), topic="T", hours=40, mode=Mode.GROUP, leader="L")
    body = login(cast.kis_manager).get(URL + f"editions/{edition.pk}/").json()
    assert body["lasts_minimum"] is True
    assert body["months"][0]["meets"] is True and body["months"][1]["meets"] is False


def test_support_instruments_through_the_api(cast, login, case):
    response = login(cast.case_manager).post(
        URL + "support-instruments/",
        {"case": case.pk, "kind": "kindergarten_subsidy", "starts_on": "2026-02-01", "cost": "150.00"},
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    assert response.json()["barrier"] == "care"
    assert login(cast.partner).get(URL + "support-instruments/").json()["count"] == 0


def test_offers_and_editions_filtered_by_day(cast, login, offer, edition):
    client = login(cast.kis_manager)
    ids = lambda path, **query: [row["id"] for row in client.get(URL + path, query).json()["results"]]  # noqa: E731
    assert ids("offers/", available_on="2026-06-01") == [offer.pk]
    assert ids("offers/", available_on="2027-01-01") == []
    assert ids("editions/", active_on="2026-06-30") == [edition.pk]
    assert ids("editions/", active_on="2026-07-01") == []
