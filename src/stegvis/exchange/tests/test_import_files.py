"""What files the import reads: CSV with either separator, with or without BOM, .xlsx; the kind
of file from its header; and the files and headers it refuses."""

from __future__ import annotations

import datetime

from django.test import SimpleTestCase

from stegvis.exchange.tests import helpers
from stegvis.exchange.tests.base import A2, JOB_A1, ExchangeTestCase, employment, participant
from stegvis.participants.models import Employment, Enrollment


class FileFormatTests(ExchangeTestCase):
    def assertImportsA1(self, *paths: str) -> None:  # noqa: N802
        counts = self.run_import(*paths)
        self.assertEqual(counts["participants"]["created"], 1)
        enrollment = Enrollment.objects.get(participant_code="A1")
        self.assertEqual((enrollment.method, enrollment.comparison_group), ("SE+SED", "Jämförelse"))

    def test_comma_separated(self):
        self.assertImportsA1(self.participants_file(participant()))

    def test_semicolon_separated_as_swedish_excel_writes(self):
        self.assertImportsA1(self.participants_file(participant(), separator=";"))

    def test_utf8_with_bom(self):
        self.assertImportsA1(self.participants_file(participant(), separator=";", bom=True))

    def test_xlsx_first_sheet(self):
        cells = participant().split(",")
        cells[4] = 1912  # a number cell
        cells[10] = datetime.date(2025, 1, 15)  # a date cell
        path = self.dir / "Deltagare.xlsx"
        path.write_bytes(helpers.xlsx_bytes(helpers.PARTICIPANT_HEADER, [cells]))
        self.assertImportsA1(str(path))
        self.assertEqual(Enrollment.objects.get().start_date, datetime.date(2025, 1, 15))

    def test_xlsx_cells_of_every_type(self):
        cells = participant(A2).split(",")
        cells[9] = datetime.datetime(2025, 1, 10, 0, 0)  # noqa: DTZ001  (Excel has no time zones)
        cells[10] = datetime.datetime(2025, 2, 1, 9, 30)  # noqa: DTZ001
        cells[19] = True
        path = self.dir / "types.xlsx"
        path.write_bytes(helpers.xlsx_bytes(helpers.PARTICIPANT_HEADER, [cells]))
        self.assertEqual(
            self.import_problems(str(path)),
            [
                f"{path}:2: start_date: 2025-02-01 09:30:00: This is not a date. Write dates as YYYY-MM-DD, "
                "like 2025-01-31."
            ],
        )
        cells[10] = datetime.date(2025, 2, 1)
        path.write_bytes(helpers.xlsx_bytes(helpers.PARTICIPANT_HEADER, [cells]))
        self.run_import(str(path))
        enrollment = Enrollment.objects.get()
        self.assertEqual(enrollment.referral_date, datetime.date(2025, 1, 10))
        self.assertIs(enrollment.qualification_gained, True)

    def test_xlsx_keeps_the_leading_zero_a_spreadsheet_drops(self):
        cells = participant(A2).split(",")
        cells[5] = 180  # 0180, Stockholm, as a number cell
        path = self.dir / "people.xlsx"
        path.write_bytes(helpers.xlsx_bytes(helpers.PARTICIPANT_HEADER, [cells]))
        self.run_import(str(path))
        self.assertEqual(Enrollment.objects.get().municipality_code, "0180")

    def test_the_kind_of_file_comes_from_its_header_not_its_name(self):
        people = self.participants_file(participant(), name="jobb.csv")
        jobs = self.employments_file(employment(), name="deltagare.csv")
        counts = self.run_import(jobs, people)
        self.assertEqual(
            (counts["participants"]["created"], counts["employments"]["created"]), (1, 1)
        )

    def test_column_order_is_free_and_optional_columns_may_be_left_out(self):
        text = "start_date;status_at_start;method;birth_year;gender;project;participant_id\n2025-01-15;UNEMPLOYED;SE;1990;K;2024/00001;B1\n"
        self.run_import(self.file("min.csv", text))
        self.assertEqual(Enrollment.objects.get().participant_code, "B1")

    def test_header_names_are_trimmed_and_case_insensitive(self):
        header = helpers.EMPLOYMENT_HEADER.upper().replace(",", " , ")
        self.run_import(
            self.participants_file(participant()),
            self.file("jobs.csv", header + "\n" + employment() + "\n"),
        )
        self.assertEqual(Employment.objects.get().employer, JOB_A1["employer"])


