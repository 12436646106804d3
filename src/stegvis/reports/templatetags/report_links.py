"""Links to a project's reports, for the project page (only for those who may open them)."""

from __future__ import annotations

from django import template

from stegvis.core.permissions import can

register = template.Library()


@register.inclusion_tag("reports/_esf_outcomes_links.html", takes_context=True)
def report_links(context: template.Context, project) -> dict:  # noqa: ANN001
    request = context.get("request")
    user = getattr(request, "user", None)
    return {"project": project, "show": can(user, "report.view", scope=project)}
