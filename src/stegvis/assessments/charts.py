"""Charts as SVG, drawn on the server: pure functions from plain data (labels, a scale, numbers) to
markup. No database, no request; the callers (pictures.py) bring the words and the figures.

What every chart here does, and why:
- It is one `<svg role="img">` named by its `<title>` and described by its `<desc>`
  (aria-labelledby / aria-describedby), so a screen reader announces one image with a summary
  of the figures. The same figures stand in a table beside each chart (the templates).
- It has no `style` attribute and no `<style>` element: the Content-Security-Policy
  (settings.SECURE_CSP, style-src 'self') forbids inline styles. Colours, lines and text sizes
  are SVG presentation attributes; the page's CSS file (assessments/charts.css) only sizes the
  chart in its box.
- Series differ in more than colour: line pattern (solid or dashed), marker shape (filled
  circle or hollow square) and bar fill (solid or hatched), named in a legend
  (legend_html).
- Colours have at least 4.5:1 against white (WCAG 2.1 AA, text and graphics alike); grid lines
  are lighter, as they carry no figure of their own.
- The viewBox lets the chart shrink to a small phone's width; text sizes are chosen for that.
- Every text is escaped. Data points carry `data-*` attributes with the value they stand for,
  so tests can check that a point sits where its value says.
"""

from __future__ import annotations

import datetime
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

INK = "#1b1f24"  # text and axes, 16:1 on white
MUTED = "#4a5360"  # 7.6:1 on white
GRID = "#c9d0d8"  # grid lines only
GRID_LIGHT = "#e3e7ec"
BRAND = "#0b5a4a"  # 7.6:1 on white
BROWN = "#7a3d00"  # 8.4:1 on white
FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif'


@dataclass(frozen=True)
class SeriesStyle:
    """How one series looks: its colour, its line pattern and its marker."""

    key: str
    stroke: str
    dash: str | None  # SVG stroke-dasharray, None for a solid line
    marker: str  # "circle" (filled) or "square" (hollow)


# Start and latest (radar, distribution); self and coach (lines over time).
STYLES = {
    "latest": SeriesStyle("latest", BRAND, None, "circle"),
    "first": SeriesStyle("first", MUTED, "6 4", "square"),
    "self": SeriesStyle("self", BRAND, None, "circle"),
    "coach": SeriesStyle("coach", BROWN, "6 4", "square"),
    "mean": SeriesStyle("mean", BRAND, None, "circle"),
}


@dataclass(frozen=True)
class Series:
    """Values in the order of the chart's labels (radar); None where there is no value."""

    label: str
    values: Sequence[float | None]
    style: str


@dataclass(frozen=True)
class TimeSeries:
    """Dated values (a line over time)."""

    label: str
    points: Sequence[tuple[datetime.date, float]]
    style: str


@dataclass(frozen=True)
class CountGroup:
    """Counts per scale value of one group (e.g. at start); None for a count not shown."""

    label: str
    counts: dict[int, int | None]
    total: int
    style: str


@dataclass(frozen=True)
class IntervalRow:
    """One row of an interval chart: a mean and its confidence interval (None where unknown).

    `note` replaces the point when the row has no mean to show (e.g. too few participants).
    """

    label: str
    mean: float | None
    low: float | None
    high: float | None
    note: str = ""


# --- Small helpers --------------------------------------------------------------------------------


def _n(x: float) -> str:
    """A coordinate, rounded to a tenth, without trailing zeros."""
    text = f"{x:.1f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def _attrs(**attributes: object) -> str:
    parts = []
    for name, value in attributes.items():
        if value is None:
            continue
        parts.append(f'{name.rstrip("_").replace("_", "-")}="{escape(str(value))}"')
    return " ".join(parts)


def _tag(name: str, content: str = "", **attributes: object) -> str:
    attrs = _attrs(**attributes)
    opening = f"<{name} {attrs}" if attrs else f"<{name}"
    return f"{opening}>{content}</{name}>" if content else f"{opening}/>"


