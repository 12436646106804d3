"""Backup and restore of the database (docs/backup.md).

SQLite: a consistent copy made with SQLite's online backup API while Stegvis runs. PostgreSQL:
pg_dump in its custom format, restored with pg_restore. Next to the backup a manifest
(<file>.json) names the engine, the time, the latest migrations and the fingerprints of the field
keys the encrypted identity numbers need. The keys themselves are never in the backup: keep
STEGVIS_FIELD_KEY apart (a password manager or a sealed envelope), since a backup without its key
cannot show the identity numbers, and a key beside the backup would give them to whoever holds it.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess  # noqa: S404  (pg_dump and pg_restore, with arguments, never a shell)
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connection

from stegvis.core import crypto


class BackupError(Exception):
    """A backup or restore that cannot be made; the message says why, in plain words."""


def key_fingerprints() -> list[str]:
    """Short SHA-256 fingerprints of the configured field keys (never the keys)."""
    keys = [k.strip() for k in settings.STEGVIS_FIELD_KEY.split(",") if k.strip()]
    return [hashlib.sha256(k.encode()).hexdigest()[:16] for k in keys]


def _migrations(cursor: Any) -> dict[str, str]:
    cursor.execute("SELECT app, name FROM django_migrations ORDER BY app, name")
    latest: dict[str, str] = {}
    for app, name in cursor.fetchall():
        latest[app] = name
    return latest


def _sqlite_file() -> str:
    name = str(settings.DATABASES["default"]["NAME"])
    if name in ("", ":memory:") or "mode=memory" in name:
        raise BackupError("An in-memory database cannot be backed up or restored.")
    return name


def manifest_path(path: Path) -> Path:
    return path.with_name(path.name + ".json")


def backup(path: Path) -> dict[str, Any]:
    """Write a backup of the default database to `path` and its manifest beside it."""
    vendor = connection.vendor
    if vendor == "sqlite":
        # A connection of its own, read-only: the backup API copies a consistent snapshot while
        # Stegvis and the worker go on writing (WAL).
        source = sqlite3.connect(f"file:{_sqlite_file()}?mode=ro", uri=True)
        target = sqlite3.connect(path)
        try:
            source.backup(target)
            migrations = _migrations(target.cursor())
        finally:
            source.close()
            target.close()
    elif vendor == "postgresql":
        _run(["pg_dump", "--format=custom", "--no-owner", f"--file={path}"])
        with connection.cursor() as cursor:
            migrations = _migrations(cursor)
    else:  # pragma: no cover - only SQLite and PostgreSQL are supported (settings.py)
        raise BackupError(f"Backups of {vendor} are not supported.")
    manifest = {
        "format": "stegvis-backup",
        "engine": vendor,
        "created_at": datetime.datetime.now(datetime.UTC).isoformat(),
        "size_bytes": path.stat().st_size,
        "migrations": migrations,
        "field_key_fingerprints": key_fingerprints(),
    }
    manifest_path(path).write_text(json.dumps(manifest, indent=2), encoding="utf-8")
    return manifest


def check_key(path: Path) -> dict[str, Any]:
    """The backup's manifest, after checking that a configured field key can read its numbers."""
    try:
        manifest = json.loads(manifest_path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise BackupError(
            f"The manifest {manifest_path(path).name} is missing beside the backup."
        ) from None
    if not set(manifest["field_key_fingerprints"]) & set(key_fingerprints()):
        raise BackupError(
            "None of the field keys in STEGVIS_FIELD_KEY is the key of this backup: the identity "
            "numbers could not be read. Set the key kept with the backup (fingerprints "
            + ", ".join(manifest["field_key_fingerprints"])
            + ") and try again."
        )
    return manifest


def restore_sqlite(source: Path, target: Path) -> None:
    """Copy the SQLite backup `source` over the database file `target` (backup API, atomic)."""
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    dst = sqlite3.connect(target)
    try:
        src.backup(dst)
    finally:
        src.close()
        dst.close()


def restore(path: Path) -> dict[str, Any]:
    """Restore the default database from `path` (made by `backup`), after the key check."""
    manifest = check_key(path)
    vendor = connection.vendor
    if manifest["engine"] != vendor:
        raise BackupError(f"The backup is of {manifest['engine']}, the database is {vendor}.")
    if vendor == "sqlite":
        name = _sqlite_file()
        connection.close()
        restore_sqlite(path, Path(name))
    else:
        _run(["pg_restore", "--clean", "--if-exists", "--no-owner", "--single-transaction",
              f"--dbname={_pg_settings()['NAME']}", str(path)])  # fmt: skip
    return manifest


def readable_identity_numbers(database: Path | None = None) -> tuple[int, int]:
    """(stored, readable) encrypted identity numbers, in `database` (a SQLite file) or the
    default database: proves that a restored backup and the configured key belong together."""
    if database is not None:
        con = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
        try:
            tokens = [
                r[0]
                for r in con.execute(
                    "SELECT identity_number FROM participants_person WHERE identity_number != ''"
                )
            ]
        finally:
            con.close()
    else:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT identity_number FROM participants_person WHERE identity_number != ''"
            )
            tokens = [r[0] for r in cursor.fetchall()]
    readable = 0
    for token in tokens:
        try:
            crypto.decrypt(token)
        except crypto.DecryptionError:
            continue
        readable += 1
    return len(tokens), readable


def _pg_settings() -> dict[str, Any]:
    return settings.DATABASES["default"]


def _run(command: list[str]) -> None:
    db = _pg_settings()
    if shutil.which(command[0]) is None:
        raise BackupError(
            f"{command[0]} is not installed (Debian: apt-get install postgresql-client)."
        )
    env = {**os.environ, "PGHOST": str(db.get("HOST") or ""), "PGPORT": str(db.get("PORT") or ""),
           "PGUSER": str(db.get("USER") or ""), "PGPASSWORD": str(db.get("PASSWORD") or ""),
           "PGDATABASE": str(db.get("NAME") or "")}  # fmt: skip
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    if result.returncode != 0:
        raise BackupError(f"{command[0]} failed: {result.stderr.strip()[:500]}")
