"""Employers, the project's relationship with them, job openings, vocational profiles and the
support given on a job after a hire.

An employer belongs to the register of one organisation (the organisation that owns projects) and
is shared by all that organisation's projects: the same company is one row, recognised by its
organisationsnummer, whichever project found it. Contacts, agreements and openings each belong to
one project of that organisation (the project's relationship with the employer).
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from stegvis.accounts.models import Organisation
from stegvis.core.models import TimeStampedModel
from stegvis.participants.models import Employment, Enrollment
from stegvis.projects.models import Project


class Occupation(models.Model):
    """An SSYK 2012 unit group (four digits) with its Swedish name: the code list of occupations.

    Shipped in data/ssyk2012.csv (the common unit groups); `stegvis import_ssyk FILE` loads the
    official list from SCB.
    """

    code = models.CharField(_("SSYK code"), max_length=4, unique=True)
    name = models.CharField(_("name"), max_length=200)

    class Meta:
        verbose_name = _("occupation (SSYK 2012)")
        verbose_name_plural = _("occupations (SSYK 2012)")
        ordering = ["code"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(code__regex=r"^[0-9]{4}$"), name="occupation_code_four_digits"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class Sector(models.TextChoices):
    PRIVATE = "PRIVATE", _("Private company")
    PUBLIC = "PUBLIC", _("Public sector")
    NON_PROFIT = "NON_PROFIT", _("Non-profit organisation")
    SOCIAL_ENTERPRISE = "SOCIAL_ENTERPRISE", _("Social enterprise")


class Employer(TimeStampedModel):
    """An employer in an organisation's register, shared by its projects."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="employers"
    )
    name = models.CharField(_("name"), max_length=200)
    org_number = models.CharField(
        _("organisation number"),
        max_length=11,
        blank=True,
        help_text=_("Ten digits, like 556016-0680. The same number is the same employer."),
    )
    sector = models.CharField(_("sector"), max_length=20, choices=Sector.choices, blank=True)
    industry = models.CharField(_("line of business"), max_length=200, blank=True)
    municipality_code = models.CharField(
        _("municipality code"),
        max_length=4,
        blank=True,
        help_text=_("Four digits, like 2482 for Skellefteå."),
    )
    address = models.CharField(_("address"), max_length=300, blank=True)
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        verbose_name = _("employer")
        verbose_name_plural = _("employers")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "org_number"],
                condition=~models.Q(org_number=""),
                name="employer_org_number_unique",
            ),
        ]
        indexes = [models.Index(Lower("name"), "organisation", name="employer_name_idx")]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("employers:detail", args=[self.public_id])


class EmployerPerson(TimeStampedModel):
    """A contact person at the employer (the manager, HR, a supervisor)."""

    employer = models.ForeignKey(Employer, on_delete=models.CASCADE, related_name="people")
    name = models.CharField(_("name"), max_length=200)
    role = models.CharField(_("role at the employer"), max_length=200, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)

    class Meta:
        ordering = ["name", "id"]

    def __str__(self) -> str:
        return f"{self.name} ({self.role})" if self.role else self.name


class EmployerContactKind(models.TextChoices):
    VISIT = "VISIT", _("Visit at the workplace")
    JOB_DEVELOPMENT = "JOB_DEVELOPMENT", _("Job development meeting")
    PHONE = "PHONE", _("Phone call")
    DIGITAL = "DIGITAL", _("Video meeting")
    MESSAGE = "MESSAGE", _("Message or e-mail")
    OTHER = "OTHER", _("Other contact")


class EmployerContact(TimeStampedModel):
    """A contact a coach had with an employer for a project: the contact log. The IPS fidelity
    scale's job development items count these per employment specialist per week."""

    employer = models.ForeignKey(Employer, on_delete=models.CASCADE, related_name="contacts")
    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="employer_contacts")
    coach = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="employer_contacts"
    )
    kind = models.CharField(
        _("kind of contact"), max_length=16, choices=EmployerContactKind.choices
    )
    date = models.DateField(_("date"))
    person = models.ForeignKey(
        EmployerPerson,
        verbose_name=_("with whom"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="contacts",
    )
    minutes = models.PositiveSmallIntegerField(_("length (minutes)"), null=True, blank=True)
    note = models.TextField(_("what was said"), blank=True)

    class Meta:
        ordering = ["-date", "-id"]
        indexes = [models.Index(fields=["coach", "date"], name="employer_contact_coach_idx")]


class AgreementKind(models.TextChoices):
    COOPERATION = "COOPERATION", _("Cooperation agreement")
    WORK_PRACTICE = "WORK_PRACTICE", _("Work practice agreement")
    RECRUITMENT = "RECRUITMENT", _("Recruitment agreement")
    OTHER = "OTHER", _("Other agreement")


class Agreement(TimeStampedModel):
    """An agreement between a project and an employer."""

    employer = models.ForeignKey(Employer, on_delete=models.CASCADE, related_name="agreements")
    project = models.ForeignKey(
        Project, on_delete=models.PROTECT, related_name="employer_agreements"
    )
    kind = models.CharField(_("kind of agreement"), max_length=16, choices=AgreementKind.choices)
    start_date = models.DateField(_("from"))
    end_date = models.DateField(_("until"), null=True, blank=True)
    description = models.TextField(_("what it says"), blank=True)

    class Meta:
        ordering = ["-start_date", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__isnull=True)
                | models.Q(end_date__gte=models.F("start_date")),
                name="agreement_end_after_start",
            ),
        ]


