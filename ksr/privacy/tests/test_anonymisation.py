import datetime as dt
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from ksr.audit.models import AuditEntry
from ksr.cases.choices import CaseStatus
from ksr.cases.models import Participant
from ksr.privacy import registry
from ksr.privacy.services import do_anonymise_due_participants, do_anonymise_participant, due_for_anonymisation
from ksr.privacy.tests.helpers import case, consent, participant

pytestmark = pytest.mark.django_db

LONG_AGO = timezone.localdate() - dt.timedelta(days=4000)


def old_participant(cast, **extra):
    p = participant(
        cast.kis_waw,
        "Marek",
        "Stary",
        pesel="",
        birth_date=dt.date(1980, 5, 17),
        phone="600700800",
        email="marek@example.org",
        street="Długa 1",
        health_conditions="astma",
        sex="M",
        **extra,
    )
    case(cast, p, status=CaseStatus.EXITED, opened_on=LONG_AGO - dt.timedelta(days=200), exited_on=LONG_AGO)
    return p


def test_who_is_due(cast, settings):
    settings.KSR_RETENTION_DAYS = 3650
    due = old_participant(cast)
    recent = participant(cast.kis_waw, "Nowy", "Niedawny")
    case(cast, recent, status=CaseStatus.EXITED, opened_on=LONG_AGO, exited_on=timezone.localdate())
    still_open = participant(cast.kis_waw, "Otwarty", "Przypadek")
    case(cast, still_open, status=CaseStatus.EXITED, opened_on=LONG_AGO, exited_on=LONG_AGO)
    case(cast, still_open, status=CaseStatus.ACTIVE)
    participant(cast.kis_waw, "Bez", "Sprawy")
    assert list(due_for_anonymisation()) == [due]
    settings.KSR_RETENTION_DAYS = 10000
    assert not due_for_anonymisation().exists()


def test_anonymise_replaces_personal_data_calls_anonymisers_and_audits(cast):
    p = old_participant(cast)
    c = consent(cast, p.cases.get(), participant_consent_document="Z/7/2015")
    seen = []
    registry.register_anonymiser("test-spy", lambda person: seen.append(person.pk))
    try:
        assert do_anonymise_participant(p, actor=None) is True
    finally:
        registry.unregister("test-spy")
    p.refresh_from_db()
    assert str(p) == "Anonimizowany uczestnik"
    assert (p.pesel, p.phone, p.email, p.street, p.health_conditions) == ("", "", "", "", "")
    assert p.birth_date == dt.date(1980, 1, 1)
    assert p.sex == "M"
    assert p.anonymised_at is not None
    assert seen == [p.pk]
    c.refresh_from_db()
    assert c.participant_consent_document == ""
    entry = AuditEntry.objects.get(part="anonymisation", object_id=str(p.pk))
    assert "Marek" not in str(entry.changes) and "Marek" not in entry.object_repr
    assert "600700800" not in str(entry.changes)


def test_idempotent(cast):
    p = old_participant(cast)
    assert do_anonymise_participant(p, actor=None)
    assert not do_anonymise_participant(p, actor=None)
    assert AuditEntry.objects.filter(part="anonymisation").count() == 1
    result = do_anonymise_due_participants()
    assert (result.due, result.anonymised) == (0, 0)


def test_command_dry_run_counts_only(cast):
    p = old_participant(cast)
    out = StringIO()
    call_command("anonymise_participants", "--dry-run", stdout=out)
    assert "1" in out.getvalue()
    p.refresh_from_db()
    assert p.first_name == "Marek"


def test_command_anonymises(cast):
    p = old_participant(cast)
    out = StringIO()
    call_command("anonymise_participants", stdout=out)
    p.refresh_from_db()
    assert p.anonymised_at is not None
    assert Participant.objects.filter(anonymised_at__isnull=True).count() == 0
    call_command("anonymise_participants", stdout=out)  # again: nothing to do
    assert AuditEntry.objects.filter(part="anonymisation").count() == 1
