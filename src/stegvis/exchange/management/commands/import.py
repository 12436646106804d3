# ruff: noqa: N999  (a Django command is named after its verb: `stegvis import`)
"""stegvis import [--json] [--create-coaches] [--user USERNAME] FILE...

Imports participants.csv, employments.csv, assessments.csv, profiles.csv and openings.csv files
of the exchange format (CSV with `,` or `;`,
or the first sheet of an .xlsx workbook; each file's kind is told from its header row). All or
nothing: if any row of any file has a problem, nothing is written and every problem is printed,
one per line, as `file:row: column: value: reason`. Messages are in English, like the other
commands. A personnummer is never printed.
"""

from __future__ import annotations

import json
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from stegvis.core.permissions import can
from stegvis.exchange import services
from stegvis.exchange.reading import Source


class Command(BaseCommand):
    help = (
        "Import participants, employments, assessments, profiles and openings from exchange-format "
        "files (all or nothing)."
    )

    def add_arguments(self, parser):  # noqa: ANN001
        parser.add_argument("files", nargs="+", metavar="FILE")
        parser.add_argument("--json", action="store_true", help="Print the counts as JSON.")
        parser.add_argument(
            "--create-coaches",
            action="store_true",
            help="Create an inactive staff account for each coach user name that has none.",
        )
        parser.add_argument("--user", help="The user name the audit trail names as importer.")

    def handle(self, *args, **options):  # noqa: ANN002,ANN003
        with translation.override("en"):
            actor = self._actor(options.get("user"))
            sources = self._read(options["files"])
            try:
                counts = services.exchange_import(
                    actor=actor, sources=sources, create_coaches=options["create_coaches"]
                )
            except services.ImportRefusedError as exc:
                if options["json"]:
                    errors = [problem.as_json() for problem in exc.problems]
                    self.stdout.write(json.dumps({"errors": errors}, ensure_ascii=False, indent=2))
                lines = "\n".join(problem.line() for problem in exc.problems)
                raise CommandError(
                    f"Nothing was imported: {len(exc.problems)} problem(s).\n{lines}"
                ) from None
        if options["json"]:
            self.stdout.write(json.dumps(counts, indent=2))
            return
        for kind in ("participants", "employments", "assessments", "profiles", "openings"):
            c = counts[kind]
            if kind in ("assessments", "profiles", "openings") and not any(c.values()):
                continue  # files that were not in this import
            self.stdout.write(
                f"{kind}: {c['created']} created, {c['updated']} updated, {c['unchanged']} unchanged"
            )

    def _read(self, names: list[str]) -> list[Source]:
        sources, problems = [], []
        for name in names:
            try:
                sources.append(Source(name=name, data=Path(name).read_bytes()))
            except OSError as exc:
                problems.append(f"{name}: The file cannot be read ({exc.strerror}).")
        if problems:
            raise CommandError("Nothing was imported.\n" + "\n".join(problems))
        return sources

    def _actor(self, username: str | None):  # noqa: ANN202
        if not username:
            return None
        user = get_user_model().objects.filter(username=username, is_active=True).first()
        if user is None:
            raise CommandError(f"There is no active user {username!r}.")
        if not can(user, "participant.enroll"):
            # The audit trail names this user as the one who registered the participants.
            raise CommandError(f"The user {username!r} may not register participants.")
        return user
