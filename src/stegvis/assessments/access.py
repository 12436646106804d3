"""The only way a view, endpoint or task obtains assessments, instruments, a project's assessment
settings or a self-assessment link.

A participant's assessments follow the participant's own rule: whoever may see the participant
(participants.selectors.enrollment_visible_q: administrators, the project's managers, the current
coach) may see their assessments, and whoever may edit the participant may rate and make links.
Evaluators and funders see no individuals. Every read of a participant's assessments is audited
with the person's key.

Self-assessment links are public: the token is the only key. A forged or unknown token answers
404; an expired, revoked or used one answers 410 Gone (LinkGoneError), with no data either way.
"""

from __future__ import annotations

import uuid

from django.core.exceptions import PermissionDenied
from django.http import Http404

from stegvis.assessments import tokens
from stegvis.assessments.models import Instrument, SelfAssessmentLink
from stegvis.core import audit
from stegvis.core.permissions import can
from stegvis.participants.models import Enrollment
from stegvis.participants.selectors import enrollment_visible_q
from stegvis.projects.access import access_project
from stegvis.projects.models import Project


def access_participant_assessments(
    user: object, enrollment_id: uuid.UUID | str, *, for_write: bool = False
) -> Enrollment:
    """A participant whose assessments `user` may see (for_write: may rate and send links).

    Missing and invisible participants raise Http404; a user who may see but not edit the
    participant gets PermissionDenied on a write. The read is audited as assessments.viewed.
    """
    enrollment = (
        Enrollment.objects.filter(enrollment_visible_q(user), public_id=enrollment_id)
        .select_related("project", "person", "coach")
        .first()
    )
    if enrollment is None:
        raise Http404
    if for_write and not can(user, "participant.edit"):
        raise PermissionDenied
    audit.record_read(
        actor=user,
        action="assessments.viewed",
        target=enrollment,
        label=str(enrollment),
        person_key=enrollment.person.public_id,
    )
    return enrollment


def access_link_of(user: object, enrollment: Enrollment, link_id: int) -> SelfAssessmentLink:
    """A link of a participant obtained through access_participant_assessments(for_write=True)."""
    link = SelfAssessmentLink.objects.filter(pk=link_id, assessment__enrollment=enrollment).first()
    if link is None:
        raise Http404
    return link


def access_instrument(user: object, instrument_id: uuid.UUID | str) -> Instrument:
    """An instrument, for those who manage instruments (system administrators); others get 404."""
    if not can(user, "instrument.manage"):
        raise Http404
    instrument = Instrument.objects.filter(public_id=instrument_id).first()
    if instrument is None:
        raise Http404
    return instrument


def access_project_assessment_settings(user: object, project_id: uuid.UUID | str) -> Project:
    """A project whose assessment settings `user` may change: its managers and administrators."""
    project = Project.objects.filter(public_id=project_id).first()
    if project is None:
        raise Http404
    if not can(user, "project.edit", scope=project):
        raise Http404
    return project


def access_project_progression(user: object, project_id: uuid.UUID | str) -> Project:
    """A project whose progression statistics `user` may see: one they may see
    (projects.access.access_project) and hold progression.view in (administrators, and its
    managers, coaches, evaluators and funders). Others get 404. The figures are aggregates; see
    progression_shows_small_numbers for who sees the small ones."""
    project = access_project(user, project_id)
    if not can(user, "progression.view", scope=project):
        raise Http404
    return project


def progression_shows_small_numbers(user: object, project: Project) -> bool:
    """Whether `user` sees counts under 5 in a project's progression: only those who may see every
    participant of it (administrators and its managers, as participants.access
    .access_project_participants). Coaches, evaluators and funders get them hidden (design.md)."""
    return can(user, "participant.view", scope=project) and can(user, "project.edit", scope=project)


class LinkGoneError(Exception):
    """The link was real but no longer works: expired, replaced by a newer one, or used."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def _check_working(link: SelfAssessmentLink) -> None:
    if link.used_at is not None:
        raise LinkGoneError("submitted")
    if link.revoked_at is not None:
        raise LinkGoneError("revoked")
    if not link.is_usable():
        raise LinkGoneError("expired")


def access_selfassessment_link(token: str) -> SelfAssessmentLink:
    """The link with this token, while it works. Raises Http404 for a token that names no link
    and LinkGoneError("submitted" | "revoked" | "expired") for one that no longer works."""
    if not tokens.looks_like_token(token):
        raise Http404
    link = (
        SelfAssessmentLink.objects.filter(token_hash=tokens.hash_token(token))
        .select_related("assessment__version__instrument", "assessment__enrollment__person")
        .first()
    )
    if link is None:
        raise Http404
    _check_working(link)
    return link


def access_selfassessment_session(state: object) -> SelfAssessmentLink:
    """The link a phone's session holds (views_phone keeps {"link": pk, "hash": token hash} there
    after the link was opened), while it still works; the same answers as
    access_selfassessment_link."""
    if not isinstance(state, dict):
        raise Http404
    link = (
        SelfAssessmentLink.objects.filter(pk=state.get("link"), token_hash=state.get("hash", ""))
        .select_related("assessment__version__instrument", "assessment__enrollment__person")
        .first()
    )
    if link is None:
        raise Http404
    _check_working(link)
    return link
