import pytest
from django.utils import timezone

from ksr.audit.models import AuditEntry
from ksr.privacy.choices import ConsentStatus
from ksr.privacy.models import Consent
from ksr.privacy.tests.helpers import case, consent

pytestmark = pytest.mark.django_db
BASE = "/api/v1/privacy/consents/"


def test_anonymous_refused(cast, client):
    assert client.get(BASE).status_code in (401, 403)


@pytest.mark.parametrize("who", ["partner", "analyst", "zenon", "nobody", "admin"])
def test_others_see_no_consent(cast, login, who):
    c = consent(cast)
    client = login(getattr(cast, who))
    assert client.get(BASE).json()["count"] == 0
    assert client.get(f"{BASE}{c.pk}/").status_code == 404


def test_holder_staff_list_read_and_the_read_is_audited(cast, login):
    c = consent(cast)
    client = login(cast.specialist)
    assert client.get(BASE).json()["count"] == 1
    body = client.get(f"{BASE}{c.pk}/").json()
    assert body["is_live"] is True and body["status"] == ConsentStatus.GRANTED
    # The read names the participant whose consent was read (so it shows on their audit tab).
    participant_id = str(c.case.participant_id)
    assert AuditEntry.objects.filter(action="read", part="consent", object_id=participant_id).exists()


def test_create_helper_consent_and_withdraw_through_the_services(cast, login):
    the_case = case(cast)
    today = timezone.localdate().isoformat()
    client = login(cast.case_manager)
    response = client.post(
        BASE,
        {
            "case": the_case.pk,
            "partner": cast.library_waw.pk,
            "service": "Klub książki",
            "participant_consent_on": today,
            "participant_consent_form": "electronic",
            "valid_from": today,
            "valid_until": "2099-01-01",
        },
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    pk = response.json()["id"]
    assert (
        login(cast.specialist).post(f"{BASE}{pk}/helper-consent/", {}, content_type="application/json").status_code
        == 403
    )
    client = login(cast.case_manager)
    assert client.post(f"{BASE}{pk}/helper-consent/", {}, content_type="application/json").json()["is_live"] is True
    assert client.post(f"{BASE}{pk}/withdraw/", {}, content_type="application/json").status_code == 400
    body = client.post(f"{BASE}{pk}/withdraw/", {"reason": "na prośbę"}, content_type="application/json").json()
    assert body["status"] == ConsentStatus.WITHDRAWN


def test_create_validation_answers_400_and_writes_nothing(cast, login):
    the_case = case(cast)
    response = login(cast.case_manager).post(
        BASE,
        {
            "case": the_case.pk,
            "partner": cast.library_waw.pk,
            "service": "x",
            "participant_consent_on": "2020-01-02",
            "participant_consent_form": "written",
            "valid_from": "2020-01-02",
            "valid_until": "2020-01-01",
        },
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "valid_until" in response.json()
    assert not Consent.objects.exists()