def _text(x: float, y: float, text: str, *, anchor: str = "start", size: int = 13,
          fill: str = INK, cls: str | None = None, halo: bool = False) -> str:  # fmt: skip
    """Text; with `halo`, a white outline keeps it readable over lines."""
    return _tag(
        "text", escape(text), x=_n(x), y=_n(y), text_anchor=anchor, font_size=size, fill=fill,
        class_=cls, stroke="#ffffff" if halo else None, stroke_width=3 if halo else None,
        paint_order="stroke" if halo else None,
    )  # fmt: skip


def _line(x1: float, y1: float, x2: float, y2: float, *, stroke: str = INK, width: float = 1,
          dash: str | None = None, cls: str | None = None) -> str:  # fmt: skip
    return _tag(
        "line", x1=_n(x1), y1=_n(y1), x2=_n(x2), y2=_n(y2), stroke=stroke, stroke_width=_n(width),
        stroke_dasharray=dash, class_=cls,
    )  # fmt: skip


def _marker(x: float, y: float, style: SeriesStyle, **data: object) -> str:
    extra = {f"data_{name}": value for name, value in data.items()}
    if style.marker == "square":
        return _tag(
            "rect", x=_n(x - 4.5), y=_n(y - 4.5), width=9, height=9, fill="#ffffff",
            stroke=style.stroke, stroke_width=2, class_=f"point point--{style.key}", **extra,
        )  # fmt: skip
    return _tag(
        "circle", cx=_n(x), cy=_n(y), r=5, fill=style.stroke, stroke="#ffffff", stroke_width=1,
        class_=f"point point--{style.key}", **extra,
    )  # fmt: skip


def wrap(label: str, width: int = 14) -> list[str]:
    """A label in lines of about `width` characters, broken between words (and after a slash)."""
    words = label.replace("/", "/ ").split()
    lines: list[str] = []
    for word in words:
        joiner = "" if lines and lines[-1].endswith("/") else " "
        if lines and len(lines[-1]) + len(joiner) + len(word) <= width:
            lines[-1] = f"{lines[-1]}{joiner}{word}"
        else:
            lines.append(word)
    return lines or [""]


def _svg(chart_id: str, width: int, height: int, title: str, description: str, body: str,
         cls: str) -> SafeString:  # fmt: skip
    head = _tag(
        "svg", "", xmlns="http://www.w3.org/2000/svg", viewBox=f"0 0 {width} {height}",
        role="img", aria_labelledby=f"{chart_id}-title", aria_describedby=f"{chart_id}-desc",
        class_=f"chart {cls}", id=chart_id, font_family=FONT, focusable="false",
    )[:-2]  # fmt: skip
    return mark_safe(  # noqa: S308  (every text and attribute above is escaped)
        f"{head}>"
        f'<title id="{escape(chart_id)}-title">{escape(title)}</title>'
        f'<desc id="{escape(chart_id)}-desc">{escape(description)}</desc>'
        f"{body}</svg>"
    )


def nice_step(limit: float, *, max_ticks: int = 4) -> float:
    """A round step (0.5, 1, 2, 5, 10, …) that divides 0..limit into at most max_ticks parts."""
    limit = max(limit, 1e-9)
    for step in (0.5, 1, 2, 5, 10, 20, 50, 100, 200, 500):
        if limit / step <= max_ticks:
            return step
    return 10 ** math.ceil(math.log10(limit))


def _ticks(low: float, high: float, step: float) -> list[float]:
    first = math.ceil(low / step - 1e-9)
    last = math.floor(high / step + 1e-9)
    return [round(i * step, 6) for i in range(first, last + 1)]


def _plain_number(x: float) -> str:
    """A tick label: whole numbers without decimals, others with one, a minus sign for negatives."""
    text = str(int(round(x))) if abs(x - round(x)) < 1e-9 else f"{x:.1f}".replace(".", ",")
    return text.replace("-", "−")


# --- Legend (HTML, under the charts) ---------------------------------------------------------------


def legend_sample(style_key: str) -> SafeString:
    """A small line-and-marker (or bar) sample of a series, for a legend; hidden from screen
    readers, which hear the legend's words."""
    style = STYLES[style_key]
    body = _line(2, 9, 34, 9, stroke=style.stroke, width=2.5, dash=style.dash) + _marker(
        18, 9, style
    )
    return mark_safe(  # noqa: S308  (built from constants)
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 36 18" width="36" height="18" '
        f'aria-hidden="true" focusable="false" class="legend-sample">{body}</svg>'
    )


