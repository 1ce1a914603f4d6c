import datetime as dt
import io

from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from ksr.audit.choices import AuditAction
from ksr.audit.models import AuditEntry
from ksr.catalogue.choices import AttendanceStatus as S
from ksr.cis.models import BenefitRate, StatusDecision
from ksr.cis.tests.conftest import cis_case, classes, mark

D = dt.date


def _benefits(cis):
    return reverse("cis:benefits", args=[cis.pk])


def test_the_overview_shows_the_status_and_warns_before_it_ends(cast, cis, cis_manager, login):
    client = login(cis_manager)
    text = client.get(reverse("cis:overview")).content.decode()
    assert "CIS Warszawa" in text and "Żadna decyzja" in text
    response = client.post(
        reverse("cis:decision_create", args=[cis.pk]),
        {"kind": "granted", "number": "WPS.1", "decided_on": "2024-01-10", "valid_from": "2024-01-15"},
    )
    assert response.status_code == 302
    assert StatusDecision.objects.get().valid_until == D(2029, 1, 14)
    text = client.get(reverse("cis:overview")).content.decode()
    assert "14.01.2029" in text
    assert "wkrótce wygasa" not in text
    StatusDecision.objects.update(valid_until=dt.date.today() + dt.timedelta(days=30))
    assert "wkrótce wygasa" in client.get(reverse("cis:overview")).content.decode()


def test_a_decision_form_refuses_with_a_polish_message_and_writes_nothing(cast, cis, cis_manager, login):
    response = login(cis_manager).post(
        reverse("cis:decision_create", args=[cis.pk]),
        {"kind": "extended", "number": "WPS.1", "decided_on": "2022-01-10", "valid_from": "2022-01-15"},
    )
    assert response.status_code == 400
    assert "Przedłużyć można tylko" in response.content.decode()
    assert not StatusDecision.objects.exists()


def test_another_club_answers_404(cast, cis, rate, login):
    for user in (cast.zenon, cast.kis_manager):
        client = login(user)
        assert client.get(_benefits(cis)).status_code == 404
        assert client.get(reverse("cis:decision_create", args=[cis.pk])).status_code == 404


def test_the_benefit_page_exports_and_records_its_reads(cast, cis, rate, cis_manager, login):
    case = cis_case(cis, 1, D(2026, 9, 1))
    mark(case, classes(cis, [D(2026, 11, 2)]).values(), S.ABSENT)
    client = login(cis_manager)
    text = client.get(_benefits(cis), {"month": "2026-11"}).content.decode()
    assert "Testowa1" in text and "1740.00" in text.replace(",", ".")
    assert AuditEntry.objects.filter(
        action=AuditAction.READ, part="benefit", object_id=str(case.participant_id)
    ).exists()
    book = load_workbook(io.BytesIO(client.get(_benefits(cis), {"month": "2026-11", "format": "xlsx"}).content))
    rows = list(book.active.iter_rows(values_only=True))
    line = next(row for row in rows if row[0] == str(case.participant))
    assert line[1:] == (30, 1, 1800, 1800, 60, 0, 1740)
    assert isinstance(line[-1], (int, float))
    assert AuditEntry.objects.filter(action=AuditAction.EXPORT).exists()
    pdf = client.get(_benefits(cis), {"month": "2026-11", "format": "pdf"})
    assert pdf["Content-Type"] == "application/pdf"
    words = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "1 740,00" in words and "Testowa1" in words


def test_the_bonus_form_keeps_the_limit(cast, cis, rate, cis_manager, login):
    case = cis_case(cis, 1, D(2026, 9, 1))
    client = login(cis_manager)
    url = reverse("cis:bonus_create", args=[cis.pk]) + "?month=2026-11"
    over = client.post(url, {"case": case.pk, "amount": "360.01", "reason": "Zaangażowanie"})
    assert over.status_code == 400
    assert "co najwyżej 360,00 zł" in over.content.decode()
    assert client.post(url, {"case": case.pk, "amount": "360.00", "reason": "Zaangażowanie"}).status_code == 302
    assert "2160.00" in client.get(_benefits(cis), {"month": "2026-11"}).content.decode().replace(",", ".")


def test_no_rate_says_so(cast, cis, cis_manager, login):
    text = login(cis_manager).get(_benefits(cis)).content.decode()
    assert "Brak stawki" in text


def test_rates_are_read_by_all_and_added_by_the_administrator(cast, rate, login):
    assert "UZS art. 15 (test)" in login(cast.case_manager).get(reverse("cis:rates")).content.decode()
    assert login(cast.case_manager).get(reverse("cis:rate_create")).status_code == 403
    admin = login(cast.admin)
    response = admin.post(
        reverse("cis:rate_create"),
        {
            "valid_from": "2027-06-01",
            "unemployment_benefit": "1700.00",
            "percent": "120",
            "trial_percent": "120",
            "trial_months": "1",
            "absence_divisor": "30",
            "bonus_max_percent": "0",
            "weekly_hours_min": "30",
            "weekly_hours_max": "40",
            "max_months": "24",
            "source": "obwieszczenie",
            "verified": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert BenefitRate.objects.count() == 2


def test_the_benefit_page_query_count_does_not_grow(cast, cis, rate, cis_manager, login, django_assert_max_num_queries):
    client = login(cis_manager)
    acts = list(classes(cis, [D(2026, 11, 2), D(2026, 11, 3)]).values())
    mark(cis_case(cis, 1, D(2026, 9, 1)), acts, S.PRESENT)
    with django_assert_max_num_queries(40) as few:
        client.get(_benefits(cis), {"month": "2026-11"})
    for n in range(2, 8):
        mark(cis_case(cis, n, D(2026, 9, 1)), acts, S.PRESENT)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(_benefits(cis), {"month": "2026-11"})


def test_the_home_page_leads_the_cis_staff_to_their_duties(cast, cis, cis_manager, login):
    assert reverse("cis:overview") in login(cis_manager).get(reverse("core:home")).content.decode()
    assert reverse("cis:overview") not in login(cast.kis_manager).get(reverse("core:home")).content.decode()
