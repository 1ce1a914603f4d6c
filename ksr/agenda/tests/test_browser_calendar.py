"""The calendar in a real browser: the week and the month, the subscription page, and the ICS
feed the browser fetches, parsed back with the icalendar library; Polish and English, axe-clean."""

import pytest
from django.urls import reverse
from icalendar import Calendar

from ksr.core.tests.network_flow_helpers import sign_in
from ksr.testing.browser import screenshot, serious_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("lang", ["pl", "en"])
def test_calendar_week_month_and_feed(page, lang, cast, exited_case, class_today, meeting_today):
    page.context.add_cookies([{"name": "django_language", "value": lang, "url": page.base_url}])
    sign_in(page, cast.case_manager)
    page.goto(page.base_url + reverse("agenda:calendar"))
    assert page.locator("h1").inner_text() == ("Kalendarz" if lang == "pl" else "Calendar")
    today_section = page.locator("section.calendar-today")
    assert today_section.get_by_text(str(exited_case.participant)).count() == 1
    assert today_section.get_by_text("Trening komunikacji").count() == 1
    assert serious_violations(page) == []
    screenshot(page, f"calendar-week-{lang}")

    page.get_by_role("link", name="Widok miesiąca" if lang == "pl" else "Month view").click()
    page.wait_for_load_state("networkidle")
    assert page.locator("td.calendar-today").get_by_text("Forum wiosenne", exact=False).count() == 1
    assert serious_violations(page) == []
    screenshot(page, f"calendar-month-{lang}")

    page.goto(page.base_url + reverse("agenda:feed"))
    page.get_by_role(
        "button", name="Utwórz mój adres kalendarza" if lang == "pl" else "Create my calendar address"
    ).click()
    page.wait_for_load_state("networkidle")
    address = page.locator("#feed-address").input_value()
    assert serious_violations(page) == []
    screenshot(page, f"calendar-feed-{lang}")

    page.context.clear_cookies()
    response = page.request.get(address)
    assert response.status == 200
    calendar = Calendar.from_ical(response.body())
    summaries = sorted(str(event["SUMMARY"]) for event in calendar.walk("VEVENT"))
    assert any(str(exited_case.pk) in summary for summary in summaries)
    assert exited_case.participant.last_name not in response.text()
