"""Reads for the import page, scoped to the viewing user."""

from __future__ import annotations

from stegvis.core.permissions import can
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
