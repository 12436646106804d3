"""Reads of projects, already scoped to the viewing user."""

from __future__ import annotations

from django.db.models import Count, Exists, OuterRef, Q, QuerySet

from stegvis.accounts.models import Membership
from stegvis.core.permissions import can, is_system_admin
from stegvis.projects.models import Project, ProjectPartner, ProjectStaff


def project_visible_q(user: object) -> Q:
    """The one visibility rule for projects, as a filter on Project.

    A system administrator sees every project. Others see a project when they are its staff, or
    when an organisation they belong to owns it or is its partner.
    """
    if is_system_admin(user):
        return Q()
    user_orgs = Membership.objects.filter(user=user, organisation__is_active=True).values(
        "organisation_id"
    )
    return (
        Q(Exists(ProjectStaff.objects.filter(project=OuterRef("pk"), user=user)))
        | Q(owner_id__in=user_orgs)
        | Q(
            Exists(
                ProjectPartner.objects.filter(project=OuterRef("pk"), organisation_id__in=user_orgs)
            )
        )
    )


def project_list_for(user: object, *, search: str = "") -> QuerySet[Project]:
    """The projects `user` may see, newest first, optionally filtered by a free-text search.

    The same rule as access.access_project: a user without `project.view` sees none, even where
    project_visible_q matches their organisation.
    """
    if not can(user, "project.view"):
        return Project.objects.none()
    projects = Project.objects.filter(project_visible_q(user)).select_related("owner")
    search = search.strip()
    if search:
        projects = projects.filter(
            Q(diarienummer__icontains=search)
            | Q(name__icontains=search)
            | Q(owner__name__icontains=search)
            | Q(region__icontains=search)
        )
    return projects.annotate(staff_count=Count("staff", distinct=True)).order_by(
        "-start_date", "name"
    )


def project_detail_relations(project: Project) -> dict[str, QuerySet]:
    """Partners and staff of a project the caller already obtained through access_project."""
    return {
        "partners": project.partners.select_related("organisation").order_by("organisation__name"),
        "staff": project.staff.select_related("user").order_by(
            "role", "user__first_name", "user__last_name"
        ),
    }


def staff_rows_in_force(*, role: str) -> QuerySet[ProjectStaff]:
    """Staff rows of `role` that still give it: the user holds the role through a membership in an
    active organisation (the same rule as Project.roles_for)."""
    holds_role = Membership.objects.filter(
        user=OuterRef("user"), role=role, organisation__is_active=True
    )
    return ProjectStaff.objects.filter(Exists(holds_role), role=role)
