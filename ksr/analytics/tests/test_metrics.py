import networkx as nx
import pytest

from ksr.analytics import metrics
from ksr.analytics.graph import NodeInfo, build_graph


def _graph(edges, sectors=None):
    sectors = sectors or {}
    ids = sorted({x for e in edges for x in e[:2]})
    nodes = [NodeInfo(i, f"O{i}", "C" if i % 2 else "A", "x", tuple(sectors.get(i, ()))) for i in ids]
    return build_graph(nodes, {"network": [(a, b, 1) for a, b in edges]})


def test_degree_and_strength():
    g = build_graph([NodeInfo(i, "", "A", "") for i in (1, 2, 3)], {"forum": [(1, 2, 3), (1, 3, 1)]})
    assert metrics.degrees(g) == {1: (2, 4), 2: (1, 3), 3: (1, 1)}


def test_brokerage_counts_untied_neighbour_pairs_of_different_sectors():
    # 1 is tied to 2 (culture), 3 (sport), 4 (culture, sport), 5 (sport); 3–5 tied.
    g = _graph(
        [(1, 2), (1, 3), (1, 4), (1, 5), (2, 5)],
        sectors={2: ["culture"], 3: ["sport"], 4: ["culture", "sport"], 5: ["sport"]},
    )
    # disjoint pairs among neighbours: 2–3, 2–5; 2–5 are tied → 1.
    assert metrics.brokerage(g)[1] == 1
    assert metrics.brokerage(g)[2] == 0


def test_sampled_betweenness_equals_networkx_when_every_node_is_a_source():
    g = nx.les_miserables_graph()
    g = nx.convert_node_labels_to_integers(g)
    exact = nx.betweenness_centrality(g, normalized=True)
    sampled = metrics._sampled_betweenness(g, g.number_of_nodes(), seed=1)
    assert max(abs(exact[v] - sampled[v]) for v in g) < 1e-9


def test_betweenness_is_exact_for_small_and_sampled_for_large(monkeypatch):
    g = _graph([(1, 2), (2, 3), (3, 4)])
    scores, method = metrics.betweenness(g)
    assert method == "exact"
    assert scores[2] == pytest.approx(2 / 3)
    monkeypatch.setattr(metrics, "BETWEENNESS_EXACT_MAX", 2)
    monkeypatch.setattr(metrics, "BETWEENNESS_SAMPLES", 2)
    first, method = metrics.betweenness(g)
    assert method == "sampled k=2"
    assert metrics.betweenness(g)[0] == first  # seeded: same sample every time


def test_components_and_communities_numbered_by_size(monkeypatch):
    g = _graph([(1, 2), (2, 3), (1, 3), (3, 4), (10, 11)])
    numbering, sizes = metrics.components(g)
    assert sizes == [4, 2]
    assert numbering[1] == 1 and numbering[10] == 2
    _, _, method = metrics.communities(g)
    assert method == "greedy modularity"
    monkeypatch.setattr(metrics, "COMMUNITY_EXACT_MAX", 3)
    found, sizes, method = metrics.communities(g)
    assert method.startswith("label propagation")
    assert sum(sizes) == 6
    assert found[10] == found[11]


def test_compute_metrics_gives_every_node_its_figures_and_times():
    g = _graph([(1, 2), (2, 3)], sectors={1: ["culture"], 3: ["sport"]})
    result = metrics.compute_metrics(g)
    assert result.nodes[2] == metrics.NodeMetrics(
        degree=2, strength=2, betweenness=1.0, brokerage=1, component=1, community=result.nodes[2].community
    )
    assert result.component_count == 1
    assert set(result.timings) == {"degree", "betweenness", "brokerage", "components", "communities"}


def test_network_summary_density_type_c_share_and_sector_coverage():
    g = _graph([(1, 2), (2, 3)], sectors={1: ["culture"], 3: ["sport", "labour_market"], 4: []})
    g.add_node(4, name="O4", stakeholder_type="A", kind="x", sectors=())
    summary = metrics.network_summary(g, [1, 2, 3, 4, 99])
    assert summary.member_count == 4
    assert summary.density == pytest.approx(2 / 6)
    assert summary.type_c_count == 2  # 1 and 3
    assert summary.covered_sectors == ("culture", "sport")
    assert summary.sector_coverage == 0.5
    assert summary.missing_sectors == ("education", "health")
