"""The REST API at /api/v1/: one NinjaAPI, its routers, and one translator of errors to JSON.

Authentication is a personal token (`Authorization: Bearer stv_…`, models.ApiToken) on every
operation; the OpenAPI document and the interactive docs are open (they hold no data). Every
answer that is not a success is 4xx with `{"error": "…", "fields": {…}}` in plain language.
"""

from __future__ import annotations

import copy
from typing import Any

from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import URLPattern, URLResolver
from django.utils import translation
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, Throttled
from ninja.errors import ValidationError as NinjaValidationError

from stegvis.api.auth import TokenAuth, TokenRateThrottle
from stegvis.api.common import FormInvalidError, service_errors
from stegvis.api.endpoints import employers, exports, participants, projects, referrals, reports


class StegvisAPI(NinjaAPI):
    def get_openapi_schema(
        self, *, path_prefix: str | None = None, path_params: dict | None = None
    ) -> Any:
        """The OpenAPI document, built once per language and path: building it takes a good part
        of a second, and /api/v1/openapi.json is open to anyone."""
        key = (
            translation.get_language(),
            path_prefix,
            tuple(sorted((path_params or {}).items())),
        )
        if key not in _schemas:
            _schemas[key] = super().get_openapi_schema(
                path_prefix=path_prefix, path_params=path_params
            )
        return copy.deepcopy(_schemas[key])


_schemas: dict[tuple, Any] = {}

api = StegvisAPI(
    title="Stegvis API",
    version="1",
    description=(
        "Projects, participants, referrals, contacts and activities, assessments, employers, "
        "openings, jobs and reports of Stegvis, with the access of the token's user. "
        "See docs/api.md."
    ),
    auth=TokenAuth(),
    throttle=[TokenRateThrottle()],
    urls_namespace="api",
    docs_url="/docs",
    openapi_url="/openapi.json",
)
api.add_router("/projects/", projects.router)
api.add_router("/projects/", exports.router)
api.add_router("/participants/", participants.router)
api.add_router("/referrals/", referrals.router)
api.add_router("/employers/", employers.router)
api.add_router("/openings/", employers.openings_router)
api.add_router("/reports/", reports.router)


def _error(
    request: HttpRequest, status: int, message: str, fields: dict | None = None
) -> HttpResponse:
    body: dict[str, Any] = {"error": message}
    if fields:
        body["fields"] = fields
    return api.create_response(request, body, status=status)


@api.exception_handler(NinjaValidationError)
def _invalid_input(request: HttpRequest, exc: NinjaValidationError) -> HttpResponse:
    fields: dict[str, list[str]] = {}
    for error in exc.errors:
        location = [
            str(part)
            for part in error.get("loc", ())
            if part not in ("query", "body", "path", "payload")
        ]
        fields.setdefault(".".join(location) or "__all__", []).append(str(error.get("msg", "")))
    return _error(request, 400, _("The request has values that are not valid."), fields)


@api.exception_handler(FormInvalidError)
def _form_invalid(request: HttpRequest, exc: FormInvalidError) -> HttpResponse:
    return _error(request, 400, _("The request has values that are not valid."), exc.fields)


@api.exception_handler(ValidationError)
def _service_invalid(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    return _error(request, 400, _("The request cannot be carried out."), service_errors(exc))


@api.exception_handler(AuthenticationError)
def _unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    response = _error(
        request,
        401,
        _("Send a valid API token: the header Authorization: Bearer followed by the token."),
    )
    response["WWW-Authenticate"] = "Bearer"
    return response


@api.exception_handler(Http404)
def _not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return _error(request, 404, _("There is nothing here, or you may not see it."))


@api.exception_handler(PermissionDenied)
def _forbidden(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    return _error(request, 403, _("Your account may not do this."))


@api.exception_handler(Throttled)
def _throttled(request: HttpRequest, exc: Throttled) -> HttpResponse:
    response = _error(
        request, 429, _("Too many requests with this token. Wait a moment and try again.")
    )
    if exc.wait:
        response["Retry-After"] = str(int(exc.wait))
    return response


@api.exception_handler(HttpError)
def _http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    return _error(request, exc.status_code, str(exc))


def _open_to_the_api(patterns: list) -> list:
    """The API's routes skip LoginRequiredMiddleware: the token, not a session, signs in."""
    for entry in patterns:
        if isinstance(entry, URLResolver):
            _open_to_the_api(entry.url_patterns)
        elif isinstance(entry, URLPattern):
            entry.callback = login_not_required(entry.callback)
    return patterns


def api_urls() -> tuple[list, str, str]:
    patterns, app_name, namespace = api.urls
    return _open_to_the_api(list(patterns)), app_name, namespace


def api_url_names() -> set[str]:
    """The names of the API's routes, for stegvis.urls.PUBLIC_URL_NAMES (each answers 401 without
    a token instead of sending the visitor to the login page)."""
    patterns, _app_name, namespace = api.urls
    return {f"{namespace}:{p.name}" for p in patterns if isinstance(p, URLPattern) and p.name}
