"""Every write to employers, openings, vocational profiles and jobs after a hire. Each call is
audited inside the transaction of the change; writes about a participant carry the person's key.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from stegvis.accounts.models import Organisation, User
from stegvis.core import audit
from stegvis.core.validators import normalise_org_number
from stegvis.employers.models import (
    Agreement,
    Employer,
    EmployerContact,
    EmployerPerson,
    JobSupport,
    Occupation,
    Opening,
    OpeningStatus,
    VocationalProfile,
)
from stegvis.participants import services as participant_services
from stegvis.participants.codes import EmploymentKind
from stegvis.participants.models import Employment, Enrollment
from stegvis.projects.models import Project

EMPLOYER_FIELDS = (
    "name",
    "org_number",
    "sector",
    "industry",
    "municipality_code",
    "address",
    "notes",
)
OPENING_FIELDS = (
    "title", "ssyk", "hours_per_week", "municipality_code", "requirements",
    "driving_licence_required", "start_date", "status",
)  # fmt: skip
PROFILE_FIELDS = (
    "wanted_occupation", "ssyk", "hours_per_week", "municipalities", "commute", "experience",
    "skills", "education", "driving_licence", "adjustments", "not_wanted",
)  # fmt: skip


def _strip(values: dict[str, Any]) -> dict[str, Any]:
    return {k: v.strip() if isinstance(v, str) else v for k, v in values.items()}


def _org_number(value: str) -> str:
    if not value:
        return ""
    try:
        return normalise_org_number(value)
    except ValidationError as exc:
        raise ValidationError({"org_number": exc.messages}) from None


def _check_municipality(field: str, code: str) -> None:
    if code and not (len(code) == 4 and code.isdigit()):
        raise ValidationError({field: _("A municipality code is four digits, like 2482.")})


def _check_ssyk(code: str) -> None:
    if code and not Occupation.objects.filter(code=code).exists():
        raise ValidationError(
            {"ssyk": _("%(code)s is not in the SSYK 2012 code list.") % {"code": code}}
        )


def _check_project(employer: Employer, project: Project) -> None:
    if project.owner_id != employer.organisation_id:
        raise ValidationError(
            {
                "project": _(
                    "The project must belong to the organisation whose register the employer is in."
                )
            }
        )


# --- Employers -------------------------------------------------------------------------------


@transaction.atomic
def employer_register(
    *,
    actor: User | None,
    organisation: Organisation,
    name: str,
    org_number: str = "",
    **values: Any,
) -> tuple[Employer, bool]:
    """Enter an employer in an organisation's register, or recognise it by its organisation
    number when it is already there. Returns (employer, created)."""
    unknown = set(values) - set(EMPLOYER_FIELDS)
    if unknown:
        raise TypeError(f"employer_register got unknown fields: {sorted(unknown)}")
    number = _org_number(org_number.strip())
    existing = Employer.objects.filter(organisation=organisation, org_number=number).first()
    if number and existing is not None:
        return existing, False
    values = _strip(values)
    _check_municipality("municipality_code", values.get("municipality_code", ""))
    employer = Employer(organisation=organisation, name=name.strip(), org_number=number, **values)
    employer.full_clean()
    employer.save()
    audit.record(actor=actor, action="employer.created", target=employer, label=employer.name,
                 changes=audit.changes_between({}, audit.snapshot(employer, EMPLOYER_FIELDS)))  # fmt: skip
    return employer, True


@transaction.atomic
def employer_update(*, actor: User, employer: Employer, **values: Any) -> Employer:
    """Correct an employer's details. A new organisation number must not be another employer's."""
    unknown = set(values) - set(EMPLOYER_FIELDS)
    if unknown:
        raise TypeError(f"employer_update got unknown fields: {sorted(unknown)}")
    values = _strip(values)
    if "org_number" in values:
        values["org_number"] = _org_number(values["org_number"])
        if (
            values["org_number"]
            and Employer.objects.filter(
                organisation_id=employer.organisation_id, org_number=values["org_number"]
            )
            .exclude(pk=employer.pk)
            .exists()
        ):
            raise ValidationError(
                {"org_number": _("Another employer in the register has this organisation number.")}
            )
    _check_municipality("municipality_code", values.get("municipality_code", ""))
    before = audit.snapshot(employer, EMPLOYER_FIELDS)
    for field, value in values.items():
        setattr(employer, field, value)
    employer.full_clean()
    changes = audit.changes_between(before, audit.snapshot(employer, EMPLOYER_FIELDS))
    if changes:
        employer.save()
        audit.record(actor=actor, action="employer.updated", target=employer, label=employer.name,
                     changes=changes)  # fmt: skip
    return employer


@transaction.atomic
def employer_person_add(
    *, actor: User, employer: Employer, name: str, role: str = "", phone: str = "", email: str = ""
) -> EmployerPerson:
    """A contact person at the employer."""
    person = EmployerPerson(employer=employer, **_strip({"name": name, "role": role, "phone": phone,
                                                         "email": email}))  # fmt: skip
    person.full_clean()
    person.save()
    audit.record(actor=actor, action="employer.person_added", target=employer, label=employer.name,
                 changes={"person": [None, person.name]})  # fmt: skip
    return person


@transaction.atomic
def employer_contact_log(
    *,
    actor: User,
    employer: Employer,
    project: Project,
    kind: str,
    date: datetime.date,
    minutes: int | None = None,
    person: EmployerPerson | None = None,
    note: str = "",
) -> EmployerContact:
    """A contact the coach (`actor`) had with the employer for a project: a visit, a call, a job
    development meeting. Counted per coach and week for the IPS fidelity scale."""
    _check_project(employer, project)
    if person is not None and person.employer_id != employer.pk:
        raise ValidationError({"person": _("The contact person works at another employer.")})
    contact = EmployerContact(employer=employer, project=project, coach=actor, kind=kind, date=date,
                              minutes=minutes, person=person, note=note.strip())  # fmt: skip
    contact.full_clean()
    contact.save()
    audit.record(actor=actor, action="employer.contact_logged", target=employer, label=employer.name,
                 changes={"kind": [None, kind], "date": [None, date], "project": [None, project.diarienummer]})  # fmt: skip
    return contact


@transaction.atomic
def agreement_add(
    *,
    actor: User,
    employer: Employer,
    project: Project,
    kind: str,
    start_date: datetime.date,
    end_date: datetime.date | None = None,
    description: str = "",
) -> Agreement:
    """An agreement between a project and the employer."""
    _check_project(employer, project)
    if end_date and end_date < start_date:
        raise ValidationError({"end_date": _("The agreement cannot end before it starts.")})
    agreement = Agreement(employer=employer, project=project, kind=kind, start_date=start_date,
                          end_date=end_date, description=description.strip())  # fmt: skip
    agreement.full_clean()
    agreement.save()
    audit.record(actor=actor, action="employer.agreement_added", target=employer, label=employer.name,
                 changes={"kind": [None, kind], "start_date": [None, start_date], "project": [None, project.diarienummer]})  # fmt: skip
    return agreement


# --- Openings --------------------------------------------------------------------------------


def _next_opening_code(project: Project) -> str:
    count = Opening.objects.filter(project=project).count() + 1
    while True:
        code = f"J{count:04d}"
        if not Opening.objects.filter(project=project, code=code).exists():
            return code
        count += 1


@transaction.atomic
def opening_create(
    *,
    actor: User | None,
    employer: Employer,
    project: Project,
    title: str,
    code: str = "",
    **values: Any,
) -> Opening:
    """A job opening at the employer that a project works with. Without a code the opening gets
    the project's next free one (J0001, J0002, ...)."""
    unknown = set(values) - set(OPENING_FIELDS)
    if unknown:
        raise TypeError(f"opening_create got unknown fields: {sorted(unknown)}")
    _check_project(employer, project)
    values = _strip(values)
    _check_ssyk(values.get("ssyk", ""))
    _check_municipality("municipality_code", values.get("municipality_code", ""))
    code = code.strip() or _next_opening_code(project)
    if Opening.objects.filter(project=project, code=code).exists():
        raise ValidationError({"code": _("The project already has an opening with this id.")})
    opening = Opening(project=project, employer=employer, code=code, title=title.strip(),
                      created_by=actor, **values)  # fmt: skip
    opening.full_clean()
    opening.save()
    audit.record(actor=actor, action="opening.created", target=opening, label=opening.code,
                 changes=audit.changes_between({}, audit.snapshot(opening, ("code", *OPENING_FIELDS))))  # fmt: skip
    return opening


