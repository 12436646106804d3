"""Reading a school's attendance file: `participant_id;month;percent` (CSV, UTF-8, ";" or ","),
one line per participant and month. Every line is checked before anything is written; any error
stops the whole file, each one named by its line number, in Swedish.

- participant_id: the project's own id for the participant (as in participants.csv);
- month: YYYY-MM;
- percent: 0–100, a decimal comma or point allowed ("87,5").
The participant must have one study place (with the school consent if under 18); with several,
the one that had started by the month and had not been completed before it.
"""

from __future__ import annotations

import csv
import datetime
import io
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.utils import timezone
from django.utils.translation import gettext as _

from stegvis.projects.models import Project
from stegvis.youth import selectors
from stegvis.youth.models import Studies
from stegvis.youth.services import AttendanceLine

COLUMNS = ("participant_id", "month", "percent")
MAX_BYTES = 1_000_000
MAX_ERRORS = 50


@dataclass
class Checked:
    lines: list[AttendanceLine] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def _month(text: str) -> datetime.date | None:
    try:
        year, month = text.strip().split("-")
        return datetime.date(int(year), int(month), 1) if len(year) == 4 else None
    except ValueError:
        return None


def _percent(text: str) -> Decimal | None:
    try:
        value = Decimal(text.strip().replace(",", "."))
    except InvalidOperation:
        return None
    if not value.is_finite() or not Decimal(0) <= value <= Decimal(100):
        return None
    return value.quantize(Decimal("0.1"))


def _studies_for(candidates: list[Studies], month: datetime.date) -> Studies | None:
    if len(candidates) == 1:
        return candidates[0]
    fitting = [s for s in candidates
               if (s.started_on is None or s.started_on < _next_month(month))
               and (s.completed_on is None or s.completed_on >= month)]  # fmt: skip
    return fitting[0] if len(fitting) == 1 else None


def _next_month(month: datetime.date) -> datetime.date:
    return (month + datetime.timedelta(days=32)).replace(day=1)


def check_attendance_file(project: Project, content: bytes) -> Checked:
    """The file's lines checked against the project's participants and their studies."""
    result = Checked()
    if len(content) > MAX_BYTES:
        result.errors.append(_("The file is larger than 1 MB."))
        return result
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        result.errors.append(_("The file is not UTF-8 text. Save it as CSV UTF-8."))
        return result
    first = text.splitlines()[0] if text.strip() else ""
    reader = csv.reader(io.StringIO(text), delimiter=";" if ";" in first else ",")
    header = [h.strip().lower() for h in next(reader, [])]
    if tuple(header) != COLUMNS:
        result.errors.append(
            _("The first line must be the columns %(columns)s.") % {"columns": ";".join(COLUMNS)}
        )
        return result
    studies_by_code: dict[str, list[Studies]] = {}
    for studies in (
        Studies.objects.filter(enrollment__project=project)
        .select_related("enrollment__person", "enrollment__project")
        .prefetch_related("enrollment__guardian_consents")
    ):
        studies_by_code.setdefault(studies.enrollment.participant_code, []).append(studies)
    today = timezone.localdate()
    seen: dict[tuple[str, datetime.date], int] = {}
    for number, row in enumerate(reader, start=2):
        if not any(cell.strip() for cell in row):
            continue
        error = _check_line(row, number, studies_by_code, seen, today, result)
        if error:
            result.errors.append(_("Line %(n)s: %(error)s") % {"n": number, "error": error})
            if len(result.errors) >= MAX_ERRORS:
                result.errors.append(_("More errors were not listed."))
                break
    if not result.errors and not result.lines:
        result.errors.append(_("The file has no lines after the column names."))
    return result


def _check_line(row: list[str], number: int, studies_by_code: dict[str, list[Studies]],
                seen: dict, today: datetime.date, result: Checked) -> str | None:  # fmt: skip
    if len(row) != len(COLUMNS):
        return _("expected 3 values, found %(n)s.") % {"n": len(row)}
    code, month_text, percent_text = (cell.strip() for cell in row)
    candidates = studies_by_code.get(code)
    if not candidates:
        return _("no participant %(code)s with a study place in the project.") % {"code": code}
    month = _month(month_text)
    if month is None:
        return _("the month %(value)s is not written as YYYY-MM.") % {"value": month_text}
    if month > today:
        return _("the month %(value)s has not come yet.") % {"value": month_text}
    percent = _percent(percent_text)
    if percent is None:
        return _("the attendance %(value)s is not a percentage from 0 to 100.") % {
            "value": percent_text
        }
    if (code, month) in seen:
        return _("participant %(code)s, %(month)s is already on line %(line)s.") % {
            "code": code, "month": month_text, "line": seen[(code, month)]}  # fmt: skip
    seen[(code, month)] = number
    studies = _studies_for(candidates, month)
    if studies is None:
        return _("participant %(code)s has several study places in %(month)s; enter it on the participant's page.") % {
            "code": code, "month": month_text}  # fmt: skip
    state = selectors.consent_state(studies.enrollment, on=today)
    if "school" in state.missing:
        return _("participant %(code)s is under 18 and no guardian's consent covers school data.") % {
            "code": code}  # fmt: skip
    result.lines.append(AttendanceLine(studies=studies, month=month, percent=percent))
    return None
