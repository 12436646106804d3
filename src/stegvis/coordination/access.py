"""The only way a view obtains a desk, a contact (intake) or a directory entry by id.

A contact holds personal data, so each access writes a read event to the audit trail, keyed by
the contact (and by the person once the contact was routed to a project).
"""

from __future__ import annotations

import uuid

from django.core.exceptions import PermissionDenied
from django.http import Http404

from stegvis.coordination import tokens
from stegvis.coordination.models import DirectoryEntry, Intake, IntakeDesk
from stegvis.coordination.selectors import desks_coordinated_by
from stegvis.core import audit
from stegvis.core.permissions import can


def _uuid(value: uuid.UUID | str) -> uuid.UUID:
    try:
        return uuid.UUID(str(value))
    except ValueError:
        raise Http404 from None


def _audit_read(user: object, intake: Intake, action: str) -> None:
    audit.record_read(
        actor=user,
        action=action,
        target=intake,
        label=intake.reference,
        person_key=intake.person.public_id if intake.person_id else intake.public_id,
    )


def access_desk(user: object, desk_id: uuid.UUID | str) -> IntakeDesk:
    """A desk its coordinators may change: the managers of its project, and administrators."""
    desk = desks_coordinated_by(user).filter(public_id=_uuid(desk_id)).first()
    if desk is None:
        raise Http404
    return desk


def access_intake(user: object, intake_id: uuid.UUID | str) -> Intake:
    """A contact in full, for the coordinators of its desk (managers of the desk's project, and
    administrators). Everyone else gets Http404; the read is audited as intake.viewed."""
    intake = (
        Intake.objects.filter(
            desk__in=desks_coordinated_by(user).values("pk"), public_id=_uuid(intake_id)
        )
        .select_related(
            "desk__project",
            "registered_by",
            "registered_by_organisation",
            "project",
            "directory_entry",
            "referral__group",
            "person",
        )
        .first()
    )
    if intake is None:
        raise Http404
    _audit_read(user, intake, "intake.viewed")
    return intake


def access_intake_outcome(user: object, intake_id: uuid.UUID | str) -> Intake:
    """A contact as the user who registered it may follow it (coordination.views shows only what
    it registered itself and what became of it). Others get Http404; audited as
    intake.outcome_viewed."""
    if not can(user, "intake.register"):
        raise Http404
    intake = (
        Intake.objects.filter(registered_by=user, public_id=_uuid(intake_id))
        .select_related("desk", "project", "directory_entry", "referral", "person")
        .first()
    )
    if intake is None:
        raise Http404
    _audit_read(user, intake, "intake.outcome_viewed")
    return intake


def access_intake_by_receipt(code: str) -> Intake:
    """The contact a person registered themself, by the receipt code they were shown (public page,
    no account). A code that names no contact gets Http404. The read is audited without an actor."""
    if not tokens.looks_like_receipt(code):
        raise Http404
    intake = (
        Intake.objects.filter(receipt_hash=tokens.hash_receipt(code))
        .exclude(receipt_hash="")
        .select_related("desk", "project", "directory_entry", "referral", "person")
        .first()
    )
    if intake is None:
        raise Http404
    _audit_read(None, intake, "intake.receipt_viewed")
    return intake


def access_directory_entry(user: object, entry_id: uuid.UUID | str) -> DirectoryEntry:
    """A directory entry to change: for those with `directory.edit` (PermissionDenied for those
    who may only read the directory; Http404 for those who may not see it, and unknown ids)."""
    if not can(user, "directory.view"):
        raise Http404
    entry = DirectoryEntry.objects.filter(public_id=_uuid(entry_id)).first()
    if entry is None:
        raise Http404
    if not can(user, "directory.edit"):
        raise PermissionDenied
    return entry
