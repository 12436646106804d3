"""People, their enrollments in projects, and everything that happens on the way to work.

A Person is registered once and may take part in several projects over the years; each taking
part is an Enrollment (the "participant" of a project). Referrals come before an enrollment,
contacts, interventions, steps, goals, jobs, notes and follow-ups hang on it.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from stegvis.accounts.models import Organisation
from stegvis.core.crypto import EncryptedTextField
from stegvis.core.models import TimeStampedModel
from stegvis.participants import identity
from stegvis.participants.codes import (
    Education,
    EmploymentKind,
    ExitStatus,
    Gender,
    IncomeSource,
    LabourMarketStatus,
    Subsidy,
    YesNo,
    method_label,
)
from stegvis.projects.models import Project


class Person(TimeStampedModel):
    """A person, once, whatever projects they take part in. Identity numbers are stored encrypted,
    with a keyed blind index to recognise the same person again without reading the number."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    first_name = models.CharField(_("first name"), max_length=100, blank=True)
    last_name = models.CharField(_("last name"), max_length=100, blank=True)
    identity_number = EncryptedTextField(_("personal identity number"), blank=True)
    identity_index = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    is_coordination_number = models.BooleanField(_("coordination number"), default=False)
    birth_year = models.PositiveSmallIntegerField(_("birth year"))
    gender = models.CharField(_("gender"), max_length=1, choices=Gender.choices)
    protected_identity = models.BooleanField(
        _("protected personal data"),
        default=False,
        help_text=_(
            "Skyddade personuppgifter: the person's name and number are shown to nobody but their coach."
        ),
    )
    phone = models.CharField(_("mobile phone"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    # The day the person withdrew their consent to processing (privacy app): from then on no new
    # contacts, ratings or self-assessment links; what is recorded is kept for the legal period.
    processing_stopped_on = models.DateField(
        _("consent to processing withdrawn on"), null=True, blank=True, editable=False
    )
    # When the person was anonymised (GDPR art. 17, or the retention rule): irreversible.
    erased_at = models.DateTimeField(_("anonymised"), null=True, blank=True, editable=False)
    # A person merged into another keeps their row (and history) and points to the one that stays.
    merged_into = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="merged_people",
        editable=False,
    )

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["last_name", "first_name"]
        indexes = [
            models.Index(fields=["last_name", "first_name", "birth_year"], name="person_name_idx")
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(birth_year__gte=1900, birth_year__lte=2100),
                name="person_birth_year_range",
            ),
        ]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        name = f"{self.first_name} {self.last_name}".strip()
        return name or _("Person born %(year)s") % {"year": self.birth_year}

    @property
    def masked_identity_number(self) -> str:
        return identity.mask(self.identity_number) if self.identity_number else ""


