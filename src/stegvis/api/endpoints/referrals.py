"""Referrals: GET /api/v1/referrals/ and /api/v1/referrals/{id}, as on the referral pages."""

from __future__ import annotations

import datetime
import uuid

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from ninja import Field, Query, Router, Schema

from stegvis.api.common import ChangedSince, Page, Paging, audit_list, page_of, responses
from stegvis.core.permissions import can
from stegvis.participants import access, selectors
from stegvis.participants.models import Referral, ReferralStatus

router = Router(tags=["referrals"])


class ReferralOut(Schema):
    id: uuid.UUID
    project: uuid.UUID
    group: str = Field(description="The referral group's name.")
    status: str
    received_on: datetime.date
    referrer_kind: str = Field(description="CASEWORKER or SELF.")
    referrer_organisation: str | None
    consent_given: bool
    meeting_date: datetime.date | None
    updated_at: datetime.datetime


class ReferralDetailOut(ReferralOut):
    first_name: str
    last_name: str
    reason: str
    own_goal: str
    motivation: str
    decision_reason: str


class ReferralFilters(Schema):
    project: uuid.UUID | None = None
    status: ReferralStatus | None = Field(None, description="Only referrals in this status.")
    changed_since: ChangedSince | None = None


def referral_item(referral: Referral) -> dict:
    return {
        "id": referral.public_id,
        "project": referral.group.project.public_id,
        "group": referral.group.name,
        "status": referral.status,
        "received_on": referral.received_on,
        "referrer_kind": referral.referrer_kind,
        "referrer_organisation": (
            referral.referrer_organisation.name if referral.referrer_organisation else None
        ),
        "consent_given": referral.consent_given,
        "meeting_date": referral.meeting.date if referral.meeting else None,
        "updated_at": referral.updated_at,
    }


def _may_use_referrals(user: object) -> None:
    # The referral list page's rule (participants.views_referrals).
    if not (can(user, "referral.create") or can(user, "referral.decide")):
        raise PermissionDenied


@router.get("/", response=responses(Page[ReferralOut]), url_name="referral_list")
def referral_list(
    request: HttpRequest, filters: Query[ReferralFilters], paging: Query[Paging]
) -> dict:
    """Referrals the user may see: sent by them, to their groups, or in projects they manage
    (no names in the list). Audited as api.referrals_listed."""
    _may_use_referrals(request.user)
    found = selectors.referral_list_for(request.user, status=filters.status or "")
    if filters.project:
        found = found.filter(group__project__public_id=filters.project)
    if filters.changed_since:
        found = found.filter(updated_at__gte=filters.changed_since)
    items, count = page_of(found, paging, referral_item)
    audit_list(
        actor=request.user,
        action="api.referrals_listed",
        items=items,
        filters=filters.dict() | paging.dict(),
    )
    return {"items": items, "count": count}


@router.get("/{referral_id}", response=responses(ReferralDetailOut), url_name="referral_detail")
def referral_detail(request: HttpRequest, referral_id: uuid.UUID) -> dict:
    """One referral with the person's name and the reasons; audited as referral.viewed."""
    referral = access.access_referral(request.user, referral_id)
    return referral_item(referral) | {
        "first_name": referral.person.first_name,
        "last_name": referral.person.last_name,
        "reason": referral.reason,
        "own_goal": referral.own_goal,
        "motivation": referral.motivation,
        "decision_reason": referral.decision_reason,
    }
