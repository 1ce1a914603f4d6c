"""The inbox page, the header's count, marking read and the preferences page."""

import pytest
from django.urls import reverse

from ksr.notifications.choices import Delivery, NotificationKind
from ksr.notifications.models import Notification, NotificationPreference
from ksr.notifications.services import notify

pytestmark = pytest.mark.django_db
INBOX = reverse("notifications:inbox")


def note(user, title="Nowe skierowanie", link="/uczestnicy/skierowania/1/"):
    (notification,) = notify([user], NotificationKind.REFERRAL_RECEIVED, title=title, link=link)
    return notification


def test_inbox_requires_sign_in(client):
    response = client.get(INBOX)
    assert response.status_code == 302 and "/konto/logowanie/" in response["Location"]


def test_empty_inbox_says_so(cast, login):
    html = login(cast.kis_manager).get(INBOX).content.decode()
    assert "Nie masz jeszcze powiadomień" in html


def test_inbox_shows_only_ones_own_paginated_with_a_fixed_query_count(cast, login, django_assert_num_queries):
    note(cast.case_manager, title="Cudze")
    client = login(cast.kis_manager)
    note(cast.kis_manager, title="Pierwsze")
    client.get(INBOX)  # warm the session
    with django_assert_num_queries(7) as few:
        html = client.get(INBOX).content.decode()
    assert "Pierwsze" in html and "Cudze" not in html
    for i in range(30):
        note(cast.kis_manager, title=f"Powiadomienie {i}")
    with django_assert_num_queries(len(few.captured_queries)):
        html = client.get(INBOX).content.decode()
    assert "Powiadomienie 29" in html and "Powiadomienie 4" not in html  # 25 a page, newest first
    assert "Strona 1 z 2" in html
    assert "Powiadomienie 4" in client.get(INBOX + "?page=2").content.decode()


def test_badge_counts_the_unread(cast, login, client):
    badge = reverse("notifications:badge")
    assert "badge" not in client.get(badge).content.decode()  # signed out: the link only
    note(cast.kis_manager)
    note(cast.kis_manager)
    html = login(cast.kis_manager).get(badge).content.decode()
    assert "2 nieprzeczytane" in html


def test_mark_read_and_open(cast, login):
    notification = note(cast.kis_manager)
    client = login(cast.kis_manager)
    response = client.post(reverse("notifications:mark_read", args=[notification.pk]), {"open": "1"})
    assert response.status_code == 302 and response["Location"] == "/uczestnicy/skierowania/1/"
    notification.refresh_from_db()
    assert notification.read_at is not None
    assert "?unread=1" in client.get(INBOX).content.decode()
    assert "Brak nieprzeczytanych" in client.get(INBOX + "?unread=1").content.decode()


def test_anothers_notification_is_404(cast, login):
    notification = note(cast.case_manager)
    response = login(cast.kis_manager).post(reverse("notifications:mark_read", args=[notification.pk]))
    assert response.status_code == 404
    assert Notification.objects.get().read_at is None


def test_an_external_link_is_not_followed(cast, login):
    notification = note(cast.kis_manager, link="https://example.com/")
    response = login(cast.kis_manager).post(reverse("notifications:mark_read", args=[notification.pk]), {"open": "1"})
    assert response["Location"] == INBOX


def test_mark_all_read(cast, login):
    note(cast.kis_manager)
    note(cast.case_manager)
    login(cast.kis_manager).post(reverse("notifications:mark_all_read"))
    assert list(Notification.objects.filter(read_at__isnull=True).values_list("recipient", flat=True)) == [
        cast.case_manager.pk
    ]


def test_preferences_page_saves_each_kind(cast, login):
    url = reverse("notifications:preferences")
    client = login(cast.kis_manager)
    html = client.get(url).content.decode()
    assert "Dzienne podsumowanie e-mailem" in html
    assert "nie ma adresu e-mail" in html
    data = {kind.value: Delivery.IMMEDIATE for kind in NotificationKind}
    data[NotificationKind.FORUM_OVERDUE] = Delivery.DIGEST
    response = client.post(url, data)
    assert response.status_code == 302
    assert list(NotificationPreference.objects.values_list("user", "kind", "delivery")) == [
        (cast.kis_manager.pk, NotificationKind.FORUM_OVERDUE, Delivery.DIGEST)
    ]


def test_preferences_page_refuses_an_unknown_delivery(cast, login):
    data = {kind.value: Delivery.IMMEDIATE for kind in NotificationKind}
    data[NotificationKind.FORUM_OVERDUE] = "weekly"
    response = login(cast.kis_manager).post(reverse("notifications:preferences"), data)
    assert response.status_code == 400
    assert not NotificationPreference.objects.exists()


def test_badge_does_not_send_a_session_owing_its_second_factor_away(cast, client, settings):
    settings.KSR_REQUIRE_2FA = True
    note(cast.case_manager)
    client.force_login(cast.case_manager)  # no second factor verified
    response = client.get(reverse("notifications:badge"), HTTP_HX_REQUEST="true")
    assert response.status_code == 200 and "HX-Redirect" not in response
    assert "nieprzeczytane" not in response.content.decode()
    assert client.get(INBOX)["Location"].startswith(reverse("accounts:otp_setup"))
