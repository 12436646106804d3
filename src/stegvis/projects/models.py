"""Projects (with the ESF project-bank metadata), their partners and their staff."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from stegvis.accounts.models import Organisation
from stegvis.core.models import TimeStampedModel
from stegvis.core.permissions import Role


class ProgrammePeriod(models.TextChoices):
    ESF_2014_2020 = "2014-2020", _("ESF 2014–2020")
    ESF_PLUS_2021_2027 = "2021-2027", _("ESF+ 2021–2027")
    NONE = "", _("Not ESF funded")


class Project(TimeStampedModel):
    """A project: an ESF project, a samordningsförbund's intervention, or a municipality's own."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    diarienummer = models.CharField(
        _("diarienummer"),
        max_length=40,
        unique=True,
        help_text=_("For example 2020/00581 or 22-015-S01."),
    )
    name = models.CharField(_("name"), max_length=200)
    owner = models.ForeignKey(
        Organisation,
        verbose_name=_("project owner"),
        on_delete=models.PROTECT,
        related_name="owned_projects",
    )
    programme_period = models.CharField(
        _("programme period"), max_length=9, choices=ProgrammePeriod.choices, blank=True
    )
    region = models.CharField(_("region"), max_length=100, blank=True)
    nuts2 = models.CharField(_("NUTS-2 code"), max_length=10, blank=True)
    programme_area = models.CharField(_("programme area"), max_length=20, blank=True)
    specific_objective = models.CharField(_("specific objective"), max_length=20, blank=True)
    intervention_type = models.CharField(_("intervention type"), max_length=20, blank=True)
    fund = models.CharField(_("fund"), max_length=100, blank=True)
    eu_cofinancing_rate = models.DecimalField(
        _("EU co-financing rate (percent)"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    total_budget_sek = models.BigIntegerField(_("total budget (SEK)"), null=True, blank=True)
    esf_support_sek = models.BigIntegerField(_("ESF support (SEK)"), null=True, blank=True)
    planned_participants = models.PositiveIntegerField(
        _("planned participants"), null=True, blank=True
    )
    planned_women = models.PositiveIntegerField(_("of whom women"), null=True, blank=True)
    planned_men = models.PositiveIntegerField(_("of whom men"), null=True, blank=True)
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)
    contact_name = models.CharField(_("contact person"), max_length=200, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    postcode = models.CharField(_("postcode"), max_length=10, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    description = models.TextField(_("description"), blank=True)
    # Project-bank labels the importer does not know, kept as [[label, value], ...] in file order.
    extra = models.JSONField(_("other project-bank information"), default=list, blank=True)

    class Meta:
        verbose_name = _("project")
        verbose_name_plural = _("projects")
        ordering = ["-start_date", "name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__isnull=True)
                | models.Q(start_date__isnull=True)
                | models.Q(end_date__gte=models.F("start_date")),
                name="project_end_after_start",
            ),
            models.CheckConstraint(
                condition=models.Q(eu_cofinancing_rate__isnull=True)
                | models.Q(eu_cofinancing_rate__gte=0, eu_cofinancing_rate__lte=100),
                name="project_cofinancing_is_percent",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.diarienummer} {self.name}"

    def get_absolute_url(self) -> str:
        return reverse("projects:detail", args=[self.public_id])

    def roles_for(self, user: object) -> frozenset[Role]:
        """The roles `user` holds in this project (the scope for core.permissions.can).

        A staff row gives a role only while the user still holds it through a membership in an
        active organisation: taking the membership away takes the role in every project with it.
        """
        cache = getattr(user, "_stegvis_project_roles", None)
        if cache is None:
            cache = {}
            user._stegvis_project_roles = cache  # type: ignore[attr-defined]
        if self.pk not in cache:
            cache[self.pk] = (
                frozenset(
                    Role(r) for r in self.staff.filter(user=user).values_list("role", flat=True)
                )
                & user.stegvis_roles()
            )  # type: ignore[attr-defined]
        return cache[self.pk]


class ProjectPartner(TimeStampedModel):
    """An organisation taking part in a project (samarbetspart), e.g. a school or the region."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="partners")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="partnerships"
    )
    contribution = models.CharField(_("what the partner contributes"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("partner")
        verbose_name_plural = _("partners")
        ordering = ["organisation__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "organisation"], name="project_partner_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.project.diarienummer}: {self.organisation}"


class ProjectStaff(TimeStampedModel):
    """A user working in a project in one of the roles they hold (coach, manager, ...)."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="staff")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="project_roles"
    )
    role = models.CharField(_("role"), max_length=32, choices=Role.choices)

    class Meta:
        verbose_name = _("project staff member")
        verbose_name_plural = _("project staff")
        ordering = ["role", "user__first_name", "user__last_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "user", "role"], name="project_staff_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.project.diarienummer}: {self.user} ({self.get_role_display()})"
