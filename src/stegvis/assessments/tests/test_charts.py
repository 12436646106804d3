"""The SVG charts: parsed as XML, each point must sit where its value says, the words must be
there (title, description) and escaped, and nothing may need an inline style (the CSP)."""

from __future__ import annotations

import datetime
import math
import xml.etree.ElementTree as ET

from django.test import SimpleTestCase

from stegvis.assessments import charts

SVG = "{http://www.w3.org/2000/svg}"
LABELS = [
    "Typ av arbete",
    "Klara ett arbete",
    "Kompetens",
    "Vardag/nätverk",
    "Samarbetsförmåga",
    "Hälsa",
]


def parse(markup: str) -> ET.Element:
    return ET.fromstring(str(markup))  # noqa: S314  (our own markup)


def find_all(root: ET.Element, tag: str, cls: str | None = None) -> list[ET.Element]:
    found = root.iter(SVG + tag)
    return [e for e in found if cls is None or cls in (e.get("class") or "").split()]


class CommonRulesMixin:
    """What every chart must do; `chart()` makes one."""

    def chart(self) -> str:
        raise NotImplementedError

    def test_is_one_named_and_described_image(self):
        root = parse(self.chart())
        self.assertEqual(root.tag, SVG + "svg")
        self.assertEqual(root.get("role"), "img")
        title = root.find(SVG + "title")
        desc = root.find(SVG + "desc")
        self.assertEqual(root.get("aria-labelledby"), title.get("id"))
        self.assertEqual(root.get("aria-describedby"), desc.get("id"))
        self.assertEqual(title.text, "A <b>title</b> & more")
        self.assertEqual(desc.text, 'Figures: "1" < 2')
        self.assertRegex(root.get("viewBox"), r"^0 0 \d+ \d+$")
        self.assertIsNone(root.get("width"))  # it takes its box's width (charts.css)

    def test_has_no_inline_style(self):
        """The Content-Security-Policy (style-src 'self') would block inline styles."""
        markup = str(self.chart())
        root = parse(markup)
        self.assertEqual(find_all(root, "style"), [])
        self.assertFalse([e.tag for e in root.iter() if e.get("style") is not None])
        self.assertNotIn("<script", markup)

    def test_escapes_every_text(self):
        markup = str(self.chart())
        self.assertIn("A &lt;b&gt;title&lt;/b&gt; &amp; more", markup)
        self.assertNotIn("<b>", markup)


WORDS = {"title": "A <b>title</b> & more", "description": 'Figures: "1" < 2'}


