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


# --- labels ---------------------------------------------------------------------------------------

LABEL_FONT_PX = 11.0
LABEL_CHAR_WIDTH = 0.62 * LABEL_FONT_PX  # a generous average width of a sans-serif character
LABEL_HEIGHT = LABEL_FONT_PX + 3.0
LABEL_GAP = 3.0
LABEL_SHIFTS = (0.0, -1.0, 1.0, -2.0, 2.0, -3.0, 3.0)  # in label heights, nearest first

Box = tuple[float, float, float, float]  # left, top, right, bottom


def label_box(x: float, y: float, text: str, *, anchor_end: bool) -> Box:
    """The box a label of ``text`` takes when drawn at ``(x, y)`` (``y`` its vertical centre)."""
    width = len(text) * LABEL_CHAR_WIDTH
    left = x - width if anchor_end else x
    return (left, y - LABEL_HEIGHT / 2, left + width, y + LABEL_HEIGHT / 2)


def boxes_overlap(a: Box, b: Box) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def place_labels(
    nodes: list[tuple[int, float, float, float, str]], *, size: float = 1000.0
) -> dict[int, tuple[float, float, bool]]:
    """Where to draw each node's label so that no two labels overlap and none covers a node.

    ``nodes`` are ``(id, x, y, radius, text)``, in order of priority (the first are placed first).
    Each label is tried beside its circle, right then left, at its height and then shifted up and
    down by whole label heights; the first place inside the drawing that meets no placed label and
    no circle wins. A label with no free place is left out (the node keeps its tooltip, and the
    table below the graph lists every organisation). Returns ``id → (x, y, anchor_end)``.
    """
    circles: list[Box] = [(x - r, y - r, x + r, y + r) for _v, x, y, r, _t in nodes]
    placed: list[Box] = []
    result: dict[int, tuple[float, float, bool]] = {}
    for index, (v, x, y, radius, text) in enumerate(nodes):
        if not text:
            continue
        prefer_left = x > size * 0.6
        sides = (True, False) if prefer_left else (False, True)
        for shift in LABEL_SHIFTS:
            label_y = y + shift * LABEL_HEIGHT
            found = None
            for anchor_end in sides:
                label_x = x - radius - LABEL_GAP if anchor_end else x + radius + LABEL_GAP
                box = label_box(label_x, label_y, text, anchor_end=anchor_end)
                if box[0] < 0 or box[1] < 0 or box[2] > size or box[3] > size:
                    continue
                if any(boxes_overlap(box, other) for other in placed):
                    continue
                if any(boxes_overlap(box, c) for i, c in enumerate(circles) if i != index):
                    continue
                found = (label_x, label_y, anchor_end, box)
                break
            if found:
                result[v] = found[:3]
                placed.append(found[3])
                break
    return result
