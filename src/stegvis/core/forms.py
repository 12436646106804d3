from django import forms
from django.utils.translation import gettext_lazy as _


class AuditSearchForm(forms.Form):
    actor = forms.CharField(label=_("User name"), required=False, max_length=150)
    action = forms.CharField(
        label=_("Action"),
        required=False,
        max_length=80,
        help_text=_("For example project or project.updated."),
        widget=forms.TextInput(attrs={"list": "audit-actions"}),
    )
    object_id = forms.CharField(label=_("Object id"), required=False, max_length=64)
    person_key = forms.UUIDField(label=_("Person key"), required=False)
    since = forms.DateField(
        label=_("From date"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    until = forms.DateField(
        label=_("To date"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def clean(self):  # noqa: ANN201
        cleaned = super().clean()
        if cleaned.get("since") and cleaned.get("until") and cleaned["until"] < cleaned["since"]:
            self.add_error("until", _("The to date is before the from date."))
        return cleaned
