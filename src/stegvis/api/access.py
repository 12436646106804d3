"""The only ways to obtain an API token: by the secret a request carries, or by id for its owner."""

from __future__ import annotations

import uuid

from django.http import Http404

from stegvis.api.models import ApiToken
from stegvis.api.services import TOKEN_PREFIX, token_digest


def access_api_token(user: object, token_id: uuid.UUID | str) -> ApiToken:
    """A token of `user`'s own, by public id. Tokens of others, and unknown ids, raise Http404:
    only the owner sees or revokes a token (an administrator deactivates the account instead)."""
    try:
        public_id = uuid.UUID(str(token_id))
    except ValueError:
        raise Http404 from None
    token = ApiToken.objects.filter(user=user, public_id=public_id).first()
    if token is None:
        raise Http404
    return token


def token_from_secret(secret: str) -> ApiToken | None:
    """The usable token with this secret, with its user, or None: unknown, revoked or expired
    tokens, and tokens of deactivated accounts, all answer None."""
    if not secret.startswith(TOKEN_PREFIX) or len(secret) > 200:
        return None
    token = ApiToken.objects.filter(digest=token_digest(secret)).select_related("user").first()
    if token is None:
        return None
    if not token.is_usable():
        return None
    if not token.user.is_active:
        return None
    return token
