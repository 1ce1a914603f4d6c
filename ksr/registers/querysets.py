from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.db import models
from django.utils import timezone

from ksr.accounts.choices import Role
from ksr.accounts.scope import scope_for
from ksr.core.types import AnyUser
from ksr.registers.choices import KIS_ENTRY_DEADLINE_DAYS, EntityKind, EntryStatus

if TYPE_CHECKING:
    from ksr.registers.models import RegisterEntry  # noqa: F401 (used in the generic's string)


class RegisterEntryQuerySet(models.QuerySet["RegisterEntry"]):
    def public(self) -> RegisterEntryQuerySet:
        """What the login-free public register shows: entered and struck-off entries.

        A notification withdrawn before it was ever entered (notified → struck off, no entry
        date) was never in the register and is not shown either.
        """
        return self.filter(
            models.Q(status=EntryStatus.ENTERED) | models.Q(status=EntryStatus.STRUCK_OFF, entry_date__isnull=False)
        )

    def with_related(self) -> RegisterEntryQuerySet:
        """Everything a list row shows, in one query."""
        return self.select_related("organisation__seat__parent", "voivodeship", "founding_body")

    def visible_to(self, user: AnyUser) -> RegisterEntryQuerySet:
        scope = scope_for(user)
        if not scope.authenticated:
            return self.none()
        if scope.everything:
            return self
        return self.filter(
            scope.territory_q("voivodeship__code")
            | models.Q(organisation_id__in=scope.organisation_ids)
            | models.Q(founding_body_id__in=scope.organisation_ids)
        )

    def editable_by(self, user: AnyUser) -> RegisterEntryQuerySet:
        scope = scope_for(user)
        if not scope.authenticated:
            return self.none()
        if scope.has_role(Role.SYSTEM_ADMIN):
            return self
        return self.filter(scope.territory_q("voivodeship__code", scope.prefixes_for(Role.REGISTER_OFFICER)))

    def overdue(self, today: dt.date | None = None) -> RegisterEntryQuerySet:
        today = today or timezone.localdate()
        return self.filter(
            entity_kind=EntityKind.KIS,
            status=EntryStatus.NOTIFIED,
            notification_date__lt=today - dt.timedelta(days=KIS_ENTRY_DEADLINE_DAYS),
        )
