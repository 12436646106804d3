"""Progression assessments: instruments as data (SKAPA and others), assessments, ratings, and the
personal links on which participants rate themselves on their own phone.

The data model, for those who build on it (charts, statistics, the exchange format):

- `Instrument` (code, e.g. "SKAPA"; name and description in Swedish and English). The exchange
  format's `instrument` column is `Instrument.code`.
- `InstrumentVersion` (instrument, `number` 1, 2, …; `scale_min`/`scale_max`; `scale_labels`, the
  words at the scale's ends and steps in both languages; `rated_by`). A version that has
  assessments is never changed: changing the instrument then makes the next version, so old answers
  keep the questions and scale they were given on. `Instrument.current_version()` is the highest
  number.
- `Domain` (version, `code`, `order`, name and help text in Swedish and English, `rated_by`,
  `counts_in_sum`). For SKAPA the six domains have the exchange-format codes `typ_av_arbete`,
  `klara_ett_arbete`, `kompetens`, `vardag_natverk`, `samarbetsformaga`, `halsa`
  (`counts_in_sum=True`, rated by both), and the coach-only `tilltro` (the coach's belief that the
  person will reach work or studies) is a Domain too, with `rated_by=COACH` and
  `counts_in_sum=False`: it is the exchange format's `tilltro` column and is part of no domain sum.
- `Item` (domain, code, order, text in both languages): questions that help the person think about
  a domain (prompts shown with it). The rating is given per domain.
- `Assessment` (enrollment, `instrument` and `version`, `date`, `rater` SELF/COACH, `status`
  DRAFT/SUBMITTED, `entered_by`, `source` FORM/LINK/IMPORT, `submitted_at`). Its key is the
  exchange format's (project, participant_id, date, rater, instrument) =
  (`enrollment.project`, `enrollment.participant_code`, `date`, `rater`, `instrument.code`), unique
  among submitted assessments. Only SUBMITTED assessments count anywhere (history, schedule,
  statistics); a DRAFT is a self-assessment still being answered.
- `Rating` (assessment, domain, `value`): one row per domain answered, `value` on the version's
  scale. The sum of an assessment is the sum of its ratings whose domain `counts_in_sum`.
- `ProjectAssessmentSettings` (project, `instruments` used, `interval_months` between
  reassessments). A project without settings uses SKAPA every 3 months.
- `SelfAssessmentLink` (the personal link: a hash of its token, the draft SELF assessment it
  fills in, `expires_at`, `used_at` when submitted, `revoked_at`). The token itself is never stored.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from stegvis.core.models import TimeStampedModel
from stegvis.participants.models import Enrollment
from stegvis.projects.models import Project

DEFAULT_INSTRUMENT_CODE = "SKAPA"
DEFAULT_INTERVAL_MONTHS = 3


def _in_language(swedish: str, english: str) -> str:
    """The English text when the page is in English and there is one, otherwise the Swedish."""
    if (get_language() or "sv").startswith("en") and english:
        return english
    return swedish


class RatedBy(models.TextChoices):
    PARTICIPANT = "PARTICIPANT", _("The participant")
    COACH = "COACH", _("The coach")
    BOTH = "BOTH", _("The participant and the coach")


class Rater(models.TextChoices):
    """Who made an assessment: the exchange format's `rater` column."""

    SELF = "SELF", _("Self-assessment")
    COACH = "COACH", _("Coach's assessment")


class AssessmentStatus(models.TextChoices):
    DRAFT = "DRAFT", _("Being answered")
    SUBMITTED = "SUBMITTED", _("Submitted")


class AssessmentSource(models.TextChoices):
    FORM = "FORM", _("Entered in Stegvis")
    LINK = "LINK", _("Answered through a personal link")
    IMPORT = "IMPORT", _("Imported")


