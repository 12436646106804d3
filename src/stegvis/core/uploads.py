"""Checks of uploaded files, for every form that takes one: the kind (by name and by content,
not by what the browser claims) and the size. Each answers with a clear error in Swedish.

The size of a whole request is capped before Django reads it by RequestSizeMiddleware
(STEGVIS_MAX_REQUEST_MB), so a huge upload is refused without being stored.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

XLSX_MAGIC = b"PK\x03\x04"


def _looks_like_csv(head: bytes) -> bool:
    if b"\x00" in head:
        return False
    try:
        head.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        # A multi-byte character cut at the end of the sample is still UTF-8.
        return exc.start >= len(head) - 3
    return True


KINDS: dict[str, tuple[tuple[str, ...], Callable[[bytes], bool]]] = {
    "csv": ((".csv", ".txt"), _looks_like_csv),
    "xlsx": ((".xlsx",), lambda head: head.startswith(XLSX_MAGIC)),
}


def check_upload(upload: Any, *, kinds: tuple[str, ...], max_bytes: int) -> None:
    """Raise ValidationError unless `upload` is one of `kinds` ("csv", "xlsx") by its name and
    its first bytes, and at most `max_bytes` long. The file is left at its start."""
    name = upload.name or ""
    if upload.size > max_bytes:
        raise ValidationError(
            _("%(name)s is larger than %(size)s MB.")
            % {"name": name, "size": f"{max_bytes / 1_000_000:g}"}
        )
    upload.seek(0)
    head = upload.read(8192)
    upload.seek(0)
    for kind in kinds:
        extensions, sniff = KINDS[kind]
        if name.lower().endswith(extensions) and sniff(head):
            return
    raise ValidationError(
        _("%(name)s is not a file of the kind asked for (%(kinds)s).")
        % {"name": name, "kinds": ", ".join(k.upper() for k in kinds)}
    )


class RequestSizeMiddleware:
    """413 for a request body larger than STEGVIS_MAX_REQUEST_MB, before anything reads it."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        limit = settings.STEGVIS_MAX_REQUEST_MB * 1_000_000
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > limit:
            body = render_to_string(
                "core/request_too_large.html", {"limit": settings.STEGVIS_MAX_REQUEST_MB}, request
            )
            return HttpResponse(body, status=413)
        return self.get_response(request)
