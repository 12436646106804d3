"""The pseudonymised export for evaluators: the exchange files without names, personnummer,
coaches, free text about the person or employers' identities.

Each person gets a pseudonym that stays the same for the same export key (so an evaluator can
link exports made under one key: the same person in two projects, or in this year's and next
year's file) and differs between keys. The pseudonym is a keyed hash of the person's internal id
under the installation's field key (core.crypto.blind_index), so it cannot be recomputed from the
file, or from the key name, without the server's secret. Employers get a pseudonym the same way
(an employer's name or organisation number may be a sole trader's own name or personnummer).
Birth year is the only date of birth in the format; the other dates stay, as the figures depend
on them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from stegvis.core.crypto import blind_index

KEY_PATTERN = re.compile(r"^[A-Za-z0-9._-]{3,64}$")
KEY_RULE = "3–64 letters a–z, digits, dot, dash or underscore"

# Cells emptied in the pseudonymised files, per file: personal identifiers, staff names, and free
# text that may hold anything about a person.
EMPTIED = {
    "participants.csv": ("personnummer", "coach", "group"),
    "employments.csv": ("employer_org_number",),
    "assessments.csv": (),
    "profiles.csv": ("wanted_occupation", "skills", "not_wanted"),
    "openings.csv": ("employer_org_number",),
}


def valid_key(key: str) -> bool:
    return bool(KEY_PATTERN.match(key))


def person_pseudonym(key: str, person_key: object) -> str:
    """P- and 16 hex digits: stable for the same key and person, unlinkable across keys."""
    return "P-" + blind_index(f"{key}|{person_key}", purpose="export-pseudonym")[:16].upper()


def employer_pseudonym(key: str, name: str) -> str:
    if not name:
        return ""
    normalised = " ".join(name.split()).casefold()
    return "E-" + blind_index(f"{key}|{normalised}", purpose="export-employer")[:12].upper()


def pseudonymise(
    rows: Iterable[dict[str, str]], *, filename: str, key: str, people: dict[tuple[str, str], str]
) -> Iterator[dict[str, str]]:
    """The rows of `filename` with participant ids replaced by the person's pseudonym (`people`
    maps (project, participant_id) to the person's key), employers by theirs, and the EMPTIED
    cells empty."""
    for row in rows:
        row = dict(row)
        if "participant_id" in row:
            person = people.get((row["project"], row["participant_id"]))
            row["participant_id"] = person_pseudonym(key, person) if person else ""
        if "employer" in row:
            row["employer"] = employer_pseudonym(key, row["employer"])
        for column in EMPTIED[filename]:
            if column in row:
                row[column] = ""
        yield row
