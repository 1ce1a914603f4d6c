"""A voivodeship choropleth (SVG), reusing the geometry helpers of ``ksr.territory.maps``.

Same conventions as ``render_powiat_map``: regions with 0 are hatched (class ``b0``), each region
has a ``<title>`` "name: value", the caller shows the legend and a table next to it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from ksr.territory.maps import (
    HATCH_COLOUR,
    MARGIN,
    ZERO_FILL,
    _feature_path,
    _frame,
    bucket_index,
    map_legend,
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
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="map {pid}" viewBox="0 0 {frame.width} '
        f'{frame.height + MARGIN}" role="img" aria-labelledby="{pid}-title{f" {pid}-desc" if description else ""}">',
        f'<title id="{pid}-title">{escape(title)}</title>',
    ]
    if description:
        out.append(f'<desc id="{pid}-desc">{escape(description)}</desc>')
    out.append(
        f'<defs><pattern id="{pid}-hatch" width="6" height="6" patternUnits="userSpaceOnUse" '
        f'patternTransform="rotate(45)"><rect width="6" height="6" fill="{ZERO_FILL}"/>'
        f'<line x1="0" y1="0" x2="0" y2="6" stroke="{HATCH_COLOUR}" stroke-width="1.5"/></pattern>'
        f"<style>{''.join(rules)}</style></defs>"
    )
    for feature in features:
        value = int(values.get(feature.code, 0) or 0)
        bucket = bucket_index(value, thresholds)
        out.append(
            f'<path class="region b{bucket}" data-code="{feature.code}" d="{_feature_path(feature, frame)}">'
            f"<title>{escape(feature.name)}: {value}</title></path>"
        )
    out.append("</svg>")
    return mark_safe("".join(out))  # every interpolated text is escaped above
