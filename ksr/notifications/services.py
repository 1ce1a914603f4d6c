"""Writing notifications: ``notify`` (called by the apps' services), marking read, preferences, the digest.

``notify`` runs inside the caller's transaction: it writes the inbox rows there and queues the
e-mails with ``transaction.on_commit``, so a rolled-back write leaves no notification and sends
nothing. The e-mails go through the background job ``ksr.send_mail`` (``ksr.core.tasks``).

Title and body are translated for each recipient in the language kept on their account
(``User.language``): pass lazy msgids and their ``params`` (``%(name)s`` placeholders). Neither
may carry a participant's name or special-category data — cases are named by their reference
(``case_reference``); the link leads to the record, where the usual access rules apply.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.functional import lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ksr.accounts.models import User
from ksr.audit.services import record_create, record_update, snapshot
from ksr.core.tasks import send_mail
from ksr.core.types import AnyUser
from ksr.notifications.choices import DEFAULT_DELIVERY, Delivery, NotificationKind
from ksr.notifications.models import Notification, NotificationPreference


def _case_reference(case_id: int) -> str:
    return _("case no. %(number)s") % {"number": case_id}


# How a notification names a case (never by the participant's name); lazy, so that it is
# rendered in each recipient's language.
case_reference = lazy(_case_reference, str)


@dataclass(frozen=True)
class Notice:
    """What a scheduled scan wants to tell whom (see ``ksr.notifications.scanners``)."""

    recipients: tuple[Any, ...]
    kind: str
    title: Any
    body: Any = ""
    params: Mapping[str, Any] = field(default_factory=dict)
    link: str = ""
    organisation: Any = None
    dedupe_key: str = ""


def _render(text: Any, params: Mapping[str, Any]) -> str:
    rendered = str(text)
    return rendered % dict(params) if params else rendered


def _absolute(link: str) -> str:
    return f"{settings.KSR_BASE_URL.rstrip('/')}{link}" if link.startswith("/") else link


def _mail_text(notification: Notification) -> str:
    parts = [notification.body] if notification.body else []
    if notification.link:
        parts.append(_("Open in KSR: %(url)s") % {"url": _absolute(notification.link)})
    parts.append(_("You receive this e-mail because of your notification settings in KSR."))
    return "\n\n".join(parts)


def _queue_mail(subject: str, body: str, address: str) -> None:
    transaction.on_commit(lambda: send_mail.delay(subject, body, [address]))


def notify(
    recipients: Iterable[Any],
    kind: str,
    *,
    title: Any,
    body: Any = "",
    params: Mapping[str, Any] | None = None,
    link: str = "",
    organisation: Any = None,
    dedupe_key: str = "",
) -> list[Notification]:
    """Write one notification per recipient (active users, each once) and queue the e-mails after commit.

    With ``dedupe_key`` a recipient who already has a notification under that key gets nothing new
    (the daily scans call this every day). Returns the notifications written.
    """
    if kind not in NotificationKind.values:
        raise ValueError(f"not a notification kind: {kind}")
    params = params or {}
    ids = {getattr(r, "pk", r) for r in recipients if r is not None}
    users = list(User.objects.filter(pk__in=ids, is_active=True).order_by("pk"))
    if dedupe_key:
        done = set(
            Notification.objects.filter(recipient__in=users, dedupe_key=dedupe_key).values_list(
                "recipient_id", flat=True
            )
        )
        users = [u for u in users if u.pk not in done]
    if not users:
        return []
    preferences = dict(
        NotificationPreference.objects.filter(user__in=users, kind=kind).values_list("user_id", "delivery")
    )
    now = timezone.now()
    written = []
    with transaction.atomic():
        for user in users:
            with translation.override(user.language or settings.LANGUAGE_CODE):
                notification = Notification(
                    recipient=user,
                    kind=kind,
                    title=_render(title, params)[:200],
                    body=_render(body, params),
                    link=link,
                    organisation=organisation,
                    dedupe_key=dedupe_key,
                )
                if preferences.get(user.pk, DEFAULT_DELIVERY) == Delivery.IMMEDIATE and user.email:
                    notification.emailed_at = now
                    _queue_mail(f"[KSR] {notification.title}", _mail_text(notification), user.email)
            written.append(notification)
        Notification.objects.bulk_create(written)
    return written


def notify_notice(notice: Notice) -> list[Notification]:
    return notify(
        notice.recipients,
        notice.kind,
        title=notice.title,
        body=notice.body,
        params=notice.params,
        link=notice.link,
        organisation=notice.organisation,
        dedupe_key=notice.dedupe_key,
    )


def _own(notification: Notification, actor: AnyUser) -> None:
    if not getattr(actor, "is_authenticated", False) or notification.recipient_id != actor.pk:
        raise PermissionDenied


@transaction.atomic
def do_mark_read(notification: Notification, *, actor: AnyUser) -> Notification:
    """Mark one of the actor's own notifications read (again: nothing changes)."""
    _own(notification, actor)
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
    return notification


