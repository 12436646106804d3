"""The project-bank parser: the three sample records, an ESF+ record, and malformed input."""

from __future__ import annotations

import tempfile
from pathlib import Path

from django.test import SimpleTestCase

from stegvis.projects.projektbanken import ProjektbankenError, parse_file, parse_record
from stegvis.projects.tests.records import (
    CONTRACT_FIELDS,
    DESCRIPTIONS,
    ESF_PLUS_EXPECTED,
    ESF_PLUS_FILE,
    EXPECTED,
    PACKAGE_SAMPLES,
    SAMPLE_FILES,
    SHARED_SAMPLES,
    record_text,
    sample_path,
)


class SampleRecordTests(SimpleTestCase):
    def test_every_sample_parses_to_the_expected_values(self):
        for name, expected in EXPECTED.items():
            with self.subTest(record=name):
                parsed = parse_file(sample_path(name)).as_json()
                self.assertEqual(list(parsed), CONTRACT_FIELDS)
                parsed.pop("description")
                self.assertEqual(parsed, expected)

    def test_every_sample_keeps_its_whole_description(self):
        for name, (first, last, length, line_breaks) in DESCRIPTIONS.items():
            with self.subTest(record=name):
                description = parse_file(sample_path(name)).description
                self.assertIs(description.startswith(first), True, description[:200])
                self.assertIs(description.endswith(last), True, description[-200:])
                self.assertEqual(len(description), length)
                self.assertEqual(description.count("\n"), line_breaks)

    def test_amounts_and_rate_are_json_numbers(self):
        parsed = parse_file(sample_path("2020-00581-messa.txt")).as_json()
        for field in ("eu_cofinancing_rate", "total_budget_sek", "esf_support_sek"):
            with self.subTest(field=field):
                self.assertIs(type(parsed[field]), int)

    def test_samples_belong_to_the_2014_2020_period(self):
        for name in SAMPLE_FILES:
            with self.subTest(record=name):
                self.assertEqual(parse_file(sample_path(name)).programme_period, "2014-2020")

    def test_package_copies_of_the_samples_are_identical_to_the_shared_samples(self):
        if not SHARED_SAMPLES.is_dir():
            self.skipTest(
                f"no shared samples at {SHARED_SAMPLES} to compare the package copies with"
            )
        self.assertEqual(sorted(p.name for p in SHARED_SAMPLES.glob("*.txt")), list(SAMPLE_FILES))
        for name in SAMPLE_FILES:
            with self.subTest(record=name):
                self.assertEqual(
                    (PACKAGE_SAMPLES / name).read_bytes(), (SHARED_SAMPLES / name).read_bytes()
                )


class EsfPlusRecordTests(SimpleTestCase):
    def test_esf_plus_record_parses_to_the_expected_values(self):
        self.assertEqual(parse_file(ESF_PLUS_FILE).as_json(), ESF_PLUS_EXPECTED)

    def test_unknown_labels_are_kept_in_file_order(self):
        extra = parse_file(ESF_PLUS_FILE).extra
        self.assertEqual(list(extra), list(ESF_PLUS_EXPECTED["extra"]))

    def test_esf_plus_record_belongs_to_the_2021_2027_period(self):
        self.assertEqual(parse_file(ESF_PLUS_FILE).programme_period, "2021-2027")


class ProgrammePeriodTests(SimpleTestCase):
    def test_period_follows_the_start_date_when_the_diarienummer_has_another_shape(self):
        for start, period in (("2021-07-01", "2021-2027"), ("2021-06-30", "2014-2020")):
            text = record_text(("Diarienummer", "SF-123"), ("Startdatum", start))
            with self.subTest(start=start):
                self.assertEqual(parse_record(text).programme_period, period)

    def test_period_is_unknown_without_a_known_diarienummer_shape_or_dates(self):
        self.assertEqual(parse_record(record_text(("Diarienummer", "SF-123"))).programme_period, "")


