"""Participants (a person's enrollment in a project) and what is recorded about them: contacts,
activities (parallel interventions and the method's steps), assessments and jobs.

Every read goes through participants.access (audited as participant.viewed, with the person's key)
or the caseload selector (the list, audited as api.participants_listed); writes go through the
pages' forms and services.
"""

from __future__ import annotations

import datetime
import uuid
from decimal import Decimal
from typing import Literal

from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Query, Router, Schema, Status

from stegvis.api.common import (
    ChangedSince,
    Page,
    Paging,
    audit_list,
    page_of,
    require,
    responses,
    validated,
)
from stegvis.assessments import access as assessment_access
from stegvis.assessments import selectors as assessment_selectors
from stegvis.employers import selectors as employer_selectors
from stegvis.participants import access, selectors, services
from stegvis.participants.forms import ContactForm, InterventionForm, StepForm
from stegvis.participants.models import ContactKind, Enrollment, InterventionKind, MethodStep

router = Router(tags=["participants"])


class ParticipantOut(Schema):
    id: uuid.UUID = Field(description="The participant's (enrollment's) public id.")
    participant_code: str = Field(description="The project's own code for the participant.")
    project: uuid.UUID
    project_diarienummer: str
    method: str = Field(description="SE, IPS, SED, BOSTON, OTHER or a combination like SE+SED.")
    coach: str | None = Field(description="The coach's user name.")
    gender: str = Field(description="K, M or X.")
    birth_year: int
    municipality_code: str
    start_date: datetime.date
    end_date: datetime.date | None
    status: Literal["active", "left"]
    exit_status: str
    updated_at: datetime.datetime


class ParticipantDetailOut(ParticipantOut):
    first_name: str
    last_name: str
    referral_date: datetime.date | None
    status_at_start: str
    education: str
    disability: str
    income_source_start: str
    income_source_end: str
    support_months_before: int | None
    qualification_gained: bool | None
    status_6m: str
    status_12m: str
    comparison_group: str


class ParticipantFilters(Schema):
    project: uuid.UUID | None = Field(None, description="Only this project (its id).")
    method: str = Field("", max_length=40, description="Only this method code, e.g. IPS.")
    coach: str = Field("", max_length=150, description="Only this coach (user name).")
    status: Literal["active", "left", "all"] = Field("all", description="Taking part or left.")
    changed_since: ChangedSince | None = Field(None, description="Changed at or after.")


def participant_item(enrollment: Enrollment) -> dict:
    person = enrollment.person
    return {
        "id": enrollment.public_id,
        "participant_code": enrollment.participant_code,
        "project": enrollment.project.public_id,
        "project_diarienummer": enrollment.project.diarienummer,
        "method": enrollment.method,
        "coach": enrollment.coach.username if enrollment.coach else None,
        "gender": person.gender,
        "birth_year": person.birth_year,
        "municipality_code": enrollment.municipality_code,
        "start_date": enrollment.start_date,
        "end_date": enrollment.end_date,
        "status": "left" if enrollment.end_date else "active",
        "exit_status": enrollment.exit_status,
        "updated_at": enrollment.updated_at,
    }


def participant_detail_item(enrollment: Enrollment) -> dict:
    person = enrollment.person
    return participant_item(enrollment) | {
        "first_name": person.first_name,
        "last_name": person.last_name,
        "referral_date": enrollment.referral_date,
        "status_at_start": enrollment.status_at_start,
        "education": enrollment.education,
        "disability": enrollment.disability,
        "income_source_start": enrollment.income_source_start,
        "income_source_end": enrollment.income_source_end,
        "support_months_before": enrollment.support_months_before,
        "qualification_gained": enrollment.qualification_gained,
        "status_6m": enrollment.status_6m,
        "status_12m": enrollment.status_12m,
        "comparison_group": enrollment.comparison_group,
    }