class RadarChartTests(CommonRulesMixin, SimpleTestCase):
    first = [3, 4, 2, 5, 6, 1]
    latest = [6, 7, 4, 5, 10, 3]

    def chart(self, **overrides) -> str:  # noqa: ANN003
        options = {
            "chart_id": "radar-1", "labels": [*LABELS[:5], "<Hälsa>"], "scale_min": 1, "scale_max": 10,
            "series": [charts.Series("First", self.first, "first"), charts.Series("Latest", self.latest, "latest")],
            **WORDS,
        }  # fmt: skip
        options.update(overrides)
        return charts.radar_chart(**options)

    def centre(self, root: ET.Element) -> tuple[float, float]:
        """The centre is where all spokes start."""
        spokes = [e for e in find_all(root, "line") if e.get("stroke") == charts.GRID]
        starts = {(float(e.get("x1")), float(e.get("y1"))) for e in spokes}
        self.assertEqual(len(starts), 1)
        return starts.pop()

    def test_each_vertex_lies_at_its_value_on_its_spoke(self):
        """Distance from the centre ∝ (value − min)/(max − min); spoke i points 360°·i/6 clockwise
        from straight up."""
        root = parse(self.chart())
        cx, cy = self.centre(root)
        for series, values in (("0", self.first), ("1", self.latest)):
            points = [
                e
                for e in root.iter()
                if e.get("data-series") == series and "point" in (e.get("class") or "")
            ]
            self.assertEqual(len(points), 6)
            for point in points:
                index = int(point.get("data-index"))
                value = values[index]
                self.assertEqual(point.get("data-value"), str(value))
                if point.tag == SVG + "circle":
                    x, y = float(point.get("cx")), float(point.get("cy"))
                else:  # a square marker, 9 wide, centred on the point
                    x, y = float(point.get("x")) + 4.5, float(point.get("y")) + 4.5
                radius = math.hypot(x - cx, y - cy)
                expected = charts.RADAR_RADIUS * (value - 1) / 9
                self.assertAlmostEqual(
                    radius, expected, delta=0.15, msg=f"spoke {index} value {value}"
                )
                if value > 1:
                    angle = math.degrees(math.atan2(x - cx, -(y - cy))) % 360
                    self.assertAlmostEqual(angle, 60 * index, delta=0.2)

    def test_each_series_is_a_closed_line_of_its_own_pattern(self):
        root = parse(self.chart())
        first, latest = find_all(root, "polygon", "series")
        self.assertEqual(first.get("stroke-dasharray"), "6 4")  # dashed
        self.assertIsNone(latest.get("stroke-dasharray"))  # solid
        self.assertEqual(len(first.get("points").split()), 6)
        # The markers differ in shape too: hollow squares and filled circles.
        self.assertEqual({e.tag for e in find_all(root, "rect", "point--first")}, {SVG + "rect"})
        self.assertEqual(len(find_all(root, "circle", "point--latest")), 6)

    def test_the_domain_names_and_scale_are_written(self):
        root = parse(self.chart())
        texts = [e.text for e in find_all(root, "text", "label")]
        self.assertIn("Kompetens", texts)
        self.assertIn("Vardag/nätverk", texts)
        self.assertIn("Klara ett", texts)  # wrapped onto two lines
        self.assertIn("arbete", texts)
        self.assertIn("<Hälsa>", texts)  # escaped in the markup, whole in the text
        self.assertEqual([e.text for e in find_all(root, "text", "tick")], ["4", "6", "8", "10"])

    def test_labels_stay_inside_the_picture(self):
        """Estimated at 0.62 em per letter: a label never starts left of 0 or ends past the width."""
        root = parse(self.chart())
        width = float(root.get("viewBox").split()[2])
        for text in find_all(root, "text", "label"):
            x, size = float(text.get("x")), float(text.get("font-size"))
            length = len(text.text) * size * 0.62
            start = {"start": x, "middle": x - length / 2, "end": x - length}[
                text.get("text-anchor")
            ]
            self.assertGreaterEqual(start, 0, text.text)
            self.assertLessEqual(start + length, width, text.text)

    def test_a_missing_value_leaves_the_points_but_no_closed_line(self):
        root = parse(self.chart(series=[charts.Series("Latest", [5, None, 5, 5, 5, 5], "latest")]))
        self.assertEqual(find_all(root, "polygon", "series"), [])
        self.assertEqual(len(find_all(root, "circle", "point--latest")), 5)


