"""The user's calendar feed: a secret, revocable address of an ICS file of what is due."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ksr.core.models import Tracked


def new_token() -> str:
    return secrets.token_urlsafe(32)


class CalendarFeed(Tracked):
    """One per user; the token is the only credential of the feed, so revoking deletes the row."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed", verbose_name=_("user")
    )
    token = models.CharField(_("secret token"), max_length=64, unique=True, default=new_token, editable=False)

    class Meta:
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")

    def __str__(self) -> str:
        return str(_("Calendar feed of %(user)s") % {"user": self.user})