@router.get("/", response=responses(Page[ParticipantOut]), url_name="participant_list")
def participant_list(
    request: HttpRequest, filters: Query[ParticipantFilters], paging: Query[Paging]
) -> dict:
    """The participants the token's user may see: a coach their caseload, a manager their
    projects' participants (no names in the list). Audited as api.participants_listed."""
    require(request.user, "participant.view")
    found = selectors.caseload_for(
        request.user,
        filters=selectors.CaseloadFilters(
            status=filters.status,
            project=str(filters.project) if filters.project else "",
            method=filters.method.strip().upper(),
        ),
        today=timezone.localdate(),
    )
    if filters.coach:
        found = found.filter(coach__username=filters.coach)
    if filters.changed_since:
        found = found.filter(updated_at__gte=filters.changed_since)
    items, count = page_of(found, paging, participant_item)
    audit_list(
        actor=request.user,
        action="api.participants_listed",
        items=items,
        filters=filters.dict() | paging.dict(),
    )
    return {"items": items, "count": count}


@router.get(
    "/{participant_id}", response=responses(ParticipantDetailOut), url_name="participant_detail"
)
def participant_detail(request: HttpRequest, participant_id: uuid.UUID) -> dict:
    """One participant, with names; audited as participant.viewed."""
    return participant_detail_item(access.access_enrollment(request.user, participant_id))


# --- Contacts -------------------------------------------------------------------------------


class ContactOut(Schema):
    id: int
    kind: str = Field(description="MEETING, PHONE, … (the page's kinds of contact).")
    date: datetime.date
    minutes: int | None
    with_whom: str
    summary: str
    recorded_by: str | None


class ContactIn(Schema):
    kind: ContactKind = Field(description="The kind of contact, as on the page.")
    date: datetime.date = Field(description="YYYY-MM-DD; not after the participant left.")
    minutes: int | None = Field(None, ge=1, le=1440, description="Length in minutes.")
    with_whom: str = Field("", max_length=200)
    summary: str = Field("", max_length=10_000)


def contact_item(contact: object) -> dict:
    return {
        "id": contact.pk,
        "kind": contact.kind,
        "date": contact.date,
        "minutes": contact.minutes,
        "with_whom": contact.with_whom,
        "summary": contact.summary,
        "recorded_by": contact.recorded_by.username if contact.recorded_by else None,
    }


@router.get(
    "/{participant_id}/contacts",
    response=responses(Page[ContactOut]),
    url_name="participant_contacts",
)
def participant_contacts(
    request: HttpRequest, participant_id: uuid.UUID, paging: Query[Paging]
) -> dict:
    """The participant's contacts, newest first; the read is audited as participant.viewed."""
    enrollment = access.access_enrollment(request.user, participant_id)
    contacts = selectors.contacts_in(enrollment).order_by("-date", "-id")
    items, count = page_of(contacts, paging, contact_item)
    return {"items": items, "count": count}


@router.post(
    "/{participant_id}/contacts",
    response=responses(ContactOut, status=201),
    url_name="participant_contact_add",
)
def participant_contact_add(
    request: HttpRequest, participant_id: uuid.UUID, payload: ContactIn
) -> Status:
    """Record a contact, as on the participant's page (the same form and service; audited as
    participant.contact_added). The participant's coach, their project's managers."""
    enrollment = access.access_enrollment(request.user, participant_id, for_write=True)
    values = validated(ContactForm, payload.dict())
    contact = services.contact_add(actor=request.user, enrollment=enrollment, **values)
    return Status(201, contact_item(contact))


# --- Activities -----------------------------------------------------------------------------


class InterventionOut(Schema):
    id: int
    kind: str
    provider: str | None = Field(description="The partner organisation that provides it.")
    description: str
    start_date: datetime.date
    end_date: datetime.date | None


class StepOut(Schema):
    id: int
    step: str = Field(description="The method's step, e.g. FIRST_EMPLOYER_CONTACT.")
    date: datetime.date
    note: str


class ActivitiesOut(Schema):
    interventions: list[InterventionOut]
    steps: list[StepOut]


class InterventionIn(Schema):
    kind: InterventionKind
    description: str = Field("", max_length=300)
    start_date: datetime.date
    end_date: datetime.date | None = Field(None, description="Empty while it lasts.")


class StepIn(Schema):
    step: MethodStep
    date: datetime.date
    note: str = Field("", max_length=300)


def intervention_item(intervention: object) -> dict:
    return {
        "id": intervention.pk,
        "kind": intervention.kind,
        "provider": intervention.provider.name if intervention.provider else None,
        "description": intervention.description,
        "start_date": intervention.start_date,
        "end_date": intervention.end_date,
    }


