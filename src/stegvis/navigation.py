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
    NavEntry("participants:referral_list", _("Referrals"), "referral.create"),
    NavEntry("employers:list", _("Employers"), "employer.view"),
    NavEntry("projects:list", _("Projects"), "project.view"),
    NavEntry("coordination:index", _("Coordination"), "directory.view"),
    NavEntry("accounts:organisation_list", _("Organisations"), "organisation.manage"),
    NavEntry("accounts:user_list", _("Users"), "user.manage"),
    NavEntry("assessments:instrument_list", _("Instruments"), "instrument.manage"),
    NavEntry("core:audit_list", _("Audit trail"), "audit.view"),
)


def navigation(request: HttpRequest) -> dict:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": []}
    held = capabilities_of(user)
    items = [
        {"url": reverse(entry.url_name), "label": entry.label, "current": False}
        for entry in NAV_ENTRIES
        if entry.capability in held
    ]
    # The entry whose address is the longest prefix of the page's is the current one, so that
    # /participants/referrals/… marks Referrals, not Participants.
    matching = [item for item in items if request.path.startswith(item["url"])]
    if matching:
        max(matching, key=lambda item: len(item["url"]))["current"] = True
    return {"nav_items": items, "capabilities": held}
