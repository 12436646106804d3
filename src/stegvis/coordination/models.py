"""The coordination function of a project: one way in (en väg in), the directory of partners.

- `IntakeDesk`: the one way in of a coordination project. Its coordinators are the project's
  managers (the project manager of the coordination function routes what comes in).
- `Intake`: a contact registered by a partner (school, KAA, social services, a civil-society
  organisation, …) or by the person themself on the public form. The coordinator routes it: to a
  project's referral group (a participants.Referral is made through that app's services), to a
  support in the directory, or closes it. The one who registered it sees what became of it, when
  the person agreed to that, and nothing more.
- `DirectoryEntry`: a partner or civil-society organisation, what it offers, for whom, how to
  reach it.

The shared view of who supports a person now reads participants' enrollments and interventions;
it has no model of its own.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from stegvis.accounts.models import Organisation, OrganisationKind
from stegvis.core.models import TimeStampedModel
from stegvis.participants.codes import Gender
from stegvis.participants.models import Person, Referral
from stegvis.projects.models import Project


class IntakeDesk(TimeStampedModel):
    """En väg in: where every partner and the person themself turn, run by a coordination project."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    project = models.OneToOneField(
        Project,
        verbose_name=_("coordination project"),
        on_delete=models.PROTECT,
        related_name="intake_desk",
    )
    name = models.CharField(_("name"), max_length=200)
    area = models.CharField(
        _("area"), max_length=200, blank=True, help_text=_("For example the municipality.")
    )
    intro = models.TextField(
        _("text for the public form"),
        blank=True,
        help_text=_("Who the one way in is for, and what happens after a contact."),
    )
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    is_open = models.BooleanField(_("open for new contacts"), default=True)

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["name"], name="intake_desk_name_unique")]

    def __str__(self) -> str:
        return self.name


class IntakeSource(models.TextChoices):
    SCHOOL = "SCHOOL", _("School")
    KAA = "KAA", _("The municipality's activity duty (KAA)")
    SOCIAL_SERVICES = "SOCIAL_SERVICES", _("Social services")
    EMPLOYMENT_SERVICE = "EMPLOYMENT_SERVICE", _("Swedish Public Employment Service")
    HEALTH_CARE = "HEALTH_CARE", _("Health care")
    CIVIL_SOCIETY = "CIVIL_SOCIETY", _("Civil-society organisation")
    SELF = "SELF", _("The person themself")
    OTHER = "OTHER", _("Other")


class IntakeStatus(models.TextChoices):
    NEW = "NEW", _("Received, waiting for the coordinator")
    TO_PROJECT = "TO_PROJECT", _("Referred to a project")
    TO_SUPPORT = "TO_SUPPORT", _("Referred to another support")
    CLOSED = "CLOSED", _("Closed")


class Intake(TimeStampedModel):
    """A contact in the one way in. Personal data: read and written through access.py and
    services.py only, audited with the intake's key (and the person's, once routed)."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    desk = models.ForeignKey(IntakeDesk, on_delete=models.PROTECT, related_name="intakes")
    reference = models.CharField(_("reference"), max_length=20, unique=True, editable=False)
    # Only for contacts the person made themself: the hash of the receipt code they were shown.
    receipt_hash = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    source = models.CharField(_("who gets in touch"), max_length=20, choices=IntakeSource.choices)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="registered_intakes",
    )
    registered_by_organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=100, blank=True)
    birth_year = models.PositiveSmallIntegerField(_("birth year"))
    gender = models.CharField(_("gender"), max_length=1, choices=Gender.choices, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    need = models.TextField(_("what the person needs help with"))
    consent_registration = models.BooleanField(_("the person agrees to the contact"))
    consent_feedback = models.BooleanField(
        _("the person agrees that the one who registered the contact is told what became of it"),
        default=False,
    )
    status = models.CharField(
        _("status"), max_length=12, choices=IntakeStatus.choices, default=IntakeStatus.NEW
    )
    project = models.ForeignKey(
        Project,
        verbose_name=_("referred to project"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    directory_entry = models.ForeignKey(
        "DirectoryEntry",
        verbose_name=_("referred to support"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="intakes",
    )
    referral = models.OneToOneField(
        Referral, null=True, blank=True, on_delete=models.PROTECT, related_name="intake"
    )
    person = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.PROTECT, related_name="intakes"
    )
    outcome_message = models.CharField(
        _("message to the one who got in touch"), max_length=500, blank=True
    )
    internal_note = models.TextField(_("note for the coordinators"), blank=True)
    routed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    routed_on = models.DateField(_("handled on"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(consent_registration=True), name="intake_needs_consent"
            ),
            models.CheckConstraint(
                condition=~models.Q(status="TO_PROJECT") | models.Q(project__isnull=False),
                name="intake_to_project_names_project",
            ),
            models.CheckConstraint(
                condition=~models.Q(status="TO_SUPPORT") | models.Q(directory_entry__isnull=False),
                name="intake_to_support_names_entry",
            ),
        ]

    def __str__(self) -> str:
        return self.reference

    def get_absolute_url(self) -> str:
        return reverse("coordination:intake_detail", args=[self.public_id])

    @property
    def is_open(self) -> bool:
        return self.status == IntakeStatus.NEW


class DirectoryEntry(TimeStampedModel):
    """A partner or civil-society organisation in the directory: what, for whom, how to reach."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField(_("name"), max_length=200)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation in Stegvis"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="directory_entries",
    )
    kind = models.CharField(
        _("kind of organisation"), max_length=32, choices=OrganisationKind.choices
    )
    offers = models.TextField(_("what they offer"))
    for_whom = models.TextField(_("for whom"))
    area = models.CharField(_("area"), max_length=200, blank=True)
    how_to_reach = models.TextField(_("how to get in touch"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    website = models.URLField(_("website"), blank=True)
    is_active = models.BooleanField(_("shown in the directory"), default=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("directory entry")
        constraints = [
            models.UniqueConstraint(fields=["name", "area"], name="directory_entry_unique")
        ]

    def __str__(self) -> str:
        return self.name
