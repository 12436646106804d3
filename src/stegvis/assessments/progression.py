"""Progression statistics of a project: where its participants start, where they are now, and how
much they moved, per domain and in the sum, for the whole project and per method.

The definitions (shared/spec/exchange-format.md, "Progression"):
- Only SUBMITTED assessments of one instrument by one kind of rater count (SELF by default; the
  coach's as an option). A participant's *first* assessment is the earliest by date, the *latest*
  the last; there is at most one per day (the exchange key is unique among submitted ones).
- *At start*: each participant's first assessment, for every participant with one.
  *Latest*: the last assessment of each participant with two or more.
- *Change*: latest minus first, per domain, for participants with two or more; the *sum* is the
  change in the sum of the domains that count in it (`Domain.counts_in_sum`; not tilltro).
- The mean change has its sample standard deviation and a 95 % confidence interval by the t
  distribution with n − 1 degrees of freedom: mean ± t(0.975, n − 1) · sd / √n.

Ratings are matched across versions of the instrument by domain code, on the domains of the
version the statistics are asked for; assessments on a version with another scale are left out
(a 1–10 rating and a 1–5 rating cannot be subtracted).

Everything is counted and summed in the database, in one query (project_progression), whatever the
number of participants: Python sees a few hundred aggregated rows. The query is SQL of its own
because it needs window functions and a second level of grouping (per participant and domain, then
per domain), which the ORM cannot say without one correlated subquery per row; it runs on SQLite
and PostgreSQL alike. The first and latest ratings are paired by grouping, not by joining the
`ends` rows to themselves: a join of a CTE has no statistics, and PostgreSQL may plan it as a
nested loop that grows with the square of the participants.

Who may see the figures, and which small numbers are hidden from whom, is access.py's
(access_project_progression, progression_shows_small_numbers); suppress_small_numbers applies it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace
from fractions import Fraction

from django.db import connection
from django.db.models import Prefetch
from scipy import stats

from stegvis.assessments.models import (
    Assessment,
    AssessmentStatus,
    Domain,
    Instrument,
    InstrumentVersion,
    Rater,
    Rating,
)
from stegvis.participants.codes import method_label
from stegvis.participants.models import Enrollment
from stegvis.projects.models import Project

CONFIDENCE = 0.95
# Figures about fewer people than this are not shown to those who may not see every participant
# (design.md: funders and steering groups see aggregates only, with cells under 5 suppressed).
SMALL_NUMBER = 5


@dataclass(frozen=True)
class Change:
    """The mean change of n participants, its standard deviation and confidence interval.

    `suppressed` marks a change hidden because too few people are behind it.
    """

    n: int
    mean: float | None = None
    sd: float | None = None
    low: float | None = None
    high: float | None = None
    suppressed: bool = False

    @classmethod
    def from_sums(cls, n: int, total: int, squares: int) -> Change:
        """From n, Σx and Σx² (exact integers from the database)."""
        if n == 0:
            return cls(n=0)
        mean = total / n
        if n == 1:
            return cls(n=1, mean=mean)
        # The sample variance, exactly: (nΣx² − (Σx)²) / (n(n − 1)).
        variance = Fraction(n * squares - total * total, n * (n - 1))
        sd = math.sqrt(variance)
        half = float(stats.t.ppf((1 + CONFIDENCE) / 2, n - 1)) * sd / math.sqrt(n)
        return cls(n=n, mean=mean, sd=sd, low=mean - half, high=mean + half)

    @property
    def shown(self) -> bool:
        return self.mean is not None and not self.suppressed

    def hidden(self) -> Change:
        return Change(n=self.n, suppressed=True)


@dataclass(frozen=True)
class Cell:
    """A count at one scale value, with its share of the group; None where it is not shown."""

    value: int
    count: int | None
    share: float | None


@dataclass
class DomainProgression:
    domain: Domain
    start: list[Cell]
    latest: list[Cell]
    n_start: int
    n_latest: int
    change: Change

    @property
    def code(self) -> str:
        return self.domain.code


@dataclass
class Progression:
    """The figures of one group of participants: the whole project or one method."""

    key: str  # "" for all methods, else the canonical method code
    label: str
    n_start: int  # participants with at least one assessment
    n_latest: int  # participants with two or more
    domains: list[DomainProgression]
    sum_change: Change
    suppressed_counts: bool = False  # some counts are hidden (small numbers)
    n_start_hidden: bool = False  # the numbers of participants are hidden themselves
    n_latest_hidden: bool = False


@dataclass
class ProjectProgression:
    version: InstrumentVersion
    rater: str
    total: Progression
    by_method: list[Progression] = field(default_factory=list)
    protected: bool = False  # small numbers are hidden

    def group(self, method: str) -> Progression:
        """The figures of one method, or of the whole project for "" (or an unknown method)."""
        for progression in self.by_method:
            if progression.key == method:
                return progression
        return self.total


# --- The query --------------------------------------------------------------------------------

_SQL = """
WITH chosen AS (
    SELECT a.id AS assessment_id, a.enrollment_id, e.method, a.date,
           MIN(a.date) OVER (PARTITION BY a.enrollment_id) AS first_date,
           MAX(a.date) OVER (PARTITION BY a.enrollment_id) AS last_date
    FROM {assessment} a
    JOIN {enrollment} e ON e.id = a.enrollment_id
    JOIN {version} v ON v.id = a.version_id
    WHERE e.project_id = %s AND a.instrument_id = %s AND a.rater = %s AND a.status = %s
      AND v.scale_min = %s AND v.scale_max = %s
),
ends AS (
    SELECT c.enrollment_id, c.method, d.code, d.counts_in_sum, r.value,
           CASE WHEN c.date = c.first_date THEN 1 ELSE 0 END AS is_first,
           CASE WHEN c.date = c.last_date AND c.first_date < c.last_date THEN 1 ELSE 0 END AS is_last
    FROM chosen c
    JOIN {rating} r ON r.assessment_id = c.assessment_id
    JOIN {domain} d ON d.id = r.domain_id
    WHERE (c.date = c.first_date OR c.date = c.last_date) AND d.code IN ({codes})
),
pairs AS (
    SELECT enrollment_id, method, code, counts_in_sum,
           SUM(CASE WHEN is_last = 1 THEN value ELSE 0 END)
           - SUM(CASE WHEN is_first = 1 THEN value ELSE 0 END) AS change
    FROM ends
    GROUP BY enrollment_id, method, code, counts_in_sum
    HAVING SUM(is_first) = 1 AND SUM(is_last) = 1
),
sums AS (
    SELECT enrollment_id, method, SUM(change) AS change, COUNT(*) AS domains
    FROM pairs WHERE counts_in_sum = %s GROUP BY enrollment_id, method
)
SELECT 'people', method, NULL, NULL, COUNT(DISTINCT enrollment_id),
       COUNT(DISTINCT CASE WHEN first_date < last_date THEN enrollment_id END), 0
