"""Template tags of the progression pictures: the participant's charts (on the assessments page),
the link to a project's progression page (on the project page), and the filters that write the
figures in the tables exactly as in the charts' descriptions (pictures.py)."""

from __future__ import annotations

from django import template
from django.utils.translation import gettext as _

from stegvis.assessments import pictures
from stegvis.assessments.progression import Cell
from stegvis.core.permissions import can

register = template.Library()


@register.inclusion_tag("assessments/_participant_charts.html")
def participant_charts(enrollment) -> dict:  # noqa: ANN001
    """A participant's radar and lines over time, for a page that obtained the participant through
    access.access_participant_assessments (whose audit covers this read)."""
    return {"sets": pictures.participant_pictures(enrollment)}


@register.inclusion_tag("assessments/_progression_link.html", takes_context=True)
def progression_link(context: template.Context, project) -> dict:  # noqa: ANN001
    """A link to the project's progression page, for those who may open it."""
    request = context.get("request")
    user = getattr(request, "user", None)
    return {"project": project, "show": can(user, "progression.view", scope=project)}


@register.filter
def signed(value: float | None) -> str:
    return pictures.signed(value)


@register.filter
def decimal(value: float | None) -> str:
    return pictures.decimal(value)


@register.filter
def signed_whole(value: int) -> str:
    """A whole change with its sign: +3, −2, 0."""
    return f"+{value}" if value > 0 else str(value).replace("-", "−")


@register.filter
def zip_cells(start: list[Cell], latest: list[Cell]) -> list[tuple[Cell, Cell]]:
    return list(zip(start, latest, strict=True))


@register.simple_tag
def cell_text(cell: Cell) -> str:
    """A count with its share ("3 (25 %)"), or words saying it is hidden."""
    if cell.count is None:
        return _("not shown")
    if cell.share is None:
        return str(cell.count)
    return f"{cell.count} ({pictures.percent(cell.share)})"
