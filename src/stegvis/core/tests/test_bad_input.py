"""Bad input, generated (hypothesis): the personnummer and organisationsnummer parsers, the
project-bank parser and the exchange importer never crash, never write half, and always explain.

The example counts are small so that the unit suite stays fast; HYPOTHESIS_PROFILE=long runs
each property on thousands of examples:

    HYPOTHESIS_PROFILE=long .venv/bin/python -m pytest src/stegvis/core/tests/test_bad_input.py
"""

from __future__ import annotations

import datetime
import os

from django.core.exceptions import ValidationError
from django.test import SimpleTestCase
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from stegvis.core.validators import normalise_org_number
from stegvis.participants.identity import InvalidIdentityNumber, parse_identity_number
from stegvis.projects.projektbanken import ProjektbankenError, parse_record

settings.register_profile(
    "default",
    max_examples=40,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile("long", max_examples=3000, deadline=None, database=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))

# Text that looks like identity numbers (digits, separators) as well as anything at all.
NUMBERISH = st.text(alphabet="0123456789-+ ", max_size=16)
ANY_TEXT = st.text(max_size=40)


def luhn_ok(nine: str) -> str:
    """`nine` digits with their Luhn check digit."""
    total = 0
    for position, char in enumerate(nine):
        digit = int(char) * (2 if position % 2 == 0 else 1)
        total += digit - 9 if digit > 9 else digit
    return nine + str((10 - total % 10) % 10)


class IdentityNumberTests(SimpleTestCase):
    @given(st.one_of(NUMBERISH, ANY_TEXT))
    def test_any_text_is_a_number_or_a_clear_refusal(self, text):
        try:
            parsed = parse_identity_number(text)
        except InvalidIdentityNumber:
            return
        self.assertRegex(parsed.digits, r"^\d{12}$")
        self.assertEqual(parse_identity_number(parsed.digits).digits, parsed.digits)
        self.assertEqual(parsed.masked, parsed.digits[:8] + "-****")

    # A serial number of 000 is never issued.
    @given(st.dates(datetime.date(1900, 1, 1), datetime.date(2025, 12, 31)), st.integers(1, 999))
    def test_every_valid_number_is_read_in_each_written_form(self, born, serial):
        ten = luhn_ok(born.strftime("%y%m%d") + f"{serial:03d}")
        twelve = born.strftime("%Y%m%d") + ten[6:]
        for written in (twelve, f"{twelve[:8]}-{twelve[8:]}"):
            parsed = parse_identity_number(written)
            self.assertEqual(parsed.digits, twelve)
            self.assertEqual(parsed.birth_year, born.year)
            self.assertIs(parsed.is_coordination_number, False)

    @given(st.dates(datetime.date(1930, 1, 1), datetime.date(2025, 12, 31)), st.integers(1, 999))
    def test_a_wrong_check_digit_is_refused(self, born, serial):
        good = luhn_ok(born.strftime("%y%m%d") + f"{serial:03d}")
        bad = good[:-1] + str((int(good[-1]) + 1) % 10)
        with self.assertRaises(InvalidIdentityNumber):
            parse_identity_number(born.strftime("%Y%m%d") + bad[6:])


class OrganisationNumberTests(SimpleTestCase):
    @given(st.one_of(NUMBERISH, ANY_TEXT))
    def test_any_text_is_a_number_or_a_clear_swedish_refusal(self, text):
        try:
            normalised = normalise_org_number(text)
        except ValidationError as exc:
            self.assertEqual(exc.code, "invalid_org_number")
            self.assertIn("organisationsnummer", exc.messages[0].lower().replace(" ", ""))
            return
        self.assertRegex(normalised, r"^\d{6}-\d{4}$")
        self.assertEqual(normalise_org_number(normalised), normalised)


LABELS = ["Diarienummer", "Projektnamn", "Projektägare", "Startdatum", "Slutdatum", "Beviljat belopp",
          "Kommun", "Län", "Programområde", "Okänd etikett"]  # fmt: skip
