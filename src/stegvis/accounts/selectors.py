"""Reads of users and organisations, scoped to the viewing user."""

from __future__ import annotations

from django.db.models import Count, Prefetch, Q, QuerySet

from stegvis.accounts.models import Membership, Organisation, User
from stegvis.core.permissions import Role, can


def organisation_list_for(user: object, *, search: str = "") -> QuerySet[Organisation]:
    """All organisations for those who manage them; otherwise none."""
    if not can(user, "organisation.manage"):
        return Organisation.objects.none()
    organisations = Organisation.objects.annotate(
        member_count=Count("memberships__user", distinct=True)
    )
    if search.strip():
        organisations = organisations.filter(
            Q(name__icontains=search.strip()) | Q(org_number__icontains=search.strip())
        )
    return organisations.order_by("name")


def organisation_choices_for_new_project(
    user: User, *, include: Organisation | None = None
) -> QuerySet[Organisation]:
    """The organisations `user` may register a project for: where they are a manager (all, for
    administrators), plus `include` (a project's current owner, when editing it)."""
    if can(user, "organisation.manage"):
        return Organisation.objects.filter(is_active=True).order_by("name")
    allowed = Q(is_active=True, memberships__user=user, memberships__role=Role.MANAGER)
    if include is not None:
        allowed |= Q(pk=include.pk)
    return Organisation.objects.filter(allowed).distinct().order_by("name")


def user_list_for(user: object, *, search: str = "") -> QuerySet[User]:
    """All staff users, with their memberships, for those who manage users; otherwise none."""
    if not can(user, "user.manage"):
        return User.objects.none()
    users = User.objects.prefetch_related(
        Prefetch("memberships", queryset=Membership.objects.select_related("organisation"))
    )
    term = search.strip()
    if term:
        users = users.filter(
            Q(username__icontains=term)
            | Q(first_name__icontains=term)
            | Q(last_name__icontains=term)
            | Q(email__icontains=term)
        )
    return users.order_by("first_name", "last_name", "username")


def user_memberships(user: User) -> QuerySet[Membership]:
    return user.memberships.select_related("organisation").order_by("organisation__name", "role")
