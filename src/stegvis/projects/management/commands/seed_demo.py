"""stegvis seed_demo: the demo data set, with one account per role (local demo only)."""

from __future__ import annotations

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from stegvis.projects.demo import DEMO_PASSWORD, seed_demo


class Command(BaseCommand):
    help = "Load the demo data: organisations, the three sample projects and one account per role."

    def handle(self, *args, **options):  # noqa: ANN002,ANN003
        if settings.PRODUCTION:
            raise CommandError("seed_demo creates accounts with a known password and is refused in production.")
        accounts = seed_demo()
        self.stdout.write(f"Demo accounts (password for all: {DEMO_PASSWORD}):")
        for account in accounts:
            self.stdout.write(f"  {account.username:<10} {account.role.label}")