class RecordLayoutTests(SimpleTestCase):
    def test_the_shared_record_is_valid(self):
        # The failure tests below change one thing in this record.
        record = parse_record(record_text(), source="test.txt")
        self.assertEqual((record.diarienummer, record.name), ("2020/00001", "Testprojekt"))
        self.assertEqual(record.description, "En kort beskrivning.")
        self.assertEqual(record.extra, {})

    def test_an_empty_value_is_a_label_directly_followed_by_the_next_label(self):
        text = (
            "2020/00001 - Testprojekt\n\nDiarienummer:\n2020/00001\nNamn:\nTestprojekt\n"
            "Region:\nKontaktperson:\nAnna Berg\nStödmottagarens address:\nE-post:\nanna@example.se\n"
            "\nBeskrivning.\n"
        )
        record = parse_record(text)
        self.assertIsNone(record.region)
        self.assertEqual(record.contact_name, "Anna Berg")
        self.assertEqual(record.contact_email, "anna@example.se")
        self.assertEqual(record.extra, {"Stödmottagarens address": ""})
        self.assertEqual(record.description, "Beskrivning.")

    def test_an_empty_last_value_is_followed_by_the_description(self):
        text = (
            "2020/00001 - Testprojekt\n\nDiarienummer:\n2020/00001\nNamn:\nTestprojekt\n"
            "Interventionstyp:\n\nFörsta stycket.\n\nAndra stycket:\nslutar här.\n"
        )
        record = parse_record(text)
        self.assertIsNone(record.intervention_type)
        self.assertEqual(record.description, "Första stycket.\n\nAndra stycket:\nslutar här.")

    def test_a_record_without_description_has_an_empty_one(self):
        text = "2020/00001 - Testprojekt\n\nDiarienummer:\n2020/00001\nNamn:\nTestprojekt\n"
        self.assertEqual(parse_record(text).description, "")

    def test_crlf_line_endings_and_a_byte_order_mark_are_read_like_plain_lines(self):
        sample = sample_path("2020-00581-messa.txt")
        windows = b"\xef\xbb\xbf" + sample.read_bytes().replace(b"\n", b"\r\n")
        directory = Path(self.enterContext(tempfile.TemporaryDirectory()))
        path = directory / "messa-windows.txt"
        path.write_bytes(windows)
        parsed = parse_file(path)
        self.assertEqual(parsed.as_json(), parse_file(sample).as_json())
        self.assertNotIn("\r", parsed.description)

    def test_a_byte_order_mark_in_text_is_ignored(self):
        text = "\ufeff" + record_text().replace("\n", "\r\n")
        self.assertEqual(parse_record(text).as_json(), parse_record(record_text()).as_json())

    def test_windows_1252_files_are_read(self):
        directory = Path(self.enterContext(tempfile.TemporaryDirectory()))
        path = directory / "cp1252.txt"
        path.write_bytes(record_text(("Region", "Övre Norrland")).encode("cp1252"))
        self.assertEqual(parse_file(path).region, "Övre Norrland")

    def test_the_name_and_diarienummer_come_from_the_title_when_their_labels_are_empty(self):
        text = "2020/00001 - Från titeln\n\nDiarienummer:\nNamn:\nRegion:\nVästsverige\n"
        record = parse_record(text)
        self.assertEqual((record.diarienummer, record.name), ("2020/00001", "Från titeln"))

    def test_a_record_may_end_with_a_label_without_value(self):
        text = "2020/00001 - Testprojekt\n\nDiarienummer:\n2020/00001\nNamn:\nTestprojekt\nRegion:"
        record = parse_record(text)
        self.assertIsNone(record.region)
        self.assertEqual(record.description, "")

    def test_a_record_may_end_with_a_value_without_line_break(self):
        text = "2020/00001 - Testprojekt\n\nDiarienummer:\n2020/00001\nNamn:\nTestprojekt"
        self.assertEqual(parse_record(text).name, "Testprojekt")

    def test_empty_count_and_period_leave_their_fields_empty(self):
        record = parse_record(record_text(("Planerat antal deltagare", ""), ("Projektperiod", "")))
        self.assertIsNone(record.planned_participants)
        self.assertEqual((record.start_date, record.end_date), (None, None))
        self.assertEqual(record.extra, {})

    def test_a_record_may_start_with_its_first_label(self):
        text = "Diarienummer:\n2020/00001\nNamn:\nUtan titel\n\nBeskrivning.\n"
        record = parse_record(text)
        self.assertEqual((record.diarienummer, record.name), ("2020/00001", "Utan titel"))

    def test_start_and_end_date_take_precedence_over_the_period(self):
        text = record_text(
            ("Startdatum", "2021-03-01"),
            ("Slutdatum", ""),
            ("Projektperiod", "2021-02-01 - 2023-02-28"),
        )
        record = parse_record(text)
        self.assertEqual((record.start_date, record.end_date), ("2021-03-01", "2023-02-28"))

    def test_a_project_number_other_than_the_diarienummer_is_kept(self):
        record = parse_record(record_text(("Projektnummer", "2020/00002")))
        self.assertEqual(record.extra, {"Projektnummer": "2020/00002"})

    def test_amounts_may_have_any_spaces_and_a_currency(self):
        record = parse_record(
            record_text(
                ("Total projektbudget", "1\u00a0234\u202f567 kr"),
                ("Beviljat ESF-stöd", "2 000 SEK"),
            )
        )
        self.assertEqual((record.total_budget_sek, record.esf_support_sek), (1234567, 2000))

    def test_a_rate_with_decimals_is_a_decimal_number(self):
        record = parse_record(record_text(("Unionens medfinansieringsgrad", "42,5 %")))
        self.assertEqual(record.eu_cofinancing_rate, 42.5)

    def test_empty_amounts_rate_and_org_number_are_none(self):
        record = parse_record(
            record_text(
                ("Total projektbudget", ""),
                ("Unionens medfinansieringsgrad", ""),
                ("Projektägare organisationsnummer", ""),
                ("Projektägare", ""),
            )
        )
        self.assertIsNone(record.total_budget_sek)
        self.assertIsNone(record.eu_cofinancing_rate)
        self.assertIsNone(record.owner_org_number)
        self.assertIsNone(record.owner)

    def test_org_number_is_normalised(self):
        record = parse_record(record_text(("Projektägare organisationsnummer", "2120002627")))
        self.assertEqual(record.owner_org_number, "212000-2627")


