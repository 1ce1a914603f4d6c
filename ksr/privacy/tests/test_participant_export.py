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


def test_the_page_reads_in_polish_with_labels_not_keys(cast, login):
    c = consent(cast)
    html = login(cast.case_manager).get(url(c.participant)).content.decode()
    assert "Dane osobowe uczestnika" in html and "Nazwisko" in html
    assert "created_at" not in html and "social_contract" not in html and "participant_consent_on" not in html
    # dates as dd.mm.rrrr, choices by their label
    assert c.valid_until.strftime("%d.%m.%Y") in html and c.valid_until.isoformat() not in html
    assert "Pisemna" in html or "pisemna" in html


def test_the_pdf_copy_carries_its_identifier(cast, login):
    import io

    from pypdf import PdfReader

    c = consent(cast)
    response = login(cast.case_manager).get(url(c.participant) + "?format=pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages)
    assert "/KOPIA/0001" in text and "Kopia danych osobowych" in text and "Warsztaty czytelnicze" in text
    assert AuditEntry.objects.filter(action=AuditAction.EXPORT, object_id=str(c.participant.pk)).exists()


def test_the_manager_gets_no_pdf_copy_either(cast, login):
    assert login(cast.kis_manager).get(url(consent(cast).participant) + "?format=pdf").status_code == 403
