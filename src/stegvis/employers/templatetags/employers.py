"""Template tags that put work and employers on the participants app's pages (the participant page
and the caseload), so that app needs no Python knowledge of employers."""

from __future__ import annotations

from django import template
from django.utils import timezone

from stegvis.core.permissions import can
from stegvis.employers import selectors

register = template.Library()

NEXT_JOB_SHOWN = 10


@register.inclusion_tag("employers/_panel.html", takes_context=True)
def work_panel(context: template.Context, enrollment) -> dict:  # noqa: ANN001
    """The participant's vocational profile, jobs with their support, and the prompt toward the
    next job (the page's own access check and audit of participant.viewed cover this read)."""
    user = context["request"].user
    return {
        "enrollment": enrollment,
        "profile": selectors.profile_of(enrollment),
        "jobs": selectors.jobs_of(enrollment),
        "needs_next_job": selectors.needs_next_job(enrollment, today=timezone.localdate()),
        "can_match": can(user, "match.view"),
    }


@register.inclusion_tag("employers/_next_job.html", takes_context=True)
def next_job_prompts(context: template.Context) -> dict:
    """On the caseload: participants to help toward the next job."""
    user = context["request"].user
    return {"due": selectors.next_job_due_for(user, today=timezone.localdate())[:NEXT_JOB_SHOWN]}
