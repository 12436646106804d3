"""The PostgreSQL path of `stegvis backup` and `stegvis restore`, end to end (opt-in).

The unit suite runs on SQLite and never touches PostgreSQL. With STEGVIS_BACKUP_TEST_PG set to a
server's address (e.g. postgres://postgres@127.0.0.1:5432), this test creates the scratch
database `stegvis_backup_test` there, migrates it, registers a person, backs up with pg_dump,
spoils the row, restores with pg_restore and reads the name and the identity number back; then it
drops the database. No other database is touched.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import unittest
from pathlib import Path

SERVER = os.environ.get("STEGVIS_BACKUP_TEST_PG", "")
DATABASE = "stegvis_backup_test"


@unittest.skipUnless(SERVER, "set STEGVIS_BACKUP_TEST_PG=postgres://user@host:port to run it")
class PostgresBackupTests(unittest.TestCase):  # pragma: no cover - opt-in, needs PostgreSQL
    def stegvis(self, *args: str) -> str:
        env = {**os.environ, "DATABASE_URL": f"{SERVER.rstrip('/')}/{DATABASE}",
               "DJANGO_SETTINGS_MODULE": "stegvis.settings_test"}  # fmt: skip
        result = subprocess.run(  # noqa: S603
            [str(Path(sys.executable).with_name("stegvis")), *args],
            env=env, capture_output=True, text=True, check=False, timeout=600,
        )  # fmt: skip
        self.assertEqual(result.returncode, 0, result.stderr[-2000:])
        return result.stdout

    def psql(self, sql: str, database: str = "postgres") -> None:
        subprocess.run(  # noqa: S603
            ["psql", f"{SERVER.rstrip('/')}/{database}", "-q", "-v", "ON_ERROR_STOP=1", "-c", sql],  # noqa: S607
            check=True, capture_output=True, timeout=120,
        )  # fmt: skip

    def test_a_dump_restores_the_data_and_readable_identity_numbers(self) -> None:
        self.psql(f"DROP DATABASE IF EXISTS {DATABASE}")
        self.psql(f"CREATE DATABASE {DATABASE}")
        self.addCleanup(self.psql, f"DROP DATABASE IF EXISTS {DATABASE}")
        dump = Path(tempfile.mkdtemp()) / "stegvis.dump"
        self.stegvis("migrate", "--noinput", "-v0")
        self.stegvis("shell", "-c", "from stegvis.participants import services; "
                     "services.person_register(actor=None, gender='K', identity_number="
                     "'19811218-9876', first_name='Stina', last_name='Svensson')")  # fmt: skip
        self.assertIn("Backup written", self.stegvis("backup", str(dump)))
        self.psql("UPDATE participants_person SET last_name = 'X', identity_number = 'x'", DATABASE)
        out = self.stegvis("restore", str(dump), "--yes")
        self.assertIn("1 of 1 encrypted identity numbers readable", out)
        out = self.stegvis("shell", "-c", "from stegvis.participants.models import Person; "
                           "p = Person.objects.get(); print(p.last_name, p.identity_number)")  # fmt: skip
        self.assertIn("Svensson 198112189876", out)
