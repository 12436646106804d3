"""Staff users, the organisations they work for, and their roles there (memberships)."""

from __future__ import annotations

import uuid

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from stegvis.core.models import TimeStampedModel
from stegvis.core.permissions import Role


class OrganisationKind(models.TextChoices):
    SAMORDNINGSFORBUND = "SAMORDNINGSFORBUND", _("Coordination association (samordningsförbund)")
    MUNICIPALITY = "MUNICIPALITY", _("Municipality")
    REGION = "REGION", _("Region (health care and psychiatry)")
    ARBETSFORMEDLINGEN = "ARBETSFORMEDLINGEN", _("Swedish Public Employment Service")
    FORSAKRINGSKASSAN = "FORSAKRINGSKASSAN", _("Swedish Social Insurance Agency")
    SCHOOL = "SCHOOL", _("School")
    CIVIL_SOCIETY = "CIVIL_SOCIETY", _("Civil-society organisation")
    EMPLOYER_NETWORK = "EMPLOYER_NETWORK", _("Employer network")
    OTHER = "OTHER", _("Other organisation")


class Organisation(TimeStampedModel):
    """An organisation that owns projects, takes part in them, or employs Stegvis users."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(
        _("kind of organisation"), max_length=32, choices=OrganisationKind.choices
    )
    org_number = models.CharField(
        _("organisation number"),
        max_length=11,
        blank=True,
        help_text=_("Ten digits, like 556016-0680."),
    )
    municipality_code = models.CharField(
        _("municipality code"),
        max_length=4,
        blank=True,
        help_text=_("Four digits, like 1880 for Örebro."),
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["org_number"],
                condition=~models.Q(org_number=""),
                name="organisation_org_number_unique",
            ),
            models.UniqueConstraint(Lower("name"), name="organisation_name_unique_ci"),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("accounts:organisation_detail", args=[self.public_id])


class User(AbstractUser):
    """A staff user. Participants never have accounts; they answer through personal links."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    title = models.CharField(_("job title"), max_length=100, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["first_name", "last_name", "username"]

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    def get_absolute_url(self) -> str:
        return reverse("accounts:user_detail", args=[self.public_id])

    def stegvis_roles(self) -> frozenset[Role]:
        """The roles this user holds in any active organisation (cached on the instance)."""
        cached = getattr(self, "_stegvis_roles", None)
        if cached is None:
            cached = frozenset(
                Role(role)
                for role in self.memberships.filter(organisation__is_active=True).values_list(
                    "role", flat=True
                )
            )
            self._stegvis_roles = cached
        return cached


class Membership(TimeStampedModel):
    """A user works at an organisation in a role; the role decides what they may do."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="memberships"
    )
    role = models.CharField(_("role"), max_length=32, choices=Role.choices)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["organisation__name", "role"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation", "role"], name="membership_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()} – {self.organisation}"
