import pytest
from django.core.exceptions import ValidationError

from ksr.accounts.choices import Role
from ksr.accounts.scope import scope_for
from ksr.accounts.services import do_grant_membership, do_revoke_membership
from ksr.audit.choices import AuditAction
from ksr.audit.models import AuditEntry


def test_grant_membership_is_audited_and_changes_the_scope(cast):
    assert scope_for(cast.nobody).roles == frozenset()
    membership = do_grant_membership(
        user=cast.nobody, organisation=cast.kis_krk, role=Role.SPECIALIST, actor=cast.admin
    )
    assert scope_for(cast.nobody).roles == {Role.SPECIALIST}
    entry = AuditEntry.objects.get(action=AuditAction.CREATE, object_id=str(membership.pk))
    assert entry.organisation == cast.kis_krk and entry.actor == cast.admin


def test_grant_membership_twice_is_refused(cast):
    with pytest.raises(ValidationError):
        do_grant_membership(
            user=cast.kis_manager, organisation=cast.kis_waw, role=Role.ENTITY_MANAGER, actor=cast.admin
        )


def test_grant_membership_with_a_reversed_period_is_refused(cast):
    import datetime as dt

    with pytest.raises(ValidationError):
        do_grant_membership(
            user=cast.nobody,
            organisation=cast.kis_waw,
            role=Role.SPECIALIST,
            actor=cast.admin,
            valid_from=dt.date(2025, 2, 1),
            valid_to=dt.date(2025, 1, 1),
        )
    assert not AuditEntry.objects.exists()


def test_revoke_membership_is_audited(cast):
    membership = cast.specialist.memberships.get()
    scope_for(cast.specialist)
    do_revoke_membership(membership, actor=cast.admin)
    assert scope_for(cast.specialist).roles == frozenset()
    entry = AuditEntry.objects.get(action=AuditAction.DELETE)
    assert entry.changes["role"] == [Role.SPECIALIST, None]
