"""Every write to projects, their partners and staff. Each call is audited."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from stegvis.accounts import services as account_services
from stegvis.accounts.models import Organisation, OrganisationKind, User
from stegvis.core import audit
from stegvis.core.permissions import Role
from stegvis.projects.models import Project, ProjectPartner, ProjectStaff
from stegvis.projects.projektbanken import ProjectRecord

PROJECT_FIELDS = (
    "diarienummer", "name", "owner", "programme_period", "region", "nuts2", "programme_area",
    "specific_objective", "intervention_type", "fund", "eu_cofinancing_rate", "total_budget_sek",
    "esf_support_sek", "planned_participants", "planned_women", "planned_men", "start_date",
    "end_date", "contact_name", "contact_email", "postcode", "city", "description", "extra",
)  # fmt: skip


def _validate_plan(project: Project) -> None:
    if (
        project.planned_participants is not None
        and project.planned_women is not None
        and project.planned_men is not None
        and project.planned_women + project.planned_men > project.planned_participants
    ):
        raise ValidationError(
            {
                "planned_women": _(
                    "Planned women and men together are more than the planned participants."
                )
            }
        )


@transaction.atomic
def project_create(
    *, actor: User, diarienummer: str, name: str, owner: Organisation, **values: Any
) -> Project:
    """Register a project owned by `owner`; the creating manager becomes its project manager."""
    unknown = set(values) - set(PROJECT_FIELDS)
    if unknown:
        raise TypeError(f"project_create got unknown fields: {sorted(unknown)}")
    project = Project(diarienummer=diarienummer.strip(), name=name.strip(), owner=owner, **values)
    _validate_plan(project)
    project.full_clean()
    project.save()
    audit.record(
        actor=actor,
        action="project.created",
        target=project,
        label=project.diarienummer,
        changes=audit.changes_between({}, audit.snapshot(project, PROJECT_FIELDS)),
    )
    if Role.MANAGER in actor.stegvis_roles():
        project_staff_add(actor=actor, project=project, user=actor, role=Role.MANAGER)
    return project


@transaction.atomic
def project_update(*, actor: User, project: Project, **values: Any) -> Project:
    """Change a project's metadata. Callers have checked `project.edit` on the project."""
    unknown = set(values) - set(PROJECT_FIELDS)
    if unknown:
        raise TypeError(f"project_update got unknown fields: {sorted(unknown)}")
    before = audit.snapshot(project, PROJECT_FIELDS)
    for field_name, value in values.items():
        setattr(project, field_name, value.strip() if isinstance(value, str) else value)
    _validate_plan(project)
    project.full_clean()
    project.save()
    changes = audit.changes_between(before, audit.snapshot(project, PROJECT_FIELDS))
    if changes:
        audit.record(
            actor=actor,
            action="project.updated",
            target=project,
            label=project.diarienummer,
            changes=changes,
        )
    return project


@transaction.atomic
def project_partner_add(
    *, actor: User | None, project: Project, organisation: Organisation, contribution: str = ""
) -> ProjectPartner:
    """Add a partner organisation (samarbetspart) to a project."""
    if organisation.pk == project.owner_id:
        raise ValidationError(_("The project owner is already part of the project."))
    partner, created = ProjectPartner.objects.get_or_create(
        project=project, organisation=organisation, defaults={"contribution": contribution.strip()}
    )
    if created:
        audit.record(
            actor=actor,
            action="project.partner_added",
            target=project,
            label=project.diarienummer,
            changes={"partner": [None, organisation.name]},
        )
    return partner


@transaction.atomic
def project_partner_remove(*, actor: User, partner: ProjectPartner) -> None:
    project, name = partner.project, partner.organisation.name
    partner.delete()
    audit.record(
        actor=actor,
        action="project.partner_removed",
        target=project,
        label=project.diarienummer,
        changes={"partner": [name, None]},
    )


@transaction.atomic
def project_staff_add(
    *, actor: User | None, project: Project, user: User, role: str
) -> ProjectStaff:
    """Put `user` to work in `project` in `role`, which must be a role they hold."""
    role = Role(role)
    if role == Role.ADMIN:
        raise ValidationError(_("System administrators are not project staff."))
    if role not in user.stegvis_roles():
        raise ValidationError(
            _("%(user)s does not have the role %(role)s in any organisation.")
            % {"user": user, "role": role.label}
        )
    staff, created = ProjectStaff.objects.get_or_create(project=project, user=user, role=role)
    if created:
        audit.record(
            actor=actor,
            action="project.staff_added",
            target=project,
            label=project.diarienummer,
            changes={"staff": [None, f"{user.username} ({role.value})"]},
        )
    return staff


