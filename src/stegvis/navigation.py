"""The main menu: each entry shows only for users who hold its capability."""

from __future__ import annotations

from dataclasses import dataclass

from django.http import HttpRequest
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from stegvis.core.permissions import capabilities_of


@dataclass(frozen=True)
class NavEntry:
    url_name: str
    label: str | Promise
    capability: str


NAV_ENTRIES = (
    NavEntry("participants:caseload", _("Participants"), "participant.view"),
    NavEntry("projects:list", _("Projects"), "project.view"),
    NavEntry("accounts:organisation_list", _("Organisations"), "organisation.manage"),
    NavEntry("accounts:user_list", _("Users"), "user.manage"),
    NavEntry("core:audit_list", _("Audit trail"), "audit.view"),
)


def navigation(request: HttpRequest) -> dict:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": []}
    held = capabilities_of(user)
    items = []
    for entry in NAV_ENTRIES:
        if entry.capability not in held:
            continue
        url = reverse(entry.url_name)
        current = request.path == url or (url != "/" and request.path.startswith(url))
        items.append({"url": url, "label": entry.label, "current": current})
    return {"nav_items": items, "capabilities": held}
