"""Forms for the employer, opening, profile and job pages. They check shape and format; the
services check the rules."""

from __future__ import annotations

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from stegvis.employers.models import (
    AgreementKind,
    EmployerContactKind,
    OpeningStatus,
    Sector,
    SupportKind,
    SupportRecipient,
)
from stegvis.participants.codes import Subsidy
from stegvis.participants.models import EmploymentEndReason

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
BLANK = [("", "—")]
TEXT = forms.Textarea(attrs={"rows": 3})
HOURS = {"min_value": 0, "max_value": 80, "max_digits": 4, "decimal_places": 1}
YES_NO_UNKNOWN = [("", _("Not known")), ("yes", _("Yes")), ("no", _("No"))]


def _today():  # noqa: ANN202
    return timezone.localdate()


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Search by name, organisation number or line of business"),
                        required=False, max_length=100)  # fmt: skip


class EmployerForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    org_number = forms.CharField(
        label=_("Organisation number"),
        max_length=13,
        required=False,
        help_text=_("Ten digits, like 556016-0680. The same number finds the employer again."),
    )
    sector = forms.ChoiceField(label=_("Sector"), choices=BLANK + Sector.choices, required=False)
    industry = forms.CharField(label=_("Line of business"), max_length=200, required=False)
    municipality_code = forms.CharField(
        label=_("Municipality code"),
        max_length=4,
        required=False,
        help_text=_("Four digits, like 2482 for Skellefteå."),
    )
    address = forms.CharField(label=_("Address"), max_length=300, required=False)
    notes = forms.CharField(label=_("Notes"), required=False, widget=TEXT)


class RegisterEmployerForm(EmployerForm):
    organisation = forms.ModelChoiceField(
        label=_("Register of"),
        queryset=None,
        help_text=_("The employer is shared by all projects of this organisation."),
    )
    field_order = ["organisation"]

    def __init__(self, *args, organisations: QuerySet, **kwargs) -> None:  # noqa: ANN002,ANN003
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
        if organisations.count() == 1:
            self.fields["organisation"].initial = organisations.first()
            self.fields["organisation"].widget = forms.HiddenInput()


class PersonForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    role = forms.CharField(label=_("Role at the employer"), max_length=200, required=False)
    phone = forms.CharField(label=_("Phone"), max_length=40, required=False)
    email = forms.EmailField(label=_("E-mail"), required=False)


class ProjectChoiceMixin:
    def _set_projects(self, projects: QuerySet) -> None:
        field = self.fields["project"]  # type: ignore[attr-defined]
        field.queryset = projects
        choices = list(projects)  # no query when the caller has evaluated it already
        if len(choices) == 1:
            field.initial = choices[0]


class ContactForm(ProjectChoiceMixin, forms.Form):
    kind = forms.ChoiceField(label=_("Kind of contact"), choices=EmployerContactKind.choices)
    date = forms.DateField(label=_("Date"), widget=DATE, initial=_today)
    project = forms.ModelChoiceField(label=_("For the project"), queryset=None)
    person = forms.ModelChoiceField(label=_("With whom"), queryset=None, required=False)
    minutes = forms.IntegerField(
        label=_("Length (minutes)"), required=False, min_value=1, max_value=600
    )
    note = forms.CharField(label=_("What was said"), required=False, widget=TEXT)

    def __init__(self, *args, projects: QuerySet, people: QuerySet, **kwargs) -> None:  # noqa: ANN002,ANN003
        super().__init__(*args, **kwargs)
        self._set_projects(projects)
        self.fields["person"].queryset = people


class AgreementForm(ProjectChoiceMixin, forms.Form):
    kind = forms.ChoiceField(label=_("Kind of agreement"), choices=AgreementKind.choices)
    project = forms.ModelChoiceField(label=_("For the project"), queryset=None)
    start_date = forms.DateField(label=_("From"), widget=DATE, initial=_today)
    end_date = forms.DateField(label=_("Until"), widget=DATE, required=False)
    description = forms.CharField(label=_("What it says"), required=False, widget=TEXT)

    def __init__(self, *args, projects: QuerySet, **kwargs) -> None:  # noqa: ANN002,ANN003
        super().__init__(*args, **kwargs)
        self._set_projects(projects)