class LineChartTests(CommonRulesMixin, SimpleTestCase):
    frame = charts.LineFrame(datetime.date(2025, 1, 1), datetime.date(2025, 5, 1), 1, 10)
    self_points = [
        (datetime.date(2025, 1, 1), 3),
        (datetime.date(2025, 3, 2), 5),
        (datetime.date(2025, 5, 1), 9),
    ]

    def chart(self) -> str:
        return charts.line_chart(
            chart_id="line-1", frame=self.frame,
            series=[charts.TimeSeries("Self", self.self_points, "self"),
                    charts.TimeSeries("Coach", [(datetime.date(2025, 1, 15), 1)], "coach")],
            **WORDS,
        )  # fmt: skip

    def test_points_sit_at_their_date_and_value(self):
        root = parse(self.chart())
        left = charts.LINE_MARGIN["left"] + 8
        right = charts.LINE_WIDTH - charts.LINE_MARGIN["right"] - 8
        top = charts.LINE_MARGIN["top"]
        bottom = charts.LINE_HEIGHT - charts.LINE_MARGIN["bottom"]
        circles = find_all(root, "circle", "point--self")
        self.assertEqual([c.get("data-value") for c in circles], ["3", "5", "9"])
        for circle, (day, value) in zip(circles, self.self_points, strict=True):
            days = (day - datetime.date(2025, 1, 1)).days  # 0, 60, 120 of 120
            self.assertAlmostEqual(
                float(circle.get("cx")), left + (right - left) * days / 120, delta=0.06
            )
            self.assertAlmostEqual(
                float(circle.get("cy")), bottom - (bottom - top) * (value - 1) / 9, delta=0.06
            )
            self.assertEqual(circle.get("data-date"), day.isoformat())
        # Value 1 is on the bottom line; 10 would be on the top.
        (coach,) = find_all(root, "rect", "point--coach")
        self.assertAlmostEqual(float(coach.get("y")) + 4.5, bottom, delta=0.06)

    def test_a_line_joins_two_or_more_points_only(self):
        root = parse(self.chart())
        lines = find_all(root, "polyline", "series")
        self.assertEqual(len(lines), 1)  # the coach has one point: no line
        self.assertEqual(len(lines[0].get("points").split()), 3)

    def test_the_first_and_last_dates_are_written(self):
        ticks = [e.text for e in find_all(parse(self.chart()), "text", "tick")]
        self.assertIn("2025-01-01", ticks)
        self.assertIn("2025-05-01", ticks)
        self.assertEqual(ticks[:2], ["1", "10"])

    def test_one_day_only_puts_the_point_in_the_middle(self):
        frame = charts.LineFrame(datetime.date(2025, 1, 1), datetime.date(2025, 1, 1), 1, 10)
        root = parse(charts.line_chart(chart_id="l", frame=frame, series=[
            charts.TimeSeries("Self", [(datetime.date(2025, 1, 1), 4)], "self")], **WORDS))  # fmt: skip
        (circle,) = find_all(root, "circle", "point")
        left = charts.LINE_MARGIN["left"] + 8
        right = charts.LINE_WIDTH - charts.LINE_MARGIN["right"] - 8
        self.assertAlmostEqual(float(circle.get("cx")), (left + right) / 2, delta=0.06)


class DistributionChartTests(CommonRulesMixin, SimpleTestCase):
    start = charts.CountGroup("At start", {1: 2, 2: 0, 3: 6, 4: None, 5: 0}, 10, "first")
    latest = charts.CountGroup("Latest", {1: 0, 2: 1, 3: 2, 4: 5, 5: 0}, 8, "latest")

    def chart(self, share_max: float = 0.8) -> str:
        return charts.distribution_chart(
            chart_id="dist-1", scale_min=1, scale_max=5, groups=[self.start, self.latest],
            share_max=share_max, **WORDS,
        )  # fmt: skip

    def test_column_heights_are_the_shares_of_each_group(self):
        root = parse(self.chart())
        top = charts.DIST_MARGIN["top"]
        bottom = charts.DIST_HEIGHT - charts.DIST_MARGIN["bottom"]
        bars = {
            (b.get("data-group"), int(b.get("data-value"))): b
            for b in find_all(root, "rect", "bar")
        }
        # A hidden count (None) draws nothing; a zero draws a flat column.
        self.assertNotIn(("0", 4), bars)
        self.assertEqual(len(bars), 9)
        for (group, value), bar in bars.items():
            counts = self.start if group == "0" else self.latest
            share = counts.counts[value] / counts.total
            height = (bottom - top) * share / 0.8
            self.assertAlmostEqual(float(bar.get("height")), height, delta=0.06, msg=(group, value))
            self.assertAlmostEqual(
                float(bar.get("y")) + float(bar.get("height")), bottom, delta=0.1
            )
            self.assertEqual(bar.get("data-count"), str(counts.counts[value]))
        # 6 of 10 at start at 3 is 60 % of an axis topped at 80 %: three quarters of the height.
        self.assertAlmostEqual(
            float(bars[("0", 3)].get("height")), (bottom - top) * 0.75, delta=0.06
        )

    def test_the_groups_differ_by_fill_not_only_colour(self):
        root = parse(self.chart())
        start = find_all(root, "rect", "bar--first")[0]
        latest = find_all(root, "rect", "bar--latest")[0]
        self.assertEqual(start.get("fill"), "url(#dist-1-hatch)")  # hatched
        self.assertEqual(latest.get("fill"), charts.BRAND)  # solid
        self.assertIsNotNone(root.find(f".//{SVG}pattern[@id='dist-1-hatch']"))

    def test_axis_in_percent_and_the_scale_values(self):
        ticks = [e.text for e in find_all(parse(self.chart()), "text", "tick")]
        self.assertEqual(ticks[:5], ["0 %", "20 %", "40 %", "60 %", "80 %"])
        self.assertEqual(ticks[5:], ["1", "2", "3", "4", "5"])


