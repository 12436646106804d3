"""stegvis match --project DNR --participant ID [--json]: the open openings that fit a
participant's vocational profile best, best first, with the reasons (the project's diarienummer
and the participant's id, as in the exchange format). opening_id is the opening's id in its
project, as in openings.csv. The reasons are in Swedish."""

from __future__ import annotations

import json

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from stegvis.employers import selectors
from stegvis.participants.models import Enrollment


class Command(BaseCommand):
    help = "Print the open openings that fit one participant's vocational profile best."

    def add_arguments(self, parser) -> None:  # noqa: ANN001
        parser.add_argument("--project", required=True, help="the project's diarienummer")
        parser.add_argument("--participant", required=True, help="the participant's id")
        parser.add_argument("--json", action="store_true", help="print JSON")
        parser.add_argument("--limit", type=int, default=10, help="at most this many (0: all)")

    def handle(self, *args, **options) -> None:  # noqa: ANN002,ANN003
        enrollment = (
            Enrollment.objects.filter(
                project__diarienummer=options["project"], participant_code=options["participant"]
            )
            .select_related("project")
            .first()
        )
        if enrollment is None:
            raise CommandError(
                f"No participant {options['participant']!r} in project {options['project']!r}."
            )
        if selectors.profile_of(enrollment) is None:
            raise CommandError("The participant has no vocational profile.")
        with translation.override("sv"):
            matches = selectors.matches_for_enrollment(
                enrollment,
                openings=selectors.open_openings_for(enrollment),
                limit=options["limit"] or None,
            )
            rows = [
                {
                    "opening_id": match.opening.code,
                    "title": match.opening.title,
                    "score": match.score,
                    "reasons": match.fit.reason_texts,
                }
                for match in matches
            ]
        if options["json"]:
            self.stdout.write(json.dumps({"openings": rows}, ensure_ascii=False, indent=2))
            return
        for row in rows:
            self.stdout.write(f"{row['score']:>3}  {row['opening_id']}  {row['title']}")
            for reason in row["reasons"]:
                self.stdout.write(f"       {reason}")
