"""The import page with large files: confirm → the job's page, its progress bar and the htmx
polling of its status; small files still import in the request; who may see a job."""

from __future__ import annotations

import uuid

from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import Http404
from django.test import override_settings
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from stegvis.exchange import access, services, uploads
from stegvis.exchange.models import ImportJob
from stegvis.exchange.tests import helpers
from stegvis.exchange.tests.jobs import ImportJobTestCase, needs_sqlite_for_the_worker
from stegvis.exchange.views import SESSION_KEY
from stegvis.participants.models import Enrollment

Status = ImportJob.Status
HTMX = {"HTTP_HX_REQUEST": "true"}


class ConfirmTests(ImportJobTestCase):
    """Files of 30 participants and 15 jobs: 45 rows, over a limit of 40, under one of 45."""

    url = reverse("exchange:import")
    confirm_url = reverse("exchange:import_confirm")

    def setUp(self) -> None:
        super().setUp()
        self.login(self.manager)

    def check_files(self):  # noqa: ANN201
        people, jobs = helpers.generated_participants("2024/00001", 30)
        files = [
            SimpleUploadedFile("deltagare.csv", people.encode(), content_type="text/csv"),
            SimpleUploadedFile("jobb.csv", jobs.encode(), content_type="text/csv"),
        ]
        return self.client.post(self.url, {"project": str(self.project.public_id), "files": files})

    def confirm(self):  # noqa: ANN201
        with self.captureOnCommitCallbacks(execute=True):
            return self.client.post(
                self.confirm_url, {"token": self.client.session[SESSION_KEY]["token"]}
            )

    @override_settings(EXCHANGE_IMPORT_INLINE_MAX_ROWS=45)
    def test_small_files_are_imported_in_the_request(self):
        response = self.check_files()
        self.assertEqual(self.client.session[SESSION_KEY]["rows"], 45)
        self.assertNotContains(response, "importen görs i bakgrunden")
        response = self.confirm()
        self.assertRedirects(
            response, reverse("participants:project_overview", args=[self.project.public_id])
        )
        self.assertEqual(Enrollment.objects.count(), 30)
        self.assertFalse(ImportJob.objects.exists())
        self.assertFalse(DBTaskResult.objects.exists())

    @override_settings(EXCHANGE_IMPORT_INLINE_MAX_ROWS=40)
    def test_large_files_are_queued_and_the_confirmation_leads_to_the_jobs_page(self):
        response = self.check_files()
        self.assertContains(response, "Filerna har många rader, så importen görs i bakgrunden.")
        token = self.client.session[SESSION_KEY]["token"]
        response = self.confirm()
        job = ImportJob.objects.get()
        self.assertRedirects(response, reverse("exchange:import_job", args=[job.public_id]))
        self.assertEqual(
            (job.status, job.rows_total, job.upload_token, job.started_by),
            (Status.QUEUED, 45, token, self.manager),
        )
        self.assertEqual(job.request_id, response["X-Request-ID"])
        self.assertEqual(DBTaskResult.objects.get().args_kwargs["args"], [str(job.public_id)])
        self.assertFalse(Enrollment.objects.exists())
        # The job keeps the files; the session forgets them, so they are not confirmed twice.
        self.assertEqual(self.kept_uploads(), [token])
        self.assertNotIn(SESSION_KEY, self.client.session)
        response = self.client.post(self.confirm_url, {"token": token})
        self.assertRedirects(response, self.url)
        self.assertEqual(ImportJob.objects.count(), 1)

    @needs_sqlite_for_the_worker
    @override_settings(EXCHANGE_IMPORT_INLINE_MAX_ROWS=40)
    def test_the_worker_runs_the_confirmed_import_as_the_manager(self):
        self.check_files()
        response = self.confirm()
        self.run_worker()
        response = self.client.get(response["Location"])
        self.assertContains(response, "Importen är klar.")
        self.assertEqual(Enrollment.objects.filter(project=self.project).count(), 30)
        self.assertEqual(
            set(Enrollment.objects.values_list("project", flat=True)), {self.project.pk}
        )


