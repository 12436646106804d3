"""The user's API tokens: make one (the secret shown once), see when each was last used, revoke."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from stegvis.api import access, selectors, services
from stegvis.api.forms import TokenForm
from stegvis.core.forms_util import add_validation_errors


@require_http_methods(["GET", "POST"])
def token_list(request: HttpRequest) -> HttpResponse:
    form = TokenForm(request.POST if request.method == "POST" else None)
    secret = None
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                _token, secret = services.api_token_create(
                    actor=request.user,
                    user=request.user,
                    name=form.cleaned_data["name"],
                    expires_days=form.cleaned_data["expires_days"],
                )
            except ValidationError as exc:
                add_validation_errors(form, exc)
                status = 400
            else:
                form = TokenForm()
        else:
            status = 400
    context = {
        "form": form,
        "secret": secret,
        "tokens": selectors.api_tokens_for(request.user),
    }
    # The page that shows a secret is not kept by the browser or a proxy.
    response = render(request, "api/tokens.html", context, status=status)
    response["Cache-Control"] = "no-store"
    return response


@require_POST
def token_revoke(request: HttpRequest, token_id: str) -> HttpResponse:
    token = access.access_api_token(request.user, token_id)
    services.api_token_revoke(actor=request.user, token=token)
    messages.success(request, _("The token %(name)s no longer works.") % {"name": token.name})
    return redirect("api_tokens:list")
