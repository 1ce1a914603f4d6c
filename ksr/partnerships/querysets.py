"""Reads of partnerships, pacts, teams and attitudes: they follow their network's rules.

Visible when the network is visible (``Network.objects.visible_to``), editable when the network
is editable (``Network.objects.editable_by``).
"""

from __future__ import annotations

from typing import Any

from django.db import models

from ksr.core.types import AnyUser


def _visible_networks(user: AnyUser) -> Any:
    from ksr.networks.models import Network

    return Network.objects.visible_to(user).values("pk")


def _editable_networks(user: AnyUser) -> Any:
    from ksr.networks.models import Network

    return Network.objects.editable_by(user).values("pk")


class NetworkScopedQuerySet(models.QuerySet[Any]):
    """Models with a ``network`` foreign key."""

    def visible_to(self, user: AnyUser) -> NetworkScopedQuerySet:
        return self.filter(network__in=_visible_networks(user))

    def editable_by(self, user: AnyUser) -> NetworkScopedQuerySet:
        return self.filter(network__in=_editable_networks(user))


class PartnershipScopedQuerySet(models.QuerySet[Any]):
    """Models with a ``partnership`` foreign key."""

    def visible_to(self, user: AnyUser) -> PartnershipScopedQuerySet:
        return self.filter(partnership__network__in=_visible_networks(user))

    def editable_by(self, user: AnyUser) -> PartnershipScopedQuerySet:
        return self.filter(partnership__network__in=_editable_networks(user))
