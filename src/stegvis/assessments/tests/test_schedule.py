"""Due and overdue reassessments: first due at the start, then the project's interval after the
last submitted assessment; computed in the database for lists."""

import datetime

import time_machine
from django.test import SimpleTestCase

from stegvis.assessments import selectors, services
from stegvis.assessments.models import Rater
from stegvis.assessments.tests.base import AssessmentTestCase
from stegvis.participants import services as participant_services
from stegvis.participants.models import Enrollment
from stegvis.participants.tests import factories

D = datetime.date


class DueArithmeticTests(SimpleTestCase):
    def test_due_at_the_start_then_months_after_the_last(self):
        self.assertEqual(selectors.due_on(D(2025, 1, 15), None, 3), D(2025, 1, 15))
        self.assertEqual(selectors.due_on(D(2025, 1, 15), D(2025, 2, 1), 3), D(2025, 5, 1))
        self.assertEqual(selectors.due_on(D(2025, 1, 15), D(2024, 11, 30), 3), D(2025, 2, 28))

    def test_the_database_threshold_agrees_with_due_on_for_every_day_of_two_years(self):
        for months in (1, 3, 6, 12):
            day = D(2024, 1, 1)
            while day <= D(2025, 12, 31):
                last = selectors.last_date_due_by(day, months)
                with self.subTest(day=day, months=months):
                    self.assertLessEqual(selectors.due_on(day, last, months), day)
                    self.assertGreater(
                        selectors.due_on(day, last + datetime.timedelta(days=1), months), day
                    )
                day += datetime.timedelta(days=17)


class ScheduleTests(AssessmentTestCase):
    """`mine` and `theirs` started 2025-01-15 in `project` (interval 3 months by default)."""

    def due(self, enrollment, today):
        annotated = selectors.annotate_assessment_schedule(
            Enrollment.objects.filter(pk=enrollment.pk), today
        ).get()
        return selectors.due_assessment(annotated, today)

    def test_the_first_assessment_is_due_at_the_start(self):
        due = self.due(self.mine, D(2025, 1, 10))
        self.assertEqual(due, selectors.Due(on=D(2025, 1, 15), overdue=False, soon=True))
        self.assertIs(self.due(self.mine, D(2025, 1, 16)).overdue, True)

    def test_the_next_is_due_an_interval_after_the_last_submitted(self):
        self.record(self.mine, rater=Rater.SELF, date=D(2025, 2, 1))
        self.record(self.mine, rater=Rater.COACH, date=D(2025, 2, 10))
        self.assertEqual(
            self.due(self.mine, D(2025, 3, 1)), selectors.Due(D(2025, 5, 10), False, False)
        )
        self.assertEqual(
            self.due(self.mine, D(2025, 5, 1)), selectors.Due(D(2025, 5, 10), False, True)
        )
        self.assertEqual(
            self.due(self.mine, D(2025, 5, 11)), selectors.Due(D(2025, 5, 10), True, False)
        )

    def test_a_draft_does_not_count(self):
        services.selfassessment_link_create(actor=self.coach, enrollment=self.mine, version=self.v1)
        self.assertEqual(self.due(self.mine, D(2025, 3, 1)).on, D(2025, 1, 15))

    def test_the_projects_interval_counts(self):
        services.project_assessment_settings_update(
            actor=self.manager, project=self.project, interval_months=6, instruments=[]
        )
        self.record(self.mine, date=D(2025, 2, 1))
        self.assertEqual(self.due(self.mine, D(2025, 3, 1)).on, D(2025, 8, 1))

    def test_nothing_is_due_after_leaving(self):
        participant_services.enrollment_exit(
            actor=self.coach, enrollment=self.mine, end_date=D(2025, 5, 1), exit_status="EMPLOYED"
        )
        self.mine.refresh_from_db()
        self.assertIsNone(self.due(self.mine, D(2025, 6, 1)))
        self.assertIsNone(selectors.due_assessment(self.mine, D(2025, 6, 1)))  # not annotated

    def test_the_project_overview_counts_overdue_and_soon_in_the_database(self):
        on_time = factories.enrollment(
            project=self.project, coach=self.coach, start_date=D(2025, 1, 15)
        )
        soon = factories.enrollment(
            project=self.project, coach=self.coach, start_date=D(2025, 1, 15)
        )
        later = factories.enrollment(
            project=self.project, coach=self.coach, start_date=D(2025, 6, 1)
        )
        self.record(on_time, date=D(2025, 5, 1))  # due 2025-08-01
        self.record(soon, date=D(2025, 3, 10))  # due 2025-06-10: within 14 days of 2025-06-02
        self.record(self.theirs, date=D(2025, 2, 20))  # due 2025-05-20: overdue
        # self.mine: never assessed, started 2025-01-15: overdue; later starts 2025-06-01: overdue by a day
        with self.assertNumQueries(3):  # settings, counts, rows (with person and coach)
            schedule = selectors.project_schedule(self.project, today=D(2025, 6, 2))
        self.assertEqual(schedule.overdue_count, 3)
        self.assertEqual(schedule.soon_count, 1)
        self.assertEqual(
            [e.pk for e, _due in schedule.rows], [self.mine.pk, self.theirs.pk, soon.pk, later.pk]
        )
        self.assertEqual(
            [(due.on, due.overdue) for _e, due in schedule.rows],
            [
                (D(2025, 1, 15), True),
                (D(2025, 5, 20), True),
                (D(2025, 6, 10), False),
                (D(2025, 6, 1), True),
            ],
        )

    def test_one_participants_due_date_for_their_page(self):
        with time_machine.travel(datetime.datetime(2025, 6, 2, 9, tzinfo=datetime.UTC)):
            self.record(self.mine, date=D(2025, 4, 1))
            self.assertEqual(selectors.due_for(self.mine, today=D(2025, 6, 2)).on, D(2025, 7, 1))
