"""Forms for a young participant's school data, guardians and KAA, the attendance file and the
report's period. Shape and format only: the rules live in services.py."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from stegvis.participants.models import Enrollment
from stegvis.youth.models import (
    AttendanceSource,
    DropoutOutcome,
    GuardianRelation,
    KaaDirection,
    KaaStatus,
    SchoolForm,
)
from stegvis.youth.selectors import SED_STEPS


class DateInput(forms.DateInput):
    input_type = "date"


def _date(label: str, required: bool = False, help_text: str = "") -> forms.DateField:  # noqa: FBT001,FBT002
    return forms.DateField(label=label, required=required, widget=DateInput, help_text=help_text)


class StudiesForm(forms.Form):
    school = forms.CharField(label=_("School"), max_length=200)
    school_form = forms.ChoiceField(label=_("Form of school"), choices=SchoolForm.choices)
    programme = forms.CharField(label=_("Programme or course"), max_length=200, required=False,
                                help_text=_("For example: individual alternative, Building and construction programme."))  # fmt: skip
    started_on = _date(
        _("Studies started"), help_text=_("Empty if the studies have not started yet.")
    )
    completed_on = _date(_("Studies completed"))
    full_grades_year9 = forms.NullBooleanField(
        label=_("Full grades in year 9 (fullständigt betyg)"), required=False
    )
    eligible_at_start = forms.NullBooleanField(
        label=_("Eligible for a national upper-secondary programme when the studies started"), required=False)  # fmt: skip
    eligible_on = _date(_("Became eligible for a national programme on"))
    dropout_risk_on = _date(_("Risk of dropping out noticed on"))
    dropout_outcome = forms.ChoiceField(label=_("Dropout"), required=False,
                                        choices=[("", _("No risk, or not decided yet")), *DropoutOutcome.choices])  # fmt: skip
    contact_name = forms.CharField(
        label=_("The school's contact person"), max_length=200, required=False
    )
    contact_phone = forms.CharField(
        label=_("Contact person's phone"), max_length=40, required=False
    )
    contact_email = forms.EmailField(label=_("Contact person's e-mail"), required=False)


class MonthField(forms.CharField):
    widget = forms.TextInput(attrs={"type": "month", "placeholder": "ÅÅÅÅ-MM"})

    def to_python(self, value: str) -> datetime.date | None:  # type: ignore[override]
        text = super().to_python(value)
        if not text:
            return None
        try:
            year, month = text.split("-")
            return datetime.date(int(year), int(month), 1)
        except ValueError:
            raise forms.ValidationError(_("Write the month as YYYY-MM, e.g. 2026-09.")) from None


class AttendanceForm(forms.Form):
    studies = forms.TypedChoiceField(label=_("Study place"), coerce=int)
    month = MonthField(label=_("Month"), help_text=_("YYYY-MM"))
    percent = forms.DecimalField(label=_("Attendance (%)"), min_value=Decimal(0), max_value=Decimal(100),
                                 decimal_places=1, max_digits=4, localize=True,
        widget=forms.TextInput(attrs={"inputmode": "decimal"}))  # fmt: skip
    source = forms.ChoiceField(label=_("Source"), choices=[
        (AttendanceSource.COACH, AttendanceSource.COACH.label),
        (AttendanceSource.SCHOOL, AttendanceSource.SCHOOL.label),
    ])  # fmt: skip

    def __init__(self, *args, enrollment: Enrollment, **kwargs) -> None:  # noqa: ANN002,ANN003
        super().__init__(*args, **kwargs)
        self.fields["studies"].choices = [(s.pk, str(s)) for s in enrollment.studies.all()]


class GuardianForm(forms.Form):
    name = forms.CharField(label=_("Guardian's name"), max_length=200)
    relation = forms.ChoiceField(label=_("Relation"), choices=GuardianRelation.choices)
    phone = forms.CharField(label=_("Phone"), max_length=40, required=False)
    email = forms.EmailField(label=_("E-mail"), required=False)


class GuardianConsentForm(forms.Form):
    guardian = forms.TypedChoiceField(label=_("Guardian"), coerce=int)
    given_on = _date(_("Given on"), required=True)
    covers_registration = forms.BooleanField(
        label=_("Covers registration and support in the project"), required=False
    )
    covers_school = forms.BooleanField(
        label=_("Covers exchanging attendance, grades and study results with the school"),
        required=False,
    )
    covers_kaa = forms.BooleanField(
        label=_("Covers exchanging information with the municipality's activity duty (KAA)"),
        required=False,
    )
    young_person_agrees = forms.BooleanField(
        label=_("The young person has been asked and agrees"), required=False,
        help_text=_("A guardian's consent does not replace the young person's own say."))  # fmt: skip

    def __init__(self, *args, enrollment: Enrollment, **kwargs) -> None:  # noqa: ANN002,ANN003
        super().__init__(*args, **kwargs)
        self.fields["guardian"].choices = [(g.pk, g.name) for g in enrollment.guardians.all()]


class ConsentWithdrawForm(forms.Form):
    on = _date(_("Withdrawn on"), required=True)


class KaaStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("KAA status"), choices=KaaStatus.choices)
    date = _date(_("From"), required=True)
    note = forms.CharField(label=_("Note"), max_length=300, required=False)


class KaaReferralForm(forms.Form):
    direction = forms.ChoiceField(label=_("Direction"), choices=KaaDirection.choices)
    referred_on = _date(_("Date"), required=True)
    municipality = forms.CharField(label=_("Municipality"), max_length=100)
    kaa_contact = forms.CharField(
        label=_("KAA contact (name, phone or e-mail)"), max_length=200, required=False
    )
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}))


class SedStepForm(forms.Form):
    step = forms.ChoiceField(label=_("Step"), choices=[(s.value, s.label) for s in SED_STEPS])
    date = _date(_("Date"), required=True)
    note = forms.CharField(label=_("Note"), max_length=300, required=False)


class AttendanceFileForm(forms.Form):
    file = forms.FileField(label=_("The school's attendance file (CSV)"),
                           help_text=_("Columns: participant_id;month;percent, e.g. 0007;2026-09;87,5"))  # fmt: skip

    def clean_file(self):  # noqa: ANN201
        from stegvis.core.uploads import check_upload
        from stegvis.youth.importing import MAX_BYTES

        check_upload(self.cleaned_data["file"], kinds=("csv",), max_bytes=MAX_BYTES)
        return self.cleaned_data["file"]


class PeriodForm(forms.Form):
    start = _date(_("School report: from"))
    end = _date(_("School report: until"))

    def clean(self) -> dict:
        data = super().clean()
        if data.get("start") and data.get("end") and data["start"] > data["end"]:
            raise forms.ValidationError(_("School report: the first day is after the last."))
        return data
