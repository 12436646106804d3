"""Every write to users, organisations and memberships. Each call is audited."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from stegvis.accounts.models import Membership, Organisation, OrganisationKind, User
from stegvis.core import audit
from stegvis.core.permissions import Role
from stegvis.core.validators import normalise_org_number

ORGANISATION_FIELDS = ("name", "kind", "org_number", "municipality_code", "is_active")
USER_FIELDS = ("username", "first_name", "last_name", "email", "title", "phone", "is_active")


def _clean_organisation_values(values: dict[str, Any]) -> dict[str, Any]:
    cleaned = dict(values)
    if cleaned.get("org_number"):
        try:
            cleaned["org_number"] = normalise_org_number(cleaned["org_number"])
        except ValidationError as exc:
            raise ValidationError({"org_number": exc.messages}) from None
    code = (cleaned.get("municipality_code") or "").strip()
    if code and not (len(code) == 4 and code.isdigit()):
        raise ValidationError(
            {"municipality_code": _("A municipality code is four digits, like 1880.")}
        )
    cleaned["municipality_code"] = code
    return cleaned


def _check_name_free(name: str, *, exclude_pk: int | None = None) -> None:
    clash = Organisation.objects.filter(name__iexact=name.strip())
    if exclude_pk is not None:
        clash = clash.exclude(pk=exclude_pk)
    if clash.exists():
        raise ValidationError({"name": _("There is already an organisation with this name.")})


@transaction.atomic
def organisation_create(
    *,
    actor: User | None,
    name: str,
    kind: str = OrganisationKind.OTHER,
    org_number: str = "",
    municipality_code: str = "",
) -> Organisation:
    """Register an organisation. Callers check `organisation.manage` (or run as an import)."""
    values = _clean_organisation_values(
        {
            "name": name.strip(),
            "kind": kind,
            "org_number": org_number,
            "municipality_code": municipality_code,
        }
    )
    _check_name_free(values["name"])
    organisation = Organisation(**values)
    organisation.full_clean()
    organisation.save()
    audit.record(
        actor=actor,
        action="organisation.created",
        target=organisation,
        changes=audit.changes_between({}, audit.snapshot(organisation, ORGANISATION_FIELDS)),
    )
    return organisation


@transaction.atomic
def organisation_update(*, actor: User, organisation: Organisation, **values: Any) -> Organisation:
    """Change an organisation's name, kind, numbers or active state."""
    unknown = set(values) - set(ORGANISATION_FIELDS)
    if unknown:
        raise TypeError(f"organisation_update got unknown fields: {sorted(unknown)}")
    before = audit.snapshot(organisation, ORGANISATION_FIELDS)
    values = _clean_organisation_values({**before, **values})
    _check_name_free(values["name"], exclude_pk=organisation.pk)
    for field, value in values.items():
        setattr(organisation, field, value)
    organisation.full_clean()
    organisation.save()
    changes = audit.changes_between(before, audit.snapshot(organisation, ORGANISATION_FIELDS))
    if changes:
        audit.record(
            actor=actor, action="organisation.updated", target=organisation, changes=changes
        )
    return organisation


@transaction.atomic
def user_create(
    *,
    actor: User | None,
    username: str,
    first_name: str,
    last_name: str,
    email: str = "",
    title: str = "",
    password: str | None = None,
) -> User:
    """Create a staff account. Without a password the user sets one through the reset e-mail."""
    user = User(
        username=username.strip(),
        first_name=first_name.strip(),
        last_name=last_name.strip(),
        email=email.strip(),
        title=title.strip(),
    )
    if password:
        validate_password(password, user)
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.full_clean()
    user.save()
    audit.record(
        actor=actor,
        action="user.created",
        target=user,
        label=user.username,
        changes=audit.changes_between({}, audit.snapshot(user, USER_FIELDS)),
    )
    return user


@transaction.atomic
def user_update(*, actor: User, user: User, **values: Any) -> User:
    """Change a staff user's name, e-mail, title, phone or active state."""
    unknown = set(values) - set(USER_FIELDS)
    if unknown:
        raise TypeError(f"user_update got unknown fields: {sorted(unknown)}")
    if values.get("is_active") is False and user.pk == actor.pk:
        raise ValidationError({"is_active": _("You cannot deactivate your own account.")})
    before = audit.snapshot(user, USER_FIELDS)
    for field, value in values.items():
        setattr(user, field, value.strip() if isinstance(value, str) else value)
    user.full_clean()
    user.save()
    changes = audit.changes_between(before, audit.snapshot(user, USER_FIELDS))
    if changes:
        audit.record(
            actor=actor, action="user.updated", target=user, label=user.username, changes=changes
        )
    return user


@transaction.atomic
def membership_add(
    *, actor: User | None, user: User, organisation: Organisation, role: str
) -> Membership:
    """Give `user` a role at `organisation`; adding one that exists changes nothing."""
    role = Role(role)
    membership, created = Membership.objects.get_or_create(
        user=user, organisation=organisation, role=role
    )
    if created:
        audit.record(
            actor=actor,
            action="membership.added",
            target=user,
            label=user.username,
            changes={"membership": [None, f"{role.value}@{organisation.public_id}"]},
        )
    return membership


@transaction.atomic
def membership_remove(*, actor: User, membership: Membership) -> None:
    """Take a role at an organisation away from a user."""
    user, role, organisation = membership.user, membership.role, membership.organisation
    if role == Role.ADMIN and user.pk == actor.pk:
        raise ValidationError(_("You cannot remove your own administrator role."))
    membership.delete()
    audit.record(
        actor=actor,
        action="membership.removed",
        target=user,
        label=user.username,
        changes={"membership": [f"{role}@{organisation.public_id}", None]},
    )