def bar_sample(style_key: str, pattern_id: str = "legend-hatch") -> SafeString:
    """A bar sample for a distribution chart's legend."""
    body = _bar_defs(pattern_id) + _bar(4, 2, 28, 14, style_key, pattern_id)
    return mark_safe(  # noqa: S308  (built from constants)
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 36 18" width="36" height="18" '
        f'aria-hidden="true" focusable="false" class="legend-sample">{body}</svg>'
    )


def legend_html(items: Sequence[tuple[str, str]], *, bars: bool = False) -> SafeString:
    """A legend as a list: (style key, words) per series, each with its sample."""
    entries = []
    for number, (style_key, words) in enumerate(items):
        sample = (
            bar_sample(style_key, f"legend-hatch-{number}") if bars else legend_sample(style_key)
        )
        entries.append(f"<li>{sample} <span>{escape(words)}</span></li>")
    return mark_safe(f'<ul class="chart-legend">{"".join(entries)}</ul>')  # noqa: S308


# --- Radar (spider) chart --------------------------------------------------------------------------

RADAR_WIDTH = 500
RADAR_RADIUS = 110


def radar_point(index: int, count: int, value: float, scale_min: float, scale_max: float,
                *, cx: float, cy: float, radius: float) -> tuple[float, float]:  # fmt: skip
    """Where `value` on spoke `index` of `count` lies: the scale's lowest value at the centre, its
    highest on the outer ring; the first spoke points up, the others follow clockwise."""
    angle = -math.pi / 2 + 2 * math.pi * index / count
    r = radius * (value - scale_min) / (scale_max - scale_min)
    return cx + r * math.cos(angle), cy + r * math.sin(angle)


def radar_chart(*, chart_id: str, title: str, description: str, labels: Sequence[str],
                scale_min: int, scale_max: int, series: Sequence[Series]) -> SafeString:  # fmt: skip
    """One spoke per label, a ring per scale step, one closed line per series (a series with a
    missing value shows its points only)."""
    count = len(labels)
    radius = RADAR_RADIUS
    wrapped = [wrap(label) for label in labels]
    top_lines = len(wrapped[0]) if wrapped else 1
    cx = RADAR_WIDTH / 2
    cy = radius + 24 + 17 * top_lines
    height = int(cy + radius + 24 + 17 * max((len(w) for w in wrapped), default=1))
    parts: list[str] = []

    # The rings: every step lightly, the labelled steps darker, with their numbers on the top spoke.
    step = nice_step(scale_max - scale_min, max_ticks=5)
    labelled = {
        v for v in _ticks(scale_min, scale_max, step)
        if min(v - scale_min, scale_max - v) >= step * 0.75
    } | {scale_max}  # fmt: skip
    for value in range(scale_min + 1, scale_max + 1):
        ring = [radar_point(i, count, value, scale_min, scale_max, cx=cx, cy=cy, radius=radius)
                for i in range(count)]  # fmt: skip
        points = " ".join(f"{_n(x)},{_n(y)}" for x, y in ring)
        color = GRID if value in labelled else GRID_LIGHT
        parts.append(_tag("polygon", points=points, fill="none", stroke=color, stroke_width=1))
    for i in range(count):
        x, y = radar_point(i, count, scale_max, scale_min, scale_max, cx=cx, cy=cy, radius=radius)
        parts.append(_line(cx, cy, x, y, stroke=GRID))
    for value in sorted(labelled):
        _x, y = radar_point(
            0, max(count, 1), value, scale_min, scale_max, cx=cx, cy=cy, radius=radius
        )
        parts.append(
            _text(cx + 5, y + 12, _plain_number(value), size=11, fill=MUTED, cls="tick", halo=True)
        )

    # The domains' names outside the outer ring.
    for i, lines in enumerate(wrapped):
        angle = -math.pi / 2 + 2 * math.pi * i / count
        x = cx + (radius + 12) * math.cos(angle)
        y = cy + (radius + 12) * math.sin(angle)
        cos = math.cos(angle)
        anchor = "middle" if abs(cos) < 0.2 else ("start" if cos > 0 else "end")
        sin = math.sin(angle)
        if sin < -0.5:  # above the chart: the last line sits on the ring
            first_y = y - 17 * (len(lines) - 1)
        elif sin > 0.5:  # below: the first line hangs from it
            first_y = y + 13
        else:
            first_y = y + 4 - 8.5 * (len(lines) - 1)
        for n, line in enumerate(lines):
            parts.append(_text(x, first_y + 17 * n, line, anchor=anchor, size=14, cls="label"))

    # The series, the first given drawn first (underneath).
    for number, one in enumerate(series):
        style = STYLES[one.style]
        points = [
            None if v is None
            else radar_point(i, count, v, scale_min, scale_max, cx=cx, cy=cy, radius=radius)
            for i, v in enumerate(one.values)
        ]  # fmt: skip
        if points and all(p is not None for p in points):
            parts.append(
                _tag(
                    "polygon",
                    points=" ".join(f"{_n(x)},{_n(y)}" for x, y in points),  # type: ignore[misc]
                    fill="none",
                    stroke=style.stroke,
                    stroke_width="2.5",
                    stroke_dasharray=style.dash,
                    stroke_linejoin="round",
                    class_=f"series series--{style.key}",
                    data_series=number,
                )  # fmt: skip
            )
        for i, point in enumerate(points):
            if point is not None:
                parts.append(_marker(*point, style, series=number, index=i, value=one.values[i]))
    return _svg(chart_id, RADAR_WIDTH, height, title, description, "".join(parts), "chart--radar")


