"""Reports run by the background worker (`stegvis db_worker`) when they read many participants."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from stegvis.core.models import TimeStampedModel


class ReportJob(TimeStampedModel):
    """A heavy report asked for on a page and computed by the worker: the ESF+ indicators over
    every project the user may see, or the method comparison over all of them. It holds the
    aggregate figures only (counts and statistics, no person), and is seen only by the user who
    asked for it (access.access_report_job); its page's address carries `public_id`.

    `result` holds the figures exactly; `exact` says whether the user who asked may see them so
    (access.reports_show_small_numbers in every project compared), and the pages and downloads
    hide the small ones otherwise."""

    class Kind(models.TextChoices):
        ESF = "esf", _("ESF+ indicators of all my projects")
        METHODS = "methods", _("Method comparison of all my projects")

    class Status(models.TextChoices):
        QUEUED = "queued", _("waiting to start")
        RUNNING = "running", _("computing")
        DONE = "done", _("done")
        FAILED = "failed", _("failed")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    kind = models.CharField(_("report"), max_length=16, choices=Kind.choices)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("asked for by"),
        on_delete=models.CASCADE,
        related_name="report_jobs",
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.QUEUED
    )
    # What was asked for: {"start": "YYYY-MM-DD" | None, "end": …} or {"as_of": "YYYY-MM-DD"}.
    parameters = models.JSONField(_("parameters"), default=dict, blank=True)
    steps_done = models.PositiveSmallIntegerField(default=0)
    steps_total = models.PositiveSmallIntegerField(default=1)
    result = models.JSONField(_("result"), default=dict, blank=True)
    exact = models.BooleanField(default=False)
    language = models.CharField(max_length=8)
    task_id = models.CharField(max_length=64, blank=True)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        verbose_name = _("report job")
        verbose_name_plural = _("report jobs")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=["queued", "running", "done", "failed"]),
                name="reports_reportjob_status_known",
            ),
            models.CheckConstraint(
                condition=models.Q(kind__in=["esf", "methods"]),
                name="reports_reportjob_kind_known",
            ),
            models.CheckConstraint(
                condition=models.Q(steps_done__lte=models.F("steps_total")),
                name="reports_reportjob_done_within_total",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.public_id} {self.kind} {self.status}"

    @property
    def is_finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)

    @property
    def percent(self) -> int:
        return round(100 * self.steps_done / self.steps_total) if self.steps_total else 0
