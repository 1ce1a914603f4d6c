"""Choropleth maps of Poland rendered as SVG in Python (no JavaScript, no tile server, no CDN).

The boundaries come from ``data/geo/poland.counties.geojson`` (380 powiats) and
``data/geo/poland.voivodeships.geojson`` (16 voivodeships); each feature carries its TERYT code
in the property ``terc``. The files are parsed once per process (``functools.lru_cache``),
projected with an equirectangular projection scaled by cos(52°), rounded to whole units of
the drawing and written as relative path commands, which keeps the national map well under
400 KB.

The module is generic: ``render_powiat_map(values, …)`` colours each powiat by the bucket of
its value (any non-negative integer: register entries, network members, …). It carries no
user-visible text of its own: the caller passes the (translated) title and description, and
renders the legend from ``map_legend(thresholds)``. Powiats with no value are drawn hatched
and get their own class (``b0``), so colour is never the only carrier of information; the
caller must also show the values as a table next to the map (the accessible alternative).
"""

from __future__ import annotations

import functools
import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

GEO_DIR = Path(settings.BASE_DIR) / "data" / "geo"
POWIATS_FILE = GEO_DIR / "poland.counties.geojson"
VOIVODESHIPS_FILE = GEO_DIR / "poland.voivodeships.geojson"

#: Width of the drawing in SVG user units; heights follow from the projection.
MAP_WIDTH = 800
MARGIN = 6
#: Equirectangular projection: longitudes shrink by cos(52°), the latitude of central Poland.
LON_SCALE = math.cos(math.radians(52.0))

#: Default bucket thresholds: lower bounds of the non-zero buckets (1, 2–3, 4–6, 7+).
DEFAULT_THRESHOLDS: tuple[int, ...] = (1, 2, 4, 7)
#: Sequential palette (colour-blind safe blues) for the non-zero buckets, lightest first.
PALETTE: tuple[str, ...] = ("#c6dbef", "#9ecae1", "#6baed6", "#3182bd", "#08519c", "#08306b")
ZERO_FILL = "#f2f2f2"
HATCH_COLOUR = "#8a8a8a"

Ring = list[tuple[float, float]]
Polygon = list[Ring]


@dataclass(frozen=True)
class Feature:
    code: str
    name: str
    polygons: tuple[tuple[tuple[tuple[float, float], ...], ...], ...]  # projected, unscaled


@dataclass(frozen=True)
class LegendItem:
    """One bucket of the legend: ``low``–``high`` inclusive (``high`` None = and more)."""

    css_class: str
    fill: str
    low: int
    high: int | None
    hatched: bool

    @property
    def is_zero(self) -> bool:
        return self.low == 0 and self.high == 0

    @property
    def swatch(self) -> SafeString:
        """A small inline SVG swatch of this bucket (decorative: the label carries the meaning)."""
        hatch = (
            f'<path d="M0 16L16 0M-4 4L4 -4M12 20L20 12" stroke="{HATCH_COLOUR}" stroke-width="2"/>'
            if self.hatched
            else ""
        )
        return mark_safe(  # built from constants only
            '<svg class="swatch" width="16" height="16" viewBox="0 0 16 16" aria-hidden="true" focusable="false">'
            f'<rect width="16" height="16" fill="{self.fill}"/>{hatch}</svg>'
        )


def _project(lon: float, lat: float) -> tuple[float, float]:
    return (lon * LON_SCALE, -lat)


def _load(path: Path) -> tuple[Feature, ...]:
    data = json.loads(path.read_text(encoding="utf-8"))
    features = []
    for raw in data["features"]:
        geometry = raw["geometry"]
        coordinates: Any = geometry["coordinates"]
        polygons = coordinates if geometry["type"] == "MultiPolygon" else [coordinates]
        projected = tuple(
            tuple(tuple(_project(float(lon), float(lat)) for lon, lat, *_ in ring) for ring in polygon)
            for polygon in polygons
        )
        props = raw["properties"]
        features.append(Feature(code=str(props["terc"]), name=str(props.get("name", "")), polygons=projected))
    features.sort(key=lambda f: f.code)
    return tuple(features)


@functools.lru_cache(maxsize=1)
def powiat_features() -> tuple[Feature, ...]:
    """The 380 powiats, parsed and projected once per process."""
    return _load(POWIATS_FILE)


