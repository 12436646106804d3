"""The outcome reports against a hand-computed data set; the page, its downloads and who sees what.

The quarter is 2025Q3 (2025-07-01 – 2025-09-30). Competitive = a JOB with competitive YES.

| who | start      | end        | coaches | jobs                                              | income start → end            |
|-----|------------|------------|---------|---------------------------------------------------|-------------------------------|
| O1  | 2025-01-10 |            | 1       | competitive 2025-05-01–, 20 h                     |                               |
| O2  | 2025-07-01 |            | 2       | competitive 2025-09-30–, 30 h                     |                               |
| O3  | 2025-03-01 | 2025-07-01 | 1       | not competitive 2025-07-01–                       | SOCIAL_ASSISTANCE → SALARY    |
| O4  | 2025-02-01 | 2025-06-30 | 0       | competitive 2025-07-05– (after leaving)           | SICKNESS_BENEFIT → SALARY     |
| O5  | 2025-10-01 |            | 0       |                                                   |                               |
| O6  | 2025-04-01 |            | 0       | competitive 2025-06-01–2025-06-30; studies 07-15– |                               |
| O7  | 2025-01-01 | 2025-09-30 | 1       | competitive 2025-08-01–2025-08-31, hours unknown  | NONE → not recorded           |
| O8  | 2024-01-01 | 2025-12-01 | 1       |                                                   |                               |

- Served in Q3: O1 O2 O3 O6 O7 O8 = 6 (O3 left on the first day, O7 on the last; O4 left before,
  O5 starts after).
- With a competitive job in Q3: O1 (since May), O2 (from the last day), O7 = 3 (O3's job is not
  competitive, O6's ended before, O4 is not served): share 3/6 = 50 %, "excellent" (≥ 50 %).
- New competitive jobs in Q3: O2's and O7's = 2 (O1's started in May; O4 is not served).
- Hours: the competitive jobs held in Q3 with known hours: O1 20, O2 30 → 2 jobs, mean 25.0.
- Coach: served with a coach O1 O2 O3 O7 O8 = 5 (O6 has none); one coach only: O1 O3 O7 O8 = 4
  (O2 changed coach): 80 %.
- Income transition, left on or before 2025-09-30: O3, O4, O7 = 3 (O8 leaves after):
  SOCIAL_ASSISTANCE → SALARY 1, SICKNESS_BENEFIT → SALARY 1, NONE → not recorded 1.
"""

from __future__ import annotations

import csv
import io

import time_machine
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from stegvis.core.models import AuditEvent
from stegvis.core.permissions import Role
from stegvis.core.testing import BaseTestCase
from stegvis.participants import services as participants
from stegvis.participants.tests import factories
from stegvis.projects import services as projects
from stegvis.reports import outcomes
from stegvis.reports.outcomes import Quarter
from stegvis.reports.tests.esf_data import D

Q3 = Quarter(2025, 3)


def job(enrollment, start, *, competitive=True, end=None, hours=None, kind="JOB"):  # noqa: ANN001,ANN201
    values = {"kind": kind, "employer": "Arbetsgivaren AB", "start_date": start, "end_date": end,
              "hours_per_week": hours}  # fmt: skip
    if kind == "JOB":
        values["competitive"] = competitive
    return participants.employment_add(actor=None, enrollment=enrollment, **values)


