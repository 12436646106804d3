"""Forms of the surveys: shape and format only; the rules are in services.py."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from stegvis.surveys.models import SCALE_MAX, SCALE_MIN, Question, QuestionKind


class SurveyForm(forms.Form):
    title = forms.CharField(
        label=_("Title"),
        max_length=200,
        help_text=_("For example: What do you think of the support? Spring 2026."),
    )
    intro = forms.CharField(
        label=_("Text at the start"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Why you ask. The page itself says that the answers are anonymous."),
    )
    with_standard = forms.BooleanField(
        label=_(
            "Start with the standard questions (how you were met, what helped, what to change)"
        ),
        required=False,
        initial=True,
    )


class QuestionForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of question"), choices=QuestionKind.choices)
    text = forms.CharField(label=_("Question"), max_length=300)
    options = forms.CharField(
        label=_("Options"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("For a choice: one option per line."),
    )
    scale_low = forms.CharField(
        label=_("Words at 1"),
        max_length=60,
        required=False,
        help_text=_("For a scale, like: Not at all."),
    )
    scale_high = forms.CharField(
        label=_("Words at 5"),
        max_length=60,
        required=False,
        help_text=_("For a scale, like: Very much."),
    )


class SendForm(forms.Form):
    channel = forms.ChoiceField(label=_("Send by"), widget=forms.RadioSelect)

    def __init__(self, *args, channels=(), **kwargs) -> None:  # noqa: ANN001,ANN002,ANN003
        super().__init__(*args, **kwargs)
        names = {"email": _("E-mail"), "sms": _("SMS")}
        self.fields["channel"].choices = [(c, names.get(c, c)) for c in channels]


class AnswerForm(forms.Form):
    """The participant's answers: one field per question, none required (skip what you want),
    but at least one answer."""

    def __init__(self, *args, questions: list[Question], **kwargs) -> None:  # noqa: ANN002,ANN003
        super().__init__(*args, **kwargs)
        self.questions = questions
        for number, q in enumerate(questions, start=1):
            name = f"q{q.pk}"
            label = f"{number}. {q.text}"
            if q.kind == QuestionKind.SCALE:
                choices = []
                for v in range(SCALE_MIN, SCALE_MAX + 1):
                    words = (
                        q.scale_low if v == SCALE_MIN else q.scale_high if v == SCALE_MAX else ""
                    )
                    choices.append((str(v), f"{v} – {words}" if words else str(v)))
                self.fields[name] = forms.TypedChoiceField(
                    label=label, choices=choices, coerce=int, required=False,
                    empty_value=None, widget=forms.RadioSelect,
                )  # fmt: skip
            elif q.kind == QuestionKind.CHOICES:
                self.fields[name] = forms.TypedMultipleChoiceField(
                    label=label, coerce=int, required=False, widget=forms.CheckboxSelectMultiple,
                    choices=[(str(i), o) for i, o in enumerate(q.option_list(), start=1)],
                    help_text=_("Choose one or more."),
                )  # fmt: skip
            else:
                self.fields[name] = forms.CharField(
                    label=label, required=False, max_length=2000,
                    widget=forms.Textarea(attrs={"rows": 4}),
                    help_text=_("Do not write your name or anything that shows who you are."),
                )  # fmt: skip

    def answers(self) -> dict[int, object]:
        return {q.pk: self.cleaned_data.get(f"q{q.pk}") for q in self.questions}

    def clean(self):  # noqa: ANN201
        cleaned = super().clean()
        if not self.errors and not any(v not in (None, "", []) for v in cleaned.values()):
            raise forms.ValidationError(_("Answer at least one question."))
        return cleaned
