"""Server-side SVG of a network graph (works without JavaScript; graph.js adds pan, zoom, filters).

Every tie type is drawn as its own line (class ``tie tie-<type>``) with its own dash pattern,
so hiding a type (class ``hide-<type>`` on the ``<svg>``) leaves the other ties of the same pair
visible, and types differ by more than colour. Nodes are ``<g class="node">`` with
``data-type`` (A/B/C) and ``data-sector`` (main sector); the colour mode is a class on the
``<svg>`` (``colour-type`` or ``colour-sector``) and each node also shows the letter of its
type or the number of its sector, and has a ``<title>`` (hover and screen readers).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import networkx as nx
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from ksr.analytics.choices import TieType
from ksr.analytics.layout import place_labels
from ksr.analytics.metrics import NodeMetrics
from ksr.registry.choices import NEW_PROFILE_SECTORS, SectorCode, StakeholderType

SIZE = 1000
TYPE_COLOURS = {"A": "#1f5fa8", "B": "#a34f00", "C": "#00735a"}
SECTOR_COLOURS: dict[str, str] = {
    SectorCode.EDUCATION: "#1f5fa8",
    SectorCode.CULTURE: "#8e3b8e",
    SectorCode.HEALTH: "#b3261e",
    SectorCode.SPORT: "#2e6b30",
    SectorCode.SOCIAL_ASSISTANCE: "#7a5200",
    SectorCode.LABOUR_MARKET: "#005f73",
    SectorCode.BUSINESS: "#37474f",
    SectorCode.ECOLOGY: "#4a5d10",
    SectorCode.OTHER: "#5f5f5f",
}
NO_SECTOR_COLOUR = "#6b6b6b"
TIE_STYLES: dict[str, tuple[str, str]] = {
    TieType.NETWORK: ("#8a8a8a", "6 4"),
    TieType.PARTNERSHIP: ("#2b2b2b", ""),
    TieType.FORUM: ("#4f6d8f", "2 3"),
    TieType.REFERRAL: ("#7a3e00", "10 3 2 3"),
}
LABEL_MAX_NODES = 40


def sector_number(code: str) -> int:
    """1-based number of a sector (the digit drawn in the node in sector mode)."""
    return SectorCode.values.index(code) + 1 if code in SectorCode.values else 0


def main_sector(sectors: Sequence[str]) -> str:
    """The node's sector for colouring: its first new-profile sector, else its first sector."""
    for code in NEW_PROFILE_SECTORS:
        if code in sectors:
            return str(code)
    return sectors[0] if sectors else ""


def _style(id_prefix: str) -> str:
    p = f"#{id_prefix}"
    rules = [
        f"{p} .tie{{stroke-linecap:round}}",
        f"{p} .node circle{{stroke:#fff;stroke-width:1.5}}",
        f"{p} .node text{{fill:#fff;font:bold 12px sans-serif;text-anchor:middle;"
        "dominant-baseline:central;pointer-events:none}",
        f"{p} .node .label{{fill:#111;font:11px sans-serif;text-anchor:start;"
        "paint-order:stroke;stroke:#fff;stroke-width:3px}",
        f"{p} .node:hover circle,{p} .node:focus circle{{stroke:#000;stroke-width:3}}",
        f"{p}.colour-type .sector-mark,{p}.colour-sector .type-mark{{display:none}}",
    ]
    for letter, colour in TYPE_COLOURS.items():
        rules.append(f'{p}.colour-type .node[data-type="{letter}"] circle{{fill:{colour}}}')
    rules.append(f"{p}.colour-sector .node circle{{fill:{NO_SECTOR_COLOUR}}}")
    for code, colour in SECTOR_COLOURS.items():
        rules.append(f'{p}.colour-sector .node[data-sector="{code}"] circle{{fill:{colour}}}')
    for tie_type, (colour, dash) in TIE_STYLES.items():
        rules.append(f"{p} .tie-{tie_type}{{stroke:{colour}{';stroke-dasharray:' + dash if dash else ''}}}")
        rules.append(f"{p}.hide-{tie_type} .tie-{tie_type}{{display:none}}")
    return "".join(rules)


