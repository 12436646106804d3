"""`stegvis backup FILE`: a backup of the database and its manifest (docs/backup.md)."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from stegvis.privacy import backup


class Command(BaseCommand):
    help = "Back up the database to FILE (SQLite backup API or pg_dump), with FILE.json beside it."

    def add_arguments(self, parser) -> None:  # noqa: ANN001
        parser.add_argument("file", type=Path)

    def handle(self, *args, **options) -> None:  # noqa: ANN002,ANN003
        path: Path = options["file"]
        if path.exists():
            raise CommandError(f"{path} exists already; choose a new file name.")
        try:
            manifest = backup.backup(path)
        except backup.BackupError as exc:
            raise CommandError(str(exc)) from exc
        stored, readable = backup.readable_identity_numbers()
        self.stdout.write(
            f"Backup written: {path} ({manifest['size_bytes']} bytes, {manifest['engine']}), "
            f"manifest {backup.manifest_path(path)}. Field key fingerprints: "
            f"{', '.join(manifest['field_key_fingerprints'])}; {stored} encrypted identity numbers. "
            "Keep STEGVIS_FIELD_KEY apart from the backup."
        )
