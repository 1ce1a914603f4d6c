"""Scoped reads of consents.

- The holder organisation's staff (KIS/CIS manager, case manager, specialist) read the consents
  of their participants (``visible_to``).
- ``live(today)``: both consents recorded, today within the period, not withdrawn, participant
  not anonymised — the only consents that open anything to a partner.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.db import models
from django.utils import timezone

from ksr.accounts.choices import Role
from ksr.accounts.scope import scope_for
from ksr.cases.querysets import HOLDER_ROLES
from ksr.core.types import AnyUser
from ksr.privacy.choices import ConsentStatus

if TYPE_CHECKING:
    from ksr.privacy.models import Consent  # noqa: F401 — named in QuerySet["…"]


class ConsentQuerySet(models.QuerySet["Consent"]):
    def visible_to(self, user: AnyUser) -> ConsentQuerySet:
        """Consents of the participants whose holder the user works for (holder roles)."""
        scope = scope_for(user)
        if not scope.authenticated:
            return self.none()
        return self.filter(participant__organisation_id__in=scope.organisations_for(*HOLDER_ROLES))

    def live(self, today: dt.date | None = None) -> ConsentQuerySet:
        today = today or timezone.localdate()
        return self.filter(
            status=ConsentStatus.GRANTED,
            participant_consent_on__isnull=False,
            helper_consent_on__isnull=False,
            withdrawn_at__isnull=True,
            valid_from__lte=today,
            valid_until__gte=today,
            participant__anonymised_at__isnull=True,
        )

    def for_partner_user(self, user: AnyUser) -> ConsentQuerySet:
        """Consents naming one of the organisations where ``user`` represents a partner institution."""
        scope = scope_for(user)
        if not scope.authenticated:
            return self.none()
        return self.filter(partner_id__in=scope.organisations_for(Role.PARTNER_REPRESENTATIVE))
