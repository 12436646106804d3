"""The demo assessments: self and coach every three months, some overdue; loaded once."""

import datetime

from django.test import TestCase

from stegvis.assessments import selectors
from stegvis.assessments.demo import seed_assessments
from stegvis.assessments.models import Assessment, Rater
from stegvis.participants.demo import seed_participants
from stegvis.participants.models import Enrollment
from stegvis.projects.demo import seed_demo


class DemoTests(TestCase):
    def test_the_demo_participants_get_assessments_over_time(self):
        seed_demo()
        seed_participants()
        today = datetime.date(2026, 3, 1)
        count = seed_assessments(today=today)
        self.assertGreater(count, 40)
        self.assertEqual(seed_assessments(today=today), count)
        coach_rows = Assessment.objects.filter(rater=Rater.COACH)
        self.assertEqual(coach_rows.count(), Assessment.objects.filter(rater=Rater.SELF).count())
        self.assertTrue(
            all(a.ratings.filter(domain__code="tilltro").exists() for a in coach_rows[:5])
        )
        self.assertFalse(Assessment.objects.filter(date__gte=today).exists())
        active = selectors.annotate_assessment_schedule(
            Enrollment.objects.filter(end_date__isnull=True), today
        )
        dues = [selectors.due_assessment(e, today) for e in active]
        self.assertTrue(any(d.overdue for d in dues))
        self.assertTrue(any(not d.overdue for d in dues))

    def test_without_demo_participants_it_does_nothing(self):
        self.assertEqual(seed_assessments(), 0)
