"""Reads of instruments, assessments and the reassessment schedule.

Who may see a participant's assessments is the participant's own rule
(participants.selectors.enrollment_visible_q): whoever may see the participant sees their
assessments, and nobody else sees individuals. Functions here that take an enrollment expect one
obtained through an access function.

The schedule: a participant taking part is due for an assessment at their start date, and then
`interval_months` (the project's setting, default 3) after their last submitted assessment, by
either rater. Overdue means the due date has passed; due soon, that it falls within
DUE_SOON_DAYS.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, IntegerField, OuterRef, Prefetch, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce

from stegvis.assessments.models import (
    DEFAULT_INSTRUMENT_CODE,
    DEFAULT_INTERVAL_MONTHS,
    Assessment,
    AssessmentStatus,
    Domain,
    Instrument,
    InstrumentVersion,
    ProjectAssessmentSettings,
    Rater,
    Rating,
    SelfAssessmentLink,
)
from stegvis.core.dates import add_months
from stegvis.core.permissions import can
from stegvis.participants.models import Enrollment
from stegvis.projects.models import Project

DUE_SOON_DAYS = 14
# A self and a coach rating this far apart (or more) are highlighted as a starting point for the
# conversation.
DIFFERENCE_TO_HIGHLIGHT = 2


# --- Instruments ------------------------------------------------------------------------------


def instrument_list_for(user: object) -> QuerySet[Instrument]:
    """Every instrument, with its versions, for those who manage instruments."""
    if not can(user, "instrument.manage"):
        return Instrument.objects.none()
    return Instrument.objects.prefetch_related("versions").order_by("code")


def version_with_domains(version_id: int) -> InstrumentVersion:
    return (
        InstrumentVersion.objects.select_related("instrument")
        .prefetch_related(Prefetch("domains", queryset=Domain.objects.prefetch_related("items")))
        .get(pk=version_id)
    )


def project_settings(project: Project) -> ProjectAssessmentSettings | None:
    return ProjectAssessmentSettings.objects.filter(project=project).first()


def project_interval_months(project: Project) -> int:
    found = project_settings(project)
    return found.interval_months if found else DEFAULT_INTERVAL_MONTHS


def instruments_for_project(project: Project) -> list[Instrument]:
    """The instruments a project uses: those in its settings, or SKAPA when it has none."""
    found = project_settings(project)
    chosen = list(found.instruments.order_by("code")) if found else []
    if chosen:
        return chosen
    return list(Instrument.objects.filter(code=DEFAULT_INSTRUMENT_CODE))


def current_versions_for_project(project: Project, *, rater: str) -> list[InstrumentVersion]:
    """The current version of each instrument the project uses that `rater` answers."""
    versions = []
    for instrument in instruments_for_project(project):
        version = instrument.current_version()
        if version is None:
            continue
        if rater == Rater.SELF and not version.rated_by_participant():
            continue
        if rater == Rater.COACH and not version.rated_by_coach():
            continue
        versions.append(version_with_domains(version.pk))
    return versions


# --- One participant's assessments ------------------------------------------------------------


def _submitted(enrollment: Enrollment) -> QuerySet[Assessment]:
    return Assessment.objects.filter(enrollment=enrollment, status=AssessmentStatus.SUBMITTED)


def assessment_history(enrollment: Enrollment) -> QuerySet[Assessment]:
    """The participant's submitted assessments, oldest first, with their ratings and domains."""
    return (
        _submitted(enrollment)
        .select_related("instrument", "version", "entered_by")
        .prefetch_related(
            Prefetch("ratings", queryset=Rating.objects.select_related("domain")),
            Prefetch("version__domains"),
        )
        .order_by("date", "rater", "id")
    )


@dataclass
class HistoryTable:
    """The history of one instrument version as a table: one row per assessment, one column per
    domain, the sum of the domains that count in it."""

    version: InstrumentVersion
    domains: list[Domain]
    rows: list[dict] = field(default_factory=list)


