"""System checks for deployment choices Django does not check itself."""

from __future__ import annotations

from django.conf import settings
from django.core.checks import Tags, Warning, register


@register(Tags.security, deploy=True)
def check_email_configured(app_configs, **kwargs):  # noqa: ANN001,ANN003
    if settings.MAILERS["default"]["BACKEND"].endswith("console.EmailBackend"):
        return [
            Warning(
                "E-mail is not configured, so password-reset messages are only printed to the log.",
                hint="Set EMAIL_HOST (and EMAIL_HOST_USER, EMAIL_HOST_PASSWORD, DEFAULT_FROM_EMAIL).",
                id="stegvis.W001",
            )
        ]
    return []
