"""Forms of the fidelity pages: shape and type only; the rules are the services'."""

from __future__ import annotations

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from stegvis.fidelity.models import FidelityScale


class ReviewStartForm(forms.Form):
    scale = forms.ModelChoiceField(
        label=_("Fidelity scale"), queryset=FidelityScale.objects.none(), empty_label=None
    )
    review_date = forms.DateField(
        label=_("Date of the review"), widget=forms.DateInput(attrs={"type": "date"})
    )
    reviewers = forms.CharField(
        label=_("Reviewers"),
        max_length=300,
        help_text=_("The names of those who made the review, and their organisation."),
    )

    def __init__(self, *args, scales, **kwargs) -> None:  # noqa: ANN001, ANN002, ANN003
        super().__init__(*args, **kwargs)
        self.fields["scale"].queryset = scales
        self.fields["scale"].label_from_instance = lambda scale: scale.name
        if not self.is_bound:
            self.initial.setdefault("review_date", timezone.localdate())


class ReviewHeadingForm(forms.Form):
    review_date = forms.DateField(
        label=_("Date of the review"), widget=forms.DateInput(attrs={"type": "date"})
    )
    reviewers = forms.CharField(label=_("Reviewers"), max_length=300)
    summary = forms.CharField(
        label=_("Summary and recommendations"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class CorrectionForm(forms.Form):
    item = forms.ChoiceField(label=_("Fidelity: item"))
    score = forms.TypedChoiceField(label=_("New rating"), coerce=int)
    note = forms.CharField(
        label=_("Fidelity: notes"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    reason = forms.CharField(
        label=_("Why the rating is corrected"), max_length=300, widget=forms.TextInput()
    )

    def __init__(self, *args, items, scale, **kwargs) -> None:  # noqa: ANN001, ANN002, ANN003
        super().__init__(*args, **kwargs)
        self.fields["item"].choices = [(str(i.pk), f"{i.code}. {i.name}") for i in items]
        self.fields["score"].choices = [
            (n, str(n)) for n in range(scale.min_rating, scale.max_rating + 1)
        ]


class PeriodForm(forms.Form):
    start = forms.DateField(
        label=_("Period: from"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    end = forms.DateField(
        label=_("Period: until"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def clean(self) -> dict:
        data = super().clean()
        if data.get("start") and data.get("end") and data["start"] > data["end"]:
            raise forms.ValidationError(_("The first day of the period is after the last."))
        return data

    def period(self) -> tuple[datetime.date, datetime.date]:
        """The chosen period; by default the 13 weeks (a quarter) up to today."""
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        end = data.get("end") or timezone.localdate()
        start = data.get("start") or end - datetime.timedelta(days=90)
        if start > end:
            start = end - datetime.timedelta(days=90)
        return start, end
