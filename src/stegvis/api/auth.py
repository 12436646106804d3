"""Bearer tokens for the API, and the per-token rate limit."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest
from ninja.security import HttpBearer
from ninja.throttling import SimpleRateThrottle

from stegvis.api import access, services
from stegvis.api.models import ApiToken


class TokenAuth(HttpBearer):
    """`Authorization: Bearer stv_…`: the request acts as the token's user, with the user's access
    exactly (the token stands in for the password and the second factor, like a session would)."""

    def authenticate(self, request: HttpRequest, token: str) -> ApiToken | None:
        found = access.token_from_secret(token)
        if found is None:
            return None
        services.api_token_mark_used(token=found)
        request.user = found.user
        return found


class TokenRateThrottle(SimpleRateThrottle):
    """So many requests per token in a sliding window (settings.STEGVIS_API_RATE, e.g.
    "600/min"), counted in Django's cache; past it the API answers 429 with Retry-After."""

    scope = "api_token"
    rate = "600/min"  # replaced by the setting at each request

    def __init__(self) -> None:
        super().__init__(self.rate)

    def get_cache_key(self, request: HttpRequest) -> str | None:
        token = getattr(request, "auth", None)
        if not isinstance(token, ApiToken):
            return None
        return self.cache_format % {"scope": self.scope, "ident": token.pk}

    def allow_request(self, request: HttpRequest) -> bool:
        self.num_requests, self.duration = self.parse_rate(settings.STEGVIS_API_RATE)
        return super().allow_request(request)
