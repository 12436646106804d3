"""The only way a view, endpoint or task obtains a project for its reports.

Reports are aggregates. Who may see a project's reports: system administrators, and its managers,
coaches, evaluators and funders (report.view in the project). Others, and anyone who may not see
the project, get 404. Who sees the small numbers: only those who may see every participant of the
project (administrators and its managers); everyone else sees counts from 1 to 4 as "<5"
(design.md: funders and steering groups see aggregates only, with cells under 5 suppressed).
"""

from __future__ import annotations

import uuid

from django.http import Http404

from stegvis.core.permissions import can
from stegvis.projects.access import access_project
from stegvis.projects.models import Project
from stegvis.projects.selectors import project_list_for
from stegvis.reports.models import ReportJob


def access_project_reports(user: object, project_id: uuid.UUID | str) -> Project:
    """A project whose reports `user` may see (projects.access.access_project, then report.view
    in the project); 404 otherwise."""
    project = access_project(user, project_id)
    if not can(user, "report.view", scope=project):
        raise Http404
    return project


def reports_show_small_numbers(user: object, project: Project) -> bool:
    """Whether `user` sees a project's report figures exactly, small ones included: only those
    who may see every participant of it (administrators and its managers)."""
    if not can(user, "participant.view", scope=project):
        return False
    return can(user, "project.edit", scope=project)


def reportable_projects(user: object) -> list[Project]:
    """Every project whose reports `user` may see (projects.selectors.project_list_for, then
    report.view in each), newest first."""
    return [p for p in project_list_for(user) if can(user, "report.view", scope=p)]


def reports_exact_in_all(user: object, projects: list[Project]) -> bool:
    """Whether `user` sees figures over `projects` exactly: only if exactly in each of them."""
    return all(reports_show_small_numbers(user, project) for project in projects)


def access_report_job(user: object, job_id: object) -> ReportJob:
    """The background report with public id `job_id`, for the user who asked for it only (it
    holds figures computed with that user's reach). Anyone else, and an id that names no job,
    gets Http404."""
    try:
        public_id = uuid.UUID(str(job_id))
    except ValueError:
        raise Http404 from None
    job = ReportJob.objects.select_related("started_by").filter(public_id=public_id).first()
    if job is None:
        raise Http404
    if job.started_by_id != getattr(user, "pk", None):
        raise Http404
    return job


def report_job_exact(user: object, job: ReportJob) -> bool:
    """Whether `user` sees a finished job's figures exactly now: only if they did when it ran
    (job.exact) and still may see every project it counted, exactly. A role lost since then hides
    the small numbers again."""
    if not job.exact:
        return False
    counted = set(job.result.get("project_ids", []))
    current = {str(p.public_id): p for p in reportable_projects(user)}
    if not counted <= set(current):
        return False
    return reports_exact_in_all(user, [current[i] for i in counted])
