"""The link to a project's participants' voice, for its project page."""

from __future__ import annotations

from django import template

from stegvis.surveys.access import may_see_surveys

register = template.Library()


@register.inclusion_tag("surveys/_project_link.html", takes_context=True)
def participants_voice_link(context: template.Context, project) -> dict:  # noqa: ANN001
    request = context.get("request")
    return {"project": project, "show": may_see_surveys(getattr(request, "user", None), project)}
