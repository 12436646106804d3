"""The only way a view or command of the privacy app obtains a person by id.

The GDPR rights of a person (access history, register extract, consent withdrawal, erasure) are
exercised by the personuppgiftsansvarig's staff: the managers of the projects the person takes
part in, and system administrators (`privacy.manage`, docs/access-policy.md). Coaches, referral
groups, evaluators and funders do not hand out extracts or erase people.
"""

from __future__ import annotations

import uuid

from django.core.exceptions import PermissionDenied
from django.http import Http404

from stegvis.core import audit
from stegvis.core.permissions import Role, can, is_system_admin
from stegvis.participants.models import Person
from stegvis.participants.selectors import person_visible_for_merge_q
from stegvis.projects.selectors import staff_rows_in_force


def access_person_privacy(
    user: object, person_id: uuid.UUID | str, *, for_write: bool = False
) -> Person:
    """A person whose data rights `user` may handle, by public id.

    Visible to: system administrators (everyone), and users with `privacy.manage` who manage a
    project the person is enrolled in. Others, unknown ids and people merged into another record
    get Http404. Writing (withdrawing consent, erasure) acts on the person everywhere, so a
    manager must manage every project the person is enrolled in; otherwise PermissionDenied.
    The read is audited as privacy.viewed.
    """
    if not can(user, "privacy.manage"):
        raise Http404
    person = Person.objects.filter(
        person_visible_for_merge_q(user), public_id=person_id, merged_into__isnull=True
    ).first()
    if person is None:
        raise Http404
    if for_write and not _manages_every_project_of(user, person):
        raise PermissionDenied
    audit.record_read(
        actor=user,
        action="privacy.viewed",
        target=person,
        label=str(person.pk),
        person_key=person.public_id,
    )
    return person


def _manages_every_project_of(user: object, person: Person) -> bool:
    if is_system_admin(user):
        return True
    managed = staff_rows_in_force(role=Role.MANAGER).filter(user=user).values("project_id")
    return not person.enrollments.exclude(project_id__in=managed).exists()