@functools.lru_cache(maxsize=1)
def voivodeship_features() -> tuple[Feature, ...]:
    """The 16 voivodeships, parsed and projected once per process."""
    return _load(VOIVODESHIPS_FILE)


def powiat_names() -> dict[str, str]:
    """TERYT powiat code → name as in the boundary file."""
    return {f.code: f.name for f in powiat_features()}


@dataclass(frozen=True)
class _Frame:
    min_x: float
    min_y: float
    scale: float
    width: int
    height: int

    def point(self, x: float, y: float) -> tuple[int, int]:
        return (round((x - self.min_x) * self.scale) + MARGIN, round((y - self.min_y) * self.scale) + MARGIN)


def _frame(features: Sequence[Feature]) -> _Frame:
    xs = [x for f in features for poly in f.polygons for ring in poly for x, _ in ring]
    ys = [y for f in features for poly in f.polygons for ring in poly for _, y in ring]
    min_x, max_x, min_y, max_y = min(xs), max(xs), min(ys), max(ys)
    scale = (MAP_WIDTH - 2 * MARGIN) / (max_x - min_x)
    height = round((max_y - min_y) * scale) + 2 * MARGIN
    return _Frame(min_x=min_x, min_y=min_y, scale=scale, width=MAP_WIDTH, height=height)


def _ring_path(ring: Sequence[tuple[float, float]], frame: _Frame) -> str:
    """A closed ring as relative path commands on whole units, repeated points dropped."""
    points: list[tuple[int, int]] = []
    for x, y in ring:
        p = frame.point(x, y)
        if not points or p != points[-1]:
            points.append(p)
    if len(points) > 1 and points[0] == points[-1]:
        points.pop()
    # Drop points on a straight line between their neighbours (same direction twice).
    pruned: list[tuple[int, int]] = []
    for p in points:
        if len(pruned) >= 2:
            (ax, ay), (bx, by) = pruned[-2], pruned[-1]
            if (bx - ax) * (p[1] - by) == (by - ay) * (p[0] - bx):
                pruned[-1] = p
                continue
        pruned.append(p)
    if len(pruned) < 3:
        return ""
    x0, y0 = pruned[0]
    parts = [f"M{x0} {y0}l"]
    px, py = x0, y0
    steps = []
    for x, y in pruned[1:]:
        dx, dy = x - px, y - py
        steps.append(f"{dx} {dy}")
        px, py = x, y
    parts.append(" ".join(steps).replace(" -", "-"))
    parts.append("z")
    return "".join(parts)


def _feature_path(feature: Feature, frame: _Frame) -> str:
    rings = [_ring_path(ring, frame) for poly in feature.polygons for ring in poly]
    path = "".join(r for r in rings if r)
    if not path:  # too small to survive rounding: a one-unit triangle keeps it hoverable
        x, y = frame.point(*feature.polygons[0][0][0])
        path = f"M{x} {y}l1 0l0 1z"
    return path


@functools.lru_cache(maxsize=32)
def _geometry(voivodeship: str | None) -> tuple[_Frame, tuple[tuple[str, str, str], ...], str]:
    """Frame, (code, name, path) per powiat and the voivodeship border path (cached per region)."""
    powiats = [f for f in powiat_features() if voivodeship is None or f.code.startswith(voivodeship)]
    if not powiats:
        raise ValueError(f"no powiats in voivodeship {voivodeship!r}")
    frame = _frame(powiats)
    powiat_paths = tuple((f.code, f.name, _feature_path(f, frame)) for f in powiats)
    borders = [f for f in voivodeship_features() if voivodeship is None or f.code == voivodeship]
    border_path = "".join(_feature_path(f, frame) for f in borders)
    return frame, powiat_paths, border_path


def bucket_index(value: int, thresholds: Sequence[int] = DEFAULT_THRESHOLDS) -> int:
    """0 for no value; otherwise 1 + the index of the highest threshold ≤ value."""
    index = 0
    for i, low in enumerate(thresholds):
        if value >= low:
            index = i + 1
    return index


def map_legend(thresholds: Sequence[int] = DEFAULT_THRESHOLDS) -> list[LegendItem]:
    """The legend buckets: "none" (hatched) first, then one per threshold."""
    _check_thresholds(thresholds)
    items = [LegendItem(css_class="b0", fill=ZERO_FILL, low=0, high=0, hatched=True)]
    palette = _palette(len(thresholds))
    for i, low in enumerate(thresholds):
        high = thresholds[i + 1] - 1 if i + 1 < len(thresholds) else None
        items.append(LegendItem(css_class=f"b{i + 1}", fill=palette[i], low=low, high=high, hatched=False))
    return items


