"""Forms for the participant pages. They check shape and format; the services check the rules."""

from __future__ import annotations

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from stegvis.accounts.models import Organisation, User
from stegvis.participants.codes import (
    Education,
    EmploymentKind,
    ExitStatus,
    Gender,
    IncomeSource,
    LabourMarketStatus,
    Method,
    Subsidy,
    YesNo,
)
from stegvis.participants.models import (
    ConsentGiver,
    ConsentPurpose,
    ContactKind,
    EmploymentEndReason,
    InterventionKind,
    MethodStep,
    ReferralStatus,
    ReferrerKind,
)

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
BLANK = [("", "—")]


def _today():  # noqa: ANN202
    return timezone.localdate()


class PersonForm(forms.Form):
    identity_number = forms.CharField(
        label=_("Personal identity number or coordination number"),
        required=False,
        max_length=13,
        help_text=_(
            "YYYYMMDD-NNNN. Leave it empty if the person has no Swedish number; then give birth year and gender."
        ),
        widget=forms.TextInput(attrs={"autocomplete": "off", "inputmode": "numeric"}),
    )
    first_name = forms.CharField(label=_("First name"), max_length=100, required=False)
    last_name = forms.CharField(label=_("Last name"), max_length=100, required=False)
    birth_year = forms.IntegerField(
        label=_("Birth year"), required=False, min_value=1900, max_value=2100
    )
    gender = forms.ChoiceField(label=_("Gender"), choices=Gender.choices)
    phone = forms.CharField(label=_("Mobile phone"), max_length=40, required=False)
    email = forms.EmailField(label=_("E-mail"), required=False)
    protected_identity = forms.BooleanField(
        label=_("Protected personal data"),
        required=False,
        help_text=_("The person has skyddade personuppgifter: be careful with name and address."),
    )


class MethodField(forms.MultipleChoiceField):
    """The support method chosen with the person: one or more codes, stored as 'SE+SED'."""

    widget = forms.CheckboxSelectMultiple

    def __init__(self, **kwargs) -> None:  # noqa: ANN003
        super().__init__(choices=Method.choices, **kwargs)

    def clean(self, value):  # noqa: ANN001,ANN201
        return "+".join(super().clean(value))

    def prepare_value(self, value):  # noqa: ANN001,ANN201
        if isinstance(value, str):
            return value.split("+")
        return value


class EnrollmentForm(forms.Form):
    method = MethodField(
        label=_("Support method"),
        help_text=_("Chosen together with the person. Choose more than one for a combination."),
    )
    coach = forms.ModelChoiceField(label=_("Coach"), queryset=User.objects.none())
    start_date = forms.DateField(label=_("Start date"), widget=DATE, initial=_today)
    participant_code = forms.CharField(
        label=_("Participant id"),
        max_length=40,
        required=False,
        help_text=_("Leave empty to get the next free id."),
    )
    comparison_group = forms.CharField(label=_("Comparison group"), max_length=100, required=False)
    municipality_code = forms.CharField(label=_("Municipality code"), max_length=4, required=False)
    status_at_start = forms.ChoiceField(
        label=_("Labour-market status at start"), choices=LabourMarketStatus.choices
    )
    education = forms.ChoiceField(
        label=_("Highest completed education"), choices=BLANK + Education.choices, required=False
    )
    income_source_start = forms.ChoiceField(
        label=_("Main income at start"), choices=BLANK + IncomeSource.choices, required=False
    )
    support_months_before = forms.IntegerField(
        label=_("Months on public support before start"), required=False, min_value=0, max_value=600
    )
    disability = forms.ChoiceField(
        label=_("Disability"),
        choices=[("", _("Not told"))] + YesNo.choices,
        required=False,
        help_text=_("Only if the person wants to tell."),
    )

    def __init__(self, *args, coaches: QuerySet[User], **kwargs) -> None:  # noqa: ANN002,ANN003
        super().__init__(*args, **kwargs)
        self.fields["coach"].queryset = coaches


class ContactForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of contact"), choices=ContactKind.choices)
    date = forms.DateField(label=_("Date"), widget=DATE, initial=_today)
    minutes = forms.IntegerField(
        label=_("Length (minutes)"), required=False, min_value=1, max_value=1440
    )
    with_whom = forms.CharField(label=_("With whom"), max_length=200, required=False)
    summary = forms.CharField(
        label=_("Summary"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class InterventionForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=InterventionKind.choices)
    provider = forms.ModelChoiceField(
        label=_("Provided by"), queryset=Organisation.objects.filter(is_active=True), required=False
    )
    description = forms.CharField(label=_("What"), max_length=300, required=False)
    start_date = forms.DateField(label=_("From"), widget=DATE, initial=_today)
    end_date = forms.DateField(label=_("Until"), widget=DATE, required=False)


class StepForm(forms.Form):
    step = forms.ChoiceField(label=_("Step"), choices=MethodStep.choices)
    date = forms.DateField(label=_("Date"), widget=DATE, initial=_today)
    note = forms.CharField(label=_("Note"), max_length=300, required=False)


class GoalForm(forms.Form):
    text = forms.CharField(
        label=_("Goal, in the participant's words"), widget=forms.Textarea(attrs={"rows": 2})
    )
    set_on = forms.DateField(label=_("Set on"), widget=DATE, initial=_today)


class EmploymentForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=EmploymentKind.choices)
    employer = forms.CharField(label=_("Employer or school"), max_length=200)
    employer_org_number = forms.CharField(
        label=_("Organisation number"), max_length=13, required=False
    )
    start_date = forms.DateField(label=_("First day"), widget=DATE)
    end_date = forms.DateField(label=_("Last day"), widget=DATE, required=False)
    hours_per_week = forms.DecimalField(
        label=_("Hours per week"), required=False, min_value=0, max_value=80, decimal_places=1
    )
    competitive = forms.TypedChoiceField(
        label=_("Competitive job"),
        choices=[("", _("Not a job (studies)")), ("yes", _("Yes")), ("no", _("No"))],
        coerce=lambda v: v == "yes",
        empty_value=None,
        required=False,
        help_text=_(
            "On the open labour market, paid at least the going wage, not reserved for people with disabilities."
        ),
    )
    subsidy = forms.ChoiceField(label=_("Subsidy"), choices=BLANK + Subsidy.choices, required=False)
    occupation = forms.CharField(label=_("Occupation"), max_length=200, required=False)


class EmploymentEndForm(forms.Form):
    end_date = forms.DateField(label=_("Last day"), widget=DATE, initial=_today)
    end_reason = forms.ChoiceField(
        label=_("Why it ended"), choices=BLANK + EmploymentEndReason.choices, required=False
    )


class NoteForm(forms.Form):
    text = forms.CharField(label=_("Note"), widget=forms.Textarea(attrs={"rows": 4}))
    date = forms.DateField(label=_("Date"), widget=DATE, initial=_today)


class NoteCorrectionForm(forms.Form):
    text = forms.CharField(label=_("Corrected text"), widget=forms.Textarea(attrs={"rows": 4}))
    reason = forms.CharField(label=_("Why the note is corrected"), max_length=300)


class GoalReachedForm(forms.Form):
    on = forms.DateField(label=_("Reached on"), widget=DATE, initial=_today)


class CoachChangeForm(forms.Form):
    coach = forms.ModelChoiceField(label=_("New coach"), queryset=User.objects.none())
    on = forms.DateField(label=_("From"), widget=DATE, initial=_today)
    reason = forms.CharField(label=_("Reason for the change"), max_length=300)

    def __init__(self, *args, coaches: QuerySet[User], **kwargs) -> None:  # noqa: ANN002,ANN003
        super().__init__(*args, **kwargs)
        self.fields["coach"].queryset = coaches


