"""The header search box in a real browser: a case manager finds a participant and opens the
record; the results page is axe-clean in Polish and English."""

import pytest
from django.urls import reverse

from ksr.cases.tests.helpers import participant
from ksr.core.tests.network_flow_helpers import sign_in
from ksr.testing.browser import screenshot, serious_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("lang", ["pl", "en"])
def test_the_header_search_finds_and_opens_a_participant(page, lang, cast):
    person = participant(cast, 3, first_name="Zofia", last_name="Żmudzka")
    page.context.add_cookies([{"name": "django_language", "value": lang, "url": page.base_url}])
    sign_in(page, cast.case_manager)
    page.fill("#header-search-q", "Żmudzka")
    page.locator("form.header-search button[type=submit]").click()
    page.wait_for_load_state("networkidle")
    assert reverse("search:results") in page.url
    assert serious_violations(page) == []
    screenshot(page, f"search-results-{lang}")
    page.locator("main").get_by_role("link", name=str(person)).click()
    page.wait_for_load_state("networkidle")
    assert page.url.endswith(reverse("cases:participant_detail", args=[person.pk]))
