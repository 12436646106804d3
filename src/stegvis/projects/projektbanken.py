"""Parser for project records from the ESF council's project bank (Projektbanken).

A record is a title line `<diarienummer> - <name>`, label lines each followed by a value line,
then the free-text description (see shared/spec/projektbanken.md). Both programme periods are
read: 2014–2020 (ESF) and 2021–2027 (ESF+). Labels the parser does not know are kept in `extra`.
Parsing writes nothing; projects.services.project_import_record stores a parsed record.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import asdict, dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

from django.core.exceptions import ValidationError

from stegvis.core.validators import normalise_org_number


class ProjektbankenError(Exception):
    """A record cannot be read; the message names the file and says why, in plain language."""


@dataclass
class ProjectRecord:
    diarienummer: str
    name: str
    owner: str | None = None
    owner_org_number: str | None = None
    region: str | None = None
    nuts2: str | None = None
    programme_area: str | None = None
    specific_objective: str | None = None
    intervention_type: str | None = None
    fund: str | None = None
    eu_cofinancing_rate: int | float | None = None
    total_budget_sek: int | None = None
    esf_support_sek: int | None = None
    planned_participants: int | None = None
    start_date: str | None = None
    end_date: str | None = None
    contact_name: str | None = None
    contact_email: str | None = None
    postcode: str | None = None
    city: str | None = None
    description: str = ""
    extra: dict[str, str] = field(default_factory=dict)

    def as_json(self) -> dict:
        """The record as the `import_projects --dry-run --json` contract prints it."""
        return asdict(self)

    @property
    def programme_period(self) -> str:
        """'2014-2020' or '2021-2027', from the diarienummer's shape or, failing that, the dates."""
        if re.fullmatch(r"\d{4}/\d{5}", self.diarienummer):
            return "2014-2020"
        if re.fullmatch(r"\d{2}-\d{3}-S\d{2,}", self.diarienummer, flags=re.IGNORECASE):
            return "2021-2027"
        if self.start_date:
            return "2021-2027" if self.start_date >= "2021-07-01" else "2014-2020"
        return ""


# Labels and the field each fills. Values that need conversion are handled in _apply().
_TEXT_LABELS = {
    "diarienummer": "diarienummer",
    "namn": "name",
    "region": "region",
    "nuts-2 kod": "nuts2",
    "nuts2-kod": "nuts2",
    "programområde": "programme_area",
    "specifikt mål": "specific_objective",
    "interventionstyp": "intervention_type",
    "berörd fond": "fund",
    "kontaktperson": "contact_name",
    "e-post": "contact_email",
    "stödmottagare postnr": "postcode",
    "stödmottagare ort": "city",
}
_AMOUNT_LABELS = {"total projektbudget": "total_budget_sek", "beviljat esf-stöd": "esf_support_sek"}
_COUNT_LABELS = {
    "planerat antal deltagare": "planned_participants",
    "antal deltagare": "planned_participants",
}
_DATE_LABELS = {"startdatum": "start_date", "slutdatum": "end_date"}
_OTHER_KNOWN = {"projektägare", "projektägare organisationsnummer", "projektperiod", "projektnummer",
                "unionens medfinansieringsgrad"}  # fmt: skip

_SPACES = re.compile(r"[\s\u00a0\u202f\u2009]+")


def _is_label(line: str) -> bool:
    """A label line ends with a colon and is short; description sentences are not labels."""
    return line.endswith(":") and 1 < len(line) <= 80 and not line.endswith("::")


def _split_pairs(lines: list[str], start: int) -> tuple[list[tuple[str, str]], int]:
    pairs: list[tuple[str, str]] = []
    i = start
    while i < len(lines):
        line = lines[i].strip()
        if not line or not _is_label(line):
            break
        label = line[:-1].strip()
        i += 1
        value = ""
        if i < len(lines):
            candidate = lines[i].strip()
            if candidate and not _is_label(candidate):
                value = candidate
                i += 1
        pairs.append((label, value))
    return pairs, i


