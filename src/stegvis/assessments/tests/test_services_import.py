"""assessment_import: many assessments at once (the exchange format's assessments.csv), checked as
assessment_record checks, written in bulk and audited; a row of a submitted assessment's key gives
its ratings anew."""

import datetime

from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from stegvis.assessments import services
from stegvis.assessments.models import Assessment, AssessmentSource, AssessmentStatus, Rater
from stegvis.assessments.services import ImportedAssessment
from stegvis.assessments.tests.base import AssessmentTestCase, skapa_ratings
from stegvis.core.models import AuditEvent
from stegvis.participants.tests import factories

DAY = datetime.date(2025, 2, 1)


class AssessmentImportTests(AssessmentTestCase):
    def row(self, enrollment=None, **values) -> ImportedAssessment:  # noqa: ANN001
        values = {"version": self.v1, "rater": Rater.SELF, "date": DAY, "ratings": skapa_ratings(5),
                  **values}  # fmt: skip
        return ImportedAssessment(enrollment=enrollment or self.mine, **values)

    def test_new_assessments_are_submitted_imports_with_their_ratings_and_audited(self):
        counts = services.assessment_import(
            actor=self.manager,
            rows=[
                self.row(ratings=skapa_ratings(3, halsa=9)),
                self.row(rater=Rater.COACH, ratings=skapa_ratings(4, tilltro=8)),
                self.row(rater=Rater.COACH, date=DAY.replace(month=5), ratings=skapa_ratings(4)),
            ],
        )
        self.assertEqual(counts, {"created": 3, "updated": 0, "unchanged": 0})
        found = Assessment.objects.get(rater=Rater.SELF)
        self.assertEqual(
            (found.status, found.source, found.entered_by, found.instrument, found.version),
            (AssessmentStatus.SUBMITTED, AssessmentSource.IMPORT, self.manager, self.skapa, self.v1),
        )  # fmt: skip
        self.assertEqual(dict(found.ratings.values_list("domain__code", "value"))["halsa"], 9)
        without = Assessment.objects.get(date=DAY.replace(month=5))
        self.assertEqual(without.ratings.count(), 6)  # tilltro may be left out on import
        events = AuditEvent.objects.filter(action="assessment.recorded")
        self.assertEqual(events.count(), 3)
        event = events.get(object_id=str(found.pk))
        self.assertEqual(
            (event.actor, event.person_key, event.changes["halsa"], event.changes["source"]),
            (self.manager, self.mine.person.public_id, [None, 9], [None, "IMPORT"]),
        )

    def test_the_rows_are_checked_as_assessment_record_checks_them_and_nothing_is_written(self):
        tomorrow = timezone.localdate() + datetime.timedelta(days=1)
        cases = [
            ({"rater": "BOSS"}, "rater"),
            ({"date": tomorrow}, "date"),
            ({"ratings": skapa_ratings(5, tilltro=5)}, "tilltro"),
            ({"ratings": skapa_ratings(5, halsa=None)}, "halsa"),
            ({"ratings": {**skapa_ratings(5), "halsa": 11}}, "halsa"),
        ]
        for values, named in cases:
            with self.subTest(values=values), self.assertRaises(ValidationError) as caught:
                services.assessment_import(actor=None, rows=[self.row(), self.row(**values)])
            self.assertIn(named, str(caught.exception))
        self.assertFalse(Assessment.objects.exists())
        self.assertFalse(AuditEvent.objects.filter(action__startswith="assessment.").exists())

    def test_a_key_is_taken_once(self):
        self.record(self.mine)
        for rows in ([self.row()], [self.row(self.theirs), self.row(self.theirs)]):
            with self.subTest(rows=len(rows)), self.assertRaises(ValidationError) as caught:
                services.assessment_import(actor=None, rows=rows)
            self.assertIn("date", caught.exception.message_dict)
        self.assertEqual(Assessment.objects.count(), 1)

    def test_an_existing_assessment_gets_new_ratings_with_old_and_new_per_domain(self):
        coach = self.record(self.mine, rater=Rater.COACH, value=5)
        own = self.record(self.mine, rater=Rater.SELF, value=5)
        counts = services.assessment_import(
            actor=self.manager,
            rows=[
                self.row(rater=Rater.COACH, existing=coach, ratings=skapa_ratings(5, halsa=2)),
                self.row(existing=own, ratings=skapa_ratings(5)),
            ],
        )
        self.assertEqual(counts, {"created": 0, "updated": 1, "unchanged": 1})
        values = dict(coach.ratings.values_list("domain__code", "value"))
        self.assertEqual((values["halsa"], "tilltro" in values), (2, False))
        event = AuditEvent.objects.get(action="assessment.ratings_changed")
        self.assertEqual(
            (event.actor, event.object_id, event.person_key, event.changes),
            (self.manager, str(coach.pk), self.mine.person.public_id,
             {"halsa": [5, 2], "tilltro": [5, None]}),
        )  # fmt: skip
        services.assessment_import(
            actor=None, rows=[self.row(rater=Rater.COACH, existing=coach, ratings=skapa_ratings(5, tilltro=3))]
        )  # fmt: skip
        self.assertEqual(dict(coach.ratings.values_list("domain__code", "value"))["tilltro"], 3)
        self.assertEqual(Assessment.objects.count(), 2)

    def test_only_a_submitted_assessment_of_the_same_key_is_imported_again(self):
        own = self.record(self.mine)
        draft = Assessment.objects.create(
            enrollment=self.theirs, instrument=self.skapa, version=self.v1, date=DAY, rater=Rater.SELF,
        )  # fmt: skip
        for row in (
            self.row(existing=own, date=DAY.replace(month=3)),
            self.row(existing=own, rater=Rater.COACH, ratings=skapa_ratings(5, tilltro=5)),
            self.row(self.theirs, existing=own),
            self.row(self.theirs, existing=draft),
        ):
            with self.subTest(row=row), self.assertRaisesMessage(ValidationError, "samma nyckel"):
                services.assessment_import(actor=None, rows=[row])

    def test_the_queries_do_not_grow_with_the_rows(self):
        people = [factories.enrollment(project=self.project, actor=self.coach) for _n in range(12)]

        def queries(enrollments: list, day: datetime.date) -> int:
            with CaptureQueriesContext(connection) as captured:
                services.assessment_import(
                    actor=None, rows=[self.row(e, date=day) for e in enrollments]
                )
            return len(captured)

        self.assertEqual(queries(people[:2], DAY), queries(people[2:], DAY))