# --- A line over time (one domain) ---------------------------------------------------------------

LINE_WIDTH = 360
LINE_HEIGHT = 210
LINE_MARGIN = {"left": 36, "right": 16, "top": 14, "bottom": 44}


@dataclass(frozen=True)
class LineFrame:
    """Where a line chart maps dates and values: the shared frame of small multiples."""

    first: datetime.date
    last: datetime.date
    scale_min: int
    scale_max: int

    def x(self, day: datetime.date) -> float:
        left = LINE_MARGIN["left"] + 8
        right = LINE_WIDTH - LINE_MARGIN["right"] - 8
        span = (self.last - self.first).days
        if span <= 0:
            return (left + right) / 2
        return left + (right - left) * (day - self.first).days / span

    def y(self, value: float) -> float:
        top = LINE_MARGIN["top"]
        bottom = LINE_HEIGHT - LINE_MARGIN["bottom"]
        share = (value - self.scale_min) / (self.scale_max - self.scale_min)
        return bottom - (bottom - top) * share


def line_chart(*, chart_id: str, title: str, description: str, frame: LineFrame,
               series: Sequence[TimeSeries],
               date_label: Callable[[datetime.date], str] = datetime.date.isoformat) -> SafeString:  # fmt: skip
    """Values of one domain over time: dates across, the scale up; one line per series."""
    parts: list[str] = []
    left = LINE_MARGIN["left"]
    right = LINE_WIDTH - LINE_MARGIN["right"]
    bottom = LINE_HEIGHT - LINE_MARGIN["bottom"]
    step = nice_step(frame.scale_max - frame.scale_min, max_ticks=5)
    ticks = [frame.scale_min, frame.scale_max] + [
        t for t in _ticks(frame.scale_min, frame.scale_max, step)
        if min(t - frame.scale_min, frame.scale_max - t) >= step * 0.75
    ]  # fmt: skip
    for value in ticks:
        y = frame.y(value)
        parts.append(_line(left, y, right, y, stroke=GRID if value != frame.scale_min else INK))
        parts.append(
            _text(
                left - 6, y + 4, _plain_number(value), anchor="end", size=12, fill=MUTED, cls="tick"
            )
        )
    parts.append(_line(left, LINE_MARGIN["top"], left, bottom, stroke=INK))
    # Dates: the first and the last (one when they are the same day).
    days = sorted({frame.first, frame.last})
    for day in days:
        x = frame.x(day)
        anchor = "middle" if len(days) == 1 else ("start" if day == frame.first else "end")
        x_text = x if anchor == "middle" else (x - 8 if anchor == "start" else x + 8)
        parts.append(_line(x, bottom, x, bottom + 5, stroke=INK))
        parts.append(
            _text(x_text, bottom + 20, date_label(day), anchor=anchor, size=13, cls="tick")
        )
    for number, one in enumerate(series):
        style = STYLES[one.style]
        points = [(frame.x(day), frame.y(value), day, value) for day, value in one.points]
        if len(points) > 1:
            parts.append(
                _tag(
                    "polyline",
                    points=" ".join(f"{_n(x)},{_n(y)}" for x, y, _d, _v in points),
                    fill="none",
                    stroke=style.stroke,
                    stroke_width="2.5",
                    stroke_dasharray=style.dash,
                    stroke_linejoin="round",
                    class_=f"series series--{style.key}",
                    data_series=number,
                )  # fmt: skip
            )
        for x, y, day, value in points:
            parts.append(_marker(x, y, style, series=number, date=day.isoformat(), value=value))
    return _svg(
        chart_id, LINE_WIDTH, LINE_HEIGHT, title, description, "".join(parts), "chart--line"
    )


