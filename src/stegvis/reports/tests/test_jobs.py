"""Heavy reports in the background: the ESF+ indicators and the method comparison of all my
projects (ReportJob): starting, running with progress, the job page, downloads, who sees what."""

from __future__ import annotations

import csv
import io
from unittest import mock

from django.test import override_settings
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from stegvis.core.models import AuditEvent
from stegvis.core.permissions import Role
from stegvis.core.testing import BaseTestCase
from stegvis.projects import services as projects
from stegvis.reports import access, esf, methods, services, tasks
from stegvis.reports.models import ReportJob
from stegvis.reports.tests import esf_data, methods_data

Status = ReportJob.Status


class EsfJobTest(BaseTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        esf_data.build(cls.project, cls.other_project)
        # A second project of the manager's organisation, with a plan; the funder is not on it.
        cls.second = projects.project_create(
            actor=cls.manager, diarienummer="2024/00003", name="Andra vägen", owner=cls.org,
            planned_participants=10, planned_women=6, planned_men=4,
        )  # fmt: skip
        projects.project_update(actor=cls.manager, project=cls.project, planned_participants=20)

    def start(self, user, **period):
        self.login(user)
        with self.captureOnCommitCallbacks(execute=True):
            response = self.client.post(reverse("reports:esf_all"), period)
        self.assertEqual(response.status_code, 302)
        job = ReportJob.objects.get()
        self.assertEqual(response["Location"], reverse("reports:job", args=[job.public_id]))
        return job

    def test_the_form_lists_the_projects_and_a_post_queues_the_job(self):
        self.login(self.manager)
        page = self.client.get(reverse("reports:esf_all"))
        self.assertContains(page, "2024/00001 Vägen till jobb")
        self.assertContains(page, "2024/00003 Andra vägen")
        self.assertNotContains(page, "2024/00002")
        job = self.start(self.manager, start="2025-01-01", end="2025-06-30")
        self.assertEqual((job.kind, job.status, job.started_by), ("esf", "queued", self.manager))
        self.assertEqual(job.parameters, {"start": "2025-01-01", "end": "2025-06-30"})
        task = DBTaskResult.objects.get()
        self.assertEqual(str(task.id), job.task_id)
        self.assertEqual(task.task_path, "stegvis.reports.tasks.report_job_run")
        self.assertEqual(task.args_kwargs, {"args": [str(job.public_id)], "kwargs": {}})
        event = AuditEvent.objects.get(action="report.job_started")
        self.assertEqual((event.actor, event.object_label), (self.manager, "esf"))

    def test_a_period_that_ends_before_it_starts_is_refused(self):
        self.login(self.manager)
        response = self.client.post(reverse("reports:esf_all"), {"start": "2025-02-01",
                                                                 "end": "2025-01-01"})  # fmt: skip
        self.assertEqual(response.status_code, 400)
        self.assertContains(response, "Den första dagen är efter den sista", status_code=400)
        self.assertFalse(ReportJob.objects.exists())

    def test_the_worker_sums_the_projects_and_the_manager_sees_them_exactly(self):
        job = self.start(self.manager, start="2025-01-01", end="2025-06-30")
        self.assertEqual(tasks.report_job_run.call(str(job.public_id)), Status.DONE)
        job.refresh_from_db()
        self.assertEqual((job.status, job.steps_done, job.steps_total, job.exact),
                         (Status.DONE, 2, 2, True))  # fmt: skip
        report = esf.report_from_data(job.result["report"])
        self.assertEqual(report.indicators["EECO01"], {"K": 3, "M": 3, "X": 1, "total": 7})
        # Planned: 20 + 10; women planned only in the second project; actual: the ten of esf_data.
        self.assertEqual((report.plan.planned, report.plan.planned_women), (30, 6))
        self.assertEqual(report.plan.actual, 10)
        self.assertEqual(
            job.result["projects"], [["2024/00003", "Andra vägen"], ["2024/00001", "Vägen till jobb"]]
        )  # fmt: skip
        page = self.client.get(reverse("reports:job", args=[job.public_id]))
        rows = {r["code"]: r["cells"] for r in page.context["rows"]}
        self.assertEqual(rows["EECO01"], [3, 3, 1, 7])
        self.assertContains(page, 'id="esf-output-chart"')
        self.assertNotContains(page, "hx-get")  # finished: no polling

    def test_the_funder_sees_the_sum_over_their_projects_suppressed(self):
        job = self.start(self.funder)
        services.report_job_run(job_id=str(job.public_id))
        job.refresh_from_db()
        self.assertIs(job.exact, False)
        self.assertEqual(job.result["projects"], [["2024/00001", "Vägen till jobb"]])
        page = self.client.get(reverse("reports:job", args=[job.public_id]))
        rows = {r["code"]: r["cells"] for r in page.context["rows"]}
        # The whole project: EECO01 K 5, M 4, X 1, total 10 → M and X hidden, two in the row.
        self.assertEqual(rows["EECO01"], [5, "<5", "<5", 10])
        self.assertContains(page, "visas som &lt;5")
        response = self.client.get(reverse("reports:job_download", args=[job.public_id, "csv"]))
        table = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
        self.assertEqual(table[1], ["EECO01", "Alla deltagare", "5", "<5", "<5", "10"])
        event = AuditEvent.objects.get(action="report.exported")
        self.assertEqual((event.actor, event.object_label), (self.funder, ""))
        self.assertEqual(event.changes["report"], [None, "esf_all"])
        self.assertEqual(event.changes["projects"], [None, 1])
        pdf = self.client.get(reverse("reports:job_download", args=[job.public_id, "pdf"]))
        self.assertEqual(pdf["Content-Type"], "application/pdf")
        self.assertTrue(pdf.content.startswith(b"%PDF-"))
        xlsx = self.client.get(reverse("reports:job_download", args=[job.public_id, "xlsx"]))
        self.assertEqual(xlsx.status_code, 200)
        self.assertEqual(AuditEvent.objects.filter(action="report.exported").count(), 3)

    def test_small_numbers_hide_again_when_the_asker_no_longer_sees_them_exactly(self):
        job = self.start(self.manager)
        services.report_job_run(job_id=str(job.public_id))
        job.refresh_from_db()
        self.assertIs(job.exact, True)
        self.assertIs(access.report_job_exact(self.manager, job), True)
        # The manager loses the second project: the stored figures are no longer shown exactly.
        with mock.patch.object(access, "reportable_projects", return_value=[self.project]):
            self.assertIs(access.report_job_exact(self.manager, job), False)
            page = self.client.get(reverse("reports:job", args=[job.public_id]))
        rows = {r["code"]: r["cells"] for r in page.context["rows"]}
        self.assertEqual(rows["EECO01"], [5, "<5", "<5", 10])
        # Still on both, but no longer exact in one of them (a funder there now).
        with mock.patch.object(access, "reports_show_small_numbers", side_effect=[True, False]):
            self.assertIs(access.report_job_exact(self.manager, job), False)

    def test_the_page_polls_while_the_job_waits_and_runs(self):
        job = self.start(self.manager)
        url = reverse("reports:job", args=[job.public_id])
        page = self.client.get(url)
        self.assertContains(page, 'hx-get="' + url)
        self.assertContains(page, "väntar på att starta", status_code=200)
        ReportJob.objects.filter(pk=job.pk).update(status=Status.RUNNING, steps_done=1)
        polled = self.client.get(url, headers={"HX-Request": "true"})
        self.assertEqual(polled.status_code, 200)
        self.assertContains(polled, 'value="1"')
        self.assertContains(polled, "steg 1 av 2")
        ReportJob.objects.filter(pk=job.pk).update(status=Status.QUEUED, steps_done=0)
        services.report_job_run(job_id=str(job.public_id))
        self.assertEqual(self.client.get(url, headers={"HX-Request": "true"}).status_code, 286)

    def test_only_the_asker_sees_the_job_and_downloads_need_a_finished_esf_job(self):
        job = self.start(self.manager)
        for user in (self.funder, self.admin, self.outsider):
            with self.subTest(user=user.username):
                self.login(user)
                url = reverse("reports:job", args=[job.public_id])
                self.assertEqual(self.client.get(url).status_code, 404)
        self.login(self.manager)
        not_done = reverse("reports:job_download", args=[job.public_id, "csv"])
        self.assertEqual(self.client.get(not_done).status_code, 404)
        services.report_job_run(job_id=str(job.public_id))
        wrong = reverse("reports:job_download", args=[job.public_id, "doc"])
        self.assertEqual(self.client.get(wrong).status_code, 404)

    def test_users_without_reports_get_404(self):
        for user in (self.no_role, self.referral):
            with self.subTest(user=user.username):
                self.login(user)
                self.assertEqual(self.client.get(reverse("reports:esf_all")).status_code, 404)
                response = self.client.post(reverse("reports:methods_job_start"))
                self.assertEqual(response.status_code, 404)
        self.assertFalse(ReportJob.objects.exists())

    def test_a_job_runs_once(self):
        job = self.start(self.manager)
        self.assertEqual(services.report_job_run(job_id=str(job.public_id)), Status.DONE)
        self.assertEqual(services.report_job_run(job_id=str(job.public_id)), Status.DONE)

    def test_a_user_who_lost_every_project_gets_a_failed_job(self):
        job = self.start(self.funder)
        with mock.patch.object(access, "reportable_projects", return_value=[]):
            self.assertEqual(services.report_job_run(job_id=str(job.public_id)), Status.FAILED)
        page = self.client.get(reverse("reports:job", args=[job.public_id]))
        self.assertContains(page, "inte längre se rapporterna")

    def test_an_error_fails_the_job_and_is_raised_for_the_queue(self):
        job = self.start(self.manager)
        with (
            mock.patch.object(esf, "esf_counts", side_effect=RuntimeError("boom")),
            self.assertRaises(RuntimeError),
        ):
            services.report_job_run(job_id=str(job.public_id))
        job.refresh_from_db()
        self.assertEqual((job.status, job.result), (Status.FAILED, {"reason": "error"}))
        page = self.client.get(reverse("reports:job", args=[job.public_id]))
        self.assertContains(page, "Något gick fel", status_code=200)

    def test_an_id_that_is_no_uuid_is_404(self):
        from django.http import Http404

        with self.assertRaises(Http404):
            access.access_report_job(self.manager, "not-a-uuid")
        with self.assertRaises(Http404):
            access.access_report_job(self.manager, "6f1c3a52-5d3e-4c39-9a7e-3c2f6b1d2e10")

    def test_the_sum_over_projects_is_three_queries_and_counts_each_project_once(self):
        chosen = type(self.project).objects.filter(pk__in=[self.project.pk, self.second.pk,
                                                           self.other_project.pk])  # fmt: skip
        with self.assertNumQueries(3):  # the indicators; the planned sums; the actual counts
            report = esf.projects_esf_report(chosen)
        # esf_data: ten participants in `project`, one in `other_project`, none in `second`.
        self.assertEqual(report.indicators["EECO01"]["total"], 11)
        self.assertEqual((report.plan.planned, report.plan.actual), (30, 11))
        self.assertEqual(esf.report_from_data(esf.report_to_data(report)), report)

    def test_the_query_count_does_not_grow_with_participants(self):
        job = self.start(self.manager)
        # Claim, the job, the user's memberships, the projects, the user's role in each of the two
        # projects, the indicators (one query), progress, the plans (two), progress, finish:
        # one more per project, none per participant.
        with self.assertNumQueries(12):
            services.report_job_run(job_id=str(job.public_id))


class MethodsJobTest(BaseTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        methods_data.build(cls)

    def test_many_participants_move_the_comparison_of_all_projects_to_the_background(self):
        self.login(self.manager)
        with override_settings(REPORTS_INLINE_MAX_PARTICIPANTS=3):
            page = self.client.get(reverse("reports:methods"))
        self.assertContains(page, 'action="' + reverse("reports:methods_job_start"))
        self.assertNotIn("rows", page.context)
        with self.captureOnCommitCallbacks(execute=True):
            response = self.client.post(reverse("reports:methods_job_start"),
                                        {"as_of": "2025-12-31"})  # fmt: skip
        job = ReportJob.objects.get()
        self.assertRedirects(response, reverse("reports:job", args=[job.public_id]),
                             fetch_redirect_response=False)  # fmt: skip
        self.assertEqual((job.kind, job.parameters), ("methods", {"as_of": "2025-12-31"}))
        self.assertEqual(services.report_job_run(job_id=str(job.public_id)), Status.DONE)
        job.refresh_from_db()
        self.assertEqual((job.steps_done, job.steps_total), (4, 4))
        # The stored comparison reads back as the one computed directly.
        chosen = access.reportable_projects(self.manager)
        direct = methods.compare_methods(
            type(self.project).objects.filter(pk__in=[p.pk for p in chosen]),
            as_of=methods.datetime.date(2025, 12, 31),
        )
        self.assertEqual(methods.comparison_from_data(job.result["comparison"]), direct)
        page = self.client.get(reverse("reports:job", args=[job.public_id]))
        self.assertContains(page, 'id="km-chart"')
        self.assertEqual(len(page.context["rows"]), len(direct.groups))

    def test_few_participants_are_compared_in_the_request(self):
        self.login(self.manager)
        page = self.client.get(reverse("reports:methods"))
        self.assertIn("rows", page.context)
        self.assertNotContains(page, reverse("reports:methods_job_start"))

    def test_a_bad_date_falls_back_to_today(self):
        self.login(self.manager)
        self.client.post(reverse("reports:methods_job_start"), {"as_of": "igår"})
        job = ReportJob.objects.get()
        self.assertEqual(job.parameters["as_of"], methods.datetime.date.today().isoformat())


class MethodsDownloadTest(BaseTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        methods_data.build(cls)

    def test_the_page_offers_the_figures_as_files_and_the_download_is_audited(self):
        self.login(self.manager)
        query = {"project": str(self.compared.public_id), "as_of": "2025-12-31"}
        page = self.client.get(reverse("reports:methods"), query)
        url = page.context["downloads"]["csv"]
        self.assertContains(page, url.replace("&", "&amp;"))
        response = self.client.get(url)
        self.assertEqual(response.status_code, 200)
        table = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
        comparison = methods.compare_methods(
            type(self.compared).objects.filter(pk=self.compared.pk),
            as_of=methods.datetime.date(2025, 12, 31),
        )
        self.assertEqual([r[1] for r in table[1 : 1 + len(comparison.groups)]],
                         [g.key for g in comparison.groups])  # fmt: skip
        self.assertEqual(table[1][2], str(comparison.groups[0].n))
        event = AuditEvent.objects.get(action="report.exported")
        self.assertEqual(event.changes["report"], [None, "methods"])
        self.assertEqual(event.object_label, "2024/00077")
        xlsx = self.client.get(page.context["downloads"]["xlsx"])
        self.assertEqual(xlsx.status_code, 200)
        self.assertEqual(self.client.get(reverse("reports:methods_download", args=["pdf"]))
                         .status_code, 404)  # fmt: skip

    def test_the_funder_gets_small_counts_hidden_in_the_file(self):
        projects.project_staff_add(actor=self.manager, project=self.compared, user=self.funder,
                                   role=Role.FUNDER)  # fmt: skip
        self.login(self.funder)
        query = {"project": str(self.compared.public_id), "as_of": "2025-12-31"}
        response = self.client.get(reverse("reports:methods_download", args=["csv"]), query)
        table = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
        by_key = {row[1]: row for row in table[1:4]}
        # SE: 10 people, shown; IPS (4) and SE+SED (3): counts "<5", every other figure empty.
        self.assertEqual(by_key["SE"][2], "10")
        self.assertEqual(by_key["IPS"][2:5], ["<5", "", ""])
        self.assertEqual(by_key["SE+SED"][2:5], ["<5", "", ""])
        event = AuditEvent.objects.get(action="report.exported")
        self.assertEqual(event.changes["exact"], [None, False])

    def test_a_job_of_all_projects_offers_its_files(self):
        self.login(self.manager)
        with self.captureOnCommitCallbacks(execute=True):
            self.client.post(reverse("reports:methods_job_start"), {"as_of": "2025-12-31"})
        job = ReportJob.objects.get()
        services.report_job_run(job_id=str(job.public_id))
        for fmt, status in (("csv", 200), ("xlsx", 200), ("pdf", 404)):
            with self.subTest(fmt=fmt):
                url = reverse("reports:job_download", args=[job.public_id, fmt])
                self.assertEqual(self.client.get(url).status_code, status)
        with override_settings(REPORTS_INLINE_MAX_PARTICIPANTS=3):
            url = reverse("reports:methods_download", args=["csv"])
            self.assertEqual(self.client.get(url).status_code, 404)
