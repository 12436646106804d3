"""Which method works for whom: the participants of each support method compared, as of a date.

The definitions (shared/spec/exchange-format.md, "Definitions the reports use"; issue 6):
- The participants are the enrollments that started on or before the as-of date, grouped by their
  canonical method (participants.codes.canonical_method: 'sed+se' is 'SE+SED').
- *Time to first competitive job*: days from the enrollment's start_date to the start_date of its
  first Employment with kind JOB and competitive True that starts on or after start_date and on or
  before end_date (or the as-of date, whichever comes first). Participants without one are
  censored at end_date, or at the as-of date while still taking part (or if end_date is later).
- The Kaplan–Meier curve per method; the *median* is the first time the curve is at or below 0.5
  (None if it never is), with a 95 % confidence interval (statsmodels' default, the complementary
  log-log transform); survival at 90, 180 and 365 days (None past the last observed time).
- The log-rank test across methods (statsmodels survdiff).
- A Cox proportional-hazards model (Efron ties, statsmodels PHReg) of each method's hazard ratio
  against a reference method (SE if it is a group, else the largest group), adjusted for gender
  and age group (age = start year − birth year: under 30, 30–54, 55 and over). The reference
  gender is the most common one. A covariate level nobody has is left out.
- *Employed at exit*: the share with exit_status EMPLOYED among those who had left by the as-of
  date (end_date on or before it).
- *Progression*: the mean change in the SKAPA self-rated sum with its 95 % confidence interval,
  by the definitions of assessments.progression, over all the projects in one query.

The data are read in two queries (the enrollments with their person's gender and birth year, and
the first competitive job per enrollment) into numpy arrays (Observed; no model instance, no
Python object per participant), plus the progression's one query; nothing is read per
participant. The statistics are statsmodels' on those arrays; the Cox fit, the slowest part at
100,000 participants (statsmodels' PHReg loops in Python over the participants and the event
times), runs in a thread beside the progression query. A group with fewer than 10 participants
or fewer than 5 events carries a warning.

Who may see what, and the hiding of small numbers, is access.py's and the view's.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime
import json
import math
from collections import Counter
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

import numpy as np
from django.core.management.base import CommandError
from django.db import connection
from django.db.models import F, Min, Q, QuerySet
from scipy import stats
from statsmodels.duration.hazard_regression import PHReg
from statsmodels.duration.survfunc import SurvfuncRight, survdiff

from stegvis.assessments.models import (
    Assessment,
    AssessmentStatus,
    Domain,
    Instrument,
    InstrumentVersion,
    Rater,
    Rating,
)
from stegvis.assessments.progression import Change, current_version_of
from stegvis.assessments.skapa import CODE as SKAPA_CODE
from stegvis.participants.codes import (
    METHOD_ORDER,
    EmploymentKind,
    ExitStatus,
    canonical_method,
    method_label,
)
from stegvis.participants.models import Employment, Enrollment
from stegvis.projects.models import Project

SURVIVAL_DAYS = (90, 180, 365)
CONFIDENCE = 0.95
# A group this small, or with this few jobs, gives figures that chance alone can move far.
WARN_PARTICIPANTS = 10
WARN_EVENTS = 5
AGE_GROUPS = ("<30", "30-54", "55+")
AGE_REFERENCE = "30-54"


def age_group(start_year: int, birth_year: int) -> str:
    """'<30', '30-54' or '55+' for age = start year − birth year."""
    age = start_year - birth_year
    if age < 30:
        return "<30"
    if age < 55:
        return "30-54"
    return "55+"


def method_sort_key(code: str) -> tuple[int, ...]:
    """Canonical labels in the order of their codes (SE, IPS, SED, BOSTON, OTHER)."""
    return tuple(METHOD_ORDER.index(part) for part in code.split("+"))


@dataclass(frozen=True)
class Observation:
    """One participant as the survival analysis sees them."""

    method: str
    days: int
    event: bool  # True: a first competitive job at `days`; False: censored at `days`
    gender: str
    age_group: str
    left: bool  # had left by the as-of date
    employed_at_exit: bool


@dataclass
class Group:
    """The figures of one method."""

    key: str
    label: str
    n: int
    events: int
    curve: list[tuple[int, float]]  # (day, survival) steps, starting at (0, 1.0)
    last_day: int  # the last day observed (an event or a censoring)
    median_days: float | None
    median_ci: tuple[float | None, float | None]
    survival: dict[int, float | None]
    left: int
    employed_at_exit: float | None
    employed_at_exit_n: int
    progression: Change | None = None

    @property
    def warning(self) -> bool:
        return self.n < WARN_PARTICIPANTS or self.events < WARN_EVENTS


@dataclass(frozen=True)
class CoxTerm:
    """One covariate level's hazard ratio against its reference, with 95 % CI and p."""

    name: str  # "method:IPS", "gender:M", "age:<30"
    hazard_ratio: float
    ci: tuple[float, float]
    p: float