FROM chosen GROUP BY method
UNION ALL
SELECT 'start', method, code, value, COUNT(*), 0, 0 FROM ends WHERE is_first = 1
GROUP BY method, code, value
UNION ALL
SELECT 'latest', method, code, value, COUNT(*), 0, 0 FROM ends WHERE is_last = 1
GROUP BY method, code, value
UNION ALL
SELECT 'change', method, code, NULL, COUNT(*), SUM(change), SUM(change * change) FROM pairs
GROUP BY method, code
UNION ALL
SELECT 'sum', method, NULL, NULL, COUNT(*), SUM(change), SUM(change * change) FROM sums
WHERE domains = %s GROUP BY method
"""


def _table(model: type) -> str:
    return connection.ops.quote_name(model._meta.db_table)


def _rows(project: Project, version: InstrumentVersion, rater: str, domains: list[Domain]) -> list:
    summed = sum(1 for d in domains if d.counts_in_sum)
    sql = _SQL.format(
        assessment=_table(Assessment), enrollment=_table(Enrollment),
        version=_table(InstrumentVersion), rating=_table(Rating), domain=_table(Domain),
        codes=", ".join(["%s"] * len(domains)),
    )  # fmt: skip
    params = [
        project.pk, version.instrument_id, rater, AssessmentStatus.SUBMITTED,
        version.scale_min, version.scale_max, *[d.code for d in domains], True, summed,
    ]  # fmt: skip
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


# --- Putting the figures together -------------------------------------------------------------


@dataclass
class _Sums:
    """The database's sums of one group (a method), before they become a Progression."""

    people: list[int] = field(default_factory=lambda: [0, 0])
    start: dict[tuple[str, int], int] = field(default_factory=dict)
    latest: dict[tuple[str, int], int] = field(default_factory=dict)
    change: dict[str, list[int]] = field(default_factory=dict)
    sum_change: list[int] = field(default_factory=lambda: [0, 0, 0])

    def add(self, other: _Sums) -> None:
        self.people = [a + b for a, b in zip(self.people, other.people, strict=True)]
        for mine, theirs in ((self.start, other.start), (self.latest, other.latest)):
            for key, count in theirs.items():
                mine[key] = mine.get(key, 0) + count
        for code, sums in other.change.items():
            old = self.change.get(code, [0, 0, 0])
            self.change[code] = [a + b for a, b in zip(old, sums, strict=True)]
        self.sum_change = [a + b for a, b in zip(self.sum_change, other.sum_change, strict=True)]


