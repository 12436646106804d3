"""The report charts: a bar per figure shown, none for a hidden one, and a scale from shown
figures only (so a bar's length never tells more than the table)."""

from __future__ import annotations

import re

from django.test import SimpleTestCase
from django.urls import reverse

from stegvis.core.testing import BaseTestCase
from stegvis.reports import charts
from stegvis.reports.tests import esf_data

BAR = re.compile(r'<rect [^>]*class="bar bar--(\w+)"[^>]*data-value="([\d.]+)"')


def bars(svg: str) -> list[tuple[str, str]]:
    return BAR.findall(svg)


class BarChartTest(SimpleTestCase):
    def chart(self, groups, **options):
        series = charts.gender_series()
        return str(
            charts.bar_chart(
                chart_id="c", title="Title", description="Desc", groups=groups, series=series,
                **options,
            )
        )  # fmt: skip

    def test_hidden_figures_get_no_bar_but_their_mark(self):
        svg = self.chart([charts.BarGroup("EECO01", ["<5", 12, "x"])])
        self.assertEqual(bars(svg), [("M", "12")])
        self.assertIn(">K &lt;5</text>", svg)
        self.assertIn(">X x</text>", svg)
        self.assertIn('role="img"', svg)
        self.assertIn('<title id="c-title">Title</title>', svg)
        self.assertNotIn("style=", svg)

    def test_the_scale_comes_from_the_figures_shown(self):
        # The longest bar shown (12) sets the scale; a hidden 4 could not stretch it.
        svg = self.chart([charts.BarGroup("a", [12, "<5", 0]), charts.BarGroup("b", [6, 0, 0])])
        widths = dict(
            zip(["a", "b"], re.findall(r'class="bar bar--K"[^>]*', svg), strict=True)
        )  # fmt: skip
        self.assertEqual(len(bars(svg)), 2)  # zero draws no bar
        ticks = re.findall(r'class="tick">(\d+)<', svg)
        self.assertEqual(ticks[-1], "15")  # 12 rounded up to the step of 5
        self.assertIn('data-value="12"', widths["a"])

    def test_shares_are_drawn_in_percent_with_reference_lines(self):
        series = (charts.BarSeries("share", "Andel", charts.svg.BRAND, "solid"),)
        svg = str(
            charts.bar_chart(
                chart_id="s", title="T", description="D", percent=True, series=series,
                groups=[charts.BarGroup("a", [0.5]), charts.BarGroup("b", ["<5"])],
                marks=[(0.31, "31 %")],
            )
        )  # fmt: skip
        self.assertEqual(bars(svg), [("share", "0.5")])
        self.assertIn(">50 %</text>", svg)
        self.assertIn('class="mark"', svg)
        self.assertEqual(charts.describe([charts.BarGroup("b", ["<5"])], series, percent=True),
                         "b: <5")  # fmt: skip


class ReportPageChartsTest(BaseTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        esf_data.build(cls.project, cls.other_project)

    def test_the_funder_sees_no_bar_for_a_hidden_count_and_the_manager_every_bar(self):
        url = reverse("reports:project_esf", args=[self.project.public_id])
        period = {"start": "2025-01-01", "end": "2025-06-30"}
        self.login(self.manager)
        exact = bars(self.client.get(url, period).content.decode())
        # EECO01 K 3, M 3, X 1 … : every count above 0 in K, M and X has its bar.
        self.assertIn(("K", "3"), exact)
        self.assertIn(("X", "1"), exact)
        self.login(self.funder)
        page = self.client.get(url, period).content.decode()
        self.assertEqual([v for _s, v in bars(page) if 0 < float(v) < 5], [])
        self.assertIn("x", page)
        self.assertIn('id="esf-output-chart"', page)

    def test_the_outcomes_page_has_its_charts(self):
        self.login(self.manager)
        url = reverse("reports:project_outcomes", args=[self.project.public_id])
        page = self.client.get(url, {"quarter": "2025Q2"}).content.decode()
        self.assertIn('id="outcomes-share-chart"', page)
        self.assertIn('id="outcomes-income-chart"', page)