@dataclass
class Cox:
    reference_method: str
    reference_gender: str
    reference_age: str
    terms: list[CoxTerm]
    n: int
    events: int
    left_out: list[str] = field(default_factory=list)  # methods without any event

    def methods(self) -> list[CoxTerm]:
        return [t for t in self.terms if t.name.startswith("method:")]

    def covariates(self) -> list[CoxTerm]:
        return [t for t in self.terms if not t.name.startswith("method:")]


@dataclass
class MethodComparison:
    as_of: datetime.date
    groups: list[Group] = field(default_factory=list)
    logrank: tuple[float, float] | None = None  # (chi-square statistic, p)
    logrank_df: int = 0
    cox: Cox | None = None


# --- Reading -----------------------------------------------------------------------------------


def _censor_day(start: datetime.date, end: datetime.date | None, as_of: datetime.date) -> int:
    last = as_of if end is None or end > as_of else end
    return (last - start).days


@dataclass
class Observed:
    """The participants as the survival analysis sees them, as columns (numpy arrays, one entry
    per participant): what observations() reads, without a Python object per participant."""

    methods: list[str]  # the method keys; `method` holds indexes into it
    method: np.ndarray
    days: np.ndarray  # int
    event: np.ndarray  # bool: a first competitive job at `days`; else censored at `days`
    genders: list[str]  # `gender` holds indexes into it
    gender: np.ndarray
    age: np.ndarray  # indexes into AGE_GROUPS
    left: np.ndarray  # bool: had left by the as-of date
    employed_at_exit: np.ndarray  # bool

    def __len__(self) -> int:
        return len(self.days)

    @classmethod
    def of(cls, observed: Observed | Iterable[Observation]) -> Observed:
        """The columns of a list of Observation (as the tests build them), or `observed` itself."""
        if isinstance(observed, Observed):
            return observed
        observed = list(observed)
        methods = sorted({o.method for o in observed})
        genders = sorted({o.gender for o in observed})
        return cls(
            methods=methods,
            method=np.array([methods.index(o.method) for o in observed], dtype=np.int64),
            days=np.array([o.days for o in observed], dtype=np.int64),
            event=np.array([o.event for o in observed], dtype=bool),
            genders=genders,
            gender=np.array([genders.index(o.gender) for o in observed], dtype=np.int64),
            age=np.array([AGE_GROUPS.index(o.age_group) for o in observed], dtype=np.int64),
            left=np.array([o.left for o in observed], dtype=bool),
            employed_at_exit=np.array([o.employed_at_exit for o in observed], dtype=bool),
        )  # fmt: skip

    def subset(self, mask: np.ndarray) -> Observed:
        return dataclasses.replace(
            self, method=self.method[mask], days=self.days[mask], event=self.event[mask],
            gender=self.gender[mask], age=self.age[mask], left=self.left[mask],
            employed_at_exit=self.employed_at_exit[mask],
        )  # fmt: skip


