"""Fidelity scales as data, and the fidelity reviews of projects.

A scale (the IPS-25 ships; others, like a Supported Employment or a Boston-model scale, are loaded
as data with `stegvis load_fidelity_scale`) has sections, items rated on a fixed range with an
anchor per step, and bands on the total. A review rates every item of one scale version for one
project on one day; it is a draft until finished, then locked: a correction changes one rating
with a reason, kept in the audit trail.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from stegvis.core.models import TimeStampedModel
from stegvis.projects.models import Project


def _in_language(obj: object, field: str) -> str:
    """The Swedish or English text of a bilingual field, by the active language."""
    language = (get_language() or "sv")[:2]
    value = getattr(obj, f"{field}_{'en' if language == 'en' else 'sv'}")
    return value or getattr(obj, f"{field}_sv")


class FidelityScale(models.Model):
    code = models.CharField(_("code"), max_length=40)
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    name_sv = models.CharField(_("name in Swedish"), max_length=200)
    name_en = models.CharField(_("name in English"), max_length=200)
    source = models.CharField(_("source"), max_length=400, blank=True)
    min_rating = models.PositiveSmallIntegerField(_("lowest rating"), default=1)
    max_rating = models.PositiveSmallIntegerField(_("highest rating"), default=5)
    is_current = models.BooleanField(_("current version"), default=True)

    class Meta:
        verbose_name = _("fidelity scale")
        verbose_name_plural = _("fidelity scales")
        ordering = ["code", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["code", "version"], name="fidelity_scale_version"),
            models.CheckConstraint(
                condition=models.Q(max_rating__gt=models.F("min_rating")),
                name="fidelity_scale_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} v{self.version}"

    @property
    def name(self) -> str:
        return _in_language(self, "name")


class FidelitySection(models.Model):
    scale = models.ForeignKey(FidelityScale, on_delete=models.CASCADE, related_name="sections")
    position = models.PositiveSmallIntegerField()
    code = models.CharField(max_length=40)
    name_sv = models.CharField(max_length=200)
    name_en = models.CharField(max_length=200)

    class Meta:
        ordering = ["scale", "position"]
        constraints = [
            models.UniqueConstraint(fields=["scale", "code"], name="fidelity_section_code"),
        ]

    def __str__(self) -> str:
        return self.name_sv

    @property
    def name(self) -> str:
        return _in_language(self, "name")


class FidelityItem(models.Model):
    section = models.ForeignKey(FidelitySection, on_delete=models.CASCADE, related_name="items")
    position = models.PositiveSmallIntegerField()
    code = models.CharField(max_length=40)
    name_sv = models.CharField(max_length=300)
    name_en = models.CharField(max_length=300)
    text_sv = models.TextField(blank=True)
    text_en = models.TextField(blank=True)
    # One anchor per rating, lowest first.
    anchors_sv = models.JSONField(default=list)
    anchors_en = models.JSONField(default=list)
    # Which routine indicator (fidelity.indicators) informs this item, if any.
    routine = models.CharField(max_length=40, blank=True)

    class Meta:
        ordering = ["section__position", "position"]
        constraints = [
            models.UniqueConstraint(fields=["section", "code"], name="fidelity_item_code"),
        ]

    def __str__(self) -> str:
        return f"{self.code}. {self.name_sv}"

    @property
    def name(self) -> str:
        return _in_language(self, "name")

    @property
    def text(self) -> str:
        return _in_language(self, "text")

    @property
    def anchors(self) -> list[str]:
        language = (get_language() or "sv")[:2]
        return (self.anchors_en if language == "en" else self.anchors_sv) or self.anchors_sv


class FidelityBand(models.Model):
    scale = models.ForeignKey(FidelityScale, on_delete=models.CASCADE, related_name="bands")
    code = models.CharField(max_length=40)
    min_total = models.PositiveSmallIntegerField()
    max_total = models.PositiveSmallIntegerField()
    name_sv = models.CharField(max_length=200)
    name_en = models.CharField(max_length=200)

    class Meta:
        ordering = ["scale", "-min_total"]
        constraints = [
            models.UniqueConstraint(fields=["scale", "code"], name="fidelity_band_code"),
            models.CheckConstraint(
                condition=models.Q(max_total__gte=models.F("min_total")),
                name="fidelity_band_range",
            ),
        ]

    def __str__(self) -> str:
        return self.name_sv

    @property
    def name(self) -> str:
        return _in_language(self, "name")


class ReviewStatus(models.TextChoices):
    DRAFT = "DRAFT", _("Fidelity review: draft")
    FINISHED = "FINISHED", _("Fidelity review: finished")


class FidelityReview(TimeStampedModel):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="fidelity_reviews")
    scale = models.ForeignKey(FidelityScale, on_delete=models.PROTECT, related_name="reviews")
    review_date = models.DateField(_("date of the review"))
    reviewers = models.CharField(_("reviewers"), max_length=300)
    summary = models.TextField(_("summary and recommendations"), blank=True)
    status = models.CharField(
        _("status"), max_length=8, choices=ReviewStatus.choices, default=ReviewStatus.DRAFT
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    finished_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("fidelity review")
        verbose_name_plural = _("fidelity reviews")
        ordering = ["-review_date", "-id"]
        indexes = [models.Index(fields=["project", "review_date"], name="fidelity_review_idx")]

    def __str__(self) -> str:
        return f"{self.scale.code} {self.review_date.isoformat()}"

    def get_absolute_url(self) -> str:
        return reverse("fidelity:review_detail", args=[self.public_id])

    @property
    def is_finished(self) -> bool:
        return self.status == ReviewStatus.FINISHED


class FidelityRating(models.Model):
    review = models.ForeignKey(FidelityReview, on_delete=models.CASCADE, related_name="ratings")
    item = models.ForeignKey(FidelityItem, on_delete=models.PROTECT, related_name="ratings")
    score = models.PositiveSmallIntegerField(_("rating of the item"), null=True, blank=True)
    note = models.TextField(_("notes"), blank=True)

    class Meta:
        ordering = ["item__section__position", "item__position"]
        constraints = [
            models.UniqueConstraint(fields=["review", "item"], name="fidelity_rating_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.item.code}: {self.score}"
