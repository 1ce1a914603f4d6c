import pytest
from django.core.cache import cache

from ksr.analytics import analysis, layout, metrics
from ksr.analytics.tests.helpers import add_members, network, org


@pytest.fixture
def counted(monkeypatch):
    calls = []
    real = metrics.compute_metrics

    def counting(graph, **kwargs):
        calls.append(graph.number_of_nodes())
        return real(graph, **kwargs)

    monkeypatch.setattr(metrics, "compute_metrics", counting)
    cache.clear()
    return calls


@pytest.mark.django_db
def test_metrics_are_cached_until_the_data_changes(cast, counted):
    lsr = network("LSR", cast.kis_waw)
    a, b = org("A"), org("B")
    add_members(lsr, [a, b])
    first = analysis.analyse_network(lsr, sources=[])
    again = analysis.analyse_network(lsr, sources=[])
    assert counted == [3]
    assert again.data.version == first.data.version
    add_members(lsr, [org("C")])
    changed = analysis.analyse_network(lsr, sources=[])
    assert counted == [3, 4]
    assert changed.data.version != first.data.version


@pytest.mark.django_db
def test_a_changed_sector_changes_the_version(cast, counted):
    lsr = network("LSR", cast.kis_waw)
    a = org("A")
    add_members(lsr, [a])
    before = analysis.analyse_network(lsr, sources=[]).data.version
    a.sectors.add("culture")
    assert analysis.analyse_network(lsr, sources=[]).data.version != before


@pytest.mark.django_db
def test_summary_counts_own_members_only(cast):
    rsr = network("RSR", cast.rops_maz, level="regional", territory="14")
    lsr = network("LSR", cast.kis_waw, parent=rsr)
    add_members(lsr, [org("Szkoła", kind="school", sectors=["education"])])
    result = analysis.analyse_network(rsr, sources=[])
    assert result.metrics.node_count == 3  # ROPS, KIS, school
    assert analysis.summary_of(rsr, result).member_count == 1
    assert analysis.summary_of(lsr, result).covered_sectors == ("education",)


def test_layout_is_deterministic_and_inside_the_drawing():
    import networkx as nx

    g = nx.karate_club_graph()
    first = layout.spring_layout(g, seed=3)
    assert first == layout.spring_layout(g, seed=3)
    assert all(60 <= x <= 940 and 60 <= y <= 940 for x, y in first.values())