@transaction.atomic
def do_mark_all_read(*, actor: AnyUser) -> int:
    """Mark every unread notification of the actor read; returns how many."""
    return Notification.objects.visible_to(actor).unread().update(read_at=timezone.now())


@transaction.atomic
def do_set_preference(user: User, kind: str, delivery: str, *, actor: AnyUser) -> NotificationPreference:
    """Choose how ``user`` receives ``kind`` (only the user themselves may)."""
    if not getattr(actor, "is_authenticated", False) or actor.pk != user.pk:
        raise PermissionDenied
    if kind not in NotificationKind.values:
        raise ValidationError({"kind": [_("Choose a kind of notification.")]})
    if delivery not in Delivery.values:
        raise ValidationError({"delivery": [_("Choose how to receive this kind of notification.")]})
    preference = NotificationPreference.objects.filter(user=user, kind=kind).first()
    if preference is None:
        preference = NotificationPreference.objects.create(user=user, kind=kind, delivery=delivery)
        record_create(preference, actor=actor)
    elif preference.delivery != delivery:
        before = snapshot(preference)
        preference.delivery = delivery
        preference.save(update_fields=["delivery"])
        record_update(preference, before, actor=actor)
    return preference


DIGEST_SUBJECT = gettext_lazy("[KSR] Your notifications of the day")


@transaction.atomic
def send_digests(now: dt.datetime | None = None) -> int:
    """One e-mail per user who chose the daily digest for a kind, listing what came since the last one.

    Only notifications not yet e-mailed, of kinds the user receives as a digest, are listed; they
    are then marked e-mailed (after a rolled-back run nothing is marked and nothing is sent).
    Returns the number of e-mails queued.
    """
    now = now or timezone.now()
    digest_kinds: dict[int, set[str]] = {}
    for user_id, kind in NotificationPreference.objects.filter(delivery=Delivery.DIGEST).values_list("user_id", "kind"):
        digest_kinds.setdefault(user_id, set()).add(kind)
    pending = (
        Notification.objects.filter(recipient_id__in=digest_kinds, emailed_at__isnull=True, created_at__lte=now)
        .select_related("recipient")
        .order_by("recipient_id", "created_at", "id")
    )
    by_user: dict[int, list[Notification]] = {}
    for notification in pending:
        if notification.kind in digest_kinds[notification.recipient_id]:
            by_user.setdefault(notification.recipient_id, []).append(notification)
    sent = 0
    for items in by_user.values():
        user = items[0].recipient
        if not user.email or not user.is_active:
            continue
        with translation.override(user.language or settings.LANGUAGE_CODE):
            lines = [f"- {n.title}" + (f"\n  {_absolute(n.link)}" if n.link else "") for n in items]
            body = "\n".join(
                [
                    _("What happened in KSR since the last digest:"),
                    "",
                    *lines,
                    "",
                    _("You receive this e-mail because of your notification settings in KSR."),
                ]
            )
            _queue_mail(str(DIGEST_SUBJECT), body, user.email)
        Notification.objects.filter(pk__in=[n.pk for n in items]).update(emailed_at=now)
        sent += 1
    return sent
