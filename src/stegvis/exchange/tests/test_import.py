"""What an import writes: people, participants, coach history and jobs, their audit events;
people across projects; and what the command prints (never a personnummer)."""

from __future__ import annotations

import datetime
import io
import json
from decimal import Decimal

from django.core.management import CommandError, call_command

from stegvis.core.models import AuditEvent
from stegvis.exchange.tests import helpers
from stegvis.exchange.tests.base import (
    A2,
    STUDIES_A2,
    TOLVAN,
    ExchangeTestCase,
    employment,
    participant,
)
from stegvis.participants.models import CoachAssignment, Employment, Enrollment, Person
from stegvis.participants.tests import factories

TOLVAN_DIGITS = TOLVAN.replace("-", "")


class ImportTests(ExchangeTestCase):
    def import_a1_a2(self) -> dict:
        people = self.participants_file(participant(), participant(A2))
        jobs = self.employments_file(employment(), employment(STUDIES_A2))
        return self.run_import(people, jobs, user="manager")

    def test_the_json_counts(self):
        self.assertEqual(
            self.import_a1_a2(),
            {
                "participants": {"created": 2, "updated": 0, "unchanged": 0},
                "employments": {"created": 2, "updated": 0, "unchanged": 0},
                "assessments": {"created": 0, "updated": 0, "unchanged": 0},
                "profiles": {"created": 0, "updated": 0, "unchanged": 0},
                "openings": {"created": 0, "updated": 0, "unchanged": 0},
            },
        )

    def test_the_plain_output(self):
        out = io.StringIO()
        people = self.participants_file(participant(), participant(A2))
        call_command("import", people, stdout=out)
        self.assertEqual(
            out.getvalue(),
            "participants: 2 created, 0 updated, 0 unchanged\nemployments: 0 created, 0 updated, 0 unchanged\n",
        )

    def test_participants_and_people_are_written(self):
        self.import_a1_a2()
        a1 = Enrollment.objects.select_related("person").get(
            project=self.project, participant_code="A1"
        )
        self.assertEqual(a1.person.identity_number, TOLVAN_DIGITS)
        self.assertEqual((a1.person.gender, a1.person.birth_year), ("M", 1912))
        self.assertEqual(
            (a1.method, a1.comparison_group, a1.coach, a1.municipality_code, a1.status_at_start),
            ("SE+SED", "Jämförelse", self.coach, "2482", "UNEMPLOYED"),
        )
        self.assertEqual(
            (a1.referral_date, a1.start_date, a1.end_date, a1.support_months_before, a1.disability),
            (datetime.date(2025, 1, 2), datetime.date(2025, 1, 15), None, 14, "NO"),
        )
        a2 = Enrollment.objects.select_related("person").get(participant_code="A2")
        self.assertEqual(a2.person.identity_number, "")
        self.assertEqual(
            (
                a2.municipality_code,
                a2.end_date,
                a2.exit_status,
                a2.qualification_gained,
                a2.income_source_end,
            ),
            ("0180", datetime.date(2025, 5, 31), "EMPLOYED", True, "SALARY"),
        )

    def test_jobs_are_written(self):
        self.import_a1_a2()
        job = Employment.objects.get(kind="JOB")
        self.assertEqual(
            (
                job.enrollment.participant_code,
                job.employer,
                job.employer_org_number,
                job.start_date,
            ),
            ("A1", "Stora Lagret AB", "556016-0680", datetime.date(2025, 3, 1)),
        )
        self.assertEqual(
            (job.hours_per_week, job.competitive, job.subsidy),
            (Decimal("37.5"), True, "LONEBIDRAG"),
        )
        studies = Employment.objects.get(kind="STUDIES")
        self.assertEqual(
            (studies.competitive, studies.end_date), (None, datetime.date(2025, 5, 31))
        )

    def test_the_coach_history_starts_with_the_participant(self):
        self.import_a1_a2()
        a1 = Enrollment.objects.get(participant_code="A1")
        self.assertEqual(
            list(a1.coach_assignments.values_list("coach", "start_date", "end_date")),
            [(self.coach.pk, datetime.date(2025, 1, 15), None)],
        )
        self.assertFalse(CoachAssignment.objects.filter(enrollment__participant_code="A2").exists())

    def test_the_coach_history_ends_when_the_participant_has_left(self):
        self.run_import(
            self.participants_file(participant(end_date="2025-06-30", exit_status="JOB_SEARCHING"))
        )
        self.assertEqual(
            list(CoachAssignment.objects.values_list("start_date", "end_date")),
            [(datetime.date(2025, 1, 15), datetime.date(2025, 6, 30))],
        )

    def test_every_new_row_is_audited_with_the_person_key(self):
        self.import_a1_a2()
        a1 = Enrollment.objects.select_related("person").get(participant_code="A1")
        events = AuditEvent.objects.filter(person_key=a1.person.public_id).order_by("id")
        self.assertEqual(
            [e.action for e in events],
            ["person.created", "participant.enrolled", "participant.employment_added"],
        )
        self.assertTrue(all(e.actor == self.manager for e in events))
        enrolled = events.get(action="participant.enrolled")
        self.assertEqual((enrolled.object_id, enrolled.object_label), (str(a1.pk), str(a1.pk)))
        self.assertEqual(enrolled.changes["method"], [None, "SE+SED"])
        self.assertEqual(enrolled.changes["coach"], [None, self.coach.pk])
        created = events.get(action="person.created")
        self.assertEqual(created.changes["identity_number"], [None, "***"])
        summary = AuditEvent.objects.get(action="exchange.imported")
        self.assertEqual(
            summary.changes["participants"], [None, {"created": 2, "updated": 0, "unchanged": 0}]
        )

    def test_no_personnummer_in_the_output_or_the_audit_trail(self):
        second = helpers.personnummer("19900101", 7)
        self.import_a1_a2()
        out = io.StringIO()
        people = self.participants_file(
            participant(), participant(A2, personnummer=second), name="again.csv"
        )
        bad = self.file(
            "bad.csv",
            helpers.PARTICIPANT_HEADER
            + "\n"
            + participant(A2, participant_id="A3", personnummer="19900101-0072")
            + "\n",
        )
        with self.assertRaises(CommandError) as raised:
            call_command("import", people, bad, stdout=out, json=True)
        said = out.getvalue() + str(raised.exception)
        self.assertIn("19900101-****", said)
        self.run_import(people)
        trail = json.dumps(
            list(AuditEvent.objects.values("changes", "object_label", "actor_label")), default=str
        )
        for number in (TOLVAN, second, "19900101-0072"):
            digits = number.replace("-", "")
            for form in (number, digits, digits[2:], number[2:]):
                self.assertNotIn(form, said)
                self.assertNotIn(form, trail)


