"""Single sign-on by OpenID Connect, configured by environment variables (settings.py):

STEGVIS_OIDC_DISCOVERY_URL  the provider's discovery document (…/.well-known/openid-configuration)
                            or its issuer URL; empty = no single sign-on
STEGVIS_OIDC_CLIENT_ID, STEGVIS_OIDC_CLIENT_SECRET (or *_FILE)
STEGVIS_OIDC_DISPLAY_NAME   the organisation's name on the button ("Logga in med …")
STEGVIS_OIDC_CREATE_USERS   make an account (with no role) for an unknown verified e-mail; off

mozilla-django-oidc asks for its settings by name (OIDC_OP_TOKEN_ENDPOINT, OIDC_RP_CLIENT_ID, …);
`oidc_setting` answers them from these variables and from the provider's discovery document,
read once an hour.
"""

from __future__ import annotations

from typing import Any

import requests
from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured
from mozilla_django_oidc.utils import import_from_settings

DISCOVERED = {
    "OIDC_OP_AUTHORIZATION_ENDPOINT": "authorization_endpoint",
    "OIDC_OP_TOKEN_ENDPOINT": "token_endpoint",
    "OIDC_OP_USER_ENDPOINT": "userinfo_endpoint",
    "OIDC_OP_JWKS_ENDPOINT": "jwks_uri",
}
CACHE_SECONDS = 3600


def is_configured() -> bool:
    return bool(settings.STEGVIS_OIDC_DISCOVERY_URL and settings.STEGVIS_OIDC_CLIENT_ID)


def discovery_url() -> str:
    url = settings.STEGVIS_OIDC_DISCOVERY_URL.rstrip("/")
    if not url.endswith("/.well-known/openid-configuration"):
        url += "/.well-known/openid-configuration"
    return url


def discovery() -> dict[str, Any]:
    """The provider's discovery document (cached for an hour)."""
    url = discovery_url()
    key = f"sso:discovery:{url}"
    found = cache.get(key)
    if found is None:
        response = requests.get(url, timeout=10)
        response.raise_for_status()
        found = response.json()
        missing = [name for name in DISCOVERED.values() if not found.get(name)]
        if missing:
            raise ImproperlyConfigured(f"The OIDC discovery document lacks {', '.join(missing)}.")
        cache.set(key, found, CACHE_SECONDS)
    return found


def oidc_setting(attr: str, *args: Any) -> Any:
    """A mozilla-django-oidc setting, from Stegvis's variables and the discovery document."""
    if attr in DISCOVERED:
        return discovery()[DISCOVERED[attr]]
    own = {
        "OIDC_RP_CLIENT_ID": settings.STEGVIS_OIDC_CLIENT_ID,
        "OIDC_RP_CLIENT_SECRET": settings.STEGVIS_OIDC_CLIENT_SECRET,
        "OIDC_RP_SIGN_ALGO": "RS256",
        "OIDC_RP_SCOPES": "openid email profile",
        "OIDC_CREATE_USER": settings.STEGVIS_OIDC_CREATE_USERS,
        "OIDC_AUTHENTICATION_CALLBACK_URL": "sso:callback",
        "OIDC_USE_PKCE": True,
        "OIDC_TIMEOUT": 10,
    }
    if attr in own:
        return own[attr]
    return import_from_settings(attr, *args)