def _check_thresholds(thresholds: Sequence[int]) -> None:
    if not thresholds or thresholds[0] < 1 or list(thresholds) != sorted(set(thresholds)):
        raise ValueError("thresholds must be increasing integers starting at 1 or more")
    if len(thresholds) > len(PALETTE):
        raise ValueError(f"at most {len(PALETTE)} thresholds")


def _palette(n: int) -> tuple[str, ...]:
    if n >= len(PALETTE):
        return PALETTE
    # Spread the chosen colours over the palette so that few buckets stay well apart.
    step = (len(PALETTE) - 1) / max(n - 1, 1)
    return tuple(PALETTE[round(i * step)] for i in range(n)) if n > 1 else (PALETTE[3],)


def svg_head(pid: str, frame: _Frame, *, title: str, description: str, style_rules: Sequence[str]) -> list[str]:
    """The opening of a choropleth `<svg>`: its title, description, hatch pattern and style (`pid` already escaped)."""
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="map {pid}" '
        f'viewBox="0 0 {frame.width} {frame.height + MARGIN}" '
        f'role="img" aria-labelledby="{pid}-title{f" {pid}-desc" if description else ""}">',
        f'<title id="{pid}-title">{escape(title)}</title>',
    ]
    if description:
        out.append(f'<desc id="{pid}-desc">{escape(description)}</desc>')
    out.append(
        f'<defs><pattern id="{pid}-hatch" width="6" height="6" patternUnits="userSpaceOnUse" '
        f'patternTransform="rotate(45)"><rect width="6" height="6" fill="{ZERO_FILL}"/>'
        f'<line x1="0" y1="0" x2="0" y2="6" stroke="{HATCH_COLOUR}" stroke-width="1.5"/></pattern>'
        f"<style>{''.join(style_rules)}</style></defs>"
    )
    return out


def render_powiat_map(
    values: Mapping[str, int],
    *,
    title: str,
    description: str = "",
    voivodeship: str | None = None,
    thresholds: Sequence[int] = DEFAULT_THRESHOLDS,
    id_prefix: str = "map",
) -> SafeString:
    """SVG choropleth of powiats: the whole country, or zoomed to one voivodeship.

    ``values`` maps a 4-digit TERYT powiat code to a non-negative count (missing = 0).
    Each powiat is a ``<path>`` with class ``powiat b<bucket>`` and ``data-code``, and a
    ``<title>`` "name: count" for hover and screen readers; powiats with 0 are hatched
    (class ``b0``). Voivodeship borders are drawn on top. ``title`` and ``description``
    (already translated) label the ``<svg role="img">``.
    """
    _check_thresholds(thresholds)
    if voivodeship is not None and (len(voivodeship) != 2 or not voivodeship.isdigit()):
        raise ValueError("voivodeship must be a 2-digit TERYT code")
    frame, powiat_paths, border_path = _geometry(voivodeship)
    legend = map_legend(thresholds)
    pid = escape(id_prefix)
    style_rules = [
        f".{pid} .powiat{{stroke:#fff;stroke-width:.6;stroke-linejoin:round}}",
        f".{pid} .border{{fill:none;stroke:#333;stroke-width:1.4;stroke-linejoin:round;pointer-events:none}}",
        f".{pid} .b0{{fill:url(#{pid}-hatch)}}",
        *(f".{pid} .{item.css_class}{{fill:{item.fill}}}" for item in legend[1:]),
        f".{pid} .powiat:hover{{stroke:#000;stroke-width:1.2}}",
    ]
    out = svg_head(pid, frame, title=title, description=description, style_rules=style_rules)
    out.append('<g class="powiats">')
    for code, name, d in powiat_paths:
        value = int(values.get(code, 0) or 0)
        bucket = bucket_index(value, thresholds)
        out.append(
            f'<path class="powiat b{bucket}" data-code="{code}" d="{d}"><title>{escape(name)}: {value}</title></path>'
        )
    out.append("</g>")
    out.append(f'<path class="border" d="{border_path}"/>')
    out.append("</svg>")
    return mark_safe("".join(out))  # every interpolated text is escaped above
