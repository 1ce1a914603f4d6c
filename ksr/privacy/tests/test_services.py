import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from ksr.audit.choices import AuditAction
from ksr.audit.models import AuditEntry
from ksr.cases.choices import CaseStatus
from ksr.privacy.choices import ConsentStatus
from ksr.privacy.models import Consent
from ksr.privacy.services import do_record_helper_consent, do_record_participant_consent, do_withdraw_consent
from ksr.privacy.tests.helpers import case, consent, consent_data

pytestmark = pytest.mark.django_db


def _entries(obj, action):
    return AuditEntry.objects.filter(object_id=str(obj.pk), content_type__model=obj._meta.model_name, action=action)


def test_participant_consent_is_recorded_awaiting_the_helper_and_audited(cast):
    c = do_record_participant_consent(case(cast), consent_data(cast), actor=cast.specialist)
    assert c.status == ConsentStatus.AWAITING_HELPER
    assert c.data_scope == ["name", "booked_service", "attendance"]
    assert not c.is_live()
    entry = _entries(c, AuditAction.CREATE).get()
    assert entry.organisation == cast.kis_waw


@pytest.mark.parametrize("who", ["partner", "zenon", "analyst", "nobody", "ops_worker", "admin"])
def test_only_holder_staff_record_a_consent(cast, who):
    with pytest.raises(PermissionDenied):
        do_record_participant_consent(case(cast), consent_data(cast), actor=getattr(cast, who))
    assert not Consent.objects.exists()


@pytest.mark.parametrize(
    ("extra", "field"),
    [
        ({"valid_until": timezone.localdate() - dt.timedelta(days=1)}, "valid_until"),
        ({"participant_consent_on": timezone.localdate() + dt.timedelta(days=1)}, "participant_consent_on"),
        ({"participant_consent_form": "written", "participant_consent_document": ""}, "participant_consent_document"),
        ({"data_scope": ["name", "health"]}, "data_scope"),
        ({"data_scope": []}, "data_scope"),
    ],
)
def test_invalid_consent_writes_nothing(cast, extra, field):
    with pytest.raises(ValidationError) as exc:
        do_record_participant_consent(case(cast), consent_data(cast, **extra), actor=cast.case_manager)
    assert field in exc.value.message_dict
    assert not Consent.objects.exists()
    assert not AuditEntry.objects.filter(action=AuditAction.CREATE).exists()


def test_the_holder_itself_is_not_a_partner(cast):
    with pytest.raises(ValidationError) as exc:
        do_record_participant_consent(case(cast), consent_data(cast, partner=cast.kis_waw), actor=cast.case_manager)
    assert "partner" in exc.value.message_dict


def test_no_consent_on_a_closed_case(cast):
    with pytest.raises(ValidationError):
        do_record_participant_consent(case(cast, status=CaseStatus.EXITED), consent_data(cast), actor=cast.case_manager)


def test_the_responsible_helper_consents_and_the_consent_becomes_live(cast):
    c = consent(cast, helper=False)
    c = do_record_helper_consent(c, actor=cast.case_manager)
    assert c.status == ConsentStatus.GRANTED
    assert c.helper == cast.case_manager
    assert c.is_live()
    entry = _entries(c, AuditAction.UPDATE).get()
    assert entry.changes["status"] == [ConsentStatus.AWAITING_HELPER, ConsentStatus.GRANTED]


@pytest.mark.parametrize("who", ["kis_manager", "specialist", "partner", "zenon"])
def test_only_the_responsible_helper_consents(cast, who):
    c = consent(cast, helper=False)
    with pytest.raises(PermissionDenied):
        do_record_helper_consent(c, actor=getattr(cast, who))
    c.refresh_from_db()
    assert c.status == ConsentStatus.AWAITING_HELPER


def test_helper_consent_needs_a_responsible_helper(cast):
    c = consent(cast, case(cast, responsible_helper=None), helper=False)
    with pytest.raises(ValidationError):
        do_record_helper_consent(c, actor=cast.case_manager)


def test_helper_cannot_consent_twice_or_after_withdrawal(cast):
    c = consent(cast)
    with pytest.raises(ValidationError):
        do_record_helper_consent(c, actor=cast.case_manager)
    do_withdraw_consent(c, "na prośbę uczestnika", actor=cast.specialist)
    with pytest.raises(ValidationError):
        do_record_helper_consent(c, actor=cast.case_manager)


def test_withdrawal_ends_access_at_once_and_is_audited(cast):
    c = consent(cast)
    assert c.is_live()
    c = do_withdraw_consent(c, "na prośbę uczestnika z 3 marca", actor=cast.kis_manager)
    assert c.status == ConsentStatus.WITHDRAWN
    assert c.withdrawn_by == cast.kis_manager and c.withdrawn_at is not None
    assert not c.is_live()
    assert not Consent.objects.live().exists()
    assert _entries(c, AuditAction.UPDATE).count() == 1


def test_withdrawal_needs_a_reason_and_holder_staff(cast):
    c = consent(cast)
    with pytest.raises(ValidationError):
        do_withdraw_consent(c, "  ", actor=cast.kis_manager)
    with pytest.raises(PermissionDenied):
        do_withdraw_consent(c, "x", actor=cast.partner)
    with pytest.raises(PermissionDenied):
        do_withdraw_consent(c, "x", actor=cast.zenon)
    c.refresh_from_db()
    assert c.is_live()


def test_live_needs_both_consents_the_period_and_no_withdrawal(cast):
    today = timezone.localdate()
    assert consent(cast).is_live()
    assert not consent(cast, helper=False).is_live()
    assert not consent(cast, valid_until=today - dt.timedelta(days=1)).is_live()
    assert not consent(cast, valid_from=today + dt.timedelta(days=1)).is_live()
    assert Consent.objects.live().count() == 1
