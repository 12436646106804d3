"""Import jobs: started by a manager, queued in the database, run by the real worker through the
same all-or-nothing import as the command and the page, with progress the job page can read."""

from __future__ import annotations

from django.db import IntegrityError, connection
from django.test import override_settings
from django.utils import translation
from django_tasks_db.models import DBTaskResult

from stegvis.accounts import services as accounts
from stegvis.core.audit import RequestContext, reset_request_context, set_request_context
from stegvis.core.models import AuditEvent
from stegvis.exchange import selectors, services, tasks, uploads
from stegvis.exchange.models import ImportJob
from stegvis.exchange.progress import JobProgress
from stegvis.exchange.tests import helpers
from stegvis.exchange.tests.base import participant
from stegvis.exchange.tests.jobs import ImportJobTestCase, needs_sqlite_for_the_worker
from stegvis.participants.models import Employment, Enrollment, Person

Status = ImportJob.Status


class StartTests(ImportJobTestCase):
    def test_a_started_job_waits_in_the_queue_with_its_files(self):
        token = self.keep(30)
        context = set_request_context(RequestContext(ip_address="192.0.2.7", request_id="req-1234"))
        self.addCleanup(reset_request_context, context)
        with translation.override("en"):
            job = self.start(token, 45)
        self.assertEqual(
            (job.status, job.rows_done, job.rows_total, job.upload_token, job.language),
            (Status.QUEUED, 0, 45, token, "en"),
        )
        self.assertEqual((job.ip_address, job.request_id), ("192.0.2.7", "req-1234"))
        self.assertEqual((job.started_by, job.project), (self.manager, self.project))
        self.assertIsNone(job.started_at)
        self.assertEqual(self.kept_uploads(), [token])

    def test_the_task_is_queued_in_the_database_with_the_jobs_public_id_only(self):
        job = self.start(self.keep(), 45)
        task = DBTaskResult.objects.get()
        self.assertEqual(str(task.id), job.task_id)
        self.assertEqual(
            (task.status, task.task_path, task.args_kwargs),
            ("READY", "stegvis.exchange.tasks.import_job_run", {"args": [str(job.public_id)], "kwargs": {}}),
        )  # fmt: skip

    def test_the_start_is_audited_with_the_actor(self):
        job = self.start(self.keep(), 45)
        event = AuditEvent.objects.get(action="exchange.import_started")
        self.assertEqual((event.actor, event.object_id), (self.manager, str(job.pk)))
        self.assertEqual((event.object_label, event.changes), ("2024/00001", {"rows": [None, 45]}))

    def test_no_task_is_queued_when_the_start_is_rolled_back(self):
        with self.captureOnCommitCallbacks(execute=False) as callbacks:
            services.import_job_start(
                actor=self.manager, project=self.project, token=self.keep(), rows=45
            )
        self.assertEqual(len(callbacks), 1)
        self.assertFalse(DBTaskResult.objects.exists())


