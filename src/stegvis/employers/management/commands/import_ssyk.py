"""stegvis import_ssyk FILE: load the SSYK 2012 unit groups (code;name, UTF-8, a header row first,
`;` or `,` between the columns) into the occupation code list. New codes are added and names
updated; nothing is removed. The app ships the common unit groups (employers/data/ssyk2012.csv);
this loads the full official list from SCB."""

from __future__ import annotations

import csv
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from stegvis.employers import services


def read_rows(path: Path) -> list[tuple[str, str]]:
    text = path.read_text(encoding="utf-8-sig")
    delimiter = ";" if text.split("\n", 1)[0].count(";") else ","
    reader = csv.reader(text.splitlines(), delimiter=delimiter)
    header = [cell.strip().lower() for cell in next(reader, [])]
    if header[:2] != ["code", "name"]:
        raise CommandError("The first row must be the header code;name.")
    rows = []
    for number, row in enumerate(reader, start=2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != 2:
            raise CommandError(f"Row {number}: write two columns, code and name.")
        rows.append((row[0], row[1]))
    return rows


class Command(BaseCommand):
    help = "Load the SSYK 2012 occupation code list from a CSV file with the columns code;name."

    def add_arguments(self, parser) -> None:  # noqa: ANN001
        parser.add_argument("file", type=Path)

    def handle(self, *args, **options) -> None:  # noqa: ANN002,ANN003
        path: Path = options["file"]
        if not path.is_file():
            raise CommandError(f"No file {path}.")
        try:
            added, changed = services.occupations_import(actor=None, rows=read_rows(path))
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        self.stdout.write(f"{added} occupations added, {changed} renamed.")
