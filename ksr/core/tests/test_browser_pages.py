"""The main pages in a real browser: they render, in Polish and English, with no serious or
critical axe-core violations (WCAG 2.1 AA rules), and a screenshot of each is kept."""

import datetime as dt
import re

import pytest
from django.urls import reverse

from ksr.accounts.models import User
from ksr.core.tests.network_flow_helpers import sign_in
from ksr.registers.models import RegisterEntry
from ksr.testing import build_cast
from ksr.testing.browser import screenshot, serious_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PUBLIC_PAGES = [
    ("home", "core:home", {}),
    ("login", "accounts:login", {}),
    ("password-reset", "accounts:password_reset", {}),
    ("register-national", "registers:public_index", {}),
    ("register-voivodeship", "registers:public_voivodeship", {"code": "14"}),
]


def _data():
    cast = build_cast()
    entry = RegisterEntry.objects.create(
        organisation=cast.kis_waw,
        entity_kind="kis",
        voivodeship=cast.kis_waw.seat.parent.parent,
        register_number="KIS/14/2026/001",
        founding_body=cast.ops_waw,
        creation_mode="within_ops",
        notification_date=dt.date(2026, 1, 5),
        entry_date=dt.date(2026, 1, 20),
        status="entered",
    )
    return cast, entry


def _signed_in_pages(cast, entry):
    return [
        ("organisations", "registry:organisation_list", {}),
        ("organisation", "registry:organisation_detail", {"pk": cast.kis_waw.pk}),
        ("organisation-form", "registry:organisation_create", {}),
        ("territory", "territory:unit_list", {}),
        ("register-entries", "registers:entry_list", {}),
        ("register-entry", "registers:entry_detail", {"pk": entry.pk}),
        ("audit", "audit:entry_list", {}),
        ("profile", "accounts:profile", {}),
        ("password-change", "accounts:password_change", {}),
        ("sessions", "accounts:sessions", {}),
        ("notifications", "notifications:inbox", {}),
        ("notification-settings", "notifications:preferences", {}),
    ]


def _sign_in(page, username):
    """Sign in, passing the second factor where the role needs it (the administrator does)."""
    sign_in(page, User.objects.get(username=username))


def _check(page, url, name, lang):
    response = page.goto(url)
    assert response is not None and response.status == 200, f"{name}: HTTP {response and response.status}"
    assert page.locator("html").get_attribute("lang") == lang
    assert page.locator("h1").count() == 1, f"{name}: expected one h1"
    screenshot(page, f"{name}-{lang}")
    return serious_violations(page)


@pytest.mark.parametrize("lang", ["pl", "en"])
def test_main_pages_are_accessible(page, lang):
    cast, entry = _data()
    page.context.add_cookies([{"name": "django_language", "value": lang, "url": page.base_url}])
    problems = {}
    for name, url_name, kwargs in PUBLIC_PAGES:
        found = _check(page, page.base_url + reverse(url_name, kwargs=kwargs), name, lang)
        if found:
            problems[name] = found
    _sign_in(page, cast.admin.username)
    for name, url_name, kwargs in _signed_in_pages(cast, entry):
        found = _check(page, page.base_url + reverse(url_name, kwargs=kwargs), name, lang)
        if found:
            problems[name] = found
    assert problems == {}


def test_language_switcher_changes_the_page_language(page):
    build_cast()
    page.goto(page.base_url + reverse("core:home"))
    assert page.locator("html").get_attribute("lang") == "pl"
    page.select_option("#language-select", "en")
    page.wait_for_load_state("networkidle")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.get_by_role("link", name="Skip to main content").count() == 1


def test_skip_link_moves_focus_to_the_main_content(page):
    page.goto(page.base_url + reverse("core:home"))
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.className")
    assert "skip-link" in focused
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def test_the_accessibility_check_catches_a_broken_page(page):
    """The gate is not vacuous: a page without lang and with an unlabelled field fails it."""
    page.set_content("<html><body><main><input type='text'></main></body></html>")
    found = {v["id"] for v in serious_violations(page)}
    assert {"html-has-lang", "label"} <= found


def test_no_page_breaks_the_content_security_policy(page):
    """The CSP (no inline script, no eval) is not violated by any main page, htmx, or the API docs."""
    cast, entry = _data()
    refused = []
    page.on(
        "console",
        lambda message: refused.append(message.text) if "Content Security Policy" in message.text else None,
    )
    pages = [(name, reverse(url_name, kwargs=kwargs)) for name, url_name, kwargs in PUBLIC_PAGES]
    pages += [("api-docs", "/api/docs/"), ("api-redoc", "/api/redoc/")]
    for _name, path in pages:
        page.goto(page.base_url + path)
        page.wait_for_load_state("networkidle")
    _sign_in(page, cast.admin.username)
    for _name, url_name, kwargs in _signed_in_pages(cast, entry):
        page.goto(page.base_url + reverse(url_name, kwargs=kwargs))
        page.wait_for_load_state("networkidle")
    # htmx still works under the policy: the filter form swaps the results in place.
    page.goto(page.base_url + reverse("registry:organisation_list"))
    page.locator("main input[type=search]").first.fill("Warszawa")
    page.wait_for_load_state("networkidle")
    # ReDoc asks for Google Fonts and a logo from its CDN: blocked on purpose (no third-party
    # requests), harmless. Everything else — inline code, eval, our own files — must pass.
    assert [
        text for text in refused if not re.search(r"Loading the \w+ 'https://(?!127\.0\.0\.1|localhost)", text)
    ] == []


def test_a_picked_unit_is_appended_without_inline_code(page):
    """The multiple-unit widget (organisation's area) works from app.js under the CSP."""
    cast, _entry = _data()
    _sign_in(page, cast.admin.username)
    page.goto(page.base_url + reverse("registry:organisation_create"))
    search = page.locator("#id_area-search")
    search.fill("Warsz")
    page.locator("#id_area-suggestions option").first.wait_for(state="attached")
    value = page.locator("#id_area-suggestions option").first.get_attribute("value")
    search.fill(value)
    search.dispatch_event("change")
    assert value in page.locator("#id_area").input_value()
    assert search.input_value() == ""
