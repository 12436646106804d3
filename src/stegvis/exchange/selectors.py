"""Reads for the import pages, scoped to the viewing user."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q

from stegvis.core.permissions import can
from stegvis.exchange import uploads
from stegvis.exchange.models import ImportJob
from stegvis.projects.models import Project
from stegvis.projects.selectors import project_list_for


def projects_for_import(user: object) -> list[Project]:
    """The projects whose participants `user` may import: those they manage (`project.edit` and
    `participant.enroll` in the project), every project for a system administrator."""
    if not can(user, "participant.enroll"):
        return []
    return [
        project
        for project in project_list_for(user).order_by("name")
        if can(user, "project.edit", scope=project)
        and can(user, "participant.enroll", scope=project)
    ]


def import_jobs_for(user: object, *, projects: list[Project], limit: int = 10) -> list[ImportJob]:
    """The latest import jobs `user` may follow (access.access_import_job): those they started and
    those into `projects`, the projects they may import into (projects_for_import)."""
    return list(
        ImportJob.objects.filter(
            Q(started_by_id=getattr(user, "pk", None)) | Q(project__in=projects)
        ).select_related("project")[:limit]
    )


@dataclass(frozen=True)
class ImportProgress:
    done: int
    total: int

    @property
    def percent(self) -> int:
        return 100 * self.done // self.total if self.total else 0


def import_job_progress(job: ImportJob) -> ImportProgress:
    """How far `job` has come, as the worker has published it (progress.py): the job's row, or,
    while the job runs on SQLite, the note beside its files."""
    if job.status == ImportJob.Status.RUNNING:
        noted = uploads.upload_progress(job.upload_token)
        if noted is not None:
            return ImportProgress(*noted)
    return ImportProgress(job.rows_done, job.rows_total)
