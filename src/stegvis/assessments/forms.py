"""Forms for rating, links, instruments and project settings: shape and format only; the rules
(scale, every domain answered, versions) are the services'."""

from __future__ import annotations

import re

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from stegvis.assessments import sending
from stegvis.assessments.models import Domain, Instrument, InstrumentVersion, RatedBy, Rater
from stegvis.assessments.services import DomainSpec


def scale_field(version: InstrumentVersion, domain: Domain, *, required: bool) -> forms.Field:
    choices = []
    for value in version.scale:
        words = version.label_for(value)
        choices.append((value, f"{value} – {words}" if words else str(value)))
    return forms.TypedChoiceField(
        label=domain.name,
        help_text=domain.help,
        choices=choices,
        coerce=int,
        empty_value=None,
        required=required,
        widget=forms.RadioSelect(attrs={"class": "scale"}),
    )


class CoachRatingForm(forms.Form):
    """The coach's assessment (with tilltro), or a self-assessment the participant made on paper."""

    rater = forms.ChoiceField(
        label=_("Whose assessment"),
        choices=[
            (Rater.COACH, _("My assessment as coach")),
            (Rater.SELF, _("The participant's own, made on paper")),
        ],
        initial=Rater.COACH,
        widget=forms.RadioSelect,
    )
    date = forms.DateField(
        label=_("Date of the assessment"), widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, version: InstrumentVersion, **kwargs) -> None:  # noqa: ANN002,ANN003
        kwargs.setdefault("initial", {}).setdefault("date", timezone.localdate())
        super().__init__(*args, **kwargs)
        self.version = version
        self.domains = list(version.domains.all())
        for domain in self.domains:
            # Not required here: which domains a rater answers is the service's rule (tilltro is
            # the coach's only), and it names each one that is missing.
            self.fields[domain.code] = scale_field(version, domain, required=False)

    def scale_fields(self) -> list[forms.BoundField]:
        return [self[domain.code] for domain in self.domains]

    def ratings(self) -> dict[str, int]:
        rater = self.cleaned_data["rater"]
        codes = {d.code for d in self.version.domains_for(rater)}
        return {
            code: value
            for code, value in self.cleaned_data.items()
            if code in codes and value not in (None, "")
        }


class AnswerForm(forms.Form):
    """One question on the phone."""

    def __init__(self, *args, version: InstrumentVersion, domain: Domain, **kwargs) -> None:  # noqa: ANN002,ANN003
        super().__init__(*args, **kwargs)
        field = scale_field(version, domain, required=False)
        field.label = _("Choose a number from %(low)s to %(high)s") % {
            "low": version.scale_min,
            "high": version.scale_max,
        }
        field.help_text = ""
        self.fields["value"] = field


class LinkForm(forms.Form):
    channel = forms.ChoiceField(
        label=_("How the participant gets the link"), widget=forms.RadioSelect
    )

    def __init__(self, *args, person, **kwargs) -> None:  # noqa: ANN001,ANN002,ANN003
        super().__init__(*args, **kwargs)
        choices = [("show", _("Show the link and a QR code here, to scan in the meeting"))]
        available = sending.available_channels()
        if sending.EMAIL in available and person.email:
            choices.append((sending.EMAIL, _("Send it by e-mail to the registered address")))
        if sending.SMS in available and person.phone:
            choices.append((sending.SMS, _("Send it by SMS to the registered mobile number")))
        self.fields["channel"].choices = choices
        self.fields["channel"].initial = "show"


