"""Who reads what of a participant, beyond the holder's staff.

- **Partners** (``partner_participants``): a partner-institution representative reads the
  participants that have a *live* consent (participant's + responsible helper's, within the
  period, not withdrawn) naming one of the organisations they represent — and only the
  minimal fields of that consent's data scope.
- **Special-category data** (health, addiction, disability… — GDPR art. 9; each model declares
  its fields in ``special_category_fields``, read through ``ksr.cases.special``; ADR 0010): only
  ``SPECIAL_CATEGORY_ROLES`` of the holder read them. The rule below is registered with
  ``ksr.cases.special`` in ``PrivacyConfig.ready`` so that every serializer, page and form of the
  apps below derives from it.

  Decision: the case manager and the specialist of the holder KIS/CIS read them, because they
  plan and deliver the support that depends on them. The KIS/CIS manager (entity manager) does
  **not**: they supervise staff, cases and the audit trail but do not work with the person,
  and data minimisation (GDPR art. 5(1)(c), art. 9) means a role that does not need these data
  does not see them. Nor do system administrators, OPS workers, partners or anyone above the club.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from ksr.accounts.choices import Role
from ksr.accounts.scope import scope_for
from ksr.cases.models import Participant
from ksr.cases.special import special_fields
from ksr.core.types import AnyUser
from ksr.privacy.models import Consent

SPECIAL_CATEGORY_ROLES: tuple[str, ...] = (Role.CASE_MANAGER, Role.SPECIALIST)


def special_category_fields(model: Any = Participant) -> tuple[str, ...]:
    """Names of the special-category fields ``model`` declares (the participant's by default)."""
    return special_fields(model)


def can_read_special_category(user: AnyUser, participant: Participant) -> bool:
    """Whether ``user`` may read the special-category data of ``participant``."""
    scope = scope_for(user)
    if not scope.authenticated or participant.anonymised_at is not None:
        return False
    return participant.organisation_id in scope.organisations_for(*SPECIAL_CATEGORY_ROLES)


def live_consents_for(user: AnyUser, today: dt.date | None = None) -> QuerySet[Consent]:
    """Live consents naming an organisation the user represents as a partner institution."""
    return Consent.objects.for_partner_user(user).live(today or timezone.localdate())


def partner_participants(user: AnyUser) -> QuerySet[Participant]:
    """Participants a partner-institution representative may read (minimal fields only)."""
    consents = live_consents_for(user)
    return Participant.objects.filter(pk__in=consents.values("participant_id"), anonymised_at__isnull=True)
