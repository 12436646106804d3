"""Two-factor sign-in: a TOTP app (Google Authenticator, Microsoft Authenticator, FreeOTP, …) and
ten one-time recovery codes, on django-otp's devices. The writes are in services.py; this module
answers questions and draws the QR code.

Who must use it: the roles that see individuals (REQUIRED_ROLES) when STEGVIS_REQUIRE_2FA is on.
Anyone may turn it on for themselves.
"""

from __future__ import annotations

import base64
from typing import Any

import segno
from django.conf import settings
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from stegvis.core.permissions import Role

# The roles that see named participants: a second factor protects what they can open.
REQUIRED_ROLES = frozenset(
    {Role.ADMIN, Role.MANAGER, Role.COACH, Role.REFERRAL_GROUP, Role.CASEWORKER}
)
# The devices' names: one app and one set of recovery codes per user.
APP_DEVICE = "app"
CODES_DEVICE = "recovery"
RECOVERY_CODE_COUNT = 10


def is_required(user: Any) -> bool:
    """Must `user` sign in with a second factor (the setting is on and a role sees individuals)?"""
    if not settings.STEGVIS_REQUIRE_2FA:
        return False
    if user.is_superuser:
        return True
    return bool(REQUIRED_ROLES & user.stegvis_roles())


def app_device(user: Any, *, confirmed: bool | None = True) -> TOTPDevice | None:
    devices = TOTPDevice.objects.filter(user=user, name=APP_DEVICE)
    if confirmed is not None:
        devices = devices.filter(confirmed=confirmed)
    return devices.first()


def is_enabled(user: Any) -> bool:
    """Has `user` turned two-factor sign-in on (a confirmed app)?"""
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def recovery_codes_left(user: Any) -> int:
    device = StaticDevice.objects.filter(user=user, name=CODES_DEVICE).first()
    return device.token_set.count() if device else 0


def secret_for_typing(device: TOTPDevice) -> str:
    """The key in base32, in groups of four, for an app that cannot read the QR code."""
    secret = base64.b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def qr_data_uri(device: TOTPDevice) -> str:
    """The otpauth:// address as an SVG QR code in a data: URI (an <img>, so the CSP holds)."""
    return segno.make(device.config_url, error="m").svg_data_uri(scale=5, border=2)
