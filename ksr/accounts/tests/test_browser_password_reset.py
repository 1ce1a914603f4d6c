"""The password reset in a real browser: from the sign-in page to signing in with the new password."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from ksr.testing import UserFactory
from ksr.testing.browser import screenshot, serious_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
NEW_PASSWORD = "nowe-haslo-do-ksr-2026"


def test_password_reset_by_e_mail(page):
    UserFactory(username="alicja", email="alicja@example.org")
    page.goto(page.base_url + reverse("accounts:login"))
    page.get_by_role("link", name="Nie pamiętasz hasła?").click()
    problems = serious_violations(page)
    page.fill("input[name=email]", "alicja@example.org")
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state("networkidle")
    assert page.locator("h1").inner_text() == "Sprawdź pocztę"
    problems += serious_violations(page)
    screenshot(page, "accounts-password-reset-done")

    (message,) = mail.outbox
    link = re.search(r"https?://\S+/konto/haslo/reset/\S+/", message.body).group(0)
    page.goto(link)
    assert page.locator("h1").inner_text() == "Ustaw nowe hasło"
    page.fill("input[name=new_password1]", NEW_PASSWORD)
    page.fill("input[name=new_password2]", NEW_PASSWORD)
    problems += serious_violations(page)
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state("networkidle")
    assert page.locator("h1").inner_text() == "Hasło zmienione"
    screenshot(page, "accounts-password-reset-complete")

    page.locator("main a.button").click()
    page.fill("input[name=username]", "alicja")
    page.fill("input[name=password]", NEW_PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state("networkidle")
    assert page.url.rstrip("/") == page.base_url
    assert page.locator("nav").get_by_role("link", name="Powiadomienia").is_visible()
    assert problems == []