@transaction.atomic
def opening_update(*, actor: User | None, opening: Opening, **values: Any) -> Opening:
    """Change an opening's details or status (open, filled, closed)."""
    unknown = set(values) - set(OPENING_FIELDS)
    if unknown:
        raise TypeError(f"opening_update got unknown fields: {sorted(unknown)}")
    values = _strip(values)
    _check_ssyk(values.get("ssyk", ""))
    _check_municipality("municipality_code", values.get("municipality_code", ""))
    before = audit.snapshot(opening, OPENING_FIELDS)
    for field, value in values.items():
        setattr(opening, field, value)
    opening.full_clean()
    changes = audit.changes_between(before, audit.snapshot(opening, OPENING_FIELDS))
    if changes:
        opening.save()
        audit.record(actor=actor, action="opening.updated", target=opening, label=opening.code,
                     changes=changes)  # fmt: skip
    return opening


# --- Vocational profile ----------------------------------------------------------------------


def _municipalities(value: str) -> str:
    codes = value.replace(",", " ").split()
    for code in codes:
        _check_municipality("municipalities", code)
    return " ".join(dict.fromkeys(codes))


@transaction.atomic
def profile_save(*, actor: User | None, enrollment: Enrollment, **values: Any) -> VocationalProfile:
    """Write the participant's vocational profile with them: created the first time, changed
    after. The person's own words are kept as written; every change is audited with the old and
    the new value, which is the profile's history."""
    unknown = set(values) - set(PROFILE_FIELDS)
    if unknown:
        raise TypeError(f"profile_save got unknown fields: {sorted(unknown)}")
    participant_services.check_processing_allowed(enrollment.person)
    values = _strip(values)
    if "municipalities" in values:
        values["municipalities"] = _municipalities(values["municipalities"] or "")
    _check_ssyk(values.get("ssyk", ""))
    profile = VocationalProfile.objects.filter(enrollment=enrollment).first()
    created = profile is None
    if profile is None:
        profile = VocationalProfile(enrollment=enrollment)
    before = {} if created else audit.snapshot(profile, PROFILE_FIELDS)
    for field, value in values.items():
        setattr(profile, field, value)
    profile.updated_by = actor if getattr(actor, "is_authenticated", False) else None
    profile.full_clean()
    changes = audit.changes_between(before, audit.snapshot(profile, PROFILE_FIELDS))
    if created or changes:
        profile.save()
        audit.record(
            actor=actor, action="vocational_profile.created" if created else "vocational_profile.updated",
            target=profile, label=str(enrollment), changes=changes, person_key=enrollment.person.public_id,
        )  # fmt: skip
    return profile


