"""The main menu fits one line at 1366 px (a common laptop screen) for every role, in Polish and English.

A screenshot of each role's home page at 1366×768 is kept in test-artifacts/screenshots/ (menu-<role>-<lang>).
"""

import pytest
from django.urls import reverse

from ksr.core.tests.network_flow_helpers import sign_in
from ksr.testing import build_cast
from ksr.testing.browser import screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("lang", ["pl", "en"])
def test_the_menu_fits_one_line_for_every_role(browser, live_server, lang):
    cast = build_cast()
    wrapped = {}
    for role, user in cast.users_by_role().items():
        context = browser.new_context(locale="pl-PL", viewport={"width": 1366, "height": 768})
        context.add_cookies([{"name": "django_language", "value": lang, "url": live_server.url}])
        page = context.new_page()
        page.set_default_timeout(15000)
        page.base_url = live_server.url
        sign_in(page, user)
        page.goto(live_server.url + reverse("core:home"))
        tops = page.eval_on_selector_all(
            ".main-nav > ul > li", "items => items.map(item => Math.round(item.getBoundingClientRect().top))"
        )
        screenshot(page, f"menu-{role}-{lang}")
        if max(tops) - min(tops) > 4:
            wrapped[str(role)] = tops
        # The header row (brand, search, account links, language) is one line too: no link breaks
        # in two and the language list shows its whole name.
        header = page.evaluate(
            """() => ({
                row: document.querySelector('.header-row').getBoundingClientRect().height,
                links: [...document.querySelectorAll('.account-nav a, .account-nav button, .brand-name')]
                    .map(e => e.getClientRects().length),
                select: (s => s.scrollWidth - s.clientWidth)(document.querySelector('#language-select')),
            })"""
        )
        if header["row"] > 60 or max(header["links"]) > 1 or header["select"] > 2:
            wrapped[f"{role} (header)"] = header
        context.close()
    assert not wrapped, f"the menu or the header wraps at 1366 px for: {wrapped}"
