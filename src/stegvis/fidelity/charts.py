"""The comparison chart of fidelity reviews, drawn on the server as SVG.

One row per item, the rating scale across: the earlier review a hollow square, the latest a filled
circle, joined by a line, so rises and falls show by position and shape, not colour alone (the
rows also say "rose" / "fell" in words in the table beside the chart). One `<svg role="img">` with a
title and a description; presentation attributes only (the Content-Security-Policy allows no
inline style); colours of 4.5:1 or more on white; every text escaped.
"""

from __future__ import annotations

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from stegvis.fidelity.selectors import Comparison

INK = "#1b1f24"
MUTED = "#4a5360"
GRID = "#c9d0d8"
EARLIER = "#7a3d00"
LATEST = "#0b5a4a"
FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif'
WIDTH = 640
LABEL = 300
ROW = 22
TOP = 34
RIGHT = 24


def _text(x: float, y: float, text: str, *, anchor: str = "start", size: int = 12,
          fill: str = INK) -> str:  # fmt: skip
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" font-size="{size}" '
        f'font-family="{escape(FONT)}" fill="{fill}">{escape(text)}</text>'
    )


def comparison_chart(comparison: Comparison) -> SafeString:
    """Item by item: the review before the latest (if any) and the latest."""
    scale = comparison.scale
    reviews = comparison.reviews
    latest = reviews[-1]
    earlier = reviews[-2] if len(reviews) > 1 else None
    steps = scale.max_rating - scale.min_rating
    plot = WIDTH - LABEL - RIGHT
    height = TOP + ROW * len(comparison.rows) + 16

    def x_of(score: int) -> float:
        return LABEL + plot * (score - scale.min_rating) / steps

    parts: list[str] = []
    for score in range(scale.min_rating, scale.max_rating + 1):
        x = x_of(score)
        parts.append(f'<line x1="{x:.1f}" y1="{TOP - 6}" x2="{x:.1f}" y2="{height - 12}" '
                     f'stroke="{GRID}" stroke-width="1"/>')  # fmt: skip
        parts.append(_text(x, TOP - 12, str(score), anchor="middle", fill=MUTED))
    for index, row in enumerate(comparison.rows):
        y = TOP + ROW * index + ROW / 2
        name = f"{row.item.code}. {row.item.name}"
        if len(name) > 44:
            name = name[:43] + "…"
        parts.append(_text(4, y + 4, name))
        old = row.scores[-2] if earlier is not None else None
        new = row.scores[-1]
        if old is not None and new is not None and old != new:
            parts.append(f'<line x1="{x_of(old):.1f}" y1="{y:.1f}" x2="{x_of(new):.1f}" '
                         f'y2="{y:.1f}" stroke="{MUTED}" stroke-width="2"/>')  # fmt: skip
        if old is not None:
            parts.append(f'<rect x="{x_of(old) - 5:.1f}" y="{y - 5:.1f}" width="10" height="10" '
                         f'fill="#ffffff" stroke="{EARLIER}" stroke-width="2" '
                         f'data-item="{escape(row.item.code)}" data-earlier="{old}"/>')  # fmt: skip
        if new is not None:
            parts.append(f'<circle cx="{x_of(new):.1f}" cy="{y:.1f}" r="5" fill="{LATEST}" '
                         f'data-item="{escape(row.item.code)}" data-latest="{new}"/>')  # fmt: skip
    title = gettext("Ratings item by item")
    if earlier is not None:
        description = gettext(
            "Each item's rating in the review of %(earlier)s (square) and of %(latest)s "
            "(circle). Rose: %(rose)s items. Fell: %(fell)s items. The table below has the "
            "figures."
        ) % {"earlier": earlier.review_date.isoformat(), "latest": latest.review_date.isoformat(),
             "rose": len(comparison.rose), "fell": len(comparison.fell)}  # fmt: skip
    else:
        description = gettext(
            "Each item's rating in the review of %(latest)s (circle). The table below has the "
            "figures."
        ) % {"latest": latest.review_date.isoformat()}
    svg = (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" role="img" '
        f'class="fidelity-chart" aria-labelledby="fidelity-chart-title" '
        f'aria-describedby="fidelity-chart-desc">'
        f'<title id="fidelity-chart-title">{escape(title)}</title>'
        f'<desc id="fidelity-chart-desc">{escape(description)}</desc>' + "".join(parts) + "</svg>"
    )
    return mark_safe(svg)  # noqa: S308 -- every text above is escaped
