from __future__ import annotations

from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
from django.utils.translation import gettext_lazy as _

from stegvis.accounts.models import Organisation, OrganisationKind, User
from stegvis.core.permissions import Role


class LoginForm(AuthenticationForm):
    error_messages = {
        "invalid_login": _("The user name or password is wrong. Both are case-sensitive."),
        "inactive": _("This account is not active. Contact your system administrator."),
    }


class OrganisationForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    kind = forms.ChoiceField(label=_("Kind of organisation"), choices=OrganisationKind.choices)
    org_number = forms.CharField(
        label=_("Organisation number"),
        max_length=13,
        required=False,
        help_text=_("Ten digits, like 556016-0680."),
    )
    municipality_code = forms.CharField(
        label=_("Municipality code"),
        max_length=4,
        required=False,
        help_text=_(
            "Four digits, like 1880 for Örebro. For municipalities and local organisations."
        ),
    )


class OrganisationEditForm(OrganisationForm):
    is_active = forms.BooleanField(
        label=_("Active"),
        required=False,
        help_text=_("Members of an inactive organisation lose its roles."),
    )


class UserForm(forms.Form):
    username = forms.CharField(
        label=_("User name"), max_length=150, help_text=_("Letters, digits and @ . + - _ only.")
    )
    first_name = forms.CharField(label=_("First name"), max_length=150)
    last_name = forms.CharField(label=_("Last name"), max_length=150)
    email = forms.EmailField(
        label=_("E-mail"), help_text=_("The user gets a message here to choose a password.")
    )
    title = forms.CharField(label=_("Job title"), max_length=100, required=False)


class UserEditForm(forms.Form):
    first_name = forms.CharField(label=_("First name"), max_length=150)
    last_name = forms.CharField(label=_("Last name"), max_length=150)
    email = forms.EmailField(label=_("E-mail"))
    title = forms.CharField(label=_("Job title"), max_length=100, required=False)
    phone = forms.CharField(label=_("Phone"), max_length=40, required=False)
    is_active = forms.BooleanField(
        label=_("Active"), required=False, help_text=_("An inactive user cannot sign in.")
    )


class MembershipForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Organisation"),
        queryset=Organisation.objects.filter(is_active=True).order_by("name"),
    )
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)


class AccountSetupForm(PasswordResetForm):
    """Sends a new user the link to choose their first password (their password is still unusable)."""

    def get_users(self, email: str):  # noqa: ANN201
        return User.objects.filter(email__iexact=email, is_active=True)


class TwoFactorSetupForm(forms.Form):
    code = forms.CharField(
        label=_("The six-digit code the app shows"),
        max_length=10,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "spellcheck": "false"}
        ),
    )


class TwoFactorVerifyForm(forms.Form):
    code = forms.CharField(
        label=_("Code"),
        max_length=20,
        help_text=_(
            "The six digits your authenticator app shows now, or one of your recovery codes "
            "if you do not have the phone."
        ),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "spellcheck": "false"}),
    )
