"""Every write to users, organisations and memberships. Each call is audited."""

from __future__ import annotations

import secrets
from typing import Any

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from stegvis.accounts import two_factor
from stegvis.accounts.models import Membership, Organisation, OrganisationKind, User
from stegvis.core import audit
from stegvis.core.permissions import Role, can
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


# --- two-factor sign-in (accounts/two_factor.py) ----------------------------------------------

# Recovery codes are read aloud and typed: no 0/O, 1/l/I.
_CODE_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"


def normalise_recovery_code(code: str) -> str:
    """A code as stored: lower case, without the spaces and dashes people type."""
    return "".join(code.split()).replace("-", "").lower()


def _new_recovery_codes(user: User) -> list[str]:
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=two_factor.CODES_DEVICE, confirmed=True)
    codes = [
        "".join(secrets.choice(_CODE_ALPHABET) for _i in range(10))
        for _n in range(two_factor.RECOVERY_CODE_COUNT)
    ]
    for code in codes:
        device.token_set.create(token=code)
    return [f"{code[:5]}-{code[5:]}" for code in codes]


@transaction.atomic
def two_factor_start(*, actor: User) -> Any:
    """A new, not yet confirmed authenticator app for `actor` (a new key, shown as a QR code).

    An earlier unconfirmed one is replaced; a confirmed one keeps working until this one is
    confirmed (two_factor_confirm), so starting over never locks anybody out.
    """
    TOTPDevice.objects.filter(user=actor, confirmed=False).delete()
    return TOTPDevice.objects.create(user=actor, name=two_factor.APP_DEVICE, confirmed=False)


@transaction.atomic
def two_factor_confirm(*, actor: User, device: Any, code: str) -> list[str]:
    """Turn on two-factor sign-in with the app `device` once it shows the right `code`.

    The earlier app (a lost or replaced phone) stops working, and ten new recovery codes replace
    any earlier ones; they are returned to be shown once. Audited as account.two_factor_enabled
    (or account.two_factor_app_changed when an app was already in use).
    """
    if device.user_id != actor.pk or device.confirmed:
        raise ValidationError(_("Start setting up the app again."))
    if not device.verify_token("".join(code.split())):
        raise ValidationError(
            {
                "code": _(
                    "The code is not right. Check that the phone's clock is right and type the code the app shows now."
                )
            }
        )
    replaced = TOTPDevice.objects.filter(user=actor, confirmed=True).exclude(pk=device.pk)
    had_app = replaced.exists()
    replaced.delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    codes = _new_recovery_codes(actor)
    audit.record(
        actor=actor,
        action="account.two_factor_app_changed" if had_app else "account.two_factor_enabled",
        target=actor,
        label=actor.username,
    )
    return codes


@transaction.atomic
def recovery_codes_renew(*, actor: User) -> list[str]:
    """Ten new recovery codes for `actor`, who has two-factor sign-in; the old ones stop working."""
    if not two_factor.is_enabled(actor):
        raise ValidationError(_("Turn on two-factor sign-in first."))
    codes = _new_recovery_codes(actor)
    audit.record(
        actor=actor, action="account.recovery_codes_renewed", target=actor, label=actor.username
    )
    return codes


@transaction.atomic
def two_factor_disable(*, actor: User, user: User) -> None:
    """Turn two-factor sign-in off for `user`: by the user, when their roles do not require it,
    or by an administrator (user.manage) for a user who lost both phone and codes, who then sets
    it up again at the next sign-in. Audited as account.two_factor_disabled."""
    if actor.pk == user.pk and two_factor.is_required(user):
        raise ValidationError(_("Your role requires two-factor sign-in: it cannot be turned off."))
    if actor.pk != user.pk and not can(actor, "user.manage"):
        raise PermissionDenied
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
    audit.record(
        actor=actor,
        action="account.two_factor_disabled",
        target=user,
        label=user.username,
        changes={"by": [None, "self" if actor.pk == user.pk else "administrator"]},
    )


@transaction.atomic
def two_factor_signed_in(*, actor: User, device: Any) -> None:
    """Note a second-factor sign-in: one with a recovery code is audited
    (account.recovery_code_used, with the codes left), for the user's own security page and the
    administrators."""
    if isinstance(device, StaticDevice):
        audit.record(
            actor=actor,
            action="account.recovery_code_used",
            target=actor,
            label=actor.username,
            changes={"codes_left": [None, device.token_set.count()]},
        )
