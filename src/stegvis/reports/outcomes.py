"""Outcome reports the field uses, for one project and one quarter (shared/domain.md).

- The IPS quarterly outcome report (IPS Learning Community): participants *served* in the quarter
  (started on or before its last day and not left before its first), how many of them held a
  competitive job in the quarter (a JOB with competitive = YES that started on or before the
  quarter's last day and had not ended before its first), the share (benchmarks 31 % minimal,
  41 % average, 50 % excellent), the competitive jobs of the participants served that *started*
  in the quarter, and the contracted hours per week of their competitive jobs held in it (mean
  over the jobs whose hours are known).
- Coach continuity: of the participants served in the quarter who have had a coach, the share who
  have had one coach only (one CoachAssignment); continuity with the same coach is an active
  ingredient of the support (BIP).
- The SUS-style transition of the main income source, from start to end, for the participants who
  left on or before the quarter's last day: a cross table of income_source_start by
  income_source_end (empty = not recorded).

Every figure is counted in the database: three queries whatever the number of participants.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Exists, IntegerField, OuterRef, Q, Subquery, Sum
from django.db.models.functions import Coalesce
from django.db.models.lookups import Exact, GreaterThanOrEqual
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from stegvis.participants.codes import EmploymentKind, IncomeSource
from stegvis.participants.models import CoachAssignment, Employment, Enrollment
from stegvis.projects.models import Project
from stegvis.reports import suppression
from stegvis.reports.esf import HIDDEN, SMALL_NUMBER, shown

QUARTER_PATTERN = re.compile(r"^(\d{4})Q([1-4])$")
# IPS Learning Community benchmarks for the share working in a competitive job in a quarter.
BENCHMARKS = ((0.50, _("Outcomes: excellent")), (0.41, _("Outcomes: average")),
              (0.31, _("Outcomes: minimal")))  # fmt: skip
NOT_RECORDED = ""
TOTAL = "total"  # the key of the totals in the income cross table (no income code)


@dataclass(frozen=True)
class Quarter:
    year: int
    number: int

    @classmethod
    def parse(cls, text: str) -> Quarter:
        """'2025Q3' -> Quarter(2025, 3); ValueError for anything else."""
        match = QUARTER_PATTERN.match((text or "").strip().upper())
        if match is None:
            raise ValueError(f"{text!r} is not a quarter like 2025Q3")
        return cls(int(match.group(1)), int(match.group(2)))

    @classmethod
    def of(cls, day: datetime.date) -> Quarter:
        return cls(day.year, (day.month - 1) // 3 + 1)

    @property
    def start(self) -> datetime.date:
        return datetime.date(self.year, 3 * self.number - 2, 1)

    @property
    def end(self) -> datetime.date:
        if self.number == 4:
            return datetime.date(self.year, 12, 31)
        return datetime.date(self.year, 3 * self.number + 1, 1) - datetime.timedelta(days=1)

    def __str__(self) -> str:
        return f"{self.year}Q{self.number}"


@dataclass(frozen=True)
class Outcomes:
    quarter: Quarter
    people: int  # the participants behind the figures: served, or left by the quarter's end
    served: int
    working: int  # served participants with a competitive job in the quarter
    new_jobs: int  # competitive jobs that started in the quarter
    jobs_with_hours: int  # competitive jobs held in the quarter whose hours are known
    hours_total: Decimal
    with_coach: int  # served participants who have had a coach
    one_coach: int  # ... of whom had one coach only
    left: int  # participants who left on or before the quarter's last day
    transition: dict[tuple[str, str], int]  # (income at start, income at end) -> participants

    @property
    def share_working(self) -> float | None:
        return self.working / self.served if self.served else None

    @property
    def hours_mean(self) -> float | None:
        return float(self.hours_total) / self.jobs_with_hours if self.jobs_with_hours else None

    @property
    def share_one_coach(self) -> float | None:
        return self.one_coach / self.with_coach if self.with_coach else None

    @property
    def benchmark(self) -> str | Promise:
        share = self.share_working
        for threshold, label in BENCHMARKS:
            if share is not None and share >= threshold:
                return label
        return _("Outcomes: below minimal")


def _held_in(quarter: Quarter) -> Q:
    return Q(start_date__lte=quarter.end) & (
        Q(end_date__isnull=True) | Q(end_date__gte=quarter.start)
    )


def project_outcomes(project: Project, *, quarter: Quarter) -> Outcomes:
    """The outcome reports of `project` for `quarter`, exact (suppression is outcome_rows').
    Who may see them is access.py's. Three queries."""
    served = _held_in(quarter)
    competitive = Employment.objects.filter(kind=EmploymentKind.JOB, competitive=True)
    working = competitive.filter(_held_in(quarter), enrollment=OuterRef("pk"))
    assignments = (
        CoachAssignment.objects.filter(enrollment=OuterRef("pk"))
        .order_by()
        .values("enrollment")
        .annotate(n=Count("pk"))
        .values("n")
    )
    # An expression, not an annotation: aggregating over an annotated subquery makes Django wrap
    # the query, and the job's Exists would lose its outer reference.
    coaches = Coalesce(Subquery(assignments, output_field=IntegerField()), 0)
    people = (
        Enrollment.objects.filter(project=project)
        .filter(served | Q(end_date__lte=quarter.end))
        .aggregate(
            people=Count("pk"),
            served=Count("pk", filter=served),
            working=Count("pk", filter=served & Q(Exists(working))),
            with_coach=Count("pk", filter=served & Q(GreaterThanOrEqual(coaches, 1))),
            one_coach=Count("pk", filter=served & Q(Exact(coaches, 1))),
        )
    )
    held = _held_in(quarter) & Q(hours_per_week__isnull=False)
    # Jobs of the participants served in the quarter (not of those who left before it).
    served_jobs = competitive.filter(
        Q(enrollment__end_date__isnull=True) | Q(enrollment__end_date__gte=quarter.start),
        enrollment__project=project,
        enrollment__start_date__lte=quarter.end,
    )
    jobs = served_jobs.aggregate(
        new=Count("pk", filter=Q(start_date__gte=quarter.start, start_date__lte=quarter.end)),
        with_hours=Count("pk", filter=held),
        hours=Sum("hours_per_week", filter=held),
    )
    cells = (
        Enrollment.objects.filter(project=project, end_date__lte=quarter.end)
        .order_by()
        .values_list("income_source_start", "income_source_end")
        .annotate(n=Count("pk"))
    )
    transition = {(start, end): n for start, end, n in cells}
    return Outcomes(
        quarter=quarter,
        people=people["people"],
        served=people["served"],
        working=people["working"],
        new_jobs=jobs["new"],
        jobs_with_hours=jobs["with_hours"],
        hours_total=jobs["hours"] or Decimal(0),
        with_coach=people["with_coach"],
        one_coach=people["one_coach"],
        left=sum(transition.values()),
        transition=transition,
    )


def _percent(share: float | None) -> str:
    return "" if share is None else f"{round(share * 100)} %"


def _share(part: int, whole: int, share: float | None, *, exact: bool) -> str:
    """A share as shown: hidden with either of its counts."""
    if HIDDEN in (shown(part, exact=exact), shown(whole, exact=exact)):
        return HIDDEN
    return _percent(share)


def outcome_rows(outcomes: Outcomes, *, exact: bool) -> list[tuple[str | Promise, int | str]]:
    """The IPS quarter and coach continuity as (label, value) rows, small numbers hidden unless
    `exact`. The mean hours are hidden when fewer than 5 jobs are behind them."""
    o = outcomes
    hours = "" if o.hours_mean is None else f"{o.hours_mean:.1f}".replace(".", ",")
    if not exact and 0 < o.jobs_with_hours < SMALL_NUMBER:
        hours = HIDDEN
    return [
        (_("Outcomes: participants served in the quarter"), shown(o.served, exact=exact)),
        (_("Outcomes: with a competitive job in the quarter"), shown(o.working, exact=exact)),
        (_("Outcomes: share with a competitive job"),
         _share(o.working, o.served, o.share_working, exact=exact)),
        (_("Outcomes: new competitive jobs in the quarter"), shown(o.new_jobs, exact=exact)),
        (_("Outcomes: mean hours per week in the competitive jobs"), hours),
        (_("Outcomes: participants who have had a coach"), shown(o.with_coach, exact=exact)),
        (_("Outcomes: of them, had one coach only"), shown(o.one_coach, exact=exact)),
        (_("Outcomes: share who kept one coach"),
         _share(o.one_coach, o.with_coach, o.share_one_coach, exact=exact)),
    ]  # fmt: skip


def income_label(code: str) -> str | Promise:
    if code == NOT_RECORDED:
        return _("Outcomes: not recorded")
    return dict(IncomeSource.choices).get(code, code)


def transition_table(outcomes: Outcomes, *, exact: bool) -> dict:
    """The income cross table: the sources that occur (in the code list's order, not recorded
    last), a row per source at start with a cell per source at end and the row's total, and the
    column totals. Unless `exact`, counts from 1 to 4 are "<5" and the cells that would give them
    away through a row or column total are "x" (suppression.hidden_cells)."""
    order = [*IncomeSource.values, NOT_RECORDED]
    used = {code for pair in outcomes.transition for code in pair}
    codes = [code for code in order if code in used]
    counts: dict[tuple[str, str], int] = {}
    for start in codes:
        for end in codes:
            counts[start, end] = outcomes.transition.get((start, end), 0)
        counts[start, TOTAL] = sum(counts[start, end] for end in codes)
    for end in [*codes, TOTAL]:
        counts[TOTAL, end] = sum(counts[start, end] for start in codes)
    sums = [
        *suppression.row_sums([*codes, TOTAL], codes, TOTAL),
        *suppression.column_sums(codes, TOTAL, [*codes, TOTAL]),
    ]
    cells = suppression.apply(counts, sums, exact=exact)
    return {
        "columns": [income_label(code) for code in codes],
        "rows": [
            {
                "label": income_label(start),
                "cells": [cells[start, end] for end in codes],
                "total": cells[start, TOTAL],
            }
            for start in codes
        ],
        "totals": [cells[TOTAL, end] for end in codes],
        "total": cells[TOTAL, TOTAL],
    }
