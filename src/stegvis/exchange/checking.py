"""Checking an import before anything is written: every row of every file, and the rows against
each other and against the database. The result is a Plan: the problems (if any) and, for every
row, whether it creates, updates or leaves unchanged a participant, an employment, an assessment,
a profile or an opening.

What Stegvis already holds is read up front, a few queries per run, never per row: the projects,
their participants with their people, the people with the run's personnummer (by blind index),
the coaches and the employments; the instruments and the submitted assessments with their
ratings (assessment_files.py); the profiles and openings (employer_files.py). A personnummer is
never put in a problem in full.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext as _

from stegvis.accounts.models import User
from stegvis.core.permissions import Role
from stegvis.core.validators import normalise_org_number
from stegvis.exchange import assessment_files, employer_files, formats
from stegvis.exchange.reading import Problem, Source, Table, read_table
from stegvis.participants import identity
from stegvis.participants.codes import (
    Education,
    EmploymentKind,
    ExitStatus,
    Gender,
    IncomeSource,
    LabourMarketStatus,
    Subsidy,
    YesNo,
    canonical_method,
)
from stegvis.participants.models import Employment, Enrollment, Person
from stegvis.projects.models import Project, ProjectStaff

CREATED, UPDATED, UNCHANGED = "created", "updated", "unchanged"
OUTCOMES = (CREATED, UPDATED, UNCHANGED)
# Parameters per query: below SQLite's lowest limit, so long lists are read in a few batches.
BATCH = 900
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass
class ParticipantRow:
    """A row of participants.csv: an enrollment (participant) of a person in a project."""

    file: str
    row: int
    project: Project
    code: str
    number: identity.IdentityNumber | None
    index: str  # the personnummer's blind index ("" without one), computed once
    gender: str
    birth_year: int
    coach_name: str
    values: dict[str, Any]  # Enrollment fields, as the file gives them
    enrollment: Enrollment | None = None  # the participant already in Stegvis
    person: Person | None = None  # the person already in Stegvis, if any
    person_key: str = ""  # the same for every row of the same person in this run
    add_identity: bool = False  # the registered person has no personnummer yet; the file gives it
    changes: dict[str, Any] = field(default_factory=dict)  # Enrollment fields that differ
    coach_changes: bool = False
    outcome: str = CREATED


@dataclass
class EmploymentRow:
    """A row of employments.csv: a job or study place of a participant."""

    file: str
    row: int
    project: Project
    code: str
    values: dict[str, Any]  # Employment fields, as the file gives them
    participant: ParticipantRow | None = None  # the participant's row in this run, if any
    enrollment: Enrollment | None = None  # the participant already in Stegvis, if any
    employment: Employment | None = None  # the same job already in Stegvis, if any
    changes: dict[str, Any] = field(default_factory=dict)
    outcome: str = CREATED


@dataclass
class Plan:
    problems: list[Problem] = field(default_factory=list)
    participants: list[ParticipantRow] = field(default_factory=list)
    employments: list[EmploymentRow] = field(default_factory=list)
    # Person pk -> (person, {field: new value}) for people whose gender or birth year changes.
    person_updates: dict[int, tuple[Person, dict[str, Any]]] = field(default_factory=dict)
    # User name -> the projects where the new (inactive) account is to coach.
    coaches_to_create: dict[str, list[Project]] = field(default_factory=dict)
    # The coaches the rows name that exist already, by user name.
    users: dict[str, User] = field(default_factory=dict)
    assessments: list[assessment_files.AssessmentRow] = field(default_factory=list)
    profiles: list[employer_files.ProfileRow] = field(default_factory=list)
    openings: list[employer_files.OpeningRow] = field(default_factory=list)

    def _rows(self) -> tuple[Any, ...]:
        return (
            *self.participants, *self.employments, *self.assessments, *self.profiles, *self.openings,
        )  # fmt: skip

    @property
    def rows(self) -> int:
        """How many rows the import writes or finds unchanged, of every file."""
        return len(self._rows())

    @property
    def counts(self) -> dict[str, dict[str, int]]:
        result = {
            kind: dict.fromkeys(OUTCOMES, 0)
            for kind in ("participants", "employments", "assessments", "profiles", "openings")
        }
        for row in self.participants:
            result["participants"][row.outcome] += 1
        for row in self.employments:
            result["employments"][row.outcome] += 1
        for row in self.assessments:
            result["assessments"][row.outcome] += 1
        for row in self.profiles:
            result["profiles"][row.outcome] += 1
        for row in self.openings:
            result["openings"][row.outcome] += 1
        return result

    @property
    def changes_anything(self) -> bool:
        return bool(self.coaches_to_create) or any(row.outcome != UNCHANGED for row in self._rows())


def check(
    sources: Sequence[Source], *, create_coaches: bool = False, only_project: Project | None = None
) -> Plan:
    """Read and check every file. With `only_project`, every row must be for that project (the
    upload page imports into the one project the user chose); otherwise into any project."""
    return _Checker(create_coaches=create_coaches, only_project=only_project).run(sources)


def _batches(values: Iterable[Any]) -> Iterator[list[Any]]:
    items = sorted(values)
    for start in range(0, len(items), BATCH):
        yield items[start : start + BATCH]


def masked(raw: str) -> str:
    """A personnummer as it may be shown in a problem: the date part, never the last four digits."""
    try:
        return identity.parse_identity_number(raw).masked
    except identity.InvalidIdentityNumber:
        return raw[:-4] + "****" if len(raw) > 4 else "****"


_LOOKS_LIKE_IDENTITY_NUMBER = re.compile(r"^\s*(\d{2})?\d{6}\s*[-+]?\s*\d{4}\s*$")


def shown(value: str) -> str:
    """A cell's value as a problem may show it. A personnummer in the wrong column (a legacy id,
    a birth year cell) is masked as in the personnummer column: problems are printed and shown."""
    if _LOOKS_LIKE_IDENTITY_NUMBER.match(value):
        try:
            return identity.parse_identity_number(value).masked
        except identity.InvalidIdentityNumber:
            return value
    return value


class _Row:
    """Reads the cells of one row, turning each into its value or into a problem."""

    def __init__(self, checker: _Checker, table: Table, number: int, raw: dict[str, str]) -> None:
        self.checker = checker
        self.file = table.name
        self.header = table.header
        self.number = number
        self.raw = raw
        self.failed = False

    def cell(self, column: str) -> str:
        return self.raw.get(column, "").strip()

    def problem(self, column: str, reason: str, *, value: str | None = None) -> None:
        self.failed = True
        text = shown(self.cell(column)) if value is None else value
        self.checker.problems.append(Problem(self.file, self.number, column, text, reason))

    def required(self, column: str) -> bool:
        """True when the cell has a value; otherwise records that it is required."""
        if self.cell(column):
            return True
        if column not in self.header:
            # The header row's problem names the missing column once, not on every row.
            self.failed = True
            return False
        self.problem(column, _("Required: this cell must not be empty."))
        return False

    def text(self, column: str, *, required: bool = False, max_length: int) -> str:
        value = self.cell(column)
        if required and not self.required(column):
            return ""
        if len(value) > max_length:
            self.problem(
                column,
                _("At most %(max)s characters (this has %(count)s).")
                % {"max": max_length, "count": len(value)},
            )
        return value

    def code(
        self, column: str, choices: type[models.TextChoices], *, required: bool = False
    ) -> str:
        value = self.cell(column)
        if not value:
            if required:
                self.required(column)
            return ""
        if value.upper() not in _values(choices):
            self.problem(
                column,
                _("This is not one of the codes of the column. Use %(codes)s.")
                % {"codes": _codes(choices)},
            )
            return ""
        return value.upper()

    def yes_no(self, column: str) -> bool | None:
        code = self.code(column, YesNo)
        return None if not code else code == YesNo.YES

    def date(self, column: str, *, required: bool = False) -> datetime.date | None:
        value = self.cell(column)
        if not value:
            if required:
                self.required(column)
            return None
        try:
            if not ISO_DATE.match(value):
                raise ValueError(value)
            return datetime.date.fromisoformat(value)
        except ValueError:
            self.problem(
                column, _("This is not a date. Write dates as YYYY-MM-DD, like 2025-01-31.")
            )
            return None

    def project(self) -> Project | None:
        diarienummer = self.cell("project")
        if not self.required("project"):
            return None
        only = self.checker.only_project
        if only is not None and diarienummer != only.diarienummer:
            self.problem(
                "project",
                _(
                    "This row is for another project than %(project)s, the one you are importing into."
                )
                % {"project": only.diarienummer},
            )
            return None
        project = self.checker.projects.get(diarienummer)
        if project is None:
            self.problem("project", _("There is no project with this diarienummer in Stegvis."))
        return project

    def identity_number(self) -> identity.IdentityNumber | None:
        raw = self.cell("personnummer")
        if not raw:
            return None
        try:
            return identity.parse_identity_number(raw)
        except identity.InvalidIdentityNumber:
            self.problem(
                "personnummer",
                _("This is not a valid personnummer or samordningsnummer. Check the digits."),
                value=masked(raw),
            )
            return None

    def birth_year(self, number: identity.IdentityNumber | None) -> int:
        value = self.cell("birth_year")
        if not self.required("birth_year"):
            return 0
        this_year = timezone.localdate().year
        if not (len(value) == 4 and value.isdigit() and 1900 <= int(value) <= this_year):
            self.problem(
                "birth_year",
                _("Write the birth year with four digits, from 1900 to %(year)s.")
                % {"year": this_year},
            )
            return 0
        if number is not None and number.birth_year != int(value):
            self.problem(
                "birth_year",
                _("This does not agree with the personnummer, which says %(year)s.")
                % {"year": number.birth_year},
            )
        return int(value)

    def municipality(self) -> str:
        value = self.cell("municipality")
        if not value:
            return ""
        # A spreadsheet drops the leading zero of Stockholm county's codes (0180 -> 180).
        if len(value) == 3 and value.isdigit():
            value = "0" + value
        if not (len(value) == 4 and value.isdigit()):
            self.problem(
                "municipality",
                _("A municipality code (kommunkod) is four digits, like 1880 or 2482."),
            )
            return ""
        return value

    def method(self) -> str:
        if not self.required("method"):
            return ""
        try:
            return canonical_method(self.cell("method"))
        except ValueError:
            self.problem(
                "method",
                _(
                    "This is not a support method. Use SE, IPS, SED, BOSTON or OTHER, several joined with + (like SED+SE)."
                ),
            )
            return ""

    def whole_number(self, column: str) -> int | None:
        value = self.cell(column)
        if not value:
            return None
        if not value.isdigit() or int(value) > 32767:
            self.problem(column, _("Write a whole number of months, like 18."))
            return None
        return int(value)

    def hours(self, column: str) -> Decimal | None:
        value = self.cell(column)
        if not value:
            return None
        try:
            # A Swedish spreadsheet writes 37,5 where the spec writes 37.5.
            hours = Decimal(value.replace(",", "."))
            if (
                not hours.is_finite()
                or not (0 <= hours <= 168)
                or hours != hours.quantize(Decimal("0.1"))
            ):
                raise InvalidOperation
        except InvalidOperation:
            self.problem(
                column,
                _("Write the hours as a number from 0 to 168 with at most one decimal, like 37.5."),
            )
            return None
        return hours.quantize(Decimal("0.1"))

    def org_number(self, column: str) -> str:
        value = self.cell(column)
        if not value:
            return ""
        try:
            return normalise_org_number(value)
        except ValidationError as exc:
            self.problem(column, " ".join(exc.messages))
            return ""


_VALUES: dict[type[models.TextChoices], frozenset[str]] = {}


def _values(choices: type[models.TextChoices]) -> frozenset[str]:
    if choices not in _VALUES:
        _VALUES[choices] = frozenset(choices.values)
    return _VALUES[choices]


def _codes(choices: type[models.TextChoices]) -> str:
    values = list(choices.values)
    return _("%(codes)s or %(last)s") % {"codes": ", ".join(values[:-1]), "last": values[-1]}


class _Checker:
    def __init__(self, *, create_coaches: bool, only_project: Project | None) -> None:
        self.create_coaches = create_coaches
        self.only_project = only_project
        self.problems: list[Problem] = []
        self.plan = Plan(problems=self.problems)
        self.projects: dict[str, Project] = {}
        self.enrollments: dict[tuple[int, str], Enrollment] = {}
        self.users: dict[str, User] = self.plan.users
        self.coach_staff: set[tuple[int, int]] = set()
        self.employments: dict[tuple[int, str, str, datetime.date], Employment] = {}
        # (project pk, participant id) -> its row in this run (None when the row has problems).
        self.run_participants: dict[tuple[int, str], ParticipantRow | None] = {}
        # Where a participant or a job was first seen in this run, to name it when it comes again.
        self.first_rows: dict[tuple[int, str], tuple[str, int]] = {}
        self.first_jobs: dict[tuple[int, str, str, str, datetime.date], tuple[str, int]] = {}

    def run(self, sources: Sequence[Source]) -> Plan:
        tables: list[Table] = []
        for source in sources:
            table, problems = read_table(source)
            self.problems.extend(problems)
            if table is not None:
                tables.append(table)
        self._load(tables)
        for table in tables:
            if table.kind == formats.PARTICIPANTS:
                for number, raw in table.rows:
                    self._participant(table, number, raw)
        self._resolve_people()
        self._check_one_active_participation()
        for table in tables:
            if table.kind == formats.EMPLOYMENTS:
                for number, raw in table.rows:
                    self._employment(table, number, raw)
        self._assessments(tables)
        self._employer_files(tables)
        self._outcomes()
        order = {source.name: index for index, source in enumerate(sources)}
        self.problems.sort(key=lambda p: (order.get(p.file, 0), p.row or 0))
        return self.plan

    # --- What Stegvis holds ---------------------------------------------------------------------

    def _load(self, tables: list[Table]) -> None:
        diarienummer = {raw.get("project", "").strip() for t in tables for _n, raw in t.rows} - {""}
        if self.only_project is not None:
            diarienummer &= {self.only_project.diarienummer}
        for batch in _batches(diarienummer):
            self.projects.update(
                {
                    p.diarienummer: p
                    for p in Project.objects.filter(diarienummer__in=batch).select_related("owner")
                }
            )
        projects = list(self.projects.values())
        enrollments = (
            Enrollment.objects.filter(project__in=projects)
            .select_related("person", "coach")
            .defer("person__identity_number")
        )
        self.enrollments = {(e.project_id, e.participant_code): e for e in enrollments}
        usernames = {
            raw.get("coach", "").strip()
            for t in tables
            if t.kind == formats.PARTICIPANTS
            for _n, raw in t.rows
        }
        for batch in _batches(usernames - {""}):
            self.users.update({u.username: u for u in User.objects.filter(username__in=batch)})
        self.coach_staff = set(
            ProjectStaff.objects.filter(project__in=projects, role=Role.COACH).values_list(
                "project_id", "user_id"
            )
        )
        if any(t.kind == formats.EMPLOYMENTS for t in tables):
            for job in Employment.objects.filter(enrollment__project__in=projects):
                self.employments[
                    (job.enrollment_id, job.kind, job.employer.strip(), job.start_date)
                ] = job

    def _people_by_index(self, indexes: set[str]) -> dict[str, Person]:
        """The person registered with each blind index (the earliest, following merges), as
        participants.services.person_find_by_identity_number finds them one by one."""
        found: dict[str, Person] = {}
        for batch in _batches(indexes):
            for person in (
                Person.objects.filter(identity_index__in=batch)
                .defer("identity_number")
                .order_by("created_at", "pk")
            ):
                found.setdefault(person.identity_index, person)
        for index, person in list(found.items()):
            while person.merged_into_id:
                person = Person.objects.defer("identity_number").get(pk=person.merged_into_id)
            found[index] = person
        return found

    # --- participants.csv -----------------------------------------------------------------------

    def _participant(self, table: Table, number: int, raw: dict[str, str]) -> None:
        row = _Row(self, table, number, raw)
        code = row.text("participant_id", required=True, max_length=40)
        if code and shown(code) != code:
            row.problem(
                "participant_id",
                _("This is a personnummer. The participant id is the project's own number for the person, "
                  "never their personnummer (it is shown in lists and in the audit trail)."),
            )  # fmt: skip
        project = row.project()
        identity_number = row.identity_number()
        gender = row.code("gender", Gender, required=True)
        birth_year = row.birth_year(identity_number)
        values: dict[str, Any] = {"municipality_code": row.municipality(), "method": row.method()}
        values["comparison_group"] = row.text("group", max_length=100)
        coach_name = row.text("coach", max_length=150)
        values["referral_date"] = row.date("referral_date")
        values["start_date"] = row.date("start_date", required=True)
        values["end_date"] = row.date("end_date")
        if (
            values["start_date"]
            and values["end_date"]
            and values["end_date"] < values["start_date"]
        ):
            row.problem(
                "end_date",
                _("The end date is before the start date (%(date)s).")
                % {"date": values["start_date"]},
            )
        values["status_at_start"] = row.code("status_at_start", LabourMarketStatus, required=True)
        values["education"] = row.code("education", Education)
        values["disability"] = row.code("disability", YesNo)
        values["income_source_start"] = row.code("income_source_start", IncomeSource)
        values["income_source_end"] = row.code("income_source_end", IncomeSource)
        values["support_months_before"] = row.whole_number("support_months_before")
        values["exit_status"] = row.code("exit_status", ExitStatus)
        if values["end_date"] and not row.cell("exit_status"):
            row.problem(
                "exit_status",
                _("Required when end_date is set: the participant's situation on leaving."),
            )
        values["qualification_gained"] = row.yes_no("qualification_gained")
        values["status_6m"] = row.code("status_6m", ExitStatus)
        if project is None:
            return
        key = (project.pk, code)
        existing = self.enrollments.get(key)
        # A coach who no longer coaches in the project may stay the coach of their participants.
        keeps_coach = (
            existing is not None
            and existing.coach is not None
            and existing.coach.username == coach_name
        )
        if coach_name and not keeps_coach:
            self._check_coach(row, project, coach_name)
        if not code:
            return
        if key in self.first_rows:
            first_file, first_row = self.first_rows[key]
            row.problem(
                "participant_id",
                _("The participant appears twice in this import: also on row %(row)s of %(file)s.")
                % {"row": first_row, "file": first_file},
            )
            return
        self.first_rows[key] = (table.name, number)
        if row.failed:
            self.run_participants[key] = None
            return
        participant = ParticipantRow(
            file=table.name, row=number, project=project, code=code, number=identity_number,
            index=identity_number.blind_index if identity_number else "", gender=gender,
            birth_year=birth_year, coach_name=coach_name, values=values,
        )  # fmt: skip
        self.run_participants[key] = participant
        self.plan.participants.append(participant)

    def _check_coach(self, row: _Row, project: Project, username: str) -> None:
        user = self.users.get(username)
        if user is None and self.create_coaches:
            try:
                User.username_validator(username)
            except ValidationError:
                row.problem("coach", _("A user name may hold only letters, digits and @ . + - _."))
                return
            projects = self.plan.coaches_to_create.setdefault(username, [])
            if project not in projects:
                projects.append(project)
        elif user is None:
            row.problem(
                "coach",
                _(
                    "There is no user with this user name. Create the coach's account first (or import with --create-coaches)."
                ),
            )
        elif (project.pk, user.pk) not in self.coach_staff:
            row.problem(
                "coach",
                _(
                    "This user is not a coach in project %(project)s. Add them to the project's staff as coach first."
                )
                % {"project": project.diarienummer},
            )

    def _resolve_people(self) -> None:
        """Which person each row is: the participant's own, the one with the same personnummer
        (in any project), or a new one; and which people's details change."""
        rows = self.plan.participants
        by_index = self._people_by_index({r.index for r in rows if r.index})
        claimed: dict[str, tuple[Person, ParticipantRow]] = {}
        for row in rows:
            row.enrollment = self.enrollments.get((row.project.pk, row.code))
            if row.enrollment is None:
                continue
            person = row.person = row.enrollment.person
            row.person_key = f"p:{person.pk}"
            if row.number is not None:
                self._check_known_identity(row, person, by_index, claimed)
            elif person.identity_index and row.birth_year != person.birth_year:
                self._fail(
                    row, "birth_year", str(row.birth_year),
                    _("This does not agree with the personnummer registered for the person, which says %(year)s.")
                    % {"year": person.birth_year},
                )  # fmt: skip
        for row in rows:
            if row.enrollment is not None:
                continue
            if row.number is None:
                row.person_key = f"r:{row.file}:{row.row}"
                continue
            index = row.index
            person = claimed[index][0] if index in claimed else by_index.get(index)
            row.person = person
            row.person_key = f"p:{person.pk}" if person is not None else f"i:{index}"
        self._check_people_agree()

    def _check_known_identity(
        self,
        row: ParticipantRow,
        person: Person,
        by_index: dict[str, Person],
        claimed: dict[str, tuple[Person, ParticipantRow]],
    ) -> None:
        index = row.index
        shown = row.number.masked  # type: ignore[union-attr]
        if person.identity_index == index:
            return
        if person.identity_index:
            self._fail(
                row, "personnummer", shown,
                _("This differs from the personnummer registered for this participant. Correct it on the "
                  "participant's page, not by import."),
            )  # fmt: skip
            return
        other = by_index.get(index)
        if (other is not None and other.pk != person.pk) or (
            index in claimed and claimed[index][0].pk != person.pk
        ):
            self._fail(
                row, "personnummer", shown,
                _("Another person in Stegvis has this personnummer. Merge the two records first (the duplicates page)."),
            )  # fmt: skip
            return
        claimed[index] = (person, row)
        row.add_identity = True

    def _check_people_agree(self) -> None:
        """Rows of the same person must agree on gender and birth year; where they differ from the
        registered person, the person is updated."""
        first: dict[str, ParticipantRow] = {}
        for row in self.plan.participants:
            earlier = first.setdefault(row.person_key, row)
            if earlier is not row:
                for column, mine, theirs in (
                    ("gender", row.gender, earlier.gender),
                    ("birth_year", row.birth_year, earlier.birth_year),
                ):
                    if mine != theirs:
                        self._fail(
                            row, column, str(mine),
                            _("The same person has %(value)s on row %(row)s of %(file)s.")
                            % {"value": theirs, "row": earlier.row, "file": earlier.file},
                        )  # fmt: skip
                continue
            person = row.person
            if person is None:
                continue
            changes = {
                f: v
                for f, v in (("gender", row.gender), ("birth_year", row.birth_year))
                if getattr(person, f) != v
            }
            if changes:
                self.plan.person_updates[person.pk] = (person, changes)

    def _check_one_active_participation(self) -> None:
        """A person takes part in a project only once at a time (as enrollment_create requires)."""
        in_run = {(r.project.pk, r.code) for r in self.plan.participants}
        active: dict[tuple[int, str], str] = {}
        for (project_pk, code), enrollment in self.enrollments.items():
            if enrollment.end_date is None and (project_pk, code) not in in_run:
                active[(project_pk, f"p:{enrollment.person_id}")] = code
        for row in list(self.plan.participants):
            if row.values["end_date"] is not None:
                continue
            key = (row.project.pk, row.person_key)
            if key in active and active[key] != row.code:
                self._fail(
                    row, "participant_id", row.code,
                    _("The same person already takes part in project %(project)s as participant %(other)s. "
                      "Give that participation an end date first.")
                    % {"project": row.project.diarienummer, "other": shown(active[key])},
                )  # fmt: skip
            else:
                active[key] = row.code

    def _fail(self, row: ParticipantRow, column: str, value: str, reason: str) -> None:
        self.problems.append(Problem(row.file, row.row, column, shown(value), reason))

    # --- employments.csv ------------------------------------------------------------------------

    def _employment(self, table: Table, number: int, raw: dict[str, str]) -> None:
        row = _Row(self, table, number, raw)
        code = row.text("participant_id", required=True, max_length=40)
        project = row.project()
        values: dict[str, Any] = {"kind": row.code("kind", EmploymentKind, required=True)}
        values["employer"] = row.text("employer", required=True, max_length=200)
        values["employer_org_number"] = row.org_number("employer_org_number")
        values["start_date"] = row.date("start_date", required=True)
        values["end_date"] = row.date("end_date")
        if (
            values["start_date"]
            and values["end_date"]
            and values["end_date"] < values["start_date"]
        ):
            row.problem(
                "end_date",
                _("The last day is before the first day (%(date)s).")
                % {"date": values["start_date"]},
            )
        values["hours_per_week"] = row.hours("hours_per_week")
        values["competitive"] = row.yes_no("competitive")
        if values["kind"] == EmploymentKind.JOB and not row.cell("competitive"):
            row.problem(
                "competitive",
                _("Required for a job: YES for a competitive job (open labour market, at least the going wage, "
                  "not reserved for people with disabilities), NO otherwise."),
            )  # fmt: skip
        values["subsidy"] = row.code("subsidy", Subsidy)
        values["occupation"] = row.text("occupation", max_length=200)
        if project is None or not code:
            return
        key = (project.pk, code)
        participant = self.run_participants.get(key)
        enrollment = (
            participant.enrollment if participant is not None else self.enrollments.get(key)
        )
        if key not in self.run_participants and enrollment is None:
            row.problem(
                "participant_id",
                _("There is no participant %(id)s in project %(project)s, neither in Stegvis nor in a participants "
                  "file of this import.")
                % {"id": shown(code), "project": project.diarienummer},
            )  # fmt: skip
            return
        if row.failed or not values["kind"] or not values["employer"] or not values["start_date"]:
            return
        job_key = (project.pk, code, values["kind"], values["employer"], values["start_date"])
        if job_key in self.first_jobs:
            first_file, first_row = self.first_jobs[job_key]
            row.problem(
                "start_date",
                _("The same job or study place (participant, kind, employer and first day) appears twice in this "
                  "import: also on row %(row)s of %(file)s.")
                % {"row": first_row, "file": first_file},
            )  # fmt: skip
            return
        self.first_jobs[job_key] = (table.name, number)
        employment = None
        if enrollment is not None:
            employment = self.employments.get(
                (enrollment.pk, values["kind"], values["employer"], values["start_date"])
            )
        self.plan.employments.append(
            EmploymentRow(
                file=table.name,
                row=number,
                project=project,
                code=code,
                values=values,
                participant=participant,
                enrollment=enrollment,
                employment=employment,
            )  # fmt: skip
        )

    # --- assessments.csv (assessment_files.py) --------------------------------------------------

    def _assessments(self, tables: list[Table]) -> None:
        wanted = [t for t in tables if t.kind == formats.ASSESSMENTS]
        if not wanted:
            return
        held = assessment_files.load(list(self.projects.values()))
        for table in wanted:
            assessment_files.check_header(self, held, table)
            for number, raw in table.rows:
                assessment_files.check_assessment(self, held, table, number, raw)

    # --- profiles.csv and openings.csv (employer_files.py) --------------------------------------

    def _employer_files(self, tables: list[Table]) -> None:
        kinds = {
            formats.PROFILES: employer_files.check_profile,
            formats.OPENINGS: employer_files.check_opening,
        }
        wanted = [t for t in tables if t.kind in kinds]
        if not wanted:
            return
        held = employer_files.load(list(self.projects.values()))
        for table in wanted:
            for number, raw in table.rows:
                kinds[table.kind](self, held, table, number, raw)

    # --- What changes ---------------------------------------------------------------------------

    def _outcomes(self) -> None:
        for row in self.plan.participants:
            enrollment = row.enrollment
            if enrollment is None:
                row.outcome = CREATED
                continue
            row.changes = {f: v for f, v in row.values.items() if getattr(enrollment, f) != v}
            row.coach_changes = bool(row.coach_name) and (
                enrollment.coach is None or enrollment.coach.username != row.coach_name
            )
            person = row.person
            person_changes = person is not None and (
                person.gender != row.gender or person.birth_year != row.birth_year
            )
            changed = row.changes or row.coach_changes or row.add_identity or person_changes
            row.outcome = UPDATED if changed else UNCHANGED
        for job in self.plan.employments:
            if job.employment is None:
                job.outcome = CREATED
                continue
            job.changes = {
                f: v
                for f, v in job.values.items()
                if f not in ("kind", "employer", "start_date") and getattr(job.employment, f) != v
            }
            job.outcome = UPDATED if job.changes else UNCHANGED
