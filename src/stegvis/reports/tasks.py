"""The reports app's background tasks, run by `stegvis db_worker`: another way in to services."""

from __future__ import annotations

from django.tasks import task

from stegvis.reports import services


@task
def report_job_run(job_id: str) -> str:
    """Compute the report job whose public id is `job_id` (services.report_job_run)."""
    return services.report_job_run(job_id=job_id)
