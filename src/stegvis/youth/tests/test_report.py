"""The school report against a small data set computed by hand.

Project `project`, period 2025-09-01 – 2025-12-31. Participants with studies:
  A (K): attendance Sep 60, Oct 70, Dec 90 -> first 60, last 90; not eligible at start, eligible
         2025-11-10; started 2025-08-20, completed 2025-12-15; risk 2025-10-01, averted.
  B (K): attendance Sep 80, Nov 70 -> first 80, last 70; eligible at start; started 2025-09-01
         (in period), not completed; risk 2025-09-15, not averted.
  C (M): attendance Oct 50 only (one month: not in the attendance rows); not eligible at start,
         eligible 2026-01-20 (after the period); studies not started.
  D (M): attendance Aug 40 (before the period) and Sep 55, Oct 65 -> first 55, last 65;
         eligibility unknown, eligible 2025-09-30; started 2025-01-10, completed 2025-06-01
         (before the period).
By hand (K / M / X / total):
  participants 2 / 2 / 0 / 4; started in period 1 / 0 / 0 / 1;
  attendance people 2 / 1 / 0 / 3; first mean (60+80)/2=70.0 / 55.0 / – / (60+80+55)/3=65.0;
  last mean (90+70)/2=80.0 / 65.0 / – / (90+70+65)/3=75.0; change 10.0 / 10.0 / – / 10.0;
  not eligible 1 / 2 / 0 / 3; became eligible 1 / 1 / 0 / 2; share 100.0 / 50.0 / – / 66.7;
  studying 2 / 1 / 0 / 3; completed 1 / 0 / 0 / 1; share 50.0 / 0.0 / – / 33.3;
  dropout risk 2 / 0 / 0 / 2; averted 1 / 0 / 0 / 1.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

import time_machine

from stegvis.participants.tests import factories
from stegvis.youth import report, services
from stegvis.youth.models import Attendance
from stegvis.youth.tests.base import YouthTestCase

D = datetime.date
START, END = D(2025, 9, 1), D(2025, 12, 31)


@time_machine.travel(datetime.datetime(2026, 3, 1, 12, tzinfo=datetime.UTC))
class SchoolReportTest(YouthTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()

        def participant(gender: str, attendance: dict, **studies):  # noqa: ANN003,ANN202
            enrollment = factories.enrollment(
                project=cls.project, coach=cls.coach, actor=cls.coach,
                person_obj=factories.person(gender=gender, birth_year=1990), start_date=D(2025, 1, 10),
            )  # fmt: skip
            row = services.studies_add(actor=cls.coach, enrollment=enrollment, school="Skolan",
                                       school_form="KOMVUX", **studies)  # fmt: skip
            for month, percent in attendance.items():
                Attendance.objects.create(
                    studies=row, month=D(2025, month, 1), percent=Decimal(percent), source="COACH"
                )
            return enrollment

        participant("K", {9: 60, 10: 70, 12: 90}, eligible_at_start=False, eligible_on=D(2025, 11, 10),
                    started_on=D(2025, 8, 20), completed_on=D(2025, 12, 15), dropout_risk_on=D(2025, 10, 1),
                    dropout_outcome="AVERTED")  # fmt: skip
        participant("K", {9: 80, 11: 70}, eligible_at_start=True, started_on=D(2025, 9, 1),
                    dropout_risk_on=D(2025, 9, 15), dropout_outcome="NOT_AVERTED")  # fmt: skip
        participant("M", {10: 50}, eligible_at_start=False, eligible_on=D(2026, 1, 20))
        participant("M", {8: 40, 9: 55, 10: 65}, eligible_on=D(2025, 9, 30), started_on=D(2025, 1, 10),
                    completed_on=D(2025, 6, 1))  # fmt: skip
        # Someone in another project never counts.
        other = factories.enrollment(project=cls.other_project, actor=cls.outsider)
        services.studies_add(actor=cls.outsider, enrollment=other, school="Söder", school_form="KOMVUX",
                             started_on=D(2025, 9, 1))  # fmt: skip

    def table(self, *, exact: bool) -> dict[str, list]:
        result = report.school_report(self.project, start=START, end=END)
        return {row["key"]: row["cells"] for row in report.report_table(result, exact=exact)}

    def test_the_exact_figures_are_those_computed_by_hand(self) -> None:
        d = Decimal
        expected = {
            "participants": [2, 2, 0, 4],
            "started": [1, 0, 0, 1],
            "attendance_people": [2, 1, 0, 3],
            "attendance_first": [d("70.0"), d("55.0"), None, d("65.0")],
            "attendance_last": [d("80.0"), d("65.0"), None, d("75.0")],
            "attendance_change": [d("10.0"), d("10.0"), None, d("10.0")],
            "not_eligible": [1, 2, 0, 3],
            "became_eligible": [1, 1, 0, 2],
            "eligible_share": [d("100.0"), d("50.0"), None, d("66.7")],
            "studying": [2, 1, 0, 3],
            "completed": [1, 0, 0, 1],
            "completed_share": [d("50.0"), d("0.0"), None, d("33.3")],
            "dropout_risk": [2, 0, 0, 2],
            "dropout_averted": [1, 0, 0, 1],
        }
        self.assertEqual(self.table(exact=True), expected)

    def test_aggregate_only_roles_see_small_numbers_as_under_five(self) -> None:
        table = self.table(exact=False)
        self.assertEqual(table["participants"], ["<5", "<5", 0, "<5"])
        self.assertEqual(table["attendance_first"], ["<5", "<5", None, "<5"])
        self.assertEqual(table["completed_share"], ["<5", "<5", None, "<5"])
        self.assertEqual(table["completed"], ["<5", 0, 0, "<5"])

    def test_the_report_takes_three_queries_however_many_participants(self) -> None:
        # enrollments with their people; their studies; the studies' attendance in the period
        with self.assertNumQueries(3):
            report.school_report(self.project, start=START, end=END)

    def test_without_a_period_the_whole_project_counts(self) -> None:
        result = report.school_report(self.project)
        self.assertEqual(result.people, 4)
        # D's attendance from August counts too: first 40, last 65.
        self.assertEqual(result.groups["M"].first_sum, Decimal(40))

    def test_a_participant_who_left_before_the_period_or_started_after_it_is_not_counted(
        self,
    ) -> None:
        from stegvis.participants import services as participant_services

        left = factories.enrollment(project=self.project, coach=self.coach, actor=self.coach,
                                    person_obj=factories.person(gender="X", birth_year=1990), start_date=D(2025, 1, 10))  # fmt: skip
        services.studies_add(
            actor=self.coach, enrollment=left, school="Skolan", school_form="KOMVUX"
        )
        participant_services.enrollment_exit(actor=self.coach, enrollment=left, end_date=D(2025, 8, 31),
                                             exit_status="EDUCATION")  # fmt: skip
        self.assertEqual(
            report.school_report(self.project, start=START, end=END).groups["X"].participants, 0
        )
        self.assertEqual(
            report.school_report(self.project, start=D(2025, 8, 1), end=END)
            .groups["X"]
            .participants,
            1,
        )
        self.assertEqual(report.school_report(self.project, end=D(2024, 12, 31)).people, 0)

    def test_the_chart_shows_each_figure_in_words_and_as_a_bar(self) -> None:
        from stegvis.youth.chart import school_chart

        result = report.school_report(self.project, start=START, end=END)
        svg = school_chart(report.report_table(result, exact=True))
        self.assertIn('role="img"', svg)
        self.assertIn('data-series="eligible" data-column="total" data-value="66.7"', svg)
        self.assertIn("66.7 %", svg)
        hidden = school_chart(report.report_table(result, exact=False))
        self.assertNotIn("<rect", hidden)
        self.assertNotIn(" style=", hidden)


class ShareTest(YouthTestCase):
    def test_shares_and_means_of_five_or_more_are_shown_to_all(self) -> None:
        self.assertEqual(report._share(5, 10, False), Decimal("50.0"))
        self.assertEqual(report._share(0, 5, False), Decimal("0.0"))
        self.assertEqual(report._share(4, 10, False), "<5")
        self.assertEqual(report._mean(Decimal(300), 5, False), Decimal("60.0"))


class ComplementTest(YouthTestCase):
    def test_a_hidden_count_that_the_total_would_give_away_hides_one_more(self) -> None:
        groups = {c: report.Group() for c in report.COLUMNS}
        for column, (people, studying, completed) in {
            "K": (2, 2, 1),
            "M": (10, 10, 6),
            "total": (12, 12, 7),
        }.items():
            groups[column].participants = people
            groups[column].studying = studying
            groups[column].completed = completed
        result = report.SchoolReport(start=None, end=None, groups=groups)
        table = {row["key"]: row["cells"] for row in report.report_table(result, exact=False)}
        self.assertEqual(table["participants"], ["<5", "x", 0, 12])
        self.assertEqual(table["completed"], ["<5", "x", 0, 7])
        self.assertEqual(table["completed_share"], ["<5", "x", None, Decimal("58.3")])
        exact = {row["key"]: row["cells"] for row in report.report_table(result, exact=True)}
        self.assertEqual(
            exact["completed_share"], [Decimal("50.0"), Decimal("60.0"), None, Decimal("58.3")]
        )
