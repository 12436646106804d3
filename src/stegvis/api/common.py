"""What every endpoint shares: paging, the list audit, the filters and the error bodies."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable
from typing import Annotated, Any

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Schema
from pydantic import AfterValidator

from stegvis.core import audit
from stegvis.core.permissions import can

MAX_LIMIT = 500


def _moment_in_utc(value: datetime.datetime) -> datetime.datetime:
    """A moment every database compares alike: with a time zone (Swedish time when none is given),
    in UTC, between the years 1900 and 9999. PostgreSQL refuses some offsets Python allows."""
    try:
        if timezone.is_naive(value):
            value = timezone.make_aware(value)
        value = value.astimezone(datetime.UTC)
    except (OverflowError, ValueError):
        value = None
    if value is None or not 1900 <= value.year <= 9999:
        raise ValueError(
            _("Give a time between the years 1900 and 9999, e.g. 2026-01-31T00:00:00Z.")
        )
    return value


# The type of every "changed since" filter.
ChangedSince = Annotated[datetime.datetime, AfterValidator(_moment_in_utc)]


class Paging(Schema):
    limit: int = Field(100, ge=1, le=MAX_LIMIT, description="How many items (1–500).")
    offset: int = Field(0, ge=0, le=10_000_000, description="How many items to skip.")


class Page[T](Schema):
    items: list[T]
    count: int = Field(description="How many items match, on every page together.")


class ErrorOut(Schema):
    error: str = Field(description="What was wrong, in plain language.")
    fields: dict[str, list[str]] | None = Field(
        None, description="Per field: what was wrong with it."
    )


# The answers every authenticated endpoint may give besides its own.
ERRORS: dict[int, type] = {
    400: ErrorOut,
    401: ErrorOut,
    403: ErrorOut,
    404: ErrorOut,
    429: ErrorOut,
}


def responses(ok: Any, *, status: int = 200) -> dict[int, Any]:
    return {status: ok, **ERRORS}


def require(user: object, capability: str) -> None:
    """403 unless `user` holds `capability` somewhere: the endpoints' require_capability."""
    if not can(user, capability):
        raise PermissionDenied


def page_of(
    queryset: QuerySet, paging: Paging, item: Callable[[Any], dict]
) -> tuple[list[dict], int]:
    """One page of `queryset` as items, and the total count (two queries)."""
    count = queryset.count()
    rows = queryset[paging.offset : paging.offset + paging.limit]
    return [item(row) for row in rows], count


@transaction.atomic
def audit_list(*, actor: object, action: str, items: Iterable[dict], filters: dict) -> None:
    """A list of personal data was read through the API: one event naming how many records and
    the filters (the records' ids are in the answer the client keeps, not repeated here)."""
    items = list(items)
    audit.record(
        actor=actor,
        action=action,
        label=_("%(count)s records") % {"count": len(items)},
        changes={
            "count": [None, len(items)],
            "filters": [None, {k: str(v) for k, v in filters.items() if v not in (None, "")}],
        },
    )


def form_errors(form: forms.Form) -> dict[str, list[str]]:
    """A bound, invalid form's errors, field by field ("__all__" for the form as a whole)."""
    return {field: [str(message) for message in errors] for field, errors in form.errors.items()}


def service_errors(exc: ValidationError) -> dict[str, list[str]]:
    """A service's ValidationError, field by field ("__all__" for the whole)."""
    if hasattr(exc, "error_dict"):
        return {
            field: [str(message) for error in errors for message in error]
            for field, errors in exc.error_dict.items()
        }
    return {"__all__": [str(message) for message in exc.messages]}


class FormInvalidError(Exception):
    """The input failed the page's form; `fields` says what was wrong, per field."""

    def __init__(self, fields: dict[str, list[str]]) -> None:
        super().__init__(fields)
        self.fields = fields


def validated(form_class: type[forms.Form], data: dict) -> dict:
    """The page's form on the API's input: the same checks and the same messages."""
    form = form_class({key: "" if value is None else value for key, value in data.items()})
    if not form.is_valid():
        raise FormInvalidError(form_errors(form))
    return dict(form.cleaned_data)
