"""The school report's chart: horizontal bars drawn on the server as one SVG image.

As the other charts of Stegvis (assessments/charts.py): one `<svg role="img">` named by its title
and described by its desc with every figure, no style attribute (the CSP forbids inline styles),
colours of at least 4.5:1 against white, and every bar named in words beside it (the measure and
its value), so nothing is told by colour alone. The same figures stand in the table beside it.
"""

from __future__ import annotations

from decimal import Decimal

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from stegvis.youth import report

WIDTH = 560
LABEL_WIDTH = 190
BAR_WIDTH = 250
BAR_HEIGHT = 14
ROW = 20
GROUP_HEAD = 24
FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif'
# Series: fill colour and whether the bar is hatched (differ in more than colour).
FILLS = {"first": "#4a5360", "last": "#0b5a4a", "eligible": "#7a3d00", "completed": "#1f4e8c"}
GROUP_LABELS = {
    "K": gettext_lazy("School chart: women"),
    "M": gettext_lazy("School chart: men"),
    "X": gettext_lazy("School chart: non-binary or other"),
    "total": gettext_lazy("School chart: all"),
}


def _value_text(value: object) -> str:
    if value is None:
        return _("School chart: no data")
    if value in (report.HIDDEN, report.COMPLEMENT):
        return _("School chart: not shown (fewer than 5)")
    return f"{value} %"


def school_chart(rows: list[dict], *, chart_id: str = "school-chart") -> SafeString:
    """The chart of the report's shares and means (rows from report.report_table)."""
    by_key = {row["key"]: row for row in rows}
    parts: list[str] = []
    descriptions: list[str] = []
    y = 0
    for index, column in enumerate(report.COLUMNS):
        group = str(GROUP_LABELS[column])
        y += GROUP_HEAD
        parts.append(f'<text x="0" y="{y - 6}" font-weight="700" font-size="14" fill="#1b1f24">'
                     f"{escape(group)}</text>")  # fmt: skip
        texts = []
        for key, label, series in report.CHART_SERIES:
            value = by_key[key]["cells"][index]
            text = _value_text(value)
            texts.append(f"{label} {text}")
            parts.append(f'<text x="0" y="{y + BAR_HEIGHT - 3}" font-size="12" fill="#1b1f24">'
                         f"{escape(label)}</text>")  # fmt: skip
            if isinstance(value, Decimal):
                width = max(1, round(float(value) / 100 * BAR_WIDTH))
                hatch = (
                    ' stroke="#1b1f24" stroke-width="1"'
                    if series in ("eligible", "completed")
                    else ""
                )
                parts.append(
                    f'<rect x="{LABEL_WIDTH}" y="{y}" width="{width}" height="{BAR_HEIGHT}" '
                    f'fill="{FILLS[series]}"{hatch} data-series="{series}" data-column="{column}" '
                    f'data-value="{value}"/>'
                )
                parts.append(f'<text x="{LABEL_WIDTH + width + 4}" y="{y + BAR_HEIGHT - 3}" font-size="12" '
                             f'fill="#1b1f24">{escape(text)}</text>')  # fmt: skip
            else:
                parts.append(f'<text x="{LABEL_WIDTH}" y="{y + BAR_HEIGHT - 3}" font-size="12" '
                             f'fill="#4a5360" font-style="italic">{escape(text)}</text>')  # fmt: skip
            y += ROW
        descriptions.append(f"{group}: " + ", ".join(texts))
    height = y + 4
    title = _("School chart: attendance, eligibility and completed studies by gender, in per cent")
    return mark_safe(  # noqa: S308  (every text above is escaped; numbers are ours)
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" role="img" '
        f'aria-labelledby="{chart_id}-title" aria-describedby="{chart_id}-desc" '
        f'class="chart chart--school" id="{chart_id}" font-family="{escape(FONT)}" focusable="false">'
        f'<title id="{chart_id}-title">{escape(title)}</title>'
        f'<desc id="{chart_id}-desc">{escape("; ".join(descriptions))}</desc>'
        f"{''.join(parts)}</svg>"
    )
