from django import forms
from django.utils.translation import gettext_lazy as _

from stegvis.api.services import MAX_EXPIRY_DAYS


class TokenForm(forms.Form):
    name = forms.CharField(
        label=_("Name of the token"),
        max_length=100,
        help_text=_("What uses it, e.g. “Power BI, the steering group's dashboard”."),
    )
    expires_days = forms.IntegerField(
        label=_("Valid for (days)"),
        required=False,
        min_value=1,
        max_value=MAX_EXPIRY_DAYS,
        initial=365,
        help_text=_("Leave empty for a token that is valid until you revoke it."),
    )