class Enrollment(TimeStampedModel):
    """A person taking part in a project (an insats): the participant of the exchange format."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="enrollments")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="enrollments")
    participant_code = models.CharField(
        _("participant id"), max_length=40, help_text=_("The project's own id for the participant.")
    )
    referral = models.OneToOneField(
        "Referral", null=True, blank=True, on_delete=models.SET_NULL, related_name="enrollment"
    )
    method = models.CharField(
        _("support method"),
        max_length=40,
        help_text=_("SE, IPS, SED, BOSTON, OTHER or a combination like SE+SED."),
    )
    comparison_group = models.CharField(_("comparison group"), max_length=100, blank=True)
    coach = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("coach"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="caseload",
    )
    municipality_code = models.CharField(_("municipality code"), max_length=4, blank=True)
    referral_date = models.DateField(_("referral date"), null=True, blank=True)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"), null=True, blank=True)
    status_at_start = models.CharField(
        _("labour-market status at start"), max_length=24, choices=LabourMarketStatus.choices
    )
    education = models.CharField(
        _("highest education"), max_length=8, choices=Education.choices, blank=True
    )
    disability = models.CharField(
        _("disability"),
        max_length=3,
        choices=YesNo.choices,
        blank=True,
        help_text=_("Only if the person tells."),
    )
    income_source_start = models.CharField(
        _("main income at start"), max_length=24, choices=IncomeSource.choices, blank=True
    )
    income_source_end = models.CharField(
        _("main income at end"), max_length=24, choices=IncomeSource.choices, blank=True
    )
    support_months_before = models.PositiveSmallIntegerField(
        _("months on public support before start"), null=True, blank=True
    )
    exit_status = models.CharField(
        _("situation on leaving"), max_length=16, choices=ExitStatus.choices, blank=True
    )
    exit_reason = models.CharField(_("reason for leaving"), max_length=300, blank=True)
    qualification_gained = models.BooleanField(
        _("qualification gained on leaving"), null=True, blank=True
    )
    status_6m = models.CharField(
        _("situation six months after leaving"),
        max_length=16,
        choices=ExitStatus.choices,
        blank=True,
    )
    status_12m = models.CharField(
        _("situation twelve months after leaving"),
        max_length=16,
        choices=ExitStatus.choices,
        blank=True,
    )
    follow_along = models.BooleanField(
        _("follow-along support"),
        default=False,
        help_text=_(
            "Support goes on after leaving, as long as the person or the employer wants it."
        ),
    )

    class Meta:
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        ordering = ["-start_date", "participant_code"]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "participant_code"], name="enrollment_code_unique"
            ),
            models.CheckConstraint(
                condition=models.Q(end_date__isnull=True)
                | models.Q(end_date__gte=models.F("start_date")),
                name="enrollment_end_after_start",
            ),
            models.CheckConstraint(
                condition=models.Q(end_date__isnull=True) | ~models.Q(exit_status=""),
                name="enrollment_exit_status_on_leaving",
            ),
        ]
        indexes = [
            models.Index(fields=["coach", "end_date"], name="enrollment_caseload_idx"),
            models.Index(fields=["project", "start_date"], name="enrollment_project_start_idx"),
            # A manager's caseload: the active (or former) participants of their projects.
            models.Index(fields=["project", "end_date"], name="enrollment_project_end_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.project.diarienummer}:{self.participant_code}"

    def get_absolute_url(self) -> str:
        return reverse("participants:detail", args=[self.public_id])

    @property
    def is_active(self) -> bool:
        return self.end_date is None

    @property
    def method_display(self) -> str:
        return method_label(self.method)


class CoachAssignment(TimeStampedModel):
    """Who was the participant's coach, from when, and why it changed: continuity is measured here."""

    enrollment = models.ForeignKey(
        Enrollment, on_delete=models.CASCADE, related_name="coach_assignments"
    )
    coach = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="coach_assignments"
    )
    start_date = models.DateField(_("from"))
    end_date = models.DateField(_("until"), null=True, blank=True)
    reason = models.CharField(_("reason for the change"), max_length=300, blank=True)

    class Meta:
        ordering = ["start_date", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["enrollment"],
                condition=models.Q(end_date__isnull=True),
                name="one_current_coach",
            ),
        ]


class ConsentPurpose(models.TextChoices):
    REGISTRATION = "REGISTRATION", _("Registration in the project")
    SHARING = "SHARING", _("Sharing with a named partner")
    CONTACT_AFTER = "CONTACT_AFTER", _("Contact after leaving")
    FOLLOW_UP = "FOLLOW_UP", _("Follow-up")


class ConsentGiver(models.TextChoices):
    PERSON = "PERSON", _("The person")
    GUARDIAN = "GUARDIAN", _("A guardian")


