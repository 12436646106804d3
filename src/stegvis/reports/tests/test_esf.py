"""The ESF+ indicators against the hand-computed data set of esf_data.py, the plan, suppression
and the `stegvis report esf` command."""

from __future__ import annotations

import io
import json

from django.core.management import call_command
from django.core.management.base import CommandError

from stegvis.core.testing import BaseTestCase
from stegvis.participants.models import Enrollment
from stegvis.participants.tests import factories
from stegvis.projects import services as projects
from stegvis.reports import esf
from stegvis.reports.tests import esf_data
from stegvis.reports.tests.esf_data import IN_PERIOD, PERIOD, D


def flat(indicators: dict) -> dict[str, tuple[int, int, int, int]]:
    return {code: tuple(c[k] for k in ("K", "M", "X", "total")) for code, c in indicators.items()}


class EsfIndicatorsTest(BaseTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        esf_data.build(cls.project, cls.other_project)

    def indicators(self, **period) -> dict:
        return esf.esf_indicators(Enrollment.objects.filter(project=self.project), **period)

    def test_every_indicator_in_the_period_matches_the_hand_computed_table(self):
        start, end = PERIOD
        self.assertEqual(flat(self.indicators(start=start, end=end)), IN_PERIOD)

    def test_without_a_period_the_whole_project_counts(self):
        figures = flat(self.indicators())
        self.assertEqual(figures["EECO01"], (5, 4, 1, 10))
        self.assertEqual(figures["EECR04"], (1, 3, 0, 4))
        self.assertEqual(figures["EECR05"], (1, 1, 1, 3))

    def test_the_first_and_last_day_of_the_period_count(self):
        # P1 started and P7 left on 2025-01-01; P2 started and P4 left on 2025-06-30.
        one_day = flat(self.indicators(start=D(2025, 1, 1), end=D(2025, 1, 1)))
        self.assertEqual(one_day["EECO01"], (1, 0, 0, 1))
        self.assertEqual(one_day["EECR04"], (1, 0, 0, 1))
        last_day = flat(self.indicators(start=D(2025, 6, 30), end=D(2025, 6, 30)))
        self.assertEqual(last_day["EECO01"], (1, 0, 0, 1))
        self.assertEqual(last_day["EECR01"], (0, 1, 0, 1))

    def test_a_period_open_at_one_end(self):
        from_july = flat(self.indicators(start=D(2025, 7, 1)))
        self.assertEqual(from_july["EECO01"], (1, 0, 0, 1))  # P9
        self.assertEqual(from_july["EECR04"], (0, 1, 0, 1))  # P10
        until_2024 = flat(self.indicators(end=D(2024, 12, 31)))
        self.assertEqual(until_2024["EECO01"], (1, 1, 0, 2))  # P7, P8
        self.assertEqual(until_2024["EECR04"], (0, 1, 0, 1))  # P8

    def test_ages_on_the_boundaries(self):
        start, end = PERIOD
        figures = flat(self.indicators(start=start, end=end))
        self.assertEqual(figures["EECO06"][3], 1)  # 17 counts, 18 does not
        self.assertEqual(figures["EECO07"][3], 2)  # 18 and 29 count, 30 does not
        self.assertEqual(figures["EECO08"][3], 1)  # 55 counts, 54 does not

    def test_it_is_one_query_whatever_the_number_of_participants(self):
        with self.assertNumQueries(1):  # the conditional counts
            self.indicators(start=PERIOD[0], end=PERIOD[1])
        for _ in range(5):
            factories.enrollment(project=self.project, start_date=D(2025, 2, 2))
        with self.assertNumQueries(1):
            figures = flat(self.indicators(start=PERIOD[0], end=PERIOD[1]))
        self.assertEqual(figures["EECO01"], (8, 3, 1, 12))


class PlanAndSuppressionTest(BaseTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        esf_data.build(cls.project, cls.other_project)
        projects.project_update(
            actor=cls.manager, project=cls.project, planned_participants=20, planned_women=12,
            planned_men=8,
        )  # fmt: skip

    def test_the_plan_stands_beside_the_actual_participants(self):
        self.project.refresh_from_db()
        with self.assertNumQueries(2):  # the indicators; the plan
            report = esf.project_esf_report(self.project, start=PERIOD[0], end=PERIOD[1])
        plan = report.plan
        self.assertEqual((plan.planned, plan.planned_women, plan.planned_men), (20, 12, 8))
        self.assertEqual((plan.actual, plan.actual_women, plan.actual_men), (10, 5, 4))
        self.assertEqual(plan.planned_share_women, 0.6)
        self.assertEqual(plan.actual_share_women, 0.5)
        self.assertEqual(plan.planned_share_men, 0.4)
        self.assertEqual(plan.actual_share_men, 0.4)

    def test_shares_are_none_without_a_plan_or_participants(self):
        plan = esf.project_plan(self.other_project)
        self.assertIsNone(plan.planned_share_women)
        self.assertEqual((plan.actual, plan.actual_share_women), (1, 1.0))
        self.assertIsNone(esf.Plan(None, None, None, 0, 0, 0).actual_share_men)

    def test_counts_from_one_to_four_are_hidden_unless_exact(self):
        self.assertEqual([esf.shown(n, exact=False) for n in (0, 1, 4, 5)], [0, "<5", "<5", 5])
        self.assertEqual([esf.shown(n, exact=True) for n in (0, 1, 4, 5)], [0, 1, 4, 5])

    def test_the_table_has_a_labelled_row_per_indicator(self):
        report = esf.project_esf_report(self.project, start=PERIOD[0], end=PERIOD[1])
        rows = esf.esf_table(report, exact=False)
        self.assertEqual([r["code"] for r in rows], esf.CODES)
        self.assertEqual(rows[0]["cells"], ["<5", "<5", "<5", 7])
        self.assertEqual(rows[2]["cells"], ["<5", 0, 0, "<5"])
        self.assertEqual(esf.esf_table(report, exact=True)[0]["cells"], [3, 3, 1, 7])


class ReportEsfCommandTest(BaseTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        esf_data.build(cls.project, cls.other_project)

    def run_command(self, *args: str) -> str:
        out = io.StringIO()
        call_command("report", "esf", *args, stdout=out)
        return out.getvalue()

    def test_it_prints_exactly_the_indicators_as_json(self):
        printed = self.run_command(
            "--project", "2024/00001", "--from", "2025-01-01", "--to", "2025-06-30", "--json"
        )
        self.assertEqual(json.loads(printed), esf_data.as_json(IN_PERIOD))
        self.assertEqual(list(json.loads(printed)["indicators"]), esf.CODES)

    def test_without_a_period_it_counts_the_whole_project(self):
        printed = json.loads(self.run_command("--project", "2024/00001", "--json"))
        self.assertEqual(printed["indicators"]["EECO01"], {"K": 5, "M": 4, "X": 1, "total": 10})

    def test_it_refuses_an_unknown_project(self):
        with self.assertRaisesMessage(CommandError, "There is no project '1999/1'."):
            self.run_command("--project", "1999/1", "--json")

    def test_it_refuses_a_period_that_ends_before_it_starts(self):
        with self.assertRaisesMessage(CommandError, "--from is after --to."):
            self.run_command(
                "--project", "2024/00001", "--from", "2025-02-01", "--to", "2025-01-01"
            )

    def test_it_refuses_a_malformed_date(self):
        with self.assertRaises(CommandError):
            self.run_command("--project", "2024/00001", "--from", "2025-13-01")
