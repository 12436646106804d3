"""The only ways the import pages obtain a project to import into, or an import job, by id."""

from __future__ import annotations

import uuid

from django.http import Http404

from stegvis.core.permissions import can
from stegvis.exchange.models import ImportJob
from stegvis.exchange.selectors import projects_for_import
from stegvis.projects.access import access_project
from stegvis.projects.models import Project


def access_import_project(user: object, project_id: str) -> Project:
    """The project with public id `project_id`, if `user` may import into it (its managers and
    system administrators, see selectors.projects_for_import). Any other id, whether it names a
    project or not, raises Http404."""
    for project in projects_for_import(user):
        if str(project.public_id) == str(project_id):
            return project
    raise Http404


def access_import_job(user: object, job_id: object) -> ImportJob:
    """The import job with public id `job_id`, for the user who started it and for those who may
    import into its project now (its managers and system administrators, the import page's rule).
    Anyone else, and an id that names no job, gets Http404."""
    try:
        public_id = uuid.UUID(str(job_id))
    except ValueError:
        raise Http404 from None
    job = (
        ImportJob.objects.select_related("project", "started_by")
        .filter(public_id=public_id)
        .first()
    )
    if job is None:
        raise Http404
    if job.started_by_id == getattr(user, "pk", None):
        return job
    if job.project_id in {project.pk for project in projects_for_import(user)}:
        return job
    raise Http404


def access_export_project(
    user: object, project_id: uuid.UUID | str, *, pseudonymised: bool
) -> Project:
    """A project whose exchange files `user` may export. The full files (with personnummer and
    names) are for those who may import into it: its managers and system administrators. The
    pseudonymised files (pseudonyms.py) also for its evaluators (`exchange.export_pseudonymised`
    in the project). Anyone else, and an unknown id, gets Http404."""
    project = access_project(user, project_id)
    if pseudonymised and can(user, "exchange.export_pseudonymised", scope=project):
        return project
    return access_import_project(user, project.public_id)
