"""The reports as they are on the report pages: ESF+ indicators, outcomes per quarter and the
method comparison. Aggregates only; counts from 1 to 4 are "<5" for everyone but the project's
managers and administrators (reports.access.reports_show_small_numbers), exactly as on the pages.
Each read is recorded like a download (report.exported, with "via": "api")."""

from __future__ import annotations

import datetime
import uuid
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404, HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema

from stegvis.api.common import responses
from stegvis.core import audit
from stegvis.core.permissions import can
from stegvis.projects.models import Project
from stegvis.projects.selectors import project_list_for
from stegvis.reports import access, esf, methods, outcomes
from stegvis.reports.views_methods import rows_for

router = Router(tags=["reports"])

Count = int | str  # a count, or "<5" where small numbers are hidden


class EsfIndicatorOut(Schema):
    code: str
    label: str
    kind: str = Field(
        description="output (among those who started) or result (among those who left)"
    )
    K: Count
    M: Count
    X: Count
    total: Count


class EsfPlanOut(Schema):
    label: str
    planned: int | str | None
    planned_share: str
    actual: Count
    actual_share: str


class EsfOut(Schema):
    project: uuid.UUID
    start: datetime.date | None
    end: datetime.date | None
    exact: bool = Field(description="False: counts from 1 to 4 are shown as <5.")
    indicators: list[EsfIndicatorOut]
    plan: list[EsfPlanOut]


class PeriodIn(Schema):
    start: datetime.date | None = Field(None, description="First day, YYYY-MM-DD.")
    end: datetime.date | None = Field(None, description="Last day, YYYY-MM-DD.")


class MeasureOut(Schema):
    label: str
    value: int | str


class IncomeRowOut(Schema):
    label: str
    cells: list[Count]
    total: Count


class IncomeTableOut(Schema):
    columns: list[str]
    rows: list[IncomeRowOut]
    totals: list[Count]
    total: Count


class OutcomesOut(Schema):
    project: uuid.UUID
    quarter: str
    exact: bool
    measures: list[MeasureOut]
    income: IncomeTableOut = Field(description="Main income at start (rows) by at the end.")


class QuarterIn(Schema):
    quarter: str = Field("", max_length=10, description="Like 2025Q3; empty: this quarter.")


class MethodGroupOut(Schema):
    method: str
    label: str
    participants: Count
    first_jobs: Count
    hidden: bool = Field(description="True: fewer than 5 participants, figures not shown.")
    median_days: float | None
    median_ci: list[float | None]
    survival: dict[str, float | None] = Field(description="Share without a job at 90/180/365 days.")
    left: Count
    employed_at_exit: float | None


class MethodsOut(Schema):
    as_of: datetime.date
    exact: bool
    projects: list[uuid.UUID]
    groups: list[MethodGroupOut]
    logrank_p: float | None


class MethodsIn(Schema):
    project: uuid.UUID | None = Field(None, description="Empty: every project you may report on.")
    as_of: datetime.date | None = Field(
        None, description="Follow-up as of this day; default today."
    )


@transaction.atomic
def _record(
    user: object, project: Project | None, report: str, people: int, **details: Any
) -> None:
    audit.record(
        actor=user,
        action="report.exported",
        target=project,
        label=project.diarienummer if project else "",
        changes={
            name: [None, value]
            for name, value in {
                "report": report,
                "format": "json",
                "via": "api",
                "people": people,
                **details,
            }.items()
        },  # fmt: skip
    )


def _bad(field: str, message: str) -> ValidationError:
    return ValidationError({field: message})


