"""The KIS graduate status and certificate: six months of participation counted from attendance
after the admission (rules.py, rule (c)), at its boundary through the service, the page and the API.

The participant is admitted on 18 September 2025 and present once in each calendar month from
September to February: six calendar months, but the six months from the admission end only on
18 March 2026 — the day before is refused, the day itself accepted.
"""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from ksr.audit.models import AuditEntry
from ksr.cases import services as case_services
from ksr.cases.admission import graduation_checks
from ksr.cases.choices import CaseStatus, ExitReason
from ksr.cases.models import Case
from ksr.catalogue.certificates import certificate_content
from ksr.catalogue.choices import AttendanceStatus, Mode
from ksr.catalogue.models import Activity, Attendance, Certificate, Edition
from ksr.catalogue.services import certificate_months, do_issue_certificate, six_months_missing
from ksr.catalogue.tests.conftest import make_case

pytestmark = pytest.mark.django_db
D = dt.date
ADMITTED = D(2025, 9, 18)
DAY_BEFORE, FIRST_DAY = D(2026, 3, 17), D(2026, 3, 18)
API = "/api/v1/cases/cases/"


def _present(case, days, status=AttendanceStatus.PRESENT):
    edition, _ = Edition.objects.get_or_create(
        organisation=case.organisation, name="Edycja 2025/2026", starts_on=D(2025, 1, 1), ends_on=D(2026, 12, 31)
    )
    for day in days:
        activity = Activity.objects.create(edition=edition, date=day, topic="T", hours=4, mode=Mode.GROUP, leader="L")
        Attendance.objects.create(activity=activity, case=case, status=status)


def _six_months(case):
    _present(case, [D(2025, 9, 20), D(2025, 10, 6), D(2025, 11, 6), D(2025, 12, 6), D(2026, 1, 6), D(2026, 2, 6)])


@pytest.fixture
def case(cast):
    case = make_case(cast.kis_waw)
    Case.objects.filter(pk=case.pk).update(opened_on=D(2025, 9, 1), admitted_on=ADMITTED)
    case.refresh_from_db()
    return case


# --- the service ------------------------------------------------------------------------------


def test_the_catalogue_registers_the_graduation_rule():
    # Unregistered, a KIS participant would graduate on elapsed time alone.
    assert graduation_checks()["catalogue"] is six_months_missing


def test_certificate_the_day_before_six_months_is_refused_the_day_itself_issued(cast, case):
    _six_months(case)
    with pytest.raises(ValidationError) as exc:
        do_issue_certificate(case, actor=cast.kis_manager, issued_on=DAY_BEFORE)
    assert "2026-03-18" in exc.value.messages[0]
    assert not Certificate.objects.exists()
    certificate = do_issue_certificate(case, actor=cast.kis_manager, issued_on=FIRST_DAY)
    assert certificate.months_attended == 6
    assert certificate.number == f"KIS-{cast.kis_waw.pk}/2026/ZAŚ/0001"
    assert AuditEntry.objects.filter(action="create", object_id=str(certificate.pk)).exists()


def test_attendance_before_the_admission_does_not_count(cast, case):
    # Present every month from March 2025, but admitted only on 18 September: March–August do not count.
    _present(case, [D(2025, m, 10) for m in range(3, 9)] + [D(2025, 9, 17)])
    _present(case, [D(2025, 10, 6), D(2025, 11, 6), D(2025, 12, 6)])
    assert certificate_months(case, D(2026, 3, 31)) == 3
    with pytest.raises(ValidationError) as exc:
        do_issue_certificate(case, actor=cast.kis_manager, issued_on=D(2026, 3, 31))
    assert "3" in exc.value.messages[0]
    assert not Certificate.objects.exists()


def test_no_attendance_never_qualifies_however_long_ago_the_admission(cast, case):
    with pytest.raises(ValidationError):
        do_issue_certificate(case, actor=cast.kis_manager, issued_on=D(2026, 11, 30))
    with pytest.raises(ValidationError) as exc:
        case_services.do_mark_graduate(case, actor=cast.kis_manager, graduated_at=D(2026, 11, 30))
    assert exc.value.message_dict["graduated_at"][0].endswith(": 0.")
    case.refresh_from_db()
    assert case.graduated_at is None


def test_absences_and_attendance_after_the_exit_do_not_count(cast, case):
    _present(case, [D(2025, 9, 20), D(2025, 10, 6), D(2025, 11, 6), D(2025, 12, 6), D(2026, 1, 6)])
    _present(case, [D(2026, 2, 6)], status=AttendanceStatus.ABSENT)
    assert certificate_months(case, FIRST_DAY) == 5
    case_services.do_exit_case(case, actor=cast.kis_manager, reason=ExitReason.COMPLETED, exited_on=D(2026, 2, 1))
    _present(case, [D(2026, 2, 10)])
    assert certificate_months(case, FIRST_DAY) == 5
    with pytest.raises(ValidationError):
        do_issue_certificate(case, actor=cast.kis_manager, issued_on=FIRST_DAY)


