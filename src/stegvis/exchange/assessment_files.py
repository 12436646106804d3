"""assessments.csv (shared/spec/exchange-format.md): checking its rows against the instruments,
writing them through assessments.services.assessment_import, and the export's rows.

A row is one submitted assessment: `participant_id`, `project`, `date`, `rater` (SELF or COACH),
`instrument` (Instrument.code) and one column per domain of the instrument (Domain.code), each a
whole number on the version's scale; a domain outside the sum (SKAPA's `tilltro`, coach-only) may
be left empty. Its key is (project, participant_id, date, rater, instrument) among submitted
assessments. A new row is checked against the instrument's current version; a row whose key
Stegvis holds against the version that assessment was given on, whose ratings it gives anew.
Instruments are Stegvis' own settings, not exchange data: a row naming an instrument Stegvis does
not have is refused.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.db.models import Prefetch, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from stegvis.assessments import services as assessment_services
from stegvis.assessments.models import (
    DEFAULT_INSTRUMENT_CODE,
    Assessment,
    AssessmentStatus,
    Domain,
    InstrumentVersion,
    RatedBy,
    Rater,
    Rating,
)
from stegvis.exchange import formats
from stegvis.exchange.reading import Problem, Table
from stegvis.participants.models import Enrollment
from stegvis.projects.models import Project

if TYPE_CHECKING:  # pragma: no cover
    from stegvis.exchange.checking import ParticipantRow, _Checker, _Row

CREATED, UPDATED, UNCHANGED = "created", "updated", "unchanged"
KEY_COLUMNS = formats.ASSESSMENTS_FORMAT.columns
EXPORT_CHUNK = 900  # assessments whose ratings are read in one query (SQLite's parameter limit)


@dataclass
class AssessmentRow:
    file: str
    row: int
    project: Project
    code: str
    date: datetime.date
    rater: str
    version: InstrumentVersion
    ratings: dict[str, int]  # domain code -> value, the domains the row gives
    participant: ParticipantRow | None = None  # the participant's row in this run, if any
    enrollment: Enrollment | None = None  # the participant already in Stegvis, if any
    existing: Assessment | None = None  # the submitted assessment with the same key, if any
    outcome: str = CREATED


@dataclass
class Held:
    """What Stegvis holds that the rows are checked against, read once per run."""

    today: datetime.date
    current: dict[str, InstrumentVersion] = field(default_factory=dict)  # instrument code ->
    versions: dict[int, InstrumentVersion] = field(default_factory=dict)  # version pk ->
    columns: list[str] = field(default_factory=list)  # every domain code, in order
    # (enrollment pk, instrument pk, date, rater) -> the submitted assessment
    assessments: dict[tuple[int, int, datetime.date, str], Assessment] = field(default_factory=dict)
    ratings: dict[int, dict[str, int]] = field(default_factory=dict)  # assessment pk -> ratings
    first_rows: dict[tuple[Any, ...], tuple[str, int]] = field(default_factory=dict)
    reported: set[tuple[str, str]] = field(default_factory=set)  # (file, column) named at row 1


def _versions() -> list[InstrumentVersion]:
    return list(
        InstrumentVersion.objects.select_related("instrument")
        .prefetch_related(Prefetch("domains", queryset=Domain.objects.order_by("order", "pk")))
        .order_by("instrument__code", "number")
    )


def _domain_columns(versions: list[InstrumentVersion]) -> list[str]:
    """The domain codes of the versions, each once: by instrument, version and the domains' order
    (for SKAPA the six domains, then tilltro)."""
    return list(dict.fromkeys(d.code for v in versions for d in v.domains.all()))


def load(projects: list[Project]) -> Held:
    held = Held(today=timezone.localdate())
    versions = _versions()
    for version in versions:
        held.versions[version.pk] = version
        held.current[version.instrument.code.upper()] = version  # the highest number comes last
    held.columns = _domain_columns(versions)
    codes = {d.pk: d.code for v in versions for d in v.domains.all()}
    submitted = Assessment.objects.filter(
        enrollment__project__in=projects, status=AssessmentStatus.SUBMITTED
    )
    for assessment in submitted.only(
        "pk", "enrollment_id", "instrument_id", "version_id", "date", "rater", "status"
    ).order_by():
        key = (
            assessment.enrollment_id,
            assessment.instrument_id,
            assessment.date,
            assessment.rater,
        )
        held.assessments[key] = assessment
    ratings = Rating.objects.filter(
        assessment__enrollment__project__in=projects,
        assessment__status=AssessmentStatus.SUBMITTED,
    ).values_list("assessment_id", "domain_id", "value")
    for assessment_id, domain_id, value in ratings.order_by():
        held.ratings.setdefault(assessment_id, {})[codes[domain_id]] = value
    return held


def check_header(checker: _Checker, held: Held, table: Table) -> None:
    """Columns that are neither the key's nor a domain of an instrument Stegvis has."""
    known = [*KEY_COLUMNS, *held.columns]
    for name in dict.fromkeys(table.header):
        if name and name not in known:
            checker.problems.append(
                Problem(
                    table.name, 1, name, name,
                    _("There is no such column in %(file)s; check the spelling. The columns are: %(columns)s.")
                    % {"file": formats.ASSESSMENTS_FORMAT.filename, "columns": ", ".join(known)},
                )
            )  # fmt: skip


