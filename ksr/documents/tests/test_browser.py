"""The pages of the documents in a real browser: the participant's copy of their data, the issued
document with its signed copy, the manager's settings — one heading, no serious axe violation."""

import pytest
from django.urls import reverse

from ksr.core.tests.network_flow_helpers import sign_in
from ksr.documents import services
from ksr.documents.registry import document_kind
from ksr.documents.tests import helpers as h
from ksr.testing import build_cast
from ksr.testing.browser import screenshot, serious_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _look(page, url, name):
    response = page.goto(url)
    assert response is not None and response.status == 200, name
    assert page.locator("h1").count() == 1, name
    screenshot(page, f"documents-{name}")
    return serious_violations(page)


def test_the_documents_pages(page):
    cast = build_cast()
    consent = h.participant_consent(cast)
    plan = h.plan(cast)
    issued, _pdf = services.generate(document_kind("IPD"), plan, "pdf", actor=cast.case_manager)
    problems = {}
    sign_in(page, cast.case_manager)
    for name, url in (
        ("copy", reverse("privacy:participant_export", kwargs={"participant_pk": consent.participant.pk})),
        ("issued", reverse("documents:issued", kwargs={"pk": issued.pk})),
        ("plan", reverse("plans:case_plan", kwargs={"case_pk": plan.case.pk})),
    ):
        problems[name] = _look(page, page.base_url + url, name)
    page.goto(page.base_url + reverse("privacy:participant_export", kwargs={"participant_pk": consent.participant.pk}))
    assert page.get_by_role("heading", name="Dane osobowe uczestnika").count() == 1
    page.goto(page.base_url + reverse("plans:case_plan", kwargs={"case_pk": plan.case.pk}))
    assert page.get_by_role("link", name=issued.identifier).count() == 1
    page.context.clear_cookies()
    sign_in(page, cast.kis_manager)
    problems["settings"] = _look(
        page, page.base_url + reverse("documents:settings", kwargs={"organisation_pk": cast.kis_waw.pk}), "settings"
    )
    assert {k: v for k, v in problems.items() if v} == {}
