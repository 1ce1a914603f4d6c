import datetime as dt

import pytest
from django.urls import reverse

from ksr.cooperation import services
from ksr.cooperation.models import CooperationAssessment, Meeting
from ksr.testing import response_bytes

from .conftest import held_meeting
from .test_assessment_services import card_data


def forum_url(network):
    return reverse("cooperation:network_forum", kwargs={"network_pk": network.pk})


def test_forum_page_anonymous_redirects(client, forum):
    response = client.get(forum_url(forum.network))
    assert response.status_code == 302 and response.url.startswith(reverse("accounts:login"))


@pytest.mark.parametrize("who", ["zenon", "nobody"])
def test_forum_page_hidden_from_outsiders(login, cast, forum, who):
    assert login(getattr(cast, who)).get(forum_url(forum.network)).status_code == 404


def test_forum_page_read_only_for_partner(login, cast, forum):
    response = login(cast.partner).get(forum_url(forum.network))
    assert response.status_code == 200
    html = response.content.decode()
    assert "KIS Warszawa" in html and reverse("cooperation:meeting_create", args=[forum.network.pk]) not in html


def test_forum_page_for_coordinator_shows_timeliness_and_actions(login, cast, forum):
    held_meeting(forum, cast.coordinator, held_on=dt.date.today() - dt.timedelta(days=100))
    html = login(cast.coordinator).get(forum_url(forum.network)).content.decode()
    assert reverse("cooperation:meeting_create", args=[forum.network.pk]) in html
    assert 'id="results"' in html and "<caption>" in html


def test_forum_page_without_forum_offers_setup(login, cast, lsr):
    html = login(cast.coordinator).get(forum_url(lsr)).content.decode()
    assert reverse("cooperation:forum_create", args=[lsr.pk]) in html
    response = login(cast.coordinator).post(reverse("cooperation:forum_create", args=[lsr.pk]))
    assert response.status_code == 302 and hasattr(lsr, "forum")


def test_forum_create_refused_to_partner(login, cast, lsr):
    assert login(cast.partner).post(reverse("cooperation:forum_create", args=[lsr.pk])).status_code == 403


def _count(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_forum_page_query_count_is_fixed(login, cast, forum, django_assert_num_queries):
    client = login(cast.coordinator)
    url = forum_url(forum.network)
    for _ in range(2):
        held_meeting(forum, cast.coordinator)
    few = _count(client, url)
    for _ in range(15):
        held_meeting(forum, cast.coordinator)
    with django_assert_num_queries(few):
        assert client.get(url).status_code == 200


def test_forum_page_exports_csv(login, cast, forum):
    held_meeting(forum, cast.coordinator)
    response = login(cast.coordinator).get(forum_url(forum.network) + "?format=csv")
    assert response["Content-Type"].startswith("text/csv")
    assert "Posiedzenie" in response_bytes(response).decode("utf-8-sig")


def test_plan_meeting_through_the_page(login, cast, forum):
    client = login(cast.coordinator)
    url = reverse("cooperation:meeting_create", args=[forum.network.pk])
    assert client.get(url).status_code == 200
    response = client.post(
        url, {"kind": "strategic", "title": "Konwent", "planned_on": "2026-12-10", "agenda": "Sprawozdanie\nWnioski"}
    )
    meeting = Meeting.objects.get()
    assert response.status_code == 302 and response.url == reverse("cooperation:meeting_detail", args=[meeting.pk])
    assert meeting.agenda.count() == 2


def test_plan_meeting_refused_to_partner(login, cast, forum):
    url = reverse("cooperation:meeting_create", args=[forum.network.pk])
    assert login(cast.partner).get(url).status_code == 403
    assert login(cast.zenon).get(url).status_code == 404


def test_record_held_and_send_minutes(login, cast, forum, mailoutbox, django_capture_on_commit_callbacks):
    client = login(cast.coordinator)
    meeting = services.do_plan_meeting(
        forum, {"kind": "strategic", "title": "Konwent", "planned_on": dt.date.today()}, actor=cast.coordinator
    )
    rep = forum.representatives.first()
    response = client.post(
        reverse("cooperation:meeting_held", args=[meeting.pk]),
        {
            "held_on": dt.date.today().isoformat(),
            "participants_active": "12",
            "participants_exited": "3",
            "minutes": "Protokół",
            "representatives": [rep.pk],
        },
    )
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.status == "held" and meeting.attendance.count() == 1
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("cooperation:meeting_send_minutes", args=[meeting.pk]))
    meeting.refresh_from_db()
    assert meeting.status == "minutes_sent" and len(mailoutbox) == 1


