"""The only way a view obtains a young participant's school data, guardians and KAA records.

A participant's school data are seen by whoever may see the participant
(participants.access.access_enrollment: administrators, the project's managers and the
participant's current coach), and that read is audited as participant.viewed. Writing needs
`youth.edit` in the participant's project (its managers and coaches). Items (studies, a guardian's
consent) are found only among the participant's own: another participant's item answers 404.
"""

from __future__ import annotations

import uuid

from django.core.exceptions import PermissionDenied
from django.http import Http404

from stegvis.core.permissions import can
from stegvis.participants.access import access_enrollment
from stegvis.participants.models import Enrollment
from stegvis.projects.access import access_project
from stegvis.projects.models import Project
from stegvis.youth.models import GuardianConsent, Studies


def access_youth_enrollment(
    user: object, enrollment_id: uuid.UUID | str, *, for_write: bool = False
) -> Enrollment:
    """A participant whose school data `user` may see; writing needs youth.edit in its project."""
    enrollment = access_enrollment(user, enrollment_id)
    if for_write and not can(user, "youth.edit", scope=enrollment.project):
        raise PermissionDenied
    return enrollment


def access_studies(enrollment: Enrollment, studies_id: int) -> Studies:
    """One of the participant's studies (after access_youth_enrollment); 404 otherwise."""
    studies = Studies.objects.filter(enrollment=enrollment, pk=studies_id).first()
    if studies is None:
        raise Http404
    return studies


def access_guardian_consent(enrollment: Enrollment, consent_id: int) -> GuardianConsent:
    """One of the participant's guardian consents (after access_youth_enrollment); 404 otherwise."""
    consent = GuardianConsent.objects.filter(enrollment=enrollment, pk=consent_id).first()
    if consent is None:
        raise Http404
    return consent


def access_attendance_import(user: object, project_id: uuid.UUID | str) -> Project:
    """A project into which `user` may import a school's attendance file: attendance.import in the
    project (its managers, administrators). Others, and projects out of sight, get 404."""
    project = access_project(user, project_id)
    if not can(user, "attendance.import", scope=project):
        raise Http404
    return project
