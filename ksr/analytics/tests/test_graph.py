import pytest

from ksr.analytics import graph as graphs
from ksr.analytics.choices import TieType
from ksr.analytics.graph import NodeInfo, build_graph, normalise_ties, typed_subgraph
from ksr.analytics.tests.helpers import add_members, network, org, static_source


def _nodes(*ids):
    return [NodeInfo(i, f"O{i}", "A", "kis") for i in ids]


def test_build_graph_keeps_a_weight_per_tie_type_and_their_sum():
    g = build_graph(_nodes(1, 2, 3), {TieType.NETWORK: [(1, 2, 2)], TieType.FORUM: [(2, 1, 3), (2, 3, 1)]})
    assert g[1][2] == {"weight": 5, "network": 2, "forum": 3}
    assert g[2][3] == {"weight": 1, "forum": 1}
    assert graphs.tie_types_of(g) == ["network", "forum"]


def test_ties_to_unknown_nodes_and_self_ties_are_dropped():
    g = build_graph(_nodes(1, 2), {TieType.FORUM: [(1, 9, 1), (1, 1, 4), (1, 2, 0)]})
    assert g.number_of_edges() == 0
    assert g.number_of_nodes() == 2


def test_normalise_sums_undirected_pairs_or_counts_rows():
    assert normalise_ties([(2, 1, 3), (1, 2, 1), (3, 3, 1)]) == ((1, 2, 4),)
    assert normalise_ties([(1, 2, 70), (1, 2, 71)], count_rows=True) == ((1, 2, 2),)


def test_typed_subgraph_keeps_all_nodes_and_only_chosen_types():
    g = build_graph(_nodes(1, 2, 3), {TieType.NETWORK: [(1, 2, 2)], TieType.FORUM: [(1, 2, 1), (2, 3, 1)]})
    sub = typed_subgraph(g, [TieType.NETWORK])
    assert sub.number_of_nodes() == 3
    assert list(sub.edges(data=True)) == [(1, 2, {"weight": 2, "network": 2})]


@pytest.mark.django_db
def test_co_membership_counts_other_shared_networks_not_the_drawn_one(cast):
    a, b, c = org("A"), org("B"), org("C")
    lsr = network("LSR Warszawa", cast.kis_waw)
    add_members(lsr, [a, b, c])
    other = network("LSR Dąbrówka", cast.kis_waw, territory="1432023")
    add_members(other, [a, b])
    data = graphs.load_graph_data([lsr.pk], sources=[])
    assert {n.id for n in data.nodes} == {cast.kis_waw.pk, a.pk, b.pk, c.pk}
    # a and b share the other LSR; the main node is also the main node of the other LSR.
    ties = {(x, y): w for x, y, w in data.ties[TieType.NETWORK]}
    assert ties[tuple(sorted((a.pk, b.pk)))] == 1
    assert (min(a.pk, c.pk), max(a.pk, c.pk)) not in ties


@pytest.mark.django_db
def test_members_who_left_are_not_nodes(cast):
    a, b = org("A"), org("B")
    lsr = network("LSR", cast.kis_waw)
    add_members(lsr, [a])
    add_members(lsr, [b], left_on="2026-02-01")
    data = graphs.load_graph_data([lsr.pk], sources=[])
    assert b.pk not in {n.id for n in data.nodes}


@pytest.mark.django_db
def test_pluggable_sources_add_typed_ties_among_members_only(cast):
    a, b = org("A", sectors=["culture"]), org("B")
    outsider = org("Outsider")
    lsr = network("LSR", cast.kis_waw)
    add_members(lsr, [a, b])
    source = static_source(TieType.REFERRAL, [(a.pk, b.pk, 4), (a.pk, outsider.pk, 1)])
    g = graphs.load_graph([lsr.pk], sources=[source])
    assert g[a.pk][b.pk]["referral"] == 4
    assert outsider.pk not in g
    assert g.nodes[a.pk]["sectors"] == ("culture",)
    assert g.nodes[a.pk]["stakeholder_type"] == "C"


@pytest.mark.django_db
def test_rsr_scope_includes_its_lsrs(cast):
    rsr = network("RSR Mazowsze", cast.rops_maz, level="regional", territory="14")
    lsr = network("LSR", cast.kis_waw, parent=rsr)
    assert graphs.network_scope(rsr) == [rsr.pk, lsr.pk]


def test_default_sources_include_partnerships_and_forum_when_installed():
    types = [s.tie_type for s in graphs.default_tie_sources()]
    assert TieType.PARTNERSHIP in types
    assert TieType.FORUM in types


@pytest.mark.django_db
def test_rsr_graph_counts_co_membership_in_its_lsrs_not_in_itself(cast):
    rsr = network("RSR Mazowsze", cast.rops_maz, level="regional", territory="14")
    a, b, c = org("A"), org("B"), org("C")
    add_members(rsr, [c])
    for name in ("LSR 1", "LSR 2"):
        add_members(network(name, cast.kis_waw, parent=rsr), [a, b])
    g = graphs.load_graph(graphs.network_scope(rsr), sources=[])
    assert g[a.pk][b.pk]["network"] == 2
    assert g.degree(c.pk) == 0  # only in the RSR itself
