"""Two officers deciding one entry at the same moment: the row lock lets exactly one win."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from ksr.registers import services
from ksr.registers.choices import EntryStatus, StrikeOffReason
from ksr.registers.models import RegisterEntry

from .conftest import days_ago

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks (SELECT … FOR UPDATE) need PostgreSQL"),
]


def test_of_two_simultaneous_strike_offs_exactly_one_wins(cast, make_entry):
    entry = make_entry(notified=10, entered=5)
    both_read = threading.Barrier(2, timeout=10)
    outcomes: list[str] = []

    def strike_off(actor, reason):
        try:
            seen = RegisterEntry.objects.get(pk=entry.pk)  # each officer's page shows "entered"
            both_read.wait()
            services.do_strike_off(seen, date=days_ago(1), reason=reason, actor=actor)
            outcomes.append("struck off")
        except ValidationError as error:
            outcomes.append(error.code)
        finally:
            connection.close()

    threads = [
        threading.Thread(target=strike_off, args=(cast.officer, StrikeOffReason.OPERATOR_NOTICE)),
        threading.Thread(target=strike_off, args=(cast.admin, StrikeOffReason.VOIVODE_FINDING)),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(outcomes) == ["already_changed", "struck off"]
    entry.refresh_from_db()
    assert entry.status == EntryStatus.STRUCK_OFF