class IntervalChartTests(CommonRulesMixin, SimpleTestCase):
    rows = [
        charts.IntervalRow("Typ av arbete", 1.5, 0.4, 2.6),
        charts.IntervalRow("Hälsa", -0.5, -2.25, 1.25),
        charts.IntervalRow("Kompetens", 2.0, None, None),
        charts.IntervalRow("Vardag/nätverk", None, None, None, "not shown"),
    ]

    def chart(self) -> str:
        return charts.interval_chart(chart_id="iv-1", rows=self.rows, lower_words="further",
                                     higher_words="closer", **WORDS)  # fmt: skip

    def x_of(self, value: float, limit: float) -> float:
        left, right = charts.INTERVAL_LABEL_WIDTH, charts.INTERVAL_WIDTH - 16
        return left + (right - left) * (value + limit) / (2 * limit)

    def test_dots_and_whiskers_sit_at_the_mean_and_the_interval(self):
        root = parse(self.chart())
        # The widest figure is 2.6: the axis runs from −3 to 3 in steps of 1.
        ticks = [e.text for e in find_all(root, "text", "tick")]
        self.assertEqual(ticks, ["−3", "−2", "−1", "0", "1", "2", "3"])
        (zero,) = find_all(root, "line", "zero")
        self.assertAlmostEqual(float(zero.get("x1")), self.x_of(0, 3), delta=0.06)
        dots = find_all(root, "circle", "point--mean")
        self.assertEqual(len(dots), 3)  # the hidden row has none
        intervals = find_all(root, "line", "interval")
        self.assertEqual(len(intervals), 2)  # Kompetens has a mean but no interval
        for dot, row in zip(dots, self.rows, strict=False):
            self.assertAlmostEqual(float(dot.get("cx")), self.x_of(row.mean, 3), delta=0.06)
        for line, row in zip(intervals, self.rows, strict=False):
            self.assertAlmostEqual(float(line.get("x1")), self.x_of(row.low, 3), delta=0.06)
            self.assertAlmostEqual(float(line.get("x2")), self.x_of(row.high, 3), delta=0.06)
            self.assertEqual(line.get("y1"), line.get("y2"))
        self.assertEqual(dots[1].get("data-low"), "-2.2500")

    def test_a_hidden_row_says_so(self):
        root = parse(self.chart())
        self.assertEqual([e.text for e in find_all(root, "text", "note")], ["not shown"])
        labels = [e.text for e in find_all(root, "text", "label")]
        self.assertEqual(labels, ["Typ av arbete", "Hälsa", "Kompetens", "Vardag/nätverk"])

    def test_a_long_label_is_wrapped_and_at_most_three_lines(self):
        root = parse(charts.interval_chart(chart_id="iv", rows=[
            charts.IntervalRow("Supported Employment + Supported Education + Boston model", 1, 0, 2)], **WORDS))  # fmt: skip
        labels = [e.text for e in find_all(root, "text", "label")]
        self.assertEqual(labels, ["Supported Employment", "+ Supported", "Education + Boston …"])


class HelperTests(SimpleTestCase):
    def test_wrap(self):
        self.assertEqual(charts.wrap("Vardag/nätverk"), ["Vardag/nätverk"])
        self.assertEqual(charts.wrap("Klara ett arbete"), ["Klara ett", "arbete"])
        self.assertEqual(charts.wrap("Daily life and network"), ["Daily life and", "network"])
        self.assertEqual(charts.wrap(""), [""])

    def test_nice_step(self):
        self.assertEqual(charts.nice_step(2.6), 1)
        self.assertEqual(charts.nice_step(1.2), 0.5)
        self.assertEqual(charts.nice_step(38), 10)
        self.assertEqual(charts.nice_step(1800), 500)
        self.assertEqual(charts.nice_step(5000), 10000)

    def test_legend(self):
        markup = str(charts.legend_html([("first", "First <1>"), ("latest", "Latest")]))
        self.assertIn("First &lt;1&gt;", markup)
        self.assertEqual(markup.count('aria-hidden="true"'), 2)
        bars = str(charts.legend_html([("first", "At start"), ("latest", "Latest")], bars=True))
        self.assertIn("url(#legend-hatch-0)", bars)
