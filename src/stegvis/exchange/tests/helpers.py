"""Builders for exchange files in tests and in the measurement script."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from pathlib import Path

PARTICIPANT_HEADER = (
    "participant_id,project,personnummer,gender,birth_year,municipality,method,group,coach,referral_date,"
    "start_date,end_date,status_at_start,education,disability,income_source_start,income_source_end,"
    "support_months_before,exit_status,qualification_gained,status_6m"
)
EMPLOYMENT_HEADER = (
    "participant_id,project,kind,employer,employer_org_number,start_date,end_date,hours_per_week,competitive,"
    "subsidy,occupation"
)
SKAPA_COLUMNS = "typ_av_arbete,klara_ett_arbete,kompetens,vardag_natverk,samarbetsformaga,halsa"
ASSESSMENT_HEADER = f"participant_id,project,date,rater,instrument,{SKAPA_COLUMNS},tilltro"


def _line(columns: Sequence[str], values: dict[str, object]) -> str:
    unknown = set(values) - set(columns)
    if unknown:
        raise TypeError(f"unknown columns {sorted(unknown)}")
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="").writerow([values.get(column, "") for column in columns])
    return buffer.getvalue()


def participant_row(**values: object) -> str:
    """A line of participants.csv (comma-separated) with the given cells, the others empty."""
    return _line(PARTICIPANT_HEADER.split(","), values)


def employment_row(**values: object) -> str:
    """A line of employments.csv (comma-separated) with the given cells, the others empty."""
    return _line(EMPLOYMENT_HEADER.split(","), values)


def assessment_row(**values: object) -> str:
    """A line of assessments.csv (SKAPA's columns, comma-separated), the cells not given empty."""
    return _line(ASSESSMENT_HEADER.split(","), values)


def personnummer(birth_date: str, serial: int) -> str:
    """A personnummer with a valid check digit: personnummer("19850312", 123) -> "19850312-1234"."""
    digits = birth_date[2:] + f"{serial:03d}"
    total = 0
    for position, char in enumerate(digits):
        product = int(char) * (2 if position % 2 == 0 else 1)
        total += product - 9 if product > 9 else product
    check = (10 - total % 10) % 10
    return f"{birth_date}-{serial:03d}{check}"


def csv_text(header: str, rows: Sequence[str], *, separator: str = ",") -> str:
    """A CSV file's text from comma-separated lines, written with `separator`."""
    lines = [header, *rows]
    if separator != ",":
        buffer = io.StringIO()
        writer = csv.writer(buffer, delimiter=separator, lineterminator="\n")
        for line in lines:
            writer.writerow(next(csv.reader([line])))
        return buffer.getvalue()
    return "\n".join(lines) + "\n"


def write(directory: Path, name: str, text: str, *, bom: bool = False) -> str:
    path = directory / name
    path.write_bytes(("\ufeff" if bom else "").encode() + text.encode("utf-8"))
    return str(path)


def xlsx_bytes(header: str, rows: Sequence[Sequence[object]]) -> bytes:
    """A workbook whose first sheet holds the header and rows (cells keep their Python types)."""
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(header.split(","))
    for row in rows:
        sheet.append(list(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def generated_participants(
    project: str, count: int, *, coach: str = "", with_jobs: bool = True, first: int = 0
) -> tuple[str, str]:
    """participants.csv and employments.csv texts with `count` participants (each with a
    personnummer) and a job for every other one: for the measurement and volume tests."""
    participants, jobs = [], []
    methods = ("SE", "IPS", "SED+SE", "BOSTON")
    for n in range(first, first + count):
        year = 1960 + n % 40
        birth = f"{year}{1 + n % 12:02d}{1 + n % 28:02d}"
        pnr = personnummer(birth, 1 + n % 999)
        ended = n % 3 == 0
        participants.append(
            f"P{n:05d},{project},{pnr},{'KMX'[n % 3]},{year},2482,{methods[n % 4]},,{coach},2024-01-10,2024-02-01,"
            f"{'2024-12-20' if ended else ''},UNEMPLOYED,ISCED3-4,,SOCIAL_ASSISTANCE,,12,"
            f"{'EMPLOYED' if ended else ''},,"
        )
        if with_jobs and n % 2 == 0:
            jobs.append(
                f"P{n:05d},{project},JOB,Arbetsgivare {n % 50} AB,,2024-06-01,,37.5,YES,NONE,Lagerarbetare"
            )
    return csv_text(PARTICIPANT_HEADER, participants), csv_text(EMPLOYMENT_HEADER, jobs)


def generated_assessments(project: str, count: int, *, per_participant: int = 4) -> str:
    """assessments.csv text for the participants of generated_participants(project, count):
    `per_participant` SKAPA assessments each, self and coach in turn, a month apart (the coach's
    with tilltro)."""
    rows = []
    for n in range(count):
        for k in range(per_participant):
            rater = "SELF" if k % 2 == 0 else "COACH"
            values = [str(1 + (n + k + d) % 10) for d in range(6)]
            tilltro = str(1 + (n + k) % 10) if rater == "COACH" else ""
            rows.append(
                f"P{n:05d},{project},2024-{2 + k // 2:02d}-15,{rater},SKAPA,{','.join(values)},{tilltro}"
            )
    return csv_text(ASSESSMENT_HEADER, rows)
