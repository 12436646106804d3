"""Employers and openings, as on the employer pages (organisations' data, not people's)."""

from __future__ import annotations

import datetime
import uuid
from decimal import Decimal

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema

from stegvis.api.common import ChangedSince, Page, Paging, page_of, require, responses
from stegvis.employers import access, selectors
from stegvis.employers.models import Employer, Opening, OpeningStatus

router = Router(tags=["employers"])
openings_router = Router(tags=["openings"])


class EmployerOut(Schema):
    id: uuid.UUID
    name: str
    org_number: str
    sector: str
    industry: str
    municipality_code: str
    organisation: str = Field(description="Whose employer register it is in.")
    updated_at: datetime.datetime


class EmployerFilters(Schema):
    search: str = Field("", max_length=200, description="Name, org. number, line of business.")
    changed_since: ChangedSince | None = None


class OpeningOut(Schema):
    id: uuid.UUID
    code: str
    title: str
    employer: uuid.UUID
    employer_name: str
    project: uuid.UUID
    ssyk: str
    hours_per_week: Decimal | None
    municipality_code: str
    start_date: datetime.date | None
    status: str
    updated_at: datetime.datetime


class OpeningFilters(Schema):
    status: OpeningStatus | None = Field(None, description="Empty: every status.")
    project: uuid.UUID | None = None
    changed_since: ChangedSince | None = None


def employer_item(employer: Employer) -> dict:
    return {
        "id": employer.public_id,
        "name": employer.name,
        "org_number": employer.org_number,
        "sector": employer.sector,
        "industry": employer.industry,
        "municipality_code": employer.municipality_code,
        "organisation": employer.organisation.name,
        "updated_at": employer.updated_at,
    }


def opening_item(opening: Opening) -> dict:
    return {
        "id": opening.public_id,
        "code": opening.code,
        "title": opening.title,
        "employer": opening.employer.public_id,
        "employer_name": opening.employer.name,
        "project": opening.project.public_id,
        "ssyk": opening.ssyk,
        "hours_per_week": opening.hours_per_week,
        "municipality_code": opening.municipality_code,
        "start_date": opening.start_date,
        "status": opening.status,
        "updated_at": opening.updated_at,
    }


@router.get("/", response=responses(Page[EmployerOut]), url_name="employer_list")
def employer_list(
    request: HttpRequest, filters: Query[EmployerFilters], paging: Query[Paging]
) -> dict:
    """Employers in the registers of the organisations whose projects the user works in."""
    require(request.user, "employer.view")
    found = selectors.employer_list_for(request.user, search=filters.search)
    if filters.changed_since:
        found = found.filter(updated_at__gte=filters.changed_since)
    items, count = page_of(found, paging, employer_item)
    return {"items": items, "count": count}


@router.get("/{employer_id}", response=responses(EmployerOut), url_name="employer_detail")
def employer_detail(request: HttpRequest, employer_id: uuid.UUID) -> dict:
    return employer_item(access.access_employer(request.user, employer_id))


@openings_router.get("/", response=responses(Page[OpeningOut]), url_name="opening_list")
def opening_list(
    request: HttpRequest, filters: Query[OpeningFilters], paging: Query[Paging]
) -> dict:
    """Openings at the employers the user may see."""
    require(request.user, "employer.view")
    found = selectors.opening_list_for(request.user, status=filters.status or "")
    if filters.project:
        found = found.filter(project__public_id=filters.project)
    if filters.changed_since:
        found = found.filter(updated_at__gte=filters.changed_since)
    items, count = page_of(found, paging, opening_item)
    return {"items": items, "count": count}


@openings_router.get("/{opening_id}", response=responses(OpeningOut), url_name="opening_detail")
def opening_detail(request: HttpRequest, opening_id: uuid.UUID) -> dict:
    return opening_item(access.access_opening(request.user, opening_id))