def _rates(domain: Domain, rater: str) -> bool:
    return domain.rated_by != (RatedBy.COACH if rater == Rater.SELF else RatedBy.PARTICIPANT)


def _instrument(row: _Row, held: Held) -> InstrumentVersion | None:
    value = row.cell("instrument")
    if not row.required("instrument"):
        return None
    version = held.current.get(value.upper())
    if version is None:
        row.problem(
            "instrument",
            _("There is no instrument with this code in Stegvis. The instruments are: %(codes)s.")
            % {"codes": ", ".join(sorted(held.current)) or "–"},
        )
    return version


def _rater_of(row: _Row, version: InstrumentVersion, rater: str) -> None:
    """The rater must be one the instrument is rated by."""
    instrument = version.instrument.code
    if rater == Rater.SELF and not version.rated_by_participant():
        row.problem(
            "rater",
            _("Only the coach rates %(instrument)s: the rater is COACH.")
            % {"instrument": instrument},
        )
    elif rater == Rater.COACH and not version.rated_by_coach():
        row.problem(
            "rater",
            _("Only the participant rates %(instrument)s: the rater is SELF.")
            % {"instrument": instrument},
        )


def _ratings(row: _Row, held: Held, version: InstrumentVersion, rater: str) -> dict[str, int]:
    """The row's rating of each domain of the version: required for the domains the rater answers
    that count in the sum, optional for the others the rater answers (tilltro), empty otherwise."""
    instrument = version.instrument.code
    low, high = version.scale_min, version.scale_max
    domains = list(version.domains.all())
    ratings: dict[str, int] = {}
    for domain in domains:
        value = row.cell(domain.code)
        if rater and not _rates(domain, rater):
            if value and rater == Rater.SELF:
                row.problem(
                    domain.code,
                    _("Only a coach's assessment (rater COACH) has this rating; leave it empty on a self-assessment."),
                )  # fmt: skip
            elif value:
                row.problem(
                    domain.code,
                    _("Only a self-assessment (rater SELF) has this rating; leave it empty on a coach's assessment."),
                )  # fmt: skip
            continue
        if not value:
            if rater and domain.counts_in_sum:
                _required(row, held, domain.code, instrument)
            continue
        if not (value.isdigit() and low <= int(value) <= high):
            row.problem(
                domain.code,
                _("Write a whole number from %(low)s to %(high)s, the scale of %(instrument)s.")
                % {"low": low, "high": high, "instrument": instrument},
            )
            continue
        ratings[domain.code] = int(value)
    own = {d.code for d in domains}
    for column in row.header:
        if column in held.columns and column not in own and row.cell(column):
            row.problem(
                column,
                _(
                    "This column is not part of instrument %(instrument)s; leave it empty on its rows."
                )
                % {"instrument": instrument},
            )
    return ratings


def _required(row: _Row, held: Held, column: str, instrument: str) -> None:
    if column in row.header:
        row.problem(column, _("Required: this cell must not be empty."))
        return
    # The header row's problem names the missing column once, not on every row.
    row.failed = True
    if (row.file, column) not in held.reported:
        held.reported.add((row.file, column))
        row.checker.problems.append(
            Problem(
                row.file, 1, column, "",
                _("This column is required for instrument %(instrument)s but missing from the header row.")
                % {"instrument": instrument},
            )
        )  # fmt: skip


