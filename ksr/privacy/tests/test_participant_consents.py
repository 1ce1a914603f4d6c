import pytest
from django.urls import reverse
from django.utils import timezone

from ksr.audit.choices import AuditAction
from ksr.audit.models import AuditEntry
from ksr.privacy.choices import ConsentStatus
from ksr.privacy.models import Consent
from ksr.privacy.tests.helpers import case, consent

pytestmark = pytest.mark.django_db


def url(p):
    return reverse("privacy:participant_consents", kwargs={"participant_pk": p.pk})


def test_anonymous_is_sent_to_sign_in(cast, client):
    c = case(cast)
    assert client.get(url(c.participant)).status_code == 302


@pytest.mark.parametrize(
    "who", ["partner", "ops_worker", "coordinator", "analyst", "national", "zenon", "nobody", "admin"]
)
def test_others_get_404(cast, login, who):
    c = consent(cast)
    assert login(getattr(cast, who)).get(url(c.participant)).status_code == 404


@pytest.mark.parametrize("who", ["kis_manager", "case_manager", "specialist"])
def test_holder_staff_see_the_consents_and_the_read_is_audited(cast, login, who):
    c = consent(cast)
    response = login(getattr(cast, who)).get(url(c.participant))
    assert response.status_code == 200
    assert c.service in response.content.decode()
    assert AuditEntry.objects.filter(action=AuditAction.READ, object_id=str(c.participant.pk), part="consents").exists()


def test_record_a_consent_through_the_page(cast, login):
    c = case(cast)
    today = timezone.localdate().isoformat()
    response = login(cast.specialist).post(
        url(c.participant),
        {
            "case": c.pk,
            "partner": cast.library_waw.pk,
            "service": "Klub książki",
            "data_scope": ["name", "attendance"],
            "participant_consent_on": today,
            "participant_consent_form": "electronic",
            "participant_consent_document": "",
            "valid_from": today,
            "valid_until": "2099-12-31",
        },
    )
    assert response.status_code == 302
    consent_ = Consent.objects.get()
    assert consent_.status == ConsentStatus.AWAITING_HELPER
    assert consent_.data_scope == ["name", "attendance"]


def test_invalid_post_shows_errors_and_writes_nothing(cast, login):
    c = case(cast)
    response = login(cast.specialist).post(url(c.participant), {"case": c.pk, "partner": cast.library_waw.pk})
    assert response.status_code == 400
    assert "errorlist" in response.content.decode()
    assert not Consent.objects.exists()


def test_helper_page_only_for_the_responsible_helper(cast, login):
    c = consent(cast, helper=False)
    target = reverse("privacy:consent_helper", kwargs={"participant_pk": c.participant_id, "pk": c.pk})
    assert login(cast.specialist).get(target).status_code == 403
    assert login(cast.zenon).get(target).status_code == 404
    client = login(cast.case_manager)
    assert client.get(target).status_code == 200
    assert client.post(target, {"given_on": timezone.localdate().isoformat()}).status_code == 302
    c.refresh_from_db()
    assert c.status == ConsentStatus.GRANTED


def test_withdraw_through_the_page(cast, login):
    c = consent(cast)
    target = reverse("privacy:consent_withdraw", kwargs={"participant_pk": c.participant_id, "pk": c.pk})
    assert login(cast.partner).post(target, {"reason": "x"}).status_code == 404
    client = login(cast.kis_manager)
    assert client.post(target, {"reason": ""}).status_code == 400
    assert client.post(target, {"reason": "na prośbę uczestnika"}).status_code == 302
    c.refresh_from_db()
    assert c.status == ConsentStatus.WITHDRAWN
