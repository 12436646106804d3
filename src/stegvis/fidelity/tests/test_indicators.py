"""The routine fidelity indicators against a hand-computed data set.

The period is March 2025 (2025-03-01 – 2025-03-31: 31 days, 31/7 = 4.43 weeks).

| who | start | end   | coach  | first employer contact            | job (JOB)                                          | after the hire                |
|-----|-------|-------|--------|-----------------------------------|----------------------------------------------------|-------------------------------|
| A   | 03-03 |       | coach  | workplace visit 03-10 (7 days)    | 03-20 via the opening (SSYK 4321, Lagerhuset)      | job support 03-22             |
| B   | 03-05 |       | coach  | none (26 days by the end: pending) |                                                    |                               |
| C   | 02-01 |       | coach2 | (started before the period)       | 03-10 not competitive, Kaféet, "Barista"           | meeting with the coach 03-15  |
| D   | 03-01 |       | coach2 | step SE 4 on 03-31 (30 days)      |                                                    |                               |
| E   | 01-10 | 03-15 | coach  | (started before the period)       | 03-01 competitive, Lagerhuset (same org. no.), "4321" | none                       |
| F   | 03-01 |       | none   | the job 03-28 (27 days)           | 03-28 competitive, Bageriet, no occupation         | (within 7 days of the end)    |
| G   | 03-01 |       | coach  | none (30 days by the end: late)   |                                                    |                               |

Another project's participant with a job in March counts nowhere.

- Caseload on 03-31: coach A B G = 3, coach2 C D = 2 (E left); F has no coach. Mean 2.5, largest
  3, none over 20: met.
- First contact (started in March: A B D F G): days 7, 30, 27 -> median 27: met; within 30 days:
  3 of 4 (A D F, and G late; B pending) = 75 %.
- Employer contacts in March: coach visit 03-02, job development 03-09, phone 03-10; coach2 visit
  03-15 (coach's visit 02-27 is outside): 3 in person, 4 in all. Coaches: coach, coach2 = 2.
  3 / 2 / (31/7) = 0.34 -> "0,3": not met.
- Jobs started in March: A C E F = 4; competitive A E F = 3 of 4 = 75 %: not met.
- Types: A 4321 (opening), C barista, E 4321, F unknown -> 2 of 3 = 67 %: not met.
- Employers: A and E the same org. no., C, F -> 3 of 4 = 75 %: not met.
- Support after hire (hired 03-01 – 03-24): A (support) C (contact) E (none) -> 2 of 3 = 67 %.
"""

from __future__ import annotations

import datetime

from stegvis.core.permissions import Role
from stegvis.core.testing import BaseTestCase
from stegvis.employers import services as employers
from stegvis.fidelity import indicators
from stegvis.participants import services as participants
from stegvis.participants.tests import factories
from stegvis.projects import services as projects

D = datetime.date
START, END = D(2025, 3, 1), D(2025, 3, 31)


