"""Writes of the calendar: issuing and revoking the user's secret feed address.

The token is a credential: the audit trail records that it was set or removed, never its value.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction

from ksr.agenda.models import CalendarFeed, new_token
from ksr.audit.choices import AuditAction
from ksr.audit.services import record
from ksr.core.types import AnyUser

_TOKEN_CHANGED = {"token": [None, None]}


def user_id_of(user: AnyUser) -> int:
    """The signed-in user's id (a feed belongs to a signed-in user only)."""
    if user.pk is None:
        raise PermissionDenied
    return int(user.pk)


@transaction.atomic
def do_issue_feed(*, actor: AnyUser) -> CalendarFeed:
    """Give ``actor`` a feed address; an existing one is replaced (the old address stops working)."""
    user_id = user_id_of(actor)
    feed = CalendarFeed.objects.select_for_update().filter(user_id=user_id).first()
    if feed is None:
        feed = CalendarFeed.objects.create(user_id=user_id, created_by_id=user_id, updated_by_id=user_id)
        record(AuditAction.CREATE, feed, actor=actor, changes={"user": [None, actor.pk], **_TOKEN_CHANGED})
        return feed
    feed.token = new_token()
    feed.updated_by_id = user_id
    feed.save(update_fields=["token", "updated_by", "updated_at"])
    record(AuditAction.UPDATE, feed, actor=actor, changes=_TOKEN_CHANGED)
    return feed


@transaction.atomic
def do_revoke_feed(*, actor: AnyUser) -> bool:
    """Delete ``actor``'s feed address; returns whether there was one."""
    feed = CalendarFeed.objects.select_for_update().filter(user_id=user_id_of(actor)).first()
    if feed is None:
        return False
    record(AuditAction.DELETE, feed, actor=actor, changes=_TOKEN_CHANGED)
    feed.delete()
    return True
