"""`stegvis restore FILE`: replace the database with a backup made by `stegvis backup`."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from stegvis.privacy import backup


class Command(BaseCommand):
    help = (
        "Restore the database from FILE (made by stegvis backup). Stop the web server and the "
        "worker first. Refuses when STEGVIS_FIELD_KEY does not hold the backup's key."
    )

    def add_arguments(self, parser) -> None:  # noqa: ANN001
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--yes", action="store_true", help="Replace the current database without asking."
        )

    def handle(self, *args, **options) -> None:  # noqa: ANN002,ANN003
        path: Path = options["file"]
        if not path.exists():
            raise CommandError(f"{path} does not exist.")
        if not options["yes"]:
            raise CommandError("Restoring replaces the whole database: add --yes to go ahead.")
        try:
            manifest = backup.restore(path)
        except backup.BackupError as exc:
            raise CommandError(str(exc)) from exc
        stored, readable = backup.readable_identity_numbers()
        if readable != stored:
            raise CommandError(
                f"Restored, but only {readable} of {stored} identity numbers can be read with "
                "the configured field keys."
            )
        self.stdout.write(
            f"Restored {path} (made {manifest['created_at']}); {readable} of {stored} "
            "encrypted identity numbers readable. Run `stegvis migrate` if this Stegvis is newer."
        )
