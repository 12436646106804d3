"""A small, hand-computed data set for the ESF+ indicators (test_esf*.py).

The period is 2025-01-01 – 2025-06-30. Age = start year − birth year.

| who | gender | born | start      | age | status at start | education | disab. | end        | exit          | qual. | 6 months |
|-----|--------|------|------------|-----|-----------------|-----------|--------|------------|---------------|-------|----------|
| P1  | K      | 2008 | 2025-01-01 | 17  | UNEMPLOYED      | ISCED0-2  | YES    |            |               |       |          |
| P2  | K      | 2007 | 2025-06-30 | 18  | LONG_TERM_UNEMP | ISCED3-4  |        |            |               |       |          |
| P3  | M      | 1996 | 2025-03-01 | 29  | INACTIVE        | ISCED5-8  | NO     | 2025-05-31 | EMPLOYED      | yes   | EMPLOYED |
| P4  | M      | 1995 | 2025-03-01 | 30  | EMPLOYED        |           |        | 2025-06-30 | JOB_SEARCHING |       | NO_CHANGE|
| P5  | X      | 1971 | 2025-02-01 | 54  | UNEMPLOYED      | ISCED0-2  | YES    | 2025-04-01 | EDUCATION     | yes   | EMPLOYED |
| P6  | K      | 1970 | 2025-02-01 | 55  | LONG_TERM_UNEMP |           |        |            |               |       |          |
| P7  | K      | 1990 | 2024-12-31 | 34  | UNEMPLOYED      |           |        | 2025-01-01 | EMPLOYED      |       | EMPLOYED |
| P8  | M      | 1990 | 2024-06-01 | 34  | UNEMPLOYED      |           |        | 2024-12-31 | EMPLOYED      |       |          |
| P9  | K      | 1990 | 2025-07-01 | 35  | UNEMPLOYED      |           |        |            |               |       |          |
| P10 | M      | 1985 | 2025-05-01 | 40  | UNEMPLOYED      |           |        | 2025-07-01 | EMPLOYED      |       |          |

One more participant, in the other project (started 2025-03-01), must count nowhere.

In the period: started P1–P6 and P10 (P7, P8 before, P9 after); left P3, P4, P5, P7 (P8 before,
P10 after; the first and last days count).

| code   | who                          | K | M | X | total |
|--------|------------------------------|---|---|---|-------|
| EECO01 | P1 P2 P6 / P3 P4 P10 / P5    | 3 | 3 | 1 | 7 |
| EECO02 | P1 P2 P6 / P10 / P5          | 3 | 1 | 1 | 5 |
| EECO03 | P2 P6                        | 2 | 0 | 0 | 2 |
| EECO04 | P3                           | 0 | 1 | 0 | 1 |
| EECO05 | P4                           | 0 | 1 | 0 | 1 |
| EECO06 | P1 (17; P2 is 18)            | 1 | 0 | 0 | 1 |
| EECO07 | P2 (18) / P3 (29; P4 is 30)  | 1 | 1 | 0 | 2 |
| EECO08 | P6 (55; P5 is 54)            | 1 | 0 | 0 | 1 |
| EECO09 | P1 / P5                      | 1 | 0 | 1 | 2 |
| EECO10 | P2                           | 1 | 0 | 0 | 1 |
| EECO11 | P3                           | 0 | 1 | 0 | 1 |
| EECO12 | P1 / P5 (P3 said NO)         | 1 | 0 | 1 | 2 |
| EECR01 | P4                           | 0 | 1 | 0 | 1 |
| EECR02 | P5                           | 0 | 0 | 1 | 1 |
| EECR03 | P3 / P5                      | 0 | 1 | 1 | 2 |
| EECR04 | P7 / P3 (P8, P10 outside)    | 1 | 1 | 0 | 2 |
| EECR05 | P7 / P3 / P5                 | 1 | 1 | 1 | 3 |

The whole project (no period): EECO01 K 5 (P1 P2 P6 P7 P9), M 4 (P3 P4 P8 P10), X 1, total 10;
EECR04 K 1 (P7), M 3 (P3 P8 P10), total 4; EECR05 as in the period (K 1, M 1, X 1, total 3).
"""

from __future__ import annotations

import datetime
from typing import Any

from stegvis.participants.tests import factories

