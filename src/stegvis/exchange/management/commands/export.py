"""stegvis export DIR [--project DIARIENUMMER] [--user USERNAME] [--pseudonymise KEY]

Writes participants.csv, employments.csv, assessments.csv (submitted assessments), profiles.csv and
openings.csv of the exchange format into DIR, for every project or for one. The files hold full
personnummer and are readable by the operator's account only; the export is recorded in the audit
trail (exchange.exported, with the number of people).

With --pseudonymise KEY, the variant for evaluators (exchange/pseudonyms.py): no names, personnummer
or coaches, birth year only, and a pseudonym per person that is the same in every export made with
the same KEY (a name such as evaluation-2026, not a secret: the installation's key makes it).
"""

from __future__ import annotations

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from stegvis.exchange import pseudonyms, services
from stegvis.projects.models import Project


class Command(BaseCommand):
    help = (
        "Export participants, employments, assessments, profiles and openings as exchange-format "
        "CSV files."
    )

    def add_arguments(self, parser):  # noqa: ANN001
        parser.add_argument("directory", metavar="DIR")
        parser.add_argument(
            "--project", metavar="DNR", help="Only this project (its diarienummer)."
        )
        parser.add_argument("--user", help="The user name the audit trail names as exporter.")
        parser.add_argument(
            "--pseudonymise",
            metavar="KEY",
            default="",
            help="Pseudonymised files for evaluators; the same KEY gives the same pseudonyms.",
        )

    def handle(self, *args, **options):  # noqa: ANN002,ANN003
        project = None
        if options.get("project"):
            project = Project.objects.filter(diarienummer=options["project"].strip()).first()
            if project is None:
                raise CommandError(f"There is no project {options['project']!r}.")
        actor = None
        if options.get("user"):
            actor = (
                get_user_model().objects.filter(username=options["user"], is_active=True).first()
            )
            if actor is None:
                raise CommandError(f"There is no active user {options['user']!r}.")
        key = options.get("pseudonymise") or ""
        if key and not pseudonyms.valid_key(key):
            raise CommandError(f"--pseudonymise: the key must be {pseudonyms.KEY_RULE}.")
        directory = Path(options["directory"])
        counts = services.exchange_export(
            actor=actor, directory=directory, project=project, pseudonym_key=key
        )
        self.stdout.write(
            f"Wrote {counts['participants']} participants ({counts['people']} people) and "
            f"{counts['employments']} employments to {directory}."
        )
        if counts["assessments"]:
            self.stdout.write(f"Wrote {counts['assessments']} assessments.")
        if counts["profiles"] or counts["openings"]:
            self.stdout.write(
                f"Wrote {counts['profiles']} vocational profiles and {counts['openings']} openings."
            )