class RefusedFileTests(ExchangeTestCase):
    def test_an_unknown_column_is_an_error(self):
        path = self.file(
            "p.csv", helpers.PARTICIPANT_HEADER + ",colour\n" + participant() + ",blue\n"
        )
        self.assertEqual(
            self.import_problems(path),
            [
                f"{path}:1: colour: colour: There is no such column in participants.csv; check the spelling. The "
                "columns are: " + helpers.PARTICIPANT_HEADER.replace(",", ", ") + "."
            ],
        )

    def test_a_misspelt_column_is_an_error_not_dropped(self):
        path = self.file(
            "p.csv",
            helpers.PARTICIPANT_HEADER.replace("education", "educaton")
            + "\n"
            + participant()
            + "\n",
        )
        lines = self.import_problems(path)
        self.assertEqual(len(lines), 1)
        self.assertTrue(
            lines[0].startswith(f"{path}:1: educaton: educaton: There is no such column"), lines[0]
        )

    def test_a_required_column_is_missing(self):
        path = self.file(
            "p.csv",
            "participant_id,project,gender,birth_year,method,start_date\nA1,2024/00001,K,1990,SE,2025-01-01\n",
        )
        self.assertEqual(
            self.import_problems(path),
            [
                f"{path}:1: status_at_start: : This column is required but missing from the header row.",
            ],
        )

    def test_a_column_twice(self):
        path = self.file("p.csv", helpers.PARTICIPANT_HEADER + ",gender\n" + participant() + ",M\n")
        self.assertEqual(
            self.import_problems(path),
            [f"{path}:1: gender: gender: This column appears twice in the header row."],
        )

    def test_a_cell_in_a_column_without_a_name(self):
        path = self.file("p.csv", helpers.PARTICIPANT_HEADER + ",\n" + participant() + ",oops\n")
        self.assertEqual(
            self.import_problems(path),
            [f"{path}:2: : oops: This cell is in a column without a name in the header row."],
        )

    def test_a_header_of_no_exchange_file(self):
        path = self.file("notes.csv", "name,phone\nAnna,070\n")
        self.assertEqual(
            self.import_problems(path),
            [
                f"{path}: This file's header row does not match any file of the exchange format. Stegvis imports "
                "participants.csv, employments.csv, assessments.csv, profiles.csv and openings.csv; check the "
                "column names in the first row."
            ],
        )

    def test_a_refused_file_stops_the_whole_import(self):
        people = self.participants_file(participant())
        # SKAPA's domain columns are missing.
        assessments = self.file(
            "a.csv",
            "participant_id,project,date,rater,instrument\nA1,2024/00001,2025-01-20,SELF,SKAPA\n",
        )
        self.assertIn(
            f"{assessments}:1: halsa: : This column is required for instrument SKAPA but missing from the "
            "header row.",
            self.import_problems(people, assessments),
        )
        self.assertFalse(Enrollment.objects.exists())

    def test_unreadable_files(self):
        cases = {
            "latin1.csv": (
                helpers.PARTICIPANT_HEADER + "\n" + participant(group="Jämförelse") + "\n"
            ).encode("latin-1"),
            "old.xls": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100,
            "broken.xlsx": b"PK\x03\x04not really a workbook",
            "empty.csv": b"\n\n",
        }
        reasons = {
            "latin1.csv": "The file is not in UTF-8. Save it as CSV UTF-8 (comma or semicolon separated) or as .xlsx.",
            "old.xls": "This is an old Excel file (.xls). Save it as .xlsx or as CSV UTF-8.",
            "broken.xlsx": "The workbook cannot be opened. Save it again as .xlsx, or as CSV UTF-8.",
            "empty.csv": "The file is empty.",
        }
        for name, data in cases.items():
            with self.subTest(name=name):
                path = self.dir / name
                path.write_bytes(data)
                self.assertEqual(self.import_problems(str(path)), [f"{path}: {reasons[name]}"])

    def test_binary_files_and_broken_csv(self):
        binary = self.dir / "image.csv"
        binary.write_bytes(b"\x00\x01\x02gender,method\n")
        too_long = self.file("long.csv", helpers.PARTICIPANT_HEADER + '\n"' + "x" * 200_000 + '"\n')
        self.assertEqual(
            self.import_problems(str(binary), too_long),
            [
                f"{binary}: This is not a CSV file or an .xlsx workbook.",
                f"{too_long}: The file cannot be read as CSV (field larger than field limit (131072)).",
            ],
        )

    def test_a_header_that_is_not_on_the_first_row(self):
        path = self.file("p.csv", "\n" + helpers.PARTICIPANT_HEADER + "\n" + participant() + "\n")
        self.assertEqual(
            self.import_problems(path),
            [f"{path}: The first row must be the header row with the column names."],
        )


class CellTextTests(SimpleTestCase):
    def test_workbook_values_become_the_text_a_csv_file_holds(self):
        from stegvis.exchange.reading import _cell_text

        for value, text in (
            (None, ""),
            (datetime.date(2025, 1, 31), "2025-01-31"),
            (datetime.datetime(2025, 1, 31), "2025-01-31"),  # noqa: DTZ001
            (1912.0, "1912"),
            (37.5, "37.5"),
            (False, "NO"),
            ("  K ", "K"),
        ):
            with self.subTest(value=value):
                self.assertEqual(_cell_text(value), text)