class OwnerNameTests(SimpleTestCase):
    def test_an_owner_written_twice_is_kept_once(self):
        cases = {
            "Stiftelsen Activa, Stiftelsen Activa": "Stiftelsen Activa",
            "Urkraft ASF AB, Urkraft": "Urkraft ASF AB",
            "Företag A, Företag B": "Företag A, Företag B",
            "Skellefteå kommun": "Skellefteå kommun",
        }
        for written, owner in cases.items():
            with self.subTest(written=written):
                self.assertEqual(parse_record(record_text(("Projektägare", written))).owner, owner)


class MalformedRecordTests(SimpleTestCase):
    def assert_error(self, text: str, *fragments: str) -> None:
        with self.assertRaises(ProjektbankenError) as caught:
            parse_record(text, source="records/trasig.txt")
        message = str(caught.exception)
        self.assertIs(message.startswith("records/trasig.txt: "), True, message)
        for fragment in fragments:
            self.assertIn(fragment, message)

    def test_a_record_without_diarienummer_is_an_error_naming_the_file(self):
        text = " - Testprojekt\n\nNamn:\nTestprojekt\n\nBeskrivning.\n"
        self.assert_error(text, "no diarienummer")

    def test_a_title_without_separator_is_not_taken_as_the_diarienummer(self):
        text = "Testprojekt\n\nNamn:\nTestprojekt\nRegion:\nVästsverige\n"
        self.assert_error(text, "no diarienummer")

    def test_a_record_without_name_is_an_error_naming_the_file(self):
        text = "2020/00001\n\nDiarienummer:\n2020/00001\nRegion:\nVästsverige\n"
        self.assert_error(text, "no project name")

    def test_an_empty_file_is_an_error(self):
        self.assert_error("\ufeff\n  \n", "empty")

    def test_a_file_without_labels_is_an_error(self):
        self.assert_error("2020/00001 - Testprojekt\n\nBara text.\n", "no label lines")

    def test_malformed_values_are_errors_naming_the_label_and_the_value(self):
        # (label, value, explanation, the part of the value the message quotes)
        cases = [
            ("Total projektbudget", "nitton miljoner", "whole number", "nitton miljoner"),
            ("Beviljat ESF-stöd", "9 097 057,50", "whole number", "9 097 057,50"),
            ("Planerat antal deltagare", "cirka 80", "whole number", "cirka 80"),
            ("Total projektbudget", "12³", "whole number", "12³"),
            ("Unionens medfinansieringsgrad", "hälften", "percentage", "hälften"),
            ("Unionens medfinansieringsgrad", "150%", "between 0% and 100%", "150%"),
            ("Unionens medfinansieringsgrad", "NaN%", "between 0% and 100%", "NaN%"),
            ("Startdatum", "2023-02-30", "date", "2023-02-30"),
            ("Slutdatum", "31/12/2022", "date", "31/12/2022"),
            (
                "Projektperiod",
                "2020-07-01 till 2022-12-31",
                "two dates",
                "2020-07-01 till 2022-12-31",
            ),
            ("Projektperiod", "2020-07-01 - 2022-13-31", "date", "2022-13-31"),
            ("Projektägare organisationsnummer", "212000-2628", "not a valid", "212000-2628"),
        ]
        for label, value, explanation, quoted in cases:
            with self.subTest(label=label, value=value):
                self.assert_error(
                    record_text((label, value)), f"'{label}'", explanation, repr(quoted)
                )

    def test_a_project_ending_before_it_starts_is_an_error(self):
        for pairs in (
            (("Startdatum", "2023-01-01"), ("Slutdatum", "2022-12-31")),
            (("Projektperiod", "2023-01-01 - 2022-12-31"),),
        ):
            with self.subTest(pairs=pairs):
                self.assert_error(
                    record_text(*pairs), "ends (2022-12-31) before it starts (2023-01-01)"
                )


class ParseFileErrorTests(SimpleTestCase):
    def setUp(self):
        self.directory = Path(self.enterContext(tempfile.TemporaryDirectory()))

    def test_a_missing_file_is_an_error_naming_it(self):
        path = self.directory / "finns-inte.txt"
        with self.assertRaisesMessage(ProjektbankenError, f"{path}: the file cannot be read"):
            parse_file(path)

    def test_a_file_that_is_not_text_is_an_error_naming_it(self):
        path = self.directory / "bild.txt"
        path.write_bytes(b"\x81\x8d\x8f\x90\x9d")
        with self.assertRaisesMessage(ProjektbankenError, f"{path}: the file is not text"):
            parse_file(path)

    def test_errors_inside_a_file_name_the_file(self):
        path = self.directory / "utan-namn.txt"
        path.write_text("2020/00001\n\nDiarienummer:\n2020/00001\n", encoding="utf-8")
        with self.assertRaisesMessage(
            ProjektbankenError, f"{path}: the record has no project name"
        ):
            parse_file(path)