D = datetime.date
PERIOD = (D(2025, 1, 1), D(2025, 6, 30))

ROWS: list[dict[str, Any]] = [
    {"code": "P1", "gender": "K", "born": 2008, "start_date": D(2025, 1, 1), "status_at_start": "UNEMPLOYED",
     "education": "ISCED0-2", "disability": "YES"},
    {"code": "P2", "gender": "K", "born": 2007, "start_date": D(2025, 6, 30), "status_at_start": "LONG_TERM_UNEMPLOYED",
     "education": "ISCED3-4"},
    {"code": "P3", "gender": "M", "born": 1996, "start_date": D(2025, 3, 1), "status_at_start": "INACTIVE",
     "education": "ISCED5-8", "disability": "NO", "end_date": D(2025, 5, 31), "exit_status": "EMPLOYED",
     "qualification_gained": True, "status_6m": "EMPLOYED"},
    {"code": "P4", "gender": "M", "born": 1995, "start_date": D(2025, 3, 1), "status_at_start": "EMPLOYED",
     "end_date": D(2025, 6, 30), "exit_status": "JOB_SEARCHING", "status_6m": "NO_CHANGE"},
    {"code": "P5", "gender": "X", "born": 1971, "start_date": D(2025, 2, 1), "status_at_start": "UNEMPLOYED",
     "education": "ISCED0-2", "disability": "YES", "end_date": D(2025, 4, 1), "exit_status": "EDUCATION",
     "qualification_gained": True, "status_6m": "EMPLOYED"},
    {"code": "P6", "gender": "K", "born": 1970, "start_date": D(2025, 2, 1), "status_at_start": "LONG_TERM_UNEMPLOYED"},
    {"code": "P7", "gender": "K", "born": 1990, "start_date": D(2024, 12, 31), "status_at_start": "UNEMPLOYED",
     "end_date": D(2025, 1, 1), "exit_status": "EMPLOYED", "status_6m": "EMPLOYED"},
    {"code": "P8", "gender": "M", "born": 1990, "start_date": D(2024, 6, 1), "status_at_start": "UNEMPLOYED",
     "end_date": D(2024, 12, 31), "exit_status": "EMPLOYED"},
    {"code": "P9", "gender": "K", "born": 1990, "start_date": D(2025, 7, 1), "status_at_start": "UNEMPLOYED"},
    {"code": "P10", "gender": "M", "born": 1985, "start_date": D(2025, 5, 1), "status_at_start": "UNEMPLOYED",
     "end_date": D(2025, 7, 1), "exit_status": "EMPLOYED"},
]  # fmt: skip

IN_PERIOD = {
    "EECO01": (3, 3, 1, 7),
    "EECO02": (3, 1, 1, 5),
    "EECO03": (2, 0, 0, 2),
    "EECO04": (0, 1, 0, 1),
    "EECO05": (0, 1, 0, 1),
    "EECO06": (1, 0, 0, 1),
    "EECO07": (1, 1, 0, 2),
    "EECO08": (1, 0, 0, 1),
    "EECO09": (1, 0, 1, 2),
    "EECO10": (1, 0, 0, 1),
    "EECO11": (0, 1, 0, 1),
    "EECO12": (1, 0, 1, 2),
    "EECR01": (0, 1, 0, 1),
    "EECR02": (0, 0, 1, 1),
    "EECR03": (0, 1, 1, 2),
    "EECR04": (1, 1, 0, 2),
    "EECR05": (1, 1, 1, 3),
}


def as_json(figures: dict[str, tuple[int, int, int, int]]) -> dict:
    return {
        "indicators": {
            code: dict(zip(("K", "M", "X", "total"), counts, strict=True))
            for code, counts in figures.items()
        }
    }


def build(project: Any, other_project: Any) -> dict[str, Any]:
    """The ten participants of the table in `project` and one in `other_project`."""
    made = {}
    for row in ROWS:
        values = dict(row)
        code = values.pop("code")
        person = factories.person(gender=values.pop("gender"), birth_year=values.pop("born"))
        made[code] = factories.enrollment(
            project=project, person_obj=person, participant_code=code, **values
        )
    factories.enrollment(
        project=other_project,
        person_obj=factories.person(gender="K", birth_year=1990),
        start_date=D(2025, 3, 1),
    )
    return made