# --- Distribution of ratings (one domain, start and latest) --------------------------------------

DIST_WIDTH = 360
DIST_HEIGHT = 210
DIST_MARGIN = {"left": 44, "right": 10, "top": 14, "bottom": 40}


def _bar_defs(pattern_id: str) -> str:
    """The hatching of the 'first' bars: diagonal lines, so the two groups differ without colour."""
    return (
        f'<defs><pattern id="{escape(pattern_id)}" patternUnits="userSpaceOnUse" width="6" height="6" '
        f'patternTransform="rotate(45)"><rect width="6" height="6" fill="#ffffff"/>'
        f'<line x1="0" y1="0" x2="0" y2="6" stroke="{MUTED}" stroke-width="3"/></pattern></defs>'
    )


def _bar(x: float, y: float, width: float, height: float, style_key: str, pattern_id: str,
         **data: object) -> str:  # fmt: skip
    style = STYLES[style_key]
    fill = f"url(#{pattern_id})" if style.dash else style.stroke
    extra = {f"data_{name}": value for name, value in data.items()}
    return _tag(
        "rect", x=_n(x), y=_n(y), width=_n(width), height=_n(max(height, 0)), fill=fill,
        stroke=style.stroke, stroke_width="1.5", class_=f"bar bar--{style.key}", **extra,
    )  # fmt: skip


def distribution_chart(*, chart_id: str, title: str, description: str, scale_min: int,
                       scale_max: int, groups: Sequence[CountGroup], share_max: float = 1.0,
                       axis_words: str = "%") -> SafeString:  # fmt: skip
    """Columns side by side per scale value, one per group, as high as the group's share at that
    value (count / group total); `share_max` (0–1) tops the axis, shared by the domains' charts
    so they compare. A count that is None (not shown) draws no column."""
    parts: list[str] = [_bar_defs(f"{chart_id}-hatch")]
    left = DIST_MARGIN["left"]
    right = DIST_WIDTH - DIST_MARGIN["right"]
    top = DIST_MARGIN["top"]
    bottom = DIST_HEIGHT - DIST_MARGIN["bottom"]
    share_max = max(min(share_max, 1.0), 0.05)
    step = nice_step(share_max * 100, max_ticks=4)
    for percent in _ticks(0, share_max * 100, step):
        y = bottom - (bottom - top) * percent / (share_max * 100)
        parts.append(_line(left, y, right, y, stroke=GRID if percent else INK))
        parts.append(
            _text(
                left - 6,
                y + 4,
                f"{_plain_number(percent)} {axis_words}",
                anchor="end",
                size=12,
                fill=MUTED,
                cls="tick",
            )
        )
    values = list(range(scale_min, scale_max + 1))
    slot = (right - left) / len(values)
    bar_width = min(slot * 0.8 / max(len(groups), 1), 14)
    for i, value in enumerate(values):
        centre = left + slot * (i + 0.5)
        parts.append(_text(centre, bottom + 18, str(value), anchor="middle", size=13, cls="tick"))
        for g, group in enumerate(groups):
            count = group.counts.get(value)
            if count is None or not group.total:
                continue
            share = count / group.total
            height = (bottom - top) * share / share_max
            x = centre + (g - len(groups) / 2) * bar_width
            parts.append(
                _bar(
                    x,
                    bottom - height,
                    bar_width,
                    height,
                    group.style,
                    f"{chart_id}-hatch",
                    group=g,
                    value=value,
                    count=count,
                    share=f"{share:.4f}",
                )  # fmt: skip
            )
    return _svg(
        chart_id, DIST_WIDTH, DIST_HEIGHT, title, description, "".join(parts), "chart--distribution"
    )


