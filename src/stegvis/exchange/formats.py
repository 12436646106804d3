"""The files of the exchange format (shared/spec/exchange-format.md): their columns, in the spec's
order, and how a file's kind is told from its header row."""

from __future__ import annotations

from dataclasses import dataclass

PARTICIPANTS = "participants"
EMPLOYMENTS = "employments"
ASSESSMENTS = "assessments"
PROFILES = "profiles"
OPENINGS = "openings"


@dataclass(frozen=True)
class FileFormat:
    kind: str
    filename: str
    columns: tuple[str, ...]  # every column, in the spec's order
    required: frozenset[str]
    # assessments.csv has a column per domain of its instruments besides `columns`: those are the
    # instruments' data, checked by checking.py, not columns the reader can know.
    domain_columns: bool = False


PARTICIPANTS_FORMAT = FileFormat(
    kind=PARTICIPANTS,
    filename="participants.csv",
    columns=(
        "participant_id",
        "project",
        "personnummer",
        "gender",
        "birth_year",
        "municipality",
        "method",
        "group",
        "coach",
        "referral_date",
        "start_date",
        "end_date",
        "status_at_start",
        "education",
        "disability",
        "income_source_start",
        "income_source_end",
        "support_months_before",
        "exit_status",
        "qualification_gained",
        "status_6m",
    ),  # fmt: skip
    required=frozenset(
        {
            "participant_id",
            "project",
            "gender",
            "birth_year",
            "method",
            "start_date",
            "status_at_start",
        }
    ),
)

EMPLOYMENTS_FORMAT = FileFormat(
    kind=EMPLOYMENTS,
    filename="employments.csv",
    columns=(
        "participant_id",
        "project",
        "kind",
        "employer",
        "employer_org_number",
        "start_date",
        "end_date",
        "hours_per_week",
        "competitive",
        "subsidy",
        "occupation",
    ),  # fmt: skip
    required=frozenset({"participant_id", "project", "kind", "employer", "start_date"}),
)

SKAPA_DOMAINS = (
    "typ_av_arbete",
    "klara_ett_arbete",
    "kompetens",
    "vardag_natverk",
    "samarbetsformaga",
    "halsa",
)

ASSESSMENTS_FORMAT = FileFormat(
    kind=ASSESSMENTS,
    filename="assessments.csv",
    # Then one column per domain of the instruments (Domain.code), in the domains' order.
    columns=("participant_id", "project", "date", "rater", "instrument"),
    required=frozenset({"participant_id", "project", "date", "rater", "instrument"}),
    domain_columns=True,
)

PROFILES_FORMAT = FileFormat(
    kind=PROFILES,
    filename="profiles.csv",
    columns=(
        "participant_id",
        "project",
        "wanted_occupation",
        "ssyk",
        "hours_per_week",
        "municipalities",
        "skills",
        "driving_licence",
        "not_wanted",
    ),  # fmt: skip
    required=frozenset({"participant_id", "project", "wanted_occupation"}),
)

OPENINGS_FORMAT = FileFormat(
    kind=OPENINGS,
    filename="openings.csv",
    columns=(
        "opening_id",
        "project",
        "employer",
        "employer_org_number",
        "title",
        "ssyk",
        "municipality",
        "hours_per_week",
        "requirements",
        "driving_licence_required",
        "start_date",
    ),  # fmt: skip
    required=frozenset({"opening_id", "project", "employer", "title"}),
)

# The file is recognised by SKAPA's columns too (the default instrument, shared/spec).
ASSESSMENTS_COLUMNS = frozenset({*ASSESSMENTS_FORMAT.columns, *SKAPA_DOMAINS, "tilltro"})

IMPORTABLE = {
    PARTICIPANTS: PARTICIPANTS_FORMAT,
    EMPLOYMENTS: EMPLOYMENTS_FORMAT,
    ASSESSMENTS: ASSESSMENTS_FORMAT,
    PROFILES: PROFILES_FORMAT,
    OPENINGS: OPENINGS_FORMAT,
}
_ALL_COLUMNS = {
    PARTICIPANTS: frozenset(PARTICIPANTS_FORMAT.columns),
    EMPLOYMENTS: frozenset(EMPLOYMENTS_FORMAT.columns),
    ASSESSMENTS: ASSESSMENTS_COLUMNS,
    PROFILES: frozenset(PROFILES_FORMAT.columns),
    OPENINGS: frozenset(OPENINGS_FORMAT.columns),
}


def normalise_column(name: str) -> str:
    return (name or "").strip().lower()


def recognise(header: list[str]) -> str | None:
    """The kind of file whose columns the header shares most, or None when no kind stands out.

    A file is recognised by its columns, never by its name, so a participants file exported as
    `deltagare.csv` is still a participants file; a misspelt column does not hide what it is.
    """
    names = {normalise_column(n) for n in header if normalise_column(n)}
    scores = sorted(
        ((len(names & columns), kind) for kind, columns in _ALL_COLUMNS.items()), reverse=True
    )
    (best, kind), (second, _other) = scores[0], scores[1]
    if best == 0 or best == second:
        return None
    return kind