def _cells(counts: dict[tuple[str, int], int], code: str, version: InstrumentVersion) -> list[Cell]:
    total = sum(counts.get((code, v), 0) for v in version.scale)
    return [
        Cell(v, counts.get((code, v), 0), counts.get((code, v), 0) / total if total else None)
        for v in version.scale
    ]


def _progression(key: str, label: str, sums: _Sums, version: InstrumentVersion,
                 domains: list[Domain]) -> Progression:  # fmt: skip
    rows = []
    for domain in domains:
        start = _cells(sums.start, domain.code, version)
        latest = _cells(sums.latest, domain.code, version)
        rows.append(
            DomainProgression(
                domain=domain,
                start=start,
                latest=latest,
                n_start=sum(c.count or 0 for c in start),
                n_latest=sum(c.count or 0 for c in latest),
                change=Change.from_sums(*sums.change.get(domain.code, [0, 0, 0])),
            )  # fmt: skip
        )
    return Progression(
        key=key, label=label, n_start=sums.people[0], n_latest=sums.people[1], domains=rows,
        sum_change=Change.from_sums(*sums.sum_change),
    )  # fmt: skip


def project_progression(project: Project, *, version: InstrumentVersion,
                        rater: str = Rater.SELF) -> ProjectProgression:  # fmt: skip
    """The progression of a project's participants on `version`'s instrument, rated by `rater`:
    for the whole project and for each method with assessments (one query for the figures, one
    for the version's domains). The caller has obtained the project through
    access.access_project_progression; small numbers are not hidden here (suppress_small_numbers).
    """
    domains = version.domains_for(rater)
    by_method: dict[str, _Sums] = {}
    for kind, method, code, value, *figures in _rows(project, version, rater, domains):
        # PostgreSQL sums integers as numeric (Decimal): the figures are whole numbers.
        n, total, squares = (int(f) for f in figures)
        sums = by_method.setdefault(method, _Sums())
        if kind == "people":
            sums.people = [n, total]
        elif kind == "start":
            sums.start[(code, value)] = n
        elif kind == "latest":
            sums.latest[(code, value)] = n
        elif kind == "change":
            sums.change[code] = [n, total, squares]
        else:  # "sum"
            sums.sum_change = [n, total, squares]
    everyone = _Sums()
    for sums in by_method.values():
        everyone.add(sums)
    return ProjectProgression(
        version=version,
        rater=rater,
        total=_progression("", "", everyone, version, domains),
        by_method=[
            _progression(method, method_label(method), sums, version, domains)
            for method, sums in sorted(by_method.items())
        ],
    )