def test_numbers_follow_one_sequence_per_club_and_year(cast, case):
    _six_months(case)
    first = do_issue_certificate(case, actor=cast.kis_manager, issued_on=FIRST_DAY)
    other = make_case(cast.kis_waw, "Anna", "Nowak")
    Case.objects.filter(pk=other.pk).update(admitted_on=ADMITTED)
    other.refresh_from_db()
    _six_months(other)
    second = do_issue_certificate(other, actor=cast.kis_manager, issued_on=D(2026, 4, 1))
    assert (first.number, second.number) == (
        f"KIS-{cast.kis_waw.pk}/2026/ZAŚ/0001",
        f"KIS-{cast.kis_waw.pk}/2026/ZAŚ/0002",
    )
    content = certificate_content(second)
    assert content.number == second.number and content.participant == "Anna Nowak"
    assert content.club == cast.kis_waw.name and content.admitted_on == ADMITTED and content.months_attended == 6


def test_graduate_status_the_day_before_refused_the_day_itself_given(cast, case):
    _six_months(case)
    with pytest.raises(ValidationError) as exc:
        case_services.do_mark_graduate(case, actor=cast.kis_manager, graduated_at=DAY_BEFORE)
    assert "graduated_at" in exc.value.message_dict
    case_services.do_mark_graduate(case, actor=cast.kis_manager, graduated_at=FIRST_DAY)
    case.refresh_from_db()
    assert case.graduated_at == FIRST_DAY


# --- the pages --------------------------------------------------------------------------------


def test_graduate_page_refuses_the_day_before_and_accepts_the_day(cast, login, case):
    _six_months(case)
    client = login(cast.kis_manager)
    url = reverse("cases:case_graduate", kwargs={"pk": case.pk})
    response = client.post(url, {"graduated_at": DAY_BEFORE.isoformat()})
    assert response.status_code == 400 and "2026-03-18" in response.content.decode()
    case.refresh_from_db()
    assert case.graduated_at is None
    response = client.post(url, {"graduated_at": FIRST_DAY.isoformat()})
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.graduated_at == FIRST_DAY


def test_services_page_says_why_and_shows_the_issued_certificate(cast, login, case):
    client = login(cast.kis_manager)
    page = client.get(reverse("catalogue:case_services", kwargs={"case_pk": case.pk})).content.decode()
    assert "0" in page and "certificate-help" in page
    response = client.post(reverse("catalogue:certificate_issue", kwargs={"case_pk": case.pk}), follow=True)
    assert not Certificate.objects.exists() and "2026-03-18" in response.content.decode()
    _six_months(case)
    response = client.post(reverse("catalogue:certificate_issue", kwargs={"case_pk": case.pk}), follow=True)
    number = Certificate.objects.get().number
    assert number in response.content.decode()


# --- the API: the boundary, and a graduate stays reachable by its club --------------------------


def test_api_graduate_boundary_and_the_graduate_stays_reachable(cast, login, case):
    _six_months(case)
    client = login(cast.kis_manager)
    response = client.post(
        f"{API}{case.pk}/graduate/", {"graduated_at": DAY_BEFORE.isoformat()}, content_type="application/json"
    )
    assert response.status_code == 400 and "graduated_at" in response.json()
    response = client.post(
        f"{API}{case.pk}/graduate/", {"graduated_at": FIRST_DAY.isoformat()}, content_type="application/json"
    )
    assert response.status_code == 200, response.content
    assert response.json()["graduated_at"] == FIRST_DAY.isoformat()
    # Reachable after the graduation: the record, the list, the page and the next lifecycle action.
    assert client.get(f"{API}{case.pk}/").status_code == 200
    assert case.pk in [row["id"] for row in client.get(API).json()["results"]]
    assert [row["id"] for row in client.get(API, {"graduate": "true"}).json()["results"]] == [case.pk]
    assert client.get(reverse("cases:case_detail", kwargs={"pk": case.pk})).status_code == 200
    response = client.post(
        f"{API}{case.pk}/exit/",
        {"exit_reason": ExitReason.COMPLETED, "exited_on": "2026-03-31"},
        content_type="application/json",
    )
    assert response.status_code == 200, response.content
    assert response.json()["status"] == CaseStatus.EXITED
    assert client.get(f"{API}{case.pk}/").status_code == 200
    # Still another club's case answers 404.
    assert login(cast.zenon).get(f"{API}{case.pk}/").status_code == 404
