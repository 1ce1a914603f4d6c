import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from ksr.surveys.models import Interview, Response, Survey
from ksr.surveys.tests.helpers import answered, answers, open_survey


@pytest.fixture
def survey(cast):
    return answered(open_survey(cast.animator), answers(), answers(q2="no"))


@pytest.mark.parametrize("name", ["surveys:survey_detail", "surveys:survey_summary", "surveys:survey_paper"])
def test_anonymous_is_sent_to_login(client, survey, name):
    response = client.get(reverse(name, args=[survey.pk]))
    assert (response.status_code == 302 and "logowanie" in response.url) or "login" in response.url


@pytest.mark.parametrize("who", ["kis_manager", "nobody"])
def test_wrong_role_is_refused(login, cast, survey, who):
    client = login(getattr(cast, who))
    assert client.get(reverse("surveys:survey_list")).status_code == 403
    assert client.get(reverse("surveys:survey_detail", args=[survey.pk])).status_code == 403


def test_other_voivodeship_does_not_find_the_survey(login, cast, survey):
    from ksr.accounts.choices import Role
    from ksr.accounts.models import Membership

    Membership.objects.create(user=cast.zenon, organisation=cast.kis_krk, role=Role.REGIONAL_ANIMATOR)
    client = login(cast.zenon)
    assert client.get(reverse("surveys:survey_detail", args=[survey.pk])).status_code == 404
    assert client.get(reverse("surveys:readiness_gmina", args=["1465011"])).status_code == 404


@pytest.mark.parametrize("who", ["animator", "analyst", "national", "admin"])
def test_readers_see_survey_pages(login, cast, survey, who):
    client = login(getattr(cast, who))
    for name in ("surveys:survey_detail", "surveys:survey_summary"):
        assert client.get(reverse(name, args=[survey.pk])).status_code == 200
    page = client.get(reverse("surveys:readiness_gmina", args=["1465011"]))
    body = page.content.decode()
    assert page.status_code == 200 and "Składniki wyniku i ich wagi" in body and "40%" in body


def test_analyst_reads_but_cannot_enter_paper_answers(login, cast, survey):
    client = login(cast.analyst)
    assert client.get(reverse("surveys:survey_paper", args=[survey.pk])).status_code == 403


def test_list_query_count_is_fixed(login, cast, django_assert_num_queries):
    client = login(cast.animator)
    open_survey(cast.animator)
    client.get(reverse("surveys:survey_list"))
    with django_assert_num_queries(7) as few:
        client.get(reverse("surveys:survey_list"))
    for _ in range(4):
        answered(open_survey(cast.animator), answers())
    with django_assert_num_queries(len(few.captured_queries)):
        response = client.get(reverse("surveys:survey_list"))
    assert response.context["paginator"].count == 5


def test_create_survey_page(login, cast):
    client = login(cast.animator)
    today = timezone.localdate()
    from ksr.testing import unit

    response = client.post(
        reverse("surveys:survey_create"),
        {"gmina": unit("1465011").pk, "title": "Wiosna", "starts_on": today, "ends_on": today + dt.timedelta(days=7)},
    )
    survey = Survey.objects.get(title="Wiosna")
    assert response.status_code == 302 and response.url == reverse("surveys:survey_detail", args=[survey.pk])


def test_public_link_answers_without_login_or_cookies(client, cast):
    survey = open_survey(cast.animator)
    url = reverse("surveys:answer", args=[survey.invitations.first().token])
    page = client.get(url)
    assert page.status_code == 200 and "Szanowni Państwo" in page.content.decode() and not page.cookies
    response = client.post(url, answers(q2="no", q3="yes"))
    assert response.status_code == 200 and not response.cookies
    assert Response.objects.get().q3_signatory is None
    assert client.get(reverse("surveys:answer", args=["wrong-token"])).status_code == 404


def test_closed_window_shows_a_clear_message(client, cast):
    today = timezone.localdate()
    survey = open_survey(cast.animator, starts_on=today - dt.timedelta(days=9), ends_on=today - dt.timedelta(days=2))
    response = client.post(reverse("surveys:answer", args=[survey.token]), answers())
    assert (
        response.status_code == 410 and "nie przyjmuje" in response.content.decode().lower()
    ) or "not accepting" in response.content.decode()
    assert not Response.objects.exists()


def test_paper_entry_and_interview_pages(login, cast, survey):
    client = login(cast.animator)
    client.post(reverse("surveys:survey_paper", args=[survey.pk]), answers())
    assert survey.responses.filter(channel="paper").count() == 1
    response = client.post(
        reverse("surveys:interview_create", args=[survey.pk]),
        {
            "kind": "idi",
            "held_on": timezone.localdate(),
            "duration_minutes": 30,
            "moderator": "A",
            "institution": cast.ops_waw.pk,
            "participants": "kierownik\npracownik merytoryczny",
            "rating": 4,
            "notes_part1": "wie o partnerstwie",
        },
    )
    interview = Interview.objects.get()
    assert response.status_code == 302
    detail = client.get(reverse("surveys:interview_detail", args=[interview.pk])).content.decode()
    assert "wie o partnerstwie" in detail and "30" in detail


def test_send_emails_page(login, cast, survey, mailoutbox, django_capture_on_commit_callbacks):
    cast.ops_waw.email = "ops@example.org"
    cast.ops_waw.save()
    survey.invitations.filter(organisation=cast.ops_waw).update(email="ops@example.org")
    client = login(cast.animator)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("surveys:survey_send", args=[survey.pk]))
    invitation = survey.invitations.get(organisation=cast.ops_waw)
    assert len(mailoutbox) == 1 and invitation.token in mailoutbox[0].body and survey.token not in mailoutbox[0].body


def test_summary_counts(login, cast, survey):
    response = login(cast.animator).get(reverse("surveys:survey_summary", args=[survey.pk]))
    yes_no = {q["code"]: q for q in response.context["questions"]}
    assert (yes_no["q2"]["yes"], yes_no["q2"]["no"]) == (1, 1)
    assert yes_no["q3"]["skipped"] == 1


@pytest.mark.parametrize("who", ["animator", "national"])
def test_report_and_diagram(login, cast, survey, who):
    client = login(getattr(cast, who))
    report = client.get(reverse("surveys:report"))
    assert report.status_code == 200 and report.context["data"]["regions"][0]["code"] == "14"
    diagram = client.get(reverse("surveys:diagram"))
    assert diagram.status_code == 200 and "<svg" in diagram.content.decode()
