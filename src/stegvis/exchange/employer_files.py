"""profiles.csv and openings.csv (shared/spec/exchange-format.md): checking their rows, writing
them through the employers app's services, and their export cells.

Keys: a profile is (project, participant_id), one per participant; an opening is opening_id
within its project. An opening's employer is found in the register of the project's owner
organisation (the register its projects share): by organisationsnummer when the row gives one,
else by name; a new one is entered there. Openings come in open; their status is Stegvis' own.
Profiles and openings are few beside participants, so each is written by its service, which
audits it as a coach's change is audited.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.utils.translation import gettext as _

from stegvis.employers import services as employer_services
from stegvis.employers.models import Employer, Occupation, Opening, VocationalProfile
from stegvis.exchange.reading import Table
from stegvis.participants.models import Enrollment
from stegvis.projects.models import Project

if TYPE_CHECKING:  # pragma: no cover
    from stegvis.exchange.checking import ParticipantRow, _Checker, _Row

CREATED, UPDATED, UNCHANGED = "created", "updated", "unchanged"
PROFILE_FIELDS = (
    "wanted_occupation", "ssyk", "hours_per_week", "municipalities", "skills", "driving_licence", "not_wanted",
)  # fmt: skip
OPENING_FIELDS = (
    "title", "ssyk", "hours_per_week", "municipality_code", "requirements", "driving_licence_required", "start_date",
)  # fmt: skip


@dataclass
class ProfileRow:
    file: str
    row: int
    project: Project
    code: str
    values: dict[str, Any]
    participant: ParticipantRow | None = None  # the participant's row in this run, if any
    enrollment: Enrollment | None = None  # the participant already in Stegvis, if any
    profile: VocationalProfile | None = None
    outcome: str = CREATED


@dataclass
class OpeningRow:
    file: str
    row: int
    project: Project
    code: str
    employer_name: str
    employer_org_number: str
    values: dict[str, Any]
    opening: Opening | None = None
    changes: dict[str, Any] = field(default_factory=dict)
    outcome: str = CREATED


@dataclass
class Held:
    """What Stegvis holds that the rows are checked against, read once per run."""

    occupations: set[str] = field(default_factory=set)
    profiles: dict[int, VocationalProfile] = field(default_factory=dict)  # enrollment pk ->
    openings: dict[tuple[int, str], Opening] = field(default_factory=dict)  # (project pk, code) ->
    first_profiles: dict[tuple[int, str], tuple[str, int]] = field(default_factory=dict)
    first_openings: dict[tuple[int, str], tuple[str, int]] = field(default_factory=dict)


def load(projects: list[Project]) -> Held:
    held = Held(occupations=set(Occupation.objects.values_list("code", flat=True)))
    held.profiles = {
        p.enrollment_id: p
        for p in VocationalProfile.objects.filter(enrollment__project__in=projects)
    }
    held.openings = {
        (o.project_id, o.code): o
        for o in Opening.objects.filter(project__in=projects).select_related("employer")
    }
    return held


def _ssyk(row: _Row, held: Held) -> str:
    value = row.cell("ssyk")
    if value and value not in held.occupations:
        row.problem(
            "ssyk",
            _(
                "This is not an SSYK 2012 code of the occupation list. Write four digits, like 5120."
            ),
        )
        return ""
    return value


def _municipalities(row: _Row) -> str:
    codes = []
    for code in row.cell("municipalities").replace(",", " ").split():
        code = "0" + code if len(code) == 3 and code.isdigit() else code
        if not (len(code) == 4 and code.isdigit()):
            row.problem(
                "municipalities",
                _(
                    "Write municipality codes (kommunkoder) of four digits separated by spaces, like 2482 2480."
                ),
            )
            return ""
        codes.append(code)
    return " ".join(dict.fromkeys(codes))


def _twice(row: _Row, column: str, first: tuple[str, int]) -> None:
    row.problem(
        column,
        _("The same key appears twice in this import: also on row %(row)s of %(file)s.")
        % {"row": first[1], "file": first[0]},
    )


def check_profile(
    checker: _Checker, held: Held, table: Table, number: int, raw: dict[str, str]
) -> None:
    from stegvis.exchange.checking import _Row, shown

    row = _Row(checker, table, number, raw)
    code = row.text("participant_id", required=True, max_length=40)
    project = row.project()
    values: dict[str, Any] = {
        "wanted_occupation": row.text("wanted_occupation", required=True, max_length=2000),
        "ssyk": _ssyk(row, held),
        "hours_per_week": row.hours("hours_per_week"),
        "municipalities": _municipalities(row),
        "skills": row.text("skills", max_length=4000),
        "driving_licence": row.yes_no("driving_licence"),
        "not_wanted": row.text("not_wanted", max_length=4000),
    }
    if project is None or not code:
        return
    key = (project.pk, code)
    participant = checker.run_participants.get(key)
    enrollment = participant.enrollment if participant is not None else checker.enrollments.get(key)
    if key not in checker.run_participants and enrollment is None:
        row.problem(
            "participant_id",
            _("There is no participant %(id)s in project %(project)s, neither in Stegvis nor in a participants "
              "file of this import.")
            % {"id": shown(code), "project": project.diarienummer},
        )  # fmt: skip
        return
    if key in held.first_profiles:
        _twice(row, "participant_id", held.first_profiles[key])
        return
    held.first_profiles[key] = (table.name, number)
    if row.failed:
        return
    profile = held.profiles.get(enrollment.pk) if enrollment is not None else None
    outcome = CREATED
    if profile is not None:
        same = all(getattr(profile, f) == v for f, v in values.items())
        outcome = UNCHANGED if same else UPDATED
    checker.plan.profiles.append(
        ProfileRow(file=table.name, row=number, project=project, code=code, values=values,
                   participant=participant, enrollment=enrollment, profile=profile, outcome=outcome)
    )  # fmt: skip


def check_opening(
    checker: _Checker, held: Held, table: Table, number: int, raw: dict[str, str]
) -> None:
    from stegvis.exchange.checking import _Row

    row = _Row(checker, table, number, raw)
    code = row.text("opening_id", required=True, max_length=40)
    project = row.project()
    employer = row.text("employer", required=True, max_length=200)
    org_number = row.org_number("employer_org_number")
    licence = row.yes_no("driving_licence_required")
    values: dict[str, Any] = {
        "title": row.text("title", required=True, max_length=200),
        "ssyk": _ssyk(row, held),
        "hours_per_week": row.hours("hours_per_week"),
        "municipality_code": row.municipality(),
        "requirements": row.text("requirements", max_length=4000),
        "driving_licence_required": bool(licence),
        "start_date": row.date("start_date"),
    }
    if project is None or not code:
        return
    key = (project.pk, code)
    if key in held.first_openings:
        _twice(row, "opening_id", held.first_openings[key])
        return
    held.first_openings[key] = (table.name, number)
    opening = held.openings.get(key)
    if opening is not None and not _same_employer(opening.employer, employer, org_number):
        row.problem(
            "employer",
            _(
                "In Stegvis this opening is at %(employer)s. An opening cannot move to another employer."
            )
            % {"employer": opening.employer.name},
        )
    if row.failed:
        return
    outcome, changes = CREATED, {}
    if opening is not None:
        changes = {f: v for f, v in values.items() if getattr(opening, f) != v}
        outcome = UPDATED if changes else UNCHANGED
    checker.plan.openings.append(
        OpeningRow(file=table.name, row=number, project=project, code=code, employer_name=employer,
                   employer_org_number=org_number, values=values, opening=opening, changes=changes, outcome=outcome)
    )  # fmt: skip


def _same_employer(employer: Employer, name: str, org_number: str) -> bool:
    if org_number and employer.org_number:
        return org_number == employer.org_number
    return employer.name.strip().lower() == name.strip().lower()


# --- Writing ---------------------------------------------------------------------------------


def write_profiles(actor: Any, rows: list[ProfileRow]) -> None:
    for row in rows:
        enrollment = row.enrollment or (row.participant.enrollment if row.participant else None)
        assert enrollment is not None
        employer_services.profile_save(actor=actor, enrollment=enrollment, **row.values)


def write_openings(actor: Any, rows: list[OpeningRow]) -> None:
    employers: dict[tuple[int, str], Employer] = {}
    for row in rows:
        if row.outcome == UPDATED:
            assert row.opening is not None
            employer_services.opening_update(actor=actor, opening=row.opening, **row.changes)
            continue
        owner = row.project.owner
        key = (owner.pk, row.employer_org_number or row.employer_name.strip().lower())
        employer = employers.get(key)
        if employer is None and not row.employer_org_number:
            employer = (
                Employer.objects.filter(organisation=owner, name__iexact=row.employer_name.strip())
                .order_by("pk")
                .first()
            )
        if employer is None:
            employer, _created = employer_services.employer_register(
                actor=actor,
                organisation=owner,
                name=row.employer_name,
                org_number=row.employer_org_number,
            )
        employers[key] = employer
        employer_services.opening_create(
            actor=actor, employer=employer, project=row.project, code=row.code, **row.values
        )


# --- Export ----------------------------------------------------------------------------------


def _yes_no(value: bool | None) -> str:
    return "" if value is None else ("YES" if value else "NO")


def _hours(value: Decimal | None) -> str:
    return "" if value is None else f"{value.normalize():f}"


def _date(value: datetime.date | None) -> str:
    return value.isoformat() if value else ""


def profile_cells(profile: VocationalProfile) -> dict[str, str]:
    enrollment = profile.enrollment
    return {
        "participant_id": enrollment.participant_code,
        "project": enrollment.project.diarienummer,
        "wanted_occupation": profile.wanted_occupation,
        "ssyk": profile.ssyk,
        "hours_per_week": _hours(profile.hours_per_week),
        "municipalities": profile.municipalities,
        "skills": profile.skills,
        "driving_licence": _yes_no(profile.driving_licence),
        "not_wanted": profile.not_wanted,
    }


def opening_cells(opening: Opening) -> dict[str, str]:
    return {
        "opening_id": opening.code,
        "project": opening.project.diarienummer,
        "employer": opening.employer.name,
        "employer_org_number": opening.employer.org_number,
        "title": opening.title,
        "ssyk": opening.ssyk,
        "municipality": opening.municipality_code,
        "hours_per_week": _hours(opening.hours_per_week),
        "requirements": opening.requirements,
        "driving_licence_required": _yes_no(opening.driving_licence_required),
        "start_date": _date(opening.start_date),
    }


def profiles_for_export(project: Project | None):  # noqa: ANN201
    profiles = VocationalProfile.objects.select_related("enrollment__project").order_by(
        "enrollment__project__diarienummer", "enrollment__participant_code"
    )
    return profiles.filter(enrollment__project=project) if project is not None else profiles


def openings_for_export(project: Project | None):  # noqa: ANN201
    openings = Opening.objects.select_related("project", "employer").order_by(
        "project__diarienummer", "code"
    )
    return openings.filter(project=project) if project is not None else openings