# --- Hire and support after it ---------------------------------------------------------------


@transaction.atomic
def hire_record(
    *,
    actor: User | None,
    opening: Opening,
    enrollment: Enrollment,
    start_date: datetime.date,
    competitive: bool,
    subsidy: str = "",
    hours_per_week: Decimal | None = None,
    occupation: str = "",
) -> Employment:
    """A match became a job: the participant's job record (participants.services.employment_add)
    at the opening's employer, linked to the opening, which is then filled."""
    if opening.status != OpeningStatus.OPEN:
        raise ValidationError(_("The opening is not open any more."))
    participant_services.check_processing_allowed(enrollment.person)
    if enrollment.project.owner_id != opening.employer.organisation_id:
        raise ValidationError(_("The participant's project does not work with this employer."))
    employment = participant_services.employment_add(
        actor=actor,
        enrollment=enrollment,
        kind=EmploymentKind.JOB,
        employer=opening.employer.name,
        employer_org_number=opening.employer.org_number,
        start_date=start_date,
        competitive=competitive,
        subsidy=subsidy,
        hours_per_week=hours_per_week if hours_per_week is not None else opening.hours_per_week,
        occupation=occupation.strip() or opening.title,
    )
    before = opening.status
    opening.status = OpeningStatus.FILLED
    opening.employment = employment
    opening.save(update_fields=["status", "employment", "updated_at"])
    audit.record(actor=actor, action="opening.filled", target=opening, label=opening.code,
                 changes={"status": [before, opening.status], "participant": [None, str(enrollment)]},
                 person_key=enrollment.person.public_id)  # fmt: skip
    return employment


