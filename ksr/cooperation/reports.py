"""Presentation of the forum's numbers and the assessment scores: small-count masking, means, SVG.

The case managers' report holds aggregate numbers only; a count under ``SMALL_COUNT`` (5) is
shown as "<5" to anyone outside the LSR's KIS so that no participant can be singled out.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Avg, Count
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from ksr.cooperation.choices import Condition, period_label
from ksr.cooperation.models import SMALL_COUNT, Meeting


def masked(value: int | None, *, exact: bool) -> str:
    """The count as shown: "" when not given, "<5" under five outside the KIS."""
    if value is None:
        return ""
    if not exact and value < SMALL_COUNT:
        return f"<{SMALL_COUNT}"
    return str(value)


def report_rows(meeting: Meeting, *, exact: bool) -> list[tuple[str, str]]:
    return [
        (str(getattr(Meeting._meta.get_field(name), "verbose_name", name)), masked(getattr(meeting, name), exact=exact))
        for name in Meeting.REPORT_FIELDS
    ]


@dataclass(frozen=True)
class PeriodScores:
    period: str
    cards: int
    means: list[float | None]  # per condition, in Condition order
    overall: float | None


def assessment_summary(cards: Any) -> list[PeriodScores]:
    """Mean score per condition and period (oldest first), from a queryset of cards."""
    fields = [f"score_{c.value}" for c in Condition]
    rows = (
        cards.order_by()
        .values("year", "half")
        .annotate(cards=Count("id"), **{f"mean_{f}": Avg(f) for f in fields})
        .order_by("year", "half")
    )
    out = []
    for row in rows:
        means = [round(row[f"mean_{f}"], 2) if row[f"mean_{f}"] is not None else None for f in fields]
        present = [m for m in means if m is not None]
        overall = round(sum(present) / len(present), 2) if present else None
        out.append(PeriodScores(period_label(row["year"], row["half"]), row["cards"], means, overall))
    return out


def trend_svg(summary: list[PeriodScores], *, width: int = 640, height: int = 260) -> SafeString:
    """A line chart of the mean score (1–5) per period, with each value written at its point."""
    if not summary:
        return SafeString("")
    left, right, top, bottom = 48, 16, 24, 40
    plot_w, plot_h = width - left - right, height - top - bottom
    inset = 48  # keep the first and last points (and their labels) clear of the edges
    step = (plot_w - 2 * inset) / max(len(summary) - 1, 1)

    def y(value: float) -> float:
        return top + plot_h - (value - 1) / 4 * plot_h

    grid = format_html_join(
        "",
        '<line x1="{}" y1="{}" x2="{}" y2="{}" class="chart-grid" stroke="#bbb" stroke-dasharray="2 3"/>'
        '<text x="{}" y="{}" text-anchor="end" font-size="12">{}</text>',
        ((left, f"{y(v):.1f}", left + plot_w, f"{y(v):.1f}", left - 6, f"{y(v) + 4:.1f}", v) for v in range(1, 6)),
    )
    points = [
        (left + inset + i * step if len(summary) > 1 else left + plot_w / 2, y(p.overall), p)
        for i, p in enumerate(summary)
        if p.overall is not None
    ]
    path = " ".join(f"{x:.1f},{yy:.1f}" for x, yy, _p in points)
    marks = format_html_join(
        "",
        '<circle cx="{}" cy="{}" r="5" fill="#1a4d8f"/>'
        '<text x="{}" y="{}" text-anchor="middle" font-size="12" font-weight="bold"'
        ' paint-order="stroke" stroke="#fff" stroke-width="3">{}</text>'
        '<text x="{}" y="{}" text-anchor="middle" font-size="12">{}</text>',
        (
            (
                f"{x:.1f}",
                f"{yy:.1f}",
                f"{x:.1f}",
                f"{yy - 10:.1f}",
                f"{p.overall:.2f}".replace(".", ","),
                f"{x:.1f}",
                height - bottom + 20,
                p.period,
            )
            for x, yy, p in points
        ),
    )
    title = _("Mean score of the eight conditions per half-year (scale 1–5)")
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {} {}" width="100%" style="max-width:40rem" role="img" '
        'aria-labelledby="trend-title" class="chart"><title id="trend-title">{}</title>{}'
        '<polyline points="{}" fill="none" stroke="#1a4d8f" stroke-width="2"/>{}</svg>',
        width,
        height,
        title,
        grid,
        path,
        marks,
    )
