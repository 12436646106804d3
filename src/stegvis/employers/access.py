"""The only way a view, endpoint or task obtains an employer, an opening, a participant's
vocational profile, matches or job by id.

Employers (with their contacts, agreements and openings) are seen by the coaches and managers of
the projects of the organisation whose register they are in (selectors.employer_visible_q).
A participant's profile, matches and jobs follow the participant's own rule
(participants.selectors.enrollment_visible_q); every read of them is audited with the person's
key. Missing and forbidden both answer Http404; a user who may see but not write gets
PermissionDenied on a write.
"""

from __future__ import annotations

import uuid

from django.core.exceptions import PermissionDenied
from django.http import Http404

from stegvis.core import audit
from stegvis.core.permissions import can
from stegvis.employers import selectors
from stegvis.employers.models import Employer, Opening
from stegvis.participants.codes import EmploymentKind
from stegvis.participants.models import Employment, Enrollment
from stegvis.participants.selectors import enrollment_visible_q


def _uuid(value: uuid.UUID | str) -> uuid.UUID:
    try:
        return uuid.UUID(str(value))
    except ValueError:
        raise Http404 from None


def access_employer(
    user: object, employer_id: uuid.UUID | str, *, for_write: bool = False
) -> Employer:
    """An employer by public id, for the coaches and managers of its organisation's projects and
    administrators. Writing (contacts, agreements, openings, changes) needs `employer.edit`."""
    employer = (
        Employer.objects.filter(selectors.employer_visible_q(user), public_id=_uuid(employer_id))
        .select_related("organisation")
        .first()
    )
    if employer is None:
        raise Http404
    if for_write and not can(user, "employer.edit"):
        raise PermissionDenied
    return employer


def access_opening(
    user: object, opening_id: uuid.UUID | str, *, for_write: bool = False
) -> Opening:
    """An opening by public id: seen with its employer. Changing it, or hiring for it, needs
    `employer.edit` in the opening's own project (its coaches and managers)."""
    opening = (
        Opening.objects.filter(
            selectors.employer_visible_q(user, prefix="employer__"), public_id=_uuid(opening_id)
        )
        .select_related("employer__organisation", "project", "employment__enrollment")
        .first()
    )
    if opening is None:
        raise Http404
    if for_write and not can(user, "employer.edit", scope=opening.project):
        raise PermissionDenied
    return opening


def _enrollment(user: object, enrollment_id: uuid.UUID | str) -> Enrollment:
    enrollment = (
        Enrollment.objects.filter(enrollment_visible_q(user), public_id=_uuid(enrollment_id))
        .select_related("project", "person", "coach")
        .first()
    )
    if enrollment is None:
        raise Http404
    return enrollment


def _read(user: object, action: str, enrollment: Enrollment) -> None:
    audit.record_read(
        actor=user,
        action=action,
        target=enrollment,
        label=str(enrollment),
        person_key=enrollment.person.public_id,
    )


def access_vocational_profile(
    user: object, enrollment_id: uuid.UUID | str, *, for_write: bool = False
) -> Enrollment:
    """A participant whose vocational profile `user` may read (for_write: write with them).

    The participant's own rule decides; writing needs `participant.edit`. The read is audited as
    vocational_profile.viewed.
    """
    enrollment = _enrollment(user, enrollment_id)
    if for_write and not can(user, "participant.edit"):
        raise PermissionDenied
    _read(user, "vocational_profile.viewed", enrollment)
    return enrollment


def access_participant_matches(user: object, enrollment_id: uuid.UUID | str) -> Enrollment:
    """A participant whose matching openings `user` may see: one they may see, with
    `match.view`. The read of the profile it takes is audited as matches.viewed."""
    if not can(user, "match.view"):
        raise Http404
    enrollment = _enrollment(user, enrollment_id)
    _read(user, "matches.viewed", enrollment)
    return enrollment


def access_opening_candidates(
    user: object, opening_id: uuid.UUID | str
) -> tuple[Opening, list[selectors.Match]]:
    """An opening and the participants `user` may see who fit it best. Each participant shown
    has their profile read, so each is audited (matches.viewed_for_opening, with their key)."""
    if not can(user, "match.view"):
        raise Http404
    opening = access_opening(user, opening_id)
    candidates = selectors.candidates_for(user, opening)
    for match in candidates:
        _read(user, "matches.viewed_for_opening", match.enrollment)
    return opening, candidates


def access_hire(
    user: object, opening_id: uuid.UUID | str, enrollment_id: uuid.UUID | str
) -> tuple[Opening, Enrollment]:
    """An open opening and a participant to hire for it: the opening writable by `user`, the
    participant visible to them and editable (`participant.edit`), in a project of the same
    organisation as the employer. The read is audited as participant.viewed."""
    opening = access_opening(user, opening_id, for_write=True)
    enrollment = _enrollment(user, enrollment_id)
    if enrollment.project.owner_id != opening.employer.organisation_id:
        raise Http404
    if not can(user, "participant.edit"):
        raise PermissionDenied
    _read(user, "participant.viewed", enrollment)
    return opening, enrollment


def access_job(
    user: object,
    enrollment_id: uuid.UUID | str,
    employment_id: int,
    *,
    for_write: bool = False,
) -> Employment:
    """A job of a participant `user` may see, with its opening and employer; writing (support,
    the end of the job) needs `participant.edit`. The read is audited as job.viewed."""
    enrollment = _enrollment(user, enrollment_id)
    job = (
        enrollment.employments.filter(pk=employment_id, kind=EmploymentKind.JOB)
        .select_related("opening__employer")
        .first()
    )
    if job is None:
        raise Http404
    if for_write and not can(user, "participant.edit"):
        raise PermissionDenied
    job.enrollment = enrollment
    _read(user, "job.viewed", enrollment)
    return job
