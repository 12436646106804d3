"""Young people's school and studies as outcomes, their guardians and the guardians' consent, and
the municipality's activity duty (KAA).

Everything hangs on a participant (participants.Enrollment) by foreign key; this app adds no field
to the participants app.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from stegvis.core.models import TimeStampedModel
from stegvis.participants.models import Enrollment


class SchoolForm(models.TextChoices):
    COMPULSORY = "COMPULSORY", _("Compulsory school (grundskola)")
    IM_IA = "IM_IA", _("Introduction programme, individual alternative")
    IM_OTHER = "IM_OTHER", _("Introduction programme, other")
    NATIONAL = "NATIONAL", _("National upper-secondary programme")
    KOMVUX = "KOMVUX", _("Municipal adult education (Komvux)")
    FOLK_HIGH_SCHOOL = "FOLK_HIGH_SCHOOL", _("Folk high school")
    HIGHER = "HIGHER", _("Vocational college or university")
    OTHER = "OTHER", _("Other studies")


class DropoutOutcome(models.TextChoices):
    AVERTED = "AVERTED", _("Dropout averted: the studies go on")
    NOT_AVERTED = "NOT_AVERTED", _("Not averted: the studies were broken off")


class Studies(TimeStampedModel):
    """A school or study place of a participant, with its outcomes: started, completed, grades,
    eligibility, and a dropout risk averted or not. The school's own contact person is personal
    data and is shown only to those who may see the participant."""

    enrollment = models.ForeignKey(Enrollment, on_delete=models.CASCADE, related_name="studies")
    school = models.CharField(_("school"), max_length=200)
    school_form = models.CharField(_("form of school"), max_length=16, choices=SchoolForm.choices)
    programme = models.CharField(_("programme or course"), max_length=200, blank=True)
    started_on = models.DateField(_("studies started"), null=True, blank=True)
    completed_on = models.DateField(_("studies completed"), null=True, blank=True)
    full_grades_year9 = models.BooleanField(
        _("full grades in year 9 (fullständigt betyg)"), null=True, blank=True
    )
    eligible_at_start = models.BooleanField(
        _("eligible for a national programme at the start"), null=True, blank=True
    )
    eligible_on = models.DateField(
        _("became eligible for a national programme (behörighet) on"), null=True, blank=True
    )
    dropout_risk_on = models.DateField(_("risk of dropping out noticed on"), null=True, blank=True)
    dropout_outcome = models.CharField(
        _("dropout"), max_length=12, choices=DropoutOutcome.choices, blank=True
    )
    contact_name = models.CharField(_("the school's contact person"), max_length=200, blank=True)
    contact_phone = models.CharField(_("contact person's phone"), max_length=40, blank=True)
    contact_email = models.EmailField(_("contact person's e-mail"), blank=True)

    class Meta:
        verbose_name = _("studies")
        verbose_name_plural = _("studies")
        ordering = ["-started_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(completed_on__isnull=True)
                | models.Q(started_on__isnull=False, completed_on__gte=models.F("started_on")),
                name="studies_completed_after_start",
            ),
            models.CheckConstraint(
                condition=models.Q(dropout_outcome="") | models.Q(dropout_risk_on__isnull=False),
                name="studies_dropout_outcome_needs_risk",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.school} ({self.get_school_form_display()})"


class AttendanceSource(models.TextChoices):
    COACH = "COACH", _("Entered by the coach")
    SCHOOL = "SCHOOL", _("Reported by the school's contact person")
    IMPORT = "IMPORT", _("Imported from the school's file")


class Attendance(TimeStampedModel):
    """Attendance in one calendar month, as a percentage of the scheduled time."""

    studies = models.ForeignKey(Studies, on_delete=models.CASCADE, related_name="attendance")
    month = models.DateField(_("month"), help_text=_("The first day of the month."))
    percent = models.DecimalField(_("attendance (%)"), max_digits=4, decimal_places=1)
    source = models.CharField(_("source"), max_length=8, choices=AttendanceSource.choices)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["month"]
        constraints = [
            models.UniqueConstraint(fields=["studies", "month"], name="attendance_month_unique"),
            models.CheckConstraint(
                condition=models.Q(percent__gte=0, percent__lte=100),
                name="attendance_percent_range",
            ),
        ]


class GuardianRelation(models.TextChoices):
    PARENT = "PARENT", _("Parent with custody")
    APPOINTED = "APPOINTED", _("Specially appointed guardian")
    OTHER = "OTHER", _("Other legal guardian")


class Guardian(TimeStampedModel):
    """A guardian (vårdnadshavare) of a participant under 18, and how to reach them."""

    enrollment = models.ForeignKey(Enrollment, on_delete=models.CASCADE, related_name="guardians")
    name = models.CharField(_("name"), max_length=200)
    relation = models.CharField(_("relation"), max_length=10, choices=GuardianRelation.choices)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)

    class Meta:
        ordering = ["name", "id"]

    def __str__(self) -> str:
        return self.name


class GuardianConsent(TimeStampedModel):
    """A guardian's consent for a participant under 18: when, and what it covers. The young
    person's own agreement is recorded with it; withdrawing ends it."""

    enrollment = models.ForeignKey(
        Enrollment, on_delete=models.CASCADE, related_name="guardian_consents"
    )
    guardian = models.ForeignKey(Guardian, on_delete=models.PROTECT, related_name="consents")
    given_on = models.DateField(_("given on"))
    covers_registration = models.BooleanField(_("registration and support in the project"))
    covers_school = models.BooleanField(
        _("exchanging attendance, grades and study results with the school")
    )
    covers_kaa = models.BooleanField(
        _("exchanging information with the municipality's activity duty (KAA)")
    )
    young_person_agrees = models.BooleanField(_("the young person agrees too"))
    withdrawn_on = models.DateField(_("withdrawn on"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-given_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(covers_registration=True)
                | models.Q(covers_school=True)
                | models.Q(covers_kaa=True),
                name="guardian_consent_covers_something",
            ),
            models.CheckConstraint(
                condition=models.Q(withdrawn_on__isnull=True)
                | models.Q(withdrawn_on__gte=models.F("given_on")),
                name="guardian_consent_withdrawn_after_given",
            ),
        ]

    def is_valid_on(self, day) -> bool:  # noqa: ANN001
        return self.given_on <= day and (self.withdrawn_on is None or self.withdrawn_on > day)


