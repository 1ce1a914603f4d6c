"""Reads of networks, scoped to the user.

- read: networks whose territory lies in the user's reach (the KSR for everyone signed in),
  and the networks whose main node or current members include the user's organisations;
- write (LSR): its KIS (entity manager of the main node) and its LSR coordinator (held in the KIS);
  (RSR): ROPS/ROWR analysts and regional animators of that voivodeship;
  (KSR): national centre analysts; system administrators everywhere.

``may_edit_network(user, network)`` answers the same question for one (possibly unsaved)
network in Python; ``tests/test_permissions.py`` checks that both agree.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Self

from django.db import models

from ksr.accounts.choices import Role
from ksr.accounts.scope import scope_for
from ksr.core.types import AnyUser
from ksr.networks.choices import NetworkLevel

if TYPE_CHECKING:
    from ksr.networks.models import Network, NetworkMembership  # noqa: F401 — named in QuerySet["…"]

LOCAL_EDITORS = (Role.ENTITY_MANAGER, Role.LSR_COORDINATOR)
REGIONAL_EDITORS = (Role.REGIONAL_ANALYST, Role.REGIONAL_ANIMATOR)
NATIONAL_EDITORS = (Role.NATIONAL_ANALYST,)


class NetworkQuerySet(models.QuerySet["Network"]):
    def visible_to(self, user: AnyUser) -> NetworkQuerySet:
        scope = scope_for(user)
        if not scope.authenticated:
            return self.none()
        if scope.everything:
            return self
        member_of = models.Q(memberships__organisation_id__in=scope.organisation_ids, memberships__left_on__isnull=True)
        return self.filter(
            pk__in=self.model.objects.filter(
                scope.territory_q("territory__code")
                | models.Q(level=NetworkLevel.NATIONAL)
                | models.Q(main_node_id__in=scope.organisation_ids)
                | member_of
            ).values("pk")
        )

    def editable_by(self, user: AnyUser) -> NetworkQuerySet:
        scope = scope_for(user)
        if not scope.authenticated:
            return self.none()
        if scope.has_role(Role.SYSTEM_ADMIN):
            return self
        local_orgs = scope.organisations_for(*LOCAL_EDITORS)
        regional = scope.prefixes_for(*REGIONAL_EDITORS)
        q = models.Q(level=NetworkLevel.LOCAL, main_node_id__in=local_orgs)
        q |= models.Q(level=NetworkLevel.REGIONAL) & scope.territory_q("territory__code", regional)
        if scope.has_any_role(NATIONAL_EDITORS):
            q |= models.Q(level=NetworkLevel.NATIONAL)
        return self.filter(q)

    def local(self) -> NetworkQuerySet:
        return self.filter(level=NetworkLevel.LOCAL)


def may_edit_network(user: AnyUser, network: Network) -> bool:
    """Whether ``user`` may create or change ``network`` (saved or not), by the rules above."""
    scope = scope_for(user)
    if not scope.authenticated:
        return False
    if scope.has_role(Role.SYSTEM_ADMIN):
        return True
    if network.level == NetworkLevel.LOCAL:
        return network.main_node_id in scope.organisations_for(*LOCAL_EDITORS)
    if network.level == NetworkLevel.REGIONAL:
        code = network.territory.code if network.territory_id and network.territory else None
        return scope.covers_code(code, scope.prefixes_for(*REGIONAL_EDITORS))
    if network.level == NetworkLevel.NATIONAL:
        return scope.has_any_role(NATIONAL_EDITORS)
    return False


class NetworkChildQuerySet(models.QuerySet[Any]):
    """Records that belong to one network, reached through ``network_path``: visible where the
    network is visible, editable where it is editable. The apps built on networks scope their
    records with it (partnerships, the forum)."""

    network_path = "network"

    def visible_to(self, user: AnyUser) -> Self:
        from ksr.networks.models import Network

        return self.filter(**{f"{self.network_path}__in": Network.objects.visible_to(user).values("pk")})

    def editable_by(self, user: AnyUser) -> Self:
        from ksr.networks.models import Network

        return self.filter(**{f"{self.network_path}__in": Network.objects.editable_by(user).values("pk")})


class NetworkMembershipQuerySet(NetworkChildQuerySet):
    def current(self) -> Self:
        return self.filter(left_on__isnull=True)
