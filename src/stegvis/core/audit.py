"""The audit trail: every write of data, and every read of personal data, in one place.

Services call `record()` inside the transaction that makes the change, so the change and its audit
event are committed or rolled back together. Access functions call `record_read()` when they hand
out personal data. The request's client address and id come from RequestContextMiddleware; tasks
and commands run without them.
"""

from __future__ import annotations

import contextvars
import datetime
import decimal
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction

from stegvis.core.models import AuditEvent

# Fields whose values never enter the trail; a change is recorded as changed, without values.
REDACTED = "***"


@dataclass(frozen=True)
class RequestContext:
    ip_address: str | None = None
    request_id: str = ""


_request_context: contextvars.ContextVar[RequestContext] = contextvars.ContextVar(
    "stegvis_request_context",
    default=RequestContext(),  # noqa: B039  (immutable default)
)


def set_request_context(context: RequestContext) -> contextvars.Token:
    return _request_context.set(context)


def reset_request_context(token: contextvars.Token) -> None:
    _request_context.reset(token)


def current_request_context() -> RequestContext:
    return _request_context.get()


def _jsonable(value: Any) -> Any:
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, datetime.date | datetime.datetime):
        return value.isoformat()
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, Mapping):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, Iterable):
        return [_jsonable(v) for v in value]
    return str(value)


def changes_between(
    old: Mapping[str, Any], new: Mapping[str, Any], *, redact: Iterable[str] = ()
) -> dict[str, list[Any]]:
    """`{field: [old, new]}` for the fields whose value differs; redacted fields show no values."""
    redacted = set(redact)
    changes: dict[str, list[Any]] = {}
    for field in sorted(set(old) | set(new)):
        before, after = old.get(field), new.get(field)
        if before == after:
            continue
        if field in redacted:
            changes[field] = [REDACTED, REDACTED]
        else:
            changes[field] = [_jsonable(before), _jsonable(after)]
    return changes


def snapshot(instance: models.Model, fields: Iterable[str]) -> dict[str, Any]:
    """The current values of `fields` on `instance`, for `changes_between` after an update."""
    return {field: getattr(instance, field) for field in fields}


def record(
    *,
    actor: Any,
    action: str,
    target: models.Model | None = None,
    label: str = "",
    changes: Mapping[str, Any] | None = None,
    person_key: uuid.UUID | None = None,
) -> AuditEvent:
    """Write one audit event. Call it from a service, inside the transaction of the change.

    `actor` is the user who acted, or None for the system (imports run by an operator name their
    user). `label` must not contain personal data: use a record's code or number, not a name.
    """
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("Audit events are written inside the transaction of the change.")
    built = event(
        actor=actor,
        action=action,
        target=target,
        label=label,
        changes=changes,
        person_key=person_key,
    )
    built.save()
    return built


def event(
    *,
    actor: Any,
    action: str,
    target: models.Model | None = None,
    label: str = "",
    changes: Mapping[str, Any] | None = None,
    person_key: uuid.UUID | None = None,
) -> AuditEvent:
    """The event `record` writes, not yet saved: for services that write many rows in bulk and
    then their events with `record_many`."""
    if "." not in action:
        raise ValueError(f"Audit actions are dotted, like 'project.created', not {action!r}.")
    context = current_request_context()
    actor_obj = actor if getattr(actor, "is_authenticated", False) else None
    return AuditEvent(
        actor=actor_obj,
        actor_label=actor_obj.get_username() if actor_obj else "",
        action=action,
        content_type=ContentType.objects.get_for_model(target) if target is not None else None,
        object_id=str(target.pk) if target is not None else "",
        object_label=(label or (str(target) if target is not None else ""))[:200],
        person_key=person_key,
        changes=_jsonable(dict(changes or {})),
        ip_address=context.ip_address,
        request_id=context.request_id,
    )


def record_many(events: Iterable[AuditEvent]) -> None:
    """Write events made by `event`, in bulk, inside the transaction of the change."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("Audit events are written inside the transaction of the change.")
    AuditEvent.objects.bulk_create(events, batch_size=500)


@transaction.atomic
def record_read(
    *,
    actor: Any,
    action: str,
    target: models.Model,
    label: str = "",
    person_key: uuid.UUID | None = None,
) -> AuditEvent:
    """Record that `actor` read personal data in `target`; called by access functions."""
    return record(actor=actor, action=action, target=target, label=label, person_key=person_key)