class PeopleAcrossProjectsTests(ExchangeTestCase):
    def test_the_same_personnummer_in_two_projects_is_one_person(self):
        other = participant(project=self.other_project.diarienummer, participant_id="S1", coach="")
        self.run_import(self.participants_file(participant(), other))
        self.assertEqual(Person.objects.count(), 1)
        self.assertEqual(Enrollment.objects.values("person").distinct().count(), 1)

    def test_a_person_already_in_stegvis_is_recognised_by_the_blind_index(self):
        person = factories.person(identity_number=TOLVAN)
        factories.enrollment(project=self.other_project, person_obj=person, participant_code="S1")
        self.run_import(self.participants_file(participant(personnummer="121212+1212")))
        self.assertEqual(Enrollment.objects.get(participant_code="A1").person, person)
        self.assertEqual(Person.objects.count(), 1)
        self.assertTrue(
            AuditEvent.objects.filter(
                action="person.recognised", person_key=person.public_id
            ).exists()
        )

    def test_a_merged_person_is_followed_to_the_one_that_stays(self):
        from stegvis.participants.services import person_merge

        # The record with the number is the older one, merged into a newer one without a number.
        merged = factories.person(identity_number=TOLVAN)
        keep = factories.person(first_name="Kvar", birth_year=1912, gender="M")
        person_merge(actor=self.manager, keep=keep, merge=merged)
        self.run_import(self.participants_file(participant()))
        self.assertEqual(Enrollment.objects.get(participant_code="A1").person, keep)

    def test_people_without_personnummer_are_never_joined(self):
        rows = [
            participant(A2, participant_id=f"N{n}", end_date="", exit_status="") for n in range(3)
        ]
        self.run_import(self.participants_file(*rows))
        self.assertEqual(Person.objects.count(), 3)