# --- Small numbers ----------------------------------------------------------------------------


def _hide_small_counts(cells: list[Cell]) -> tuple[list[Cell], bool]:
    """Counts of 1–4 hidden; if that hides exactly one, the smallest other count above zero is
    hidden too, so that the group's total does not give the hidden one away."""
    small = {c.value for c in cells if c.count and c.count < SMALL_NUMBER}
    if len(small) == 1:
        others = [c for c in cells if c.count and c.value not in small]
        if others:
            small.add(min(others, key=lambda c: (c.count, c.value)).value)
    hidden = [Cell(c.value, None, None) if c.value in small else c for c in cells]
    return hidden, bool(small)


def _hide_small_groups(groups: list[Progression]) -> set[str]:
    """The methods whose figures are hidden: those with fewer than SMALL_NUMBER participants at
    start, and, if that is exactly one, the next smallest too (the project's total is shown)."""
    small = {g.key for g in groups if g.n_start < SMALL_NUMBER}
    if len(small) == 1:
        others = [g for g in groups if g.key not in small]
        if others:
            small.add(min(others, key=lambda g: (g.n_start, g.key)).key)
    return small


def _suppress_group(group: Progression, *, hide_all: bool) -> Progression:
    if hide_all or group.n_start < SMALL_NUMBER:
        domains = [
            replace(d, start=[Cell(c.value, None, None) for c in d.start],
                    latest=[Cell(c.value, None, None) for c in d.latest], change=d.change.hidden())
            for d in group.domains
        ]  # fmt: skip
        return replace(
            group, domains=domains, sum_change=group.sum_change.hidden(),
            suppressed_counts=True, n_start_hidden=True, n_latest_hidden=True,
        )  # fmt: skip
    domains = []
    any_hidden = False
    for d in group.domains:
        start, hidden_start = _hide_small_counts(d.start)
        latest, hidden_latest = _hide_small_counts(d.latest)
        change = d.change.hidden() if d.change.n < SMALL_NUMBER else d.change
        any_hidden = any_hidden or hidden_start or hidden_latest
        domains.append(replace(d, start=start, latest=latest, change=change))
    sum_change = group.sum_change
    if sum_change.n < SMALL_NUMBER:
        sum_change = sum_change.hidden()
    return replace(
        group, domains=domains, sum_change=sum_change, suppressed_counts=any_hidden,
        n_latest_hidden=0 < group.n_latest < SMALL_NUMBER,
    )  # fmt: skip


def suppress_small_numbers(progression: ProjectProgression) -> ProjectProgression:
    """The same figures with the small numbers hidden, for those who may not see every participant.

    Hidden: a count of 1–4 at a scale value (and the next smallest of its row if only one was
    hidden); a mean change of fewer than 5 participants; the number of participants with two or
    more assessments when under 5; all figures of a method with fewer than 5 participants (and of
    the next smallest method if only one was hidden).
    """
    hidden_methods = _hide_small_groups(progression.by_method)
    return replace(
        progression,
        total=_suppress_group(progression.total, hide_all=False),
        by_method=[
            _suppress_group(g, hide_all=g.key in hidden_methods) for g in progression.by_method
        ],
        protected=True,
    )


def current_version_of(instrument: Instrument) -> InstrumentVersion | None:
    """The instrument's newest version with its domains in order (two queries)."""
    return (
        InstrumentVersion.objects.filter(instrument=instrument)
        .select_related("instrument")
        .prefetch_related(Prefetch("domains", queryset=Domain.objects.order_by("order", "id")))
        .order_by("-number")
        .first()
    )


def project_methods(project: Project) -> list[tuple[str, str]]:
    """The methods the project's participants are enrolled with, as (code, words), for a filter."""
    codes = (
        Enrollment.objects.filter(project=project)
        .order_by("method")
        .values_list("method", flat=True)
        .distinct()
    )
    return [(code, method_label(code)) for code in codes]