class JobPageTests(ImportJobTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.job = self.start(self.keep(30), 45)
        self.url = reverse("exchange:import_job", args=[self.job.public_id])
        self.login(self.manager)

    def set_job(self, **values: object) -> None:
        ImportJob.objects.filter(pk=self.job.pk).update(**values)

    def test_a_waiting_job(self):
        response = self.client.get(self.url)
        self.assertTemplateUsed(response, "exchange/import_job.html")
        self.assertContains(response, "<h1>Import av deltagare</h1>", html=True)
        self.assertContains(response, "Startad av Manager Testsson")
        self.assertContains(response, "Väntar på att starta: 45 rader ska importeras.")
        self.assertContains(
            response,
            '<progress class="import-progress" max="45" value="0" '
            'aria-labelledby="import-job-label">0 %</progress>',
            html=True,
        )
        self.assertContains(response, "En import brukar starta inom en minut.")
        self.assertContains(response, 'aria-live="polite"')
        self.assertContains(response, f'hx-get="{self.url}" hx-trigger="every 2s"')
        self.assertEqual(
            response["Cache-Control"], "max-age=0, no-cache, no-store, must-revalidate, private"
        )

    def test_without_javascript_a_link_updates_the_page(self):
        response = self.client.get(self.url)
        self.assertContains(
            response,
            f'<noscript><p><a href="{self.url}">Uppdatera sidan</a></p></noscript>',
            html=True,
        )

    def test_a_running_job_shows_how_far_it_has_come(self):
        self.set_job(status=Status.RUNNING)
        uploads.upload_progress_note(self.job.upload_token, 1500, 2000)
        response = self.client.get(self.url)
        self.assertContains(response, "Importen pågår: 1\xa0500 av 2\xa0000 rader klara.")
        self.assertContains(response, 'max="2000" value="1500"')
        self.assertContains(response, ">75 %</progress>")
        self.assertNotContains(response, "En import brukar starta")

    def test_htmx_polls_only_the_status_until_the_job_has_ended(self):
        self.set_job(status=Status.RUNNING, rows_done=20)
        response = self.client.get(self.url, **HTMX)
        self.assertEqual(response.status_code, 200)
        self.assertTemplateUsed(response, "exchange/_import_job_status.html")
        self.assertTemplateNotUsed(response, "exchange/import_job.html")
        self.assertContains(response, "Importen pågår: 20 av 45 rader klara.")
        self.assertNotContains(response, "<h1>")
        self.assertNotContains(response, "hx-swap-oob")
        self.assertIn("HX-Request", response["Vary"])

    def test_the_last_poll_stops_the_polling_and_removes_the_hints(self):
        self.set_job(status=Status.DONE, rows_done=45, summary=DONE_SUMMARY)
        response = self.client.get(self.url, **HTMX)
        self.assertEqual(response.status_code, 286)
        self.assertContains(response, "Importen är klar.", status_code=286)
        self.assertContains(
            response,
            '<div id="import-job-hints" hx-swap-oob="delete"></div>',
            html=True,
            status_code=286,
        )

    def test_a_history_restore_gets_the_whole_page(self):
        response = self.client.get(self.url, HTTP_HX_HISTORY_RESTORE_REQUEST="true", **HTMX)
        self.assertTemplateUsed(response, "exchange/import_job.html")

    def test_a_done_job_shows_what_it_did_and_leads_to_the_project(self):
        self.set_job(status=Status.DONE, rows_done=45, summary=DONE_SUMMARY)
        response = self.client.get(self.url)
        self.assertContains(response, "Importen är klar.")
        self.assertContains(response, "<caption>Vad importen gjorde</caption>", html=True)
        self.assertContains(response, '<td class="number">30</td>', html=True)
        overview = reverse("participants:project_overview", args=[self.project.public_id])
        self.assertContains(
            response, f'<a class="button" href="{overview}">Till Vägen till jobb</a>', html=True
        )
        self.assertNotContains(response, "<progress")
        self.assertNotContains(response, "hx-get")
        self.assertNotContains(response, "import-job-hints")

    def test_a_failed_job_lists_the_problems(self):
        problem = {
            "file": "deltagare.csv",
            "row": 3,
            "column": "gender",
            "value": "Q",
            "reason": "Fel kod.",
        }
        self.set_job(status=Status.FAILED, problems=[problem])
        response = self.client.get(self.url)
        self.assertContains(response, "Ingenting har importerats: 1 fel")
        self.assertContains(response, "<td>Fel kod.</td>", html=True)
        self.assertContains(response, "<td>deltagare.csv</td>", html=True)
        self.assertNotContains(response, "<progress")

    def test_the_import_page_lists_the_jobs(self):
        other = self.start(self.keep(4), 6, actor=self.admin)
        response = self.client.get(reverse("exchange:import"))
        self.assertEqual([job.pk for job in response.context["jobs"]], [other.pk, self.job.pk])
        self.assertContains(response, reverse("exchange:import_job", args=[other.public_id]))
        self.assertContains(response, "<td>Väntar på att starta</td>", html=True)

    def test_the_import_page_reads_the_jobs_in_one_query(self):
        for _n in range(3):
            self.start(self.keep(2), 3)
        self.client.get(reverse("exchange:import"))  # warm the session and the user
        with self.assertNumQueries(6):
            # The session, the user, their memberships, the projects they see and their staff
            # role in each (projects_for_import), the jobs with their projects: none per job.
            self.client.get(reverse("exchange:import"))
        self.start(self.keep(2), 3)
        with self.assertNumQueries(6):
            self.client.get(reverse("exchange:import"))


DONE_SUMMARY = {
    "participants": {"created": 30, "updated": 0, "unchanged": 0},
    "employments": {"created": 15, "updated": 0, "unchanged": 0},
    "assessments": {"created": 0, "updated": 0, "unchanged": 0},
    "profiles": {"created": 0, "updated": 0, "unchanged": 0},
    "openings": {"created": 0, "updated": 0, "unchanged": 0},
}


class JobAccessTests(ImportJobTestCase):
    """The starter and the project's managers (the import page's rule) see a job; others 404."""

    def setUp(self) -> None:
        super().setUp()
        self.job = self.start(self.keep(4), 6, actor=self.admin)
        self.url = reverse("exchange:import_job", args=[self.job.public_id])

    def test_the_starter_and_the_projects_managers_see_the_job(self):
        for user in (self.admin, self.manager):
            with self.subTest(user=user.username):
                self.login(user)
                self.assertEqual(self.client.get(self.url).status_code, 200)
                self.assertEqual(self.client.get(self.url, **HTMX).status_code, 200)

    def test_everyone_else_gets_404(self):
        for user in (
            self.outsider,
            self.coach,
            self.referral,
            self.evaluator,
            self.funder,
            self.no_role,
        ):
            with self.subTest(user=user.username):
                self.login(user)
                self.assertEqual(self.client.get(self.url).status_code, 404)
                self.assertEqual(self.client.get(self.url, **HTMX).status_code, 404)

    def test_a_starter_who_no_longer_manages_the_project_still_sees_their_job(self):
        job = self.start(self.keep(4), 6, actor=self.manager)
        services.import_job_run(job_id=str(job.public_id))
        self.manager.memberships.get().delete()
        self.login(self.fresh(self.manager))
        response = self.client.get(reverse("exchange:import_job", args=[job.public_id]))
        self.assertEqual(response.status_code, 200)

    def test_an_unknown_job_is_404(self):
        self.login(self.admin)
        response = self.client.get(reverse("exchange:import_job", args=[uuid.uuid4()]))
        self.assertEqual(response.status_code, 404)
        self.assertEqual(self.client.get("/exchange/import/jobs/12/").status_code, 404)

    def test_the_access_function(self):
        self.assertEqual(access.access_import_job(self.admin, str(self.job.public_id)), self.job)
        self.assertEqual(access.access_import_job(self.manager, self.job.public_id), self.job)
        for user, job_id in (
            (self.outsider, self.job.public_id),
            (self.admin, "not a uuid"),
            (self.admin, uuid.uuid4()),
            (None, self.job.public_id),
        ):
            with self.subTest(user=user, job_id=job_id), self.assertRaises(Http404):
                access.access_import_job(user, job_id)
