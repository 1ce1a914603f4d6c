"""The consent's data scope decides what a partner sees — on the list, its search, the detail page and the API.

Without "name" in the scope the partner sees a pseudonym: the same on every visit, different for
another partner, and not derivable without the project's secret key (``privacy.partner``; ADR 0011).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from ksr.accounts.choices import Role
from ksr.privacy.choices import DataScope
from ksr.privacy.partner import pseudonym_code
from ksr.privacy.services import do_withdraw_consent
from ksr.privacy.tests.helpers import case, consent, participant
from ksr.testing import OrganisationFactory, member

pytestmark = pytest.mark.django_db

SURNAME = "Przybyszewska"
ATTENDANCE_ONLY = [DataScope.ATTENDANCE]
WITH_NAME = [DataScope.NAME, DataScope.ATTENDANCE]


def shared(cast: Any, scope: list[str], **extra: Any) -> Any:
    person = participant(cast.kis_waw, "Halina", SURNAME)
    return consent(cast, case(cast, person), data_scope=scope, **extra)


def surfaces(client: Any, pk: int, search: str = SURNAME) -> dict[str, Any]:
    """Every partner surface's answer for the participant ``pk``."""
    return {
        "list": client.get(reverse("privacy:partner_participant_list")),
        "search": client.get(reverse("privacy:partner_participant_list") + f"?q={search}"),
        "detail": client.get(reverse("privacy:partner_participant_detail", kwargs={"participant_pk": pk})),
        "api list": client.get("/api/v1/privacy/partner-participants/"),
        "api search": client.get(f"/api/v1/privacy/partner-participants/?q={search}"),
        "api detail": client.get(f"/api/v1/privacy/partner-participants/{pk}/"),
    }


def test_without_name_in_the_scope_no_surface_shows_the_name(cast, login):
    c = shared(cast, ATTENDANCE_ONLY)
    answers = surfaces(login(cast.partner), c.participant_id)
    code = pseudonym_code(cast.library_waw.pk, c.participant_id)
    link = reverse("privacy:partner_participant_detail", kwargs={"participant_pk": c.participant_id})
    for surface, response in answers.items():
        assert response.status_code == 200, surface
        body = response.content.decode()
        if surface == "search":  # the search box repeats the words searched for; nobody is found
            assert link not in body
            continue
        assert SURNAME not in body and "Halina" not in body, surface
    for surface in ("list", "detail", "api list", "api detail"):
        assert code in answers[surface].content.decode(), surface
    # Searching for the hidden name finds nobody: the name cannot be probed.
    assert answers["api search"].json()["count"] == 0
    assert code not in answers["search"].content.decode()
    detail = answers["api detail"].json()
    assert detail["named"] is False and detail["data_scope"] == ["attendance"]
    assert "bookings" not in detail and "attendance" in detail


def test_the_pseudonym_is_searchable(cast, login):
    c = shared(cast, ATTENDANCE_ONLY)
    code = pseudonym_code(cast.library_waw.pk, c.participant_id)
    client = login(cast.partner)
    assert code in client.get(reverse("privacy:partner_participant_list") + f"?q={code[:6]}").content.decode()
    assert client.get(f"/api/v1/privacy/partner-participants/?q={code.lower()}").json()["count"] == 1


def test_with_name_in_the_scope_every_surface_shows_the_name(cast, login):
    c = shared(cast, WITH_NAME)
    answers = surfaces(login(cast.partner), c.participant_id)
    for surface, response in answers.items():
        assert response.status_code == 200, surface
        assert SURNAME in response.content.decode(), surface
    detail = answers["api detail"].json()
    assert detail["named"] is True and detail["name"] == f"Halina {SURNAME}"
    assert "bookings" not in detail  # "booked_service" is not in this scope either


def test_the_pseudonym_is_stable_per_partner_and_differs_between_partners(cast, login, settings):
    c = shared(cast, ATTENDANCE_ONLY)
    other_partner = OrganisationFactory(name="Dom Kultury")
    other_user = member("dk_partner", other_partner, Role.PARTNER_REPRESENTATIVE)
    consent(cast, c.case, partner=other_partner, data_scope=ATTENDANCE_ONLY)
    url = f"/api/v1/privacy/partner-participants/{c.participant_id}/"
    first = login(cast.partner).get(url).json()["name"]
    assert login(cast.partner).get(url).json()["name"] == first
    second = login(other_user).get(url).json()["name"]
    assert second != first and SURNAME not in second
    # Keyed with the project's secret: without it, the pseudonym cannot be recomputed from the ids.
    before = pseudonym_code(cast.library_waw.pk, c.participant_id)
    settings.SECRET_KEY = "another-secret-key-for-the-test-0123456789"
    assert pseudonym_code(cast.library_waw.pk, c.participant_id) != before
    assert str(c.participant_id) != before


def _closed(client: Any, pk: int) -> None:
    answers = surfaces(client, pk, search="Halina")
    assert answers["detail"].status_code == 404
    assert answers["api detail"].status_code == 404
    assert answers["api list"].json()["count"] == 0
    assert SURNAME not in answers["list"].content.decode()


def test_one_consent_only_answers_404(cast, login):
    c = shared(cast, WITH_NAME, helper=False)
    _closed(login(cast.partner), c.participant_id)


def test_a_withdrawn_consent_answers_404(cast, login):
    c = shared(cast, WITH_NAME)
    do_withdraw_consent(c, "na prośbę uczestnika", actor=cast.case_manager)
    _closed(login(cast.partner), c.participant_id)


def test_an_expired_consent_answers_404(cast, login):
    today = timezone.localdate()
    c = shared(cast, WITH_NAME, valid_from=today - dt.timedelta(days=60), valid_until=today - dt.timedelta(days=1))
    _closed(login(cast.partner), c.participant_id)


def test_nobody_but_a_partner_reads_the_partner_api(cast, login):
    c = shared(cast, WITH_NAME)
    for user in (cast.kis_manager, cast.case_manager, cast.admin, cast.national):
        client = login(user)
        assert client.get("/api/v1/privacy/partner-participants/").json()["count"] == 0
        assert client.get(f"/api/v1/privacy/partner-participants/{c.participant_id}/").status_code == 404