def observations(projects: QuerySet[Project], *, as_of: datetime.date) -> Observed:
    """The participants of `projects` who started on or before `as_of`, as columns (two queries,
    read with values_list into numpy arrays). An unknown method code counts as OTHER rather than
    failing the report."""
    enrollments = Enrollment.objects.filter(project__in=projects, start_date__lte=as_of)
    rows = list(
        enrollments.order_by("id").values_list(
            "id", "method", "start_date", "end_date", "exit_status", "person__gender",
            "person__birth_year",
        )
    )  # fmt: skip
    # The window of each enrollment: start_date to end_date, but never past the as-of date.
    first_jobs = list(
        Employment.objects.filter(
            enrollment__in=enrollments,
            kind=EmploymentKind.JOB,
            competitive=True,
            start_date__gte=F("enrollment__start_date"),
            start_date__lte=as_of,
        )
        .filter(Q(enrollment__end_date__isnull=True) | Q(start_date__lte=F("enrollment__end_date")))
        .values("enrollment_id")
        .annotate(first=Min("start_date"))
        .values_list("enrollment_id", "first")
    )
    if not rows:
        empty = np.zeros(0, dtype=np.int64)
        return Observed([], empty, empty, empty.astype(bool), [], empty, empty,
                        empty.astype(bool), empty.astype(bool))  # fmt: skip
    ids, raw_methods, starts, ends, exits, genders, births = zip(*rows, strict=True)
    ids = np.array(ids, dtype=np.int64)
    start = np.array(starts, dtype="datetime64[D]")
    end = np.array(ends, dtype="datetime64[D]")  # None is NaT
    # The method keys: few distinct codes, canonicalised once each.
    keys: dict[str, str] = {}
    for raw in set(raw_methods):
        try:
            keys[raw] = canonical_method(raw)
        except ValueError:
            keys[raw] = "OTHER"
    methods = sorted(set(keys.values()))
    index = {raw: methods.index(key) for raw, key in keys.items()}
    method = np.array([index[m] for m in raw_methods], dtype=np.int64)
    gender_names = sorted(set(genders))
    gender_index = {g: i for i, g in enumerate(gender_names)}
    gender = np.array([gender_index[g] for g in genders], dtype=np.int64)
    # age = start year − birth year: '<30', '30-54', '55+' (age_group, on arrays).
    age_years = start.astype("datetime64[Y]").astype(np.int64) + 1970 - np.array(births)
    age = np.where(age_years < 30, 0, np.where(age_years < 55, 1, 2))
    as_of_day = np.datetime64(as_of, "D")
    # Censored at end_date, or at the as-of date while still taking part (or if end_date is later).
    has_end = ~np.isnat(end)
    last = np.where(has_end & (end <= as_of_day), end, as_of_day)
    days = (last - start).astype(np.int64)
    event = np.zeros(len(ids), dtype=bool)
    if first_jobs:
        job_ids = np.array([pk for pk, _ in first_jobs], dtype=np.int64)
        job_days = np.array([day for _, day in first_jobs], dtype="datetime64[D]")
        at = np.searchsorted(ids, job_ids)  # every job's enrollment is among the rows (ordered)
        event[at] = True
        days[at] = (job_days - start[at]).astype(np.int64)
    left = has_end & (end <= as_of_day)
    employed = left & (np.array(exits, dtype=object) == ExitStatus.EMPLOYED)
    return Observed(
        methods=methods, method=method, days=days, event=event, genders=gender_names,
        gender=gender, age=age, left=left, employed_at_exit=employed.astype(bool),
    )  # fmt: skip


# --- Statistics --------------------------------------------------------------------------------


def _finite(x: float) -> float | None:
    return float(x) if x is not None and math.isfinite(x) else None


