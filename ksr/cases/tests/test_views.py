import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from ksr.audit.models import AuditEntry
from ksr.cases import services
from ksr.cases.choices import ExitReason, ReferralSource, ReferralStatus
from ksr.cases.models import Participant, Referral
from ksr.cases.tests.helpers import open_case, participant
from ksr.testing import response_bytes

pytestmark = pytest.mark.django_db


def _many(cast, n):
    for i in range(n):
        open_case(cast, 100 + i)


@pytest.mark.parametrize("rows", [1, 12])
def test_participant_list_has_a_fixed_query_count(cast, login, django_assert_num_queries, rows):
    _many(cast, rows)
    client = login(cast.case_manager)
    client.get(reverse("cases:participant_list"))
    with django_assert_num_queries(8):  # … and one insert: a read of each participant shown
        response = client.get(reverse("cases:participant_list"))
    assert response.status_code == 200
    assert response.content.decode().count("/uczestnicy/osoby/") >= rows


@pytest.mark.parametrize("rows", [1, 12])
def test_case_list_has_a_fixed_query_count(cast, login, django_assert_num_queries, rows):
    _many(cast, rows)
    client = login(cast.case_manager)
    with django_assert_num_queries(7):  # … and one insert: a read of each participant shown
        response = client.get(reverse("cases:case_list"))
    assert response.status_code == 200


@pytest.mark.parametrize("rows", [1, 12])
def test_referral_lists_have_a_fixed_query_count(cast, login, django_assert_num_queries, rows):
    for i in range(rows):
        services.do_send_referral(
            {
                "organisation": cast.kis_waw,
                "source": ReferralSource.OPS,
                "sender_organisation": cast.ops_waw,
                "first_name": "Osoba",
                "last_name": f"Skierowana{i}",
            },
            actor=cast.ops_worker,
        )
    client = login(cast.case_manager)
    with django_assert_num_queries(6):
        assert client.get(reverse("cases:referral_list")).status_code == 200
    client = login(cast.ops_worker)
    with django_assert_num_queries(6):
        assert client.get(reverse("cases:my_referrals")).status_code == 200


def test_participant_list_search_and_export(cast, login):
    participant(cast, 1, first_name="Zofia", last_name="Kwiatkowska")
    participant(cast, 2)
    client = login(cast.case_manager)
    response = client.get(reverse("cases:participant_list"), {"q": "kwiat"})
    assert "Kwiatkowska" in response.content.decode() and "Testowy2" not in response.content.decode()
    export = client.get(reverse("cases:participant_list"), {"format": "csv"})
    assert export.status_code == 200 and "Kwiatkowska" in response_bytes(export).decode("utf-8-sig")
    assert AuditEntry.objects.filter(action="export").exists()


def test_specialist_may_not_export(cast, login):
    participant(cast)
    client = login(cast.specialist)
    assert client.get(reverse("cases:participant_list")).status_code == 200
    assert client.get(reverse("cases:participant_list"), {"format": "csv"}).status_code == 403


def test_create_participant_warns_about_duplicates(cast, login):
    existing = participant(
        cast, 1, first_name="Jan", last_name="Kowal", pesel="", no_pesel_reason="brak", birth_date=dt.date(1980, 5, 5)
    )
    client = login(cast.case_manager)
    data = {
        "first_name": "Jan",
        "last_name": "Kowal",
        "no_pesel_reason": "cudzoziemiec",
        "birth_date": "1980-05-05",
        "dependent_children": 0,
        "dependent_elderly": 0,
        "dependent_disabled": 0,
    }
    response = client.post(reverse("cases:participant_create"), data)
    assert response.status_code == 200
    assert reverse("cases:participant_detail", args=[existing.pk]) in response.content.decode()
    assert Participant.objects.count() == 1
    response = client.post(reverse("cases:participant_create"), {**data, "confirm_duplicate": "1"})
    assert response.status_code == 302
    assert Participant.objects.count() == 2


