from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class WithdrawForm(forms.Form):
    on = forms.DateField(
        label=_("Consent withdrawn on"),
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("The day the person said so, as YYYY-MM-DD."),
    )

    def __init__(self, *args, **kwargs) -> None:  # noqa: ANN002,ANN003
        super().__init__(*args, **kwargs)
        self.fields["on"].initial = timezone.localdate()


class EraseForm(forms.Form):
    reason = forms.CharField(
        label=_("Why the person is anonymised"),
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For example: the person asked to be erased (GDPR art. 17). No names."),
    )
    while_active = forms.BooleanField(
        label=_("Anonymise although the person still takes part in a project"),
        required=False,
    )
    confirm = forms.BooleanField(
        label=_("I understand that the anonymisation cannot be undone"),
        required=True,
        error_messages={"required": _("Tick the box to confirm.")},
    )