class Consent(TimeStampedModel):
    """A consent the person (or their guardian) gave for one purpose; withdrawing it ends it."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="consents")
    enrollment = models.ForeignKey(
        Enrollment, null=True, blank=True, on_delete=models.CASCADE, related_name="consents"
    )
    purpose = models.CharField(_("purpose"), max_length=16, choices=ConsentPurpose.choices)
    partner = models.ForeignKey(
        Organisation,
        verbose_name=_("partner"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    given_on = models.DateField(_("given on"))
    given_by = models.CharField(
        _("given by"), max_length=8, choices=ConsentGiver.choices, default=ConsentGiver.PERSON
    )
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    withdrawn_on = models.DateField(_("withdrawn on"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-given_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(purpose="SHARING") | models.Q(partner__isnull=False),
                name="consent_sharing_names_partner",
            ),
        ]

    def is_valid_on(self, day) -> bool:  # noqa: ANN001
        if self.given_on > day:
            return False
        if self.withdrawn_on and self.withdrawn_on <= day:
            return False
        return not (self.valid_until and self.valid_until < day)


class ReferralGroup(TimeStampedModel):
    """A remittentgrupp: members from the partner agencies, one group per municipality, meeting monthly."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="referral_groups")
    name = models.CharField(_("name"), max_length=200)
    municipality_code = models.CharField(_("municipality code"), max_length=4, blank=True)
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="referral_groups"
    )

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["project", "name"], name="referral_group_name_unique")
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("participants:referral_group_detail", args=[self.public_id])


class ReferralMeeting(TimeStampedModel):
    group = models.ForeignKey(ReferralGroup, on_delete=models.CASCADE, related_name="meetings")
    date = models.DateField(_("meeting date"))
    notes = models.TextField(_("minutes"), blank=True)

    class Meta:
        ordering = ["-date"]
        constraints = [
            models.UniqueConstraint(fields=["group", "date"], name="referral_meeting_unique")
        ]

    def __str__(self) -> str:
        return f"{self.group} {self.date:%Y-%m-%d}"


class ReferralStatus(models.TextChoices):
    NEW = "NEW", _("Waiting for the referral group")
    ACCEPTED = "ACCEPTED", _("Accepted")
    DECLINED = "DECLINED", _("Declined")
    WAITING = "WAITING", _("Postponed")
    ENROLLED = "ENROLLED", _("Enrolled")


class ReferrerKind(models.TextChoices):
    CASEWORKER = "CASEWORKER", _("Caseworker at a partner agency")
    SELF = "SELF", _("Self-referral")


