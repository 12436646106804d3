"""Writes of API tokens: make one (the secret is returned once), revoke one, note its use."""

from __future__ import annotations

import datetime
import hashlib
import secrets

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from stegvis.api.models import ApiToken
from stegvis.core import audit

# "stv_" marks a Stegvis token in a secret scanner or a log; 32 random bytes follow (256 bits).
TOKEN_PREFIX = "stv_"  # noqa: S105 (a marker, not a secret)
MAX_EXPIRY_DAYS = 3650
# The last-used time is written at most this often, so a busy BI refresh costs few writes.
LAST_USED_RESOLUTION = datetime.timedelta(minutes=1)


def token_digest(secret: str) -> str:
    """The SHA-256 digest stored for a secret. A high-entropy secret needs no salt or slow hash."""
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


@transaction.atomic
def api_token_create(
    *, actor: object, user: object, name: str, expires_days: int | None = None
) -> tuple[ApiToken, str]:
    """Make a token for `user` (the actor is the user or an operator) and return it with its
    secret, which is shown once and never stored. Audited as api_token.created."""
    name = name.strip()
    if not name:
        raise ValidationError(
            {"name": _("Give the token a name, such as the system that uses it.")}
        )
    if expires_days is not None and not 1 <= expires_days <= MAX_EXPIRY_DAYS:
        raise ValidationError(
            {
                "expires_days": _("A token is valid for 1 to %(max)s days.")
                % {"max": MAX_EXPIRY_DAYS}
            }
        )
    if not getattr(user, "is_active", False):
        raise ValidationError(_("The account is not active."))
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    expires_at = (
        timezone.now() + datetime.timedelta(days=expires_days) if expires_days is not None else None
    )
    token = ApiToken(
        user=user,
        name=name,
        prefix=secret[: len(TOKEN_PREFIX) + 4],
        digest=token_digest(secret),
        expires_at=expires_at,
    )
    token.full_clean()
    token.save()
    audit.record(
        actor=actor,
        action="api_token.created",
        target=token,
        label=token.prefix,
        changes={"user": [None, user.get_username()], "expires_at": [None, expires_at]},
    )
    return token, secret


@transaction.atomic
def api_token_revoke(*, actor: object, token: ApiToken) -> ApiToken:
    """Revoke a token (from access.access_api_token); it stops working at once. Audited."""
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at", "updated_at"])
        audit.record(
            actor=actor,
            action="api_token.revoked",
            target=token,
            label=token.prefix,
            changes={"revoked_at": [None, token.revoked_at]},
        )
    return token


def api_token_mark_used(*, token: ApiToken) -> None:
    """Note when the token was last used (at most once a minute; not an audit event: the
    endpoints audit what the token read or wrote)."""
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_RESOLUTION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