def kaplan_meier(days: Iterable[int], events: Iterable[bool]) -> dict:
    """The Kaplan–Meier curve, median with 95 % CI and survival at SURVIVAL_DAYS (statsmodels)."""
    time = np.asarray(days if hasattr(days, "__len__") else list(days), dtype=float)
    status = np.asarray(events if hasattr(events, "__len__") else list(events), dtype=float)
    sf = SurvfuncRight(time, status)
    curve = [(0, 1.0)] + [
        (int(t), float(s)) for t, s in zip(sf.surv_times, sf.surv_prob, strict=True)
    ]
    # The first time the curve is at or below 0.5. (statsmodels' quantile() asks for strictly
    # below, as SAS does; the report's definition, and lifelines', includes 0.5 itself. The
    # tolerance absorbs the rounding of the product-limit.)
    at_or_below = np.flatnonzero(sf.surv_prob <= 0.5 + 1e-12) if status.any() else []
    median = float(sf.surv_times[at_or_below[0]]) if len(at_or_below) else None
    low = high = None
    if status.any():
        # statsmodels answers NaN or ±inf where a bound is not reached; both mean "not known".
        # A curve that reaches 0 makes log(−log(S)) infinite at that step: expected, not an error.
        with np.errstate(divide="ignore", invalid="ignore"):
            bounds = sf.quantile_ci(0.5, alpha=1 - CONFIDENCE)
        low, high = _finite(bounds[0]), _finite(bounds[1])
    last = float(time.max()) if len(time) else -1.0
    survival: dict[int, float | None] = {}
    for day in SURVIVAL_DAYS:
        if day > last:
            survival[day] = None
            continue
        # The curve's value at `day`: the last step at or before it (1.0 before the first).
        steps = sf.surv_times <= day
        survival[day] = float(sf.surv_prob[steps][-1]) if steps.any() else 1.0
    if not status.any():
        # No event: statsmodels gives an empty curve; the curve stays at 1.
        curve = [(0, 1.0)]
    return {"curve": curve, "median": median, "median_ci": (low, high), "survival": survival}


def logrank(observed: Observed | list[Observation]) -> tuple[float, float, int] | None:
    """The log-rank chi-square, its p and degrees of freedom across the methods, or None with
    fewer than two groups or no event."""
    observed = Observed.of(observed)
    if not observed.event.any():
        return None
    # A method whose participants were all followed for a shorter time than the first job of
    # anyone has nobody at risk at any event time: it adds a zero row to the test's variance
    # matrix (which then cannot be inverted) and carries no information. It is left out.
    first_event = observed.days[observed.event].min()
    present = np.unique(observed.method)
    longest = {i: observed.days[observed.method == i].max() for i in present}
    kept = [i for i in present if longest[i] >= first_event]
    # In the order of the method names, as the groups are numbered for survdiff.
    methods = sorted(observed.methods[i] for i in kept)
    if len(methods) < 2:
        return None
    number = np.full(len(observed.methods), -1, dtype=np.int64)
    for n, name in enumerate(methods):
        number[observed.methods.index(name)] = n
    group = number[observed.method]
    mask = group >= 0
    time = observed.days[mask].astype(float)
    status = observed.event[mask].astype(float)
    try:
        statistic, _p = survdiff(time, status, group[mask])
    except np.linalg.LinAlgError:
        # Still singular (e.g. at every job only one method had anyone at risk): no test.
        return None
    # statsmodels' p is 1 − cdf, which rounds to 0 below about 1e-16; the upper tail itself keeps
    # its digits (and so agrees with other programs on a large difference too).
    df = len(methods) - 1
    return float(statistic), float(stats.chi2.sf(statistic, df)), df


def _counts(codes: np.ndarray, names: list[str]) -> Counter:
    return Counter({names[i]: int(n) for i, n in zip(*np.unique(codes, return_counts=True),
                                                    strict=True)})  # fmt: skip


def reference_method(observed: Observed | list[Observation]) -> str:
    """SE if it is a group; else the largest group (ties: the first in method order)."""
    observed = Observed.of(observed)
    counts = _counts(observed.method, observed.methods)
    if "SE" in counts:
        return "SE"
    return min(counts, key=lambda m: (-counts[m], method_sort_key(m)))


