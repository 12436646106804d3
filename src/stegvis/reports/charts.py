"""Bar charts of the report pages, drawn on the server as SVG (assessments/charts.py explains the
approach: one `<svg role="img">` with a title and a description, presentation attributes only, as
the Content-Security-Policy allows no inline style, colours of 4.5:1 or more on white).

The charts take their figures as the page shows them: a count hidden as "<5" or "x"
(suppression.py) is drawn as no bar at all, with its mark written where the bar would start, so
that the length of a bar never tells more than the table beside it. The scale is set by the
figures shown only, for the same reason. Series differ in fill pattern as well as colour (solid,
hatched, dotted) and every bar carries its figure as text, so no meaning rests on colour alone.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from stegvis.assessments import charts as svg

WIDTH = 560
LABEL_WIDTH = 235
BAR = 14  # the height of one bar
GAP = 10  # between groups of bars
TOP, BOTTOM = 8, 30


@dataclass(frozen=True)
class BarSeries:
    key: str  # used in CSS classes and data attributes
    label: str  # in the legend and the description
    colour: str
    pattern: str  # "solid", "hatch" or "dots"
    short: str = ""  # written before each bar's figure when there are several series

    @property
    def prefix(self) -> str:
        return str(self.short or self.label)


@dataclass(frozen=True)
class BarGroup:
    """One label on the chart with one value per series: a number, or a mark ("<5", "x", "")
    for a figure not shown."""

    label: str
    values: Sequence[int | float | str]


def gender_series() -> tuple[BarSeries, ...]:
    return (
        BarSeries("K", gettext("Chart: women (K)"), svg.BRAND, "solid", "K"),
        BarSeries("M", gettext("Chart: men (M)"), svg.BROWN, "hatch", "M"),
        BarSeries("X", gettext("Chart: non-binary or other (X)"), "#1f4e9c", "dots", "X"),
    )


def _defs(chart_id: str, series: Sequence[BarSeries]) -> str:
    patterns = []
    for s in series:
        pid = svg.escape(f"{chart_id}-{s.key}")
        if s.pattern == "hatch":
            patterns.append(
                f'<pattern id="{pid}" patternUnits="userSpaceOnUse" width="6" height="6" '
                f'patternTransform="rotate(45)"><rect width="6" height="6" fill="#ffffff"/>'
                f'<line x1="0" y1="0" x2="0" y2="6" stroke="{s.colour}" stroke-width="3"/>'
                "</pattern>"
            )
        elif s.pattern == "dots":
            patterns.append(
                f'<pattern id="{pid}" patternUnits="userSpaceOnUse" width="5" height="5">'
                f'<rect width="5" height="5" fill="#ffffff"/>'
                f'<circle cx="2.5" cy="2.5" r="1.6" fill="{s.colour}"/></pattern>'
            )
    return f"<defs>{''.join(patterns)}</defs>" if patterns else ""


def _fill(chart_id: str, series: BarSeries) -> str:
    return series.colour if series.pattern == "solid" else f"url(#{chart_id}-{series.key})"


def _shown(value: int | float | str) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _text_of(value: int | float | str, percent: bool) -> str:
    if not _shown(value):
        return str(value) or "–"
    if percent:
        return f"{round(float(value) * 100)} %"
    return str(value)


def bar_chart(
    *,
    chart_id: str,
    title: str,
    description: str,
    groups: Sequence[BarGroup],
    series: Sequence[BarSeries],
    percent: bool = False,
    marks: Sequence[tuple[float, str]] = (),
) -> SafeString:
    """Horizontal bars, a group of one bar per series for each label. `percent` reads the values
    as shares (0–1) on a scale to 100 %; `marks` are vertical reference lines (value, words),
    e.g. the IPS benchmarks."""
    values = [v for g in groups for v in g.values if _shown(v)]
    if percent:
        limit = 1.0
    else:
        step = svg.nice_step(max(values, default=0) or 1, max_ticks=5)
        limit = step * max(1, -(-max(values, default=0) // step))
    # Room on the right for the figure after the longest bar ("Vid avslut 128").
    left, right = LABEL_WIDTH, WIDTH - (96 if len(series) > 1 else 48)
    group_height = BAR * len(series) + GAP
    height = TOP + group_height * len(groups) + BOTTOM

    def x(value: float) -> float:
        return left + (right - left) * min(float(value), limit) / limit

    parts = [_defs(chart_id, series)]
    step = 0.25 if percent else svg.nice_step(limit, max_ticks=5)
    bottom = height - BOTTOM
    for tick in svg._ticks(0, limit, step):
        parts.append(svg._line(x(tick), TOP, x(tick), bottom, stroke=svg.GRID_LIGHT))
        words = f"{round(tick * 100)} %" if percent else svg._plain_number(tick)
        parts.append(svg._text(x(tick), bottom + 16, words, anchor="middle", size=11,
                               fill=svg.MUTED, cls="tick"))  # fmt: skip
    for number, (value, words) in enumerate(marks):
        # Alternate heights, so that the words of marks close together do not overlap.
        parts.append(svg._line(x(value), TOP, x(value), bottom, stroke=svg.INK, dash="4 3",
                               cls="mark"))  # fmt: skip
        parts.append(svg._text(x(value), bottom + 28 + 11 * (number % 2), words, anchor="middle",
                               size=10, fill=svg.INK, cls="mark-label"))  # fmt: skip
    for number, group in enumerate(groups):
        y0 = TOP + number * group_height
        lines = svg.wrap(group.label, 30)[:3]
        middle = y0 + BAR * len(series) / 2
        for i, line in enumerate(lines):
            offset = (i - (len(lines) - 1) / 2) * 13
            parts.append(svg._text(left - 8, middle + offset + 4, line, anchor="end", size=11))
        for i, (s, value) in enumerate(zip(series, group.values, strict=True)):
            y = y0 + i * BAR
            if _shown(value) and float(value) > 0:
                parts.append(
                    svg._tag(
                        "rect",
                        x=svg._n(left),
                        y=svg._n(y + 1),
                        width=svg._n(x(value) - left),
                        height=BAR - 2,
                        fill=_fill(chart_id, s),
                        stroke=s.colour,
                        stroke_width="1",
                        class_=f"bar bar--{s.key}",
                        data_series=s.key,
                        data_value=value,
                    )  # fmt: skip
                )
                end = x(value)
            else:
                end = left
            text = _text_of(value, percent)
            if len(series) > 1:
                text = f"{s.prefix} {text}"
            parts.append(
                svg._text(end + 4, y + BAR - 3, text, size=11,
                          cls="bar-value" if _shown(value) else "bar-value hidden-value")
            )  # fmt: skip
    parts.append(svg._line(left, TOP, left, bottom))
    extra = 26 if marks else 0
    return svg._svg(
        chart_id, WIDTH, height + extra, title, description, "".join(parts), "chart--bars"
    )


def describe(groups: Sequence[BarGroup], series: Sequence[BarSeries], *, percent: bool) -> str:
    """The figures in words, for the chart's description (the same as the table beside it)."""
    return "; ".join(
        f"{g.label}: "
        + ", ".join(
            (f"{s.prefix} " if len(series) > 1 else "") + _text_of(v, percent)
            for s, v in zip(series, g.values, strict=True)
        )
        for g in groups
    )


def legend(series: Sequence[BarSeries], *, chart_id: str) -> SafeString:
    """The series under a chart: a bar sample of each and its words."""
    entries = []
    for s in series:
        sample_id = f"{chart_id}-legend"
        body = _defs(sample_id, [s]) + svg._tag(
            "rect", x=4, y=3, width=28, height=12, fill=_fill(sample_id, s), stroke=s.colour,
            stroke_width="1",
        )  # fmt: skip
        entries.append(
            '<li><svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 36 18" width="36" '
            f'height="18" aria-hidden="true" focusable="false" class="legend-sample">{body}</svg> '
            f"<span>{svg.escape(s.label)}</span></li>"
        )
    return mark_safe(f'<ul class="chart-legend">{"".join(entries)}</ul>')  # noqa: S308
