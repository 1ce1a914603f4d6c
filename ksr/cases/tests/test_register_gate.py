"""A KIS/CIS whose register entry is not "entered" admits nobody (UZS art. 18 ust. 1); the case
screen says why. Through the service, the page and the API."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from ksr.cases import services
from ksr.cases.admission import admission_checks
from ksr.cases.choices import CaseStatus
from ksr.cases.models import Case
from ksr.cases.tests.helpers import open_case
from ksr.registers.choices import EntryStatus
from ksr.registers.gating import register_blocks_admission
from ksr.registers.models import RegisterEntry

pytestmark = pytest.mark.django_db


def _entry(cast, status):
    return RegisterEntry.objects.create(
        organisation=cast.kis_waw,
        entity_kind="kis",
        voivodeship=cast.kis_waw.seat.parent.parent,
        founding_body=cast.ops_waw,
        creation_mode="within_ops",
        notification_date=dt.date(2026, 1, 5),
        entry_date=dt.date(2026, 1, 20) if status == EntryStatus.ENTERED else None,
        status=status,
    )


def test_registers_registers_the_gate():
    assert admission_checks()["registers"] is register_blocks_admission


@pytest.mark.parametrize("status", [EntryStatus.NOTIFIED, EntryStatus.STRUCK_OFF])
def test_a_club_not_entered_admits_nobody(cast, status):
    _entry(cast, status)
    case = open_case(cast)
    with pytest.raises(ValidationError) as exc:
        services.do_start_participation(case, actor=cast.kis_manager)
    assert "art. 18" in exc.value.messages[0]
    case.refresh_from_db()
    assert case.status == CaseStatus.QUALIFIED and case.admitted_on is None


def test_an_entered_club_admits(cast):
    _entry(cast, EntryStatus.ENTERED)
    case = services.do_start_participation(open_case(cast), actor=cast.kis_manager)
    assert case.status == CaseStatus.ACTIVE


def test_the_case_screen_says_why_and_offers_no_start(cast, login):
    entry = _entry(cast, EntryStatus.NOTIFIED)
    case = open_case(cast)
    client = login(cast.kis_manager)
    page = client.get(reverse("cases:case_detail", kwargs={"pk": case.pk})).content.decode()
    assert "admission-blocked" in page and "art. 18" in page
    assert reverse("cases:case_start", kwargs={"pk": case.pk}) not in page
    response = client.post(reverse("cases:case_start", kwargs={"pk": case.pk}), {"admitted_on": "2026-11-30"})
    assert response.status_code == 400 and Case.objects.get(pk=case.pk).status == CaseStatus.QUALIFIED
    RegisterEntry.objects.filter(pk=entry.pk).update(status=EntryStatus.ENTERED, entry_date=dt.date(2026, 1, 20))
    page = client.get(reverse("cases:case_detail", kwargs={"pk": case.pk})).content.decode()
    assert "admission-blocked" not in page and reverse("cases:case_start", kwargs={"pk": case.pk}) in page


def test_the_api_refuses_with_the_reason(cast, login):
    _entry(cast, EntryStatus.NOTIFIED)
    case = open_case(cast)
    response = login(cast.kis_manager).post(
        f"/api/v1/cases/cases/{case.pk}/start/", {"admitted_on": "2026-11-30"}, content_type="application/json"
    )
    assert response.status_code == 400 and "art. 18" in str(response.json())
    assert Case.objects.get(pk=case.pk).status == CaseStatus.QUALIFIED
