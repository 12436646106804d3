"""Projects: GET /api/v1/projects/ and /api/v1/projects/{id} (no personal data)."""

from __future__ import annotations

import datetime
import uuid

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema

from stegvis.api.common import ChangedSince, Page, Paging, page_of, require, responses
from stegvis.projects import access as project_access
from stegvis.projects import selectors as project_selectors
from stegvis.projects.models import Project

router = Router(tags=["projects"])


class ProjectOut(Schema):
    id: uuid.UUID = Field(description="The project's public id.")
    diarienummer: str
    name: str
    owner: str = Field(description="The organisation that owns the project.")
    programme_period: str
    region: str
    start_date: datetime.date | None
    end_date: datetime.date | None
    planned_participants: int | None
    planned_women: int | None
    planned_men: int | None
    updated_at: datetime.datetime


class ProjectFilters(Schema):
    search: str = Field("", max_length=200, description="Diarienummer, name, owner or region.")
    changed_since: ChangedSince | None = Field(None, description="Changed at or after.")


def project_item(project: Project) -> dict:
    return {
        "id": project.public_id,
        "diarienummer": project.diarienummer,
        "name": project.name,
        "owner": project.owner.name,
        "programme_period": project.programme_period,
        "region": project.region,
        "start_date": project.start_date,
        "end_date": project.end_date,
        "planned_participants": project.planned_participants,
        "planned_women": project.planned_women,
        "planned_men": project.planned_men,
        "updated_at": project.updated_at,
    }


@router.get("/", response=responses(Page[ProjectOut]), url_name="project_list")
def project_list(
    request: HttpRequest, filters: Query[ProjectFilters], paging: Query[Paging]
) -> dict:
    """The projects the token's user may see (as on /projects/)."""
    require(request.user, "project.view")
    projects = project_selectors.project_list_for(request.user, search=filters.search)
    if filters.changed_since:
        projects = projects.filter(updated_at__gte=filters.changed_since)
    items, count = page_of(projects, paging, project_item)
    return {"items": items, "count": count}


@router.get("/{project_id}", response=responses(ProjectOut), url_name="project_detail")
def project_detail(request: HttpRequest, project_id: uuid.UUID) -> dict:
    """One project; 404 if it does not exist or the user may not see it."""
    return project_item(project_access.access_project(request.user, project_id))