def cox_model(observed: Observed | list[Observation]) -> Cox | None:
    """The Cox model (Efron ties) of the hazard of a first competitive job: each method against
    the reference, adjusted for gender and age group. None with fewer than two methods that have
    an event, or a model that cannot be fitted."""
    observed = Observed.of(observed)
    names = observed.methods
    # A method without any job has a hazard ratio of 0 with an unbounded interval: it is left out
    # of the model (and named in Cox.left_out). A gender or age group without any job gets no
    # term of its own for the same reason; it counts with the reference level.
    with_events = {names[i] for i in np.unique(observed.method[observed.event])}
    everyone = {names[i] for i in np.unique(observed.method)}
    left_out = sorted(everyone - with_events, key=method_sort_key)
    keep = np.isin(observed.method, [names.index(m) for m in with_events])
    observed = observed.subset(keep)
    methods = sorted(with_events, key=method_sort_key)
    if len(methods) < 2:
        return None
    ref_method = reference_method(observed)
    genders = _counts(observed.gender, observed.genders)
    ref_gender = min(genders, key=lambda g: (-genders[g], g))
    ages = {AGE_GROUPS[i] for i in np.unique(observed.age)}
    ref_age = AGE_REFERENCE if AGE_REFERENCE in ages else sorted(ages)[0]
    event_genders = {observed.genders[i] for i in np.unique(observed.gender[observed.event])}
    event_ages = {AGE_GROUPS[i] for i in np.unique(observed.age[observed.event])}
    columns = (
        [("method", m) for m in methods if m != ref_method]
        + [("gender", g) for g in sorted(event_genders) if g != ref_gender]
        + [("age", a) for a in AGE_GROUPS if a in event_ages and a != ref_age]
    )
    # The design matrix, one indicator column per term, built on the arrays.
    codes = {"method": (observed.method, observed.methods),
             "gender": (observed.gender, observed.genders),
             "age": (observed.age, list(AGE_GROUPS))}  # fmt: skip
    exog = np.empty((len(observed), len(columns)), dtype=float)
    for j, (kind, level) in enumerate(columns):
        values, levels = codes[kind]
        exog[:, j] = values == levels.index(level)
    time = observed.days.astype(float)
    status = observed.event.astype(float)
    try:
        result = PHReg(time, exog, status=status, ties="efron").fit()
    except (np.linalg.LinAlgError, ValueError):
        return None
    params = np.asarray(result.params)
    ci = np.asarray(result.conf_int(alpha=1 - CONFIDENCE))
    pvalues = np.asarray(result.pvalues)
    if not (np.all(np.isfinite(params)) and np.all(np.isfinite(ci))):
        return None
    terms = [
        CoxTerm(
            name=f"{kind}:{level}",
            hazard_ratio=float(np.exp(params[i])),
            ci=(float(np.exp(ci[i][0])), float(np.exp(ci[i][1]))),
            p=float(pvalues[i]),
        )
        for i, (kind, level) in enumerate(columns)
    ]
    return Cox(
        reference_method=ref_method, reference_gender=ref_gender, reference_age=ref_age,
        terms=terms, n=len(observed), events=int(status.sum()), left_out=left_out,
    )  # fmt: skip


# --- Progression -------------------------------------------------------------------------------


