"""`stegvis retention [--dry-run]`: anonymise people N years after their last participation."""

from __future__ import annotations

import json

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from stegvis.privacy import services, tasks


class Command(BaseCommand):
    help = (
        "Anonymise everyone whose last participation ended more than STEGVIS_RETENTION_YEARS "
        "years ago. Prints counts, never names. --dry-run counts and writes nothing."
    )

    def add_arguments(self, parser) -> None:  # noqa: ANN001
        parser.add_argument("--dry-run", action="store_true", help="Count only; write nothing.")
        parser.add_argument("--years", type=int, default=None, help="Override the setting.")
        parser.add_argument("--json", action="store_true", help="Print the report as JSON.")
        parser.add_argument(
            "--enqueue", action="store_true", help="Queue the run for the worker (db_worker)."
        )

    def handle(self, *args, **options) -> None:  # noqa: ANN002,ANN003
        years = options["years"] or settings.STEGVIS_RETENTION_YEARS
        if options["enqueue"]:
            result = tasks.retention_task.enqueue(years=years, dry_run=options["dry_run"])
            self.stdout.write(f"Queued for the worker: task {result.id}.")
            return
        try:
            report = services.retention_run(
                actor=None, today=timezone.localdate(), years=years, dry_run=options["dry_run"]
            )
        except Exception as exc:  # a ValidationError in plain words
            raise CommandError("; ".join(getattr(exc, "messages", [str(exc)]))) from exc
        if options["json"]:
            self.stdout.write(json.dumps(report.as_dict(), ensure_ascii=False))
            return
        verb = "would be anonymised" if report.dry_run else "anonymised"
        self.stdout.write(
            f"Retention {report.years} years: last participation ended before "
            f"{report.cutoff.isoformat()}. People {verb}: {report.people} "
            f"({report.enrollments} enrollments)."
        )
        for project, count in sorted(report.by_project.items()):
            self.stdout.write(f"  {project}: {count}")
        if report.dry_run:
            self.stdout.write("Dry run: nothing was written.")
