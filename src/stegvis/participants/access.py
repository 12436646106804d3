"""The only way a view, endpoint or task obtains a participant, person or referral by id.

Every object handed out here is personal data, so each access writes a read event to the audit
trail (with the person's key, for "who has read my data").
"""

from __future__ import annotations

import uuid

from django.core.exceptions import PermissionDenied
from django.http import Http404

from stegvis.core import audit
from stegvis.core.permissions import can
from stegvis.participants.models import Enrollment, Person, Referral, ReferralGroup
from stegvis.participants.selectors import (
    enrollment_visible_q,
    person_visible_for_merge_q,
    referral_groups_for_member,
    referral_visible_q,
)
from stegvis.projects.models import Project


def access_enrollment(
    user: object, enrollment_id: uuid.UUID | str, *, for_write: bool = False
) -> Enrollment:
    """A participant (enrollment) by public id.

    Visible to: system administrators, the managers of its project, and its current coach
    (selectors.enrollment_visible_q). Others, and unknown ids, get Http404. Writing needs
    `participant.edit` (a manager or the coach); the read is audited as participant.viewed.
    """
    enrollment = (
        Enrollment.objects.filter(enrollment_visible_q(user), public_id=enrollment_id)
        .select_related("project", "person", "coach", "referral")
        .first()
    )
    if enrollment is None:
        raise Http404
    if for_write and not can(user, "participant.edit"):
        raise PermissionDenied
    audit.record_read(
        actor=user,
        action="participant.viewed",
        target=enrollment,
        label=str(enrollment),
        person_key=enrollment.person.public_id,
    )
    return enrollment


def access_referral(
    user: object, referral_id: uuid.UUID | str, *, for_decision: bool = False
) -> Referral:
    """A referral by public id.

    Visible to: administrators, the user who sent it, members of its referral group (with
    `referral.decide`) and the managers of its project. Deciding needs `referral.decide` and a
    seat in the group (or managing the project). The read is audited as referral.viewed.
    """
    referral = (
        Referral.objects.filter(referral_visible_q(user), public_id=referral_id)
        .select_related(
            "group__project", "person", "referrer_organisation", "submitted_by", "meeting"
        )
        .first()
    )
    if referral is None:
        raise Http404
    if for_decision and not (
        can(user, "referral.decide")
        and referral_groups_for_member(user).filter(pk=referral.group_id).exists()
    ):
        raise PermissionDenied
    audit.record_read(
        actor=user,
        action="referral.viewed",
        target=referral,
        label=str(referral.pk),
        person_key=referral.person.public_id,
    )
    return referral


def access_referral_group(
    user: object, group_id: uuid.UUID | str, *, for_manage: bool = False
) -> ReferralGroup:
    """A referral group whose agenda the user may see (member, project manager, administrator)."""
    group = referral_groups_for_member(user).filter(public_id=group_id).first()
    if group is None:
        raise Http404
    if for_manage and not can(user, "referral_group.manage", scope=group.project):
        raise PermissionDenied
    return group


def access_person_for_merge(user: object, person_id: uuid.UUID | str) -> Person:
    """A person record that `user` (with `person.merge`) may merge: one in a project they manage."""
    if not can(user, "person.merge"):
        raise Http404
    try:
        # The merge form posts the ids: a missing or malformed one names nothing.
        person_id = uuid.UUID(str(person_id))
    except ValueError:
        raise Http404 from None
    person = Person.objects.filter(
        person_visible_for_merge_q(user), public_id=person_id, merged_into__isnull=True
    ).first()
    if person is None:
        raise Http404
    audit.record_read(
        actor=user,
        action="person.viewed",
        target=person,
        label=str(person.pk),
        person_key=person.public_id,
    )
    return person


def access_project_participants(user: object, project_id: uuid.UUID | str) -> Project:
    """A project whose participants overview the user may see: its managers and administrators."""
    project = Project.objects.filter(public_id=project_id).select_related("owner").first()
    if (
        project is None
        or not can(user, "participant.view", scope=project)
        or not can(user, "project.edit", scope=project)
    ):
        raise Http404
    return project
