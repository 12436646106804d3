"""A small, known data set for the method comparison, and its figures computed by hand.

Seventeen participants of `case.compared` (a project of its own), all starting on S = 2025-01-15
(day 0) unless said, born 1990 (age 35), women; the report is asked as of day 400
(2026-02-19). "job d" is a competitive JOB starting on day d; "left d STATUS" is the exit.

    SE (method "SE", 10 people)
      s1  job 30, left 45 EMPLOYED                       event at 30
      s2  job 60                                         event at 60
      s3  job 60; before it a non-competitive job on day 20 and studies on day 10
                                                          event at 60
      s4  left 90 JOB_SEARCHING; a competitive job on day 100 (after leaving)
                                                          censored at 90
      s5  job 120                                        event at 120
      s6  non-competitive job 100, left 150 EMPLOYED     censored at 150
      s7  job 200                                        event at 200
      s8  left 250 NO_CHANGE                             censored at 250
      s9  job 300                                        event at 300
      s10 still taking part; a competitive job on day 410 (after the as-of date)
                                                          censored at 400
    IPS (method "ips", 4 people)
      i1  job 10                                         event at 10
      i2  job 20                                         event at 20
      i3  left 30 OTHER                                  censored at 30
      i4  left 40 EDUCATION                              censored at 40
    SE+SED (method "sed+se", 3 people)
      d1  left 100 NO_CHANGE                             censored at 100
      d2  left 200 EMPLOYED                              censored at 200
      d3  leaves on day 500 (after the as-of date)       censored at 400, has not left
    and one more SE participant who starts on day 401: not in the report.

Kaplan–Meier, S(t) = Π over event days ≤ t of (1 − d/n), n at risk just before the day:
    SE:  day 30:  n 10, d 1 -> 9/10                       = 0.9
         day 60:  n 9,  d 2 -> 0.9 · 7/9                  = 0.7
         (day 90 censored: 6 at risk)
         day 120: n 6,  d 1 -> 0.7 · 5/6                  = 0.583333
         (day 150 censored: 4 at risk)
         day 200: n 4,  d 1 -> 0.583333 · 3/4             = 0.4375
         (day 250 censored: 2 at risk)
         day 300: n 2,  d 1 -> 0.4375 · 1/2               = 0.21875
      median: the first day at or below 0.5: 200. S(90) = 0.7, S(180) = 0.583333,
      S(365) = 0.21875. Events 6.
    IPS: day 10: n 4, d 1 -> 3/4 = 0.75; day 20: n 3, d 1 -> 0.75 · 2/3 = 0.5
      median: 20 (the curve is *at* 0.5 there; a strict "below" would find none).
      S(90), S(180), S(365): none (the last observed day is 40). Events 2.
    SE+SED: no event: the curve stays at 1; no median; S(90) = S(180) = S(365) = 1 (observed
      to day 400).
Employed at exit (exit status EMPLOYED among those who left by day 400):
    SE: s1, s4, s6, s8 left; s1 and s6 EMPLOYED -> 2/4 = 0.5
    IPS: i3, i4 left; none -> 0.0
    SE+SED: d1, d2 left (d3 leaves later); d2 -> 1/2 = 0.5
Cox: SE+SED has no event and is left out; SE is the reference; everyone is a woman of 30–54, so
the only term is method:IPS.
"""

from __future__ import annotations

import datetime

from stegvis.participants import services
from stegvis.participants.tests import factories
from stegvis.projects import services as projects

S = datetime.date(2025, 1, 15)
AS_OF = S + datetime.timedelta(days=400)


def day(n: int) -> datetime.date:
    return S + datetime.timedelta(days=n)


# (method, competitive jobs, other employments [(kind, day, competitive)], exit (day, status))
PEOPLE = [
    ("SE", [30], [], (45, "EMPLOYED")),
    ("SE", [60], [], None),
    ("SE", [60], [("JOB", 20, False), ("STUDIES", 10, None)], None),
    ("SE", [100], [], (90, "JOB_SEARCHING")),
    ("SE", [120], [], None),
    ("SE", [], [("JOB", 100, False)], (150, "EMPLOYED")),
    ("SE", [200], [], None),
    ("SE", [], [], (250, "NO_CHANGE")),
    ("SE", [300], [], None),
    ("SE", [410], [], None),
    ("ips", [10], [], None),
    ("ips", [20], [], None),
    ("ips", [], [], (30, "OTHER")),
    ("ips", [], [], (40, "EDUCATION")),
    ("sed+se", [], [], (100, "NO_CHANGE")),
    ("sed+se", [], [], (200, "EMPLOYED")),
    ("sed+se", [], [], (500, "NO_CHANGE")),
]

SE = {
    "n": 10, "events": 6, "median": 200.0,
    "curve": [(0, 1.0), (30, 0.9), (60, 0.7), (120, 0.7 * 5 / 6), (200, 0.4375), (300, 0.21875)],
    "survival": {90: 0.7, 180: 0.583333, 365: 0.21875}, "employed_at_exit": 0.5,
}  # fmt: skip
IPS = {
    "n": 4, "events": 2, "median": 20.0, "curve": [(0, 1.0), (10, 0.75), (20, 0.5)],
    "survival": {90: None, 180: None, 365: None}, "employed_at_exit": 0.0,
}  # fmt: skip
SE_SED = {
    "n": 3, "events": 0, "median": None, "curve": [(0, 1.0)],
    "survival": {90: 1.0, 180: 1.0, 365: 1.0}, "employed_at_exit": 0.5,
}  # fmt: skip


def build(case) -> None:  # noqa: ANN001
    """case.compared: a project of case.org with the people above, recorded through services."""
    case.compared = projects.project_create(
        actor=case.manager, diarienummer="2024/00077", name="Jämförelsen", owner=case.org
    )
    for method, jobs, others, exit_ in PEOPLE:
        enrollment = factories.enrollment(
            project=case.compared, actor=case.manager, method=method, start_date=S
        )
        for d in jobs:
            services.employment_add(
                actor=case.manager, enrollment=enrollment, kind="JOB", employer="Firma AB",
                start_date=day(d), competitive=True,
            )  # fmt: skip
        for kind, d, competitive in others:
            services.employment_add(
                actor=case.manager, enrollment=enrollment, kind=kind, employer="Annan AB",
                start_date=day(d), competitive=competitive,
            )  # fmt: skip
        if exit_:
            services.enrollment_exit(
                actor=case.manager, enrollment=enrollment, end_date=day(exit_[0]),
                exit_status=exit_[1],
            )  # fmt: skip
    factories.enrollment(
        project=case.compared, actor=case.manager, method="SE", start_date=day(401)
    )
