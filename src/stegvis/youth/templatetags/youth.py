"""Template tags that put young people's school data on other apps' pages (the participant page,
the project page), so those apps need no Python knowledge of this one."""

from __future__ import annotations

from django import template
from django.utils import timezone

from stegvis.core.permissions import can
from stegvis.youth import selectors

register = template.Library()


@register.inclusion_tag("youth/_panel.html")
def youth_panel(enrollment) -> dict:  # noqa: ANN001
    """The participant page's summary: studies, latest attendance, KAA status, and the warning
    when a guardian's consent is missing (the page's own access check and audit cover this read)."""
    return {
        "enrollment": enrollment,
        **selectors.youth_panel(enrollment, today=timezone.localdate()),
    }


@register.inclusion_tag("youth/_project_links.html", takes_context=True)
def youth_project_links(context: template.Context, project) -> dict:  # noqa: ANN001
    request = context.get("request")
    user = getattr(request, "user", None)
    return {
        "project": project,
        "show": can(user, "report.view", scope=project),
        "can_import": can(user, "attendance.import", scope=project),
    }


@register.inclusion_tag("youth/_caseload_flag.html")
def youth_caseload_flag(enrollment) -> dict:  # noqa: ANN001
    """The caseload row's mark, from the row's annotation (no query per row)."""
    return {"missing": getattr(enrollment, "guardian_consent_missing", False)}
