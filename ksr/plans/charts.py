"""Small SVG charts rendered in Python (no JavaScript): a measure's scores over time."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

WIDTH, HEIGHT, PAD = 180, 48, 6
LOW, HIGH = 1, 5


def sparkline(points: Sequence[tuple[date, int | None]], label: str) -> SafeString:
    """A line of ``points`` (date, score 1–5) with a text alternative listing every value."""
    known = [(d, s) for d, s in points if s is not None]
    if not known:
        return SafeString("")
    n = len(known)
    step = (WIDTH - 2 * PAD) / max(n - 1, 1)

    def xy(i: int, score: int) -> tuple[float, float]:
        y = HEIGHT - PAD - (score - LOW) * (HEIGHT - 2 * PAD) / (HIGH - LOW)
        return round(PAD + i * step, 1), round(y, 1)

    coords = [xy(i, s) for i, (_d, s) in enumerate(known)]
    description = _("%(label)s: %(values)s") % {
        "label": label,
        "values": ", ".join(f"{d.isoformat()} — {s}" for d, s in known),
    }
    path = " ".join(f"{x},{y}" for x, y in coords)
    dots = format_html_join(
        "",
        '<circle cx="{}" cy="{}" r="3"><title>{} — {}</title></circle>',
        ((x, y, d.isoformat(), s) for (x, y), (d, s) in zip(coords, known, strict=True)),
    )
    return format_html(
        '<svg class="sparkline" role="img" aria-label="{}" width="{}" height="{}" viewBox="0 0 {} {}" '
        'xmlns="http://www.w3.org/2000/svg">'
        '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="currentColor" stroke-opacity="0.3"/>'
        '<polyline points="{}" fill="none" stroke="currentColor" stroke-width="2"/>'
        '<g fill="currentColor">{}</g></svg>',
        description,
        WIDTH,
        HEIGHT,
        WIDTH,
        HEIGHT,
        PAD,
        HEIGHT - PAD,
        WIDTH - PAD,
        HEIGHT - PAD,
        path,
        dots,
    )
