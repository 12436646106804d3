"""Backup and restore on SQLite: the data and the encrypted identity numbers come back readable.

The test database lives in memory inside the test's transaction, so each test first copies it to
a file (`live`), which stands for the production database file.
"""

from __future__ import annotations

import io
import json
import re
import sqlite3
import tempfile
from pathlib import Path
from unittest import mock, skipUnless

from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.test import override_settings

from stegvis.core import crypto
from stegvis.privacy import backup
from stegvis.privacy.tests.base import STINA_NUMBER, PrivacyTestCase

OTHER_KEY = "hL3b3ZC0dSxQDk3Vw7tK3aH3NqYbD4v6G0cU2cJ8m1E="
TEST_KEY = "uCRjTGU3v9dbRFhxk5pXGZ9y2y7nnmW3yKXfXV2s1Rk="


@skipUnless(
    connection.vendor == "sqlite",
    "these copy the SQLite test database; on PostgreSQL, test_backup_postgres.py dumps and "
    "restores a real database (CI sets STEGVIS_BACKUP_TEST_PG)",
)
class BackupTests(PrivacyTestCase):
    def setUp(self) -> None:
        self.dir = Path(tempfile.mkdtemp())
        self.live = self.dir / "live.sqlite3"
        self.file = self.dir / "backup.sqlite3"
        con = sqlite3.connect(self.live)
        # Check constraints written with Django's REGEXP need the function while rows go in.
        con.create_function(
            "REGEXP", 2, lambda pattern, value: bool(re.search(pattern, value or ""))
        )
        con.executescript("\n".join(connection.connection.iterdump()))
        con.close()
        patcher = mock.patch.object(backup, "_sqlite_file", return_value=str(self.live))
        patcher.start()
        self.addCleanup(patcher.stop)

    def test_a_restored_backup_has_the_data_and_readable_identity_numbers(self) -> None:
        manifest = backup.backup(self.file)
        self.assertEqual(manifest["engine"], "sqlite")
        self.assertEqual(manifest["field_key_fingerprints"], backup.key_fingerprints())
        # The manifest names each app's latest migration as the database has it.
        applied = MigrationLoader(connection).applied_migrations
        latest = max(name for app, name in applied if app == "participants")
        self.assertEqual(manifest["migrations"]["participants"], latest)
        # The live database is lost; the backup is restored into a new file.
        self.live.unlink()
        backup.restore_sqlite(self.file, self.live)
        con = sqlite3.connect(self.live)
        try:
            rows = dict(con.execute("SELECT last_name, identity_number FROM participants_person"
                                    " WHERE identity_number != ''").fetchall())  # fmt: skip
            contacts = con.execute("SELECT summary FROM participants_contact").fetchall()
        finally:
            con.close()
        self.assertEqual(crypto.decrypt(rows["Svensson"]), STINA_NUMBER.replace("-", ""))
        self.assertNotIn("9876", rows["Svensson"])  # stored encrypted, not in clear
        self.assertEqual(contacts, [("Stina berättade om sin ångest.",)])
        self.assertEqual(backup.readable_identity_numbers(self.live), (2, 2))

    def test_without_the_key_the_numbers_cannot_be_read_and_restore_refuses(self) -> None:
        backup.backup(self.file)
        with override_settings(STEGVIS_FIELD_KEY=OTHER_KEY):
            self.assertEqual(backup.readable_identity_numbers(self.file), (2, 0))
            with self.assertRaisesMessage(backup.BackupError, "None of the field keys"):
                backup.check_key(self.file)
        # After a key rotation the list still holds the old key, which reads them.
        with override_settings(STEGVIS_FIELD_KEY=f"{OTHER_KEY},{TEST_KEY}"):
            self.assertEqual(backup.check_key(self.file)["engine"], "sqlite")
            self.assertEqual(backup.readable_identity_numbers(self.file), (2, 2))

    def test_restore_replaces_the_database_file(self) -> None:
        backup.backup(self.file)
        con = sqlite3.connect(self.live)
        con.execute("DELETE FROM participants_contact")
        con.commit()
        con.close()
        with mock.patch.object(backup.connection, "close"):
            backup.restore(self.file)
        con = sqlite3.connect(self.live)
        self.assertEqual(con.execute("SELECT COUNT(*) FROM participants_contact").fetchone(), (1,))
        con.close()

    def test_restore_checks_the_manifest_and_the_engine(self) -> None:
        self.file.write_bytes(b"")
        with self.assertRaisesMessage(backup.BackupError, "manifest"):
            backup.restore(self.file)
        manifest = {"engine": "postgresql", "field_key_fingerprints": backup.key_fingerprints()}
        backup.manifest_path(self.file).write_text(json.dumps(manifest))
        with self.assertRaisesMessage(backup.BackupError, "The backup is of postgresql"):
            backup.restore(self.file)

    def test_the_backup_command_reports_and_refuses_to_overwrite(self) -> None:
        out = io.StringIO()
        call_command("backup", str(self.file), stdout=out)
        self.assertIn("Backup written", out.getvalue())
        self.assertIn("Keep STEGVIS_FIELD_KEY apart", out.getvalue())
        with self.assertRaisesMessage(CommandError, "exists already"):
            call_command("backup", str(self.file), stdout=io.StringIO())

    def test_the_restore_command_asks_and_checks_the_key(self) -> None:
        with self.assertRaisesMessage(CommandError, "does not exist"):
            call_command("restore", str(self.dir / "none"), stdout=io.StringIO())
        backup.backup(self.file)
        with self.assertRaisesMessage(CommandError, "--yes"):
            call_command("restore", str(self.file), stdout=io.StringIO())
        with override_settings(STEGVIS_FIELD_KEY=OTHER_KEY), \
                self.assertRaisesMessage(CommandError, "None of the field keys"):  # fmt: skip
            call_command("restore", str(self.file), "--yes", stdout=io.StringIO())

    def test_the_restore_command_reports_readable_numbers(self) -> None:
        out = io.StringIO()
        with mock.patch.object(backup, "restore", return_value={"created_at": "2025-01-01"}):
            call_command("restore", str(self.live), "--yes", stdout=out)
        self.assertIn("2 of 2 encrypted identity numbers readable", out.getvalue())
        with mock.patch.object(backup, "restore", return_value={"created_at": "x"}), \
                mock.patch.object(backup, "readable_identity_numbers", return_value=(2, 1)), \
                self.assertRaisesMessage(CommandError, "only 1 of 2"):  # fmt: skip
            call_command("restore", str(self.live), "--yes", stdout=io.StringIO())

    def test_postgresql_uses_pg_dump_and_pg_restore(self) -> None:
        calls = []

        def run(command: list[str]) -> None:
            calls.append(command)
            self.file.write_bytes(b"PGDMP")

        with mock.patch.object(backup, "_run", side_effect=run), \
                mock.patch.object(backup.connection, "vendor", "postgresql"):  # fmt: skip
            manifest = backup.backup(self.file)
            backup.restore(self.file)
        self.assertEqual(manifest["engine"], "postgresql")
        self.assertEqual(calls[0][0], "pg_dump")
        self.assertEqual(calls[1][0], "pg_restore")
        self.assertIn("--single-transaction", calls[1])

    def test_a_missing_or_failing_tool_and_a_memory_database_are_explained(self) -> None:
        with mock.patch.object(backup.shutil, "which", return_value=None), \
                self.assertRaisesMessage(backup.BackupError, "pg_dump is not installed"):  # fmt: skip
            backup._run(["pg_dump"])
        with mock.patch.object(backup.shutil, "which", return_value="/bin/false"), \
                self.assertRaisesMessage(backup.BackupError, "false failed"):  # fmt: skip
            backup._run(["false"])
        mock.patch.stopall()
        with self.assertRaisesMessage(backup.BackupError, "in-memory"):
            backup._sqlite_file()
