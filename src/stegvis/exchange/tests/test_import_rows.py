"""Every rule a row of participants.csv must keep, alone and with the other rows and what Stegvis
holds, with the exact line the import command prints (`file:row: column: value: reason`)."""

from __future__ import annotations

from django.utils import timezone

from stegvis.exchange.tests import helpers
from stegvis.exchange.tests.base import (
    A2,
    TOLVAN,
    ExchangeTestCase,
    participant,
)
from stegvis.participants.models import Enrollment, Person
from stegvis.participants.tests import factories


class ParticipantRowTests(ExchangeTestCase):
    def problem(self, line: str, **changes: str) -> None:
        """The row A1 with `changes`, imported alone, gives exactly the problem `line`."""
        path = self.participants_file(participant(**changes))
        self.assertEqual(self.import_problems(path), [f"{path}:2: {line}"])

    def test_required_cells(self):
        for column in (
            "participant_id",
            "project",
            "gender",
            "birth_year",
            "method",
            "start_date",
            "status_at_start",
        ):
            with self.subTest(column=column):
                self.problem(f"{column}: : Required: this cell must not be empty.", **{column: ""})

    def test_participant_id_at_most_40_characters(self):
        self.problem(
            f"participant_id: {'x' * 41}: At most 40 characters (this has 41).",
            participant_id="x" * 41,
        )

    def test_the_participant_id_is_never_a_personnummer(self):
        self.problem(
            "participant_id: 19121212-****: This is a personnummer. The participant id is the project's own "
            "number for the person, never their personnummer (it is shown in lists and in the audit trail).",
            participant_id="191212121212",
        )

    def test_a_personnummer_in_another_column_is_masked_in_the_problem(self):
        year = timezone.localdate().year
        self.problem(
            f"birth_year: 19121212-****: Write the birth year with four digits, from 1900 to {year}.",
            birth_year="19121212-1212",
        )

    def test_the_project_must_exist(self):
        self.problem(
            "project: 2099/99999: There is no project with this diarienummer in Stegvis.",
            project="2099/99999",
        )

    def test_the_personnummer_must_pass_the_check_digit_and_is_shown_masked(self):
        self.problem(
            "personnummer: 19121212-****: This is not a valid personnummer or samordningsnummer. Check the digits.",
            personnummer="19121212-1213",
        )

    def test_a_personnummer_that_cannot_be_read_is_masked_too(self):
        self.problem(
            "personnummer: 1912121****: This is not a valid personnummer or samordningsnummer. Check the digits.",
            personnummer="19121212xxx",
        )

    def test_short_and_centenarian_forms_are_accepted(self):
        for value in ("121212+1212", "191212121212", "19121212-1212"):
            with self.subTest(value=value):
                counts = self.run_import(self.participants_file(participant(personnummer=value)))
                self.assertEqual(sum(counts["participants"].values()), 1)

    def test_the_birth_year_must_agree_with_the_personnummer(self):
        self.problem(
            "birth_year: 1913: This does not agree with the personnummer, which says 1912.",
            birth_year="1913",
        )

    def test_the_birth_year_has_four_digits(self):
        year = timezone.localdate().year
        for value in ("87", "1899", str(year + 1), "nittio"):
            with self.subTest(value=value):
                self.problem(
                    f"birth_year: {value}: Write the birth year with four digits, from 1900 to {year}.",
                    personnummer="",
                    birth_year=value,
                )

    def test_gender_codes(self):
        self.problem(
            "gender: Q: This is not one of the codes of the column. Use K, M or X.", gender="Q"
        )

    def test_municipality_is_four_digits(self):
        self.problem(
            "municipality: 24820: A municipality code (kommunkod) is four digits, like 1880 or 2482.",
            municipality="24820",
        )

    def test_method_codes_joined_with_plus(self):
        self.problem(
            "method: SE+JOBB: This is not a support method. Use SE, IPS, SED, BOSTON or OTHER, several joined "
            "with + (like SED+SE).",
            method="SE+JOBB",
        )

    def test_group_at_most_100_characters(self):
        self.problem(f"group: {'g' * 101}: At most 100 characters (this has 101).", group="g" * 101)

    def test_the_coach_must_be_a_user(self):
        self.problem(
            "coach: nobody: There is no user with this user name. Create the coach's account first (or import "
            "with --create-coaches).",
            coach="nobody",
        )

    def test_the_coach_must_coach_in_the_project(self):
        self.problem(
            "coach: coach2: This user is not a coach in project 2024/00001. Add them to the project's staff as "
            "coach first.",
            coach="coach2",
        )

    def test_dates_are_iso(self):
        for column in ("referral_date", "start_date", "end_date"):
            for value in ("15/01/2025", "2025-02-30", "20250115"):
                with self.subTest(column=column, value=value):
                    changes = {column: value, "exit_status": "EMPLOYED"}
                    self.problem(
                        f"{column}: {value}: This is not a date. Write dates as YYYY-MM-DD, like 2025-01-31.",
                        **changes,
                    )

    def test_the_end_date_is_not_before_the_start_date(self):
        self.problem(
            "end_date: 2025-01-14: The end date is before the start date (2025-01-15).",
            end_date="2025-01-14",
            exit_status="EMPLOYED",
        )

    def test_exit_status_is_required_when_the_participant_has_left(self):
        self.problem(
            "exit_status: : Required when end_date is set: the participant's situation on leaving.",
            end_date="2025-06-30",
        )

    def test_code_columns(self):
        for column, codes in (
            ("status_at_start", "EMPLOYED, UNEMPLOYED, LONG_TERM_UNEMPLOYED or INACTIVE"),
            ("education", "ISCED0-2, ISCED3-4 or ISCED5-8"),
            ("disability", "YES or NO"),
            ("income_source_start", "SALARY, UNEMPLOYMENT_BENEFIT, SICKNESS_BENEFIT, ACTIVITY_COMPENSATION, "
             "SICKNESS_COMPENSATION, SOCIAL_ASSISTANCE, STUDY_SUPPORT, NONE or OTHER"),
            ("income_source_end", "SALARY, UNEMPLOYMENT_BENEFIT, SICKNESS_BENEFIT, ACTIVITY_COMPENSATION, "
             "SICKNESS_COMPENSATION, SOCIAL_ASSISTANCE, STUDY_SUPPORT, NONE or OTHER"),
            ("exit_status", "EMPLOYED, EDUCATION, JOB_SEARCHING, CLOSER, NO_CHANGE or OTHER"),
            ("qualification_gained", "YES or NO"),
            ("status_6m", "EMPLOYED, EDUCATION, JOB_SEARCHING, CLOSER, NO_CHANGE or OTHER"),
        ):  # fmt: skip
            with self.subTest(column=column):
                self.problem(
                    f"{column}: JA: This is not one of the codes of the column. Use {codes}.",
                    **{column: "JA"},
                )

    def test_support_months_is_a_whole_number(self):
        for value in ("tolv", "-3", "1.5"):
            with self.subTest(value=value):
                self.problem(
                    f"support_months_before: {value}: Write a whole number of months, like 18.",
                    support_months_before=value,
                )

    def test_codes_are_case_insensitive(self):
        self.run_import(
            self.participants_file(
                participant(gender="m", method="ips+se", education="isced3-4", disability="no")
            )
        )
        enrollment = Enrollment.objects.get(participant_code="A1")
        self.assertEqual(
            (
                enrollment.person.gender,
                enrollment.method,
                enrollment.education,
                enrollment.disability,
            ),
            ("M", "SE+IPS", "ISCED3-4", "NO"),
        )

    def test_every_problem_of_a_row_is_named(self):
        path = self.participants_file(participant(gender="Q", method="", start_date="igår"))
        self.assertEqual(
            self.import_problems(path),
            [
                f"{path}:2: gender: Q: This is not one of the codes of the column. Use K, M or X.",
                f"{path}:2: method: : Required: this cell must not be empty.",
                f"{path}:2: start_date: igår: This is not a date. Write dates as YYYY-MM-DD, like 2025-01-31.",
            ],
        )

    def test_row_numbers_are_the_spreadsheets_even_after_blank_rows(self):
        path = self.file(
            "participants.csv",
            helpers.csv_text(
                helpers.PARTICIPANT_HEADER, [participant(), ",,,,", participant(A2, gender="Q")]
            ),
        )
        self.assertEqual(
            self.import_problems(path),
            [f"{path}:4: gender: Q: This is not one of the codes of the column. Use K, M or X."],
        )


