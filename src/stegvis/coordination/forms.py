"""Forms of the coordination function: shape and format only; the rules are in services.py."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from stegvis.accounts.models import OrganisationKind
from stegvis.coordination import tokens
from stegvis.coordination.models import IntakeSource, IntakeStatus
from stegvis.participants.codes import Gender

TEXTAREA = {"rows": 4}


def _birth_year_field() -> forms.IntegerField:
    return forms.IntegerField(
        label=_("Birth year"),
        min_value=1900,
        max_value=2100,
        help_text=_("Four digits, like 2008."),
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )


class _PersonFields(forms.Form):
    first_name = forms.CharField(label=_("First name"), max_length=100)
    last_name = forms.CharField(label=_("Last name"), max_length=100, required=False)
    birth_year = _birth_year_field()
    phone = forms.CharField(
        label=_("Phone"),
        max_length=40,
        required=False,
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "off"}),
    )
    email = forms.EmailField(label=_("E-mail"), required=False)

    def clean_birth_year(self) -> int:
        year = self.cleaned_data["birth_year"]
        if year > timezone.localdate().year:
            raise forms.ValidationError(_("The birth year is in the future."))
        return year


class PublicContactForm(_PersonFields):
    """The person's own contact, without an account."""

    desk = forms.ModelChoiceField(label=_("Where do you live?"), queryset=None, empty_label=None)
    need = forms.CharField(
        label=_("What would you like help with?"),
        max_length=3000,
        widget=forms.Textarea(attrs=TEXTAREA),
        help_text=_("For example work, studies, something to do during the day, or money."),
    )
    consent_registration = forms.BooleanField(
        label=_("I agree that the coordinator saves my details and contacts me about this."),
    )
    field_order = [
        "desk",
        "first_name",
        "last_name",
        "birth_year",
        "phone",
        "email",
        "need",
        "consent_registration",
    ]

    def __init__(self, *args, desks=None, **kwargs) -> None:  # noqa: ANN001,ANN002,ANN003
        super().__init__(*args, **kwargs)
        self.fields["desk"].queryset = desks
        if desks is not None and desks.count() == 1:
            self.fields["desk"].widget = forms.HiddenInput()
            self.fields["desk"].initial = desks.first().pk
        self.fields["phone"].help_text = _(
            "So that we can call you. Give a phone number or an e-mail address."
        )

    def clean(self):  # noqa: ANN201
        cleaned = super().clean()
        if not cleaned.get("phone") and not cleaned.get("email") and not self.errors:
            raise forms.ValidationError(
                _("Give a phone number or an e-mail address, so that we can reach you.")
            )
        return cleaned


class PartnerIntakeForm(_PersonFields):
    """A partner registers a contact for the person (who agrees to it)."""

    desk = forms.ModelChoiceField(label=_("One way in"), queryset=None, empty_label=None)
    source = forms.ChoiceField(
        label=_("You get in touch from"),
        choices=[(v, label) for v, label in IntakeSource.choices if v != IntakeSource.SELF],
    )
    registered_by_organisation = forms.ModelChoiceField(
        label=_("Your organisation"), queryset=None, empty_label=None
    )
    gender = forms.ChoiceField(
        label=_("Gender"), choices=[("", _("Not given"))] + list(Gender.choices), required=False
    )
    need = forms.CharField(
        label=_("What the person needs help with"),
        max_length=3000,
        widget=forms.Textarea(attrs=TEXTAREA),
        help_text=_("Write only what the coordinator needs to route the contact."),
    )
    consent_registration = forms.BooleanField(
        label=_("The person agrees to this contact with the one way in.")
    )
    consent_feedback = forms.BooleanField(
        label=_("The person agrees that I am told what became of the contact."), required=False
    )
    field_order = [
        "desk", "source", "registered_by_organisation", "first_name", "last_name", "birth_year",
        "gender", "phone", "email", "need", "consent_registration", "consent_feedback",
    ]  # fmt: skip

    def __init__(self, *args, desks=None, organisations=None, **kwargs) -> None:  # noqa: ANN001,ANN002,ANN003
        super().__init__(*args, **kwargs)
        self.fields["desk"].queryset = desks
        self.fields["registered_by_organisation"].queryset = organisations


