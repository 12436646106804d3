"""stegvis export: the files it writes, the audit event, and that importing an export into an
installation without the participants gives the same data back."""

from __future__ import annotations

import csv
import datetime
import io
import stat
from decimal import Decimal

from django.core.management import CommandError, call_command

from stegvis.core.models import AuditEvent
from stegvis.exchange import formats
from stegvis.exchange.tests import helpers
from stegvis.exchange.tests.base import (
    A2,
    STUDIES_A2,
    TOLVAN,
    ExchangeTestCase,
    employment,
    participant,
)
from stegvis.participants import services
from stegvis.participants.models import CoachAssignment, Employment, Enrollment, Person
from stegvis.participants.tests import factories


class ExportTests(ExchangeTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.run_import(
            self.participants_file(
                participant(),
                participant(A2),
                participant(
                    A2, participant_id="S1", project=self.other_project.diarienummer, gender="X"
                ),
            ),
            self.employments_file(employment(), employment(STUDIES_A2)),
        )
        self.out = self.dir / "export"

    def export(self, *args: str) -> str:
        out = io.StringIO()
        call_command("export", str(self.out), *args, stdout=out)
        return out.getvalue()

    def read(self, name: str) -> list[dict[str, str]]:
        with (self.out / name).open(encoding="utf-8", newline="") as handle:
            return list(csv.DictReader(handle))

    def test_the_files_follow_the_spec(self):
        said = self.export()
        self.assertEqual(
            said, f"Wrote 3 participants (3 people) and 2 employments to {self.out}.\n"
        )
        header = (self.out / "participants.csv").read_text(encoding="utf-8").splitlines()[0]
        self.assertEqual(header, ",".join(formats.PARTICIPANTS_FORMAT.columns))
        self.assertEqual(header, helpers.PARTICIPANT_HEADER)
        header = (self.out / "employments.csv").read_text(encoding="utf-8").splitlines()[0]
        self.assertEqual(header, helpers.EMPLOYMENT_HEADER)
        a1, a2, s1 = self.read("participants.csv")
        self.assertEqual(
            a1,
            {
                "participant_id": "A1", "project": "2024/00001", "personnummer": TOLVAN, "gender": "M",
                "birth_year": "1912", "municipality": "2482", "method": "SE+SED", "group": "Jämförelse",
                "coach": "coach", "referral_date": "2025-01-02", "start_date": "2025-01-15", "end_date": "",
                "status_at_start": "UNEMPLOYED", "education": "ISCED3-4", "disability": "NO",
                "income_source_start": "SOCIAL_ASSISTANCE", "income_source_end": "", "support_months_before": "14",
                "exit_status": "", "qualification_gained": "", "status_6m": "",
            },
        )  # fmt: skip
        self.assertEqual(
            (a2["personnummer"], a2["qualification_gained"], a2["municipality"]),
            ("", "YES", "0180"),
        )
        self.assertEqual((s1["project"], s1["gender"]), ("2024/00002", "X"))
        job, studies = self.read("employments.csv")
        self.assertEqual(
            job,
            {
                "participant_id": "A1", "project": "2024/00001", "kind": "JOB", "employer": "Stora Lagret AB",
                "employer_org_number": "556016-0680", "start_date": "2025-03-01", "end_date": "",
                "hours_per_week": "37.5", "competitive": "YES", "subsidy": "LONEBIDRAG", "occupation": "Lagerarbetare",
            },
        )  # fmt: skip
        self.assertEqual(
            (studies["kind"], studies["competitive"], studies["end_date"]),
            ("STUDIES", "", "2025-05-31"),
        )

    def test_one_project(self):
        self.export("--project", "2024/00002")
        self.assertEqual([row["participant_id"] for row in self.read("participants.csv")], ["S1"])
        self.assertEqual(self.read("employments.csv"), [])

    def test_an_unknown_project(self):
        with self.assertRaisesMessage(CommandError, "There is no project '2099/1'."):
            self.export("--project", "2099/1")

    def test_an_unknown_user(self):
        with self.assertRaisesMessage(CommandError, "There is no active user 'nobody'."):
            self.export("--user", "nobody")

    def test_the_export_is_audited_without_personnummer(self):
        self.export("--project", "2024/00001", "--user", "admin")
        event = AuditEvent.objects.get(action="exchange.exported")
        self.assertEqual((event.actor, event.object_label), (self.admin, "2024/00001"))
        self.assertEqual(
            event.changes,
            {
                "participants": [None, 2],
                "employments": [None, 2],
                "assessments": [None, 0],
                "profiles": [None, 0],
                "openings": [None, 0],
                "people": [None, 2],
            },  # fmt: skip
        )

    def test_the_files_are_for_the_operator_only(self):
        self.export()
        for name in ("participants.csv", "employments.csv"):
            self.assertEqual(stat.S_IMODE((self.out / name).stat().st_mode), 0o600)

    def test_whole_hours_and_people_with_several_participations(self):
        person = Enrollment.objects.get(participant_code="A2").person
        factories.enrollment(
            project=self.project,
            person_obj=person,
            participant_code="A2b",
            start_date=datetime.date(2025, 8, 1),
        )
        services.employment_add(
            actor=None, enrollment=Enrollment.objects.get(participant_code="A2b"), kind="JOB", employer="Kafé",
            start_date=datetime.date(2025, 8, 4), hours_per_week=40, competitive=False,
        )  # fmt: skip
        said = self.export()
        self.assertIn("4 participants (3 people)", said)
        self.assertIn("40", [row["hours_per_week"] for row in self.read("employments.csv")])


def _snapshot() -> dict:
    """The data the exchange format carries, independent of database ids."""
    participants = {
        (e.project.diarienummer, e.participant_code): (
            e.person.identity_number,
            e.person.gender,
            e.person.birth_year,
            e.municipality_code,
            e.method,
            e.comparison_group,
            e.coach_id,
            e.referral_date,
            e.start_date,
            e.end_date,
            e.status_at_start,
            e.education,
            e.disability,
            e.income_source_start,
            e.income_source_end,
            e.support_months_before,
            e.exit_status,
            e.qualification_gained,
            e.status_6m,
        )  # fmt: skip
        for e in Enrollment.objects.select_related("project", "person")
    }
    jobs = {
        (
            j.enrollment.project.diarienummer,
            j.enrollment.participant_code,
            j.kind,
            j.employer,
            j.start_date,
        ): (
            j.employer_org_number,
            j.end_date,
            j.hours_per_week,
            j.competitive,
            j.subsidy,
            j.occupation,
        )  # fmt: skip
        for j in Employment.objects.select_related("enrollment__project")
    }
    same_person = sorted(
        sorted(
            code
            for code in Enrollment.objects.filter(person=p).values_list(
                "participant_code", flat=True
            )
        )
        for p in Person.objects.filter(enrollments__isnull=False).distinct()
    )
    return {"participants": participants, "jobs": jobs, "same_person": same_person}


class RoundTripTests(ExchangeTestCase):
    def test_export_then_import_into_an_empty_installation_gives_the_same_data(self):
        # Data entered in Stegvis (through the services), not imported: the export must carry it all.
        tolvan = factories.person(identity_number=TOLVAN)
        a = factories.enrollment(
            project=self.project, person_obj=tolvan, coach=self.coach, participant_code="R1", method="SED+SE",
            comparison_group="Referens", municipality_code="1880", referral_date=datetime.date(2024, 12, 1),
            education="ISCED5-8", disability="YES", income_source_start="SICKNESS_BENEFIT", support_months_before=30,
        )  # fmt: skip
        services.employment_add(
            actor=self.manager, enrollment=a, kind="JOB", employer="Örebro kommun", employer_org_number="2120001967",
            start_date=datetime.date(2025, 3, 1), hours_per_week=Decimal("30.5"), competitive=True, subsidy="NONE",
            occupation="5321 Undersköterska",
        )  # fmt: skip
        services.enrollment_exit(
            actor=self.manager, enrollment=a, end_date=datetime.date(2025, 6, 30), exit_status="EMPLOYED",
            income_source_end="SALARY", qualification_gained=True,
        )  # fmt: skip
        factories.enrollment(
            project=self.other_project, person_obj=tolvan, participant_code="R2", method="BOSTON"
        )
        factories.enrollment(
            project=self.project,
            participant_code="R3",
            person_obj=factories.person(gender="X", birth_year=2001),
        )
        before = _snapshot()
        out = self.dir / "export"
        call_command("export", str(out), stdout=io.StringIO())

        # An empty installation: no people, no participants (the projects and staff exist).
        Employment.objects.all().delete()
        CoachAssignment.objects.all().delete()
        Enrollment.objects.all().delete()
        Person.objects.all().delete()
        self.assertEqual(_snapshot()["participants"], {})

        counts = self.run_import(str(out / "participants.csv"), str(out / "employments.csv"))
        self.assertEqual(counts["participants"]["created"], 3)
        self.assertEqual(_snapshot(), before)
        events = AuditEvent.objects.count()
        self.assertEqual(
            self.run_import(str(out / "participants.csv"), str(out / "employments.csv"))[
                "participants"
            ]["unchanged"],
            3,
        )
        self.assertEqual(AuditEvent.objects.count(), events)
