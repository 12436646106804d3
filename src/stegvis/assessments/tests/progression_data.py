"""A small, known data set for the progression statistics, and its figures computed by hand.

Seven participants of `project` rate themselves on SKAPA (1–10). In every assessment the five
domains other than Hälsa share one value ("all"), and Hälsa has its own:

    who  method  first (date: all/hälsa)  in between       latest (date: all/hälsa)
    A    SE      2025-01-20: 3 / 2        2025-03-20: 4/4   2025-05-20: 5 / 6
    B    SE      2025-01-21: 4 / 4                          2025-05-21: 4 / 5
    C    SE      2025-01-22: 2 / 2                          2025-05-22: 5 / 3
    D    SE      2025-01-23: 5 / 5                          2025-05-23: 6 / 4
    E    SE      2025-01-24: 6 / 6                          2025-05-24: 8 / 8
    F    IPS     2025-01-25: 3 / 3                          2025-05-25: 4 / 7
    G    IPS     2025-01-26: 7 / 7                          (only one)

Besides, and none of it may count among the self-assessments: B has a self-assessment being
answered (a draft) dated later than all of these; the coaches rate A and B twice (COACH rows, which
count when the coaches' ratings are asked for); a participant of `other_project` rates themselves
twice.

The change from first to latest (participants with two or more, A–F):
    each of the five domains: A 2, B 0, C 3, D 1, E 2, F 1
    Hälsa:                    A 4, B 1, C 1, D −1, E 2, F 4
    the sum of the six:       A 5·2+4 = 14, B 0+1 = 1, C 5·3+1 = 16, D 5·1−1 = 4, E 5·2+2 = 12,
                              F 5·1+4 = 9
"""

from __future__ import annotations

import datetime
import math

from stegvis.assessments import services
from stegvis.assessments.models import Rater
from stegvis.assessments.tests.base import skapa_ratings
from stegvis.participants.tests import factories

D = datetime.date

# (name, method, [(date, all, hälsa), ...])
PEOPLE = [
    ("A", "SE", [(D(2025, 1, 20), 3, 2), (D(2025, 3, 20), 4, 4), (D(2025, 5, 20), 5, 6)]),
    ("B", "SE", [(D(2025, 1, 21), 4, 4), (D(2025, 5, 21), 4, 5)]),
    ("C", "SE", [(D(2025, 1, 22), 2, 2), (D(2025, 5, 22), 5, 3)]),
    ("D", "SE", [(D(2025, 1, 23), 5, 5), (D(2025, 5, 23), 6, 4)]),
    ("E", "SE", [(D(2025, 1, 24), 6, 6), (D(2025, 5, 24), 8, 8)]),
    ("F", "IPS", [(D(2025, 1, 25), 3, 3), (D(2025, 5, 25), 4, 7)]),
    ("G", "IPS", [(D(2025, 1, 26), 7, 7)]),
]

CHANGE_OTHER = [2, 0, 3, 1, 2, 1]  # A–F, each domain but Hälsa
CHANGE_HALSA = [4, 1, 1, -1, 2, 4]
CHANGE_SUM = [14, 1, 16, 4, 12, 9]

# t(0.975, 5) and t(0.975, 4): the 97.5th percentile of Student's t with 5 and 4 degrees of
# freedom, from a printed table (e.g. any statistics textbook's appendix).
T_975_DF5 = 2.570582
T_975_DF4 = 2.776445

# Each domain but Hälsa, all methods (n = 6):
#   Σx = 9, mean = 9/6 = 1.5
#   Σ(x − mean)² = 0.25 + 2.25 + 2.25 + 0.25 + 0.25 + 0.25 = 5.5, variance = 5.5/5 = 1.1
#   sd = √1.1 = 1.048809, se = sd/√6 = 1.048809/2.449490 = 0.428174
#   half width = 2.570582 · 0.428174 = 1.100657, CI = 1.5 ± 1.100657 = [0.399343, 2.600657]
OTHER = {"n": 6, "mean": 1.5, "sd": math.sqrt(1.1), "low": 0.399343, "high": 2.600657}
# Hälsa, all methods (n = 6):
#   Σx = 11, mean = 11/6 = 1.833333
#   Σx² = 16 + 1 + 1 + 1 + 4 + 16 = 39, Σ(x − mean)² = 39 − 11²/6 = 113/6 = 18.833333
#   variance = 113/30 = 3.766667, sd = 1.940790, se = 1.940790/√6 = 0.792324
#   half width = 2.570582 · 0.792324 = 2.036734, CI = [−0.203401, 3.870068]
HALSA = {"n": 6, "mean": 11 / 6, "sd": math.sqrt(113 / 30), "low": -0.203401, "high": 3.870068}
# The sum of the six domains, all methods (n = 6):
#   Σx = 56, mean = 9.333333
#   Σx² = 196 + 1 + 256 + 16 + 144 + 81 = 694, Σ(x − mean)² = 694 − 56²/6 = 514/3 = 171.333333
#   variance = 514/15 = 34.266667, sd = 5.853774, se = 5.853774/√6 = 2.389793
#   half width = 2.570582 · 2.389793 = 6.143159, CI = [3.190175, 15.476492]
SUM = {"n": 6, "mean": 56 / 6, "sd": math.sqrt(514 / 15), "low": 3.190175, "high": 15.476492}
# Supported Employment alone (A–E, n = 5), each domain but Hälsa:
#   x = 2, 0, 3, 1, 2: Σx = 8, mean = 1.6, Σx² = 18, Σ(x − mean)² = 18 − 64/5 = 5.2
#   variance = 1.3, sd = 1.140175, se = 1.140175/√5 = 0.509902
#   half width = 2.776445 · 0.509902 = 1.415715, CI = [0.184285, 3.015715]
SE_OTHER = {"n": 5, "mean": 1.6, "sd": math.sqrt(1.3), "low": 0.184285, "high": 3.015715}
# Supported Employment, the sum: x = 14, 1, 16, 4, 12: Σx = 47, mean = 9.4, Σx² = 613,
#   Σ(x − mean)² = 613 − 47²/5 = 171.2, variance = 42.8, sd = 6.542171, se = 2.925748
#   half width = 2.776445 · 2.925748 = 8.123178, CI = [1.276822, 17.523178]
SE_SUM = {"n": 5, "mean": 9.4, "sd": math.sqrt(42.8), "low": 1.276822, "high": 17.523178}
# IPS: F is the only one assessed twice: a mean (9) but no spread and no interval.

