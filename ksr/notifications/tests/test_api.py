import pytest
from rest_framework.test import APIClient

from ksr.notifications.choices import Delivery, NotificationKind
from ksr.notifications.models import Notification, NotificationPreference
from ksr.notifications.services import notify

pytestmark = pytest.mark.django_db
URL = "/api/v1/notifications/"


def test_requires_authentication():
    assert APIClient().get(URL).status_code == 401


def test_lists_ones_own_and_marks_read(cast, login):
    (mine,) = notify([cast.kis_manager], NotificationKind.REFERRAL_RECEIVED, title="Moje")
    (theirs,) = notify([cast.case_manager], NotificationKind.REFERRAL_RECEIVED, title="Cudze")
    client = login(cast.kis_manager)
    data = client.get(URL).json()
    assert [n["title"] for n in data["results"]] == ["Moje"]
    assert client.get(f"{URL}{theirs.pk}/").status_code == 404
    assert client.post(f"{URL}{theirs.pk}/read/").status_code == 404
    response = client.post(f"{URL}{mine.pk}/read/")
    assert response.status_code == 200 and response.json()["read_at"]
    assert client.get(URL + "?unread=1").json()["results"] == []
    assert client.post(f"{URL}read-all/").json() == {"marked": 0}
    assert Notification.objects.get(pk=theirs.pk).read_at is None


def test_preferences(cast, login):
    client = login(cast.kis_manager)
    url = f"{URL}preferences/"
    response = client.post(url, {"kind": "forum_overdue", "delivery": "digest"}, content_type="application/json")
    assert response.status_code == 200
    assert client.get(url).json() == [{"kind": "forum_overdue", "delivery": "digest"}]
    response = client.post(url, {"kind": "forum_overdue", "delivery": "weekly"}, content_type="application/json")
    assert response.status_code == 400 and "delivery" in response.json()
    assert NotificationPreference.objects.get().delivery == Delivery.DIGEST