class ProjectSettingsForm(forms.Form):
    interval_months = forms.IntegerField(
        label=_("Months between assessments"),
        min_value=1,
        max_value=24,
        help_text=_("For example 3: a new assessment is due three months after the last one."),
    )
    instruments = forms.ModelMultipleChoiceField(
        label=_("Instruments the project uses"),
        queryset=Instrument.objects.order_by("code"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("None chosen: SKAPA."),
    )


class InstrumentForm(forms.Form):
    code = forms.RegexField(
        label=_("Code"),
        regex=r"^[A-Za-z][A-Za-z0-9_-]{1,39}$",
        help_text=_("Short, in capital letters, e.g. WORKSTAR. Used in the exchange files."),
    )
    name_sv = forms.CharField(label=_("Name in Swedish"), max_length=200)
    name_en = forms.CharField(label=_("Name in English"), max_length=200, required=False)
    description_sv = forms.CharField(
        label=_("Description in Swedish"), widget=forms.Textarea, required=False
    )
    description_en = forms.CharField(
        label=_("Description in English"), widget=forms.Textarea, required=False
    )


_STEP_LINE = re.compile(r"^\s*(\d+)\s*[:=]\s*([^|]*?)\s*(?:\|\s*(.*?)\s*)?$")


class VersionForm(forms.Form):
    scale_min = forms.IntegerField(label=_("Lowest value"), min_value=0, max_value=100, initial=1)
    scale_max = forms.IntegerField(label=_("Highest value"), min_value=1, max_value=100, initial=10)
    rated_by = forms.ChoiceField(label=_("Rated by"), choices=RatedBy.choices, initial=RatedBy.BOTH)
    steps = forms.CharField(
        label=_("Words on the scale"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        help_text=_(
            "One step per line: the value, a colon, the Swedish words, a bar and the English words. "
            "For example: 1: Långt från arbete | Far from work"
        ),
    )

    def clean_steps(self) -> dict:
        labels: dict[str, dict[str, str]] = {}
        for number, line in enumerate(self.cleaned_data["steps"].splitlines(), start=1):
            if not line.strip():
                continue
            match = _STEP_LINE.match(line)
            if match is None:
                raise forms.ValidationError(
                    _("Line %(n)s is not of the form “1: Swedish | English”.") % {"n": number}
                )
            labels[match.group(1)] = {"sv": match.group(2), "en": match.group(3) or ""}
        return labels

    def clean(self):  # noqa: ANN201
        cleaned = super().clean()
        low, high = cleaned.get("scale_min"), cleaned.get("scale_max")
        if low is not None and high is not None and high <= low:
            self.add_error("scale_max", _("The highest value must be above the lowest."))
        return cleaned

    @staticmethod
    def initial_for(version: InstrumentVersion) -> dict:
        steps = "\n".join(
            f"{value}: {words.get('sv', '')} | {words.get('en', '')}"
            for value, words in sorted(version.scale_labels.items(), key=lambda kv: int(kv[0]))
        )
        return {
            "scale_min": version.scale_min,
            "scale_max": version.scale_max,
            "rated_by": version.rated_by,
            "steps": steps,
        }


class DomainForm(forms.Form):
    code = forms.SlugField(label=_("Code"), max_length=40, required=False)
    name_sv = forms.CharField(label=_("Name in Swedish"), max_length=100, required=False)
    name_en = forms.CharField(label=_("Name in English"), max_length=100, required=False)
    help_sv = forms.CharField(
        label=_("Question in plain Swedish"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )
    help_en = forms.CharField(
        label=_("Question in plain English"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )
    rated_by = forms.ChoiceField(label=_("Rated by"), choices=RatedBy.choices, initial=RatedBy.BOTH)
    counts_in_sum = forms.BooleanField(label=_("Counts in the sum"), required=False, initial=True)
    items_sv = forms.CharField(
        label=_("Questions to think about, in Swedish (one per line)"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )
    items_en = forms.CharField(
        label=_("The same questions in English (one per line, in the same order)"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )

    def clean(self):  # noqa: ANN201
        cleaned = super().clean()
        if cleaned.get("code") and not cleaned.get("name_sv"):
            self.add_error("name_sv", _("Give the domain a name."))
        if cleaned.get("name_sv") and not cleaned.get("code"):
            self.add_error("code", _("Give the domain a code."))
        return cleaned

    def spec(self) -> DomainSpec | None:
        data = self.cleaned_data
        if not data.get("code"):
            return None
        texts_sv = [line.strip() for line in data["items_sv"].splitlines() if line.strip()]
        texts_en = [line.strip() for line in data["items_en"].splitlines() if line.strip()]
        items = [
            (text, texts_en[n] if n < len(texts_en) else "") for n, text in enumerate(texts_sv)
        ]
        return DomainSpec(
            code=data["code"], name_sv=data["name_sv"], name_en=data["name_en"], help_sv=data["help_sv"],
            help_en=data["help_en"], rated_by=data["rated_by"], counts_in_sum=data["counts_in_sum"],
            items=items,
        )  # fmt: skip

    @staticmethod
    def initial_for(domain: Domain) -> dict:
        items = list(domain.items.all())
        return {
            "code": domain.code, "name_sv": domain.name_sv, "name_en": domain.name_en, "help_sv": domain.help_sv,
            "help_en": domain.help_en, "rated_by": domain.rated_by, "counts_in_sum": domain.counts_in_sum,
            "items_sv": "\n".join(i.text_sv for i in items), "items_en": "\n".join(i.text_en for i in items),
        }  # fmt: skip


DomainFormSet = forms.formset_factory(DomainForm, extra=2, max_num=40)