@needs_sqlite_for_the_worker
class WorkerTests(ImportJobTestCase):
    def test_the_worker_imports_and_the_job_is_done(self):
        token = self.keep(30)
        job = self.start(token, 45)
        self.run_worker()
        job.refresh_from_db()
        self.assertEqual((job.status, job.rows_done, job.rows_total), (Status.DONE, 45, 45))
        self.assertEqual(
            job.summary,
            {
                "participants": {"created": 30, "updated": 0, "unchanged": 0},
                "employments": {"created": 15, "updated": 0, "unchanged": 0},
                "assessments": {"created": 0, "updated": 0, "unchanged": 0},
                "profiles": {"created": 0, "updated": 0, "unchanged": 0},
                "openings": {"created": 0, "updated": 0, "unchanged": 0},
            },
        )
        self.assertEqual(job.problems, [])
        self.assertLessEqual(job.created_at, job.started_at)
        self.assertLessEqual(job.started_at, job.finished_at)
        self.assertEqual(Enrollment.objects.filter(project=self.project).count(), 30)
        self.assertEqual(Employment.objects.count(), 15)
        self.assertEqual(DBTaskResult.objects.get().status, "SUCCESSFUL")
        self.assertEqual(DBTaskResult.objects.get().return_value, "done")

    def test_the_kept_files_are_removed_once_the_job_has_run(self):
        job = self.start(self.keep(), 45)
        self.run_worker()
        job.refresh_from_db()
        self.assertEqual((job.upload_token, self.kept_uploads()), ("", []))

    def test_the_import_is_audited_as_the_starter_from_the_confirming_request(self):
        context = set_request_context(RequestContext(ip_address="192.0.2.7", request_id="req-1234"))
        job = self.start(self.keep(4), 6)
        reset_request_context(context)
        self.run_worker()
        events = AuditEvent.objects.filter(action__in=["participant.enrolled", "exchange.imported"])
        self.assertEqual(events.count(), 5)
        self.assertEqual(
            set(events.values_list("actor", "ip_address", "request_id")),
            {(self.manager.pk, "192.0.2.7", "req-1234")},
        )
        self.assertEqual(ImportJob.objects.get(pk=job.pk).status, Status.DONE)

    def test_a_bad_row_fails_the_job_and_nothing_is_written(self):
        # The files were checked on the page; the one kept here was not (or changed since).
        people = helpers.csv_text(
            helpers.PARTICIPANT_HEADER,
            [participant(), participant(participant_id="A3", gender="Q")],
        )
        job = self.start(self.keep(people=people), 2)
        events = AuditEvent.objects.count()
        self.run_worker()
        job.refresh_from_db()
        self.assertEqual((job.status, job.rows_done, job.summary), (Status.FAILED, 0, {}))
        self.assertEqual(
            job.problems,
            [
                {
                    "file": "deltagare.csv",
                    "row": 3,
                    "column": "gender",
                    "value": "Q",
                    "reason": "Det här är inte en av kolumnens koder. Använd K, M eller X.",
                }
            ],
        )
        self.assertFalse(Person.objects.exists())
        self.assertFalse(Enrollment.objects.exists())
        self.assertEqual(AuditEvent.objects.count(), events)
        self.assertEqual(self.kept_uploads(), [])
        # Refused rows are the job's outcome, not the worker's failure.
        self.assertEqual(DBTaskResult.objects.get().return_value, "failed")

    def test_a_failure_halfway_through_the_writing_leaves_nothing_written(self):
        # The database refuses the 701st participant, after the first 500 have been written.
        refuse_participant("P00700")
        job = self.start(self.keep(1000), 1500)
        events = AuditEvent.objects.count()
        self.run_worker()
        job.refresh_from_db()
        self.assertEqual((job.status, job.rows_done), (Status.FAILED, 0))
        self.assertEqual(
            [p["reason"] for p in job.problems],
            [
                "Något gick fel, och ingenting har importerats. Försök igen senare, och fråga er "
                "systemadministratör om det händer igen."
            ],
        )
        self.assertFalse(Person.objects.exists())
        self.assertFalse(Enrollment.objects.exists())
        self.assertEqual(AuditEvent.objects.count(), events)
        self.assertEqual(self.kept_uploads(), [])
        task = DBTaskResult.objects.get()
        self.assertEqual(task.status, "FAILED")
        self.assertIn("refused by the test", task.traceback)

    def test_several_jobs_run_one_after_the_other(self):
        first = self.start(self.keep(20), 30)
        second = self.start(self.keep(20, first=20), 30)
        self.run_worker()
        self.assertEqual(
            list(ImportJob.objects.filter(pk__in=[first.pk, second.pk]).values_list("status")),
            [(Status.DONE,), (Status.DONE,)],
        )
        self.assertEqual(Enrollment.objects.count(), 40)


class RunTests(ImportJobTestCase):
    """The task's body, called as the worker calls it (on every database)."""

    def test_a_job_runs_once(self):
        job = self.start(self.keep(4), 6)
        self.assertEqual(tasks.import_job_run.call(str(job.public_id)), Status.DONE)
        events = AuditEvent.objects.count()
        self.assertEqual(tasks.import_job_run.call(str(job.public_id)), Status.DONE)
        self.assertEqual(AuditEvent.objects.count(), events)
        self.assertEqual(Enrollment.objects.count(), 4)

    def test_the_problems_are_in_the_language_the_job_was_started_in(self):
        people = helpers.csv_text(helpers.PARTICIPANT_HEADER, [participant(gender="Q")])
        with translation.override("en"):
            job = self.start(self.keep(people=people), 1)
        services.import_job_run(job_id=str(job.public_id))
        job.refresh_from_db()
        self.assertEqual(
            job.problems[0]["reason"], "This is not one of the codes of the column. Use K, M or X."
        )

    def test_files_removed_before_the_start_fail_the_job(self):
        token = self.keep(4)
        job = self.start(token, 6)
        uploads.upload_discard(token)
        self.assertEqual(services.import_job_run(job_id=str(job.public_id)), Status.FAILED)
        job.refresh_from_db()
        self.assertEqual(
            job.problems,
            [
                {
                    "file": "",
                    "row": None,
                    "column": "",
                    "value": "",
                    "reason": "Filerna togs bort innan importen började. Ladda upp dem igen.",
                }
            ],
        )
        self.assertFalse(Enrollment.objects.exists())

    def test_a_starter_who_may_no_longer_import_fails_the_job(self):
        job = self.start(self.keep(4), 6)
        membership = self.manager.memberships.get()
        accounts.membership_remove(actor=self.admin, membership=membership)
        self.assertEqual(services.import_job_run(job_id=str(job.public_id)), Status.FAILED)
        job.refresh_from_db()
        self.assertEqual(
            [p["reason"] for p in job.problems],
            ["manager får inte längre importera till det här projektet."],
        )
        self.assertFalse(Enrollment.objects.exists())
        self.assertEqual(self.kept_uploads(), [])

    def test_an_unexpected_error_fails_the_job_and_is_raised_for_the_queue(self):
        refuse_participant("P00002")
        job = self.start(self.keep(4), 6)
        with self.assertRaises(IntegrityError):
            services.import_job_run(job_id=str(job.public_id))
        job.refresh_from_db()
        self.assertEqual(
            (job.status, job.upload_token, self.kept_uploads()), (Status.FAILED, "", [])
        )
        self.assertFalse(Enrollment.objects.exists())


