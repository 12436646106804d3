"""Importing again: the same files change nothing; changed rows update and are audited."""

from __future__ import annotations

import csv
import datetime
from decimal import Decimal

from django.utils import timezone

from stegvis.core.models import AuditEvent
from stegvis.core.permissions import Role
from stegvis.exchange.tests import helpers
from stegvis.exchange.tests.base import (
    A2,
    JOB_A1,
    STUDIES_A2,
    ExchangeTestCase,
    employment,
    participant,
)
from stegvis.participants.models import CoachAssignment, Employment, Enrollment, Person
from stegvis.projects.models import ProjectStaff
from stegvis.projects.services import project_staff_add


class ReimportTests(ExchangeTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.people = self.participants_file(participant(), participant(A2))
        self.jobs = self.employments_file(employment(), employment(STUDIES_A2))
        self.run_import(self.people, self.jobs)

    def test_the_same_files_again_change_nothing_and_write_no_audit_event(self):
        events = AuditEvent.objects.count()
        rows = (
            Person.objects.count(),
            Enrollment.objects.count(),
            Employment.objects.count(),
            CoachAssignment.objects.count(),
        )
        counts = self.run_import(self.people, self.jobs)
        self.assertEqual(counts["participants"], {"created": 0, "updated": 0, "unchanged": 2})
        self.assertEqual(counts["employments"], {"created": 0, "updated": 0, "unchanged": 2})
        self.assertEqual(AuditEvent.objects.count(), events)
        self.assertEqual(
            (
                Person.objects.count(),
                Enrollment.objects.count(),
                Employment.objects.count(),
                CoachAssignment.objects.count(),
            ),
            rows,
        )

    def test_the_same_data_as_xlsx_with_semicolons_or_other_case_changes_nothing(self):
        events = AuditEvent.objects.count()
        people = self.participants_file(
            participant(method="SE+SED", gender="m"),
            participant(A2, municipality="0180"),
            name="p2.csv",
            separator=";",
        )
        cells = [
            next(
                csv.reader(
                    [employment(JOB_A1, hours_per_week="37,5", employer_org_number="556016-0680")]
                )
            )
        ]
        jobs = self.dir / "jobs.xlsx"
        jobs.write_bytes(helpers.xlsx_bytes(helpers.EMPLOYMENT_HEADER, cells))
        counts = self.run_import(people, str(jobs))
        self.assertEqual(
            (counts["participants"]["unchanged"], counts["employments"]["unchanged"]), (2, 1)
        )
        self.assertEqual(AuditEvent.objects.count(), events)

    def test_a_changed_participant_is_updated_and_audited(self):
        people = self.participants_file(
            participant(end_date="2025-09-30", exit_status="employed", status_6m="EMPLOYED"),
            participant(A2),
            name="changed.csv",
        )
        counts = self.run_import(people, user="manager")
        self.assertEqual(counts["participants"], {"created": 0, "updated": 1, "unchanged": 1})
        a1 = Enrollment.objects.get(participant_code="A1")
        self.assertEqual(
            (a1.end_date, a1.exit_status, a1.status_6m),
            (datetime.date(2025, 9, 30), "EMPLOYED", "EMPLOYED"),
        )
        event = AuditEvent.objects.get(action="participant.updated")
        self.assertEqual(event.person_key, a1.person.public_id)
        self.assertEqual(event.actor, self.manager)
        self.assertEqual(
            event.changes,
            {
                "end_date": [None, "2025-09-30"],
                "exit_status": ["", "EMPLOYED"],
                "status_6m": ["", "EMPLOYED"],
            },
        )
        # The participant has left: the coach assignment ends too.
        self.assertEqual(a1.coach_assignments.get().end_date, datetime.date(2025, 9, 30))

    def test_a_changed_job_is_updated_and_audited(self):
        jobs = self.employments_file(
            employment(end_date="2025-08-31", hours_per_week="20"),
            employment(STUDIES_A2),
            name="j2.csv",
        )
        counts = self.run_import(jobs)
        self.assertEqual(counts["employments"], {"created": 0, "updated": 1, "unchanged": 1})
        job = Employment.objects.get(kind="JOB")
        self.assertEqual(
            (job.end_date, job.hours_per_week), (datetime.date(2025, 8, 31), Decimal("20.0"))
        )
        event = AuditEvent.objects.get(action="participant.employment_updated")
        self.assertEqual(
            event.changes, {"end_date": [None, "2025-08-31"], "hours_per_week": ["37.5", "20.0"]}
        )
        self.assertEqual(event.person_key, job.enrollment.person.public_id)

    def test_a_job_with_another_first_day_is_another_job(self):
        counts = self.run_import(
            self.employments_file(employment(start_date="2025-10-01"), name="j3.csv")
        )
        self.assertEqual(counts["employments"]["created"], 1)
        self.assertEqual(Employment.objects.filter(kind="JOB").count(), 2)

    def test_a_changed_gender_updates_the_person(self):
        self.run_import(self.participants_file(participant(A2, gender="X"), name="p3.csv"))
        self.assertEqual(Enrollment.objects.get(participant_code="A2").person.gender, "X")
        self.assertEqual(
            AuditEvent.objects.get(action="person.updated").changes, {"gender": ["K", "X"]}
        )

    def test_a_personnummer_given_later_is_added_to_the_person(self):
        number = helpers.personnummer("19900214", 45)
        counts = self.run_import(
            self.participants_file(participant(A2, personnummer=number), name="p4.csv")
        )
        self.assertEqual(counts["participants"]["updated"], 1)
        person = Enrollment.objects.get(participant_code="A2").person
        self.assertEqual(person.identity_number, number.replace("-", ""))
        self.assertEqual(
            AuditEvent.objects.get(action="person.updated").changes,
            {"identity_number": ["***", "***"]},
        )

    def test_a_new_coach_takes_over_from_today(self):
        project_staff_add(
            actor=self.manager, project=self.project, user=self.coach2, role=Role.COACH
        )
        counts = self.run_import(
            self.participants_file(participant(coach="coach2"), participant(A2), name="p5.csv")
        )
        self.assertEqual(counts["participants"]["updated"], 1)
        a1 = Enrollment.objects.get(participant_code="A1")
        self.assertEqual(a1.coach, self.coach2)
        today = timezone.localdate()
        self.assertEqual(
            list(a1.coach_assignments.values_list("coach", "end_date")),
            [(self.coach.pk, today - datetime.timedelta(days=1)), (self.coach2.pk, None)],
        )
        self.assertEqual(
            AuditEvent.objects.get(action="participant.coach_changed").changes["coach"],
            ["coach", "coach2"],
        )

    def test_a_new_coach_of_a_participant_who_starts_later_takes_over_the_day_after(self):
        project_staff_add(
            actor=self.manager, project=self.project, user=self.coach2, role=Role.COACH
        )
        start = timezone.localdate() + datetime.timedelta(days=10)
        path = self.participants_file(
            participant(
                A2,
                participant_id="F1",
                coach="coach",
                start_date=start.isoformat(),
                end_date="",
                exit_status="",
            ),
            name="f.csv",
        )
        self.run_import(path)
        path = self.participants_file(
            participant(
                A2,
                participant_id="F1",
                coach="coach2",
                start_date=start.isoformat(),
                end_date="",
                exit_status="",
            ),
            name="f2.csv",
        )
        self.run_import(path)
        self.assertEqual(
            list(
                Enrollment.objects.get(participant_code="F1").coach_assignments.values_list(
                    "coach", "start_date", "end_date"
                )
            ),
            [
                (self.coach.pk, start, start),
                (self.coach2.pk, start + datetime.timedelta(days=1), None),
            ],
        )

    def test_an_empty_coach_cell_leaves_the_coach(self):
        counts = self.run_import(
            self.participants_file(participant(coach=""), participant(A2), name="p6.csv")
        )
        self.assertEqual(counts["participants"]["unchanged"], 2)
        self.assertEqual(Enrollment.objects.get(participant_code="A1").coach, self.coach)


class CoachLeftTheProjectTests(ExchangeTestCase):
    def test_a_coach_who_left_the_staff_stays_the_coach_of_their_participants(self):
        path = self.participants_file(participant())
        self.run_import(path)
        ProjectStaff.objects.filter(project=self.project, user=self.coach).delete()
        self.assertEqual(self.run_import(path)["participants"]["unchanged"], 1)
        other = self.participants_file(participant(A2, coach="coach"), name="other.csv")
        self.assertEqual(
            self.import_problems(other),
            [
                f"{other}:2: coach: coach: This user is not a coach in project 2024/00001. Add them to the "
                "project's staff as coach first."
            ],
        )