class OpeningStatus(models.TextChoices):
    OPEN = "OPEN", _("Open")
    FILLED = "FILLED", _("Filled")
    CLOSED = "CLOSED", _("Closed")


class Opening(TimeStampedModel):
    """A job opening at an employer that a project works with (openings.csv)."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="openings")
    employer = models.ForeignKey(Employer, on_delete=models.PROTECT, related_name="openings")
    code = models.CharField(
        _("opening id"), max_length=40, help_text=_("The project's own id for the opening.")
    )
    title = models.CharField(_("title"), max_length=200)
    ssyk = models.CharField(_("occupation (SSYK 2012)"), max_length=4, blank=True)
    hours_per_week = models.DecimalField(
        _("hours per week"), max_digits=4, decimal_places=1, null=True, blank=True
    )
    municipality_code = models.CharField(_("municipality code"), max_length=4, blank=True)
    requirements = models.TextField(_("requirements"), blank=True)
    driving_licence_required = models.BooleanField(_("driving licence required"), default=False)
    start_date = models.DateField(_("from when"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=8, choices=OpeningStatus.choices, default=OpeningStatus.OPEN
    )
    employment = models.OneToOneField(
        Employment,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="opening",
        editable=False,
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("opening")
        verbose_name_plural = _("openings")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["project", "code"], name="opening_code_unique"),
        ]
        indexes = [models.Index(fields=["status", "project"], name="opening_status_idx")]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("employers:opening_detail", args=[self.public_id])


class VocationalProfile(TimeStampedModel):
    """What work the participant wants, in their own words, and what they offer and need.

    Written with the participant (Supported Employment's second stage); every change is kept in
    the audit trail with the old and new value.
    """

    enrollment = models.OneToOneField(
        Enrollment, on_delete=models.CASCADE, related_name="vocational_profile"
    )
    wanted_occupation = models.TextField(
        _("the work the person wants, in their own words"),
        help_text=_("Write it as the person says it."),
    )
    ssyk = models.CharField(
        _("occupation (SSYK 2012)"),
        max_length=4,
        blank=True,
        help_text=_("Choose a code if one fits; the person's own words count most."),
    )
    hours_per_week = models.DecimalField(
        _("hours per week"), max_digits=4, decimal_places=1, null=True, blank=True
    )
    municipalities = models.CharField(
        _("municipalities where the person can work"),
        max_length=200,
        blank=True,
        help_text=_("Municipality codes separated by spaces, like 2482 2480."),
    )
    commute = models.CharField(
        _("travel to work"),
        max_length=300,
        blank=True,
        help_text=_("How far and how, like: up to 45 minutes by bus."),
    )
    experience = models.TextField(_("work experience"), blank=True)
    skills = models.TextField(_("skills"), blank=True)
    education = models.TextField(_("education"), blank=True)
    driving_licence = models.BooleanField(_("driving licence"), null=True, blank=True)
    adjustments = models.TextField(
        _("what the person needs at work"),
        blank=True,
        help_text=_("Adjustments and support, only what the person wants written down."),
    )
    not_wanted = models.TextField(
        _("what the person does not want"),
        blank=True,
        help_text=_("Work or conditions the person does not want, like night shifts."),
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("vocational profile")
        verbose_name_plural = _("vocational profiles")

    def __str__(self) -> str:
        return f"{self.enrollment}: {self.wanted_occupation[:40]}"

    @property
    def municipality_codes(self) -> list[str]:
        return self.municipalities.split()


class SupportRecipient(models.TextChoices):
    PARTICIPANT = "PARTICIPANT", _("The participant")
    EMPLOYER = "EMPLOYER", _("The employer")
    BOTH = "BOTH", _("Both")


class SupportKind(models.TextChoices):
    MEETING = "MEETING", _("Meeting")
    WORKPLACE = "WORKPLACE", _("Visit at the workplace")
    PHONE = "PHONE", _("Phone call")
    MESSAGE = "MESSAGE", _("Message or e-mail")
    OTHER = "OTHER", _("Other support")


class JobSupport(TimeStampedModel):
    """Follow-along support on a job after the hire, to the participant, the employer or both
    (IPS: individualised, time-unlimited follow-along support)."""

    employment = models.ForeignKey(
        Employment, on_delete=models.CASCADE, related_name="support_entries"
    )
    date = models.DateField(_("date"))
    recipient = models.CharField(_("to whom"), max_length=12, choices=SupportRecipient.choices)
    kind = models.CharField(_("kind of support"), max_length=10, choices=SupportKind.choices)
    minutes = models.PositiveSmallIntegerField(_("length (minutes)"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-date", "-id"]
