"""The method comparison against the hand-computed data set (methods_data.py), the command's JSON,
and the progression taken from assessments.progression."""

from __future__ import annotations

import io
import json

from django.core.management import call_command
from django.core.management.base import CommandError

from stegvis.assessments.tests import progression_data
from stegvis.assessments.tests.base import AssessmentTestCase
from stegvis.core.testing import BaseTestCase
from stegvis.projects.models import Project
from stegvis.reports import methods
from stegvis.reports.tests import methods_data
from stegvis.reports.tests.methods_data import AS_OF, IPS, SE, SE_SED


class HandComputedTest(BaseTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        methods_data.build(cls)

    def comparison(self) -> methods.MethodComparison:
        return methods.compare_methods(Project.objects.filter(pk=self.compared.pk), as_of=AS_OF)

    def test_groups_in_method_order_with_canonical_labels(self) -> None:
        groups = self.comparison().groups
        self.assertEqual([g.key for g in groups], ["SE", "SE+SED", "IPS"])
        self.assertEqual(groups[1].label, "Supported Employment + Supported Education")

    def test_each_figure_is_the_hand_computed_one(self) -> None:
        groups = {g.key: g for g in self.comparison().groups}
        for key, expected in (("SE", SE), ("IPS", IPS), ("SE+SED", SE_SED)):
            with self.subTest(method=key):
                group = groups[key]
                self.assertEqual(group.n, expected["n"])
                self.assertEqual(group.events, expected["events"])
                self.assertEqual(group.median_days, expected["median"])
                self.assertEqual(len(group.curve), len(expected["curve"]))
                for (day, value), (e_day, e_value) in zip(
                    group.curve, expected["curve"], strict=True
                ):
                    self.assertEqual(day, e_day)
                    self.assertAlmostEqual(value, e_value, places=9)
                for day, value in expected["survival"].items():
                    if value is None:
                        self.assertIsNone(group.survival[day])
                    else:
                        self.assertAlmostEqual(group.survival[day], value, places=6)
                self.assertEqual(group.employed_at_exit, expected["employed_at_exit"])

    def test_small_groups_carry_a_warning(self) -> None:
        groups = {g.key: g for g in self.comparison().groups}
        self.assertIs(groups["SE"].warning, False)  # 10 people, 6 jobs
        self.assertIs(groups["IPS"].warning, True)  # 4 people
        self.assertIs(groups["SE+SED"].warning, True)  # no job

    def test_the_median_has_a_confidence_interval(self) -> None:
        se = self.comparison().groups[0]
        low, high = se.median_ci
        self.assertLessEqual(low, se.median_days)
        self.assertTrue(high is None or high >= se.median_days)

    def test_cox_leaves_out_a_method_without_jobs(self) -> None:
        cox = self.comparison().cox
        self.assertEqual(cox.reference_method, "SE")
        self.assertEqual(cox.left_out, ["SE+SED"])
        self.assertEqual([t.name for t in cox.terms], ["method:IPS"])
        self.assertEqual((cox.n, cox.events), (14, 8))

    def test_logrank_across_the_three_methods(self) -> None:
        comparison = self.comparison()
        self.assertEqual(comparison.logrank_df, 2)
        statistic, p = comparison.logrank
        self.assertGreater(statistic, 0)
        self.assertTrue(0 < p < 1)

    def test_the_data_are_read_in_a_constant_number_of_queries(self) -> None:
        # 1 the enrollments with gender and birth year, 2 the first competitive job of each,
        # 3 the SKAPA instrument, 4–5 its current version and domains, 6 the project,
        # 7 its progression (one query)
        with self.assertNumQueries(7):
            self.comparison()

    def test_one_group_alone_has_no_test_and_no_model(self) -> None:
        from stegvis.participants.tests import factories

        project = Project.objects.filter(pk=self.other_project.pk)
        factories.enrollment(project=self.other_project, actor=self.outsider, method="IPS")
        comparison = methods.compare_methods(project, as_of=AS_OF)
        self.assertEqual(len(comparison.groups), 1)
        self.assertIsNone(comparison.logrank)
        self.assertIsNone(comparison.cox)


class CommandTest(BaseTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        methods_data.build(cls)

    def run_command(self, *args: str) -> str:
        out = io.StringIO()
        call_command("report", "methods", *args, stdout=out)
        return out.getvalue()

    def test_json_has_exactly_the_issue_keys(self) -> None:
        data = json.loads(
            self.run_command("--project", "2024/00077", "--as-of", AS_OF.isoformat(), "--json")
        )
        self.assertEqual(set(data), {"groups", "logrank", "cox"})
        self.assertEqual(list(data["groups"]), ["SE", "SE+SED", "IPS"])
        se = data["groups"]["SE"]
        self.assertEqual(
            set(se),
            {"n", "events", "median_days", "median_ci", "survival", "employed_at_exit",
             "progression"},
        )  # fmt: skip
        self.assertEqual(set(se["survival"]), {"90", "180", "365"})
        self.assertEqual(set(se["progression"]), {"n", "mean_change", "ci"})
        self.assertEqual(se["n"], 10)
        self.assertEqual(se["median_days"], 200.0)
        self.assertAlmostEqual(se["survival"]["365"], 0.21875)
        self.assertIsNone(data["groups"]["IPS"]["survival"]["90"])
        self.assertEqual(set(data["logrank"]), {"statistic", "p", "df"})
        self.assertEqual(
            set(data["cox"]),
            {"reference", "methods", "covariates", "reference_gender", "reference_age_group",
             "ties", "left_out", "n", "events"},
        )  # fmt: skip
        self.assertEqual(set(data["cox"]["methods"]["IPS"]), {"hazard_ratio", "ci", "p"})

    def test_without_a_project_all_projects_count(self) -> None:
        data = json.loads(self.run_command("--as-of", AS_OF.isoformat(), "--json"))
        self.assertEqual(data["groups"]["SE"]["n"], 10)

    def test_text_output(self) -> None:
        text = self.run_command("--project", "2024/00077", "--as-of", AS_OF.isoformat())
        self.assertIn("SE: n=10 events=6 median=200", text)
        self.assertIn("Cox IPS vs SE", text)

    def test_an_unknown_project_is_an_error(self) -> None:
        with self.assertRaisesMessage(CommandError, "No project with diarienummer 2099/1."):
            self.run_command("--project", "2099/1", "--as-of", AS_OF.isoformat())


class ProgressionTest(AssessmentTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        progression_data.build(cls)

    def test_the_progression_is_the_assessments_figure(self) -> None:
        comparison = methods.compare_methods(
            Project.objects.filter(pk=self.project.pk), as_of=methods_data.day(600)
        )
        groups = {g.key: g for g in comparison.groups}
        expected = progression_data.SE_SUM
        change = groups["SE"].progression
        self.assertEqual(change.n, expected["n"])
        self.assertAlmostEqual(change.mean, expected["mean"], places=9)
        self.assertAlmostEqual(change.low, expected["low"], places=5)
        self.assertAlmostEqual(change.high, expected["high"], places=5)
        self.assertEqual(groups["IPS"].progression.n, 1)
        self.assertEqual(groups["IPS"].progression.mean, 9)


class LogrankEdgeTest(BaseTestCase):
    """The log-rank test on groups that cannot all enter it (found with the browser suite's data:
    a 500 from statsmodels' singular variance matrix)."""

    @staticmethod
    def _people(method: str, *rows: tuple[int, bool]) -> list[methods.Observation]:
        return [
            methods.Observation(method, days, event, "K", "30-54", False, False)
            for days, event in rows
        ]

    def test_a_method_nobody_was_followed_in_when_jobs_started_is_left_out(self) -> None:
        se = self._people("SE", (10, True), (20, True), (30, False))
        ips = self._people("IPS", (15, True), (25, False), (40, False))
        short = self._people("BOSTON", (3, False), (5, False))  # censored before the first job
        with_short = methods.logrank(se + ips + short)
        without = methods.logrank(se + ips)
        self.assertIsNotNone(without)
        self.assertEqual(with_short, without)
        self.assertEqual(with_short[2], 1)  # two methods: one degree of freedom

    def test_no_test_when_only_one_method_remains(self) -> None:
        se = self._people("SE", (10, True), (20, True))
        short = self._people("IPS", (3, False))
        self.assertIsNone(methods.logrank(se + short))

    def test_no_test_when_the_variance_cannot_be_inverted(self) -> None:
        # Everyone at risk gets a job on the same day: the variance (n - d = 0) is zero.
        se = self._people("SE", (10, True))
        ips = self._people("IPS", (10, True))
        self.assertIsNone(methods.logrank(se + ips))