class KaaStatus(models.TextChoices):
    REGISTERED = "REGISTERED", _("Registered in the activity duty")
    CONTACT = "CONTACT", _("Contact taken")
    ACTIVITY = "ACTIVITY", _("In an activity")
    ENDED = "ENDED", _("Ended")


class KaaStatusChange(TimeStampedModel):
    """The participant's status in the municipality's activity duty (kommunala
    aktivitetsansvaret, skollagen 29 kap. 9 §), from a date. Rows are never changed: a new status
    is a new row, so the dates stay."""

    enrollment = models.ForeignKey(
        Enrollment, on_delete=models.CASCADE, related_name="kaa_statuses"
    )
    status = models.CharField(_("KAA status"), max_length=10, choices=KaaStatus.choices)
    date = models.DateField(_("from"))
    note = models.CharField(_("note"), max_length=300, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["date", "id"]


class KaaDirection(models.TextChoices):
    FROM_KAA = "FROM_KAA", _("KAA referred the young person to the project")
    TO_KAA = "TO_KAA", _("The project referred the young person to KAA")


class KaaReferral(TimeStampedModel):
    """A referral between the project and the municipality's activity duty."""

    enrollment = models.ForeignKey(
        Enrollment, on_delete=models.CASCADE, related_name="kaa_referrals"
    )
    direction = models.CharField(_("direction"), max_length=8, choices=KaaDirection.choices)
    referred_on = models.DateField(_("date"))
    municipality = models.CharField(_("municipality"), max_length=100)
    kaa_contact = models.CharField(
        _("KAA contact (name, phone or e-mail)"), max_length=200, blank=True
    )
    reason = models.TextField(_("reason"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-referred_on", "-id"]
