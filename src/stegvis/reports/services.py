"""Writes of the reports app: background report jobs (models.ReportJob).

A heavy report (the ESF+ indicators or the method comparison over every project a user may see)
is asked for on a page (report_job_start) and computed by the worker (`stegvis db_worker`,
tasks.report_job_run -> report_job_run here), which publishes how many of its steps are done so
that the job's page can show it. The computation only reads; each step's progress is committed on
its own (the worker runs in autocommit), so the page sees it at once on SQLite and PostgreSQL.
"""

from __future__ import annotations

import datetime
import logging
from functools import partial

from django.conf import settings
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone, translation

from stegvis.accounts.models import User
from stegvis.core import audit
from stegvis.participants.models import Enrollment
from stegvis.projects.models import Project
from stegvis.reports import access, esf, methods
from stegvis.reports.models import ReportJob

logger = logging.getLogger(__name__)

ESF_STEPS = 2  # the indicators, the plans
STEPS = {ReportJob.Kind.ESF: ESF_STEPS, ReportJob.Kind.METHODS: methods.COMPARE_STEPS}


def _day(value: datetime.date | None) -> str | None:
    return value.isoformat() if value else None


@transaction.atomic
def report_job_start(
    *,
    actor: User,
    kind: str,
    start: datetime.date | None = None,
    end: datetime.date | None = None,
    as_of: datetime.date | None = None,
) -> ReportJob:
    """Queue a report over every project `actor` may see reports of, for the background worker:
    the ESF+ indicators for the period [start, end] (kind "esf") or the method comparison as of
    `as_of` (kind "methods"). Which projects count is decided when the job runs, with the
    actor's reach then. Audited as report.job_started; the task is queued once the job is
    committed."""
    if kind == ReportJob.Kind.ESF:
        parameters = {"start": _day(start), "end": _day(end)}
    else:
        parameters = {"as_of": _day(as_of or timezone.localdate())}
    job = ReportJob(
        kind=kind,
        started_by=actor,
        parameters=parameters,
        steps_total=STEPS[kind],
        language=translation.get_language() or settings.LANGUAGE_CODE,
    )
    job.full_clean()
    job.save()
    audit.record(
        actor=actor,
        action="report.job_started",
        target=job,
        label=kind,
        changes={name: [None, value] for name, value in parameters.items()},
    )
    transaction.on_commit(partial(_report_job_enqueue, job))
    return job


def _report_job_enqueue(job: ReportJob) -> None:
    from stegvis.reports.tasks import report_job_run  # tasks.py calls into this module

    result = report_job_run.enqueue(str(job.public_id))
    ReportJob.objects.filter(pk=job.pk).update(task_id=result.id)


def _progress(job: ReportJob, done: int) -> None:
    ReportJob.objects.filter(pk=job.pk).update(steps_done=done, updated_at=timezone.now())


def report_job_run(*, job_id: str) -> str:
    """Compute a queued report job: the background worker's way in (tasks.report_job_run).

    Runs with the reach of the user who asked, now: the projects whose reports they may see
    (access.reportable_projects), the figures exact only if they see them so in every one of
    them. With no such project left, the job fails. An unexpected error fails the job and is
    raised again, so that the queue keeps its traceback. Returns the job's status; a job that is
    not waiting to start is left as it is."""
    now = timezone.now()
    claimed = ReportJob.objects.filter(public_id=job_id, status=ReportJob.Status.QUEUED).update(
        status=ReportJob.Status.RUNNING, started_at=now, updated_at=now
    )
    job = ReportJob.objects.select_related("started_by").get(public_id=job_id)
    if not claimed:
        return job.status
    user = job.started_by
    projects = access.reportable_projects(user)
    if not projects:
        return _finish(job, ReportJob.Status.FAILED, result={"reason": "no_projects"})
    exact = access.reports_exact_in_all(user, projects)
    chosen = Project.objects.filter(pk__in=[p.pk for p in projects])
    try:
        with translation.override(job.language):
            compute = _esf if job.kind == ReportJob.Kind.ESF else _methods
            result = compute(job, chosen)
    except BaseException:
        _finish(job, ReportJob.Status.FAILED, result={"reason": "error"})
        raise
    result["projects"] = [[p.diarienummer, p.name] for p in projects]
    result["project_ids"] = [str(p.public_id) for p in projects]
    return _finish(job, ReportJob.Status.DONE, result=result, exact=exact)


def _esf(job: ReportJob, projects: QuerySet[Project]) -> dict:
    start, end = (
        datetime.date.fromisoformat(day) if day else None
        for day in (job.parameters.get("start"), job.parameters.get("end"))
    )
    indicators, people = esf.esf_counts(
        Enrollment.objects.filter(project__in=projects), start=start, end=end
    )
    _progress(job, 1)
    report = esf.EsfReport(
        indicators=indicators, start=start, end=end, plan=esf.projects_plan(projects),
        people=people,
    )  # fmt: skip
    _progress(job, 2)
    return {"report": esf.report_to_data(report)}


def _methods(job: ReportJob, projects: QuerySet[Project]) -> dict:
    comparison = methods.compare_methods(
        projects,
        as_of=datetime.date.fromisoformat(job.parameters["as_of"]),
        progress=partial(_progress, job),
    )
    return {"comparison": methods.comparison_to_data(comparison)}


def _finish(job: ReportJob, status: str, *, result: dict, exact: bool = False) -> str:
    now = timezone.now()
    done = {"steps_done": job.steps_total} if status == ReportJob.Status.DONE else {}
    ReportJob.objects.filter(pk=job.pk).update(
        status=status, result=result, exact=exact, finished_at=now, updated_at=now, **done
    )
    logger.info("report job %s %s", job.public_id, status)
    return status
