"""stegvis create_api_token USERNAME [--expires DAYS] [--name NAME]

Makes a personal API token for an active user and prints it once; only its SHA-256 fingerprint is
stored. The token acts with the user's access; it is recorded in the audit trail
(api_token.created).
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from stegvis.api import services


class Command(BaseCommand):
    help = "Make a personal API token for USERNAME and print it once."

    def add_arguments(self, parser):  # noqa: ANN001
        parser.add_argument("username")
        parser.add_argument(
            "--expires",
            type=int,
            metavar="DAYS",
            help="Valid for DAYS days (default: until revoked).",
        )
        parser.add_argument(
            "--name", default="", help="What uses the token (default: command line)."
        )

    def handle(self, *args, **options):  # noqa: ANN002,ANN003
        user = get_user_model().objects.filter(username=options["username"]).first()
        if user is None or not user.is_active:
            raise CommandError(f"There is no active user {options['username']!r}.")
        try:
            token, secret = services.api_token_create(
                actor=None,
                user=user,
                name=options["name"] or "stegvis create_api_token",
                expires_days=options["expires"],
            )
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from None
        until = f"until {token.expires_at:%Y-%m-%d}" if token.expires_at else "until revoked"
        self.stderr.write(
            f"Token for {user.get_username()}, valid {until}. It is shown only this once:"
        )
        self.stdout.write(secret)