class OutcomesData(BaseTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        projects.project_staff_add(
            actor=cls.manager, project=cls.project, user=cls.coach2, role=Role.COACH
        )
        e = {}

        def enroll(code, start, coach=None, **values):  # noqa: ANN001,ANN003,ANN202
            e[code] = factories.enrollment(
                project=cls.project, participant_code=code, start_date=start, coach=coach, **values
            )
            return e[code]

        job(enroll("O1", D(2025, 1, 10), cls.coach), D(2025, 5, 1), hours=20)
        enroll("O2", D(2025, 7, 1), cls.coach)
        participants.enrollment_change_coach(
            actor=None, enrollment=e["O2"], coach=cls.coach2, on=D(2025, 8, 1), reason="Byte"
        )
        job(e["O2"], D(2025, 9, 30), hours=30)
        enroll("O3", D(2025, 3, 1), cls.coach, end_date=D(2025, 7, 1), exit_status="EMPLOYED",
               income_source_start="SOCIAL_ASSISTANCE", income_source_end="SALARY")  # fmt: skip
        job(e["O3"], D(2025, 7, 1), competitive=False)
        enroll("O4", D(2025, 2, 1), end_date=D(2025, 6, 30), exit_status="EMPLOYED",
               income_source_start="SICKNESS_BENEFIT", income_source_end="SALARY")  # fmt: skip
        job(e["O4"], D(2025, 7, 5))
        enroll("O5", D(2025, 10, 1))
        enroll("O6", D(2025, 4, 1))
        job(e["O6"], D(2025, 6, 1), end=D(2025, 6, 30))
        job(e["O6"], D(2025, 7, 15), kind="STUDIES")
        enroll("O7", D(2025, 1, 1), cls.coach, end_date=D(2025, 9, 30), exit_status="EMPLOYED",
               income_source_start="NONE")  # fmt: skip
        job(e["O7"], D(2025, 8, 1), end=D(2025, 8, 31))
        enroll("O8", D(2024, 1, 1), cls.coach, end_date=D(2025, 12, 1), exit_status="OTHER")
        # Another project's participant counts nowhere.
        factories.enrollment(project=cls.other_project, start_date=D(2025, 7, 1))
        cls.e = e


class OutcomesFiguresTest(OutcomesData):
    def test_the_quarter_matches_the_hand_computed_figures(self):
        with self.assertNumQueries(3):  # participants served; their jobs; the income table
            o = outcomes.project_outcomes(self.project, quarter=Q3)
        self.assertEqual((o.served, o.working, o.share_working), (6, 3, 0.5))
        self.assertEqual(str(o.benchmark), "utmärkt")
        self.assertEqual(
            (o.new_jobs, o.jobs_with_hours, o.hours_total, o.hours_mean), (2, 2, 50, 25.0)
        )
        self.assertEqual((o.with_coach, o.one_coach, o.share_one_coach), (5, 4, 0.8))
        self.assertEqual(o.left, 3)
        self.assertEqual(
            o.transition,
            {
                ("SOCIAL_ASSISTANCE", "SALARY"): 1,
                ("SICKNESS_BENEFIT", "SALARY"): 1,
                ("NONE", ""): 1,
            },
        )

    def test_the_query_count_does_not_grow_with_participants(self):
        for n in range(5):
            job(
                factories.enrollment(project=self.project, start_date=D(2025, 7, 2)),
                D(2025, 8, n + 1),
            )
        with self.assertNumQueries(3):
            o = outcomes.project_outcomes(self.project, quarter=Q3)
        self.assertEqual((o.served, o.working, o.new_jobs), (11, 8, 7))

    def test_an_empty_quarter_has_no_shares(self):
        o = outcomes.project_outcomes(self.project, quarter=Quarter(2020, 1))
        self.assertEqual(
            (o.served, o.share_working, o.hours_mean, o.share_one_coach), (0, None, None, None)
        )
        self.assertEqual(str(o.benchmark), "under lägsta godtagbara nivå")

    def test_the_rows_hide_small_numbers_unless_exact(self):
        o = outcomes.project_outcomes(self.project, quarter=Q3)
        exact = [v for _label, v in outcomes.outcome_rows(o, exact=True)]
        self.assertEqual(exact, [6, 3, "50 %", 2, "25,0", 5, 4, "80 %"])
        hidden = [v for _label, v in outcomes.outcome_rows(o, exact=False)]
        self.assertEqual(hidden, [6, "<5", "<5", "<5", "<5", 5, "<5", "<5"])

    def test_the_income_cross_table(self):
        o = outcomes.project_outcomes(self.project, quarter=Q3)
        table = outcomes.transition_table(o, exact=True)
        with translation.override("en"):
            self.assertEqual(
                [str(c) for c in table["columns"]],
                ["Salary", "Sickness or rehabilitation benefit", "Social assistance",
                 "No income of their own", "Not recorded"],
            )  # fmt: skip
        self.assertEqual([r["cells"] for r in table["rows"]],
                         [[0, 0, 0, 0, 0], [1, 0, 0, 0, 0], [1, 0, 0, 0, 0], [0, 0, 0, 0, 1],
                          [0, 0, 0, 0, 0]])  # fmt: skip
        self.assertEqual((table["totals"], table["total"]), ([2, 0, 0, 0, 1], 3))
        hidden = outcomes.transition_table(o, exact=False)
        self.assertEqual((hidden["totals"], hidden["total"]), (["<5", 0, 0, 0, "<5"], "<5"))


class QuarterTest(BaseTestCase):
    def test_quarters_parse_and_span_their_months(self):
        self.assertEqual(Quarter.parse(" 2025q3 "), Q3)
        self.assertEqual((Q3.start, Q3.end, str(Q3)), (D(2025, 7, 1), D(2025, 9, 30), "2025Q3"))
        self.assertEqual(Quarter(2025, 4).end, D(2025, 12, 31))
        self.assertEqual(Quarter.of(D(2025, 2, 28)), Quarter(2025, 1))
        for bad in ("2025Q5", "2025-3", "", "Q3"):
            with self.subTest(bad=bad), self.assertRaises(ValueError):
                Quarter.parse(bad)


class OutcomesPageTest(OutcomesData):
    def url(self, name: str = "reports:project_outcomes", *args: str) -> str:
        return reverse(name, args=[self.project.public_id, *args])

    def test_the_manager_sees_exact_figures(self):
        self.login(self.manager)
        response = self.client.get(self.url(), {"quarter": "2025Q3"})
        self.assertEqual(response.status_code, 200)
        self.assertEqual([v for _l, v in response.context["rows"]][:3], [6, 3, "50 %"])
        self.assertContains(response, "2025Q3")

    def test_funders_evaluators_and_coaches_see_small_numbers_hidden(self):
        for user in (self.funder, self.evaluator, self.coach):
            with self.subTest(user=user.username):
                self.login(user)
                response = self.client.get(self.url(), {"quarter": "2025Q3"})
                self.assertEqual([v for _l, v in response.context["rows"]][:3], [6, "<5", "<5"])
                self.assertContains(response, "&lt;5")

    def test_others_get_404(self):
        for user in (self.outsider, self.referral, self.no_role):
            with self.subTest(user=user.username):
                self.login(user)
                self.assertEqual(self.client.get(self.url()).status_code, 404)
                self.assertEqual(
                    self.client.get(
                        self.url("reports:project_outcomes_download", "csv")
                    ).status_code,
                    404,
                )

    def test_an_empty_quarter_shows_zeros_and_dashes(self):
        self.login(self.manager)
        response = self.client.get(self.url(), {"quarter": "2020Q1"})
        self.assertContains(response, '<td class="number">0</td>', count=5)
        self.assertContains(response, '<td class="number">–</td>', count=3)
        self.assertContains(response, "Ingen deltagare har slutat än.")

    def test_a_wrong_quarter_falls_back_to_the_current_one_with_a_message(self):
        self.login(self.manager)
        response = self.client.get(self.url(), {"quarter": "2025Q9"})
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "2025Q3")  # the form says what a quarter looks like
        self.assertTrue(response.context["form"].errors)

    def test_without_a_quarter_the_current_one_is_shown(self):
        self.login(self.manager)
        for params in ({}, {"quarter": ""}):
            with self.subTest(params=params), time_machine.travel(D(2025, 8, 15)):
                response = self.client.get(self.url(), params)
                self.assertEqual(response.context["report"].quarter, Q3)

    def test_the_query_count_does_not_grow_with_participants(self):
        self.login(self.manager)
        self.client.get(self.url(), {"quarter": "2025Q3"})
        # session, user, memberships; project (access); staff roles; the three report queries
        with self.assertNumQueries(8):
            self.client.get(self.url(), {"quarter": "2025Q3"})
        for _ in range(5):
            factories.enrollment(project=self.project, start_date=D(2025, 7, 2))
        with self.assertNumQueries(8):
            self.client.get(self.url(), {"quarter": "2025Q3"})

    def test_the_csv_and_the_audit_event(self):
        self.login(self.manager)
        response = self.client.get(
            self.url("reports:project_outcomes_download", "csv"), {"quarter": "2025Q3"}
        )
        self.assertIn('filename="utfall-2024-00001-2025Q3.csv"', response["Content-Disposition"])
        rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
        self.assertEqual(rows[1], ["Deltagare som fått stöd under kvartalet", "6"])
        self.assertIn(["Lön", "0", "0", "0", "0", "0", "0"], rows)
        event = AuditEvent.objects.get(action="report.exported")
        self.assertEqual(event.changes["report"], [None, "outcomes"])
        self.assertEqual(event.changes["quarter"], [None, "2025Q3"])
        self.assertEqual(event.changes["people"], [None, 7])  # served 6, and O4 who left before

    def test_the_funder_gets_small_numbers_hidden_in_the_xlsx(self):
        self.login(self.funder)
        response = self.client.get(
            self.url("reports:project_outcomes_download", "xlsx"), {"quarter": "2025Q3"}
        )
        sheet = load_workbook(io.BytesIO(response.content)).active
        values = [list(r) for r in sheet.iter_rows(values_only=True)]
        self.assertEqual(values[2][:2], ["Med ett konkurrensutsatt arbete under kvartalet", "<5"])

    def test_an_unknown_format_is_404(self):
        self.login(self.manager)
        self.assertEqual(
            self.client.get(self.url("reports:project_outcomes_download", "pdf")).status_code, 404
        )
