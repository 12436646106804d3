"""The import-job tests' base: kept uploads in a scratch directory, jobs started through the
service, and the real worker (`stegvis db_worker --batch`) to run them."""

from __future__ import annotations

import io
import shutil
import signal
import tempfile
import unittest
from pathlib import Path
from typing import Any

from django.core.management import call_command
from django.db import connection
from django.test import override_settings

from stegvis.exchange import services, uploads
from stegvis.exchange.models import ImportJob
from stegvis.exchange.reading import Source
from stegvis.exchange.tests import helpers
from stegvis.exchange.tests.base import ExchangeTestCase

# The worker closes the database connection between tasks, as a request does. In a TestCase that
# ends the test's transaction, except on SQLite's in-memory test database, which Django never
# closes. On PostgreSQL the browser suite runs the worker as a process of its own instead.
needs_sqlite_for_the_worker = unittest.skipUnless(
    connection.vendor == "sqlite",
    "db_worker closes the connection, which ends a TestCase's transaction on this database",
)


class ImportJobTestCase(ExchangeTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.uploads = Path(tempfile.mkdtemp(prefix="stegvis-uploads-test-"))
        self.addCleanup(shutil.rmtree, self.uploads, ignore_errors=True)
        settings = override_settings(EXCHANGE_UPLOAD_DIR=str(self.uploads))
        settings.enable()
        self.addCleanup(settings.disable)

    def keep(self, count: int = 30, *, first: int = 0, people: str | None = None) -> str:
        """Kept files (as the import page keeps them) with `count` generated participants and a
        job for every other one, or the participants.csv text `people` and no jobs."""
        if people is not None:
            return uploads.upload_keep([Source("deltagare.csv", people.encode())])
        participants, jobs = helpers.generated_participants("2024/00001", count, first=first)
        return uploads.upload_keep(
            [Source("deltagare.csv", participants.encode()), Source("jobb.csv", jobs.encode())]
        )

    def start(self, token: str, rows: int, *, actor: Any = None) -> ImportJob:
        """Start a job as the confirmation does, and let its transaction commit (the task is
        queued on commit)."""
        with self.captureOnCommitCallbacks(execute=True):
            job = services.import_job_start(
                actor=actor or self.manager, project=self.project, token=token, rows=rows
            )
        job.refresh_from_db()
        return job

    def run_worker(self) -> str:
        """The real worker, in batch mode: runs every queued task, then stops."""
        handlers = {
            number: signal.getsignal(number)
            for number in (signal.SIGINT, signal.SIGTERM, signal.SIGQUIT)
        }
        out = io.StringIO()
        try:
            call_command(
                "db_worker",
                "--batch",
                "--no-startup-delay",
                "--no-reload",
                "-v",
                "0",
                stdout=out,
                stderr=out,
            )
        finally:
            # The worker sets its own signal handlers; pytest's Ctrl-C should still work after it.
            for number, handler in handlers.items():
                signal.signal(number, handler)
        return out.getvalue()

    def kept_uploads(self) -> list[str]:
        return sorted(p.name for p in self.uploads.iterdir()) if self.uploads.exists() else []
