from django.urls import reverse
from icalendar import Calendar

from ksr.agenda.models import CalendarFeed
from ksr.audit.models import AuditEntry


def _issue(client):
    response = client.post(reverse("agenda:feed_issue"))
    assert response.status_code == 302
    return CalendarFeed.objects.get()


def test_the_feed_carries_case_references_and_never_a_name(
    cast, login, client, exited_case, class_today, meeting_today
):
    feed = _issue(login(cast.case_manager))
    client.logout()
    response = client.get(reverse("agenda:ics", args=[feed.token]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    summaries = {str(event["SUMMARY"]) for event in calendar.walk("VEVENT")}
    participant = exited_case.participant
    assert any(f"sprawa nr {exited_case.pk}" in s for s in summaries), summaries
    assert "Zajęcia: Trening komunikacji" in summaries
    assert not any("None" in s for s in summaries), summaries
    assert "Posiedzenie forum: Forum wiosenne" in summaries
    body = response.content.decode()
    for personal in (participant.first_name, participant.last_name, participant.pesel):
        assert personal not in body
    dates = {event.decoded("DTSTART") for event in calendar.walk("VEVENT")}
    assert dates == {exited_case.follow_up.due_on}


def test_a_new_address_replaces_the_old_and_revoking_ends_the_feed(cast, login, client):
    user_client = login(cast.case_manager)
    old = _issue(user_client).token
    new = _issue(user_client).token
    assert old != new
    assert client.get(reverse("agenda:ics", args=[old])).status_code == 404
    assert client.get(reverse("agenda:ics", args=[new])).status_code == 200
    user_client.post(reverse("agenda:feed_revoke"))
    assert not CalendarFeed.objects.exists()
    assert client.get(reverse("agenda:ics", args=[new])).status_code == 404


def test_the_token_never_reaches_the_audit_trail(cast, login):
    feed = _issue(login(cast.case_manager))
    entries = AuditEntry.objects.filter(object_id=str(feed.pk))
    assert entries.exists()
    for entry in entries:
        assert feed.token not in str(entry.changes)


def test_an_unknown_token_and_a_deactivated_user_answer_404(cast, login, client):
    feed = _issue(login(cast.case_manager))
    assert client.get(reverse("agenda:ics", args=["x" * 43])).status_code == 404
    cast.case_manager.is_active = False
    cast.case_manager.save(update_fields=["is_active"])
    assert client.get(reverse("agenda:ics", args=[feed.token])).status_code == 404


def test_the_settings_page_shows_the_address_only_to_its_owner(cast, login):
    client = login(cast.case_manager)
    assert "Utwórz mój adres kalendarza" in client.get(reverse("agenda:feed")).content.decode()
    feed = _issue(client)
    assert feed.token in client.get(reverse("agenda:feed")).content.decode()
    other = login(cast.specialist)
    assert feed.token not in other.get(reverse("agenda:feed")).content.decode()


def test_feed_changes_need_a_post(cast, login):
    client = login(cast.case_manager)
    assert client.get(reverse("agenda:feed_issue")).status_code == 405
    assert client.get(reverse("agenda:feed_revoke")).status_code == 405
