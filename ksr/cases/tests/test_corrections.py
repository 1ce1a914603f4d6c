"""A wrongly entered admission date is corrected through a recorded correction with its reason,
at its boundaries (today / tomorrow, the exit day / the day after) through the service, the page
and the API."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from ksr.audit.models import AuditEntry
from ksr.cases import services
from ksr.cases.choices import CaseStatus, ExitReason
from ksr.cases.models import Case, CaseCorrection
from ksr.cases.tests.helpers import open_case

pytestmark = pytest.mark.django_db
API = "/api/v1/cases/cases/"
TODAY = timezone.localdate
DAY = dt.timedelta(days=1)


def _admitted(cast, days_ago=30):
    case = open_case(cast)
    services.do_start_participation(case, actor=cast.kis_manager, admitted_on=TODAY() - dt.timedelta(days=days_ago))
    return case


def test_the_admission_date_is_corrected_with_its_reason_and_audited(cast):
    case = _admitted(cast)
    wrong = case.admitted_on
    correction = services.do_correct_admission_date(
        case, TODAY(), reason="Pomyłka przy wpisywaniu.", actor=cast.case_manager
    )
    case.refresh_from_db()
    assert case.admitted_on == TODAY() and case.status == CaseStatus.ACTIVE
    assert (correction.old_value, correction.new_value) == (wrong, TODAY())
    assert correction.reason == "Pomyłka przy wpisywaniu."
    assert correction.created_by == cast.case_manager
    update = AuditEntry.objects.filter(action="update", object_id=str(case.pk)).latest("created_at")
    assert "admitted_on" in update.changes
    assert AuditEntry.objects.filter(action="create", object_id=str(correction.pk)).exists()


def test_tomorrow_is_refused_and_nothing_written(cast):
    case = _admitted(cast)
    with pytest.raises(ValidationError) as exc:
        services.do_correct_admission_date(case, TODAY() + DAY, reason="Pomyłka", actor=cast.kis_manager)
    assert "admitted_on" in exc.value.message_dict
    case.refresh_from_db()
    assert case.admitted_on == TODAY() - dt.timedelta(days=30) and not CaseCorrection.objects.exists()


def test_the_reason_is_required_and_the_same_date_is_refused(cast):
    case = _admitted(cast)
    with pytest.raises(ValidationError) as exc:
        services.do_correct_admission_date(case, TODAY(), reason="  ", actor=cast.kis_manager)
    assert "reason" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        services.do_correct_admission_date(case, case.admitted_on, reason="x", actor=cast.kis_manager)
    assert "admitted_on" in exc.value.message_dict
    assert not CaseCorrection.objects.exists()


def test_an_exited_case_keeps_its_admission_before_the_exit(cast):
    case = _admitted(cast, days_ago=30)
    exit_day = TODAY() - dt.timedelta(days=10)
    services.do_exit_case(case, actor=cast.kis_manager, reason=ExitReason.RESIGNED, exited_on=exit_day)
    with pytest.raises(ValidationError):
        services.do_correct_admission_date(case, exit_day + DAY, reason="Pomyłka", actor=cast.kis_manager)
    services.do_correct_admission_date(case, exit_day, reason="Pomyłka", actor=cast.kis_manager)
    case.refresh_from_db()
    assert case.admitted_on == exit_day and case.status == CaseStatus.EXITED


def test_a_case_not_yet_admitted_has_nothing_to_correct(cast):
    case = open_case(cast)
    with pytest.raises(ValidationError):
        services.do_correct_admission_date(case, TODAY(), reason="Pomyłka", actor=cast.kis_manager)


def test_another_organisation_may_not_correct(cast, login):
    case = _admitted(cast)
    response = login(cast.zenon).post(
        f"{API}{case.pk}/correct-admission/",
        {"admitted_on": TODAY().isoformat(), "reason": "x"},
        content_type="application/json",
    )
    assert response.status_code == 404 and not CaseCorrection.objects.exists()


def test_page_refuses_tomorrow_then_corrects_and_shows_the_record(cast, login):
    case = _admitted(cast)
    client = login(cast.kis_manager)
    detail = client.get(reverse("cases:case_detail", kwargs={"pk": case.pk})).content.decode()
    url = reverse("cases:case_correct_admission", kwargs={"pk": case.pk})
    assert url in detail
    response = client.post(url, {"admitted_on": (TODAY() + DAY).isoformat(), "reason": "Pomyłka"})
    assert response.status_code == 400 and not CaseCorrection.objects.exists()
    response = client.post(url, {"admitted_on": TODAY().isoformat(), "reason": "Pomyłka w dacie"})
    assert response.status_code == 302
    detail = client.get(reverse("cases:case_detail", kwargs={"pk": case.pk})).content.decode()
    assert "Pomyłka w dacie" in detail
    assert Case.objects.get(pk=case.pk).admitted_on == TODAY()


def test_api_refuses_tomorrow_and_corrects_today(cast, login):
    case = _admitted(cast)
    client = login(cast.kis_manager)
    url = f"{API}{case.pk}/correct-admission/"
    tomorrow = (TODAY() + DAY).isoformat()
    response = client.post(url, {"admitted_on": tomorrow, "reason": "x"}, content_type="application/json")
    assert response.status_code == 400 and "admitted_on" in response.json()
    response = client.post(url, {"admitted_on": TODAY().isoformat()}, content_type="application/json")
    assert response.status_code == 400 and "reason" in response.json()
    response = client.post(url, {"admitted_on": TODAY().isoformat(), "reason": "x"}, content_type="application/json")
    assert response.status_code == 200, response.content
    assert response.json()["admitted_on"] == TODAY().isoformat()
    assert CaseCorrection.objects.get().reason == "x"