# The change in the SKAPA sum per method over many projects, in one query, by the definitions of
# assessments.progression (first and latest submitted assessment of the instrument by the rater,
# on a version with the same scale, domains matched by code; a participant counts if every domain
# that counts in the sum has exactly one rating in the first and one in the latest assessment),
# with `project_id IN (…)`. Where progression groups its ratings per participant and domain and
# then per participant, this query groups once per participant, with one column per domain code
# (the version's few codes are known): the same figures, without a second grouping of a million
# rows. The last part names every method with any such assessment (progression has a group for it).
_PROGRESSION_SQL = """
WITH chosen AS (
    SELECT a.id AS assessment_id, a.enrollment_id, a.date,
           MIN(a.date) OVER (PARTITION BY a.enrollment_id) AS first_date,
           MAX(a.date) OVER (PARTITION BY a.enrollment_id) AS last_date
    FROM {assessment} a
    JOIN {enrollment} e ON e.id = a.enrollment_id
    JOIN {version} v ON v.id = a.version_id
    WHERE e.project_id IN ({projects}) AND a.instrument_id = %s AND a.rater = %s
      AND a.status = %s AND v.scale_min = %s AND v.scale_max = %s
),
per_code AS (
    SELECT c.enrollment_id, {per_code}
    FROM chosen c
    JOIN {rating} r ON r.assessment_id = c.assessment_id
    JOIN {domain} d ON d.id = r.domain_id
    WHERE c.first_date < c.last_date AND (c.date = c.first_date OR c.date = c.last_date)
      AND d.counts_in_sum = %s
    GROUP BY c.enrollment_id
),
sums AS (
    SELECT enrollment_id, {domains} AS domains, {change} AS change FROM per_code
)
SELECT e.method, COUNT(*), SUM(s.change), SUM(s.change * s.change)
FROM sums s JOIN {enrollment} e ON e.id = s.enrollment_id
WHERE s.domains = %s GROUP BY e.method
UNION ALL
SELECT e.method, 0, 0, 0 FROM {assessment} a
JOIN {enrollment} e ON e.id = a.enrollment_id
JOIN {version} v ON v.id = a.version_id
WHERE e.project_id IN ({projects}) AND a.instrument_id = %s AND a.rater = %s
  AND a.status = %s AND v.scale_min = %s AND v.scale_max = %s
GROUP BY e.method
"""
# Per domain code k: f_k ratings in the first assessment, l_k in the latest, c_k their change.
_PER_CODE = (
    "SUM(CASE WHEN d.code = %s AND c.date = c.first_date THEN 1 ELSE 0 END) AS f{k}, "
    "SUM(CASE WHEN d.code = %s AND c.date = c.last_date THEN 1 ELSE 0 END) AS l{k}, "
    "SUM(CASE WHEN d.code = %s AND c.date = c.last_date THEN r.value "
    "WHEN d.code = %s THEN -r.value ELSE 0 END) AS c{k}"
)


def _table(model: type) -> str:
    return connection.ops.quote_name(model._meta.db_table)


def _progression_by_method(projects: QuerySet[Project]) -> dict[str, Change]:
    """The mean change in the SKAPA self-rated sum per method, over `projects` (one query for
    the project ids, one for the figures; the same figures as pooling
    assessments.progression.project_progression's sum change of each project)."""
    instrument = Instrument.objects.filter(code=SKAPA_CODE).first()
    version = current_version_of(instrument) if instrument else None
    if version is None:
        return {}
    project_ids = list(projects.values_list("pk", flat=True))
    rater = Rater.SELF
    domains = version.domains_for(rater)
    if not project_ids or not domains:
        return {}
    summed = sum(1 for d in domains if d.counts_in_sum)
    codes = [d.code for d in domains]
    pair = "(CASE WHEN f{k} = 1 AND l{k} = 1 THEN {then} ELSE 0 END)"
    sql = _PROGRESSION_SQL.format(
        assessment=_table(Assessment), enrollment=_table(Enrollment),
        version=_table(InstrumentVersion), rating=_table(Rating), domain=_table(Domain),
        projects=", ".join(["%s"] * len(project_ids)),
        per_code=", ".join(_PER_CODE.format(k=k) for k in range(len(codes))),
        domains=" + ".join(pair.format(k=k, then=1) for k in range(len(codes))),
        change=" + ".join(pair.format(k=k, then=f"c{k}") for k in range(len(codes))),
    )  # fmt: skip
    where = [
        *project_ids, version.instrument_id, rater, AssessmentStatus.SUBMITTED,
        version.scale_min, version.scale_max,
    ]  # fmt: skip
    params = [*where, *[code for code in codes for _ in range(4)], True, summed, *where]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    pooled: dict[str, list[int]] = {}
    for method, n, total, squares in rows:
        try:
            key = canonical_method(method)
        except ValueError:
            key = "OTHER"
        sums = pooled.setdefault(key, [0, 0, 0])
        # PostgreSQL sums integers as numeric (Decimal): the figures are whole numbers.
        sums[0] += int(n)
        sums[1] += int(total)
        sums[2] += int(squares)
    return {key: Change.from_sums(n, total, squares) for key, (n, total, squares) in pooled.items()}


# --- The comparison ----------------------------------------------------------------------------


COMPARE_STEPS = 4  # the steps compare_methods reports to its `progress` callback