class IndicatorData(BaseTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        projects.project_staff_add(
            actor=cls.manager, project=cls.project, user=cls.coach2, role=Role.COACH
        )
        project = cls.project

        def enroll(code, start, coach, **values):  # noqa: ANN001, ANN003, ANN202
            return factories.enrollment(
                project=project, participant_code=code, start_date=start, coach=coach, **values
            )

        def job(enrollment, start, employer, competitive=True, **values):  # noqa: ANN001, ANN003, ANN202
            return participants.employment_add(
                actor=None, enrollment=enrollment, kind="JOB", employer=employer,
                start_date=start, competitive=competitive, **values,
            )  # fmt: skip

        lager, _new = employers.employer_register(
            actor=cls.coach, organisation=cls.org, name="Lagerhuset AB", org_number="5560160680"
        )
        opening = employers.opening_create(
            actor=cls.coach, employer=lager, project=project, title="Lagerarbetare", ssyk="4321"
        )
        a = enroll("A", D(2025, 3, 3), cls.coach)
        participants.contact_add(
            actor=cls.coach, enrollment=a, kind="WORKPLACE", date=D(2025, 3, 10)
        )
        hire = employers.hire_record(
            actor=cls.coach, opening=opening, enrollment=a, start_date=D(2025, 3, 20),
            competitive=True,
        )  # fmt: skip
        employers.job_support_add(
            actor=cls.coach, employment=hire, date=D(2025, 3, 22), recipient="PARTICIPANT",
            kind="PHONE",
        )  # fmt: skip
        enroll("B", D(2025, 3, 5), cls.coach)
        c = enroll("C", D(2025, 2, 1), cls.coach2)
        job(c, D(2025, 3, 10), "Kaféet", competitive=False, occupation="Barista")
        participants.contact_add(
            actor=cls.coach2, enrollment=c, kind="MEETING", date=D(2025, 3, 15)
        )
        d = enroll("D", D(2025, 3, 1), cls.coach2)
        participants.step_record(actor=None, enrollment=d, step="SE_EMPLOYER", date=D(2025, 3, 31))
        e = enroll("E", D(2025, 1, 10), cls.coach)
        job(e, D(2025, 3, 1), "Lagerhuset", employer_org_number="5560160680", occupation="4321")
        participants.enrollment_exit(actor=None, enrollment=e, end_date=D(2025, 3, 15),
                                     exit_status="EMPLOYED")  # fmt: skip
        f = enroll("F", D(2025, 3, 1), None)
        job(f, D(2025, 3, 28), "Bageriet")
        enroll("G", D(2025, 3, 1), cls.coach)
        other = factories.enrollment(
            project=cls.other_project, participant_code="X", start_date=D(2025, 3, 1)
        )
        job(other, D(2025, 3, 2), "Annat AB")

        for who, kind, day in (
            (cls.coach, "VISIT", D(2025, 3, 2)),
            (cls.coach, "JOB_DEVELOPMENT", D(2025, 3, 9)),
            (cls.coach, "PHONE", D(2025, 3, 10)),
            (cls.coach2, "VISIT", D(2025, 3, 15)),
            (cls.coach, "VISIT", D(2025, 2, 27)),
        ):
            employers.employer_contact_log(
                actor=who, employer=lager, project=project, kind=kind, date=day
            )


class FiguresTests(IndicatorData):
    def test_figures_match_the_hand_computed_set_in_six_queries(self):
        with self.assertNumQueries(6):
            f = indicators.project_figures(self.project, start=START, end=END)
        self.assertEqual(f.caseloads, [3, 2])
        self.assertEqual(f.without_coach, 1)
        self.assertEqual(f.caseload_mean, 2.5)
        self.assertEqual(f.first_contact_days, {7: 1, 30: 1, 27: 1})
        self.assertEqual(f.first_contact_median, 27)
        self.assertEqual((f.within_30, f.no_contact_late, f.no_contact_pending), (3, 1, 1))
        self.assertEqual(f.coaches, 2)
        self.assertEqual((f.employer_contacts_in_person, f.employer_contacts), (3, 4))
        self.assertAlmostEqual(f.contacts_per_coach_week, 3 / 2 / (31 / 7))
        self.assertEqual((f.jobs, f.jobs_known_kind, f.jobs_competitive), (4, 4, 3))
        self.assertEqual((f.jobs_typed, f.job_types), (3, 2))
        self.assertEqual(f.job_employers, 3)
        self.assertEqual((f.hired, f.hired_supported), (3, 2))

    def test_rows_give_value_target_and_verdict_for_the_manager(self):
        f = indicators.project_figures(self.project, start=START, end=END)
        rows = {r.key: r for r in indicators.indicator_rows(f, exact=True)}
        self.assertEqual(
            {k: (r.value, r.met) for k, r in rows.items()},
            {
                "caseload": ("2,5", True),
                "first_contact": ("27", True),
                "employer_contacts": ("0,3", False),
                "competitive": ("75 %", False),
                "job_types": ("67 %", False),
                "employers": ("75 %", False),
                "support_after_hire": ("67 %", False),
            },
        )
        self.assertIn(("Andel inom 30 dagar", "75 %"), rows["first_contact"].details)
        self.assertIs(rows["caseload"].small, True)  # 5 people: fewer than 10
        self.assertEqual(str(rows["caseload"].status), "Uppfyllt")

    def test_small_counts_are_hidden_from_those_who_see_aggregates_only(self):
        f = indicators.project_figures(self.project, start=START, end=END)
        rows = {r.key: r for r in indicators.indicator_rows(f, exact=False)}
        self.assertEqual(rows["caseload"].value, "2,5")  # five people behind it
        self.assertEqual(rows["first_contact"].value, "<5")  # three with a contact
        self.assertIsNone(rows["first_contact"].met)
        self.assertEqual(rows["competitive"].value, "<5")
        self.assertEqual(str(rows["competitive"].status), "Kan inte bedömas")
        self.assertIn(("Deltagare utan coach", "<5"), rows["caseload"].details)

    def test_an_empty_period_has_nothing_to_judge(self):
        f = indicators.project_figures(self.project, start=D(2020, 1, 1), end=D(2020, 1, 31))
        rows = indicators.indicator_rows(f, exact=True)
        self.assertEqual({r.value for r in rows}, {"–"})
        self.assertEqual({r.met for r in rows}, {None})


class MedianTests(BaseTestCase):
    def test_median_of_counts(self):
        self.assertIsNone(indicators.median_of_counts({}))
        self.assertEqual(indicators.median_of_counts({5: 3}), 5)
        self.assertEqual(indicators.median_of_counts({1: 1, 2: 1, 3: 1, 4: 1}), 2.5)
        self.assertEqual(indicators.median_of_counts({1: 2, 10: 1}), 1)
        self.assertEqual(indicators.median_of_counts({0: 1, 40: 3}), 40)
