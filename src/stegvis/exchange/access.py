"""The only way the import page obtains the project to import into."""

from __future__ import annotations

from django.http import Http404

from stegvis.exchange.selectors import projects_for_import
from stegvis.projects.models import Project


def access_import_project(user: object, project_id: str) -> Project:
    """The project with public id `project_id`, if `user` may import into it (its managers and
    system administrators, see selectors.projects_for_import). Any other id, whether it names a
    project or not, raises Http404."""
    for project in projects_for_import(user):
        if str(project.public_id) == str(project_id):
            return project
    raise Http404
