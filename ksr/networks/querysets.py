"""Reads of networks, scoped to the user.

- read: networks whose territory lies in the user's reach (the KSR for everyone signed in),
  and the networks whose main node or members include the user's organisations;
- write (LSR): its KIS (entity manager of the main node) and its LSR coordinator;
  (RSR): ROPS/ROWR analysts and regional animators of that voivodeship;
  (KSR): national centre analysts; system administrators everywhere.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db import models

from ksr.accounts.choices import Role
from ksr.accounts.scope import scope_for

if TYPE_CHECKING:
    from ksr.networks.models import Network, NetworkMembership  # noqa: F401 — named in QuerySet["…"]


class NetworkQuerySet(models.QuerySet["Network"]):
    def visible_to(self, user: Any) -> NetworkQuerySet:
        scope = scope_for(user)
        if not scope.authenticated:
            return self.none()
        if scope.everything:
            return self
        return self.filter(
            scope.territory_q("territory__code")
            | models.Q(level="national")
            | models.Q(main_node_id__in=scope.organisation_ids)
            | models.Q(memberships__organisation_id__in=scope.organisation_ids, memberships__left_on__isnull=True)
        ).distinct()

    def editable_by(self, user: Any) -> NetworkQuerySet:
        scope = scope_for(user)
        if not scope.authenticated:
            return self.none()
        if scope.has_role(Role.SYSTEM_ADMIN):
            return self
        local_orgs = scope.organisations_for(Role.ENTITY_MANAGER, Role.LSR_COORDINATOR)
        regional = scope.prefixes_for(Role.REGIONAL_ANALYST, Role.REGIONAL_ANIMATOR)
        q = models.Q(level="local", main_node_id__in=local_orgs)
        q |= models.Q(level__in=["local", "regional"]) & scope.territory_q("territory__code", regional)
        if scope.has_role(Role.NATIONAL_ANALYST):
            q |= models.Q(level="national")
        return self.filter(q)


class NetworkMembershipQuerySet(models.QuerySet["NetworkMembership"]):
    def current(self) -> NetworkMembershipQuerySet:
        return self.filter(left_on__isnull=True)

    def visible_to(self, user: Any) -> NetworkMembershipQuerySet:
        from ksr.networks.models import Network

        return self.filter(network__in=Network.objects.visible_to(user))
