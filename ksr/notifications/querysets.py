"""Reads: a user sees only their own notifications and preferences (administrators included)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import models

from ksr.core.types import AnyUser

if TYPE_CHECKING:
    from ksr.notifications.models import Notification, NotificationPreference  # noqa: F401


class NotificationQuerySet(models.QuerySet["Notification"]):
    def visible_to(self, user: AnyUser) -> NotificationQuerySet:
        if not getattr(user, "is_authenticated", False) or user.pk is None:
            return self.none()
        return self.filter(recipient_id=user.pk)

    def unread(self) -> NotificationQuerySet:
        return self.filter(read_at__isnull=True)


class PreferenceQuerySet(models.QuerySet["NotificationPreference"]):
    def visible_to(self, user: AnyUser) -> PreferenceQuerySet:
        if not getattr(user, "is_authenticated", False) or user.pk is None:
            return self.none()
        return self.filter(user_id=user.pk)
