from __future__ import annotations

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from stegvis.accounts.models import Organisation, User
from stegvis.core.permissions import Role

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ProjectForm(forms.Form):
    diarienummer = forms.CharField(
        label=_("Diarienummer"),
        max_length=40,
        help_text=_("The funder's case number, like 2020/00581 or 22-015-S01."),
    )
    name = forms.CharField(label=_("Name"), max_length=200)
    owner = forms.ModelChoiceField(label=_("Project owner"), queryset=Organisation.objects.none())
    start_date = forms.DateField(label=_("Start date"), required=False, widget=DATE)
    end_date = forms.DateField(label=_("End date"), required=False, widget=DATE)
    planned_participants = forms.IntegerField(
        label=_("Planned participants"), required=False, min_value=0
    )
    planned_women = forms.IntegerField(label=_("Of whom women"), required=False, min_value=0)
    planned_men = forms.IntegerField(label=_("Of whom men"), required=False, min_value=0)
    region = forms.CharField(label=_("Region"), max_length=100, required=False)
    contact_name = forms.CharField(label=_("Contact person"), max_length=200, required=False)
    contact_email = forms.EmailField(label=_("Contact e-mail"), required=False)
    description = forms.CharField(label=_("Description"), required=False, widget=forms.Textarea)

    def __init__(self, *args, owners: QuerySet[Organisation], **kwargs) -> None:  # noqa: ANN002,ANN003
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = owners

    def clean(self):  # noqa: ANN201
        cleaned = super().clean()
        start, end = cleaned.get("start_date"), cleaned.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("The end date is before the start date."))
        return cleaned


class ProjectEditForm(ProjectForm):
    """Editing adds the ESF metadata that a created project usually gets from the project bank."""

    programme_area = forms.CharField(label=_("Programme area"), max_length=20, required=False)
    specific_objective = forms.CharField(
        label=_("Specific objective"), max_length=20, required=False
    )
    intervention_type = forms.CharField(label=_("Intervention type"), max_length=20, required=False)
    fund = forms.CharField(label=_("Fund"), max_length=100, required=False)
    nuts2 = forms.CharField(label=_("NUTS-2 code"), max_length=10, required=False)
    eu_cofinancing_rate = forms.DecimalField(
        label=_("EU co-financing rate (percent)"),
        required=False,
        min_value=0,
        max_value=100,
        decimal_places=2,
    )
    total_budget_sek = forms.IntegerField(
        label=_("Total budget (SEK)"), required=False, min_value=0
    )
    esf_support_sek = forms.IntegerField(label=_("ESF support (SEK)"), required=False, min_value=0)
    postcode = forms.CharField(label=_("Postcode"), max_length=10, required=False)
    city = forms.CharField(label=_("City"), max_length=100, required=False)

    field_order = [
        "diarienummer", "name", "owner", "start_date", "end_date", "planned_participants", "planned_women",
        "planned_men", "region", "nuts2", "programme_area", "specific_objective", "intervention_type", "fund",
        "eu_cofinancing_rate", "total_budget_sek", "esf_support_sek", "contact_name", "contact_email",
        "postcode", "city", "description",
    ]  # fmt: skip


class PartnerForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Organisation"),
        queryset=Organisation.objects.filter(is_active=True).order_by("name"),
    )
    contribution = forms.CharField(
        label=_("What the partner contributes"), max_length=300, required=False,
        help_text=_("For example: psychiatric care, the school's student health, employer contacts."),
    )  # fmt: skip


STAFF_ROLES = [(r.value, r.label) for r in Role if r != Role.ADMIN]


class StaffForm(forms.Form):
    user = forms.ModelChoiceField(label=_("Person"), queryset=User.objects.filter(is_active=True))
    role = forms.ChoiceField(label=_("Role in the project"), choices=STAFF_ROLES)
