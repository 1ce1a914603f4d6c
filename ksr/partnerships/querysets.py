"""Reads of partnerships, pacts, teams and attitudes: they follow their network's rules.

Visible when the network is visible (``Network.objects.visible_to``), editable when the network
is editable (``Network.objects.editable_by``).
"""

from __future__ import annotations

from ksr.networks.querysets import NetworkChildQuerySet


class NetworkScopedQuerySet(NetworkChildQuerySet):
    """Models with a ``network`` foreign key."""


class PartnershipScopedQuerySet(NetworkChildQuerySet):
    """Models with a ``partnership`` foreign key."""

    network_path = "partnership__network"
