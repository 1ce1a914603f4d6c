"""Benchmark of the network analytics: every metric on a synthetic national graph.

    .venv/bin/python bench/analytics.py [--orgs 20000] [--ties 100000] [--db-orgs 3000] [--no-memory]

1. A seeded synthetic graph: ``--orgs`` organisations in gminas of ~8 (10 gminas a powiat), types
   A/B/C (15/25/60 %) with sectors by kind, and ``--ties`` ties of three types clustered by
   gmina (65 %), powiat (27 %) and anywhere (8 %). Builds the graph and computes every metric of
   ``ksr.analytics.metrics``: wall time per metric and in total, cold; then again through the
   cache (``analysis.cached_metrics``), warm. Peak memory per metric is measured in a separate
   pass with tracemalloc (which slows Python down, so it is not timed).
2. Building the graph from the database: a fresh SQLite database with ``--db-orgs``
   organisations in LSRs of 12 members (each organisation in one or two LSRs), read with
   ``graph.load_graph_data(None)`` and analysed.
Figures are for reporting, never asserted.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import resource
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

KINDS = {
    "A": [("kis", ["social_assistance"]), ("cis", ["labour_market"]), ("social_cooperative", ["business"])],
    "B": [("ops", ["social_assistance"]), ("pup", ["labour_market"]), ("association", ["social_assistance"])],
    "C": [
        ("school", ["education"]),
        ("library", ["culture", "education"]),
        ("culture_institution", ["culture"]),
        ("health_facility", ["health"]),
        ("sport_centre", ["sport"]),
        ("employer", ["business"]),
        ("association", ["ecology"]),
    ],
}


def synthetic(orgs: int, ties: int, seed: int = 1):  # type: ignore[no-untyped-def]
    from ksr.analytics.graph import NodeInfo

    rng = random.Random(seed)  # noqa: S311 — seeded synthetic data
    per_gmina, per_powiat = 8, 80
    nodes = []
    for i in range(orgs):
        stakeholder = rng.choices("ABC", weights=(15, 25, 60))[0]
        kind, sectors = rng.choice(KINDS[stakeholder])
        gmina = i // per_gmina
        nodes.append(NodeInfo(i, f"Organizacja {i}", stakeholder, kind, tuple(sectors), f"{gmina:07d}"))
    pairs: set[tuple[int, int]] = set()
    typed: dict[str, list[tuple[int, int, int]]] = {"network": [], "partnership": [], "forum": []}
    while len(pairs) < ties:
        a = rng.randrange(orgs)
        r = rng.random()
        if r < 0.65:
            b = (a // per_gmina) * per_gmina + rng.randrange(per_gmina)
        elif r < 0.92:
            b = (a // per_powiat) * per_powiat + rng.randrange(per_powiat)
        else:
            b = rng.randrange(orgs)
        b = min(b, orgs - 1)
        if a == b:
            continue
        key = (a, b) if a < b else (b, a)
        if key in pairs:
            continue
        pairs.add(key)
        tie_type = rng.choices(("network", "partnership", "forum"), weights=(5, 2, 3))[0]
        typed[tie_type].append((*key, rng.randint(1, 4)))
    return nodes, typed


def peak_mib(fn):  # type: ignore[no-untyped-def]
    tracemalloc.start()
    fn()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak / 2**20


def bench_synthetic(args: argparse.Namespace) -> None:
    from django.core.cache import cache

    from ksr.analytics import analysis, metrics
    from ksr.analytics.graph import GraphData, build_graph

    t0 = time.perf_counter()
    nodes, typed = synthetic(args.orgs, args.ties)
    print(f"synthetic data: {args.orgs} organisations, {args.ties} ties in {time.perf_counter() - t0:.2f} s")
    t0 = time.perf_counter()
    graph = build_graph(nodes, typed)
    print(
        f"build_graph: {time.perf_counter() - t0:.2f} s "
        f"({graph.number_of_nodes()} nodes, {graph.number_of_edges()} edges)"
    )
    t0 = time.perf_counter()
    version = GraphData(nodes=tuple(nodes), ties={k: tuple(v) for k, v in typed.items()}).version
    print(f"data version (content digest): {time.perf_counter() - t0:.2f} s")

    cache.clear()
    t0 = time.perf_counter()
    result = analysis.cached_metrics(graph, version)
    cold = time.perf_counter() - t0
    for name, seconds in result.timings.items():
        print(f"  {name:12s} {seconds:6.2f} s")
    print(f"all metrics, cold (computed and cached): {cold:.2f} s")
    print(
        f"  betweenness: {result.betweenness_method}; communities: {result.community_method} "
        f"({result.community_count} communities, {result.component_count} components)"
    )
    t0 = time.perf_counter()
    analysis.cached_metrics(graph, version)
    print(f"all metrics, cached: {(time.perf_counter() - t0) * 1000:.0f} ms")

    if args.memory:
        print("peak memory per metric (tracemalloc, separate pass):")
        steps = {
            "build_graph": lambda: build_graph(nodes, typed),
            "degree": lambda: metrics.degrees(graph),
            "betweenness": lambda: metrics.betweenness(graph),
            "brokerage": lambda: metrics.brokerage(graph),
            "components": lambda: metrics.components(graph),
            "communities": lambda: metrics.communities(graph),
        }
        for name, fn in steps.items():
            print(f"  {name:12s} {peak_mib(fn):6.1f} MiB")
    print(f"process peak RSS so far: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB")


def bench_database(args: argparse.Namespace) -> None:
    from django.core.cache import cache
    from django.core.management import call_command

    from ksr.analytics import analysis
    from ksr.analytics import graph as graphs
    from ksr.networks.models import Network, NetworkMembership
    from ksr.registry.models import Organisation
    from ksr.testing import unit

    call_command("migrate", verbosity=0)
    rng = random.Random(2)  # noqa: S311 — seeded synthetic data
    seat = unit("1465011")
    per_lsr = 12
    lsr_count = max(1, args.db_orgs // per_lsr)
    organisations = []
    for i in range(args.db_orgs):
        stakeholder = rng.choices("ABC", weights=(15, 25, 60))[0]
        kind, _ = rng.choice(KINDS[stakeholder])
        organisations.append(Organisation(name=f"Organizacja {i}", kind=kind, stakeholder_type=stakeholder, seat=seat))
    Organisation.objects.bulk_create(organisations, batch_size=2000)
    org_ids = list(Organisation.objects.order_by("pk").values_list("pk", flat=True))
    Through = Organisation.sectors.through
    sector_rows = []
    for pk in org_ids:
        for code in rng.sample(["education", "culture", "health", "sport", "social_assistance"], rng.randint(0, 2)):
            sector_rows.append(Through(organisation_id=pk, sector_id=code))
    Through.objects.bulk_create(sector_rows, batch_size=2000)
    networks = Network.objects.bulk_create(
        [Network(name=f"LSR {i}", level="local", main_node_id=org_ids[i * per_lsr]) for i in range(lsr_count)]
    )
    memberships = []
    for i, network in enumerate(networks):
        members = set(org_ids[i * per_lsr : (i + 1) * per_lsr])
        members.update(rng.sample(org_ids, 3))  # organisations in a second LSR tie LSRs together
        for pk in members:
            memberships.append(NetworkMembership(network=network, organisation_id=pk, joined_on=dt.date(2026, 1, 1)))
    NetworkMembership.objects.bulk_create(memberships, batch_size=2000)
    print(f"database: {len(org_ids)} organisations, {len(networks)} LSRs, {len(memberships)} memberships")
    t0 = time.perf_counter()
    data = graphs.load_graph_data(None)
    t_load = time.perf_counter() - t0
    ties = sum(len(v) for v in data.ties.values())
    print(f"load_graph_data (all networks, every tie source): {t_load:.2f} s ({len(data.nodes)} nodes, {ties} ties)")
    cache.clear()
    t0 = time.perf_counter()
    analysis.analyse(None)
    print(f"analyse (load + build + metrics, cold): {time.perf_counter() - t0:.2f} s")
    t0 = time.perf_counter()
    analysis.analyse(None)
    print(f"analyse (load + build, metrics cached): {time.perf_counter() - t0:.2f} s")
    one = networks[0]
    t0 = time.perf_counter()
    analysis.analyse_network(one, with_layout=True)
    print(f"one LSR with layout, cold: {(time.perf_counter() - t0) * 1000:.0f} ms")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--orgs", type=int, default=20000)
    parser.add_argument("--ties", type=int, default=100000)
    parser.add_argument("--db-orgs", type=int, default=3000)
    parser.add_argument("--no-memory", dest="memory", action="store_false")
    args = parser.parse_args()
    os.environ.setdefault("KSR_VAR_DIR", tempfile.mkdtemp(prefix="ksr-bench-analytics-"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ksr.settings")
    import django

    django.setup()
    start = time.perf_counter()
    bench_synthetic(args)
    if args.db_orgs:
        bench_database(args)
    print(f"total wall time: {time.perf_counter() - start:.1f} s")


if __name__ == "__main__":
    main()
