"""Turning a service's ValidationError into form errors (the one translator for pages)."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError


def add_validation_errors(form: forms.Form, exc: ValidationError) -> None:
    """Attach `exc` to `form`: per-field errors to their fields when the form has them, the rest on top."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc)
