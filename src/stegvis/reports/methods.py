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
  from assessments.progression (which computes it in one query per project).

The data are read in two queries (the enrollments with their person's gender and birth year, and
the first competitive job per enrollment), plus the progression's per project; nothing is read per
participant. A group with fewer than 10 participants or fewer than 5 events carries a warning.

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
from dataclasses import dataclass, field

import numpy as np
from django.core.management.base import CommandError
from django.db.models import F, Min, Q, QuerySet
from scipy import stats
from statsmodels.duration.hazard_regression import PHReg
from statsmodels.duration.survfunc import SurvfuncRight, survdiff

from stegvis.assessments.models import Instrument, Rater
from stegvis.assessments.progression import Change, current_version_of, project_progression
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


def observations(projects: QuerySet[Project], *, as_of: datetime.date) -> list[Observation]:
    """The participants of `projects` who started on or before `as_of`, as observations (two
    queries). An unknown method code counts as OTHER rather than failing the report."""
    enrollments = Enrollment.objects.filter(project__in=projects, start_date__lte=as_of)
    rows = enrollments.values_list(
        "id", "method", "start_date", "end_date", "exit_status", "person__gender",
        "person__birth_year",
    )  # fmt: skip
    # The window of each enrollment: start_date to end_date, but never past the as-of date.
    first_jobs = dict(
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
    found = []
    for pk, method, start, end, exit_status, gender, birth_year in rows:
        try:
            key = canonical_method(method)
        except ValueError:
            key = "OTHER"
        job = first_jobs.get(pk)
        left = end is not None and end <= as_of
        found.append(
            Observation(
                method=key,
                days=(job - start).days if job else _censor_day(start, end, as_of),
                event=job is not None,
                gender=gender,
                age_group=age_group(start.year, birth_year),
                left=left,
                employed_at_exit=left and exit_status == ExitStatus.EMPLOYED,
            )
        )
    return found


# --- Statistics --------------------------------------------------------------------------------


def _finite(x: float) -> float | None:
    return float(x) if x is not None and math.isfinite(x) else None


def kaplan_meier(days: Iterable[int], events: Iterable[bool]) -> dict:
    """The Kaplan–Meier curve, median with 95 % CI and survival at SURVIVAL_DAYS (statsmodels)."""
    time = np.asarray(list(days), dtype=float)
    status = np.asarray(list(events), dtype=float)
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


def logrank(observed: list[Observation]) -> tuple[float, float, int] | None:
    """The log-rank chi-square, its p and degrees of freedom across the methods, or None with
    fewer than two groups or no event."""
    if not any(o.event for o in observed):
        return None
    # A method whose participants were all followed for a shorter time than the first job of
    # anyone has nobody at risk at any event time: it adds a zero row to the test's variance
    # matrix (which then cannot be inverted) and carries no information. It is left out.
    first_event = min(o.days for o in observed if o.event)
    longest: dict[str, int] = {}
    for o in observed:
        longest[o.method] = max(longest.get(o.method, o.days), o.days)
    methods = sorted(m for m, days in longest.items() if days >= first_event)
    observed = [o for o in observed if o.method in methods]
    if len(methods) < 2:
        return None
    time = np.array([o.days for o in observed], dtype=float)
    status = np.array([o.event for o in observed], dtype=float)
    group = np.array([methods.index(o.method) for o in observed])
    try:
        statistic, _p = survdiff(time, status, group)
    except np.linalg.LinAlgError:
        # Still singular (e.g. at every job only one method had anyone at risk): no test.
        return None
    # statsmodels' p is 1 − cdf, which rounds to 0 below about 1e-16; the upper tail itself keeps
    # its digits (and so agrees with other programs on a large difference too).
    df = len(methods) - 1
    return float(statistic), float(stats.chi2.sf(statistic, df)), df


def reference_method(observed: list[Observation]) -> str:
    """SE if it is a group; else the largest group (ties: the first in method order)."""
    counts = Counter(o.method for o in observed)
    if "SE" in counts:
        return "SE"
    return min(counts, key=lambda m: (-counts[m], method_sort_key(m)))


def cox_model(observed: list[Observation]) -> Cox | None:
    """The Cox model (Efron ties) of the hazard of a first competitive job: each method against
    the reference, adjusted for gender and age group. None with fewer than two methods that have
    an event, or a model that cannot be fitted."""
    # A method without any job has a hazard ratio of 0 with an unbounded interval: it is left out
    # of the model (and named in Cox.left_out). A gender or age group without any job gets no
    # term of its own for the same reason; it counts with the reference level.
    with_events = {o.method for o in observed if o.event}
    left_out = sorted({o.method for o in observed} - with_events, key=method_sort_key)
    observed = [o for o in observed if o.method in with_events]
    methods = sorted(with_events, key=method_sort_key)
    if len(methods) < 2:
        return None
    ref_method = reference_method(observed)
    genders = Counter(o.gender for o in observed)
    ref_gender = min(genders, key=lambda g: (-genders[g], g))
    ages = {o.age_group for o in observed}
    ref_age = AGE_REFERENCE if AGE_REFERENCE in ages else sorted(ages)[0]
    event_genders = {o.gender for o in observed if o.event}
    event_ages = {o.age_group for o in observed if o.event}
    columns = (
        [("method", m) for m in methods if m != ref_method]
        + [("gender", g) for g in sorted(event_genders) if g != ref_gender]
        + [("age", a) for a in AGE_GROUPS if a in event_ages and a != ref_age]
    )
    values = {"method": "method", "gender": "gender", "age": "age_group"}
    exog = np.array(
        [[float(getattr(o, values[kind]) == level) for kind, level in columns] for o in observed]
    ).reshape(len(observed), len(columns))
    time = np.array([o.days for o in observed], dtype=float)
    status = np.array([o.event for o in observed], dtype=float)
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


def _progression_by_method(projects: Iterable[Project]) -> dict[str, Change]:
    """The mean change in the SKAPA self-rated sum per method, over `projects` (one query per
    project, from assessments.progression; the projects' sums are pooled)."""
    instrument = Instrument.objects.filter(code=SKAPA_CODE).first()
    version = current_version_of(instrument) if instrument else None
    if version is None:
        return {}
    pooled: dict[str, list[float]] = {}
    for project in projects:
        figures = project_progression(project, version=version, rater=Rater.SELF)
        for group in figures.by_method:
            try:
                key = canonical_method(group.key)
            except ValueError:
                key = "OTHER"
            change = group.sum_change
            sums = pooled.setdefault(key, [0, 0.0, 0.0])
            if change.n == 0 or change.mean is None:
                continue
            # Back from (n, mean, sd) to n, Σx and Σx²: the changes are whole numbers.
            sd = change.sd or 0.0
            sums[0] += change.n
            sums[1] += change.mean * change.n
            sums[2] += sd * sd * (change.n - 1) + change.n * change.mean * change.mean
    return {
        key: Change.from_sums(int(n), round(total), round(squares))
        for key, (n, total, squares) in pooled.items()
    }


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
    progression = _progression_by_method(projects)
    step(2)
    by_method: dict[str, list[Observation]] = {}
    for o in observed:
        by_method.setdefault(o.method, []).append(o)
    comparison = MethodComparison(as_of=as_of)
    for key in sorted(by_method, key=method_sort_key):
        group = by_method[key]
        km = kaplan_meier((o.days for o in group), (o.event for o in group))
        left = [o for o in group if o.left]
        comparison.groups.append(
            Group(
                key=key,
                label=method_label(key),
                n=len(group),
                events=sum(o.event for o in group),
                curve=km["curve"],
                last_day=max(o.days for o in group),
                median_days=km["median"],
                median_ci=km["median_ci"],
                survival=km["survival"],
                left=len(left),
                employed_at_exit=(
                    sum(o.employed_at_exit for o in left) / len(left) if left else None
                ),
                employed_at_exit_n=sum(o.employed_at_exit for o in left),
                progression=progression.get(key),
            )
        )
    step(3)
    test = logrank(observed)
    if test is not None:
        comparison.logrank = test[:2]
        comparison.logrank_df = test[2]
    comparison.cox = cox_model(observed)
    step(4)
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
