"""The exchange tests' base: the named people of core.testing, a scratch directory for files, and
ways to run the import command and read what it says."""

from __future__ import annotations

import io
import json
import shutil
import tempfile
from pathlib import Path
from typing import Any

from django.core.management import CommandError, call_command

from stegvis.core.testing import BaseTestCase
from stegvis.exchange.tests import helpers

TOLVAN = "19121212-1212"
# Tolvan takes part in `project` (2024/00001) with `coach`; A2 has no personnummer and has left.
A1 = {
    "participant_id": "A1", "project": "2024/00001", "personnummer": TOLVAN, "gender": "M", "birth_year": "1912",
    "municipality": "2482", "method": "sed+se", "group": "Jämförelse", "coach": "coach",
    "referral_date": "2025-01-02", "start_date": "2025-01-15", "status_at_start": "unemployed",
    "education": "ISCED3-4", "disability": "NO", "income_source_start": "SOCIAL_ASSISTANCE",
    "support_months_before": "14",
}  # fmt: skip
A2 = {
    "participant_id": "A2", "project": "2024/00001", "gender": "K", "birth_year": "1990", "municipality": "180",
    "method": "IPS", "start_date": "2025-02-01", "end_date": "2025-05-31", "status_at_start": "LONG_TERM_UNEMPLOYED",
    "income_source_end": "SALARY", "exit_status": "EMPLOYED", "qualification_gained": "YES",
}  # fmt: skip
JOB_A1 = {
    "participant_id": "A1", "project": "2024/00001", "kind": "JOB", "employer": "Stora Lagret AB",
    "employer_org_number": "5560160680", "start_date": "2025-03-01", "hours_per_week": "37.5",
    "competitive": "yes", "subsidy": "LONEBIDRAG", "occupation": "Lagerarbetare",
}  # fmt: skip
STUDIES_A2 = {
    "participant_id": "A2", "project": "2024/00001", "kind": "STUDIES", "employer": "Komvux Skellefteå",
    "start_date": "2025-04-01", "end_date": "2025-05-31", "occupation": "Vård och omsorg",
}  # fmt: skip


def participant(base: dict[str, str] | None = None, **changes: str) -> str:
    return helpers.participant_row(**{**(base if base is not None else A1), **changes})


def employment(base: dict[str, str] | None = None, **changes: str) -> str:
    return helpers.employment_row(**{**(base if base is not None else JOB_A1), **changes})


class ExchangeTestCase(BaseTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.dir = Path(tempfile.mkdtemp(prefix="stegvis-exchange-test-"))
        self.addCleanup(shutil.rmtree, self.dir, ignore_errors=True)

    def participants_file(
        self, *rows: str, name: str = "participants.csv", separator: str = ",", bom: bool = False
    ) -> str:
        return helpers.write(
            self.dir,
            name,
            helpers.csv_text(helpers.PARTICIPANT_HEADER, rows, separator=separator),
            bom=bom,
        )

    def employments_file(
        self, *rows: str, name: str = "employments.csv", separator: str = ","
    ) -> str:
        return helpers.write(
            self.dir, name, helpers.csv_text(helpers.EMPLOYMENT_HEADER, rows, separator=separator)
        )

    def file(self, name: str, text: str) -> str:
        return helpers.write(self.dir, name, text)

    def run_import(self, *files: str, **options: Any) -> dict[str, Any]:
        """Import and return the counts (--json)."""
        out = io.StringIO()
        call_command("import", *files, json=True, stdout=out, stderr=io.StringIO(), **options)
        return json.loads(out.getvalue())

    def import_problems(self, *files: str, **options: Any) -> list[str]:
        """Import files that have problems; return the problem lines the command prints."""
        with self.assertRaises(CommandError) as raised:
            call_command("import", *files, stdout=io.StringIO(), stderr=io.StringIO(), **options)
        first, *lines = str(raised.exception).splitlines()
        self.assertTrue(first.startswith("Nothing was imported"), first)
        return lines

    def assertProblem(self, files: list[str], line: str, **options: Any) -> None:  # noqa: N802
        self.assertIn(line, self.import_problems(*files, **options))