def parse_record(text: str, *, source: str = "<record>") -> ProjectRecord:
    """Parse one project-bank record. Raises ProjektbankenError naming `source` on bad input."""
    lines = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n").split("\n")
    first = next((n for n, line in enumerate(lines) if line.strip()), None)
    if first is None:
        raise ProjektbankenError(f"{source}: the file is empty.")
    title = lines[first].strip()
    title_dnr, sep, title_name = title.partition(" - ")
    if not sep:
        # Without the separator the title is not `<diarienummer> - <name>`: it gives neither.
        title_dnr = title_name = ""
    if _is_label(title):
        title_dnr = title_name = ""
        start = first
    else:
        start = first + 1
        while start < len(lines) and not lines[start].strip():
            start += 1
    pairs, end = _split_pairs(lines, start)
    if not pairs:
        raise ProjektbankenError(f"{source}: no label lines (like 'Diarienummer:') were found.")
    description = "\n".join(lines[end:]).strip()
    record = ProjectRecord(diarienummer="", name="", description=description)
    for label, value in pairs:
        _apply(record, label, value, source=source)
    record.diarienummer = record.diarienummer or title_dnr.strip()
    record.name = record.name or title_name.strip()
    if not record.diarienummer:
        raise ProjektbankenError(f"{source}: the record has no diarienummer.")
    if not record.name:
        raise ProjektbankenError(f"{source}: the record has no project name.")
    if record.start_date and record.end_date and record.end_date < record.start_date:
        raise ProjektbankenError(
            f"{source}: the project ends ({record.end_date}) before it starts ({record.start_date})."
        )
    return record


def parse_file(path: str | Path) -> ProjectRecord:
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ProjektbankenError(f"{path}: the file cannot be read ({exc.strerror}).") from exc
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            raise ProjektbankenError(
                f"{path}: the file is not text (UTF-8 or Windows-1252)."
            ) from None
    return parse_record(text, source=str(path))


def _apply(record: ProjectRecord, label: str, value: str, *, source: str) -> None:
    key = label.strip().lower()
    where = f"{source}: '{label}'"
    if key in _TEXT_LABELS:
        setattr(record, _TEXT_LABELS[key], value or getattr(record, _TEXT_LABELS[key]) or None)
    elif key in _AMOUNT_LABELS:
        setattr(record, _AMOUNT_LABELS[key], _amount(value, where=where))
    elif key in _COUNT_LABELS:
        if value:
            setattr(record, _COUNT_LABELS[key], _amount(value, where=where))
    elif key in _DATE_LABELS:
        if value:
            setattr(record, _DATE_LABELS[key], _date(value, where=where))
    elif key == "projektperiod":
        if value:
            start, end = _period(value, where=where)
            record.start_date = record.start_date or start
            record.end_date = record.end_date or end
    elif key == "projektägare":
        record.owner = _owner_name(value) or None
    elif key == "projektägare organisationsnummer":
        record.owner_org_number = _org_number(value, where=where)
    elif key == "unionens medfinansieringsgrad":
        record.eu_cofinancing_rate = _percent(value, where=where)
    elif key == "projektnummer":
        if value and value != record.diarienummer:
            record.extra[label] = value
    else:
        record.extra[label] = value


def _owner_name(value: str) -> str:
    """'Stiftelsen Activa, Stiftelsen Activa' -> 'Stiftelsen Activa'; 'Urkraft ASF AB, Urkraft' ->
    'Urkraft ASF AB'. The project bank often writes the owner twice, the second time as a short name."""
    head, sep, tail = value.partition(", ")
    if sep and head.lower().startswith(tail.strip().lower()):
        return head.strip()
    return value.strip()


def _amount(value: str, *, where: str) -> int | None:
    if not value:
        return None
    digits = _SPACES.sub("", value).removesuffix("kr").removesuffix("SEK")
    if not (digits.isascii() and digits.isdigit()):
        raise ProjektbankenError(f"{where} should be a whole number, not {value!r}.")
    return int(digits)


def _percent(value: str, *, where: str) -> int | float | None:
    if not value:
        return None
    raw = _SPACES.sub("", value).removesuffix("%").replace(",", ".")
    try:
        number = Decimal(raw)
    except InvalidOperation:
        raise ProjektbankenError(
            f"{where} should be a percentage like 50%, not {value!r}."
        ) from None
    if not number.is_finite() or not 0 <= number <= 100:
        raise ProjektbankenError(f"{where} should be between 0% and 100%, not {value!r}.")
    return int(number) if number == number.to_integral_value() else float(number)


def _date(value: str, *, where: str) -> str:
    try:
        return datetime.date.fromisoformat(value.strip()).isoformat()
    except ValueError:
        raise ProjektbankenError(
            f"{where} should be a date like 2021-02-01, not {value!r}."
        ) from None


def _period(value: str, *, where: str) -> tuple[str, str]:
    match = re.fullmatch(r"\s*(\S+)\s+[-–]\s+(\S+)\s*", value)
    if not match:
        raise ProjektbankenError(
            f"{where} should be two dates like 2021-02-01 - 2023-02-28, not {value!r}."
        )
    return _date(match.group(1), where=where), _date(match.group(2), where=where)


def _org_number(value: str, *, where: str) -> str | None:
    if not value:
        return None
    try:
        return normalise_org_number(value)
    except ValidationError:
        raise ProjektbankenError(
            f"{where}: {value!r} is not a valid organisation number."
        ) from None