def step_item(step: object) -> dict:
    return {"id": step.pk, "step": step.step, "date": step.date, "note": step.note}


@router.get(
    "/{participant_id}/activities",
    response=responses(ActivitiesOut),
    url_name="participant_activities",
)
def participant_activities(request: HttpRequest, participant_id: uuid.UUID) -> dict:
    """Parallel interventions and the steps of the method reached (audited as
    participant.viewed)."""
    enrollment = access.access_enrollment(request.user, participant_id)
    timeline = selectors.enrollment_timeline(enrollment, viewer=request.user)
    return {
        "interventions": [intervention_item(i) for i in timeline["interventions"]],
        "steps": [step_item(s) for s in timeline["steps"]],
    }


@router.post(
    "/{participant_id}/interventions",
    response=responses(InterventionOut, status=201),
    url_name="participant_intervention_add",
)
def participant_intervention_add(
    request: HttpRequest, participant_id: uuid.UUID, payload: InterventionIn
) -> Status:
    """Add a parallel intervention, as on the page (its form and service; audited)."""
    enrollment = access.access_enrollment(request.user, participant_id, for_write=True)
    values = validated(InterventionForm, payload.dict())
    intervention = services.intervention_add(actor=request.user, enrollment=enrollment, **values)
    return Status(201, intervention_item(intervention))


@router.post(
    "/{participant_id}/steps",
    response=responses(StepOut, status=201),
    url_name="participant_step_add",
)
def participant_step_add(
    request: HttpRequest, participant_id: uuid.UUID, payload: StepIn
) -> Status:
    """Record a step of the method, as on the page (its form and service; audited)."""
    enrollment = access.access_enrollment(request.user, participant_id, for_write=True)
    values = validated(StepForm, payload.dict())
    step = services.step_record(actor=request.user, enrollment=enrollment, **values)
    return Status(201, step_item(step))


# --- Assessments and jobs -------------------------------------------------------------------


class AssessmentOut(Schema):
    id: uuid.UUID
    date: datetime.date
    rater: str = Field(description="SELF or COACH.")
    instrument: str = Field(description="The instrument's code, e.g. SKAPA.")
    version: int
    ratings: dict[str, int] = Field(description="Per domain code: the rating.")


@router.get(
    "/{participant_id}/assessments",
    response=responses(list[AssessmentOut]),
    url_name="participant_assessments",
)
def participant_assessments(request: HttpRequest, participant_id: uuid.UUID) -> list[dict]:
    """The participant's submitted assessments, oldest first (audited as assessments.viewed)."""
    enrollment = assessment_access.access_participant_assessments(request.user, participant_id)
    return [
        {
            "id": a.public_id,
            "date": a.date,
            "rater": a.rater,
            "instrument": a.instrument.code,
            "version": a.version.number,
            "ratings": {r.domain.code: r.value for r in a.ratings.all()},
        }
        for a in assessment_selectors.assessment_history(enrollment)
    ]


class JobOut(Schema):
    id: int
    employer: str
    employer_org_number: str
    start_date: datetime.date
    end_date: datetime.date | None
    hours_per_week: Decimal | None
    competitive: bool | None
    subsidy: str
    occupation: str
    opening: uuid.UUID | None = Field(description="The opening the job was found through.")
    support_count: int = Field(description="Job support entries recorded.")


@router.get("/{participant_id}/jobs", response=responses(list[JobOut]), url_name="participant_jobs")
def participant_jobs(request: HttpRequest, participant_id: uuid.UUID) -> list[dict]:
    """The participant's jobs, newest first (audited as participant.viewed)."""
    enrollment = access.access_enrollment(request.user, participant_id)
    return [
        {
            "id": job.pk,
            "employer": job.employer,
            "employer_org_number": job.employer_org_number,
            "start_date": job.start_date,
            "end_date": job.end_date,
            "hours_per_week": job.hours_per_week,
            "competitive": job.competitive,
            "subsidy": job.subsidy,
            "occupation": job.occupation,
            "opening": job.opening.public_id if getattr(job, "opening", None) else None,
            "support_count": job.support_count,
        }
        for job in employer_selectors.jobs_of(enrollment)
    ]