class ProgressTests(ImportJobTestCase):
    """The page reads the progress while the import's transaction is still open: on SQLite from
    the note beside the kept files (the import holds SQLite's one write lock), elsewhere from the
    job's row, updated on a connection of its own."""

    def test_the_page_sees_the_progress_while_the_import_is_written(self):
        job = self.start(self.keep(1000), 1500)
        seen: list[tuple[int, int]] = []
        publish = JobProgress(job, interval=0)

        def progress(done: int, total: int) -> None:
            publish(done, total)
            job.refresh_from_db()
            shown = selectors.import_job_progress(job)
            seen.append((shown.done, shown.total))

        ImportJob.objects.filter(pk=job.pk).update(status=Status.RUNNING)
        services.exchange_import(
            actor=self.manager,
            sources=uploads.upload_load(job.upload_token),
            only_project=self.project,
            progress=progress,
        )
        if connection.vendor == "sqlite":
            expected = [(0, 1500), (500, 1500), (1000, 1500), (1500, 1500)]
        else:
            # In this test's transaction the row of the job is not visible to another connection.
            expected = [(0, 1500)] * 4
        self.assertEqual(seen, expected)

    def test_the_progress_is_published_once_a_second_and_always_at_the_end(self):
        job = self.start(self.keep(4), 6)
        job.status = Status.RUNNING
        publish = JobProgress(job, interval=3600)
        for done in (0, 2, 4):
            publish(done, 6)
            self.assertEqual(selectors.import_job_progress(job).done, 0)
        publish(6, 6)
        if connection.vendor == "sqlite":
            self.assertEqual(selectors.import_job_progress(job).done, 6)

    def test_a_waiting_or_ended_job_shows_its_rows(self):
        job = self.start(self.keep(4), 6)
        uploads.upload_progress_note(job.upload_token, 3, 6)
        self.assertEqual(selectors.import_job_progress(job), selectors.ImportProgress(0, 6))
        job.status, job.rows_done = Status.DONE, 6
        self.assertEqual(selectors.import_job_progress(job).percent, 100)
        self.assertEqual(selectors.ImportProgress(0, 0).percent, 0)

    def test_a_running_job_without_a_note_shows_its_row(self):
        job = self.start(self.keep(4), 6)
        job.status = Status.RUNNING
        self.assertEqual(selectors.import_job_progress(job), selectors.ImportProgress(0, 6))
        self.assertIsNone(uploads.upload_progress("no-such-token"))
        uploads.upload_progress_note("no-such-token", 1, 2)  # nothing to note it beside


@override_settings(
    TASKS={"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
)
class ImmediateBackendTests(ImportJobTestCase):
    def test_without_a_worker_the_job_runs_as_it_is_committed(self):
        job = self.start(self.keep(4), 6)
        self.assertEqual((job.status, job.rows_done), (Status.DONE, 6))
        self.assertEqual(Enrollment.objects.count(), 4)


def refuse_participant(code: str) -> None:
    """Make the database refuse to insert the participant `code` (for this test's transaction)."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(
                "CREATE TRIGGER stegvis_test_refuse BEFORE INSERT ON participants_enrollment "
                f"WHEN NEW.participant_code = '{code}' "
                "BEGIN SELECT RAISE(ABORT, 'refused by the test'); END;"
            )
        else:
            cursor.execute(
                "CREATE FUNCTION stegvis_test_refuse() RETURNS trigger AS $$ BEGIN "
                "RAISE EXCEPTION 'refused by the test' USING ERRCODE = 'integrity_constraint_violation'; "
                "END; $$ LANGUAGE plpgsql;"
            )
            cursor.execute(
                "CREATE TRIGGER stegvis_test_refuse BEFORE INSERT ON participants_enrollment "
                f"FOR EACH ROW WHEN (NEW.participant_code = '{code}') "
                "EXECUTE FUNCTION stegvis_test_refuse();"
            )
