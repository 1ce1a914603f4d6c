"""The labels of a graph drawing never collide: not with each other, not with another node."""

import itertools
import re
from html import unescape

import networkx as nx

from ksr.analytics import layout
from ksr.analytics.metrics import compute_metrics
from ksr.analytics.svg import render_graph_svg


def _named_graph() -> nx.Graph:
    g = nx.karate_club_graph()
    for v in g:
        g.nodes[v].update(name=f"Stowarzyszenie na rzecz Reintegracji nr {v}", stakeholder_type="C", sectors=())
    return g


def _drawn_label_boxes(svg: str) -> list[layout.Box]:
    drawn = re.findall(r'<text class="label" x="([\d.]+)" y="([\d.]+)"( style="[^"]*")?>([^<]*)</text>', svg)
    return [layout.label_box(float(x), float(y), unescape(t), anchor_end="end" in style) for x, y, style, t in drawn]


def test_placed_labels_do_not_overlap_each_other_or_other_nodes():
    g = _named_graph()
    positions = layout.spring_layout(g, seed=3)
    nodes = [(v, *positions[v], 12.0, g.nodes[v]["name"]) for v in sorted(g)]
    placed = layout.place_labels(nodes)
    boxes = {v: layout.label_box(x, y, g.nodes[v]["name"], anchor_end=end) for v, (x, y, end) in placed.items()}
    assert len(boxes) >= len(g) // 2  # most organisations keep their label
    for a, b in itertools.combinations(boxes.values(), 2):
        assert not layout.boxes_overlap(a, b)
    for v, box in boxes.items():
        assert box[0] >= 0 and box[2] <= 1000 and box[1] >= 0 and box[3] <= 1000
        for w, x, y, r, _name in nodes:
            if w != v:
                assert not layout.boxes_overlap(box, (x - r, y - r, x + r, y + r))


def test_two_organisations_drawn_at_the_same_place_get_separate_labels():
    nodes = [(1, 500.0, 500.0, 10.0, "Biblioteka Publiczna"), (2, 500.0, 500.0, 10.0, "Gminny Ośrodek Kultury")]
    placed = layout.place_labels(nodes)
    assert sorted(placed) == [1, 2]
    # The second circle hides the first at that place: each label finds room above or below.
    names = {v: name for v, *_rest, name in nodes}
    boxes = [layout.label_box(x, y, names[v], anchor_end=end) for v, (x, y, end) in placed.items()]
    assert not any(layout.boxes_overlap(a, b) for a, b in itertools.combinations(boxes, 2))


def test_the_svg_draws_no_two_labels_on_top_of_each_other():
    g = _named_graph()
    svg = render_graph_svg(
        g, layout.spring_layout(g), compute_metrics(g).nodes, title="Graf", description="Opis", id_prefix="t"
    )
    boxes = _drawn_label_boxes(str(svg))
    assert len(boxes) >= len(g) // 2
    for a, b in itertools.combinations(boxes, 2):
        assert not layout.boxes_overlap(a, b)
