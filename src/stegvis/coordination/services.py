"""Every write of the coordination function. Each call is audited in the transaction of the change.

Desks: `desk_save`. Contacts: `intake_register`, `intake_route_to_project` (makes a referral to
the project's referral group through participants.services), `intake_route_to_support`,
`intake_close`. Directory: `directory_entry_save`.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from stegvis.accounts.models import Organisation, User
from stegvis.coordination import tokens
from stegvis.coordination.models import (
    DirectoryEntry,
    Intake,
    IntakeDesk,
    IntakeSource,
    IntakeStatus,
)
from stegvis.core import audit
from stegvis.participants import services as participant_services
from stegvis.participants.models import ReferralGroup, ReferrerKind
from stegvis.projects.models import Project

DESK_FIELDS = ("name", "area", "intro", "phone", "is_open")
DIRECTORY_FIELDS = (
    "name", "organisation", "kind", "offers", "for_whom", "area", "how_to_reach", "phone", "email",
    "website", "is_active",
)  # fmt: skip
# Values of these never enter the audit trail (the trail says that they were given, not what).
INTAKE_PERSONAL = ("first_name", "last_name", "phone", "email", "need")


def _record(actor: User | None, action: str, intake: Intake, changes: dict | None = None) -> None:
    audit.record(
        actor=actor, action=action, target=intake, label=intake.reference, changes=changes,
        person_key=intake.person.public_id if intake.person_id else intake.public_id,
    )  # fmt: skip


# --- Desks ----------------------------------------------------------------------------------


@transaction.atomic
def desk_save(
    *, actor: User, project: Project, desk: IntakeDesk | None = None, **values: Any
) -> IntakeDesk:
    """Open the one way in of a coordination project, or change it. The caller checks that the
    actor manages the project (views use projects.access.access_project(for_write=True))."""
    unknown = set(values) - set(DESK_FIELDS)
    if unknown:
        raise TypeError(f"desk_save got unknown fields: {sorted(unknown)}")
    if desk is None:
        if IntakeDesk.objects.filter(project=project).exists():
            raise ValidationError(_("This project already runs a one way in."))
        desk = IntakeDesk(project=project)
    before = audit.snapshot(desk, DESK_FIELDS) if desk.pk else {}
    for name, value in values.items():
        setattr(desk, name, value.strip() if isinstance(value, str) else value)
    desk.full_clean()
    desk.save()
    audit.record(
        actor=actor, action="intake_desk.saved", target=desk, label=desk.name,
        changes=audit.changes_between(before, audit.snapshot(desk, DESK_FIELDS)),
    )  # fmt: skip
    return desk


# --- Contacts -------------------------------------------------------------------------------


def _next_reference(today: Any) -> str:
    prefix = f"VI-{today:%Y}-"
    count = Intake.objects.filter(reference__startswith=prefix).count() + 1
    while Intake.objects.filter(reference=f"{prefix}{count:04d}").exists():
        count += 1
    return f"{prefix}{count:04d}"


@transaction.atomic
def intake_register(
    *,
    actor: User | None,
    desk: IntakeDesk,
    source: str,
    first_name: str,
    birth_year: int,
    need: str,
    consent_registration: bool,
    consent_feedback: bool = False,
    last_name: str = "",
    gender: str = "",
    phone: str = "",
    email: str = "",
    registered_by_organisation: Organisation | None = None,
) -> tuple[Intake, str]:
    """Register a contact at the one way in; returns (intake, receipt code).

    With an actor (a partner signed in) the contact is theirs to follow, and the receipt code is
    empty. Without one (the person themself on the public form) the source is SELF and a receipt
    code is made: it is returned only here and stored only as a hash. The person's details never
    enter the audit trail.
    """
    if not desk.is_open:
        raise ValidationError(_("This one way in does not take new contacts now."))
    if not consent_registration:
        raise ValidationError(
            {
                "consent_registration": _(
                    "The person must agree to the contact before it is registered."
                )
            }
        )
    receipt = ""
    if actor is None:
        source = IntakeSource.SELF
        registered_by_organisation = None
        # The person follows their own contact: what became of it is theirs to see.
        consent_feedback = True
        receipt = tokens.new_receipt()
    elif source == IntakeSource.SELF:
        raise ValidationError(
            {"source": _("Choose where you work: the public form is for the person.")}
        )
    today = timezone.localdate()
    intake = Intake(
        desk=desk,
        reference=_next_reference(today),
        receipt_hash=tokens.hash_receipt(receipt) if receipt else "",
        source=source,
        registered_by=actor,
        registered_by_organisation=registered_by_organisation,
        first_name=first_name.strip(),
        last_name=last_name.strip(),
        birth_year=birth_year,
        gender=gender,
        phone=phone.strip(),
        email=email.strip(),
        need=need.strip(),
        consent_registration=True,
        consent_feedback=consent_feedback,
    )
    intake.full_clean()
    intake.save()
    changes = {field: [None, audit.REDACTED] for field in INTAKE_PERSONAL if getattr(intake, field)}
    changes.update(
        {
            "desk": [None, desk.name],
            "source": [None, source],
            "consent_feedback": [None, consent_feedback],
            "receipt": [None, bool(receipt)],
        }
    )
    _record(actor, "intake.registered", intake, changes)
    return intake, receipt


def _check_open(intake: Intake) -> None:
    if intake.status != IntakeStatus.NEW:
        raise ValidationError(_("The contact has already been handled."))


def _finish(
    actor: User, intake: Intake, status: str, message: str, note: str, changes: dict[str, Any]
) -> Intake:
    before = intake.status
    intake.status = status
    intake.outcome_message = message.strip()
    intake.internal_note = note.strip()
    intake.routed_by = actor
    intake.routed_on = timezone.localdate()
    intake.full_clean()
    intake.save()
    changes = {"status": [before, status], **changes}
    if intake.outcome_message:
        changes["outcome_message"] = [None, intake.outcome_message]
    _record(actor, "intake.routed", intake, changes)
    return intake


@transaction.atomic
def intake_route_to_project(
    *,
    actor: User,
    intake: Intake,
    group: ReferralGroup,
    reason: str,
    own_goal: str,
    motivation: str,
    identity_number: str = "",
    gender: str = "",
    message: str = "",
    note: str = "",
) -> Intake:
    """Route a contact to a project: register the person (or recognise them by their identity
    number) and send a referral to the project's referral group, through participants.services,
    so the referral group decides as for any referral. The referral is the coordinator's, on
    behalf of the one who got in touch (their organisation is named as the referrer)."""
    _check_open(intake)
    intake.gender = gender or intake.gender
    if not intake.gender:
        raise ValidationError({"gender": _("Give the person's gender before the referral.")})
    person, _created = participant_services.person_register(
        actor=actor,
        gender=intake.gender,
        birth_year=None if identity_number.strip() else intake.birth_year,
        identity_number=identity_number,
        first_name=intake.first_name,
        last_name=intake.last_name,
        phone=intake.phone,
        email=intake.email,
    )
    referral = participant_services.referral_submit(
        actor=actor,
        group=group,
        person=person,
        referrer_kind=ReferrerKind.SELF
        if intake.source == IntakeSource.SELF
        else ReferrerKind.CASEWORKER,
        referrer_organisation=intake.registered_by_organisation,
        referrer_name=intake.registered_by.get_full_name() if intake.registered_by else "",
        reason=reason,
        own_goal=own_goal,
        motivation=motivation,
        consent_given=intake.consent_registration,
    )
    intake.person = person
    intake.referral = referral
    intake.project = group.project
    return _finish(
        actor, intake, IntakeStatus.TO_PROJECT, message, note,
        {"project": [None, group.project.name], "referral": [None, str(referral.public_id)]},
    )  # fmt: skip


@transaction.atomic
def intake_route_to_support(
    *, actor: User, intake: Intake, entry: DirectoryEntry, message: str = "", note: str = ""
) -> Intake:
    """Route a contact to a support in the directory (outside the projects in Stegvis)."""
    _check_open(intake)
    if not entry.is_active:
        raise ValidationError({"entry": _("This support is no longer in the directory.")})
    intake.directory_entry = entry
    return _finish(
        actor,
        intake,
        IntakeStatus.TO_SUPPORT,
        message,
        note,
        {"directory_entry": [None, entry.name]},
    )


@transaction.atomic
def intake_close(*, actor: User, intake: Intake, message: str, note: str = "") -> Intake:
    """Close a contact without routing it (e.g. the need was met by advice); say why."""
    _check_open(intake)
    if not message.strip():
        raise ValidationError(
            {"message": _("Say what became of the contact; the one who got in touch reads it.")}
        )
    return _finish(actor, intake, IntakeStatus.CLOSED, message, note, {})


# --- Directory ------------------------------------------------------------------------------


@transaction.atomic
def directory_entry_save(
    *, actor: User, entry: DirectoryEntry | None = None, **values: Any
) -> DirectoryEntry:
    """Add an entry to the directory of partners, or change one."""
    unknown = set(values) - set(DIRECTORY_FIELDS)
    if unknown:
        raise TypeError(f"directory_entry_save got unknown fields: {sorted(unknown)}")
    entry = entry or DirectoryEntry()
    before = audit.snapshot(entry, DIRECTORY_FIELDS) if entry.pk else {}
    for name, value in values.items():
        setattr(entry, name, value.strip() if isinstance(value, str) else value)
    try:
        entry.full_clean()
    except ValidationError as exc:
        if "__all__" in getattr(exc, "error_dict", {}):
            raise ValidationError(
                {"name": _("The directory already has an entry with this name in this area.")}
            ) from None
        raise
    entry.save()
    audit.record(
        actor=actor, action="directory_entry.saved", target=entry, label=entry.name,
        changes=audit.changes_between(before, audit.snapshot(entry, DIRECTORY_FIELDS)),
    )  # fmt: skip
    return entry
