"""School outcomes of a project in a period, by gender (K, M, X, total).

Who counts: the project's participants with a study place whose participation overlaps the period
(both days included; without a period, the whole project). Per measure:
- attendance change: participants with attendance for two or more months in the period; the mean
  of their first month, of their last month, and of the change between them (percentage points);
- became eligible: of those not eligible for a national programme at the start of their studies
  (not recorded as eligible), how many became eligible in the period;
- completed: of those whose studies had started by the period's end, how many completed studies
  in the period;
- studies started in the period; a dropout risk noticed in the period and how many of those were
  averted.
Those who may not see every participant see counts from 1 to 4 as "<5" (and, where a row's total
would give one away, one more count as "x"), and no share or mean of fewer than 5 people or
resting on a hidden count.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Prefetch, Q
from django.utils.translation import gettext_lazy as _

from stegvis.participants.codes import Gender
from stegvis.participants.models import Enrollment
from stegvis.projects.models import Project
from stegvis.reports import suppression
from stegvis.youth.models import Attendance, DropoutOutcome, Studies

GENDERS = [g.value for g in Gender]
COLUMNS = [*GENDERS, "total"]
SMALL_NUMBER = 5
HIDDEN = suppression.HIDDEN
COMPLEMENT = suppression.COMPLEMENT

COUNT, SHARE, MEAN, CHANGE = "count", "share", "mean", "change"


@dataclass
class Group:
    """The sums of one gender (or of all)."""

    participants: int = 0
    started: int = 0
    attendance_people: int = 0
    first_sum: Decimal = Decimal(0)
    last_sum: Decimal = Decimal(0)
    not_eligible: int = 0
    became_eligible: int = 0
    studying: int = 0
    completed: int = 0
    dropout_risk: int = 0
    dropout_averted: int = 0


@dataclass
class SchoolReport:
    start: datetime.date | None
    end: datetime.date | None
    groups: dict[str, Group] = field(default_factory=dict)

    @property
    def people(self) -> int:
        return self.groups["total"].participants


def _within(
    day: datetime.date | None, start: datetime.date | None, end: datetime.date | None
) -> bool:
    return day is not None and (start is None or day >= start) and (end is None or day <= end)


def school_report(project: Project, *, start: datetime.date | None = None,
                  end: datetime.date | None = None) -> SchoolReport:  # fmt: skip
    """The project's school outcomes in the period (three queries)."""
    enrollments = Enrollment.objects.filter(project=project, studies__isnull=False).distinct()
    if end is not None:
        enrollments = enrollments.filter(start_date__lte=end)
    if start is not None:
        enrollments = enrollments.filter(Q(end_date__isnull=True) | Q(end_date__gte=start))
    attendance = Attendance.objects.order_by("month")
    if start is not None:
        attendance = attendance.filter(month__gte=start.replace(day=1))
    if end is not None:
        attendance = attendance.filter(month__lte=end)
    enrollments = enrollments.select_related("person").prefetch_related(
        Prefetch(
            "studies",
            queryset=Studies.objects.prefetch_related(Prefetch("attendance", queryset=attendance)),
        )  # fmt: skip
    )
    report = SchoolReport(start=start, end=end, groups={c: Group() for c in COLUMNS})
    for enrollment in enrollments:
        for column in (enrollment.person.gender, "total"):
            _add(report.groups[column], list(enrollment.studies.all()), start, end)
    return report


def _add(group: Group, studies: list[Studies], start: datetime.date | None,
         end: datetime.date | None) -> None:  # fmt: skip
    group.participants += 1
    group.started += any(_within(s.started_on, start, end) for s in studies)
    months = sorted((a.month, a.percent) for s in studies for a in s.attendance.all())
    if len(months) >= 2:
        group.attendance_people += 1
        group.first_sum += months[0][1]
        group.last_sum += months[-1][1]
    if not any(s.eligible_at_start for s in studies):
        group.not_eligible += 1
        group.became_eligible += any(_within(s.eligible_on, start, end) for s in studies)
    if any(s.started_on is not None and (end is None or s.started_on <= end) for s in studies):
        group.studying += 1
        group.completed += any(_within(s.completed_on, start, end) for s in studies)
    risks = [s for s in studies if _within(s.dropout_risk_on, start, end)]
    if risks:
        group.dropout_risk += 1
        group.dropout_averted += any(s.dropout_outcome == DropoutOutcome.AVERTED for s in risks)


