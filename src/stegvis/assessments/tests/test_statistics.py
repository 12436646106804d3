"""The progression statistics (progression.py) against the hand computation of progression_data.py,
and against a second, independent library (statsmodels)."""

from __future__ import annotations

import math

import numpy as np
from django.db import connection
from django.test import SimpleTestCase
from django.test.utils import CaptureQueriesContext
from statsmodels.stats.weightstats import DescrStatsW

from stegvis.assessments import progression as stats
from stegvis.assessments.models import Rater
from stegvis.assessments.progression import Cell, Change
from stegvis.assessments.tests import progression_data as data
from stegvis.assessments.tests.base import AssessmentTestCase

OTHER_DOMAINS = [
    "typ_av_arbete",
    "klara_ett_arbete",
    "kompetens",
    "vardag_natverk",
    "samarbetsformaga",
]


class ProgressionTestCase(AssessmentTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.people = data.build(cls)
        cls.version = stats.current_version_of(cls.skapa)

    def progression(self, rater: str = Rater.SELF) -> stats.ProjectProgression:
        return stats.project_progression(self.project, version=self.version, rater=rater)

    def assertChange(self, change: Change, expected: dict) -> None:  # noqa: N802
        self.assertEqual(change.n, expected["n"])
        self.assertAlmostEqual(change.mean, expected["mean"], places=9)
        self.assertAlmostEqual(change.sd, expected["sd"], places=9)
        self.assertAlmostEqual(change.low, expected["low"], places=5)
        self.assertAlmostEqual(change.high, expected["high"], places=5)

    def domain(self, group: stats.Progression, code: str) -> stats.DomainProgression:
        return next(d for d in group.domains if d.code == code)


class ProjectProgressionTests(ProgressionTestCase):
    def test_mean_change_sd_and_interval_per_domain_match_the_hand_computation(self):
        total = self.progression().total
        for code in OTHER_DOMAINS:
            with self.subTest(code):
                self.assertChange(self.domain(total, code).change, data.OTHER)
        self.assertChange(self.domain(total, "halsa").change, data.HALSA)

    def test_change_in_the_sum_matches_the_hand_computation(self):
        self.assertChange(self.progression().total.sum_change, data.SUM)

    def test_intervals_agree_with_statsmodels(self):
        """A second library computes the same intervals from the raw changes."""
        total = self.progression().total
        for code, changes in (("kompetens", data.CHANGE_OTHER), ("halsa", data.CHANGE_HALSA)):
            with self.subTest(code):
                low, high = DescrStatsW(np.array(changes, dtype=float)).tconfint_mean(alpha=0.05)
                change = self.domain(total, code).change
                self.assertAlmostEqual(change.low, low, places=9)
                self.assertAlmostEqual(change.high, high, places=9)
                self.assertAlmostEqual(change.sd, float(np.std(changes, ddof=1)), places=9)
        low, high = DescrStatsW(np.array(data.CHANGE_SUM, dtype=float)).tconfint_mean()
        self.assertAlmostEqual(total.sum_change.low, low, places=9)
        self.assertAlmostEqual(total.sum_change.high, high, places=9)

    def test_distributions_at_start_and_latest(self):
        total = self.progression().total
        self.assertEqual((total.n_start, total.n_latest), (7, 6))
        for code, start, latest in (
            ("kompetens", data.START_OTHER, data.LATEST_OTHER),
            ("halsa", data.START_HALSA, data.LATEST_HALSA),
        ):
            with self.subTest(code):
                row = self.domain(total, code)
                self.assertEqual([c.value for c in row.start], list(range(1, 11)))
                self.assertEqual({c.value: c.count for c in row.start if c.count}, start)
                self.assertEqual({c.value: c.count for c in row.latest if c.count}, latest)
                self.assertEqual((row.n_start, row.n_latest), (7, 6))
                # Every value of the scale is there, zeros too; shares are of the group.
                self.assertEqual(row.start[0], Cell(1, 0, 0.0))
                share = {c.value: c.share for c in row.latest}
                self.assertAlmostEqual(
                    share[latest and max(latest, key=latest.get)], max(latest.values()) / 6
                )

    def test_per_method(self):
        result = self.progression()
        self.assertEqual([g.key for g in result.by_method], ["IPS", "SE"])
        se, ips = result.group("SE"), result.group("IPS")
        self.assertEqual(se.label, "Supported Employment")
        self.assertEqual((se.n_start, se.n_latest), (5, 5))
        self.assertChange(self.domain(se, "kompetens").change, data.SE_OTHER)
        self.assertChange(se.sum_change, data.SE_SUM)
        low, high = DescrStatsW(np.array(data.CHANGE_SUM[:5], dtype=float)).tconfint_mean()
        self.assertAlmostEqual(se.sum_change.low, low, places=9)
        self.assertAlmostEqual(se.sum_change.high, high, places=9)
        # IPS: F assessed twice, G once: a mean from one person, no spread, no interval.
        self.assertEqual((ips.n_start, ips.n_latest), (2, 1))
        self.assertEqual(ips.sum_change, Change(n=1, mean=9.0))
        self.assertEqual(
            {c.value: c.count for c in self.domain(ips, "halsa").start if c.count}, {3: 1, 7: 1}
        )
        # The methods add up to the whole project.
        self.assertEqual(result.group(""), result.total)
        self.assertEqual(result.group("BOSTON"), result.total)

    def test_only_submitted_self_assessments_of_the_project_count(self):
        """B's draft (hälsa 10, dated today), the coaches' rows and the other project's
        participant would all change the figures if they counted."""
        total = self.progression().total
        self.assertEqual(self.domain(total, "halsa").latest[9].count, 0)  # value 10
        self.assertEqual(self.domain(total, "kompetens").start[0].count, 0)  # value 1

    def test_the_coaches_ratings_on_request_with_tilltro_outside_the_sum(self):
        total = self.progression(Rater.COACH).total
        self.assertEqual([d.code for d in total.domains][-1], "tilltro")
        self.assertChange(self.domain(total, "kompetens").change, data.COACH_DOMAIN)
        self.assertChange(self.domain(total, "tilltro").change, data.COACH_TILLTRO)
        self.assertChange(total.sum_change, data.COACH_SUM)
        self.assertEqual((total.n_start, total.n_latest), (2, 2))
        self.assertNotIn("tilltro", [d.code for d in self.progression().total.domains])

    def test_a_project_without_assessments(self):
        result = stats.project_progression(self.other_project, version=self.version)
        self.assertEqual(result.total.n_start, 1)  # the other project's participant
        empty = stats.project_progression(self.project, version=self.version)
        self.assertTrue(empty.total.n_start)
        from stegvis.projects import services as projects

        bare = projects.project_create(
            actor=self.manager, diarienummer="2024/00099", name="Tom", owner=self.org
        )
        nothing = stats.project_progression(bare, version=self.version)
        self.assertEqual(
            (nothing.total.n_start, nothing.total.n_latest, nothing.by_method), (0, 0, [])
        )
        self.assertEqual(nothing.total.sum_change, Change(n=0))
        self.assertTrue(all(c.share is None for c in nothing.total.domains[0].start))

    def test_the_figures_take_one_query_whatever_the_number_of_participants(self):
        self.version = stats.current_version_of(self.skapa)  # with its domains (two queries)
        with CaptureQueriesContext(connection) as one:
            self.progression()
        self.assertEqual(
            len(one.captured_queries), 1, [q["sql"][:200] for q in one.captured_queries]
        )
        for n in range(5):
            enrollment = self.enroll(method="SE+SED")
            self.record(enrollment, date=data.D(2025, 2, 1 + n), value=3)
            self.record(enrollment, date=data.D(2025, 6, 1 + n), value=4)
        with CaptureQueriesContext(connection) as more:
            result = self.progression()
        self.assertEqual(len(more.captured_queries), 1)
        self.assertEqual(result.group("SE+SED").n_latest, 5)
        self.assertEqual(result.group("SE+SED").label, "Supported Employment + Supported Education")

    def enroll(self, **values):  # noqa: ANN003, ANN201
        from stegvis.participants.tests import factories

        return factories.enrollment(
            project=self.project, coach=self.coach, actor=self.manager, **values
        )

    def test_assessments_on_a_version_with_another_scale_are_left_out(self):
        from stegvis.assessments import services
        from stegvis.assessments.services import DomainSpec

        specs = [DomainSpec(code=d.code, name_sv=d.name_sv, rated_by=d.rated_by, counts_in_sum=d.counts_in_sum)
                 for d in self.v1.domains.all()]  # fmt: skip
        five = services.instrument_version_save(
            actor=self.admin, instrument=self.skapa, domains=specs, scale_min=1, scale_max=5,
            scale_labels={}, rated_by="BOTH",
        )  # fmt: skip
        c = self.people["C"]
        services.assessment_record(
            actor=self.coach, enrollment=c, version=five, rater=Rater.SELF, date=data.D(2025, 8, 1),
            ratings={d.code: 1 for d in five.domains_for(Rater.SELF)},
        )  # fmt: skip
        # On version 1 (1–10) the figures are as before; on the new 1–5 version only C's one.
        self.assertChange(self.progression().total.sum_change, data.SUM)
        on_five = stats.project_progression(
            self.project, version=stats.current_version_of(self.skapa)
        )
        self.assertEqual((on_five.total.n_start, on_five.total.n_latest), (1, 0))

    def test_project_methods(self):
        self.assertEqual(
            stats.project_methods(self.project),
            [("IPS", "Individual Placement and Support"), ("SE", "Supported Employment")],
        )


class ChangeTests(SimpleTestCase):
    def test_from_sums(self):
        self.assertEqual(Change.from_sums(0, 0, 0), Change(n=0))
        self.assertEqual(Change.from_sums(1, -3, 9), Change(n=1, mean=-3.0))
        same = Change.from_sums(3, 6, 12)  # 2, 2, 2
        self.assertEqual((same.mean, same.sd, same.low, same.high), (2.0, 0.0, 2.0, 2.0))
        # 1 and 3: mean 2, variance 2, sd √2, t(0.975, 1) = 12.706205, se = 1
        two = Change.from_sums(2, 4, 10)
        self.assertAlmostEqual(two.sd, math.sqrt(2))
        self.assertAlmostEqual(two.low, 2 - 12.706205, places=5)
        self.assertTrue(two.shown)
        self.assertFalse(two.hidden().shown)
        self.assertEqual(two.hidden(), Change(n=2, suppressed=True))


class SmallNumberTests(ProgressionTestCase):
    def test_counts_under_five_are_hidden_and_the_rest_shown(self):
        total = stats.suppress_small_numbers(self.progression()).total
        row = self.domain(total, "kompetens")
        # Every count in the data set is 1 or 2: all hidden, the zeros shown.
        self.assertEqual({c.value for c in row.start if c.count is None}, set(data.START_OTHER))
        self.assertEqual(row.start[0], Cell(1, 0, 0.0))
        self.assertTrue(total.suppressed_counts)
        # Six participants behind each mean change: shown.
        self.assertChange(row.change, data.OTHER)
        self.assertChange(total.sum_change, data.SUM)
        self.assertEqual((total.n_start_hidden, total.n_latest_hidden), (False, False))

    def test_a_method_under_five_is_hidden_and_so_is_the_next_smallest(self):
        """IPS has 2 participants: hidden. Shown beside the project's total, SE would give IPS
        away (7 − 5), so SE is hidden too."""
        result = stats.suppress_small_numbers(self.progression())
        self.assertTrue(result.protected)
        for key in ("IPS", "SE"):
            group = result.group(key)
            with self.subTest(key):
                self.assertTrue(group.n_start_hidden and group.n_latest_hidden)
                self.assertTrue(group.sum_change.suppressed)
                self.assertIsNone(group.sum_change.mean)
                self.assertTrue(
                    all(c.count is None for d in group.domains for c in (*d.start, *d.latest))
                )
                self.assertTrue(all(d.change.suppressed for d in group.domains))

    def test_one_small_count_takes_the_smallest_other_with_it(self):
        cells = [Cell(1, 0, 0.0), Cell(2, 3, 0.2), Cell(3, 5, 0.33), Cell(4, 7, 0.47)]
        hidden, any_hidden = stats._hide_small_counts(cells)
        self.assertTrue(any_hidden)
        self.assertEqual([c.count for c in hidden], [0, None, None, 7])
        self.assertEqual(stats._hide_small_counts(cells[2:]), (cells[2:], False))
        two_small = [Cell(1, 1, 0.1), Cell(2, 2, 0.2), Cell(3, 7, 0.7)]
        self.assertEqual([c.count for c in stats._hide_small_counts(two_small)[0]], [None, None, 7])
        alone = [Cell(1, 0, 0.0), Cell(2, 4, 1.0)]
        self.assertEqual([c.count for c in stats._hide_small_counts(alone)[0]], [0, None])

    def test_few_assessed_twice_hides_the_changes_but_not_the_start(self):
        for name in "ABCD":  # leave E and F assessed twice: two people
            from stegvis.assessments.models import Assessment

            Assessment.objects.filter(
                enrollment=self.people[name], date__gt=data.D(2025, 2, 1)
            ).delete()
        total = stats.suppress_small_numbers(self.progression()).total
        self.assertEqual((total.n_start, total.n_start_hidden), (7, False))
        self.assertEqual((total.n_latest, total.n_latest_hidden), (2, True))
        self.assertTrue(total.sum_change.suppressed)
        self.assertTrue(all(d.change.suppressed for d in total.domains))
        self.assertTrue(
            all(c.count is None for c in self.domain(total, "halsa").latest if c.value in (7, 8))
        )
