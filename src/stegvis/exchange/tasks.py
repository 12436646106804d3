"""The exchange app's background tasks, run by `stegvis db_worker`: another way in to services."""

from __future__ import annotations

from django.tasks import task

from stegvis.exchange import services


@task
def import_job_run(job_id: str) -> str:
    """Run the import job whose public id is `job_id` (services.import_job_run)."""
    return services.import_job_run(job_id=job_id)
