"""Sign-in events in the audit trail (Django's auth signals are the only hook for these)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db import transaction
from django.dispatch import receiver

from stegvis.core import audit


@receiver(user_logged_in, dispatch_uid="stegvis_audit_login")
def _logged_in(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    with transaction.atomic():
        audit.record(actor=user, action="auth.logged_in", target=user, label=user.get_username())


@receiver(user_logged_out, dispatch_uid="stegvis_audit_logout")
def _logged_out(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    if user is not None:
        with transaction.atomic():
            audit.record(
                actor=user, action="auth.logged_out", target=user, label=user.get_username()
            )


@receiver(user_login_failed, dispatch_uid="stegvis_audit_login_failed")
def _login_failed(sender: Any, credentials: dict, request: Any = None, **kwargs: Any) -> None:
    # The username tried is kept (it names a staff account or a typo), never the password.
    with transaction.atomic():
        audit.record(
            actor=None,
            action="auth.login_failed",
            label=str(credentials.get("username", ""))[:150],
        )
