import datetime as dt
from decimal import Decimal

from django.urls import reverse

from ksr.agenda.overview import club_overview
from ksr.cases.tests.helpers import open_case, referral_from_ops
from ksr.catalogue.choices import Mode
from ksr.catalogue.models import Activity, Edition


def test_the_overview_counts_caseload_shortfalls_and_waiting_people(cast, today):
    open_case(cast, 1)
    open_case(cast, 2)
    referral_from_ops(cast)
    edition = Edition.objects.create(
        organisation=cast.kis_waw,
        name="Program",
        starts_on=today - dt.timedelta(days=70),
        ends_on=today + dt.timedelta(days=60),
    )
    Activity.objects.create(edition=edition, date=today, topic="T", hours=Decimal(4), mode=Mode.GROUP, leader="L")
    view = club_overview(cast.kis_waw, today)
    assert view.caseload == [(cast.case_manager, 2)]
    assert view.referrals_waiting == 1
    assert view.qualified_waiting == 2
    months = {check.month for _edition, check in view.shortfalls}
    assert (today.year, today.month) in months
    assert all(not check.meets for _edition, check in view.shortfalls)


def test_the_page_and_the_home_panel_for_the_manager_only(cast, login):
    open_case(cast, 1)
    client = login(cast.kis_manager)
    page = client.get(reverse("agenda:manager_overview"))
    assert page.status_code == 200
    text = page.content.decode()
    assert "KIS Warszawa" in text and "Obciążenie case managerów" in text
    assert "Przegląd kierownika" in client.get(reverse("core:home")).content.decode()
    assert login(cast.case_manager).get(reverse("agenda:manager_overview")).status_code == 403
    assert "Przegląd kierownika" not in login(cast.case_manager).get(reverse("core:home")).content.decode()
    other = login(cast.zenon).get(reverse("agenda:manager_overview")).content.decode()
    assert "KIS Warszawa" not in other and "KIS Kraków" in other


def test_the_overview_query_count_does_not_grow(cast, login, django_assert_max_num_queries):
    client = login(cast.kis_manager)
    open_case(cast, 1)
    with django_assert_max_num_queries(60) as few:
        client.get(reverse("agenda:manager_overview"))
    for n in range(2, 8):
        open_case(cast, n)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(reverse("agenda:manager_overview"))


def test_certificates_ready_and_coming_due_are_counted_from_attendance(cast, today):
    from ksr.cases import services as case_services
    from ksr.catalogue.choices import AttendanceStatus
    from ksr.catalogue.models import Attendance
    from ksr.catalogue.rules import add_months

    ready = open_case(cast, 1)
    case_services.do_start_participation(ready, actor=cast.kis_manager, admitted_on=add_months(today, -7))
    soon = open_case(cast, 2)
    case_services.do_start_participation(
        soon, actor=cast.kis_manager, admitted_on=add_months(today, -6) + dt.timedelta(days=10)
    )
    idle = open_case(cast, 3)
    case_services.do_start_participation(idle, actor=cast.kis_manager, admitted_on=add_months(today, -8))
    edition = Edition.objects.create(
        organisation=cast.kis_waw, name="Program", starts_on=add_months(today, -9), ends_on=today
    )
    for months_ago in range(7):
        day = add_months(today, -months_ago).replace(day=1) if months_ago else today
        activity = Activity.objects.create(
            edition=edition, date=day, topic="T", hours=Decimal(2), mode=Mode.GROUP, leader="L"
        )
        Attendance.objects.create(activity=activity, case=ready, status=AttendanceStatus.PRESENT)
    view = club_overview(cast.kis_waw, today)
    assert (view.certificates_ready, view.certificates_soon) == (1, 1)
