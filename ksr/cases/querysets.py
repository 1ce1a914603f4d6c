"""Reads of participants and cases: the privacy rules in one place.

- The holder organisation's staff (KIS/CIS manager, case manager, specialist) read its
  participants and cases; OPS social workers read only the referrals their OPS sent.
- A partner institution reads a participant only through a live pair of consents (the
  participant's and the responsible helper's), and then only minimal fields — see the
  partner access functions in ``ksr.cases.access``.
- Above the club (LSR coordinator, region, nation) nobody reads persons: aggregates only.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db import models

from ksr.accounts.choices import Role
from ksr.accounts.scope import scope_for

if TYPE_CHECKING:
    from ksr.cases.models import Case, Participant  # noqa: F401 — named in QuerySet["…"]

# Roles of the holder organisation that read its participants' records.
HOLDER_ROLES = (Role.ENTITY_MANAGER, Role.CASE_MANAGER, Role.SPECIALIST)


class ParticipantQuerySet(models.QuerySet["Participant"]):
    def visible_to(self, user: Any) -> ParticipantQuerySet:
        scope = scope_for(user)
        if not scope.authenticated:
            return self.none()
        return self.filter(organisation_id__in=scope.organisations_for(*HOLDER_ROLES))


class CaseQuerySet(models.QuerySet["Case"]):
    def visible_to(self, user: Any) -> CaseQuerySet:
        scope = scope_for(user)
        if not scope.authenticated:
            return self.none()
        return self.filter(organisation_id__in=scope.organisations_for(*HOLDER_ROLES))