class RouteProjectForm(forms.Form):
    group = forms.ModelChoiceField(
        label=_("Referral group of the project"), queryset=None, empty_label=None
    )
    gender = forms.ChoiceField(label=_("Gender"), choices=Gender.choices)
    identity_number = forms.CharField(
        label=_("Personal identity number"),
        max_length=13,
        required=False,
        help_text=_("If the person gave it: finds them again if they are already registered."),
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    reason = forms.CharField(label=_("Why the referral"), widget=forms.Textarea(attrs=TEXTAREA))
    own_goal = forms.CharField(
        label=_("The person's own goal"), widget=forms.Textarea(attrs=TEXTAREA)
    )
    motivation = forms.CharField(
        label=_("Motivation for work or studies"), widget=forms.Textarea(attrs=TEXTAREA)
    )
    message = forms.CharField(
        label=_("Message to the one who got in touch"),
        max_length=500,
        required=False,
        help_text=_("Shown to them when the person agreed to it. Write nothing sensitive."),
    )
    note = forms.CharField(
        label=_("Note for the coordinators"), required=False, widget=forms.Textarea(attrs=TEXTAREA)
    )
    prefix = "project"

    def __init__(self, *args, groups=None, **kwargs) -> None:  # noqa: ANN001,ANN002,ANN003
        super().__init__(*args, **kwargs)
        self.fields["group"].queryset = groups
        self.fields["group"].label_from_instance = lambda g: f"{g.project.name} – {g.name}"


class RouteSupportForm(forms.Form):
    entry = forms.ModelChoiceField(
        label=_("Support in the directory"), queryset=None, empty_label=None
    )
    message = forms.CharField(
        label=_("Message to the one who got in touch"),
        max_length=500,
        required=False,
        help_text=_("Shown to them when the person agreed to it. Write nothing sensitive."),
    )
    note = forms.CharField(
        label=_("Note for the coordinators"), required=False, widget=forms.Textarea(attrs=TEXTAREA)
    )
    prefix = "support"

    def __init__(self, *args, entries=None, **kwargs) -> None:  # noqa: ANN001,ANN002,ANN003
        super().__init__(*args, **kwargs)
        self.fields["entry"].queryset = entries


class CloseForm(forms.Form):
    message = forms.CharField(
        label=_("What became of the contact"),
        max_length=500,
        help_text=_("Shown to the one who got in touch when the person agreed to it."),
    )
    note = forms.CharField(
        label=_("Note for the coordinators"), required=False, widget=forms.Textarea(attrs=TEXTAREA)
    )
    prefix = "close"


class QueueFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"), choices=[("", _("All"))] + list(IntakeStatus.choices), required=False
    )


class DeskForm(forms.Form):
    project = forms.ModelChoiceField(
        label=_("Coordination project"),
        queryset=None,
        empty_label=None,
        help_text=_("Its project managers are the coordinators who route the contacts."),
    )
    name = forms.CharField(
        label=_("Name"), max_length=200, help_text=_("For example: En väg in Skellefteå.")
    )
    area = forms.CharField(label=_("Area"), max_length=200, required=False)
    intro = forms.CharField(
        label=_("Text for the public form"), required=False, widget=forms.Textarea(attrs=TEXTAREA)
    )
    phone = forms.CharField(label=_("Phone"), max_length=40, required=False)
    is_open = forms.BooleanField(label=_("Open for new contacts"), required=False, initial=True)

    def __init__(self, *args, projects=None, **kwargs) -> None:  # noqa: ANN001,ANN002,ANN003
        super().__init__(*args, **kwargs)
        if projects is None:
            del self.fields["project"]
        else:
            self.fields["project"].queryset = projects
            self.fields["project"].label_from_instance = lambda p: f"{p.name} ({p.diarienummer})"


class DirectorySearchForm(forms.Form):
    q = forms.CharField(
        label=_("Search by name, offer, for whom or area"), required=False, max_length=100
    )
    kind = forms.ChoiceField(
        label=_("Kind of organisation"),
        choices=[("", _("All"))] + list(OrganisationKind.choices),
        required=False,
    )


class DirectoryEntryForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    kind = forms.ChoiceField(label=_("Kind of organisation"), choices=OrganisationKind.choices)
    organisation = forms.ModelChoiceField(
        label=_("Organisation in Stegvis"), queryset=None, required=False
    )
    offers = forms.CharField(label=_("What they offer"), widget=forms.Textarea(attrs=TEXTAREA))
    for_whom = forms.CharField(label=_("For whom"), widget=forms.Textarea(attrs=TEXTAREA))
    area = forms.CharField(label=_("Area"), max_length=200, required=False)
    how_to_reach = forms.CharField(
        label=_("How to get in touch"),
        required=False,
        widget=forms.Textarea(attrs=TEXTAREA),
        help_text=_("Opening hours, address, whom to ask for."),
    )
    phone = forms.CharField(label=_("Phone"), max_length=40, required=False)
    email = forms.EmailField(label=_("E-mail"), required=False)
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")
    is_active = forms.BooleanField(label=_("Shown in the directory"), required=False, initial=True)

    def __init__(self, *args, organisations=None, **kwargs) -> None:  # noqa: ANN001,ANN002,ANN003
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations


class ReceiptForm(forms.Form):
    code = forms.CharField(
        label=_("Receipt number"),
        max_length=20,
        help_text=_("You got it when you sent your contact, like ABCD-EFGH-JKLM."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters"}),
    )

    def clean_code(self) -> str:
        code = self.cleaned_data["code"]
        if not tokens.looks_like_receipt(code):
            raise forms.ValidationError(_("Check the receipt number: twelve letters and digits."))
        return code
