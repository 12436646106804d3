from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "stegvis.accounts"
    label = "accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        # The sign-in receiver (what a new session still owes: a code, or setting up 2FA).
        from stegvis.accounts import middleware  # noqa: F401
