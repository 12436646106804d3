"""Reports as downloadable files: CSV (UTF-8 with BOM and ";", as Swedish Excel reads it) and
XLSX, each download recorded in the audit trail.

A table is a list of rows, the first the header. Text cells that a spreadsheet would read as a
formula (starting with =, +, - or @) are written with a leading apostrophe (OWASP: CSV
injection); numbers stay numbers.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from typing import Any

from django.db import transaction
from django.http import HttpResponse
from openpyxl import Workbook

from stegvis.core import audit
from stegvis.core.spreadsheets import FORMULA_STARTS, formula_safe
from stegvis.projects.models import Project

__all__ = ["FORMULA_STARTS"]  # kept importable from here
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
PDF = "application/pdf"
Table = Sequence[Sequence[Any]]


def guard(cell: Any) -> Any:
    """A cell safe for a spreadsheet: text that would start a formula gets a leading '
    (core.spreadsheets.formula_safe)."""
    if isinstance(cell, str):
        return formula_safe(cell)
    if cell is None or isinstance(cell, bool | int | float):
        return cell
    return str(cell) if not isinstance(cell, str) else cell


def table_csv(table: Table) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    for row in table:
        writer.writerow(["" if c is None else guard(c) for c in row])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def table_xlsx(table: Table, *, title: str) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title[:31]
    for row in table:
        sheet.append([guard(c) for c in row])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def export_response(
    table: Table,
    *,
    fmt: str,
    filename: str,
    actor: Any,
    project: Project | None,
    report: str,
    people: int,
    details: dict[str, Any] | None = None,
) -> HttpResponse:
    """The table as a file download (fmt "csv" or "xlsx"), recorded as report.exported: who,
    which report of which project, in what format, about how many people."""
    content = table_csv(table) if fmt == "csv" else table_xlsx(table, title=report)
    return file_response(
        content, content_type=CONTENT_TYPES[fmt], fmt=fmt, filename=filename, actor=actor,
        project=project, report=report, people=people, details=details,
    )  # fmt: skip


def file_response(
    content: bytes,
    *,
    content_type: str,
    fmt: str,
    filename: str,
    actor: Any,
    project: Project | None,
    report: str,
    people: int,
    details: dict[str, Any] | None = None,
) -> HttpResponse:
    """A report file as a download, recorded as report.exported (who, which report of which
    project, or of every project the user may see when `project` is None, in what format, about
    how many people)."""
    with transaction.atomic():
        audit.record(
            actor=actor,
            action="report.exported",
            target=project,
            label=project.diarienummer if project else "",
            changes={
                name: [None, value]
                for name, value in {
                    "report": report,
                    "format": fmt,
                    "people": people,
                    **(details or {}),
                }.items()
            },
        )
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    return response