@router.get("/projects/{project_id}/esf", response=responses(EsfOut), url_name="report_esf")
def report_esf(request: HttpRequest, project_id: uuid.UUID, period: Query[PeriodIn]) -> dict:
    """ESF+ indicators of a project for a period (both days included), by gender."""
    project = access.access_project_reports(request.user, project_id)
    if period.start and period.end and period.start > period.end:
        raise _bad("start", _("ESF period: the first day is after the last."))
    report = esf.project_esf_report(project, start=period.start, end=period.end)
    exact = access.reports_show_small_numbers(request.user, project)
    _record(request.user, project, "esf", report.people, exact=exact)
    return {
        "project": project.public_id,
        "start": period.start,
        "end": period.end,
        "exact": exact,
        "indicators": [
            {
                "code": r["code"],
                "label": str(r["label"]),
                "kind": r["kind"],
                **dict(zip(esf.COLUMNS, r["cells"], strict=True)),
            }
            for r in esf.esf_table(report, exact=exact)
        ],  # fmt: skip
        "plan": [
            {
                "label": str(r["label"]),
                "planned": r["planned"],
                "planned_share": r["planned_share"],
                "actual": r["actual"],
                "actual_share": r["actual_share"],
            }
            for r in esf.plan_table(report.plan, exact=exact)
        ],  # fmt: skip
    }


@router.get(
    "/projects/{project_id}/outcomes", response=responses(OutcomesOut), url_name="report_outcomes"
)
def report_outcomes(request: HttpRequest, project_id: uuid.UUID, query: Query[QuarterIn]) -> dict:
    """The IPS quarter, coach continuity and the income table of a project for a quarter."""
    project = access.access_project_reports(request.user, project_id)
    try:
        quarter = (
            outcomes.Quarter.parse(query.quarter)
            if query.quarter
            else outcomes.Quarter.of(timezone.localdate())
        )
    except ValueError:
        raise _bad("quarter", _("Write the quarter like 2025Q3.")) from None
    if not 1900 <= quarter.year <= 2999:
        raise _bad("quarter", _("Write the quarter like 2025Q3."))
    report = outcomes.project_outcomes(project, quarter=quarter)
    exact = access.reports_show_small_numbers(request.user, project)
    _record(request.user, project, "outcomes", report.people, quarter=str(quarter), exact=exact)
    table = outcomes.transition_table(report, exact=exact)
    return {
        "project": project.public_id,
        "quarter": str(quarter),
        "exact": exact,
        "measures": [
            {"label": str(label), "value": value}
            for label, value in outcomes.outcome_rows(report, exact=exact)
        ],
        "income": {
            "columns": [str(c) for c in table["columns"]],
            "rows": [
                {"label": str(r["label"]), "cells": r["cells"], "total": r["total"]}
                for r in table["rows"]
            ],
            "totals": table["totals"],
            "total": table["total"],
        },
    }


@router.get("/methods", response=responses(MethodsOut), url_name="report_methods")
def report_methods(request: HttpRequest, query: Query[MethodsIn]) -> dict:
    """The method comparison of one project, or of every project the user may report on
    (exact only where the user sees every one of them exactly, as on the page)."""
    if query.project:
        project = access.access_project_reports(request.user, query.project)
        projects = [project]
        exact = access.reports_show_small_numbers(request.user, project)
    else:
        projects = [
            p for p in project_list_for(request.user) if can(request.user, "report.view", scope=p)
        ]
        if not projects:
            raise Http404
        exact = all(access.reports_show_small_numbers(request.user, p) for p in projects)
    as_of = query.as_of or timezone.localdate()
    comparison = methods.compare_methods(
        Project.objects.filter(pk__in=[p.pk for p in projects]), as_of=as_of
    )
    rows = rows_for(comparison, exact=exact)
    _record(
        request.user,
        projects[0] if query.project else None,
        "methods",
        sum(g.n for g in comparison.groups),
        as_of=as_of.isoformat(),
        exact=exact,
    )
    groups = []
    for row in rows:
        g = row.group
        groups.append(
            {
                "method": g.key,
                "label": str(g.label),
                "participants": row.n,
                "first_jobs": row.events,
                "hidden": row.hidden,
                "median_days": None if row.hidden else g.median_days,
                "median_ci": [None, None] if row.hidden else list(g.median_ci),
                "survival": {str(d): (None if row.hidden else v) for d, v in g.survival.items()},
                "left": row.left,
                "employed_at_exit": row.employed_at_exit,
            }
        )
    logrank_p = comparison.logrank[1] if comparison.logrank is not None else None
    return {
        "as_of": as_of,
        "exact": exact,
        "projects": [p.public_id for p in projects],
        "groups": groups,
        "logrank_p": None if any(r.hidden for r in rows) else logrank_p,
    }