class ExitForm(forms.Form):
    end_date = forms.DateField(label=_("Date of leaving"), widget=DATE, initial=_today)
    exit_status = forms.ChoiceField(label=_("Situation on leaving"), choices=ExitStatus.choices)
    exit_reason = forms.CharField(label=_("Reason for leaving"), max_length=300, required=False)
    income_source_end = forms.ChoiceField(
        label=_("Main income at end"), choices=BLANK + IncomeSource.choices, required=False
    )
    qualification_gained = forms.BooleanField(label=_("Gained a qualification"), required=False)
    follow_along = forms.BooleanField(
        label=_("Follow-along support continues"),
        required=False,
        help_text=_(
            "Support goes on after leaving, as long as the person or the employer wants it."
        ),
    )


class FollowUpForm(forms.Form):
    done_on = forms.DateField(label=_("Done on"), widget=DATE, initial=_today)
    result = forms.ChoiceField(label=_("Situation"), choices=ExitStatus.choices)
    note = forms.CharField(label=_("Note"), max_length=300, required=False)


class ConsentForm(forms.Form):
    purpose = forms.ChoiceField(label=_("Purpose"), choices=ConsentPurpose.choices)
    partner = forms.ModelChoiceField(
        label=_("Partner"),
        queryset=Organisation.objects.filter(is_active=True),
        required=False,
        help_text=_("Only for sharing: the partner the person agrees to share with."),
    )
    given_on = forms.DateField(label=_("Given on"), widget=DATE, initial=_today)
    given_by = forms.ChoiceField(label=_("Given by"), choices=ConsentGiver.choices)
    valid_until = forms.DateField(label=_("Valid until"), widget=DATE, required=False)


class ConsentWithdrawForm(forms.Form):
    on = forms.DateField(label=_("Withdrawn on"), widget=DATE, initial=_today)


class CaseloadFilterForm(forms.Form):
    q = forms.CharField(label=_("Search by name or participant id"), required=False, max_length=100)
    status = forms.ChoiceField(
        label=_("Show"),
        choices=[("active", _("Taking part now")), ("left", _("Have left")), ("all", _("All"))],
        required=False,
    )
    method = forms.ChoiceField(
        label=_("Method"), choices=[("", _("All methods"))] + Method.choices, required=False
    )


class ReferralForm(forms.Form):
    referrer_kind = forms.ChoiceField(
        label=_("Who refers"), choices=ReferrerKind.choices, widget=forms.RadioSelect
    )
    referrer_organisation = forms.ModelChoiceField(
        label=_("Referring agency"),
        queryset=Organisation.objects.filter(is_active=True),
        required=False,
    )
    referrer_name = forms.CharField(label=_("Caseworker's name"), max_length=200, required=False)
    reason = forms.CharField(label=_("Why the referral"), widget=forms.Textarea(attrs={"rows": 3}))
    own_goal = forms.CharField(
        label=_("The person's own goal"), widget=forms.Textarea(attrs={"rows": 2})
    )
    motivation = forms.CharField(
        label=_("Motivation for work or studies"),
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "Motivation for work is what counts. Nobody is excluded for other reasons: not diagnosis, "
            "substance use, criminal record or how long they have been away from work."
        ),
    )
    consent_given = forms.BooleanField(
        label=_("The person agrees to the referral"),
        help_text=_("The person must agree before the referral is sent."),
    )


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[
            (ReferralStatus.ACCEPTED, _("Accept")),
            (ReferralStatus.DECLINED, _("Decline")),
            (ReferralStatus.WAITING, _("Wait (decide at a later meeting)")),
        ],
        widget=forms.RadioSelect,
    )
    meeting_date = forms.DateField(label=_("Meeting date"), widget=DATE, initial=_today)
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Required when declining."),
    )
    minutes_line = forms.CharField(
        label=_("Minutes line"), max_length=300, required=False, help_text=_("For example § 4.")
    )
