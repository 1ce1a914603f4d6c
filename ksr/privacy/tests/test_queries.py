import datetime as dt

import pytest
from django.utils import timezone

from ksr.cases.models import Case
from ksr.privacy.queries import due_items
from ksr.privacy.services import do_withdraw_consent
from ksr.privacy.tests.helpers import case, consent

pytestmark = pytest.mark.django_db


def test_consents_ending_in_the_window(cast):
    today = timezone.localdate()
    soon = consent(cast, valid_until=today + dt.timedelta(days=10))
    consent(cast, valid_until=today + dt.timedelta(days=100))
    withdrawn = consent(cast, valid_until=today + dt.timedelta(days=5))
    do_withdraw_consent(withdrawn, "na prośbę", actor=cast.case_manager)
    items = due_items(Case.objects.all(), today, today + dt.timedelta(days=30))
    assert len(items) == 1
    item = items[0]
    get = (lambda k: item[k]) if isinstance(item, dict) else (lambda k: getattr(item, k))
    assert get("date") == soon.valid_until
    assert get("case_id") == soon.case_id
    assert get("kind") == "consent_expiry"
    assert str(soon.participant_id) in get("url")


def test_accepts_a_list_of_cases(cast):
    c = case(cast)
    consent(cast, c, valid_until=timezone.localdate())
    assert len(due_items([c], timezone.localdate(), timezone.localdate())) == 1
    assert due_items([], timezone.localdate(), timezone.localdate()) == []
