"""How far a running import job has come, made visible while its import's transaction is open.

The import is one transaction (all or nothing, services.exchange_import), so a change to the job's
row on the worker's own connection would show only once everything is written. The progress is
published outside that transaction instead:

- On PostgreSQL, on a connection of its own (a short thread: Django gives each thread its own
  connection), in autocommit. The import does not lock the job's row (the job's status was
  committed before the import began), so the update never waits for it.
- SQLite lets one connection write at a time, and the import holds that lock until it commits: an
  update on a second connection would wait for it and give up after the timeout. There the progress
  is noted in a small file beside the kept upload (uploads.upload_progress_note), which the job
  page reads while the job runs (selectors.import_job_progress). An SQLite installation is one
  machine, so the worker and the web server see the same files.

Progress is for people watching a page: a failure to publish it is logged and never stops the
import.
"""

from __future__ import annotations

import logging
import threading
import time

from django.db import DatabaseError, connection, connections

from stegvis.exchange import uploads
from stegvis.exchange.models import ImportJob

logger = logging.getLogger(__name__)


class JobProgress:
    """The `progress` callback that services.exchange_import calls with (rows done, rows total).

    Publishes at most once every `interval` seconds, and always when the last row is done.
    """

    def __init__(self, job: ImportJob, *, interval: float = 1.0) -> None:
        self.job_pk = job.pk
        self.token = job.upload_token
        self.interval = interval
        self.published_at: float | None = None

    def __call__(self, done: int, total: int) -> None:
        now = time.monotonic()
        recently = self.published_at is not None and now - self.published_at < self.interval
        if recently and done < total:
            return
        self.published_at = now
        if connection.vendor == "sqlite":
            uploads.upload_progress_note(self.token, done, total)
        else:
            self._update_on_own_connection(done, total)

    def _update_on_own_connection(self, done: int, total: int) -> None:
        def update() -> None:
            try:
                ImportJob.objects.filter(pk=self.job_pk).update(rows_done=done, rows_total=total)
            except DatabaseError:
                logger.warning("Could not publish the progress of import job %s", self.job_pk)
            finally:
                connections.close_all()

        thread = threading.Thread(target=update, name=f"import-job-{self.job_pk}-progress")
        thread.start()
        thread.join()
