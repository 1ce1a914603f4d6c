"""The declared state machine: allowed and refused moves, guards, permissions, the row lock."""

from __future__ import annotations

from types import SimpleNamespace
from unittest import mock

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from ksr.core.states import HasStateMachine, StateMachine
from ksr.registry.choices import OperatingLevel as L
from ksr.testing import OrganisationFactory


def _national_only_once(obj):
    if obj.name.startswith("Closed"):
        raise ValidationError("closed", code="closed")


MACHINE = StateMachine(
    L,
    {L.LOCAL: {L.REGIONAL}, L.REGIONAL: {L.NATIONAL, L.LOCAL}},
    field="operating_level",
    allowed={(L.REGIONAL, L.LOCAL): lambda obj, actor: actor == "admin"},
    guards={L.NATIONAL: _national_only_once},
)


@pytest.fixture
def org(db):
    return OrganisationFactory(operating_level=L.LOCAL)


def test_an_allowed_move_sets_the_state_and_saves_it_on_request(org):
    with transaction.atomic():
        move = MACHINE.move(org, L.REGIONAL, actor="anyone", save=True)
    assert (move.source, move.target) == (L.LOCAL, L.REGIONAL)
    org.refresh_from_db()
    assert org.operating_level == L.REGIONAL


def test_an_undeclared_move_is_refused_with_both_labels(org):
    with pytest.raises(ValidationError) as refusal, transaction.atomic():
        MACHINE.move(org, L.NATIONAL)
    assert refusal.value.code == "invalid_transition"
    assert str(L.LOCAL.label) in refusal.value.messages[0]
    assert str(L.NATIONAL.label) in refusal.value.messages[0]
    assert org.operating_level == L.LOCAL


def test_the_guard_must_hold(org):
    org.operating_level = L.REGIONAL
    org.name = "Closed club"
    org.save()
    with pytest.raises(ValidationError) as refusal, transaction.atomic():
        MACHINE.move(org, L.NATIONAL)
    assert refusal.value.code == "closed"


def test_who_may_take_a_move_is_checked_for_the_actor(org):
    org.operating_level = L.REGIONAL
    org.save()
    with pytest.raises(PermissionDenied), transaction.atomic():
        MACHINE.move(org, L.LOCAL, actor="somebody")
    with transaction.atomic():
        MACHINE.move(org, L.LOCAL, actor="admin")
    assert org.operating_level == L.LOCAL


def test_a_state_changed_by_someone_else_is_reported_as_already_changed(org):
    stale = type(org).objects.get(pk=org.pk)
    with transaction.atomic():
        MACHINE.move(org, L.REGIONAL, save=True)
    with pytest.raises(ValidationError) as refusal, transaction.atomic():
        MACHINE.move(stale, L.REGIONAL)
    assert refusal.value.code == "already_changed"
    assert stale.operating_level == L.REGIONAL  # re-read under the lock


def test_the_lock_needs_a_transaction(org):
    outside = SimpleNamespace(in_atomic_block=False)  # the test itself runs inside a transaction
    with (
        mock.patch.object(transaction, "get_connection", return_value=outside),
        pytest.raises(RuntimeError, match=r"transaction\.atomic"),
    ):
        MACHINE.lock(org)


def test_a_rule_for_an_undeclared_move_is_refused_when_declared():
    with pytest.raises(ValueError, match="undeclared move"):
        StateMachine(L, {L.LOCAL: {L.REGIONAL}}, guards={L.NATIONAL: _national_only_once})
    with pytest.raises(ValueError, match="unknown states"):
        StateMachine(L, {"nowhere": {L.REGIONAL}})


def test_the_model_mixin_reads_the_machine():
    class Thing(HasStateMachine):
        state_machine = MACHINE

        def __init__(self, level):
            self.operating_level = level

    assert Thing(L.REGIONAL).next_states == [L.LOCAL, L.NATIONAL]
    assert Thing(L.LOCAL).can_move_to(L.REGIONAL)
    assert not Thing(L.LOCAL).can_move_to(L.NATIONAL)
    assert MACHINE.is_final(L.NATIONAL)
