"""Demo of network analytics: the app stores nothing of its own, so the demo computes (and
caches) the graph metrics of every demo network built by the apps before it."""

from __future__ import annotations

import random

from ksr.analytics import analysis, mapdata
from ksr.core.types import AnyUser
from ksr.networks.choices import NetworkLevel
from ksr.networks.models import Network


def seed_demo(*, rng: random.Random, actor: AnyUser, scale: int) -> str:
    networks = list(
        Network.objects.filter(level__in=[NetworkLevel.LOCAL, NetworkLevel.REGIONAL], is_active=True).order_by("pk")
    )
    nodes = ties = 0
    for network in networks:
        result = analysis.analyse_network(network, with_layout=True)
        nodes = max(nodes, result.metrics.node_count)
        ties += result.metrics.tie_count
    whole = analysis.analyse(None)
    white = sum(row.white_spot_count for row in mapdata.powiat_rows())
    return (
        f"analytics: {len(networks)} networks analysed (largest graph {nodes} organisations), "
        f"national graph {whole.metrics.node_count} organisations / {whole.metrics.tie_count} ties, "
        f"{white} white-spot gminas"
    )