class Instrument(TimeStampedModel):
    """An assessment instrument, e.g. SKAPA. Its questions and scale live in its versions."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    code = models.CharField(
        _("code"),
        max_length=40,
        unique=True,
        help_text=_("Short code in capital letters, e.g. SKAPA. Used in the exchange files."),
    )
    name_sv = models.CharField(_("name in Swedish"), max_length=200)
    name_en = models.CharField(_("name in English"), max_length=200, blank=True)
    description_sv = models.TextField(_("description in Swedish"), blank=True)
    description_en = models.TextField(_("description in English"), blank=True)

    class Meta:
        verbose_name = _("instrument")
        verbose_name_plural = _("instruments")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.code

    @property
    def name(self) -> str:
        return _in_language(self.name_sv, self.name_en)

    @property
    def description(self) -> str:
        return _in_language(self.description_sv, self.description_en)

    def current_version(self) -> InstrumentVersion | None:
        return self.versions.order_by("-number").first()


class InstrumentVersion(TimeStampedModel):
    """One version of an instrument's scale and domains; unchanged once it has assessments."""

    instrument = models.ForeignKey(Instrument, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveSmallIntegerField(_("version"))
    scale_min = models.PositiveSmallIntegerField(_("lowest value"), default=1)
    scale_max = models.PositiveSmallIntegerField(_("highest value"), default=10)
    # {"1": {"sv": "Långt från arbete", "en": "Far from work"}, "10": {...}}: the words shown at the
    # ends of the scale, and at any step in between that has words of its own.
    scale_labels = models.JSONField(_("words on the scale"), default=dict, blank=True)
    rated_by = models.CharField(
        _("rated by"), max_length=12, choices=RatedBy.choices, default=RatedBy.BOTH
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("instrument version")
        verbose_name_plural = _("instrument versions")
        ordering = ["instrument", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["instrument", "number"], name="instrument_version_unique"
            ),
            models.CheckConstraint(
                condition=models.Q(scale_max__gt=models.F("scale_min")),
                name="instrument_version_scale_order",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.instrument.code} v{self.number}"

    @property
    def scale(self) -> range:
        return range(self.scale_min, self.scale_max + 1)

    def label_for(self, value: int) -> str:
        """The words for one step of the scale in the page's language, or "" if it has none."""
        words = self.scale_labels.get(str(value)) or {}
        return _in_language(words.get("sv", ""), words.get("en", ""))

    def domains_for(self, rater: str) -> list[Domain]:
        """The domains a rater answers: the participant those not coach-only, the coach all."""
        excluded = RatedBy.COACH if rater == Rater.SELF else RatedBy.PARTICIPANT
        return [d for d in self.domains.all() if d.rated_by != excluded]

    def rated_by_participant(self) -> bool:
        return self.rated_by in (RatedBy.PARTICIPANT, RatedBy.BOTH)

    def rated_by_coach(self) -> bool:
        return self.rated_by in (RatedBy.COACH, RatedBy.BOTH)


class Domain(models.Model):
    """A rated area of an instrument version (for SKAPA one of six, or the coach-only tilltro)."""

    version = models.ForeignKey(InstrumentVersion, on_delete=models.CASCADE, related_name="domains")
    code = models.SlugField(
        _("code"),
        max_length=40,
        help_text=_("Lower case, e.g. halsa. A column in the exchange files."),
    )
    order = models.PositiveSmallIntegerField(_("order"))
    name_sv = models.CharField(_("name in Swedish"), max_length=100)
    name_en = models.CharField(_("name in English"), max_length=100, blank=True)
    help_sv = models.TextField(_("question in plain Swedish"), blank=True)
    help_en = models.TextField(_("question in plain English"), blank=True)
    rated_by = models.CharField(
        _("rated by"), max_length=12, choices=RatedBy.choices, default=RatedBy.BOTH
    )
    counts_in_sum = models.BooleanField(
        _("counts in the sum"),
        default=True,
        help_text=_("Off for items outside the domains, like the coach's belief (tilltro)."),
    )

    class Meta:
        verbose_name = _("domain")
        verbose_name_plural = _("domains")
        ordering = ["version", "order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["version", "code"], name="domain_code_unique"),
        ]

    def __str__(self) -> str:
        return self.code

    @property
    def name(self) -> str:
        return _in_language(self.name_sv, self.name_en)

    @property
    def help(self) -> str:
        return _in_language(self.help_sv, self.help_en)


class Item(models.Model):
    """A question that helps the person think about a domain (shown with the domain)."""

    domain = models.ForeignKey(Domain, on_delete=models.CASCADE, related_name="items")
    code = models.SlugField(_("code"), max_length=40)
    order = models.PositiveSmallIntegerField(_("order"))
    text_sv = models.CharField(_("text in Swedish"), max_length=300)
    text_en = models.CharField(_("text in English"), max_length=300, blank=True)

    class Meta:
        ordering = ["domain", "order", "id"]
        constraints = [models.UniqueConstraint(fields=["domain", "code"], name="item_code_unique")]

    def __str__(self) -> str:
        return self.code

    @property
    def text(self) -> str:
        return _in_language(self.text_sv, self.text_en)


class ProjectAssessmentSettings(TimeStampedModel):
    """Which instruments a project uses and how often participants are reassessed."""

    project = models.OneToOneField(
        Project, on_delete=models.CASCADE, related_name="assessment_settings"
    )
    instruments = models.ManyToManyField(
        Instrument, verbose_name=_("instruments"), related_name="project_settings", blank=True
    )
    interval_months = models.PositiveSmallIntegerField(
        _("months between assessments"),
        default=DEFAULT_INTERVAL_MONTHS,
        help_text=_("A new assessment is due this many months after the last one."),
    )

    class Meta:
        verbose_name = _("assessment settings")
        verbose_name_plural = _("assessment settings")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(interval_months__gte=1, interval_months__lte=24),
                name="assessment_interval_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.project.diarienummer}: {self.interval_months}"


class Assessment(TimeStampedModel):
    """One assessment of a participant on one instrument version, by the participant or the coach.

    Append-only once submitted: a new assessment never edits an old one.
    """

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    enrollment = models.ForeignKey(Enrollment, on_delete=models.CASCADE, related_name="assessments")
    # The instrument is the version's; it is kept here too so that the exchange key
    # (project, participant, date, rater, instrument) can be a database constraint.
    instrument = models.ForeignKey(Instrument, on_delete=models.PROTECT, related_name="assessments")
    version = models.ForeignKey(
        InstrumentVersion, on_delete=models.PROTECT, related_name="assessments"
    )
    date = models.DateField(_("date"))
    rater = models.CharField(_("rated by"), max_length=5, choices=Rater.choices)
    status = models.CharField(
        _("status"),
        max_length=9,
        choices=AssessmentStatus.choices,
        default=AssessmentStatus.DRAFT,
    )
    source = models.CharField(
        _("entered"), max_length=6, choices=AssessmentSource.choices, default=AssessmentSource.FORM
    )
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("entered by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)

    class Meta:
        verbose_name = _("assessment")
        verbose_name_plural = _("assessments")
        ordering = ["date", "rater", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["enrollment", "instrument", "date", "rater"],
                condition=models.Q(status="SUBMITTED"),
                name="assessment_exchange_key_unique",
            ),
            models.CheckConstraint(
                condition=models.Q(status="DRAFT") | models.Q(submitted_at__isnull=False),
                name="assessment_submitted_has_time",
            ),
        ]
        indexes = [
            models.Index(fields=["enrollment", "status", "date"], name="assessment_enrollment_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.enrollment_id}:{self.instrument_id}:{self.date:%Y-%m-%d}:{self.rater}"

    @property
    def is_submitted(self) -> bool:
        return self.status == AssessmentStatus.SUBMITTED


class Rating(models.Model):
    """One domain's value in one assessment."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="ratings")
    domain = models.ForeignKey(Domain, on_delete=models.PROTECT, related_name="ratings")
    value = models.PositiveSmallIntegerField(_("rating"))

    class Meta:
        ordering = ["domain__order"]
        constraints = [
            models.UniqueConstraint(fields=["assessment", "domain"], name="rating_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.domain_id}={self.value}"

    def clean(self) -> None:
        version = self.assessment.version
        if not version.scale_min <= self.value <= version.scale_max:
            raise ValidationError(
                {"value": _("Choose a value from %(low)s to %(high)s.")
                 % {"low": version.scale_min, "high": version.scale_max}}
            )  # fmt: skip


class SelfAssessmentLink(TimeStampedModel):
    """A personal link on which one participant answers one self-assessment, without an account.

    Only the SHA-256 hash of the token is stored; the token is shown once, to the coach who made
    the link, and sent to the participant. The link works until it expires, is revoked (a new link
    replaces it) or the self-assessment is submitted.
    """

    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    assessment = models.ForeignKey(
        Assessment, on_delete=models.CASCADE, related_name="links", editable=False
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    expires_at = models.DateTimeField(_("expires"))
    used_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    first_opened_at = models.DateTimeField(_("first opened"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"link {self.pk}"

    def is_usable(self) -> bool:
        return self.used_at is None and self.revoked_at is None and self.expires_at > timezone.now()
