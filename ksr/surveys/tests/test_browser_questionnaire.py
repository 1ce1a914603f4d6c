"""The public questionnaire in a real browser: the skip rule, the summary, accessibility."""

import pytest
from django.urls import reverse

from ksr.surveys.tests.helpers import open_survey
from ksr.testing import PASSWORD, build_cast
from ksr.testing.browser import screenshot, serious_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _answer(page, url, *, partnership):
    page.goto(url)
    assert page.locator("h1").count() == 1
    page.check('input[name="q1_category"][value="4"]')
    page.check(f'input[name="q2_answer"][value="{"yes" if partnership else "no"}"]')
    if partnership:
        assert page.locator("#section-q3").is_visible() and page.locator("#section-q4").is_visible()
        page.fill('input[name="q2_goals_1"]', "aktywizacja zawodowa")
        page.check('input[name="q3_answer"][value="yes"]')
        page.check('input[name="q4_answer"][value="no"]')
        page.fill('input[name="q4_items_1"]', "brak finansowania")
    else:
        assert page.locator("#section-q3").is_hidden() and page.locator("#section-q4").is_hidden()
        assert page.locator("#skip-notice").is_visible()
    page.check('input[name="q5_answer"][value="yes"]')
    page.fill('input[name="q6_items_1"]', "kursy zawodowe")
    page.check('input[name="q7_answer"][value="no"]')
    page.check('input[name="q9_answer"][value="yes"]')
    page.fill('textarea[name="q10_text"]', "zaufanie")
    violations = serious_violations(page)
    screenshot(page, f"surveys-answer-{'yes' if partnership else 'no'}")
    page.locator("#questionnaire button[type=submit]").click()
    page.wait_for_load_state("networkidle")
    assert page.locator("#my-answers").is_visible()
    return violations


def test_answering_through_the_public_link(page):
    cast = build_cast()
    survey = open_survey(cast.animator)
    first, second = (page.base_url + reverse("surveys:answer", args=[i.token]) for i in survey.invitations.all()[:2])
    problems = _answer(page, first, partnership=True)
    assert "TAK" in page.locator('#my-answers tr[data-question="q3"]').inner_text()
    problems += _answer(page, second, partnership=False)
    assert (
        "pominięte" in page.locator('#my-answers tr[data-question="q3"]').inner_text()
        or "skipped" in page.locator('#my-answers tr[data-question="q3"]').inner_text()
    )
    problems += serious_violations(page)
    assert page.context.cookies() == []

    page.goto(page.base_url + reverse("accounts:login"))
    page.fill("input[name=username]", cast.animator.username)
    page.fill("input[name=password]", PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state("networkidle")
    page.goto(page.base_url + reverse("surveys:survey_summary", args=[survey.pk]))
    row = lambda code: page.locator(f'#yes-no tr[data-question="{code}"]')  # noqa: E731
    assert (row("q2").locator(".yes").inner_text(), row("q2").locator(".no").inner_text()) == ("1", "1")
    assert (row("q3").locator(".yes").inner_text(), row("q3").locator(".skipped").inner_text()) == ("1", "1")
    assert row("q7").locator(".no").inner_text() == "2"
    assert page.locator('#categories tr[data-category="4"] td').nth(1).inner_text() == "2"
    assert "kursy zawodowe" in page.locator('section.text-answers[data-field="q6.items"]').inner_text()
    problems += serious_violations(page)
    screenshot(page, "surveys-summary")
    assert problems == []
