"""Reads of API tokens."""

from __future__ import annotations

from django.db.models import QuerySet

from stegvis.api.models import ApiToken


def api_tokens_for(user: object) -> QuerySet[ApiToken]:
    """The user's own tokens, newest first (revoked ones too, so the list tells what happened)."""
    return ApiToken.objects.filter(user=user).order_by("-created_at", "-id")