def _share(part: int, whole: int, exact: bool) -> Decimal | str | None:
    if whole == 0:
        return None
    if not exact and (whole < SMALL_NUMBER or 0 < part < SMALL_NUMBER):
        return HIDDEN
    return (Decimal(100) * part / whole).quantize(Decimal("0.1"))


def _mean(total: Decimal, people: int, exact: bool) -> Decimal | str | None:
    if people == 0:
        return None
    if not exact and people < SMALL_NUMBER:
        return HIDDEN
    return (total / people).quantize(Decimal("0.1"))


# The rows of the table: key, label, kind (how the cells read: a count, a share in %, a mean in
# %, a change in percentage points).
ROWS = [
    ("participants", _("School report: participants in school or studies"), COUNT),
    ("started", _("School report: started studies in the period"), COUNT),
    ("attendance_people", _("School report: with attendance for two months or more"), COUNT),
    ("attendance_first", _("School report: attendance the first month (mean)"), MEAN),
    ("attendance_last", _("School report: attendance the last month (mean)"), MEAN),
    ("attendance_change", _("School report: change in attendance"), CHANGE),
    ("not_eligible", _("School report: not eligible for a national programme at the start"), COUNT),
    ("became_eligible", _("School report: became eligible in the period"), COUNT),
    ("eligible_share", _("School report: share who became eligible"), SHARE),
    ("studying", _("School report: with studies started"), COUNT),
    ("completed", _("School report: completed studies in the period"), COUNT),
    ("completed_share", _("School report: share who completed"), SHARE),
    ("dropout_risk", _("School report: risk of dropping out noticed in the period"), COUNT),
    ("dropout_averted", _("School report: dropout averted"), COUNT),
]


# A share and a mean stand on counts of the table: hidden whenever a count behind them is.
BEHIND = {
    "attendance_first": ("attendance_people",),
    "attendance_last": ("attendance_people",),
    "attendance_change": ("attendance_people",),
    "eligible_share": ("became_eligible", "not_eligible"),
    "completed_share": ("completed", "studying"),
}


def _figure(key: str, g: Group, exact: bool):  # noqa: ANN202
    if key == "attendance_first":
        return _mean(g.first_sum, g.attendance_people, exact)
    if key == "attendance_last":
        return _mean(g.last_sum, g.attendance_people, exact)
    if key == "attendance_change":
        return _mean(g.last_sum - g.first_sum, g.attendance_people, exact)
    if key == "eligible_share":
        return _share(g.became_eligible, g.not_eligible, exact)
    return _share(g.completed, g.studying, exact)


def report_table(report: SchoolReport, *, exact: bool) -> list[dict]:
    """The rows as shown: key, label, kind and a cell per column. Unless `exact`, counts from 1 to
    4 are "<5" and, where K + M + X = total would give one away, one more count of the row is "x"
    (reports.suppression); a share or mean is hidden as a count behind it is."""
    count_keys = [key for key, _label, kind in ROWS if kind == COUNT]
    counts = {(key, c): getattr(report.groups[c], key) for key in count_keys for c in COLUMNS}
    sums = suppression.row_sums(count_keys, GENDERS, "total")
    hidden = {} if exact else suppression.hidden_cells(counts, sums)
    rows = []
    for key, label, kind in ROWS:
        cells = []
        for column in COLUMNS:
            if kind == COUNT:
                cells.append(hidden.get((key, column), counts[(key, column)]))
                continue
            marks = [hidden[(k, column)] for k in BEHIND[key] if (k, column) in hidden]
            figure = _figure(key, report.groups[column], exact)
            if marks and figure is not None:
                figure = HIDDEN if HIDDEN in marks else COMPLEMENT
            cells.append(figure)
        rows.append({"key": key, "label": label, "kind": kind, "cells": cells})
    return rows


CHART_SERIES = [
    ("attendance_first", _("School report: attendance the first month"), "first"),
    ("attendance_last", _("School report: attendance the last month"), "last"),
    ("eligible_share", _("School report: became eligible"), "eligible"),
    ("completed_share", _("School report: completed"), "completed"),
]
