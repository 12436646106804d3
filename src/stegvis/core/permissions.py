"""Who may do what: roles map to capabilities here, and nowhere else.

A user's roles come from their memberships in organisations (what kind of work they do). A scope
such as a project narrows that to the roles the user holds *in that project*, so a coach in one
project is not a coach in every project. A system administrator may do everything, everywhere.

Which *objects* a user may see is decided per entity in each app's access.py and selectors.py;
those call `can()` for the capability and add the entity's own visibility rule.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, Protocol

from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    ADMIN = "ADMIN", _("System administrator")
    MANAGER = "MANAGER", _("Project manager")
    COACH = "COACH", _("Coach")
    REFERRAL_GROUP = "REFERRAL_GROUP", _("Referral group member")
    EVALUATOR = "EVALUATOR", _("Evaluator")
    FUNDER = "FUNDER", _("Funder or steering group")
    CASEWORKER = "CASEWORKER", _("Caseworker at a partner agency")


# The capabilities, with what they let a user do. Add new ones here, with their roles below.
CAPABILITY_DESCRIPTIONS: dict[str, str] = {
    "project.view": "see projects that the user's organisation or staff role gives them",
    "project.create": "register a new project for an organisation where the user is a manager",
    "project.edit": "change a project's metadata, partners and staff",
    "project.import": "import project-bank records",
    "organisation.manage": "register and change organisations",
    "user.manage": "create staff accounts and give them memberships",
    "audit.view": "search the audit trail",
    "participant.view": "see participants: a coach their own caseload, a manager their projects'",
    "participant.edit": "record contacts, steps, jobs, notes, exits and follow-ups",
    "participant.enroll": "register people and enroll them in a project",
    "identity.reveal": "show a personal identity number in full (audited)",
    "person.merge": "merge two records of the same person",
    "referral.create": "send a referral to a project's referral group",
    "referral.decide": "decide on referrals in a referral group",
    "referral_group.manage": "set up referral groups, their members and meetings",
    "instrument.manage": "add assessment instruments (like SKAPA) and change them in new versions",
    "progression.view": "see a project's progression statistics (aggregates; small numbers hidden from those who may not see every participant)",
    "employer.view": "see the employer register, contacts, agreements and openings of the organisations whose projects the user works in",
    "employer.edit": "register employers and their contact people; log employer contacts, agreements and openings",
    "match.view": "see how vocational profiles and job openings match, among the participants the user may see",
    "privacy.manage": "the GDPR rights of a person in the user's projects: print their access history, give a register extract, record that they withdraw consent to processing, anonymise them",
    "report.view": "see a project's reports (ESF+ indicators, outcomes) and download them; aggregates only, small numbers hidden from those who may not see every participant",
    "intake.register": "register a contact in the one way in (en väg in) and follow what became of the contacts one registered",
    "intake.route": "route the contacts of a one way in: as a manager of its coordination project",
    "directory.view": "search the directory of partners and civil-society organisations",
    "directory.edit": "add and change entries in the directory of partners",
    "survey.manage": "write the participants' surveys of a project, open and close them, invite participants",
    "youth.edit": "record a young participant's school and studies, monthly attendance, guardians and their consent, KAA status and referrals",
    "attendance.import": "import a school's file of monthly attendance into a project",
    "fidelity.review": "record a project's fidelity reviews (IPS-25 and other scales), finish them and correct finished ones (audited): its managers and evaluators",
    "exchange.export_pseudonymised": "download a project's exchange files pseudonymised for evaluation (no names, personnummer or coaches; birth year only): its managers and evaluators",
}
ALL_CAPABILITIES = frozenset(CAPABILITY_DESCRIPTIONS)

ROLE_CAPABILITIES: dict[Role, frozenset[str]] = {
    Role.ADMIN: ALL_CAPABILITIES,
    Role.MANAGER: frozenset(
        {
            "project.view",
            "project.create",
            "project.edit",
            "participant.view",
            "participant.edit",
            "participant.enroll",
            "identity.reveal",
            "person.merge",
            "referral.create",
            "referral.decide",
            "referral_group.manage",
            "progression.view",
            "employer.view",
            "employer.edit",
            "match.view",
            "report.view",
            "privacy.manage",
            "intake.register",
            "intake.route",
            "directory.view",
            "directory.edit",
            "survey.manage",
            "youth.edit",
            "attendance.import",
            "fidelity.review",
            "exchange.export_pseudonymised",
        }
    ),
    Role.COACH: frozenset(
        {
            "project.view",
            "participant.view",
            "participant.edit",
            "participant.enroll",
            "identity.reveal",
            "referral.create",
            "progression.view",
            "employer.view",
            "employer.edit",
            "match.view",
            "report.view",
            "intake.register",
            "directory.view",
            "youth.edit",
        }
    ),
    Role.REFERRAL_GROUP: frozenset(
        {"project.view", "referral.create", "referral.decide", "intake.register", "directory.view"}
    ),
    Role.EVALUATOR: frozenset(
        {
            "project.view",
            "progression.view",
            "report.view",
            "directory.view",
            "fidelity.review",
            "exchange.export_pseudonymised",
        }
    ),
    Role.FUNDER: frozenset({"project.view", "progression.view", "report.view", "directory.view"}),
    Role.CASEWORKER: frozenset({"referral.create", "intake.register", "directory.view"}),
}


class HasRoles(Protocol):
    is_authenticated: bool
    is_active: bool
    is_superuser: bool

    def stegvis_roles(self) -> frozenset[Role]: ...


class RoleScope(Protocol):
    def roles_for(self, user: Any) -> frozenset[Role]: ...


def is_system_admin(user: Any) -> bool:
    """True for an active system administrator (the ADMIN role, or a Django superuser)."""
    if not getattr(user, "is_authenticated", False):
        return False
    if not user.is_active:
        return False
    if user.is_superuser:
        return True
    return Role.ADMIN in user.stegvis_roles()


def can(user: Any, capability: str, *, scope: RoleScope | None = None) -> bool:
    """May `user` use `capability`, anywhere (scope None) or within `scope` (e.g. a project)?"""
    if capability not in ALL_CAPABILITIES:
        raise ValueError(f"Unknown capability {capability!r}; declare it in core/permissions.py.")
    if not getattr(user, "is_authenticated", False):
        return False
    if not user.is_active:
        return False
    if is_system_admin(user):
        return True
    roles = user.stegvis_roles() if scope is None else scope.roles_for(user)
    return any(capability in ROLE_CAPABILITIES[role] for role in roles)


def capabilities_of(user: Any) -> frozenset[str]:
    """Every capability the user holds somewhere; the navigation is built from this."""
    return frozenset(cap for cap in ALL_CAPABILITIES if can(user, cap))


def require_capability(capability: str) -> Callable:
    """View decorator: 403 unless the user holds `capability` somewhere.

    Object-level checks come after, in the entity's access function (which answers 404).
    """
    if capability not in ALL_CAPABILITIES:
        raise ValueError(f"Unknown capability {capability!r}; declare it in core/permissions.py.")

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not can(request.user, capability):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        wrapped.required_capability = capability  # type: ignore[attr-defined]
        return wrapped

    return decorator
