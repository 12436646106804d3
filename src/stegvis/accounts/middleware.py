"""Sign-in rules applied to every request: the idle time-out and the second factor.

Both read only the session (already loaded to know the user), so a page costs no extra query.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import Resolver404, resolve, reverse
from django.utils.translation import gettext as _

from stegvis.accounts import two_factor

LAST_SEEN_KEY = "stegvis_last_seen"
# What the session still owes before its pages open: "verify" (a code) or "setup" (turn 2FA on).
TWO_FACTOR_KEY = "stegvis_2fa"
# Written at most this often, so that a page does not write the session every time.
LAST_SEEN_RESOLUTION = 60  # seconds

# The pages a session that owes its second factor may still open.
OPEN_BEFORE_VERIFY = {"accounts:logout", "accounts:two_factor_verify", "set_language"}
OPEN_BEFORE_SETUP = OPEN_BEFORE_VERIFY | {"accounts:two_factor_setup"}


@receiver(user_logged_in, dispatch_uid="stegvis_sign_in_state")
def remember_sign_in_state(
    sender: object, request: HttpRequest | None, user: object, **kwargs: object
) -> None:
    """At sign-in, note the time and whether a code (or setting up 2FA) is still owed."""
    if request is None or not hasattr(request, "session"):
        return
    request.session[LAST_SEEN_KEY] = int(time.time())
    if getattr(user, "otp_device", None) is not None:
        owed = None  # signed in with a verified device already
    elif getattr(user, "sso_strong_sign_in", False):
        owed = None  # the identity provider asked for a second factor itself (sso/backend.py)
    elif two_factor.is_enabled(user):
        owed = "verify"
    elif two_factor.is_required(user):
        owed = "setup"
    else:
        owed = None
    if owed:
        request.session[TWO_FACTOR_KEY] = owed
    else:
        request.session.pop(TWO_FACTOR_KEY, None)


def _url_name(request: HttpRequest) -> str | None:
    try:
        match = resolve(request.path_info)
    except Resolver404:
        return None
    return match.view_name


def _to(request: HttpRequest, name: str) -> HttpResponseRedirect:
    query = urlencode({"next": request.get_full_path()}) if request.method == "GET" else ""
    return HttpResponseRedirect(reverse(name) + (f"?{query}" if query else ""))


class IdleTimeoutMiddleware:
    """Signs a user out after STEGVIS_SESSION_IDLE_MINUTES without a request (0 turns it off)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        idle = settings.STEGVIS_SESSION_IDLE_MINUTES * 60
        if idle and request.user.is_authenticated:
            now = int(time.time())
            last_seen = request.session.get(LAST_SEEN_KEY, now)
            if now - last_seen > idle:
                logout(request)
                messages.info(
                    request,
                    _(
                        "You were signed out after %(minutes)d minutes without activity. Sign in again to go on."
                    )
                    % {"minutes": settings.STEGVIS_SESSION_IDLE_MINUTES},
                )
                return _to(request, settings.LOGIN_URL)
            if now - last_seen >= LAST_SEEN_RESOLUTION or LAST_SEEN_KEY not in request.session:
                request.session[LAST_SEEN_KEY] = now
        return self.get_response(request)


class TwoFactorMiddleware:
    """Sends a signed-in user who still owes a code to the code page, and one whose role requires
    two-factor sign-in but who has not turned it on to its set-up page; nothing else opens."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        owed = request.session.get(TWO_FACTOR_KEY) if request.user.is_authenticated else None
        if owed == "verify" and _url_name(request) not in OPEN_BEFORE_VERIFY:
            return _to(request, "accounts:two_factor_verify")
        if owed == "setup" and _url_name(request) not in OPEN_BEFORE_SETUP:
            return _to(request, "accounts:two_factor_setup")
        return self.get_response(request)