def history_tables(enrollment: Enrollment) -> list[HistoryTable]:
    tables: dict[int, HistoryTable] = {}
    for assessment in assessment_history(enrollment):
        table = tables.get(assessment.version_id)
        if table is None:
            table = HistoryTable(
                version=assessment.version, domains=list(assessment.version.domains.all())
            )
            tables[assessment.version_id] = table
        values = {rating.domain_id: rating.value for rating in assessment.ratings.all()}
        summed = [values[d.pk] for d in table.domains if d.counts_in_sum and d.pk in values]
        table.rows.append(
            {
                "assessment": assessment,
                "values": [values.get(d.pk) for d in table.domains],
                "sum": sum(summed) if summed else None,
            }
        )
    return list(tables.values())


@dataclass(frozen=True)
class ComparisonRow:
    domain: Domain
    self_value: int | None
    coach_value: int | None

    @property
    def difference(self) -> int | None:
        if self.self_value is None or self.coach_value is None:
            return None
        return self.self_value - self.coach_value

    @property
    def gap(self) -> int | None:
        return None if self.difference is None else abs(self.difference)

    @property
    def highlighted(self) -> bool:
        return self.difference is not None and abs(self.difference) >= DIFFERENCE_TO_HIGHLIGHT


@dataclass(frozen=True)
class Comparison:
    version: InstrumentVersion
    self_assessment: Assessment | None
    coach_assessment: Assessment | None
    rows: list[ComparisonRow]
    belief: list[ComparisonRow]  # coach-only items outside the sum, e.g. tilltro


def latest_comparison(enrollment: Enrollment) -> Comparison | None:
    """The latest submitted self-assessment and coach assessment side by side, per domain, on the
    version of the latest of them (the other is shown where it has the same domain codes)."""
    history = list(assessment_history(enrollment))
    if not history:
        return None
    latest = dict.fromkeys(Rater.values)
    for assessment in history:
        latest[assessment.rater] = assessment
    newest = max((a for a in latest.values() if a), key=lambda a: (a.date, a.id))
    version = newest.version

    def values(assessment: Assessment | None) -> dict[str, int]:
        if assessment is None or assessment.instrument_id != version.instrument_id:
            return {}
        return {rating.domain.code: rating.value for rating in assessment.ratings.all()}

    own, coach = values(latest[Rater.SELF]), values(latest[Rater.COACH])
    rows, belief = [], []
    for domain in version.domains.all():
        row = ComparisonRow(domain, own.get(domain.code), coach.get(domain.code))
        (rows if domain.counts_in_sum else belief).append(row)
    return Comparison(
        version=version,
        self_assessment=latest[Rater.SELF] if own else None,
        coach_assessment=latest[Rater.COACH] if coach else None,
        rows=rows,
        belief=belief,
    )


def open_self_assessment(enrollment: Enrollment) -> Assessment | None:
    """The self-assessment being answered (a draft), if any, with its answers."""
    return (
        Assessment.objects.filter(
            enrollment=enrollment, rater=Rater.SELF, status=AssessmentStatus.DRAFT
        )
        .prefetch_related("ratings")
        .order_by("-created_at")
        .first()
    )


def links_for(enrollment: Enrollment) -> QuerySet[SelfAssessmentLink]:
    return SelfAssessmentLink.objects.filter(assessment__enrollment=enrollment).select_related(
        "created_by", "assessment"
    )


# --- The schedule -----------------------------------------------------------------------------


def _last_submitted_date() -> Subquery:
    return Subquery(
        Assessment.objects.filter(enrollment=OuterRef("pk"), status=AssessmentStatus.SUBMITTED)
        .order_by("-date")
        .values("date")[:1]
    )


def _interval_of_project() -> Coalesce:
    return Coalesce(
        Subquery(
            ProjectAssessmentSettings.objects.filter(project_id=OuterRef("project_id")).values(
                "interval_months"
            )[:1]
        ),
        Value(DEFAULT_INTERVAL_MONTHS),
        output_field=IntegerField(),
    )