def test_create_participant_shows_pesel_error(cast, login):
    client = login(cast.case_manager)
    response = client.post(
        reverse("cases:participant_create"),
        {
            "first_name": "Jan",
            "last_name": "Zły",
            "pesel": "44051401358",
            "dependent_children": 0,
            "dependent_elderly": 0,
            "dependent_disabled": 0,
        },
    )
    assert response.status_code == 200 and "kontroln" in response.content.decode()
    assert not Participant.objects.exists()


def test_participant_page_records_the_read(cast, login):
    case = open_case(cast)
    client = login(cast.specialist)
    response = client.get(reverse("cases:participant_detail", args=[case.participant.pk]))
    assert response.status_code == 200
    entry = AuditEntry.objects.get(action="read", actor=cast.specialist)
    assert entry.part == "profile" and entry.object_id == str(case.participant.pk)
    client.get(reverse("cases:case_detail", args=[case.pk]))
    assert AuditEntry.objects.filter(action="read", actor=cast.specialist, part="case").exists()


def test_refused_request_leaves_no_read(cast, login):
    case = open_case(cast)
    login(cast.zenon).get(reverse("cases:participant_detail", args=[case.participant.pk]))
    assert not AuditEntry.objects.filter(action="read").exists()


def test_referral_pages_accept_flow(cast, login):
    client = login(cast.ops_worker)
    response = client.post(
        reverse("cases:referral_create"),
        {
            "organisation": cast.kis_waw.pk,
            "source": "ops",
            "sender_organisation": cast.ops_waw.pk,
            "sent_on": timezone.localdate().isoformat(),
            "first_name": "Marek",
            "last_name": "Wolny",
            "sender_reference": "R/1",
        },
    )
    assert response.status_code == 302
    referral = Referral.objects.get()
    client = login(cast.kis_manager)
    assert (
        client.post(reverse("cases:referral_review", args=[referral.pk]), {"qualification_team": "Zespół"}).status_code
        == 302
    )
    response = client.post(
        reverse("cases:referral_accept", args=[referral.pk]),
        {"qualification_team": "Ewa, pracownik socjalny OPS", "case_manager": cast.case_manager.pk},
    )
    assert response.status_code == 302
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.ACCEPTED and referral.case.case_manager == cast.case_manager


def test_refusal_reason_shown_to_sender(cast, login):
    referral = services.do_send_referral(
        {
            "organisation": cast.kis_waw,
            "source": "ops",
            "sender_organisation": cast.ops_waw,
            "first_name": "Marek",
            "last_name": "Wolny",
            "sender_reference": "DPS.7",
        },
        actor=cast.ops_worker,
    )
    services.do_start_review(referral, actor=cast.kis_manager)
    client = login(cast.kis_manager)
    client.post(
        reverse("cases:referral_refuse", args=[referral.pk]),
        {"reason": "no_places", "note": "Brak miejsc do marca", "qualification_team": "Zespół"},
    )
    text = login(cast.ops_worker).get(reverse("cases:my_referrals")).content.decode()
    assert "DPS.7" in text and "Brak miejsc do marca" in text


def test_exit_page_and_follow_up_on_the_workspace(cast, login):
    case = open_case(cast)
    services.do_start_participation(
        case, actor=cast.case_manager, admitted_on=timezone.localdate() - dt.timedelta(days=400)
    )
    client = login(cast.case_manager)
    exited = timezone.localdate() - dt.timedelta(days=200)
    response = client.post(
        reverse("cases:case_exit", args=[case.pk]),
        {"reason": ExitReason.EMPLOYED, "exited_on": exited.isoformat(), "note": ""},
    )
    assert response.status_code == 302
    page = client.get(reverse("cases:workspace"))
    assert page.status_code == 200
    assert reverse("cases:follow_up_update", args=[case.follow_up.pk]) in page.content.decode()


def test_workspace_shows_the_caseload(cast, login):
    case = open_case(cast)
    page = login(cast.case_manager).get(reverse("cases:workspace")).content.decode()
    assert str(case.participant) in page


