"""Every rule a row of employments.csv must keep, with the exact problem line; and all or nothing."""

from __future__ import annotations

from decimal import Decimal

from stegvis.core.models import AuditEvent
from stegvis.exchange.tests.base import (
    A2,
    STUDIES_A2,
    ExchangeTestCase,
    employment,
    participant,
)
from stegvis.participants.models import Employment, Enrollment, Person
from stegvis.participants.tests import factories


class EmploymentRowTests(ExchangeTestCase):
    def problem(self, line: str, **changes: str) -> None:
        """A1 in participants.csv, and its job with `changes`, give exactly the problem `line`."""
        people = self.participants_file(participant())
        jobs = self.employments_file(employment(**changes))
        self.assertEqual(self.import_problems(people, jobs), [f"{jobs}:2: {line}"])

    def test_required_cells(self):
        for column in ("participant_id", "project", "kind", "employer", "start_date"):
            with self.subTest(column=column):
                self.problem(f"{column}: : Required: this cell must not be empty.", **{column: ""})

    def test_a_personnummer_as_participant_id_is_masked_in_the_reason(self):
        self.problem(
            "participant_id: 19121212-****: There is no participant 19121212-**** in project 2024/00001, "
            "neither in Stegvis nor in a participants file of this import.",
            participant_id="19121212-1212",
        )

    def test_the_participant_must_exist_in_stegvis_or_in_the_import(self):
        self.problem(
            "participant_id: A7: There is no participant A7 in project 2024/00001, neither in Stegvis nor in a "
            "participants file of this import.",
            participant_id="A7",
        )

    def test_a_participant_already_in_stegvis_needs_no_participants_file(self):
        factories.enrollment(project=self.project, participant_code="A1")
        counts = self.run_import(self.employments_file(employment()))
        self.assertEqual(counts["employments"]["created"], 1)

    def test_kind_codes(self):
        self.problem(
            "kind: WORK: This is not one of the codes of the column. Use JOB or STUDIES.",
            kind="WORK",
        )

    def test_employer_at_most_200_characters(self):
        self.problem(
            f"employer: {'e' * 201}: At most 200 characters (this has 201).", employer="e" * 201
        )

    def test_the_organisation_number_is_checked(self):
        self.problem(
            "employer_org_number: 556016-0681: 556016-0681 is not a valid organisation number. Write ten digits, "
            "like 556016-0680.",
            employer_org_number="556016-0681",
        )

    def test_dates(self):
        self.problem(
            "start_date: 1 mars: This is not a date. Write dates as YYYY-MM-DD, like 2025-01-31.",
            start_date="1 mars",
        )
        self.problem(
            "end_date: 2025-02-28: The last day is before the first day (2025-03-01).",
            end_date="2025-02-28",
        )

    def test_hours_per_week(self):
        for value in ("40 h", "200", "37.25", "-1"):
            with self.subTest(value=value):
                self.problem(
                    f"hours_per_week: {value}: Write the hours as a number from 0 to 168 with at most one decimal, "
                    "like 37.5.",
                    hours_per_week=value,
                )

    def test_a_job_says_whether_it_is_competitive(self):
        self.problem(
            "competitive: : Required for a job: YES for a competitive job (open labour market, at least the going "
            "wage, not reserved for people with disabilities), NO otherwise.",
            competitive="",
        )

    def test_studies_need_not_say_whether_competitive(self):
        people = self.participants_file(participant(), participant(A2))
        self.assertEqual(
            self.run_import(people, self.employments_file(employment(STUDIES_A2)))["employments"][
                "created"
            ],
            1,
        )

    def test_competitive_and_subsidy_codes(self):
        self.problem(
            "competitive: JA: This is not one of the codes of the column. Use YES or NO.",
            competitive="JA",
        )
        self.problem(
            "subsidy: FAS3: This is not one of the codes of the column. Use NONE, LONEBIDRAG, NYSTARTSJOBB, "
            "INTRODUKTIONSJOBB, TRYGGHETSANSTALLNING or OTHER.",
            subsidy="FAS3",
        )

    def test_occupation_at_most_200_characters(self):
        self.problem(
            f"occupation: {'o' * 201}: At most 200 characters (this has 201).", occupation="o" * 201
        )

    def test_a_job_appears_once(self):
        people = self.participants_file(participant())
        jobs = self.employments_file(employment(), employment(hours_per_week="20"))
        self.assertEqual(
            self.import_problems(people, jobs),
            [
                f"{jobs}:3: start_date: 2025-03-01: The same job or study place (participant, kind, employer and "
                f"first day) appears twice in this import: also on row 2 of {jobs}."
            ],
        )

    def test_swedish_decimal_comma_in_a_semicolon_file(self):
        people = self.participants_file(participant())
        jobs = self.employments_file(employment(hours_per_week="37,5"), separator=";")
        self.run_import(people, jobs)
        self.assertEqual(Employment.objects.get().hours_per_week, Decimal("37.5"))


class AllOrNothingTests(ExchangeTestCase):
    def test_one_bad_row_in_the_second_file_writes_nothing(self):
        people = self.participants_file(participant(), participant(A2))
        jobs = self.employments_file(
            employment(), employment(STUDIES_A2), employment(STUDIES_A2, kind="SKOLA", employer="X")
        )
        before = (
            Person.objects.count(),
            Enrollment.objects.count(),
            Employment.objects.count(),
            AuditEvent.objects.count(),
        )
        self.assertEqual(
            self.import_problems(people, jobs),
            [
                f"{jobs}:4: kind: SKOLA: This is not one of the codes of the column. Use JOB or STUDIES."
            ],
        )
        after = (
            Person.objects.count(),
            Enrollment.objects.count(),
            Employment.objects.count(),
            AuditEvent.objects.count(),
        )
        self.assertEqual(after, before)

    def test_problems_of_every_file_are_listed_in_file_and_row_order(self):
        people = self.participants_file(participant(gender="Q"), participant(A2, method="X"))
        jobs = self.employments_file(employment(kind="WORK"))
        self.assertEqual(
            self.import_problems(people, jobs),
            [
                f"{people}:2: gender: Q: This is not one of the codes of the column. Use K, M or X.",
                f"{people}:3: method: X: This is not a support method. Use SE, IPS, SED, BOSTON or OTHER, several "
                "joined with + (like SED+SE).",
                f"{jobs}:2: kind: WORK: This is not one of the codes of the column. Use JOB or STUDIES.",
            ],
        )
