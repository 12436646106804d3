"""Formula injection: every CSV/XLSX writer guards formula-like text, and Stegvis's own readers
take the guard off again."""

from __future__ import annotations

import datetime
import io
import tempfile
from pathlib import Path

from django.test import SimpleTestCase
from openpyxl import load_workbook

from stegvis.core.spreadsheets import formula_safe, unguarded
from stegvis.participants.tests.base import ParticipantTestCase

ATTACKS = ['=HYPERLINK("http://evil.example")', "+1+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1"]


class FormulaSafeTests(SimpleTestCase):
    def test_formula_like_text_gets_an_apostrophe_and_comes_back_unchanged(self):
        for text in ATTACKS:
            with self.subTest(text=text):
                self.assertEqual(formula_safe(text), "'" + text)
                self.assertEqual(unguarded(formula_safe(text)), text)

    def test_other_cells_are_left_alone(self):
        for cell in (
            "Lagerhuset AB",
            "",
            None,
            5,
            -5,
            2.5,
            True,
            datetime.date(2025, 1, 2),
            "'quoted",
        ):
            with self.subTest(cell=cell):
                self.assertEqual(formula_safe(cell), cell)
        self.assertEqual(unguarded("'quoted"), "'quoted")

    def test_the_report_downloads_are_guarded(self):
        from stegvis.reports.exporting import table_csv, table_xlsx

        table = [["Arbetsgivare", "Antal"], ["=1+1", -3]]
        self.assertIn("'=1+1;-3", table_csv(table).decode("utf-8-sig"))
        sheet = load_workbook(io.BytesIO(table_xlsx(table, title="t"))).active
        self.assertEqual([c.value for c in sheet[2]], ["'=1+1", -3])
        self.assertEqual(sheet["A2"].data_type, "s")


class ExchangeRoundTripTests(ParticipantTestCase):
    def test_the_exchange_export_guards_and_the_import_reads_the_text_back(self):
        from stegvis.exchange import services
        from stegvis.exchange.reading import Source, read_table
        from stegvis.participants import services as participants

        participants.employment_add(
            actor=self.coach, enrollment=self.mine, kind="JOB", employer="=cmd|' /C calc'!A0",
            start_date=datetime.date(2025, 5, 5), competitive=True,
        )  # fmt: skip
        with tempfile.TemporaryDirectory() as folder:
            services.exchange_export(actor=self.admin, directory=Path(folder), project=self.project)
            data = (Path(folder) / "employments.csv").read_bytes()
        self.assertIn(b"'=cmd|' /C calc'!A0", data)
        table, problems = read_table(Source(name="employments.csv", data=data))
        self.assertEqual(problems, [])
        employers = [row["employer"] for _line, row in table.rows]
        self.assertIn("=cmd|' /C calc'!A0", employers)