def test_held_form_shows_errors(login, cast, forum):
    meeting = services.do_plan_meeting(
        forum, {"kind": "strategic", "title": "Konwent", "planned_on": dt.date.today()}, actor=cast.coordinator
    )
    future = (dt.date.today() + dt.timedelta(days=3)).isoformat()
    response = login(cast.coordinator).post(reverse("cooperation:meeting_held", args=[meeting.pk]), {"held_on": future})
    assert response.status_code == 400 and 'role="alert"' in response.content.decode()


def test_small_counts_masked_outside_the_kis(login, cast, forum):
    meeting = held_meeting(forum, cast.coordinator, participants_active=12, participants_exited=3)
    url = reverse("cooperation:meeting_detail", args=[meeting.pk])
    partner_html = login(cast.partner).get(url).content.decode()
    assert "&lt;5" in partner_html and "12" in partner_html
    kis_html = login(cast.case_manager).get(url).content.decode()
    assert "&lt;5" not in kis_html
    assert login(cast.zenon).get(url).status_code == 404


def test_alerts_page(login, cast, forum):
    url = reverse("cooperation:alerts")
    assert forum.network.name in login(cast.coordinator).get(url).content.decode()
    assert forum.network.name in login(cast.animator).get(url).content.decode()
    assert login(cast.partner).get(url).status_code == 403
    assert login(cast.nobody).get(url).status_code == 403


def test_alerts_partial_renders_for_context(rf, cast, forum):
    from django.template.loader import render_to_string

    from ksr.cooperation.views import alerts_context

    request = rf.get("/")
    request.user = cast.coordinator
    html = render_to_string("cooperation/_alerts.html", alerts_context(request))
    assert forum.network.name in html
    request.user = cast.partner
    assert render_to_string("cooperation/_alerts.html", alerts_context(request)).strip() == ""


def test_assessments_page_and_filling(login, cast, lsr):
    services.do_fill_assessment(lsr, cast.kis_waw, card_data(score=3, year=2025, half="H2"), actor=cast.kis_manager)
    client = login(cast.partner)
    url = reverse("cooperation:network_assessments", args=[lsr.pk])
    html = client.get(url).content.decode()
    assert "<svg" in html and reverse("cooperation:assessment_create", args=[lsr.pk]) in html
    data = {"organisation": cast.library_waw.pk, "year": "2026", "half": "H1", "filled_on": "2026-03-01"}
    data.update({k: "4" for k in card_data() if k.startswith("score_")})
    response = client.post(reverse("cooperation:assessment_create", args=[lsr.pk]), data)
    assert response.status_code == 302
    card = CooperationAssessment.objects.get(organisation=cast.library_waw)
    assert client.get(reverse("cooperation:assessment_detail", args=[card.pk])).status_code == 200
    again = client.post(reverse("cooperation:assessment_create", args=[lsr.pk]), data)
    assert again.status_code == 400 and "wypełniła już kartę" in again.content.decode()
    other = CooperationAssessment.objects.get(organisation=cast.kis_waw)
    assert client.get(reverse("cooperation:assessment_detail", args=[other.pk])).status_code == 404


def test_assessment_form_refused_to_non_members(login, cast, lsr):
    url = reverse("cooperation:assessment_create", args=[lsr.pk])
    assert login(cast.ops_worker).get(url).status_code == 403
    assert login(cast.zenon).get(url).status_code == 404


def test_improvement_action_through_the_page(login, cast, lsr):
    client = login(cast.coordinator)
    response = client.post(
        reverse("cooperation:improvement_action_create", args=[lsr.pk]),
        {
            "title": "Lista mailingowa",
            "condition": "communication",
            "owner": cast.library_waw.pk,
            "due_on": "2026-12-31",
        },
    )
    assert response.status_code == 302
    assert "Lista mailingowa" in client.get(reverse("cooperation:network_assessments", args=[lsr.pk])).content.decode()
    assert login(cast.partner).get(reverse("cooperation:improvement_action_create", args=[lsr.pk])).status_code == 403
