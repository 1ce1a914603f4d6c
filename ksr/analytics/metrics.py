"""Metrics of the network graph (networkx), and of an LSR as a whole.

Definitions (all on the graph of ``ksr.analytics.graph``; ties of every type count, a tie's
strength is its ``weight``; distances are hops, because a weight is a strength, not a length):

- **degree**: number of organisations directly tied to the node; **strength**: sum of the weights.
- **betweenness**: share of shortest paths between other pairs that pass through the node
  (normalised to 0–1, as ``networkx.betweenness_centrality``). Exact (networkx, Brandes) up to
  ``BETWEENNESS_EXACT_MAX`` nodes; above that, estimated from ``BETWEENNESS_SAMPLES`` source
  nodes drawn with a fixed seed (``SEED``) and scaled by n/k — the same estimator as networkx's
  ``k=`` option, written over integer adjacency lists because it runs about twice as fast
  (``tests/test_metrics.py`` checks it equals networkx when k = n).
- **brokerage between sectors**: number of pairs of the node's neighbours that (1) are in
  different sectors — both have sectors and their sector sets are disjoint — and (2) are not tied
  to each other. The node is then the only direct bridge between two sectors' organisations
  (Burt's structural holes, restricted to cross-sector pairs; Model KSR, II.2: networks are
  channels across the boundaries of entities).
- **components**: connected components, numbered 1… by decreasing size.
- **communities**: greedy modularity maximisation (Clauset–Newman–Moore, weighted) up to
  ``COMMUNITY_EXACT_MAX`` nodes; above it, networkx's fast label propagation with ``SEED``
  (near-linear; greedy modularity is quadratic in practice). Numbered 1… by decreasing size.

Per LSR (``network_summary``): **density** of the ties among its members (co-membership of the
LSR itself excluded, see ``graph``), **share of type C members** (the critical stakeholders,
Model KSR, II.3, local level) and **coverage of the four sectors of the new service profile** (education,
culture, health, sport; Model KSR, introduction, II.1).
"""

from __future__ import annotations

import random
import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from ksr.registry.choices import NEW_PROFILE_SECTORS, SectorCode, StakeholderType

SEED = 2026
BETWEENNESS_EXACT_MAX = 500
BETWEENNESS_SAMPLES = 16
COMMUNITY_EXACT_MAX = 500


@dataclass(frozen=True)
class NodeMetrics:
    degree: int
    strength: int
    betweenness: float
    brokerage: int
    component: int
    community: int


@dataclass
class GraphMetrics:
    node_count: int
    tie_count: int
    density: float
    nodes: dict[int, NodeMetrics]
    component_sizes: list[int]
    community_sizes: list[int]
    betweenness_method: str
    community_method: str
    timings: dict[str, float] = field(default_factory=dict)

    @property
    def component_count(self) -> int:
        return len(self.component_sizes)

    @property
    def community_count(self) -> int:
        return len(self.community_sizes)


# --- single metrics ---------------------------------------------------------------------------


def degrees(graph: nx.Graph) -> dict[int, tuple[int, int]]:
    """Node → (degree, strength)."""
    adj = graph._adj
    return {v: (len(nbrs), sum(d.get("weight", 1) for d in nbrs.values())) for v, nbrs in adj.items()}


def _sampled_betweenness(graph: nx.Graph, k: int, seed: int) -> dict[int, float]:
    """Brandes' accumulation from ``k`` seeded sources, scaled by n/k and normalised like networkx."""
    nodes = list(graph)
    n = len(nodes)
    index = {v: i for i, v in enumerate(nodes)}
    adj = [[index[u] for u in graph._adj[v]] for v in nodes]
    scores = [0.0] * n
    sources = random.Random(seed).sample(range(n), k)  # noqa: S311 — reproducible sampling
    for s in sources:
        sigma = [0] * n
        sigma[s] = 1
        dist = [-1] * n
        dist[s] = 0
        order = [s]
        preds: dict[int, list[int]] = {}
        i = 0
        while i < len(order):
            v = order[i]
            i += 1
            dv = dist[v] + 1
            sv = sigma[v]
            for w in adj[v]:
                dw = dist[w]
                if dw < 0:
                    dist[w] = dv
                    order.append(w)
                    sigma[w] = sv
                    preds[w] = [v]
                elif dw == dv:
                    sigma[w] += sv
                    preds[w].append(v)
        delta = [0.0] * n
        for w in reversed(order):
            coeff = (1.0 + delta[w]) / sigma[w]
            for v in preds.get(w, ()):
                delta[v] += sigma[v] * coeff
            if w != s:
                scores[w] += delta[w]
    scale = (n / k) / ((n - 1) * (n - 2)) if n > 2 else 0.0
    return {v: scores[i] * scale for i, v in enumerate(nodes)}


def betweenness(graph: nx.Graph, *, seed: int = SEED) -> tuple[dict[int, float], str]:
    """(Node → betweenness, method): exact up to ``BETWEENNESS_EXACT_MAX`` nodes, else sampled."""
    n = graph.number_of_nodes()
    if n <= BETWEENNESS_EXACT_MAX:
        return dict(nx.betweenness_centrality(graph, normalized=True)), "exact"
    k = min(BETWEENNESS_SAMPLES, n)
    return _sampled_betweenness(graph, k, seed), f"sampled k={k}"


def sector_masks(graph: nx.Graph) -> dict[int, int]:
    """Node → bit mask of its sectors (bit i = i-th ``SectorCode``)."""
    bits = {code: 1 << i for i, code in enumerate(SectorCode.values)}
    return {v: sum(bits.get(code, 0) for code in data.get("sectors", ())) for v, data in graph.nodes(data=True)}


