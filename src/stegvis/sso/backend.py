"""Signs a member of staff in by their organisation's identity provider: the provider's verified
e-mail address names an existing active account (case-insensitive). An unknown address signs
nobody in, unless STEGVIS_OIDC_CREATE_USERS is on (the new account has no role until an
administrator gives it one). Two accounts with one address sign nobody in."""

from __future__ import annotations

from typing import Any

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