# Ratings at start (A–G, first assessments) and latest (A–F, last assessments), per value:
START_OTHER = {2: 1, 3: 2, 4: 1, 5: 1, 6: 1, 7: 1}  # n = 7
LATEST_OTHER = {4: 2, 5: 2, 6: 1, 8: 1}  # n = 6
START_HALSA = {2: 2, 3: 1, 4: 1, 5: 1, 6: 1, 7: 1}  # n = 7
LATEST_HALSA = {3: 1, 4: 1, 5: 1, 6: 1, 7: 1, 8: 1}  # n = 6

# The coaches' ratings (rater=COACH), of A and B only:
#   A: 2025-01-22 all 3, tilltro 5; 2025-05-22 all 4, tilltro 8 -> change 1 in each domain, 3 in
#      tilltro, 6 in the sum (tilltro is not part of it)
#   B: 2025-01-23 all 5, tilltro 6; 2025-05-23 all 5, tilltro 6 -> change 0 everywhere
# n = 2, t(0.975, 1) = 12.706205:
#   each domain: x = 1, 0: mean 0.5, variance ((0.5)² + (0.5)²)/1 = 0.5, sd = 0.707107,
#     se = 0.707107/√2 = 0.5, half width 6.353102, CI = [−5.853102, 6.853102]
#   tilltro: x = 3, 0: mean 1.5, variance 4.5, sd 2.121320, se 1.5, half width 19.059307,
#     CI = [−17.559307, 20.559307]
#   the sum: x = 6, 0: mean 3, variance 18, sd 4.242641, se 3, half width 38.118614,
#     CI = [−35.118614, 41.118614]
COACH_DOMAIN = {"n": 2, "mean": 0.5, "sd": math.sqrt(0.5), "low": -5.853102, "high": 6.853102}
COACH_TILLTRO = {"n": 2, "mean": 1.5, "sd": math.sqrt(4.5), "low": -17.559307, "high": 20.559307}
COACH_SUM = {"n": 2, "mean": 3.0, "sd": math.sqrt(18), "low": -35.118614, "high": 41.118614}


def build(case) -> dict:  # noqa: ANN001
    """Enroll A–G in case.project and record the data set through the services; returns the
    enrollments by name."""
    people = {}
    for name, method, rounds in PEOPLE:
        enrollment = factories.enrollment(
            project=case.project, coach=case.coach, actor=case.manager, method=method,
            person_obj=factories.person(first_name=f"Person {name}"),
        )  # fmt: skip
        for day, value, halsa in rounds:
            record(case, enrollment, day, skapa_ratings(value, halsa=halsa))
        people[name] = enrollment
    for name, day, value, tilltro in (
        ("A", D(2025, 1, 22), 3, 5), ("A", D(2025, 5, 22), 4, 8),
        ("B", D(2025, 1, 23), 5, 6), ("B", D(2025, 5, 23), 5, 6),
    ):  # fmt: skip
        services.assessment_record(
            actor=case.coach, enrollment=people[name], version=case.v1, rater=Rater.COACH,
            date=day, ratings=skapa_ratings(value, tilltro=tilltro),
        )  # fmt: skip
    # None of these count: B's self-assessment being answered (a draft, dated today) and a
    # participant of another project.
    link, _token = services.selfassessment_link_create(
        actor=case.coach, enrollment=people["B"], version=case.v1
    )
    halsa = case.v1.domains.get(code="halsa")
    services.assessment_answer(actor=None, assessment=link.assessment, domain=halsa, value=10)
    record(case, case.elsewhere, D(2025, 2, 1), skapa_ratings(1))
    record(case, case.elsewhere, D(2025, 6, 1), skapa_ratings(10))
    return people


def record(case, enrollment, day: datetime.date, ratings: dict, rater: str = Rater.SELF):  # noqa: ANN001, ANN201
    return services.assessment_record(
        actor=case.coach, enrollment=enrollment, version=case.v1, rater=rater, date=day,
        ratings=ratings,
    )  # fmt: skip
