"""Reading exchange files into rows of text: CSV (`,` or `;`, UTF-8 with or without BOM) or the
first sheet of an .xlsx workbook. Nothing here knows what the columns mean; checking.py does."""

from __future__ import annotations

import csv
import datetime
import io
import zipfile
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from stegvis.core.spreadsheets import unguarded
from stegvis.exchange import formats

XLSX_MAGIC = b"PK\x03\x04"
# The old binary Excel format (.xls) and other OLE2 files.
OLE2_MAGIC = b"\xd0\xcf\x11\xe0"


@dataclass(frozen=True)
class Source:
    """One file as given: its name (as the user knows it) and its bytes."""

    name: str
    data: bytes


@dataclass(frozen=True)
class Problem:
    """Why a row (or a whole file) cannot be imported. `row` is the spreadsheet row, header = 1;
    None for a problem with the file as a whole. `value` never holds a full personnummer."""

    file: str
    row: int | None
    column: str
    value: str
    reason: str

    def line(self) -> str:
        if self.row is None:
            return f"{self.file}: {self.reason}"
        return f"{self.file}:{self.row}: {self.column}: {self.value}: {self.reason}"

    def as_json(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "row": self.row,
            "column": self.column,
            "value": self.value,
            "reason": self.reason,
        }


@dataclass
class Table:
    """A file's rows as text, by normalised column name. Blank rows are left out."""

    name: str
    kind: str
    header: list[str]
    rows: list[tuple[int, dict[str, str]]] = field(default_factory=list)


def read_table(source: Source) -> tuple[Table | None, list[Problem]]:
    """The file's header and rows, or the problems that stop it from being read at all."""
    try:
        if source.data.startswith(XLSX_MAGIC):
            grid = _xlsx_rows(source.data)
        elif source.data.startswith(OLE2_MAGIC):
            return None, [
                _file_problem(
                    source, _("This is an old Excel file (.xls). Save it as .xlsx or as CSV UTF-8.")
                )
            ]
        else:
            grid = _csv_rows(source.data)
    except _UnreadableError as exc:
        return None, [_file_problem(source, exc.reason)]
    numbered = [(number, cells) for number, cells in enumerate(grid, start=1) if any(cells)]
    if not numbered:
        return None, [_file_problem(source, _("The file is empty."))]
    if numbered[0][0] != 1:
        return None, [
            _file_problem(source, _("The first row must be the header row with the column names."))
        ]
    header = [formats.normalise_column(name) for name in numbered[0][1]]
    kind = formats.recognise(header)
    if kind is None:
        return None, [
            _file_problem(
                source,
                _(
                    "This file's header row does not match any file of the exchange format. Stegvis imports "
                    "participants.csv, employments.csv, assessments.csv, profiles.csv and openings.csv; check "
                    "the column names in the first row."
                ),
            )  # fmt: skip
        ]
    problems = _header_problems(source, header, formats.IMPORTABLE[kind])
    table = Table(name=source.name, kind=kind, header=header)
    for number, cells in numbered[1:]:
        values: dict[str, str] = {}
        for index, cell in enumerate(cells):
            name = header[index] if index < len(header) else ""
            if name:
                values[name] = cell
            elif cell:
                problems.append(
                    Problem(
                        source.name,
                        number,
                        "",
                        cell,
                        _("This cell is in a column without a name in the header row."),
                    )
                )
        table.rows.append((number, values))
    return table, problems


def _header_problems(
    source: Source, header: list[str], file_format: formats.FileFormat
) -> list[Problem]:
    problems = []
    seen: set[str] = set()
    known = ", ".join(file_format.columns)
    for name in header:
        if not name:
            continue
        if name in seen:
            problems.append(
                Problem(
                    source.name, 1, name, name, _("This column appears twice in the header row.")
                )
            )
        elif name not in file_format.columns and not file_format.domain_columns:
            # assessments.csv's other columns are its instruments' domains (checking.py).
            problems.append(
                Problem(
                    source.name,
                    1,
                    name,
                    name,
                    _(
                        "There is no such column in %(file)s; check the spelling. The columns are: %(columns)s."
                    )
                    % {"file": file_format.filename, "columns": known},
                )  # fmt: skip
            )
        seen.add(name)
    for name in file_format.columns:
        if name in file_format.required and name not in seen:
            problems.append(
                Problem(
                    source.name,
                    1,
                    name,
                    "",
                    _("This column is required but missing from the header row."),
                )
            )
    return problems


class _UnreadableError(Exception):
    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def _file_problem(source: Source, reason: str) -> Problem:
    return Problem(source.name, None, "", "", reason)


def _csv_rows(data: bytes) -> list[list[str]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise _UnreadableError(
            _(
                "The file is not in UTF-8. Save it as CSV UTF-8 (comma or semicolon separated) or as .xlsx."
            )
        ) from None
    if "\x00" in text:
        raise _UnreadableError(_("This is not a CSV file or an .xlsx workbook."))
    first_line = next((line for line in text.splitlines() if line.strip()), "")
    # Swedish Excel separates with ";" (the comma is the decimal sign); column names contain neither.
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    try:
        return [
            [unguarded(cell.strip()) for cell in row]
            for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        ]
    except csv.Error as exc:
        raise _UnreadableError(
            _("The file cannot be read as CSV (%(error)s).") % {"error": exc}
        ) from None


def _xlsx_rows(data: bytes) -> list[list[str]]:
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError):
        raise _UnreadableError(
            _("The workbook cannot be opened. Save it again as .xlsx, or as CSV UTF-8.")
        ) from None
    try:
        return [
            [_cell_text(value) for value in row]
            for row in workbook.worksheets[0].iter_rows(values_only=True)
        ]
    finally:
        workbook.close()


def _cell_text(value: Any) -> str:
    """A workbook cell as the text a CSV file would hold."""
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return (
            value.date().isoformat()
            if value.time() == datetime.time()
            else value.isoformat(sep=" ")
        )
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, bool):
        return "YES" if value else "NO"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return unguarded(str(value).strip())
