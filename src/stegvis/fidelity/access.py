"""The only way a view, endpoint or task obtains a project's fidelity reviews and indicators.

Who sees a project's fidelity reviews and routine fidelity indicators: system administrators and
the project's managers, coaches, evaluators and funders (report.view in the project): a review
rates the team's way of working, not people, and the indicators are aggregates. Who records,
finishes and corrects reviews: the project's managers and evaluators (fidelity.review in the
project; the IPS manual has the review done by trained reviewers, often an evaluator with the
manager). Anyone who may not see the project, or a review of another project, gets 404; seeing
but not recording gets 403 on the write paths.
"""

from __future__ import annotations

import uuid

from django.core.exceptions import PermissionDenied
from django.http import Http404

from stegvis.core.permissions import can
from stegvis.fidelity.models import FidelityReview
from stegvis.projects.access import access_project
from stegvis.projects.models import Project


def access_project_fidelity(
    user: object, project_id: uuid.UUID | str, *, for_write: bool = False
) -> Project:
    """A project whose fidelity pages `user` may see (report.view in it); 404 otherwise. With
    `for_write`, PermissionDenied unless the user may record reviews in it (fidelity.review)."""
    project = access_project(user, project_id)
    if not can(user, "report.view", scope=project):
        raise Http404
    if for_write and not can(user, "fidelity.review", scope=project):
        raise PermissionDenied
    return project


def access_fidelity_review(
    user: object, review_id: uuid.UUID | str, *, for_write: bool = False
) -> FidelityReview:
    """The review with public id `review_id`, if `user` may see its project's fidelity pages
    (404 for a missing review and a hidden one alike). With `for_write`, PermissionDenied unless
    the user may record reviews in the project."""
    try:
        public_id = uuid.UUID(str(review_id))
    except ValueError:
        raise Http404 from None
    review = (
        FidelityReview.objects.filter(public_id=public_id)
        .select_related("project", "scale")
        .first()
    )
    if review is None:
        raise Http404
    access_project_fidelity(user, review.project.public_id, for_write=for_write)
    return review


def can_record_reviews(user: object, project: Project) -> bool:
    """Whether `user` may record fidelity reviews of `project` (for links and buttons)."""
    return can(user, "fidelity.review", scope=project)


def fidelity_show_small_numbers(user: object, project: Project) -> bool:
    """Whether `user` sees the routine indicators exactly, small counts included: only those who
    may see every participant of the project (administrators and its managers). Everyone else
    sees counts from 1 to 4 as "<5" (design.md)."""
    if not can(user, "participant.view", scope=project):
        return False
    return can(user, "project.edit", scope=project)
