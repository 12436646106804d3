"""stegvis selfassessment_link --project DNR --participant ID: print a personal self-assessment
link for one participant (the project's diarienummer and the participant's id, as in the exchange
format's participants.csv). The link starts with STEGVIS_BASE_URL."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.urls import reverse

from stegvis.accounts.models import User
from stegvis.assessments import selectors, services
from stegvis.assessments.models import Rater
from stegvis.participants.models import Enrollment


class Command(BaseCommand):
    help = "Print a personal self-assessment link for one participant of a project."

    def add_arguments(self, parser) -> None:  # noqa: ANN001
        parser.add_argument("--project", required=True, help="the project's diarienummer")
        parser.add_argument("--participant", required=True, help="the participant's id")
        parser.add_argument(
            "--user",
            help="the staff user the link is made in the name of (default: the participant's coach)",
        )

    def handle(self, *args, **options) -> None:  # noqa: ANN002,ANN003
        enrollment = (
            Enrollment.objects.filter(
                project__diarienummer=options["project"],
                participant_code=options["participant"],
            )
            .select_related("project", "person", "coach")
            .first()
        )
        if enrollment is None:
            raise CommandError(
                f"No participant {options['participant']!r} in project {options['project']!r}."
            )
        actor = enrollment.coach
        if options["user"]:
            actor = User.objects.filter(username=options["user"], is_active=True).first()
            if actor is None:
                raise CommandError(f"No active user {options['user']!r}.")
        if actor is None:
            raise CommandError("The participant has no coach; name a user with --user.")
        versions = selectors.current_versions_for_project(enrollment.project, rater=Rater.SELF)
        if not versions:
            raise CommandError("The project uses no instrument that participants rate themselves.")
        try:
            link, token = services.selfassessment_link_create(
                actor=actor, enrollment=enrollment, version=versions[0]
            )
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        url = settings.STEGVIS_BASE_URL + reverse("selfassessment:open", args=[token])
        self.stdout.write(url)
        self.stderr.write(f"The link works until {link.expires_at:%Y-%m-%d %H:%M} (UTC).")
