"""The two steps of signing in by the organisation's identity provider: away to it, and back."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from mozilla_django_oidc import views as oidc_views

from stegvis.sso import config


@method_decorator(login_not_required, name="dispatch")
class SsoLoginView(oidc_views.OIDCAuthenticationRequestView):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        if config.is_configured():
            super().__init__(*args, **kwargs)

    @staticmethod
    def get_settings(attr: str, *args: Any) -> Any:
        return config.oidc_setting(attr, *args)

    def get(self, request: HttpRequest) -> HttpResponse:
        if not config.is_configured():
            raise Http404
        return super().get(request)


@method_decorator(login_not_required, name="dispatch")
class SsoCallbackView(oidc_views.OIDCAuthenticationCallbackView):
    @staticmethod
    def get_settings(attr: str, *args: Any) -> Any:
        return config.oidc_setting(attr, *args)

    def get(self, request: HttpRequest) -> HttpResponse:
        if not config.is_configured():
            raise Http404
        return super().get(request)

    def login_success(self) -> HttpResponse:
        response = super().login_success()
        # Marks a session signed in by the organisation's identity provider (which did its own
        # strong sign-in), for the accounts app's two-factor rule to decide on.
        self.request.session["stegvis_sso"] = True
        return response

    def login_failure(self) -> HttpResponse:
        messages.error(
            self.request,
            _(
                "You could not be signed in through %(provider)s. Stegvis has no active account "
                "with the e-mail address your organisation gave, or the address is not verified. "
                "Ask your administrator, or sign in with your user name and password."
            )
            % {"provider": self.request_provider_name()},
        )
        return redirect("accounts:login")

    @staticmethod
    def request_provider_name() -> str:
        from django.conf import settings

        return settings.STEGVIS_OIDC_DISPLAY_NAME or _("your organisation")