def annotate_assessment_schedule(
    enrollments: QuerySet[Enrollment], today: datetime.date
) -> QuerySet[Enrollment]:
    """Add `last_assessed_on` and `assessment_interval` to each enrollment (two subqueries in the
    same query); `due_assessment()` turns them into the due date. Used by the caseload."""
    return enrollments.annotate(
        last_assessed_on=_last_submitted_date(), assessment_interval=_interval_of_project()
    )


@dataclass(frozen=True)
class Due:
    on: datetime.date
    overdue: bool
    soon: bool


def due_on(
    start_date: datetime.date, last_assessed_on: datetime.date | None, interval_months: int
) -> datetime.date:
    """The day the next assessment is due: the start, then `interval_months` after the last."""
    if last_assessed_on is None:
        return start_date
    return add_months(last_assessed_on, interval_months)


def due_assessment(enrollment: Enrollment, today: datetime.date) -> Due | None:
    """The next assessment due for an enrollment annotated by annotate_assessment_schedule; None
    once the participant has left."""
    if enrollment.end_date is not None or not hasattr(enrollment, "assessment_interval"):
        return None
    day = due_on(enrollment.start_date, enrollment.last_assessed_on, enrollment.assessment_interval)
    return Due(
        on=day,
        overdue=day < today,
        soon=today <= day <= today + datetime.timedelta(days=DUE_SOON_DAYS),
    )


def due_for(enrollment: Enrollment, *, today: datetime.date) -> Due | None:
    """The next assessment due for one participant (one query)."""
    annotated = annotate_assessment_schedule(Enrollment.objects.filter(pk=enrollment.pk), today)
    return due_assessment(annotated.get(), today)


def last_date_due_by(day: datetime.date, interval_months: int) -> datetime.date:
    """The latest last-assessment date whose next assessment is due on or before `day`.

    due_on(last) = add_months(last, n) grows with `last`, so "due by `day`" is "last <= this",
    which a database can filter on without month arithmetic of its own.
    """
    last = add_months(day, -interval_months)
    while add_months(last + datetime.timedelta(days=1), interval_months) <= day:
        last += datetime.timedelta(days=1)
    return last


def _due_by_q(day: datetime.date, interval_months: int) -> Q:
    return Q(last_assessed_on__isnull=True, start_date__lte=day) | Q(
        last_assessed_on__lte=last_date_due_by(day, interval_months)
    )


@dataclass(frozen=True)
class ProjectSchedule:
    interval_months: int
    overdue_count: int
    soon_count: int
    rows: list[tuple[Enrollment, Due]]


def project_schedule(project: Project, *, today: datetime.date, limit: int = 50) -> ProjectSchedule:
    """Participants of a project taking part now whose assessment is overdue or due within
    DUE_SOON_DAYS, most overdue first; counted and listed in the database (three queries)."""
    interval = project_interval_months(project)
    enrollments = annotate_assessment_schedule(
        Enrollment.objects.filter(project=project, end_date__isnull=True), today
    )
    yesterday = today - datetime.timedelta(days=1)
    overdue_q = _due_by_q(yesterday, interval)
    due_q = _due_by_q(today + datetime.timedelta(days=DUE_SOON_DAYS), interval)
    counts = enrollments.aggregate(
        overdue=Count("pk", filter=overdue_q), due=Count("pk", filter=due_q)
    )
    rows = (
        enrollments.filter(due_q)
        .select_related("person", "coach")
        .defer("person__identity_number")
        .order_by(Coalesce("last_assessed_on", "start_date"), "participant_code")[:limit]
    )
    return ProjectSchedule(
        interval_months=interval,
        overdue_count=counts["overdue"],
        soon_count=counts["due"] - counts["overdue"],
        rows=[(e, due_assessment(e, today)) for e in rows],
    )
