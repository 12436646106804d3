"""stegvis seed_demo: the demo data set, with one account per role (local demo only)."""

from __future__ import annotations

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from stegvis.assessments.demo import seed_assessments
from stegvis.employers.demo import seed_employers
from stegvis.participants.demo import seed_participants
from stegvis.projects.demo import DEMO_PASSWORD, seed_demo
from stegvis.youth.demo import seed_youth


class Command(BaseCommand):
    help = (
        "Load the demo data: organisations, the three sample projects, one account per role, and the "
        "coaches' caseloads."
    )

    def handle(self, *args, **options):  # noqa: ANN002,ANN003
        if settings.PRODUCTION:
            raise CommandError(
                "seed_demo creates accounts with a known password and is refused in production."
            )
        accounts = seed_demo()
        participants = seed_participants()
        assessments = seed_assessments()
        employers = seed_employers()
        youth = seed_youth()
        self.stdout.write(f"Demo accounts (password for all: {DEMO_PASSWORD}):")
        for account in accounts:
            self.stdout.write(f"  {account.username:<10} {account.role.label}")
        self.stdout.write(
            f"{participants} demo participants: coach works in MESSA, coach2 in PROGRESS."
        )
        self.stdout.write(f"{assessments} demo SKAPA assessments (self and coach).")
        self.stdout.write(
            f"{employers} demo employers with openings; vocational profiles for the coaches' participants."
        )
        self.stdout.write(
            f"{youth} demo young people in school or studies (MESSA), Nova Lind with a guardian's consent and a KAA referral."
        )
