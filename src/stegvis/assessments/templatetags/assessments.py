"""Template tags that put assessments on the participants app's pages (participant page, caseload,
project overview), so that app needs no Python knowledge of assessments. Each reads through the
selectors; the caseload cell reads only the row's annotations (no query per row)."""

from __future__ import annotations

import datetime

from django import template
from django.utils import timezone

from stegvis.assessments import selectors
from stegvis.assessments.models import Rater

register = template.Library()


@register.inclusion_tag("assessments/_panel.html", takes_context=True)
def assessment_panel(context: template.Context, enrollment) -> dict:  # noqa: ANN001
    """Self and coach side by side on the participant page (the page's own access check and audit
    of participant.viewed cover this read: it shows the same participant)."""
    draft = selectors.open_self_assessment(enrollment)
    return {
        "enrollment": enrollment,
        "can_edit": context.get("can_edit", False),
        "comparison": selectors.latest_comparison(enrollment),
        "difference_to_highlight": selectors.DIFFERENCE_TO_HIGHLIGHT,
        "due": selectors.due_for(enrollment, today=timezone.localdate()),
        "draft": draft,
        "draft_answered": len(draft.ratings.all()) if draft else 0,
        "draft_total": len(draft.version.domains_for(Rater.SELF)) if draft else 0,
    }


@register.inclusion_tag("assessments/_due_cell.html")
def assessment_due(enrollment, today: datetime.date) -> dict:  # noqa: ANN001
    """The caseload's cell: the next assessment due, from the row's annotations."""
    return {"due": selectors.due_assessment(enrollment, today)}


@register.inclusion_tag("assessments/_project_schedule.html")
def project_assessment_schedule(project) -> dict:  # noqa: ANN001
    """On the manager's project overview: overdue and soon-due assessments."""
    return {
        "project": project,
        "schedule": selectors.project_schedule(project, today=timezone.localdate()),
        "due_soon_days": selectors.DUE_SOON_DAYS,
    }
