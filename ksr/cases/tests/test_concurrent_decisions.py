"""Two people deciding one referral at the same moment: exactly one decision is taken.

The decision services move the referral through ``REFERRAL_MACHINE.move``, which locks the row
(``SELECT … FOR UPDATE``) and re-reads the status; whoever comes second finds the referral
already decided and is told so. The threaded test needs PostgreSQL (SQLite has no row locks and
serialises writers on the whole file); the stale-object test runs anywhere.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from ksr.accounts.models import User
from ksr.cases import services
from ksr.cases.choices import ReferralStatus, RefusalReason
from ksr.cases.models import Case, Referral
from ksr.cases.tests.helpers import referral_from_ops

TEAM = "Ewa Nowak, pracownik socjalny, MOPS\nPiotr Zieliński, psycholog, KIS"


def _referral_under_review(cast: Any) -> Referral:
    referral = referral_from_ops(cast)
    return services.do_start_review(referral, actor=cast.kis_manager, qualification_team=TEAM)


def _accept(referral: Referral, actor: User) -> object:
    return services.do_accept_referral(referral, actor=actor, qualification_team=TEAM)


def _refuse(referral: Referral, actor: User) -> object:
    return services.do_refuse_referral(referral, actor=actor, reason=RefusalReason.NO_PLACES)


@pytest.mark.django_db
def test_a_stale_referral_is_told_someone_else_decided(cast):
    referral = _referral_under_review(cast)
    mine, theirs = Referral.objects.get(pk=referral.pk), Referral.objects.get(pk=referral.pk)
    _accept(theirs, cast.case_manager)
    assert mine.status == ReferralStatus.UNDER_REVIEW  # what this user still sees
    with pytest.raises(ValidationError) as refused:
        _refuse(mine, cast.kis_manager)
    assert refused.value.code == "already_changed"
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.ACCEPTED and referral.refusal_reason == ""


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="needs PostgreSQL: row locks (SELECT … FOR UPDATE) decide the race; SQLite locks the whole file",
)
def test_two_simultaneous_decisions_on_one_referral_exactly_one_wins(cast):
    referral = _referral_under_review(cast)
    barrier = threading.Barrier(2, timeout=30)
    results: dict[str, object] = {}

    def decide(name: str, decision: Callable[[Referral, User], object], user_pk: int) -> None:
        try:
            # Each thread has its own connection, its own user and its own copy of the referral,
            # loaded while it is under review, as two browsers would have it.
            actor = User.objects.get(pk=user_pk)
            mine = Referral.objects.get(pk=referral.pk)
            assert mine.status == ReferralStatus.UNDER_REVIEW
            barrier.wait()
            results[name] = decision(mine, actor)
        except Exception as exc:
            results[name] = exc
        finally:
            connection.close()

    threads = [
        threading.Thread(target=decide, args=("accept", _accept, cast.kis_manager.pk)),
        threading.Thread(target=decide, args=("refuse", _refuse, cast.case_manager.pk)),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not any(thread.is_alive() for thread in threads)

    failures = {name: r for name, r in results.items() if isinstance(r, Exception)}
    winners = {name: r for name, r in results.items() if not isinstance(r, Exception)}
    assert len(winners) == 1 and len(failures) == 1, results
    (loser,) = failures.values()
    assert isinstance(loser, ValidationError) and loser.code == "already_changed", repr(loser)

    referral.refresh_from_db()
    if "accept" in winners:
        assert referral.status == ReferralStatus.ACCEPTED and referral.refusal_reason == ""
        assert Case.objects.filter(referral=referral).count() == 1
    else:
        assert referral.status == ReferralStatus.REFUSED and referral.refusal_reason == RefusalReason.NO_PLACES
        assert not Case.objects.exists()
    assert referral.decided_on is not None