def node_radius(m: NodeMetrics) -> float:
    """The circle of an organisation grows with its ties (up to 16)."""
    return 9 + min(m.degree, 16) * 0.6


def render_graph_svg(
    graph: nx.Graph,
    positions: Mapping[int, tuple[float, float]],
    node_metrics: Mapping[int, NodeMetrics],
    *,
    title: str,
    description: str,
    id_prefix: str = "graph",
) -> SafeString:
    pid = escape(id_prefix)
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" id="{pid}" class="graph colour-type" '
        f'viewBox="0 0 {SIZE} {SIZE}" data-size="{SIZE}" role="img" '
        f'aria-labelledby="{pid}-title {pid}-desc">',
        f'<title id="{pid}-title">{escape(title)}</title><desc id="{pid}-desc">{escape(description)}</desc>',
        f"<defs><style>{_style(pid)}</style></defs>",
        f'<rect class="backdrop" width="{SIZE}" height="{SIZE}" fill="#fff"/>',
        '<g class="viewport"><g class="ties">',
    ]
    for a, b, data in sorted(graph.edges(data=True), key=lambda e: (min(e[0], e[1]), max(e[0], e[1]))):
        (x1, y1), (x2, y2) = positions[a], positions[b]
        for tie_type in TieType.values:
            weight = data.get(tie_type)
            if not weight:
                continue
            width = min(1.0 + weight, 6.0)
            out.append(
                f'<line class="tie tie-{tie_type}" data-type="{tie_type}" x1="{x1}" y1="{y1}" x2="{x2}" y2="{y2}" '
                f'stroke-width="{width}"/>'
            )
    out.append('</g><g class="nodes">')
    show_labels = graph.number_of_nodes() <= LABEL_MAX_NODES
    type_labels = dict(StakeholderType.choices)
    sector_labels = dict(SectorCode.choices)
    # Labels are placed so that they collide neither with each other nor with the circles; the
    # best-connected organisations choose their place first.
    by_priority = sorted(graph, key=lambda n: (-node_metrics[n].degree, graph.nodes[n].get("name", ""), n))
    labels = (
        place_labels(
            [(v, *positions[v], node_radius(node_metrics[v]), graph.nodes[v].get("name", "")) for v in by_priority],
            size=SIZE,
        )
        if show_labels
        else {}
    )
    for v in sorted(graph, key=lambda n: (graph.nodes[n].get("name", ""), n)):
        attrs: dict[str, Any] = graph.nodes[v]
        x, y = positions[v]
        m = node_metrics[v]
        sectors = tuple(attrs.get("sectors", ()))
        sector = main_sector(sectors)
        radius = node_radius(m)
        stakeholder = attrs.get("stakeholder_type", "")
        sector_text = ", ".join(str(sector_labels.get(s, s)) for s in sectors) or _("no sector")
        tooltip = _("%(name)s — %(type)s; sectors: %(sectors)s; ties: %(degree)s; betweenness: %(btw).3f") % {
            "name": attrs.get("name", ""),
            "type": type_labels.get(stakeholder, stakeholder),
            "sectors": sector_text,
            "degree": m.degree,
            "btw": m.betweenness,
        }
        out.append(
            f'<g class="node" data-id="{v}" data-type="{escape(stakeholder)}" data-sector="{escape(sector)}">'
            f"<title>{escape(tooltip)}</title>"
            f'<circle cx="{x}" cy="{y}" r="{radius:.1f}"/>'
            f'<text class="type-mark" x="{x}" y="{y}">{escape(stakeholder)}</text>'
            f'<text class="sector-mark" x="{x}" y="{y}">{sector_number(sector) or "–"}</text>'
        )
        if v in labels:
            label_x, label_y, anchor_end = labels[v]
            anchor = ' style="text-anchor:end"' if anchor_end else ""
            name = escape(attrs.get("name", ""))
            out.append(f'<text class="label" x="{label_x:.1f}" y="{label_y:.1f}"{anchor}>{name}</text>')
        out.append("</g>")
    out.append("</g></g></svg>")
    return mark_safe("".join(out))  # every interpolated text is escaped above