class Referral(TimeStampedModel):
    """A remiss to a project's referral group: who, why, the person's own goal and motivation."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    group = models.ForeignKey(ReferralGroup, on_delete=models.PROTECT, related_name="referrals")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="referrals")
    referrer_kind = models.CharField(_("referred by"), max_length=12, choices=ReferrerKind.choices)
    referrer_organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("referring agency"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    referrer_name = models.CharField(_("caseworker"), max_length=200, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    received_on = models.DateField(_("received on"))
    reason = models.TextField(_("why the referral"))
    own_goal = models.TextField(_("the person's own goal"))
    motivation = models.TextField(_("motivation for work or studies"))
    consent_given = models.BooleanField(_("the person agrees to the referral"))
    status = models.CharField(
        _("status"), max_length=10, choices=ReferralStatus.choices, default=ReferralStatus.NEW
    )
    meeting = models.ForeignKey(
        ReferralMeeting, null=True, blank=True, on_delete=models.PROTECT, related_name="decisions"
    )
    decision_reason = models.TextField(_("reason for the decision"), blank=True)
    minutes_line = models.CharField(_("minutes line"), max_length=300, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["received_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(consent_given=True), name="referral_needs_consent"
            ),
        ]
        indexes = [
            # A referral group's agenda: its new and waiting referrals.
            models.Index(fields=["group", "status"], name="referral_group_status_idx"),
        ]

    def get_absolute_url(self) -> str:
        return reverse("participants:referral_detail", args=[self.public_id])


class ContactKind(models.TextChoices):
    MEETING = "MEETING", _("Meeting")
    PHONE = "PHONE", _("Phone call")
    DIGITAL = "DIGITAL", _("Video meeting")
    MESSAGE = "MESSAGE", _("Message or e-mail")
    WORKPLACE = "WORKPLACE", _("Visit at the workplace")
    NETWORK = "NETWORK", _("Network meeting")
    OTHER = "OTHER", _("Other contact")


class Contact(TimeStampedModel):
    enrollment = models.ForeignKey(Enrollment, on_delete=models.CASCADE, related_name="contacts")
    kind = models.CharField(_("kind of contact"), max_length=10, choices=ContactKind.choices)
    date = models.DateField(_("date"))
    minutes = models.PositiveSmallIntegerField(_("length (minutes)"), null=True, blank=True)
    with_whom = models.CharField(_("with whom"), max_length=200, blank=True)
    summary = models.TextField(_("summary"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-date", "-id"]
        indexes = [models.Index(fields=["enrollment", "date"], name="contact_enrollment_date_idx")]


class InterventionKind(models.TextChoices):
    WORK_PRACTICE = "WORK_PRACTICE", _("Work practice")
    REHABILITATION = "REHABILITATION", _("Rehabilitation")
    STUDIES = "STUDIES", _("Studies")
    TREATMENT = "TREATMENT", _("Treatment")
    OTHER = "OTHER", _("Other intervention")


class Intervention(TimeStampedModel):
    """A parallel intervention from a partner agency, beside the project's own support."""

    enrollment = models.ForeignKey(
        Enrollment, on_delete=models.CASCADE, related_name="interventions"
    )
    kind = models.CharField(_("kind"), max_length=16, choices=InterventionKind.choices)
    provider = models.ForeignKey(
        Organisation,
        verbose_name=_("provided by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    description = models.CharField(_("what"), max_length=300, blank=True)
    start_date = models.DateField(_("from"))
    end_date = models.DateField(_("until"), null=True, blank=True)

    class Meta:
        ordering = ["-start_date", "-id"]


class MethodStep(models.TextChoices):
    SE_ENGAGEMENT = "SE_ENGAGEMENT", _("SE 1: Engagement")
    SE_PROFILE = "SE_PROFILE", _("SE 2: Vocational profile")
    SE_JOB_FINDING = "SE_JOB_FINDING", _("SE 3: Job finding")
    SE_EMPLOYER = "SE_EMPLOYER", _("SE 4: Employer engagement")
    SE_SUPPORT = "SE_SUPPORT", _("SE 5: On- and off-the-job support")
    SED_CHOOSE = "SED_CHOOSE", _("Supported Education: choose")
    SED_GET = "SED_GET", _("Supported Education: get in")
    SED_KEEP = "SED_KEEP", _("Supported Education: keep going")
    BOSTON_READINESS = "BOSTON_READINESS", _("Boston: readiness and exploring")
    BOSTON_CHOOSE = "BOSTON_CHOOSE", _("Boston: choose")
    BOSTON_GET = "BOSTON_GET", _("Boston: get")
    BOSTON_KEEP = "BOSTON_KEEP", _("Boston: keep")


class StepReached(TimeStampedModel):
    enrollment = models.ForeignKey(Enrollment, on_delete=models.CASCADE, related_name="steps")
    step = models.CharField(_("step"), max_length=20, choices=MethodStep.choices)
    date = models.DateField(_("date"))
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        ordering = ["date", "id"]


class Goal(TimeStampedModel):
    """A goal in the participant's own words."""

    enrollment = models.ForeignKey(Enrollment, on_delete=models.CASCADE, related_name="goals")
    text = models.TextField(_("goal, in the participant's words"))
    set_on = models.DateField(_("set on"))
    reached_on = models.DateField(_("reached on"), null=True, blank=True)

    class Meta:
        ordering = ["set_on", "id"]


class EmploymentEndReason(models.TextChoices):
    CONTRACT_ENDED = "CONTRACT_ENDED", _("The fixed term ended")
    QUIT = "QUIT", _("The person quit")
    DISMISSED = "DISMISSED", _("The employer ended it")
    NEW_JOB = "NEW_JOB", _("A new job")
    STUDIES = "STUDIES", _("Started studies")
    HEALTH = "HEALTH", _("Health")
    OTHER = "OTHER", _("Other reason")


class Employment(TimeStampedModel):
    """A job or study place the participant held (employments.csv)."""

    enrollment = models.ForeignKey(Enrollment, on_delete=models.CASCADE, related_name="employments")
    kind = models.CharField(_("kind"), max_length=8, choices=EmploymentKind.choices)
    employer = models.CharField(_("employer or school"), max_length=200)
    employer_org_number = models.CharField(_("organisation number"), max_length=11, blank=True)
    start_date = models.DateField(_("first day"))
    end_date = models.DateField(_("last day"), null=True, blank=True)
    hours_per_week = models.DecimalField(
        _("hours per week"), max_digits=4, decimal_places=1, null=True, blank=True
    )
    competitive = models.BooleanField(
        _("competitive job"),
        null=True,
        blank=True,
        help_text=_(
            "On the open labour market, paid at least the going wage, not reserved for people with disabilities."
        ),
    )
    subsidy = models.CharField(_("subsidy"), max_length=20, choices=Subsidy.choices, blank=True)
    occupation = models.CharField(_("occupation"), max_length=200, blank=True)
    # IPS: a job ending is part of the process; the reason helps find the next one.
    end_reason = models.CharField(
        _("why it ended"), max_length=16, choices=EmploymentEndReason.choices, blank=True
    )

    class Meta:
        ordering = ["-start_date", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["enrollment", "kind", "employer", "start_date"],
                name="employment_key_unique",
            ),
            models.CheckConstraint(
                condition=models.Q(end_date__isnull=True)
                | models.Q(end_date__gte=models.F("start_date")),
                name="employment_end_after_start",
            ),
        ]


class Note(TimeStampedModel):
    """A journal note. Its text is never overwritten: a correction adds a new version."""

    enrollment = models.ForeignKey(Enrollment, on_delete=models.CASCADE, related_name="notes")
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    date = models.DateField(_("date"))

    class Meta:
        ordering = ["-date", "-id"]

    @property
    def history(self) -> list[NoteVersion]:
        """Every version, oldest first (uses prefetched versions when the selector loaded them)."""
        return list(self.versions.all())


class NoteVersion(models.Model):
    note = models.ForeignKey(Note, on_delete=models.CASCADE, related_name="versions")
    text = models.TextField(_("text"))
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    written_at = models.DateTimeField(_("written"))
    correction_reason = models.CharField(_("reason for the correction"), max_length=300, blank=True)

    class Meta:
        ordering = ["written_at", "id"]

    def __str__(self) -> str:
        return f"{self.note_id}@{self.written_at:%Y-%m-%d %H:%M}"


class FollowUpKind(models.TextChoices):
    M6 = "M6", _("Six months after leaving")
    M12 = "M12", _("Twelve months after leaving")


class FollowUp(TimeStampedModel):
    enrollment = models.ForeignKey(Enrollment, on_delete=models.CASCADE, related_name="follow_ups")
    kind = models.CharField(_("follow-up"), max_length=3, choices=FollowUpKind.choices)
    due_on = models.DateField(_("due on"))
    done_on = models.DateField(_("done on"), null=True, blank=True)
    result = models.CharField(_("situation"), max_length=16, choices=ExitStatus.choices, blank=True)
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        ordering = ["due_on"]
        constraints = [
            models.UniqueConstraint(fields=["enrollment", "kind"], name="follow_up_unique")
        ]
        indexes = [
            # The caseload's next follow-up: a participant's follow-ups not yet done.
            models.Index(fields=["enrollment", "done_on"], name="follow_up_open_idx"),
            # The caseload's "follow-ups due": the open ones in order of their day (a manager's
            # page went from reading every open follow-up to the first few, 31 ms to 0.4 ms).
            models.Index(
                fields=["due_on"],
                condition=models.Q(done_on__isnull=True),
                name="follow_up_open_due_idx",
            ),
        ]
