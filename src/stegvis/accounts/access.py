"""The only way a view obtains an organisation, a user or a membership by id."""

from __future__ import annotations

import uuid

from django.http import Http404

from stegvis.accounts.models import Membership, Organisation, User
from stegvis.core.permissions import can


def access_organisation(user: object, organisation_id: uuid.UUID | str) -> Organisation:
    """An organisation, for those who manage organisations (system administrators); else 404."""
    if not can(user, "organisation.manage"):
        raise Http404
    organisation = Organisation.objects.filter(public_id=organisation_id).first()
    if organisation is None:
        raise Http404
    return organisation


def access_user(user: object, user_id: uuid.UUID | str) -> User:
    """A staff user's account, for those who manage users (system administrators); else 404."""
    if not can(user, "user.manage"):
        raise Http404
    found = User.objects.filter(public_id=user_id).first()
    if found is None:
        raise Http404
    return found


def access_membership(user: object, membership_id: int) -> Membership:
    """A membership row, for those who manage users; else 404."""
    if not can(user, "user.manage"):
        raise Http404
    membership = (
        Membership.objects.filter(pk=membership_id).select_related("user", "organisation").first()
    )
    if membership is None:
        raise Http404
    return membership
