"""Import jobs: the large imports that the background worker runs while a page shows how far they
have come (services.import_job_start and import_job_run)."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from stegvis.core.models import TimeStampedModel
from stegvis.projects.models import Project


class ImportJob(TimeStampedModel):
    """An import confirmed on the import page and run by the background worker (`stegvis
    db_worker`). Until it has run it keeps the checked files by their upload token (uploads.py);
    afterwards the counts or the problems. It holds no personal value of its own; its page's
    address carries `public_id`."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("waiting to start")
        RUNNING = "running", _("importing")
        DONE = "done", _("imported")
        FAILED = "failed", _("not imported")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    project = models.ForeignKey(
        Project, verbose_name=_("project"), on_delete=models.PROTECT, related_name="import_jobs"
    )
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("started by"),
        on_delete=models.PROTECT,
        related_name="import_jobs",
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.QUEUED
    )
    # The kept upload (uploads.upload_keep); "" once the files have been removed.
    upload_token = models.CharField(max_length=64, blank=True)
    rows_total = models.PositiveIntegerField(_("rows"), default=0)
    rows_done = models.PositiveIntegerField(_("rows done"), default=0)
    # What the import did, as `stegvis import --json` prints it: {"participants": {"created": …}}.
    summary = models.JSONField(_("summary"), default=dict, blank=True)
    # Why nothing was imported: reading.Problem.as_json() of every problem.
    problems = models.JSONField(_("problems"), default=list, blank=True)
    # The page's language when the import was confirmed: the problems are written in it.
    language = models.CharField(max_length=8)
    # The confirming request's, so that the import's audit events name where it came from.
    request_id = models.CharField(max_length=64, blank=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    # The task's id in the queue (django_tasks_db), for an operator following a job in the logs.
    task_id = models.CharField(max_length=64, blank=True)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        verbose_name = _("import job")
        verbose_name_plural = _("import jobs")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=["queued", "running", "done", "failed"]),
                name="exchange_importjob_status_known",
            ),
            models.CheckConstraint(
                condition=models.Q(rows_done__lte=models.F("rows_total")),
                name="exchange_importjob_done_within_total",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.public_id} {self.status}"

    @property
    def is_finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)