def check_assessment(
    checker: _Checker, held: Held, table: Table, number: int, raw: dict[str, str]
) -> None:
    from stegvis.exchange.checking import _Row, shown

    row = _Row(checker, table, number, raw)
    code = row.text("participant_id", required=True, max_length=40)
    project = row.project()
    date = row.date("date", required=True)
    if date is not None and date > held.today:
        row.problem("date", _("An assessment cannot be dated in the future."))
    rater = row.code("rater", Rater, required=True)
    version = _instrument(row, held)
    participant, enrollment = None, None
    if project is not None and code:
        key = (project.pk, code)
        participant = checker.run_participants.get(key)
        enrollment = (
            participant.enrollment if participant is not None else checker.enrollments.get(key)
        )
        if key not in checker.run_participants and enrollment is None:
            row.problem(
                "participant_id",
                _("There is no participant %(id)s in project %(project)s, neither in Stegvis nor in a participants "
                  "file of this import.")
                % {"id": shown(code), "project": project.diarienummer},
            )  # fmt: skip
    if version is None:
        return
    if rater:
        _rater_of(row, version, rater)
    existing = None
    if enrollment is not None and date is not None and rater:
        existing = held.assessments.get((enrollment.pk, version.instrument_id, date, rater))
        if existing is not None:
            version = held.versions[existing.version_id]
    ratings = _ratings(row, held, version, rater)
    if row.failed or project is None or not code or date is None or not rater:
        return
    run_key = (project.pk, code, version.instrument_id, date, rater)
    if run_key in held.first_rows:
        first_file, first_row = held.first_rows[run_key]
        row.problem(
            "date",
            _("The same assessment (participant, date, rater and instrument) appears twice in this import: "
              "also on row %(row)s of %(file)s.")
            % {"row": first_row, "file": first_file},
        )  # fmt: skip
        return
    held.first_rows[run_key] = (table.name, number)
    outcome = CREATED
    if existing is not None:
        outcome = UNCHANGED if held.ratings.get(existing.pk, {}) == ratings else UPDATED
    checker.plan.assessments.append(
        AssessmentRow(file=table.name, row=number, project=project, code=code, date=date, rater=rater,
                      version=version, ratings=ratings, participant=participant, enrollment=enrollment,
                      existing=existing, outcome=outcome)
    )  # fmt: skip


# --- Writing ---------------------------------------------------------------------------------


def write_assessments(actor: Any, rows: list[AssessmentRow]) -> None:
    """New and changed assessments, in bulk, through assessments.services.assessment_import."""
    imported = []
    for row in rows:
        enrollment = row.enrollment or (row.participant.enrollment if row.participant else None)
        assert enrollment is not None
        imported.append(
            assessment_services.ImportedAssessment(
                enrollment=enrollment,
                version=row.version,
                rater=row.rater,
                date=row.date,
                ratings=row.ratings,
                existing=row.existing,
            )  # fmt: skip
        )
    assessment_services.assessment_import(actor=actor, rows=imported)


# --- Export ----------------------------------------------------------------------------------


def _submitted(project: Project | None) -> QuerySet[Assessment]:
    """Submitted assessments only (a draft is a self-assessment still being answered)."""
    assessments = Assessment.objects.filter(status=AssessmentStatus.SUBMITTED)
    return assessments.filter(enrollment__project=project) if project is not None else assessments


def export_columns(project: Project | None) -> list[str]:
    """The file's columns: the key's, then the domain columns of the instruments the assessments
    are on, or of the default instrument's current version when there are none."""
    used = set(_submitted(project).order_by().values_list("version_id", flat=True).distinct())
    versions = _versions()
    present = [v for v in versions if v.pk in used]
    if not present:
        present = [v for v in versions if v.instrument.code == DEFAULT_INSTRUMENT_CODE][-1:]
    return [*KEY_COLUMNS, *_domain_columns(present)]


def assessment_rows(project: Project | None) -> Iterator[dict[str, str]]:
    """The rows of assessments.csv, by project, participant, date, rater and instrument. Read as
    values, a chunk of EXPORT_CHUNK assessments and their ratings at a time: model instances of
    10,000 assessments and their 70,000 ratings would take seconds."""
    codes = dict(Domain.objects.values_list("pk", "code"))
    assessments = _submitted(project).order_by(
        "enrollment__project__diarienummer", "enrollment__participant_code", "date", "rater",
        "instrument__code", "pk",
    ).values_list(
        "pk", "enrollment__participant_code", "enrollment__project__diarienummer", "date", "rater",
        "instrument__code",
    )  # fmt: skip
    chunk: list[tuple[Any, ...]] = []
    for values in assessments.iterator(chunk_size=EXPORT_CHUNK):
        chunk.append(values)
        if len(chunk) == EXPORT_CHUNK:
            yield from _cells(chunk, codes)
            chunk = []
    yield from _cells(chunk, codes)


def _cells(chunk: list[tuple[Any, ...]], codes: dict[int, str]) -> Iterator[dict[str, str]]:
    ratings: dict[int, dict[str, str]] = {}
    found = Rating.objects.filter(assessment_id__in=[values[0] for values in chunk])
    for assessment_id, domain_id, value in found.order_by().values_list(
        "assessment_id", "domain_id", "value"
    ):
        ratings.setdefault(assessment_id, {})[codes[domain_id]] = str(value)
    for pk, code, diarienummer, date, rater, instrument in chunk:
        yield {
            "participant_id": code,
            "project": diarienummer,
            "date": date.isoformat(),
            "rater": rater.upper(),
            "instrument": instrument.upper(),
            **ratings.get(pk, {}),
        }
