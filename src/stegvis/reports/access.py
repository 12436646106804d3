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
