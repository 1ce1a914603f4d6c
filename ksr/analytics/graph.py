"""The network as a graph: organisations are nodes, typed and weighted ties are edges.

Design (Model KSR, II.3: *węzeł* node, *powiązanie* link):

- **One ``networkx.Graph``, per-type weights on each edge.** An edge ``a–b`` carries one integer
  attribute per tie type present (``network``, ``partnership``, ``forum``, later ``referral``;
  see ``choices.TieType``) and ``weight``, their sum. A plain Graph (not a MultiGraph) keeps every
  networkx algorithm usable as is; filtering by type is ``typed_subgraph(G, types)``.
- **Nodes** carry ``name``, ``stakeholder_type`` (A/B/C), ``kind``, ``sectors`` (tuple of sector
  codes) and ``seat`` (TERYT code of the gmina).
- **Tie sources are pluggable**: ``TieSource(tie_type, fetch)`` where ``fetch(network_ids)``
  returns ``(org_a, org_b, weight)`` rows. ``default_tie_sources()`` lists partnerships
  (``ksr.partnerships.queries``) and forum co-attendance (``ksr.cooperation.queries``); network
  co-membership is built in; referrals are a
  hook (``TieType.REFERRAL``) for the cases app. Tests pass synthetic sources.
- **Network co-membership** of two organisations = the number of networks (other than the one
  being drawn) both are currently members of. Co-membership in the drawn network itself is left
  out, because it would tie every pair of its members and say nothing about them; for an RSR the
  co-membership in its LSRs therefore counts, and for the national graph the KSR is left out.

``build_graph(nodes, ties)`` is pure (the benchmark uses it with synthetic data);
``load_graph(network_ids)`` reads the database.
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import networkx as nx

from ksr.analytics.choices import TieType
from ksr.cooperation.queries import forum_co_attendance_ties
from ksr.networks.choices import NetworkLevel
from ksr.networks.models import Network, NetworkMembership
from ksr.partnerships.queries import partnership_ties
from ksr.registry.models import Organisation

Tie = tuple[int, int, int]  # (organisation a, organisation b, weight)
TieFetcher = Callable[[Sequence[int] | None], Iterable[Tie]]

#: SQLite limits the number of parameters of one query: ids are read in chunks of this size.
CHUNK = 5000


@dataclass(frozen=True)
class NodeInfo:
    id: int
    name: str
    stakeholder_type: str
    kind: str
    sectors: tuple[str, ...] = ()
    seat: str = ""


@dataclass(frozen=True)
class TieSource:
    """A source of ties of one type; ``fetch(network_ids)`` → ``(a, b, weight)`` rows."""

    tie_type: str
    fetch: TieFetcher


@dataclass(frozen=True)
class GraphData:
    """What a graph is built from: the nodes, the ties per type and a digest of both."""

    nodes: tuple[NodeInfo, ...]
    ties: Mapping[str, tuple[Tie, ...]]

    @property
    def version(self) -> str:
        """Content digest: the cache key of everything computed from this data."""
        digest = hashlib.blake2b(digest_size=16)
        for node in self.nodes:
            digest.update(repr(node).encode())
        for tie_type in sorted(self.ties):
            digest.update(tie_type.encode())
            digest.update(repr(self.ties[tie_type]).encode())
        return digest.hexdigest()


def normalise_ties(rows: Iterable[tuple[int, int, int]], *, count_rows: bool = False) -> tuple[Tie, ...]:
    """Undirected, summed, sorted ties; self-ties dropped.

    ``count_rows``: each row counts 1 whatever its third item (e.g. a partnership id).
    """
    weights: Counter[tuple[int, int]] = Counter()
    for a, b, w in rows:
        if a == b:
            continue
        key = (a, b) if a < b else (b, a)
        weights[key] += 1 if count_rows else int(w)
    return tuple(sorted((a, b, w) for (a, b), w in weights.items() if w > 0))


def build_graph(nodes: Iterable[NodeInfo], ties: Mapping[str, Iterable[Tie]], *, restrict: bool = True) -> nx.Graph:
    """The graph of ``nodes`` with the typed ``ties`` (ties to unknown nodes dropped if ``restrict``)."""
    graph = nx.Graph()
    for node in nodes:
        graph.add_node(
            node.id,
            name=node.name,
            stakeholder_type=node.stakeholder_type,
            kind=node.kind,
            sectors=node.sectors,
            seat=node.seat,
        )
    adj = graph._adj  # direct access keeps building 100 000 ties fast
    for tie_type, rows in ties.items():
        for a, b, w in rows:
            if a == b or w <= 0:
                continue
            if restrict and (a not in adj or b not in adj):
                continue
            data = adj.get(a, {}).get(b)
            if data is None:
                graph.add_edge(a, b, weight=0)
                data = adj[a][b]
            data[tie_type] = data.get(tie_type, 0) + w
            data["weight"] += w
    return graph


def tie_types_of(graph: nx.Graph) -> list[str]:
    """Tie types present in ``graph``, in the order of ``TieType``."""
    present: set[str] = set()
    for _, _, data in graph.edges(data=True):
        present.update(k for k in data if k != "weight")
    return [t for t in TieType.values if t in present]


def typed_subgraph(graph: nx.Graph, types: Iterable[str]) -> nx.Graph:
    """A copy of ``graph`` (all nodes) keeping only ties of ``types``, re-weighted on those."""
    chosen = set(types)
    out = nx.Graph()
    out.add_nodes_from(graph.nodes(data=True))
    for a, b, data in graph.edges(data=True):
        kept = {k: v for k, v in data.items() if k in chosen}
        if kept:
            out.add_edge(a, b, weight=sum(kept.values()), **kept)
    return out


# --- reading the database ---------------------------------------------------------------------


def network_scope(network: Any) -> list[int]:
    """The network and its descendants (an RSR's LSRs), active ones; ids."""
    ids = [network.pk]
    frontier = [network.pk]
    while frontier:
        frontier = list(Network.objects.filter(parent_id__in=frontier, is_active=True).values_list("pk", flat=True))
        frontier = [pk for pk in frontier if pk not in ids]
        ids.extend(frontier)
    return ids


def current_members(network_ids: Sequence[int] | None) -> dict[int, set[int]]:
    """Organisation id → ids of the given networks it is currently in (main nodes included)."""
    members: dict[int, set[int]] = defaultdict(set)
    memberships = NetworkMembership.objects.current().filter(network__is_active=True)
    networks = Network.objects.filter(is_active=True)
    if network_ids is not None:
        memberships = memberships.filter(network_id__in=network_ids)
        networks = networks.filter(pk__in=network_ids)
    for org_id, network_id in memberships.values_list("organisation_id", "network_id"):
        members[org_id].add(network_id)
    for network_id, org_id in networks.values_list("pk", "main_node_id"):
        members[org_id].add(network_id)
    return dict(members)


def network_co_membership_ties(
    organisation_ids: Iterable[int], *, excluded_network_ids: Iterable[int] = ()
) -> tuple[Tie, ...]:
    """Ties between ``organisation_ids``: the number of networks both are currently in.

    Networks in ``excluded_network_ids`` and the national network (a hub of everyone) do not count.
    """
    wanted = set(organisation_ids)
    excluded = set(excluded_network_ids)
    by_network: dict[int, set[int]] = defaultdict(set)
    ids = sorted(wanted)
    for start in range(0, len(ids), CHUNK):
        rows = (
            NetworkMembership.objects.current()
            .filter(organisation_id__in=ids[start : start + CHUNK], network__is_active=True)
            .exclude(network__level=NetworkLevel.NATIONAL)
            .values_list("network_id", "organisation_id")
        )
        for network_id, org_id in rows:
            if network_id not in excluded:
                by_network[network_id].add(org_id)
    # The main node of a network is one of its members even without a membership row.
    main_nodes = (
        Network.objects.filter(is_active=True, main_node_id__in=ids)
        .exclude(level=NetworkLevel.NATIONAL)
        .values_list("pk", "main_node_id")
    )
    for network_id, org_id in main_nodes:
        if network_id not in excluded:
            by_network[network_id].add(org_id)
    pairs: Counter[tuple[int, int]] = Counter()
    for orgs in by_network.values():
        ordered = sorted(orgs)
        for i, a in enumerate(ordered):
            for b in ordered[i + 1 :]:
                pairs[(a, b)] += 1
    return tuple(sorted((a, b, w) for (a, b), w in pairs.items()))


def _partnership_ties(network_ids: Sequence[int] | None) -> tuple[Tie, ...]:
    # One row per shared partnership: the weight is the number of partnerships both are in.
    return normalise_ties(partnership_ties(network_ids=network_ids), count_rows=True)


def _forum_ties(network_ids: Sequence[int] | None) -> tuple[Tie, ...]:
    return normalise_ties(forum_co_attendance_ties(network_ids=network_ids))


def default_tie_sources() -> list[TieSource]:
    """The tie sources installed in this deployment (network co-membership is built in).

    Referrals (``TieType.REFERRAL``) come later: add ``TieSource(TieType.REFERRAL, fetch)`` here
    when the cases app exposes referral ties between organisations.
    """
    return [TieSource(TieType.PARTNERSHIP, _partnership_ties), TieSource(TieType.FORUM, _forum_ties)]


def node_infos(organisation_ids: Iterable[int]) -> tuple[NodeInfo, ...]:
    """Node attributes of these organisations (two queries per chunk of ids)."""
    ids = sorted(set(organisation_ids))
    nodes: list[NodeInfo] = []
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        sectors: dict[int, list[str]] = defaultdict(list)
        through = Organisation.sectors.through.objects.filter(organisation_id__in=chunk)
        for org_id, code in through.values_list("organisation_id", "sector_id").order_by("sector_id"):
            sectors[org_id].append(code)
        rows = Organisation.objects.filter(pk__in=chunk).values_list(
            "pk", "name", "stakeholder_type", "kind", "seat__code"
        )
        for pk, name, stakeholder_type, kind, seat in rows:
            nodes.append(NodeInfo(pk, name, stakeholder_type, kind, tuple(sectors.get(pk, ())), seat or ""))
    nodes.sort(key=lambda n: n.id)
    return tuple(nodes)


def load_graph_data(
    network_ids: Sequence[int] | None,
    *,
    sources: Sequence[TieSource] | None = None,
    co_membership: bool = True,
    excluded_network_ids: Sequence[int] | None = None,
) -> GraphData:
    """Nodes (current members and main nodes of ``network_ids``; None = all networks) and ties.

    Co-membership in ``excluded_network_ids`` does not count (default: the first of
    ``network_ids``, the network being drawn; the national network never counts).
    """
    members = current_members(network_ids)
    if excluded_network_ids is not None:
        excluded = list(excluded_network_ids)
    else:
        excluded = list(network_ids[:1]) if network_ids else []
    ties: dict[str, tuple[Tie, ...]] = {}
    if co_membership:
        ties[TieType.NETWORK] = network_co_membership_ties(members, excluded_network_ids=excluded)
    for source in default_tie_sources() if sources is None else sources:
        ties[source.tie_type] = normalise_ties(source.fetch(network_ids))
    wanted = set(members)
    ties = {t: tuple(r for r in rows if r[0] in wanted and r[1] in wanted) for t, rows in ties.items()}
    return GraphData(nodes=node_infos(members), ties=ties)


def load_graph(network_ids: Sequence[int] | None, *, sources: Sequence[TieSource] | None = None) -> nx.Graph:
    data = load_graph_data(network_ids, sources=sources)
    return build_graph(data.nodes, data.ties)