class ParticipantsTogetherTests(ExchangeTestCase):
    """Rules between rows, between files, and against what Stegvis holds."""

    def test_a_participant_appears_once(self):
        first = self.participants_file(participant(), name="first.csv")
        second = self.participants_file(participant(), name="second.csv")
        self.assertEqual(
            self.import_problems(first, second),
            [
                f"{second}:2: participant_id: A1: The participant appears twice in this import: also on row 2 of {first}."
            ],
        )

    def test_a_person_takes_part_in_a_project_once_at_a_time(self):
        path = self.participants_file(participant(), participant(participant_id="A9"))
        self.assertEqual(
            self.import_problems(path),
            [
                f"{path}:3: participant_id: A9: The same person already takes part in project 2024/00001 as "
                "participant A1. Give that participation an end date first."
            ],
        )

    def test_the_same_person_may_come_back_after_leaving(self):
        path = self.participants_file(
            participant(end_date="2025-03-01", exit_status="NO_CHANGE"),
            participant(participant_id="A9", start_date="2025-09-01"),
        )
        self.assertEqual(self.run_import(path)["participants"]["created"], 2)
        self.assertEqual(Person.objects.count(), 1)

    def test_a_person_already_taking_part_is_recognised(self):
        person = factories.person(identity_number=TOLVAN)
        factories.enrollment(project=self.project, person_obj=person, participant_code="OLD")
        path = self.participants_file(participant())
        self.assertEqual(
            self.import_problems(path),
            [
                f"{path}:2: participant_id: A1: The same person already takes part in project 2024/00001 as "
                "participant OLD. Give that participation an end date first."
            ],
        )

    def test_rows_of_the_same_person_agree_on_gender(self):
        path = self.participants_file(
            participant(end_date="2025-03-01", exit_status="NO_CHANGE"),
            participant(participant_id="A9", start_date="2025-09-01", gender="X"),
        )
        self.assertEqual(
            self.import_problems(path),
            [f"{path}:3: gender: X: The same person has M on row 2 of {path}."],
        )

    def test_the_personnummer_of_a_participant_cannot_change_by_import(self):
        factories.enrollment(
            project=self.project,
            participant_code="A1",
            person_obj=factories.person(identity_number=TOLVAN),
        )
        other = helpers.personnummer("19850312", 123)
        path = self.participants_file(participant(personnummer=other, birth_year="1985"))
        self.assertEqual(
            self.import_problems(path),
            [
                f"{path}:2: personnummer: 19850312-****: This differs from the personnummer registered for this "
                "participant. Correct it on the participant's page, not by import."
            ],
        )

    def test_a_personnummer_that_another_person_has_is_refused(self):
        factories.person(identity_number=TOLVAN)
        factories.enrollment(
            project=self.project,
            participant_code="A1",
            person_obj=factories.person(birth_year=1912, gender="M"),
        )
        path = self.participants_file(participant())
        self.assertEqual(
            self.import_problems(path),
            [
                f"{path}:2: personnummer: 19121212-****: Another person in Stegvis has this personnummer. Merge the "
                "two records first (the duplicates page)."
            ],
        )

    def test_the_birth_year_must_agree_with_the_registered_personnummer(self):
        factories.enrollment(
            project=self.project,
            participant_code="A1",
            person_obj=factories.person(identity_number=TOLVAN),
        )
        path = self.participants_file(participant(personnummer="", birth_year="1950"))
        self.assertEqual(
            self.import_problems(path),
            [
                f"{path}:2: birth_year: 1950: This does not agree with the personnummer registered for the person, "
                "which says 1912."
            ],
        )
