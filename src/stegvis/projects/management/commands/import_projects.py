"""stegvis import_projects FILE... [--dry-run] [--json] [--user USERNAME]

Imports project-bank records (both programme periods), creating or updating projects by
diarienummer. All files are read first: if any cannot be read, every error is printed and nothing
is written.
"""

from __future__ import annotations

import json

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from stegvis.core.permissions import can
from stegvis.projects import services
from stegvis.projects.projektbanken import ProjektbankenError, parse_file


class Command(BaseCommand):
    help = "Import project records from the ESF project bank (upsert by diarienummer)."

    def add_arguments(self, parser):  # noqa: ANN001
        parser.add_argument("files", nargs="+", metavar="FILE")
        parser.add_argument(
            "--dry-run", action="store_true", help="Parse and report; write nothing."
        )
        parser.add_argument(
            "--json", action="store_true", help="Print the parsed records as a JSON list."
        )
        parser.add_argument("--user", help="The user name the audit trail names as importer.")

    def handle(self, *args, **options):  # noqa: ANN002,ANN003
        records, errors = [], []
        for name in options["files"]:
            try:
                records.append((name, parse_file(name)))
            except ProjektbankenError as exc:
                errors.append(str(exc))
        if errors:
            raise CommandError("Nothing was imported.\n" + "\n".join(errors))
        if options["json"]:
            self.stdout.write(
                json.dumps([r.as_json() for _name, r in records], ensure_ascii=False, indent=2)
            )
        if options["dry_run"]:
            if not options["json"]:
                for _name, record in records:
                    self.stdout.write(f"would import {record.diarienummer} {record.name}")
            return
        actor = self._actor(options.get("user"))
        outcome = []
        with transaction.atomic():
            for name, record in records:
                try:
                    project, created = services.project_import_record(actor=actor, record=record)
                except ValidationError as exc:
                    # Leaving the atomic block by this exception rolls back every earlier record.
                    raise CommandError(
                        f"Nothing was imported.\n{name}: {'; '.join(exc.messages)}"
                    ) from exc
                outcome.append(("created" if created else "updated", project))
        if not options["json"]:
            for verb, project in outcome:
                self.stdout.write(f"{verb} {project.diarienummer} {project.name}")

    def _actor(self, username: str | None):  # noqa: ANN202
        if not username:
            return None
        user = get_user_model().objects.filter(username=username, is_active=True).first()
        if user is None:
            raise CommandError(f"There is no active user {username!r}.")
        if not can(user, "project.import"):
            # The audit trail names this user as the importer (docs/operations.md: an administrator).
            raise CommandError(f"The user {username!r} may not import projects.")
        return user