@transaction.atomic
def job_support_add(
    *,
    actor: User,
    employment: Employment,
    date: datetime.date,
    recipient: str,
    kind: str,
    minutes: int | None = None,
    note: str = "",
) -> JobSupport:
    """Follow-along support on a job, to the participant, the employer or both."""
    if employment.kind != EmploymentKind.JOB:
        raise ValidationError(_("Support after a hire is logged on a job."))
    if date < employment.start_date:
        raise ValidationError({"date": _("The support cannot come before the job started.")})
    support = JobSupport(employment=employment, date=date, recipient=recipient, kind=kind,
                         minutes=minutes, note=note.strip(), recorded_by=actor)  # fmt: skip
    support.full_clean()
    support.save()
    enrollment = employment.enrollment
    audit.record(actor=actor, action="job.support_logged", target=enrollment, label=str(enrollment),
                 changes={"employment": [None, employment.pk], "recipient": [None, recipient], "kind": [None, kind],
                          "date": [None, date], "minutes": [None, minutes]},
                 person_key=enrollment.person.public_id)  # fmt: skip
    return support


@transaction.atomic
def job_end(
    *, actor: User | None, employment: Employment, end_date: datetime.date, end_reason: str
) -> Employment:
    """The end of a job with its reason (participants.services.employment_end). The participant
    then shows as needing help toward the next job until a new one starts."""
    if not end_reason:
        raise ValidationError({"end_reason": _("Say why the job ended.")})
    if employment.end_date is not None:
        raise ValidationError(_("The job has already ended."))
    return participant_services.employment_end(
        actor=actor, employment=employment, end_date=end_date, end_reason=end_reason
    )


# --- The SSYK code list ----------------------------------------------------------------------


@transaction.atomic
def occupations_import(*, actor: User | None, rows: Iterable[tuple[str, str]]) -> tuple[int, int]:
    """Load SSYK 2012 unit groups (code, Swedish name): new codes are added and names updated;
    codes not in `rows` stay (profiles and openings may use them). All or nothing. Returns
    (added, changed)."""
    added = changed = 0
    seen: set[str] = set()
    for line, (code, name) in enumerate(rows, start=2):
        code, name = code.strip(), name.strip()
        if not (len(code) == 4 and code.isdigit()) or not name:
            raise ValidationError(
                _(
                    "Row %(line)s: write a four-digit code and a name, like 5120;Kockar och kallskänkor."
                )
                % {"line": line}
            )
        if code in seen:
            raise ValidationError(
                _("Row %(line)s: the code %(code)s comes twice.") % {"line": line, "code": code}
            )
        seen.add(code)
        occupation = Occupation.objects.filter(code=code).first()
        if occupation is None:
            Occupation.objects.create(code=code, name=name)
            added += 1
        elif occupation.name != name:
            occupation.name = name
            occupation.save(update_fields=["name"])
            changed += 1
    audit.record(actor=actor, action="occupations.imported", label="SSYK 2012",
                 changes={"added": [0, added], "changed": [0, changed]})  # fmt: skip
    return added, changed
