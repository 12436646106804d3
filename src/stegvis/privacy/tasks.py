"""The privacy app's background task, run by `stegvis db_worker`: another way in to services."""

from __future__ import annotations

from django.conf import settings
from django.tasks import task
from django.utils import timezone

from stegvis.privacy import services


@task
def retention_task(years: int | None = None, dry_run: bool = False) -> dict:
    """Apply the retention rule (services.retention_run) and return its report (counts only)."""
    report = services.retention_run(
        actor=None,
        today=timezone.localdate(),
        years=years or settings.STEGVIS_RETENTION_YEARS,
        dry_run=dry_run,
    )
    return report.as_dict()
