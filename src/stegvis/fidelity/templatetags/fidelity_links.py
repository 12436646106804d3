"""The link to a project's fidelity pages, for the project page (only for those who may open it)."""

from __future__ import annotations

from django import template

from stegvis.core.permissions import can

register = template.Library()


@register.inclusion_tag("fidelity/_project_links.html", takes_context=True)
def fidelity_links(context: template.Context, project) -> dict:  # noqa: ANN001
    request = context.get("request")
    user = getattr(request, "user", None)
    return {"project": project, "show": can(user, "report.view", scope=project)}
