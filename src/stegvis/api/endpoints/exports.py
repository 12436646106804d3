"""GET /api/v1/projects/{id}/export: a project's exchange files (shared/spec/exchange-format.md)
as a zip archive, for other systems; ?pseudonymise=KEY gives the evaluators' variant."""

from __future__ import annotations

import uuid

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema

from stegvis.api.common import ERRORS
from stegvis.exchange import access, pseudonyms, services

router = Router(tags=["exports"])


class ExportIn(Schema):
    pseudonymise: str = Field(
        "",
        pattern=r"^([A-Za-z0-9._-]{3,64})?$",
        description=(
            "An export key (3–64 of a–z, 0–9, . _ -), e.g. evaluation-2026: the pseudonymised "
            "variant, with the same pseudonyms in every export under the same key. Empty: the "
            "full files (a project's managers only)."
        ),
    )


@router.get(
    "/{project_id}/export",
    response={200: bytes, **ERRORS},
    url_name="project_export",
    openapi_extra={
        "responses": {
            200: {
                "description": "participants.csv, employments.csv, assessments.csv, profiles.csv "
                "and openings.csv in a zip archive",
                "content": {"application/zip": {"schema": {"type": "string", "format": "binary"}}},
            }
        }
    },
)
def project_export(
    request: HttpRequest, project_id: uuid.UUID, query: Query[ExportIn]
) -> HttpResponse:
    """The exchange files of a project, audited as exchange.exported (who, which project, how
    many people; the key of a pseudonymised export)."""
    key = query.pseudonymise.strip()
    if key and not pseudonyms.valid_key(key):
        raise ValidationError(
            {"pseudonymise": _("The export key must be %(rule)s.") % {"rule": pseudonyms.KEY_RULE}}
        )
    project = access.access_export_project(request.user, project_id, pseudonymised=bool(key))
    content, _counts = services.exchange_export_zip(
        actor=request.user, project=project, pseudonym_key=key
    )
    name = project.diarienummer.replace("/", "-") + ("-pseudonymised" if key else "")
    response = HttpResponse(content, content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="stegvis-{name}.zip"'
    return response