@transaction.atomic
def project_staff_remove(*, actor: User, staff: ProjectStaff) -> None:
    project, username, role = staff.project, staff.user.username, staff.role
    staff.delete()
    audit.record(
        actor=actor,
        action="project.staff_removed",
        target=project,
        label=project.diarienummer,
        changes={"staff": [f"{username} ({role})", None]},
    )


def _guess_kind(name: str) -> str:
    lowered = name.lower()
    for needle, kind in (
        ("samordningsförbund", OrganisationKind.SAMORDNINGSFORBUND),
        ("kommun", OrganisationKind.MUNICIPALITY),
        ("region ", OrganisationKind.REGION),
        ("arbetsförmedlingen", OrganisationKind.ARBETSFORMEDLINGEN),
        ("försäkringskassan", OrganisationKind.FORSAKRINGSKASSAN),
        ("skola", OrganisationKind.SCHOOL),
        ("gymnasi", OrganisationKind.SCHOOL),
    ):
        if needle in lowered or lowered.startswith(needle.strip()):
            return kind
    return OrganisationKind.OTHER


def _owner_for(record: ProjectRecord, *, actor: User | None) -> Organisation:
    """The record's owner: found by organisation number, then by name, else registered."""
    owner = None
    if record.owner_org_number:
        owner = Organisation.objects.filter(org_number=record.owner_org_number).first()
    name = record.owner or _("Unknown owner")
    if owner is None:
        owner = Organisation.objects.filter(name__iexact=name).first()
    if owner is None:
        owner = account_services.organisation_create(
            actor=actor, name=name, kind=_guess_kind(name), org_number=record.owner_org_number or ""
        )
    elif record.owner_org_number and not owner.org_number:
        account_services.organisation_update(
            actor=actor, organisation=owner, org_number=record.owner_org_number
        )
    return owner


def _record_values(record: ProjectRecord) -> dict[str, Any]:
    def date(value: str | None) -> datetime.date | None:
        return datetime.date.fromisoformat(value) if value else None

    return {
        "name": record.name,
        "programme_period": record.programme_period,
        "region": record.region or "",
        "nuts2": record.nuts2 or "",
        "programme_area": record.programme_area or "",
        "specific_objective": record.specific_objective or "",
        "intervention_type": record.intervention_type or "",
        "fund": record.fund or "",
        "eu_cofinancing_rate": (
            Decimal(str(record.eu_cofinancing_rate))
            if record.eu_cofinancing_rate is not None
            else None
        ),
        "total_budget_sek": record.total_budget_sek,
        "esf_support_sek": record.esf_support_sek,
        "planned_participants": record.planned_participants,
        "start_date": date(record.start_date),
        "end_date": date(record.end_date),
        "contact_name": record.contact_name or "",
        "contact_email": record.contact_email or "",
        "postcode": record.postcode or "",
        "city": record.city or "",
        "description": record.description,
        "extra": [[label, value] for label, value in record.extra.items()],
    }


@transaction.atomic
def project_import_record(*, actor: User | None, record: ProjectRecord) -> tuple[Project, bool]:
    """Create or update (by diarienummer) the project in a parsed project-bank record.

    Returns the project and whether it was created. Importing the same record twice changes
    nothing the second time. Fields entered in Stegvis but absent from the record (planned women
    and men, partners, staff) are left alone.
    """
    owner = _owner_for(record, actor=actor)
    values = _record_values(record)
    project = Project.objects.filter(diarienummer=record.diarienummer).first()
    if project is None:
        project = Project(diarienummer=record.diarienummer, owner=owner, **values)
        project.full_clean()
        project.save()
        audit.record(
            actor=actor,
            action="project.imported",
            target=project,
            label=project.diarienummer,
            changes=audit.changes_between({}, audit.snapshot(project, PROJECT_FIELDS)),
        )
        return project, True
    before = audit.snapshot(project, PROJECT_FIELDS)
    for field_name, value in {**values, "owner": owner}.items():
        setattr(project, field_name, value)
    project.full_clean()
    changes = audit.changes_between(before, audit.snapshot(project, PROJECT_FIELDS))
    if changes:
        project.save()
        audit.record(
            actor=actor,
            action="project.reimported",
            target=project,
            label=project.diarienummer,
            changes=changes,
        )
    return project, False
