"""The user's own security page and two-factor sign-in: set up, the code at sign-in, recovery
codes, turning it off; and an administrator's reset for a user who lost phone and codes."""

from __future__ import annotations

import django_otp
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST
from django_otp.plugins.otp_static.models import StaticDevice

from stegvis.accounts import access, services, two_factor
from stegvis.accounts.forms import TwoFactorSetupForm, TwoFactorVerifyForm
from stegvis.accounts.middleware import TWO_FACTOR_KEY
from stegvis.core.forms_util import add_validation_errors


def security(request: HttpRequest) -> HttpResponse:
    """The user's own sign-in security: two-factor sign-in and recovery codes."""
    user = request.user
    return render(
        request,
        "accounts/security.html",
        {
            "enabled": two_factor.is_enabled(user),
            "required": two_factor.is_required(user),
            "codes_left": two_factor.recovery_codes_left(user),
        },
    )


def _show_codes(request: HttpRequest, codes: list[str]) -> HttpResponse:
    response = render(request, "accounts/two_factor_codes.html", {"codes": codes})
    response["Cache-Control"] = "no-store"
    return response


@require_http_methods(["GET", "POST"])
def two_factor_setup(request: HttpRequest) -> HttpResponse:
    """Connect an authenticator app (first time, or a new phone) and confirm it with a code.

    Opening the page makes a new key, not yet in use: the app in use, if any, keeps working
    until the new one is confirmed.
    """
    device = two_factor.app_device(request.user, confirmed=False)
    if device is None:
        device = services.two_factor_start(actor=request.user)
    form = TwoFactorSetupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            codes = services.two_factor_confirm(
                actor=request.user, device=device, code=form.cleaned_data["code"]
            )
        except ValidationError as exc:
            add_validation_errors(form, exc)
        else:
            device.refresh_from_db()
            django_otp.login(request, device)
            request.session.pop(TWO_FACTOR_KEY, None)
            messages.success(request, _("Two-factor sign-in is on."))
            return _show_codes(request, codes)
    response = render(
        request,
        "accounts/two_factor_setup.html",
        {
            "form": form,
            "qr": two_factor.qr_data_uri(device),
            "secret": two_factor.secret_for_typing(device),
            "required_now": request.session.get(TWO_FACTOR_KEY) == "setup",
            "replacing": two_factor.is_enabled(request.user),
        },
        status=400 if form.is_bound else 200,
    )
    response["Cache-Control"] = "no-store"
    return response


@require_POST
def recovery_codes(request: HttpRequest) -> HttpResponse:
    try:
        codes = services.recovery_codes_renew(actor=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("accounts:security")
    return _show_codes(request, codes)


@require_POST
def two_factor_disable(request: HttpRequest) -> HttpResponse:
    try:
        services.two_factor_disable(actor=request.user, user=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Two-factor sign-in is off."))
    return redirect("accounts:security")


@require_POST
def two_factor_reset(request: HttpRequest, user_id: str) -> HttpResponse:
    """An administrator turns off a user's two-factor sign-in (phone and codes lost)."""
    account = access.access_user(request.user, user_id)
    services.two_factor_disable(actor=request.user, user=account)
    messages.success(
        request,
        _("Two-factor sign-in is reset. %(username)s sets it up again at the next sign-in.")
        % {"username": account.username},
    )
    return redirect(account)


def locked_out(
    request: HttpRequest, credentials: object = None, *args: object, **kwargs: object
) -> HttpResponse:
    """django-axes' answer to a locked-out sign-in (AXES_LOCKOUT_CALLABLE): 429, in plain words."""
    from axes.helpers import get_cool_off, get_failure_limit

    cool_off = get_cool_off(request)
    return render(
        request,
        "registration/locked_out.html",
        {
            "failure_limit": get_failure_limit(request, credentials),
            "minutes": round(cool_off.total_seconds() / 60) if cool_off else None,
        },
        status=429,
    )


def _next(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return "/"


@require_http_methods(["GET", "POST"])
def two_factor_verify(request: HttpRequest) -> HttpResponse:
    """The second step of signing in: a code from the app, or a recovery code."""
    if request.session.get(TWO_FACTOR_KEY) != "verify":
        return redirect(_next(request))
    form = TwoFactorVerifyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        code = services.normalise_recovery_code(form.cleaned_data["code"])
        device = django_otp.match_token(request.user, code)
        if device is None:
            form.add_error(
                "code",
                _(
                    "The code is not right. Type the code the app shows now, or a recovery "
                    "code. After several wrong codes you must wait a little before the next try."
                ),
            )
        else:
            django_otp.login(request, device)
            request.session.pop(TWO_FACTOR_KEY, None)
            services.two_factor_signed_in(actor=request.user, device=device)
            if isinstance(device, StaticDevice):
                messages.warning(
                    request,
                    _(
                        "You signed in with a recovery code; %(left)d are left. If you have lost "
                        "your phone, connect the authenticator app on a new phone now: the old one "
                        "stops working."
                    )
                    % {"left": device.token_set.count()},
                )
                return redirect("accounts:two_factor_setup")
            return redirect(_next(request))
    return render(
        request,
        "registration/two_factor_verify.html",
        {"form": form, "next": _next(request)},
        status=400 if form.is_bound else 200,
    )
