"""The only way a view obtains a project's surveys, a survey, a question or a survey link.

Who sees what: a project's surveys and their results (aggregates only) are seen by those who
may see the project's reports there (`report.view` in the project: managers, coaches,
evaluators, funders) and by those who manage its surveys (`survey.manage` in the project: its
managers). Managing (questions, opening, closing) needs `survey.manage`; free-text answers are
shown to managers only (may_read_texts). Everything else answers 404.
"""

from __future__ import annotations

import uuid

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils import timezone

from stegvis.core.permissions import can
from stegvis.projects.access import access_project
from stegvis.projects.models import Project
from stegvis.surveys import tokens
from stegvis.surveys.models import Invitation, Question, Survey, SurveyStatus


def _uuid(value: uuid.UUID | str) -> uuid.UUID:
    try:
        return uuid.UUID(str(value))
    except ValueError:
        raise Http404 from None


def may_see_surveys(user: object, project: Project) -> bool:
    return can(user, "report.view", scope=project) or can(user, "survey.manage", scope=project)


def may_read_texts(user: object, project: Project) -> bool:
    """Free-text answers: for those who manage the project's surveys (its managers)."""
    return can(user, "survey.manage", scope=project)


def access_project_surveys(
    user: object, project_id: uuid.UUID | str, *, for_manage: bool = False
) -> Project:
    """A project whose surveys `user` may see (Http404 otherwise); managing needs
    `survey.manage` in the project (PermissionDenied for those who may only see)."""
    project = access_project(user, project_id)
    if not may_see_surveys(user, project):
        raise Http404
    if for_manage and not can(user, "survey.manage", scope=project):
        raise PermissionDenied
    return project


def access_survey(user: object, survey_id: uuid.UUID | str, *, for_manage: bool = False) -> Survey:
    """A survey of a project whose surveys `user` may see; the same rules as above."""
    survey = Survey.objects.filter(public_id=_uuid(survey_id)).select_related("project").first()
    if survey is None:
        raise Http404
    access_project_surveys(user, survey.project.public_id, for_manage=for_manage)
    return survey


def access_question(user: object, survey: Survey, question_id: int) -> Question:
    """A question of a survey (from access_survey(for_manage=True))."""
    question = survey.questions.filter(pk=question_id).first()
    if question is None:
        raise Http404
    return question


class LinkGoneError(Exception):
    """The link was real but no longer works: answered, closed survey, or expired."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def _check_working(invitation: Invitation) -> None:
    if invitation.used:
        raise LinkGoneError("answered")
    if invitation.survey.status != SurveyStatus.OPEN:
        raise LinkGoneError("closed")
    if invitation.expires_at <= timezone.now():
        raise LinkGoneError("expired")


def access_invitation_link(token: str) -> Invitation:
    """The invitation with this token while it works (public page, no account). Http404 for a
    token that names none, LinkGoneError for one that no longer works. Not audited: see
    services.response_submit."""
    if not tokens.looks_like_token(token):
        raise Http404
    invitation = (
        Invitation.objects.filter(token_hash=tokens.hash_token(token))
        .select_related("survey__project")
        .first()
    )
    if invitation is None:
        raise Http404
    _check_working(invitation)
    return invitation


def access_invitation_session(state: object) -> Invitation:
    """The invitation a phone's session holds ({"invitation": pk, "hash": token hash}), while
    it works; the same answers as access_invitation_link."""
    if not isinstance(state, dict):
        raise Http404
    invitation = (
        Invitation.objects.filter(pk=state.get("invitation"), token_hash=state.get("hash", ""))
        .select_related("survey__project")
        .first()
    )
    if invitation is None:
        raise Http404
    _check_working(invitation)
    return invitation