def brokerage(graph: nx.Graph) -> dict[int, int]:
    """Node → cross-sector pairs of neighbours it alone connects (see the module docstring).

    For each node, neighbours are grouped by sector mask; pairs of groups with disjoint masks
    give |g1|·|g2| candidate pairs, from which the pairs tied to each other are subtracted.
    """
    masks = sector_masks(graph)
    adj = graph._adj
    result: dict[int, int] = {}
    for v, nbrs in adj.items():
        groups: Counter[int] = Counter(masks[u] for u in nbrs if masks[u])
        if len(groups) < 2:
            result[v] = 0
            continue
        items = list(groups.items())
        pairs = 0
        for i, (m1, c1) in enumerate(items):
            for m2, c2 in items[i + 1 :]:
                if m1 & m2 == 0:
                    pairs += c1 * c2
        if pairs:
            tied = 0
            nbr_set = nbrs.keys()
            for u in nbrs:
                mu = masks[u]
                if not mu:
                    continue
                for w in adj[u].keys() & nbr_set:
                    if u < w and masks[w] and mu & masks[w] == 0:
                        tied += 1
            pairs -= tied
        result[v] = pairs
    return result


def _numbered(groups: Iterable[Iterable[int]]) -> tuple[dict[int, int], list[int]]:
    """Groups ordered by decreasing size (ties broken by smallest member) → node → 1-based number."""
    ordered = sorted((sorted(g) for g in groups), key=lambda g: (-len(g), g[0] if g else 0))
    numbering = {v: i for i, g in enumerate(ordered, start=1) for v in g}
    return numbering, [len(g) for g in ordered]


def components(graph: nx.Graph) -> tuple[dict[int, int], list[int]]:
    return _numbered(nx.connected_components(graph))


def communities(graph: nx.Graph, *, seed: int = SEED) -> tuple[dict[int, int], list[int], str]:
    """(Node → community, sizes, method)."""
    if graph.number_of_nodes() == 0:
        return {}, [], "none"
    if graph.number_of_nodes() <= COMMUNITY_EXACT_MAX:
        found = nx.community.greedy_modularity_communities(graph, weight="weight")
        method = "greedy modularity"
    else:
        found = nx.community.fast_label_propagation_communities(graph, weight="weight", seed=seed)
        method = f"label propagation seed={seed}"
    numbering, sizes = _numbered(found)
    return numbering, sizes, method


# --- all metrics --------------------------------------------------------------------------------


def _timed(timings: dict[str, float], name: str, fn: Callable[[], Any]) -> Any:
    start = time.perf_counter()
    result = fn()
    timings[name] = time.perf_counter() - start
    return result


def compute_metrics(graph: nx.Graph, *, seed: int = SEED) -> GraphMetrics:
    """Every node metric and the graph-level figures, with the wall time of each in ``timings``."""
    timings: dict[str, float] = {}
    deg = _timed(timings, "degree", lambda: degrees(graph))
    btw, btw_method = _timed(timings, "betweenness", lambda: betweenness(graph, seed=seed))
    brk = _timed(timings, "brokerage", lambda: brokerage(graph))
    comp, comp_sizes = _timed(timings, "components", lambda: components(graph))
    comm, comm_sizes, comm_method = _timed(timings, "communities", lambda: communities(graph, seed=seed))
    nodes = {
        v: NodeMetrics(
            degree=deg[v][0],
            strength=deg[v][1],
            betweenness=btw.get(v, 0.0),
            brokerage=brk.get(v, 0),
            component=comp.get(v, 0),
            community=comm.get(v, 0),
        )
        for v in graph
    }
    return GraphMetrics(
        node_count=graph.number_of_nodes(),
        tie_count=graph.number_of_edges(),
        density=nx.density(graph) if graph.number_of_nodes() > 1 else 0.0,
        nodes=nodes,
        component_sizes=comp_sizes,
        community_sizes=comm_sizes,
        betweenness_method=btw_method,
        community_method=comm_method,
        timings=timings,
    )


# --- an LSR as a whole --------------------------------------------------------------------------


@dataclass(frozen=True)
class NetworkSummary:
    member_count: int
    tie_count: int
    density: float
    type_c_count: int
    covered_sectors: tuple[str, ...]  # of NEW_PROFILE_SECTORS

    @property
    def type_c_share(self) -> float:
        return self.type_c_count / self.member_count if self.member_count else 0.0

    @property
    def sector_coverage(self) -> float:
        return len(self.covered_sectors) / len(NEW_PROFILE_SECTORS)

    @property
    def missing_sectors(self) -> tuple[str, ...]:
        return tuple(s for s in NEW_PROFILE_SECTORS if s not in self.covered_sectors)


def network_summary(graph: nx.Graph, member_ids: Iterable[int]) -> NetworkSummary:
    """Density, type C share and new-profile sector coverage of the members ``member_ids``."""
    members = [m for m in set(member_ids) if m in graph]
    sub = graph.subgraph(members)
    covered: set[str] = set()
    type_c = 0
    for v in members:
        data = graph.nodes[v]
        covered.update(data.get("sectors", ()))
        if data.get("stakeholder_type") == StakeholderType.C:
            type_c += 1
    return NetworkSummary(
        member_count=len(members),
        tie_count=sub.number_of_edges(),
        density=nx.density(sub) if len(members) > 1 else 0.0,
        type_c_count=type_c,
        covered_sectors=tuple(s for s in NEW_PROFILE_SECTORS if s in covered),
    )