def compare_methods(
    projects: QuerySet[Project],
    *,
    as_of: datetime.date,
    progress: Callable[[int], None] | None = None,
) -> MethodComparison:
    """The method comparison of `projects` (already scoped to what the user may see) as of
    `as_of`. Small numbers are not hidden here; see suppress_small_numbers. `progress`, if
    given, is called with the number of steps done (of COMPARE_STEPS): read, progression,
    curves, tests."""
    step = progress or (lambda done: None)
    observed = observations(projects, as_of=as_of)
    step(1)
    # The Cox fit (seconds of CPU at 100,000 participants) runs in a thread of its own while this
    # one waits for the database's progression query; it reads nothing from the database.
    with ThreadPoolExecutor(max_workers=1) as pool:
        fitted = pool.submit(cox_model, observed)
        progression = _progression_by_method(projects)
        step(2)
        comparison = _groups(observed, progression, as_of)
        step(3)
        test = logrank(observed)
        if test is not None:
            comparison.logrank = test[:2]
            comparison.logrank_df = test[2]
        comparison.cox = fitted.result()
    step(4)
    return comparison


def _groups(observed: Observed, progression: dict[str, Change],
            as_of: datetime.date) -> MethodComparison:  # fmt: skip
    """The comparison with the figures of each method (Kaplan–Meier, employed at exit)."""
    comparison = MethodComparison(as_of=as_of)
    present = {observed.methods[i] for i in np.unique(observed.method)}
    for key in sorted(present, key=method_sort_key):
        group = observed.subset(observed.method == observed.methods.index(key))
        km = kaplan_meier(group.days, group.event)
        left = int(group.left.sum())
        employed = int(group.employed_at_exit.sum())
        comparison.groups.append(
            Group(
                key=key,
                label=method_label(key),
                n=len(group),
                events=int(group.event.sum()),
                curve=km["curve"],
                last_day=int(group.days.max()),
                median_days=km["median"],
                median_ci=km["median_ci"],
                survival=km["survival"],
                left=left,
                employed_at_exit=employed / left if left else None,
                employed_at_exit_n=employed,
                progression=progression.get(key),
            )
        )
    return comparison


def comparison_to_data(comparison: MethodComparison) -> dict:
    """The whole comparison as JSON-ready data (a background job keeps it so), every figure
    exact; comparison_from_data reads it back."""
    data = dataclasses.asdict(comparison)
    data["as_of"] = comparison.as_of.isoformat()
    return data


def comparison_from_data(data: dict) -> MethodComparison:
    """The comparison that comparison_to_data wrote, with its tuples and day keys restored."""
    groups = []
    for g in data["groups"]:
        change = g["progression"]
        groups.append(
            Group(
                **{
                    **g,
                    "curve": [(int(d), float(s)) for d, s in g["curve"]],
                    "median_ci": tuple(g["median_ci"]),
                    "survival": {int(day): v for day, v in g["survival"].items()},
                    "progression": Change(**change) if change is not None else None,
                },
            )  # fmt: skip
        )
    cox = data["cox"]
    return MethodComparison(
        as_of=datetime.date.fromisoformat(data["as_of"]),
        groups=groups,
        logrank=tuple(data["logrank"]) if data["logrank"] is not None else None,
        logrank_df=data["logrank_df"],
        cox=Cox(**{**cox, "terms": [CoxTerm(**{**t, "ci": tuple(t["ci"])}) for t in cox["terms"]]})
        if cox is not None
        else None,
    )


# --- As data, and the command line -------------------------------------------------------------


def _ci(pair: tuple[float | None, float | None]) -> list[float | None]:
    return [pair[0], pair[1]]


