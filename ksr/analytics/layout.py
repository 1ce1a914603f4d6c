"""Seeded node positions for the SVG drawing of a graph.

networkx's layouts (``spring_layout`` …) need numpy, which the project does not install; this
is the same Fruchterman–Reingold force-directed algorithm in plain Python, deterministic for a
given seed (initial positions from ``random.Random(seed)``). It is quadratic per iteration, so
large graphs get fewer iterations; drawings of LSRs and RSRs have tens to a few hundred nodes.
Positions are scaled into ``[margin, size - margin]``.
"""

from __future__ import annotations

import math
import random

import networkx as nx

SEED = 2026
GRAVITY = 1.0


def spring_layout(
    graph: nx.Graph, *, seed: int = SEED, size: float = 1000.0, margin: float = 60.0, iterations: int | None = None
) -> dict[int, tuple[float, float]]:
    nodes = sorted(graph)
    n = len(nodes)
    if n == 0:
        return {}
    if n == 1:
        return {nodes[0]: (size / 2, size / 2)}
    rng = random.Random(seed)  # noqa: S311 — a drawing, not a secret
    index = {v: i for i, v in enumerate(nodes)}
    xs = [rng.random() for _ in nodes]
    ys = [rng.random() for _ in nodes]
    edges = [(index[a], index[b], 1.0 + math.log(d.get("weight", 1) or 1)) for a, b, d in graph.edges(data=True)]
    k = math.sqrt(1.0 / n)
    if iterations is None:
        iterations = 60 if n <= 120 else 30 if n <= 300 else 12
    temperature = 0.1
    cooling = temperature / (iterations + 1)
    for _ in range(iterations):
        dx = [0.0] * n
        dy = [0.0] * n
        for i in range(n):
            xi, yi = xs[i], ys[i]
            for j in range(i + 1, n):
                ddx, ddy = xi - xs[j], yi - ys[j]
                dist2 = ddx * ddx + ddy * ddy or 1e-9
                force = k * k / dist2
                dx[i] += ddx * force
                dy[i] += ddy * force
                dx[j] -= ddx * force
                dy[j] -= ddy * force
        for i, j, w in edges:
            ddx, ddy = xs[i] - xs[j], ys[i] - ys[j]
            dist = math.sqrt(ddx * ddx + ddy * ddy) or 1e-9
            force = dist * w / k
            dx[i] -= ddx * force
            dy[i] -= ddy * force
            dx[j] += ddx * force
            dy[j] += ddy * force
        # Gravity towards the centre keeps isolated organisations and small components near the rest.
        cx, cy = sum(xs) / n, sum(ys) / n
        for i in range(n):
            dx[i] -= (xs[i] - cx) * GRAVITY
            dy[i] -= (ys[i] - cy) * GRAVITY
        for i in range(n):
            length = math.sqrt(dx[i] * dx[i] + dy[i] * dy[i]) or 1e-9
            step = min(length, temperature)
            xs[i] += dx[i] / length * step
            ys[i] += dy[i] / length * step
        temperature -= cooling
    min_x, max_x, min_y, max_y = min(xs), max(xs), min(ys), max(ys)
    span = max(max_x - min_x, max_y - min_y) or 1.0
    scale = (size - 2 * margin) / span
    off_x = (size - (max_x - min_x) * scale) / 2
    off_y = (size - (max_y - min_y) * scale) / 2
    return {
        v: (round((xs[i] - min_x) * scale + off_x, 1), round((ys[i] - min_y) * scale + off_y, 1))
        for i, v in enumerate(nodes)
    }