def test_workspace_collects_registered_items(cast, monkeypatch):
    from ksr.cases import workspace

    case = open_case(cast)
    monkeypatch.setattr(workspace, "_providers", {})
    workspace.register_due_items(
        "fake",
        lambda cases, start, end: [
            workspace.DueItem(date=start, kind="ipd_review", label="Przegląd IPD", case_id=c.pk, url="/x/")
            for c in cases
        ],
    )
    start, end = workspace.week_bounds(timezone.localdate())
    items = workspace.due_items([case], start, end)
    assert [(i.kind, i.case_id) for i in items] == [("ipd_review", case.pk)]


def test_workspace_rows_name_the_participant_or_the_edition(cast, login, monkeypatch):
    from ksr.cases import workspace

    first, second = open_case(cast), open_case(cast, 2)
    monkeypatch.setattr(workspace, "_providers", {})
    workspace.register_due_items(
        "fake",
        lambda cases, start, end: [
            *(workspace.DueItem(date=start, kind="review", label="Przegląd", case_id=c.pk, url="/x/") for c in cases),
            workspace.DueItem(date=start, kind="shortfall", label="Braki", case_id=None, url="/y/", subject="Edycja 1"),
        ],
    )
    page = login(cast.case_manager).get(reverse("cases:workspace")).content.decode()
    rows = [row for row in page.split("<tr>") if "/x/" in row or "/y/" in row]
    assert len(rows) == 3
    assert sum(str(first.participant) in row for row in rows) == 1
    assert sum(str(second.participant) in row for row in rows) == 1
    assert sum("Edycja 1" in row for row in rows) == 1


def test_plans_privacy_and_catalogue_register_their_due_items():
    from ksr.cases.workspace import providers
    from ksr.catalogue import queries as catalogue_queries
    from ksr.plans import queries as plans_queries
    from ksr.privacy import queries as privacy_queries

    registered = providers()
    assert registered["plans"] is plans_queries.due_items
    assert registered["privacy"] is privacy_queries.due_items
    assert registered["catalogue"] is catalogue_queries.due_items


def test_tabs_render_only_existing_urls(cast):
    from ksr.cases.views import participant_tabs

    case = open_case(cast)
    for _label, url in participant_tabs(case.participant, case):
        assert url.startswith("/")


def _tab_bar(page: str) -> str:
    match = re.search(r'<nav class="tabs".*?</nav>', page, re.S)
    assert match, "no tab bar"
    return match.group(0)


def _current_tabs(bar: str) -> list[str]:
    return [re.sub(r"<[^>]+>", "", label) for label in re.findall(r'aria-current="page">(.*?)</a>', bar)]


def test_every_page_of_the_record_shows_the_same_tabs_with_the_current_one_marked(cast, login):
    case = open_case(cast)
    client = login(cast.case_manager)
    pages = {
        "Profile": reverse("cases:participant_detail", args=[case.participant.pk]),
        "Case": reverse("cases:case_detail", args=[case.pk]),
        "Contract and plan": reverse("plans:case_plan", kwargs={"case_pk": case.pk}),
        "Services and attendance": reverse("catalogue:case_services", kwargs={"case_pk": case.pk}),
        "Outcomes": reverse("plans:case_outcomes", kwargs={"case_pk": case.pk}),
    }
    bars = {}
    for label, url in pages.items():
        response = client.get(url, HTTP_ACCEPT_LANGUAGE="en")
        assert response.status_code == 200, url
        bars[label] = _tab_bar(response.content.decode())
        assert _current_tabs(bars[label]) == [label], url
        assert 'aria-label="Parts of the participant record"' in bars[label]
    links = {label: re.findall(r'href="([^"]+)"', bar) for label, bar in bars.items()}
    assert len({tuple(hrefs) for hrefs in links.values()}) == 1  # one tab bar, wherever the user is
    assert set(pages.values()) <= set(links["Case"])