def comparison_as_dict(comparison: MethodComparison) -> dict:
    """The comparison as the keys of `stegvis report methods --json` (see METHODS_HELP)."""
    groups = {}
    for g in comparison.groups:
        change = g.progression
        groups[g.key] = {
            "n": g.n,
            "events": g.events,
            "median_days": g.median_days,
            "median_ci": _ci(g.median_ci),
            "survival": {str(day): g.survival[day] for day in SURVIVAL_DAYS},
            "employed_at_exit": g.employed_at_exit,
            "progression": {
                "n": change.n if change else 0,
                "mean_change": change.mean if change else None,
                "ci": [change.low, change.high] if change else [None, None],
            },
        }
    logrank_dict = None
    if comparison.logrank is not None:
        logrank_dict = {
            "statistic": comparison.logrank[0],
            "p": comparison.logrank[1],
            "df": comparison.logrank_df,
        }
    cox = comparison.cox
    cox_dict = None
    if cox is not None:

        def term(t: CoxTerm) -> dict:
            return {"hazard_ratio": t.hazard_ratio, "ci": list(t.ci), "p": t.p}

        cox_dict = {
            "reference": cox.reference_method,
            "methods": {t.name.split(":", 1)[1]: term(t) for t in cox.methods()},
            "covariates": {t.name: term(t) for t in cox.covariates()},
            "reference_gender": cox.reference_gender,
            "reference_age_group": cox.reference_age,
            "ties": "efron",
            "left_out": cox.left_out,
            "n": cox.n,
            "events": cox.events,
        }
    return {"groups": groups, "logrank": logrank_dict, "cox": cox_dict}


METHODS_HELP = """Per method: time to first competitive job (Kaplan–Meier), log-rank, Cox, share employed at exit, SKAPA progression.

--json prints {"groups": {METHOD: {"n": participants, "events": first competitive jobs,
"median_days": days or null, "median_ci": [low, high] (95 %, null where not reached),
"survival": {"90", "180", "365": share without a job yet, null past the last observed day},
"employed_at_exit": share with exit status EMPLOYED among those who left (null if none),
"progression": {"n", "mean_change", "ci": [low, high]} of the SKAPA self-rated sum}, ...},
"logrank": {"statistic": chi-square, "p", "df"} or null,
"cox": {"reference": METHOD, "methods": {METHOD: {"hazard_ratio", "ci": [low, high], "p"}},
"covariates": {"gender:M", "gender:X", "age:<30", "age:55+": the same}, "reference_gender",
"reference_age_group", "ties": "efron", "left_out": [methods without any job, not in the
model], "n", "events"} or null.
Figures are unsuppressed (the operator's tool)."""


def methods_add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.description = METHODS_HELP
    parser.formatter_class = argparse.RawDescriptionHelpFormatter
    parser.add_argument(
        "--project", metavar="DNR", help="the project's diarienummer (default: all)"
    )
    parser.add_argument(
        "--as-of", dest="as_of", required=True, type=datetime.date.fromisoformat,
        metavar="YYYY-MM-DD", help="the date the figures are computed as of",
    )  # fmt: skip
    parser.add_argument("--json", action="store_true", help="print JSON (described above)")


def methods_run(options: dict) -> str:
    """`stegvis report methods`: the comparison of one project (by diarienummer) or all."""
    projects = Project.objects.all()
    if options.get("project"):
        projects = projects.filter(diarienummer=options["project"])
        if not projects.exists():
            raise CommandError(f"No project with diarienummer {options['project']}.")
    data = comparison_as_dict(compare_methods(projects, as_of=options["as_of"]))
    if options.get("json"):
        return json.dumps(data, ensure_ascii=False, indent=2)
    return _as_text(data)


def _number(x: float | None, digits: int = 3) -> str:
    return "-" if x is None else f"{x:.{digits}g}" if abs(x) < 1 else f"{x:.{digits}f}"


def _as_text(data: dict) -> str:
    lines = []
    for key, g in data["groups"].items():
        survival = " ".join(f"S({d})={_number(v)}" for d, v in g["survival"].items())
        lines.append(
            f"{key}: n={g['n']} events={g['events']} median={_number(g['median_days'], 0)} "
            f"{survival} employed_at_exit={_number(g['employed_at_exit'])} "
            f"progression={_number(g['progression']['mean_change'], 2)}"
        )
    if data["logrank"]:
        lines.append(
            f"log-rank: chi2={data['logrank']['statistic']:.3f} p={data['logrank']['p']:.3g}"
        )
    if data["cox"]:
        for name, t in data["cox"]["methods"].items():
            lines.append(f"Cox {name} vs {data['cox']['reference']}: HR={t['hazard_ratio']:.3f}")
    return "\n".join(lines)
