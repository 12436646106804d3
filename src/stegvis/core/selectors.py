"""Reads of the audit trail."""

from __future__ import annotations

import datetime
import uuid
from dataclasses import dataclass

from django.db.models import QuerySet

from stegvis.core.models import AuditEvent
from stegvis.core.permissions import can


@dataclass(frozen=True)
class AuditFilters:
    actor: str = ""
    action: str = ""
    object_id: str = ""
    person_key: uuid.UUID | None = None
    since: datetime.date | None = None
    until: datetime.date | None = None


def audit_event_list_for(user: object, *, filters: AuditFilters) -> QuerySet[AuditEvent]:
    """Audit events matching `filters`, newest first, for those who may search the trail."""
    if not can(user, "audit.view"):
        return AuditEvent.objects.none()
    events = AuditEvent.objects.select_related("content_type")
    if filters.actor:
        events = events.filter(actor_label__iexact=filters.actor.strip())
    if filters.action:
        events = events.filter(action__startswith=filters.action.strip())
    if filters.object_id:
        events = events.filter(object_id=filters.object_id.strip())
    if filters.person_key:
        events = events.filter(person_key=filters.person_key)
    if filters.since:
        events = events.filter(at__date__gte=filters.since)
    if filters.until:
        events = events.filter(at__date__lte=filters.until)
    return events.order_by("-at", "-id")


def audit_action_names() -> list[str]:
    """The distinct actions in the trail, for the filter's suggestions."""
    return list(AuditEvent.objects.order_by("action").values_list("action", flat=True).distinct())
