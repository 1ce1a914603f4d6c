"""A voivodeship choropleth (SVG), reusing the geometry helpers of ``ksr.territory.maps``.

Same conventions as ``render_powiat_map``: regions with 0 are hatched (class ``b0``), each region
has a ``<title>`` "name: value", the caller shows the legend and a table next to it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from ksr.territory.maps import (
    _feature_path,
    _frame,
    bucket_index,
    map_legend,
    svg_head,
    voivodeship_features,
)


def render_voivodeship_map(
    values: Mapping[str, int], *, title: str, description: str = "", thresholds: Sequence[int], id_prefix: str
) -> SafeString:
    features = voivodeship_features()
    frame = _frame(features)
    legend = map_legend(thresholds)
    pid = escape(id_prefix)
    rules = [
        f".{pid} .region{{stroke:#fff;stroke-width:1;stroke-linejoin:round}}",
        f".{pid} .b0{{fill:url(#{pid}-hatch)}}",
        *(f".{pid} .{item.css_class}{{fill:{item.fill}}}" for item in legend[1:]),
        f".{pid} .region:hover{{stroke:#000;stroke-width:1.6}}",
    ]
    out = svg_head(pid, frame, title=title, description=description, style_rules=rules)
    for feature in features:
        value = int(values.get(feature.code, 0) or 0)
        bucket = bucket_index(value, thresholds)
        out.append(
            f'<path class="region b{bucket}" data-code="{feature.code}" d="{_feature_path(feature, frame)}">'
            f"<title>{escape(feature.name)}: {value}</title></path>"
        )
    out.append("</svg>")
    return mark_safe("".join(out))  # every interpolated text is escaped above
