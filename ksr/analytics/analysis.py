"""Cached analyses: the graph of a network (or a region), its metrics, positions and summaries.

Metrics and layouts are cached (Django cache) under the content digest of the graph data
(``GraphData.version``: nodes with their attributes and every tie with its weight), so they are
recomputed only when the data changes — a membership, a partnership, a forum attendance, an
organisation's type or sectors. Reading the data is a handful of queries; computing is the cost.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, cast

import networkx as nx
from django.core.cache import cache

from ksr.analytics import graph as graphs
from ksr.analytics import layout, metrics
from ksr.analytics.graph import GraphData, TieSource
from ksr.networks.choices import NetworkLevel
from ksr.networks.health import HealthReport, lsr_health
from ksr.networks.models import Network
from ksr.registry.choices import SectorCode

SECTOR_LABELS = dict(SectorCode.choices)

CACHE_TIMEOUT = 7 * 24 * 3600
CACHE_PREFIX = "analytics:v1"


@dataclass
class Analysis:
    data: GraphData
    graph: nx.Graph
    metrics: metrics.GraphMetrics
    positions: dict[int, tuple[float, float]] | None = None

    @property
    def tie_types(self) -> list[str]:
        return graphs.tie_types_of(self.graph)

    def node_rows(self) -> list[dict[str, Any]]:
        """One row per organisation with its attributes and metrics, by decreasing betweenness."""
        rows = []
        for v, data in self.graph.nodes(data=True):
            labels = [str(SECTOR_LABELS.get(code, code)) for code in data.get("sectors", ())]
            rows.append({"id": v, **data, "sector_labels": labels, "metrics": self.metrics.nodes[v]})
        rows.sort(key=lambda r: (-r["metrics"].betweenness, -r["metrics"].degree, r["name"], r["id"]))
        return rows


def cached_metrics(graph: nx.Graph, version: str) -> metrics.GraphMetrics:
    key = f"{CACHE_PREFIX}:metrics:{version}"
    found = cache.get(key)
    if found is None:
        found = metrics.compute_metrics(graph)
        cache.set(key, found, CACHE_TIMEOUT)
    return cast(metrics.GraphMetrics, found)


def cached_layout(graph: nx.Graph, version: str) -> dict[int, tuple[float, float]]:
    key = f"{CACHE_PREFIX}:layout:{version}"
    found = cache.get(key)
    if found is None:
        found = layout.spring_layout(graph)
        cache.set(key, found, CACHE_TIMEOUT)
    return cast(dict[int, tuple[float, float]], found)


def analyse(
    network_ids: Sequence[int] | None,
    *,
    sources: Sequence[TieSource] | None = None,
    with_layout: bool = False,
    excluded_network_ids: Sequence[int] | None = None,
) -> Analysis:
    """The analysis of the graph of ``network_ids`` (None: every network); see ``graph.load_graph_data``."""
    data = graphs.load_graph_data(network_ids, sources=sources, excluded_network_ids=excluded_network_ids)
    graph = graphs.build_graph(data.nodes, data.ties)
    result = Analysis(data=data, graph=graph, metrics=cached_metrics(graph, data.version))
    if with_layout:
        result.positions = cached_layout(graph, data.version)
    return result


def analyse_network(network: Any, *, sources: Sequence[TieSource] | None = None, with_layout: bool = False) -> Analysis:
    """The graph of ``network`` and its descendants (an RSR with its LSRs)."""
    return analyse(graphs.network_scope(network), sources=sources, with_layout=with_layout)


def own_member_ids(network: Any) -> set[int]:
    return set(graphs.current_members([network.pk]))


def summary_of(network: Any, analysis: Analysis) -> metrics.NetworkSummary:
    return metrics.network_summary(analysis.graph, own_member_ids(network))


def summaries_of(networks: Sequence[Any], analysis: Analysis) -> dict[int, metrics.NetworkSummary]:
    """``summary_of`` for many networks with one query for all their members, keyed by network id."""
    members: dict[int, set[int]] = {n.pk: set() for n in networks}
    for org_id, network_ids in graphs.current_members([n.pk for n in networks]).items():
        for network_id in network_ids:
            members[network_id].add(org_id)
    return {pk: metrics.network_summary(analysis.graph, own) for pk, own in members.items()}


def health_of(network: Network) -> HealthReport | None:
    """The LSR health report of the networks app (None for an RSR or the KSR)."""
    if network.level != NetworkLevel.LOCAL:
        return None
    return lsr_health(network)
