"""The register extract (registerutdrag, GDPR art. 15): every record about a person, as JSON.

The records are found by walking selectors.EXTRACT_TREE from the person; every stored field of
each record is written, with codes as stored (machine-readable), except the blind index and the
hash of a self-assessment token (keys, not data about the person). Users are named by their full
name, organisations and projects by name, other references by their public id.
"""

from __future__ import annotations

import datetime
import decimal
import uuid
from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone

from stegvis.participants.models import Person
from stegvis.privacy.selectors import EXTRACT_TREE, Node, access_history, is_read_action

FORMAT = "stegvis-registerutdrag"
VERSION = 1
# Keys, not data about the person: left out of the extract.
LEFT_OUT = frozenset({"id", "identity_index", "token_hash", "merged_into"})


def _value(obj: models.Model, f: models.Field) -> Any:
    if f.is_relation:
        related = getattr(obj, f.name)
        if related is None:
            return None
        if related._meta.label == settings.AUTH_USER_MODEL:
            return related.get_full_name() or related.get_username()
        if hasattr(related, "public_id"):
            return {"id": str(related.public_id), "name": str(related)}
        if hasattr(related, "name"):
            return related.name
        return str(related)
    value = getattr(obj, f.attname)
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    return value


def record_fields(obj: models.Model, *, skip: str = "") -> dict[str, Any]:
    """Every stored field of `obj` but the keys in LEFT_OUT and the link to its parent `skip`."""
    return {
        f.name: _value(obj, f)
        for f in obj._meta.concrete_fields
        if f.name not in LEFT_OUT and f.name != skip
    }


def _records(parent: models.Model, node: Node) -> list[dict[str, Any]]:
    model = node.resolved()
    if model is None:  # pragma: no cover - every app of the tree is installed in Stegvis
        return []
    rows = []
    queryset = model._default_manager.filter(**{node.parent_field: parent}).order_by("pk")
    for obj in queryset:
        row = record_fields(obj, skip=node.parent_field)
        for child in node.children:
            row[child.key] = _records(obj, child)
        rows.append(row)
    return rows


def person_extract(person: Person, *, created_by: Any) -> dict[str, Any]:
    """The whole extract of `person` (and of records merged into them) as a JSON-able dict."""
    people = [person, *Person.objects.filter(merged_into=person).order_by("pk")]
    data: dict[str, Any] = {
        "format": FORMAT,
        "version": VERSION,
        "created_at": timezone.localtime().isoformat(),
        "created_by": created_by.get_full_name() or created_by.get_username(),
        "person": record_fields(person),
        "merged_records": [record_fields(p) for p in people[1:]],
    }
    for node in EXTRACT_TREE:
        data[node.key] = [row for p in people for row in _records(p, node)]
    data["access_history"] = [
        {
            "at": timezone.localtime(row.at).isoformat(),
            "who": row.who,
            "organisations": row.organisations,
            "kind_of_data": str(row.kind_of_data),
            "read_or_changed": "read" if is_read_action(row.action) else "changed",
            "action": row.action,
        }
        for row in access_history(person)
    ]
    return data