class OpeningForm(ProjectChoiceMixin, forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200,
                            help_text=_("As the employer writes it."))  # fmt: skip
    project = forms.ModelChoiceField(label=_("For the project"), queryset=None)
    code = forms.CharField(label=_("Opening id"), max_length=40, required=False,
                           help_text=_("Leave empty to get the project's next free id for openings."))  # fmt: skip
    ssyk = forms.ChoiceField(label=_("Occupation (SSYK 2012)"), required=False)
    hours_per_week = forms.DecimalField(label=_("Hours per week"), required=False, **HOURS)
    municipality_code = forms.CharField(label=_("Municipality code"), max_length=4, required=False)
    requirements = forms.CharField(label=_("Requirements"), required=False, widget=TEXT)
    driving_licence_required = forms.BooleanField(
        label=_("Driving licence required"), required=False
    )
    start_date = forms.DateField(label=_("From when"), widget=DATE, required=False)
    status = forms.ChoiceField(label=_("Status"), choices=OpeningStatus.choices)

    def __init__(
        self, *args, occupations: list, projects: QuerySet | None = None, **kwargs
    ) -> None:  # noqa: ANN002,ANN003
        super().__init__(*args, **kwargs)
        self.fields["ssyk"].choices = BLANK + occupations
        if projects is None:  # editing: the project and the id stay
            del self.fields["project"]
            del self.fields["code"]
        else:
            self._set_projects(projects)
            del self.fields["status"]


def _yes_no(value: str) -> bool | None:
    return {"yes": True, "no": False}.get(value)


class ProfileForm(forms.Form):
    wanted_occupation = forms.CharField(
        label=_("The work the person wants, in their own words"),
        widget=TEXT,
        help_text=_("Write it as the person says it."),
    )
    ssyk = forms.ChoiceField(
        label=_("Occupation (SSYK 2012)"),
        required=False,
        help_text=_("Choose a code if one fits; the person's own words count most."),
    )
    hours_per_week = forms.DecimalField(label=_("Hours per week"), required=False, **HOURS)
    municipalities = forms.CharField(
        label=_("Municipalities where the person can work"),
        max_length=200,
        required=False,
        help_text=_("Municipality codes separated by spaces, like 2482 2480."),
    )
    commute = forms.CharField(
        label=_("Travel to work"),
        max_length=300,
        required=False,
        help_text=_("How far and how, like: up to 45 minutes by bus."),
    )
    experience = forms.CharField(label=_("Work experience"), required=False, widget=TEXT)
    skills = forms.CharField(label=_("Skills"), required=False, widget=TEXT)
    education = forms.CharField(label=_("Education"), required=False, widget=TEXT)
    driving_licence = forms.TypedChoiceField(
        label=_("Driving licence"), choices=YES_NO_UNKNOWN, required=False, coerce=_yes_no,
        empty_value=None,
    )  # fmt: skip
    adjustments = forms.CharField(
        label=_("What the person needs at work"),
        required=False,
        widget=TEXT,
        help_text=_("Adjustments and support, only what the person wants written down."),
    )
    not_wanted = forms.CharField(
        label=_("What the person does not want"),
        required=False,
        widget=TEXT,
        help_text=_(
            "Work or conditions the person does not want, like night shifts. Separate them with commas."
        ),
    )

    def __init__(self, *args, occupations: list, **kwargs) -> None:  # noqa: ANN002,ANN003
        super().__init__(*args, **kwargs)
        self.fields["ssyk"].choices = BLANK + occupations


class HireForm(forms.Form):
    start_date = forms.DateField(label=_("First day"), widget=DATE, initial=_today)
    competitive = forms.TypedChoiceField(
        label=_("Competitive job"),
        choices=[("yes", _("Yes")), ("no", _("No"))],
        coerce=_yes_no,
        widget=forms.RadioSelect,
        help_text=_("On the open labour market, paid at least the going wage, not reserved for people with disabilities."),
    )  # fmt: skip
    subsidy = forms.ChoiceField(label=_("Subsidy"), choices=BLANK + Subsidy.choices, required=False)
    hours_per_week = forms.DecimalField(label=_("Hours per week"), required=False, **HOURS)
    occupation = forms.CharField(label=_("Occupation"), max_length=200, required=False,
                                 help_text=_("Leave empty to use the opening's title."))  # fmt: skip


class SupportForm(forms.Form):
    date = forms.DateField(label=_("Date"), widget=DATE, initial=_today)
    recipient = forms.ChoiceField(label=_("To whom"), choices=SupportRecipient.choices)
    kind = forms.ChoiceField(label=_("Kind of support"), choices=SupportKind.choices)
    minutes = forms.IntegerField(
        label=_("Length (minutes)"), required=False, min_value=1, max_value=600
    )
    note = forms.CharField(label=_("Note"), required=False, widget=TEXT)


class JobEndForm(forms.Form):
    end_date = forms.DateField(label=_("Last day"), widget=DATE, initial=_today)
    end_reason = forms.ChoiceField(
        label=_("Why it ended"), choices=BLANK + EmploymentEndReason.choices
    )
