import json

import pytest
from django.urls import reverse

from ksr.audit.choices import AuditAction
from ksr.audit.models import AuditEntry
from ksr.privacy.tests.helpers import consent

pytestmark = pytest.mark.django_db


def url(p):
    return reverse("privacy:participant_export", kwargs={"participant_pk": p.pk})


def test_anonymous_is_sent_to_sign_in(cast, client):
    assert client.get(url(consent(cast).participant)).status_code == 302


@pytest.mark.parametrize("who", ["partner", "analyst", "zenon", "nobody", "admin"])
def test_others_get_404(cast, login, who):
    assert login(getattr(cast, who)).get(url(consent(cast).participant)).status_code == 404


def test_the_manager_does_not_make_the_copy(cast, login):
    assert login(cast.kis_manager).get(url(consent(cast).participant)).status_code == 403


def test_json_copy_holds_every_section_and_is_audited(cast, login):
    c = consent(cast)
    response = login(cast.case_manager).get(url(c.participant) + "?format=json")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    data = json.loads(response.content)
    assert data["sections"]["participant"]["last_name"] == "Nowak"
    assert data["sections"]["consents"]["items"][0]["service"] == c.service
    entry = AuditEntry.objects.get(action=AuditAction.EXPORT, object_id=str(c.participant.pk))
    assert entry.part == "participant-copy" and entry.actor == cast.case_manager


def test_printable_page(cast, login):
    c = consent(cast)
    response = login(cast.specialist).get(url(c.participant))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Nowak" in html and c.service in html
    assert html.count("<h1") == 1
