"""The participants' voice: short anonymous surveys answered on the participant's own phone.

- `Survey`: a round of questions to a project's participants (draft, open, closed).
- `Question`: the questions as data: a scale from 1 to 5 with words at both ends, a choice of
  one or more options, or free text.
- `Invitation`: a personal link for one participant (only the hash of its token is stored). It
  records *that* it was used, as a yes/no, and not when: it has no time of change at all.
- `Response` and `Answer`: what was answered, with no reference to the person, the enrollment,
  the invitation or the user, and no time: only the survey (so the project) and the method the
  participant followed. Their keys are random UUIDs, so neither key order nor time says who
  answered first. The anonymity is pinned by tests (tests/test_anonymity.py).
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from stegvis.core.models import TimeStampedModel
from stegvis.participants.models import Enrollment
from stegvis.projects.models import Project

SCALE_MIN = 1
SCALE_MAX = 5


class SurveyStatus(models.TextChoices):
    DRAFT = "DRAFT", _("Draft")
    OPEN = "OPEN", _("Open for answers")
    CLOSED = "CLOSED", _("Closed")


class Survey(TimeStampedModel):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="surveys")
    title = models.CharField(_("title"), max_length=200)
    intro = models.TextField(
        _("text at the start"),
        blank=True,
        help_text=_("Why you ask, and that the answers are anonymous."),
    )
    status = models.CharField(
        _("status"), max_length=8, choices=SurveyStatus.choices, default=SurveyStatus.DRAFT
    )
    opened_on = models.DateField(_("opened on"), null=True, blank=True)
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["project", "title"], name="survey_title_unique")
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("surveys:detail", args=[self.public_id])


class QuestionKind(models.TextChoices):
    SCALE = "SCALE", _("A scale from 1 to 5")
    CHOICES = "CHOICES", _("Choose one or more options")
    TEXT = "TEXT", _("Free text")


class Question(models.Model):
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="questions")
    position = models.PositiveSmallIntegerField(_("order"))
    kind = models.CharField(_("kind of question"), max_length=8, choices=QuestionKind.choices)
    text = models.CharField(_("question"), max_length=300)
    options = models.TextField(
        _("options"), blank=True, help_text=_("For a choice: one option per line.")
    )
    scale_low = models.CharField(_("words at 1"), max_length=60, blank=True)
    scale_high = models.CharField(_("words at 5"), max_length=60, blank=True)

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["survey", "position"], name="question_position_unique")
        ]

    def __str__(self) -> str:
        return self.text

    def option_list(self) -> list[str]:
        return [line.strip() for line in self.options.splitlines() if line.strip()]


class Invitation(models.Model):
    """One participant's link to a survey. Deliberately without a time of change: `used` says
    that the link was answered on, never when (a time could be matched to an answer)."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="invitations")
    enrollment = models.ForeignKey(
        Enrollment, on_delete=models.CASCADE, related_name="survey_invitations"
    )
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("link made"), editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    expires_at = models.DateTimeField(_("works until"))
    used = models.BooleanField(_("answered"), default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["survey", "enrollment"], name="survey_invitation_unique"
            )
        ]

    def __str__(self) -> str:
        return str(self.public_id)


class Response(models.Model):
    """One anonymous answer to a survey: the survey and the method, nothing about the person."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    survey = models.ForeignKey(Survey, on_delete=models.PROTECT, related_name="responses")
    method = models.CharField(_("method"), max_length=40, blank=True)

    def __str__(self) -> str:
        return str(self.id)


class Answer(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="answers")
    # A scale answer (1–5), or the number of a chosen option (1 = the first line); None for text.
    value = models.PositiveSmallIntegerField(null=True, blank=True)
    text = models.TextField(blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(value__isnull=False) | ~models.Q(text=""),
                name="answer_has_content",
            )
        ]

    def __str__(self) -> str:
        return str(self.id)