# --- Means with confidence intervals ---------------------------------------------------------------

INTERVAL_WIDTH = 480
INTERVAL_LABEL_WIDTH = 200
INTERVAL_ROW = 46


def interval_chart(*, chart_id: str, title: str, description: str, rows: Sequence[IntervalRow],
                   lower_words: str = "", higher_words: str = "", limit: float | None = None) -> SafeString:  # fmt: skip
    """One row per label: the mean as a dot, its confidence interval as a line with end caps, and
    a zero line, on an axis symmetric around zero. `lower_words`/`higher_words` name the
    directions under the axis (e.g. further from work / closer to work)."""
    left = INTERVAL_LABEL_WIDTH
    right = INTERVAL_WIDTH - 16
    top = 10
    height = top + INTERVAL_ROW * len(rows) + 58
    bottom = top + INTERVAL_ROW * len(rows)
    if limit is None:
        reach = [abs(v) for row in rows for v in (row.mean, row.low, row.high) if v is not None]
        widest = max(reach, default=1.0)
        step = nice_step(widest)
        limit = max(step * math.ceil(widest / step - 1e-9), step)
    step = nice_step(limit)

    def x_of(value: float) -> float:
        return left + (right - left) * (value + limit) / (2 * limit)

    parts: list[str] = []
    for tick in _ticks(-limit, limit, step):
        x = x_of(tick)
        parts.append(_line(x, top, x, bottom, stroke=INK if tick == 0 else GRID,
                           width=1.5 if tick == 0 else 1, cls="zero" if tick == 0 else None))  # fmt: skip
        parts.append(
            _text(x, bottom + 18, _plain_number(tick), anchor="middle", size=13, cls="tick")
        )
    if lower_words:
        parts.append(_text(left, bottom + 40, f"← {lower_words}", size=13, fill=MUTED))
    if higher_words:
        parts.append(
            _text(right, bottom + 40, f"{higher_words} →", anchor="end", size=13, fill=MUTED)
        )
    style = STYLES["mean"]
    for i, row in enumerate(rows):
        y = top + INTERVAL_ROW * (i + 0.5)
        lines = wrap(row.label, 20)
        if len(lines) > 3:  # the table beside the chart has the whole label
            lines = [*lines[:2], f"{lines[2]} …"]
        for n, line in enumerate(lines):
            y_text = y + 5 - 7 * (len(lines) - 1) + 14 * n
            parts.append(_text(left - 10, y_text, line, anchor="end", size=13, cls="label"))
        if i:
            parts.append(
                _line(8, top + INTERVAL_ROW * i, right, top + INTERVAL_ROW * i, stroke=GRID_LIGHT)
            )
        if row.mean is None:
            if row.note:
                parts.append(_text(x_of(0) + 8, y + 5, row.note, size=13, fill=MUTED, cls="note"))
            continue
        if row.low is not None and row.high is not None:
            x1, x2 = x_of(row.low), x_of(row.high)
            parts.append(_line(x1, y, x2, y, stroke=style.stroke, width=2.5, cls="interval"))
            parts.append(_line(x1, y - 7, x1, y + 7, stroke=style.stroke, width=2.5, cls="cap"))
            parts.append(_line(x2, y - 7, x2, y + 7, stroke=style.stroke, width=2.5, cls="cap"))
        x = x_of(row.mean)
        parts.append(
            _tag(
                "circle",
                cx=_n(x),
                cy=_n(y),
                r=6,
                fill=style.stroke,
                stroke="#ffffff",
                stroke_width=1.5,
                class_="point point--mean",
                data_row=i,
                data_mean=f"{row.mean:.4f}",
                data_low="" if row.low is None else f"{row.low:.4f}",
                data_high="" if row.high is None else f"{row.high:.4f}",
            )  # fmt: skip
        )
    return _svg(
        chart_id, INTERVAL_WIDTH, height, title, description, "".join(parts), "chart--interval"
    )
