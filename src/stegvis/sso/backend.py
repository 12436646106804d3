"""Signs a member of staff in by their organisation's identity provider: the provider's verified
e-mail address names an existing active account (case-insensitive). An unknown address signs
nobody in, unless STEGVIS_OIDC_CREATE_USERS is on (the new account has no role until an
administrator gives it one). Two accounts with one address sign nobody in.

A sign-in the provider made with a second factor (`strong_sign_in`) stands in for Stegvis's own
two-factor code: the accounts app's sign-in rule reads `user.sso_strong_sign_in`."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from stegvis.sso import config


class StegvisOIDCBackend(OIDCAuthenticationBackend):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        # Without single sign-on configured the backend stays out of the way of passwords.
        self.enabled = config.is_configured()
        if self.enabled:
            super().__init__(*args, **kwargs)

    @staticmethod
    def get_settings(attr: str, *args: Any) -> Any:
        return config.oidc_setting(attr, *args)

    def authenticate(self, request: Any, **kwargs: Any) -> Any:
        if not self.enabled:
            return None
        return super().authenticate(request, **kwargs)

    def get_or_create_user(self, access_token: str, id_token: str, payload: dict[str, Any]) -> Any:
        user = super().get_or_create_user(access_token, id_token, payload)
        if user is not None:
            user.sso_strong_sign_in = strong_sign_in(payload)
        return user

    def verify_claims(self, claims: dict[str, Any]) -> bool:
        """An e-mail address the provider has verified."""
        return bool(claims.get("email")) and claims.get("email_verified") is True

    def filter_users_by_claims(self, claims: dict[str, Any]) -> Any:
        return self.UserModel.objects.filter(email__iexact=claims["email"].strip(), is_active=True)

    def create_user(self, claims: dict[str, Any]) -> Any:
        user = super().create_user(claims)
        user.first_name = str(claims.get("given_name", ""))[:150]
        user.last_name = str(claims.get("family_name", ""))[:150]
        user.set_unusable_password()
        user.save()
        return user

    def get_user(self, user_id: Any) -> Any:
        user = super().get_user(user_id) if self.enabled else None
        return user if user is not None and user.is_active else None


def strong_sign_in(id_token_claims: dict[str, Any]) -> bool:
    """Whether the provider signed the person in with more than one factor: `amr` holds "mfa"
    (RFC 8176), `acr` is a level the installation counts as strong (STEGVIS_OIDC_STRONG_ACR), or
    the installation says its provider always asks for a second factor (STEGVIS_OIDC_TRUST_MFA)."""
    if settings.STEGVIS_OIDC_TRUST_MFA:
        return True
    amr = id_token_claims.get("amr") or []
    if isinstance(amr, str):
        amr = [amr]
    if "mfa" in amr:
        return True
    return id_token_claims.get("acr") in settings.STEGVIS_OIDC_STRONG_ACR
