import datetime as dt

from django.urls import reverse

from ksr.agenda.events import events_for
from ksr.audit.choices import AuditAction
from ksr.audit.models import AuditEntry
from ksr.cases.models import Case


def test_the_week_lists_the_follow_up_the_class_and_the_meeting(cast, login, exited_case, class_today, meeting_today):
    page = login(cast.case_manager).get(reverse("agenda:calendar"))
    assert page.status_code == 200
    text = page.content.decode()
    assert str(exited_case.participant) in text
    assert "Trening komunikacji" in text
    assert "Forum wiosenne" in text
    assert reverse("cases:follow_up_update", args=[exited_case.follow_up.pk]) in text


def test_a_page_naming_participants_is_recorded_as_a_read_of_each_case(cast, login, exited_case):
    login(cast.case_manager).get(reverse("agenda:calendar"))
    reads = AuditEntry.objects.filter(action=AuditAction.READ, part="calendar", object_id=str(exited_case.pk))
    assert reads.count() == 1
    assert reads.get().content_type.model_class() is Case


def test_another_club_sees_none_of_it(cast, login, exited_case, class_today, meeting_today):
    text = login(cast.zenon).get(reverse("agenda:calendar")).content.decode()
    assert str(exited_case.participant) not in text
    assert "Trening komunikacji" not in text
    assert "Forum wiosenne" not in text
    assert "0 pozycji" in text or "Nic" in text


def test_the_network_member_sees_the_forum_meeting_but_not_the_club_s_cases(cast, exited_case, meeting_today, today):
    kinds = {event.kind for event in events_for(cast.partner, today, today)}
    assert kinds == {"meeting"}


def test_the_kis_manager_sees_the_club_s_cases_and_the_specialist_only_classes(cast, exited_case, class_today, today):
    assert {e.kind for e in events_for(cast.case_manager, today, today)} >= {"follow_up", "class"}
    assert {e.kind for e in events_for(cast.kis_manager, today, today)} >= {"follow_up", "class"}
    assert {e.kind for e in events_for(cast.specialist, today, today)} == {"class"}


def test_the_boundaries_of_the_week_and_the_month(cast, exited_case, today):
    week_start = today - dt.timedelta(days=today.weekday())

    def follow_ups(start, end):
        return [e.date for e in events_for(cast.case_manager, start, end) if e.kind == "follow_up"]

    assert follow_ups(week_start, week_start + dt.timedelta(days=6)) == [today]
    assert follow_ups(today, today) == [today]
    assert follow_ups(today + dt.timedelta(days=1), today + dt.timedelta(days=30)) == []
    # overdue follow-ups stay on the workspace list, but the calendar shows each item on its own day
    assert follow_ups(today - dt.timedelta(days=30), today - dt.timedelta(days=1)) == []


def test_month_view_navigation_and_a_bad_date(cast, login, exited_case, today):
    client = login(cast.case_manager)
    month = client.get(reverse("agenda:calendar"), {"view": "month", "date": today.isoformat()})
    assert month.status_code == 200
    text = month.content.decode()
    assert str(exited_case.participant) in text
    first = today.replace(day=1)
    previous = (first - dt.timedelta(days=1)).replace(day=1)
    assert f"date={previous.isoformat()}" in text
    bad = client.get(reverse("agenda:calendar"), {"view": "month", "date": "2026-13-45"})
    assert bad.status_code == 200


def test_anonymous_users_are_sent_to_sign_in(client):
    response = client.get(reverse("agenda:calendar"))
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


def test_the_calendar_page_keeps_its_query_count_as_items_grow(cast, login, exited_case, django_assert_max_num_queries):
    from ksr.catalogue.choices import Mode
    from ksr.catalogue.models import Activity, Edition

    client = login(cast.case_manager)
    client.get(reverse("agenda:calendar"))
    edition = Edition.objects.create(
        organisation=cast.kis_waw, name="E", starts_on=dt.date(2026, 1, 1), ends_on=dt.date(2027, 12, 31)
    )
    today = exited_case.follow_up.due_on
    for n in range(2):
        Activity.objects.create(edition=edition, date=today, topic=f"T{n}", hours=2, mode=Mode.GROUP, leader="L")
    with django_assert_max_num_queries(30) as small:
        client.get(reverse("agenda:calendar"))
    for n in range(20):
        Activity.objects.create(edition=edition, date=today, topic=f"U{n}", hours=2, mode=Mode.GROUP, leader="L")
    with django_assert_max_num_queries(len(small.captured_queries)):
        client.get(reverse("agenda:calendar"))
