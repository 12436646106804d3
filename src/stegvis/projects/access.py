"""The only way a view, endpoint or task obtains a project (or its parts) by id."""

from __future__ import annotations

import uuid

from django.core.exceptions import PermissionDenied
from django.http import Http404

from stegvis.core.permissions import can
from stegvis.projects.models import Project, ProjectPartner, ProjectStaff
from stegvis.projects.selectors import project_visible_q


def access_project(
    user: object, project_id: uuid.UUID | str, *, for_write: bool = False
) -> Project:
    """The project with public id `project_id`, if `user` may see it.

    Visible to: system administrators; the project's staff; members of its owner or partner
    organisations (see selectors.project_visible_q). Missing and invisible projects both raise
    Http404. With `for_write`, a user who may see but not edit the project (anyone without
    `project.edit` in it: coaches, funders, partner staff) gets PermissionDenied.
    """
    if not can(user, "project.view"):
        raise Http404
    try:
        public_id = uuid.UUID(str(project_id))
    except ValueError:
        # A malformed id is just another id that names no project the user may see.
        raise Http404 from None
    project = (
        Project.objects.filter(project_visible_q(user), public_id=public_id)
        .select_related("owner")
        .first()
    )
    if project is None:
        raise Http404
    if for_write and not can(user, "project.edit", scope=project):
        raise PermissionDenied
    return project


def access_project_partner(user: object, project: Project, partner_id: int) -> ProjectPartner:
    """A partner row of a project the user may edit (the project comes from access_project)."""
    if not can(user, "project.edit", scope=project):
        raise PermissionDenied
    partner = project.partners.filter(pk=partner_id).select_related("organisation").first()
    if partner is None:
        raise Http404
    return partner


def access_project_staff(user: object, project: Project, staff_id: int) -> ProjectStaff:
    """A staff row of a project the user may edit (the project comes from access_project)."""
    if not can(user, "project.edit", scope=project):
        raise PermissionDenied
    staff = project.staff.filter(pk=staff_id).select_related("user").first()
    if staff is None:
        raise Http404
    return staff