record_lines = st.lists(
    st.one_of(
        st.sampled_from(LABELS).map(lambda label: label + ":"),
        st.text(max_size=30).map(lambda text: text.replace("\n", " ")),
        st.sampled_from(["2020/00581 - Vägen till jobb", "2024-13-45", "12 000 000 kr", ""]),
    ),
    max_size=25,
)


class ProjectBankTests(SimpleTestCase):
    @given(st.one_of(record_lines.map("\n".join), st.text(max_size=300)))
    def test_any_record_is_parsed_or_refused_naming_the_file(self, text):
        try:
            record = parse_record(text, source="post.txt")
        except ProjektbankenError as exc:
            self.assertTrue(str(exc).startswith("post.txt: "), str(exc))
            return
        self.assertTrue(record.diarienummer.strip())
        self.assertTrue(record.name.strip())
        if record.start_date and record.end_date:
            self.assertLessEqual(record.start_date, record.end_date)


class ExchangeImportTests(TestCase):
    """Generated participants.csv files: the import writes all rows or none, with problems.
    (hypothesis's TestCase runs each example in a transaction of its own.)"""

    @classmethod
    def setUpTestData(cls) -> None:
        from stegvis.accounts import services as accounts
        from stegvis.core.permissions import Role
        from stegvis.projects import services as projects

        org = accounts.organisation_create(actor=None, name="Förbundet")
        cls.manager = accounts.user_create(actor=None, username="m", first_name="M", last_name="M",
                                           password="Correct-horse-battery-9")  # fmt: skip
        accounts.membership_add(actor=None, user=cls.manager, organisation=org, role=Role.MANAGER)
        cls.manager = type(cls.manager).objects.get(pk=cls.manager.pk)
        cls.project = projects.project_create(
            actor=cls.manager, diarienummer="2024/00001", name="Vägen", owner=org
        )

    @settings(max_examples=int(os.environ.get("STEGVIS_IMPORT_EXAMPLES", "15")))
    @given(
        st.lists(
            st.fixed_dictionaries(
                {
                    "participant_id": st.sampled_from(["0001", "0002", "", "x" * 40, "0001"]),
                    "project": st.sampled_from(["2024/00001", "2024/99999", ""]),
                    "personnummer": st.one_of(st.just(""), NUMBERISH, st.just("19121212-1212")),
                    "gender": st.sampled_from(["K", "M", "X", "Q", ""]),
                    "birth_year": st.sampled_from(["1990", "", "19x0", "2999"]),
                    "method": st.sampled_from(["SE", "IPS", "??", ""]),
                    "start_date": st.sampled_from(["2025-01-15", "2025-02-30", "", "15/1/2025"]),
                    "end_date": st.sampled_from(["", "2024-12-31", "2025-06-30"]),
                    "status_at_start": st.sampled_from(["UNEMPLOYED", "", "NOPE"]),
                    "municipality": st.sampled_from(["", "1880", "18800"]),
                }
            ),
            min_size=1,
            max_size=4,
        )
    )
    def test_a_generated_file_is_imported_whole_or_not_at_all(self, rows):
        from stegvis.exchange import services
        from stegvis.exchange.reading import Source
        from stegvis.exchange.services import ImportRefusedError
        from stegvis.exchange.tests.helpers import PARTICIPANT_HEADER, _line
        from stegvis.participants.models import Enrollment

        columns = PARTICIPANT_HEADER.split(",")
        data = "\n".join([PARTICIPANT_HEADER] + [_line(columns, row) for row in rows]).encode()
        before = Enrollment.objects.count()
        try:
            counts = services.exchange_import(
                actor=self.manager, sources=[Source(name="participants.csv", data=data)]
            )
        except ImportRefusedError as exc:
            self.assertTrue(exc.problems)
            self.assertTrue(all(p.line() for p in exc.problems))
            self.assertEqual(Enrollment.objects.count(), before)
            return
        created = counts["participants"]["created"]
        self.assertEqual(Enrollment.objects.count(), before + created)
        self.assertLessEqual(created, len(rows))
