"""The ESF page and its downloads: who sees what (exact, "<5", 404), the files and the audit."""

from __future__ import annotations

import csv
import datetime
import io

from django.urls import reverse
from openpyxl import load_workbook

from stegvis.core.models import AuditEvent
from stegvis.core.testing import BaseTestCase
from stegvis.participants.tests import factories
from stegvis.projects import services as projects
from stegvis.reports import access, esf, exporting, views_esf
from stegvis.reports.tests import esf_data
from stegvis.reports.tests.esf_data import D

PERIOD = {"start": "2025-01-01", "end": "2025-06-30"}


class EsfPageTest(BaseTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        esf_data.build(cls.project, cls.other_project)
        projects.project_update(
            actor=cls.manager, project=cls.project, planned_participants=20, planned_women=12,
            planned_men=8,
        )  # fmt: skip
        cls.url = reverse("reports:project_esf", args=[cls.project.public_id])

    def download(self, fmt: str, **params: str):
        url = reverse("reports:project_esf_download", args=[self.project.public_id, fmt])
        return self.client.get(url, params)

    def test_the_manager_sees_exact_figures(self):
        self.login(self.manager)
        response = self.client.get(self.url, PERIOD)
        self.assertEqual(response.status_code, 200)
        self.assertIs(response.context["exact"], True)
        rows = {r["code"]: r["cells"] for r in response.context["rows"]}
        self.assertEqual(rows["EECO01"], [3, 3, 1, 7])
        self.assertEqual(rows["EECR05"], [1, 1, 1, 3])
        self.assertContains(response, "Alla deltagare")
        self.assertNotContains(response, "&lt;5</td>")

    def test_funders_evaluators_and_coaches_see_small_numbers_hidden(self):
        for user in (self.funder, self.evaluator, self.coach):
            with self.subTest(user=user.username):
                self.login(user)
                response = self.client.get(self.url, PERIOD)
                self.assertEqual(response.status_code, 200)
                rows = {r["code"]: r["cells"] for r in response.context["rows"]}
                self.assertEqual(rows["EECO01"], ["<5", "<5", "<5", 7])
                self.assertEqual(rows["EECO03"], ["<5", 0, 0, "<5"])
                self.assertContains(response, '<td class="number">&lt;5</td>')

    def test_the_admin_sees_exact_figures(self):
        self.login(self.admin)
        response = self.client.get(self.url, PERIOD)
        self.assertIs(response.context["exact"], True)

    def test_others_get_404(self):
        for user in (self.outsider, self.referral, self.coach2, self.no_role):
            with self.subTest(user=user.username):
                self.login(user)
                self.assertEqual(self.client.get(self.url).status_code, 404)
                self.assertEqual(self.download("csv").status_code, 404)

    def test_an_unknown_project_is_404(self):
        self.login(self.manager)
        url = reverse("reports:project_esf", args=["00000000-0000-0000-0000-000000000000"])
        self.assertEqual(self.client.get(url).status_code, 404)

    def test_without_a_period_the_whole_project_counts(self):
        self.login(self.manager)
        response = self.client.get(self.url)
        rows = {r["code"]: r["cells"] for r in response.context["rows"]}
        self.assertEqual(rows["EECO01"], [5, 4, 1, 10])
        self.assertContains(response, "hela projektet")

    def test_a_period_that_ends_before_it_starts_is_refused_and_the_whole_project_shown(self):
        self.login(self.manager)
        response = self.client.get(self.url, {"start": "2025-06-30", "end": "2025-01-01"})
        self.assertContains(response, "första dagen är efter den sista")
        self.assertEqual(response.context["rows"][0]["cells"], [5, 4, 1, 10])

    def test_the_plan_stands_beside_the_actual_participants(self):
        self.login(self.funder)
        response = self.client.get(self.url)
        plan = response.context["plan_rows"]
        self.assertEqual(
            [(r["planned"], r["planned_share"], r["actual"], r["actual_share"]) for r in plan],
            [(20, "", 10, ""), (12, "60 %", 5, "50 %"), (8, "40 %", "<5", "")],
        )

    def test_the_query_count_does_not_grow_with_participants(self):
        self.login(self.manager)
        self.client.get(self.url)  # warm the session and caches
        # session, user, memberships; project (access); staff roles; the indicators; the plan
        with self.assertNumQueries(7):
            self.client.get(self.url, PERIOD)
        for _ in range(6):
            factories.enrollment(project=self.project, start_date=D(2025, 2, 2))
        with self.assertNumQueries(7):
            self.client.get(self.url, PERIOD)

    def test_the_project_page_links_to_the_report(self):
        self.login(self.funder)
        response = self.client.get(self.project.get_absolute_url())
        self.assertContains(response, self.url)
        self.login(self.referral)
        self.assertNotContains(self.client.get(self.project.get_absolute_url()), self.url)


class EsfDownloadTest(BaseTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        esf_data.build(cls.project, cls.other_project)

    def download(self, fmt: str, **params: str):
        url = reverse("reports:project_esf_download", args=[self.project.public_id, fmt])
        return self.client.get(url, params)

    def test_the_csv_holds_the_table_and_the_export_is_audited(self):
        self.login(self.manager)
        response = self.download("csv", **PERIOD)
        self.assertEqual(response["Content-Type"], "text/csv; charset=utf-8")
        self.assertIn('filename="esf-2024-00001.csv"', response["Content-Disposition"])
        text = response.content.decode("utf-8-sig")
        rows = list(csv.reader(io.StringIO(text), delimiter=";"))
        self.assertEqual(rows[0], ["Indikator", "Vad den räknar", "K", "M", "X", "total"])
        self.assertEqual(rows[1], ["EECO01", "Alla deltagare", "3", "3", "1", "7"])
        self.assertEqual(len(rows), 18 + 1 + 4)
        self.assertEqual(
            rows[19], ["Vilka", "Planerat", "Andel planerat", "Verkligt", "Andel verkligt"]
        )
        self.assertEqual(rows[20], ["Deltagare", "", "", "10", ""])  # no plan in this project
        event = AuditEvent.objects.get(action="report.exported")
        self.assertEqual(event.actor, self.manager)
        self.assertEqual(event.object_label, "2024/00001")
        # P1–P6 and P10 started in the period, P7 left in it: eight people behind the figures.
        self.assertEqual(event.changes["people"], [None, 8])
        self.assertEqual(event.changes["report"], [None, "esf"])
        self.assertEqual(event.changes["format"], [None, "csv"])
        self.assertEqual(event.changes["from"], [None, "2025-01-01"])

    def test_the_funder_gets_small_numbers_hidden_in_the_xlsx(self):
        self.login(self.funder)
        response = self.download("xlsx", **PERIOD)
        self.assertEqual(response["Content-Type"], exporting.CONTENT_TYPES["xlsx"])
        sheet = load_workbook(io.BytesIO(response.content)).active
        values = [list(r) for r in sheet.iter_rows(values_only=True)]
        self.assertEqual(values[1], ["EECO01", "Alla deltagare", "<5", "<5", "<5", 7])
        self.assertEqual(values[3], ["EECO03", "Långtidsarbetslösa", "<5", 0, 0, "<5"])
        self.assertEqual(values[21][:4], ["Kvinnor", None, None, 5])
        self.assertEqual(values[22][:5], ["Män", None, None, "<5", None])
        event = AuditEvent.objects.get(action="report.exported")
        self.assertEqual((event.actor, event.changes["exact"]), (self.funder, [None, False]))

    def test_an_unknown_format_is_404(self):
        self.login(self.manager)
        self.assertEqual(self.download("pdf").status_code, 404)
        self.assertFalse(AuditEvent.objects.filter(action="report.exported").exists())


class FormulaGuardTest(BaseTestCase):
    def test_text_that_starts_a_formula_gets_an_apostrophe(self):
        self.assertEqual(
            [
                exporting.guard(c)
                for c in ("=SUM(A1)", "+1", "-2", "@x", "ok", 3, None, D(2025, 1, 2))
            ],
            ["'=SUM(A1)", "'+1", "'-2", "'@x", "ok", 3, None, "2025-01-02"],
        )

    def test_csv_and_xlsx_write_guarded_cells(self):
        table = [["a", "b"], ['=HYPERLINK("x")', -4]]
        self.assertIn("'=HYPERLINK", exporting.table_csv(table).decode("utf-8-sig"))
        self.assertIn(";-4", exporting.table_csv(table).decode("utf-8-sig"))
        sheet = load_workbook(io.BytesIO(exporting.table_xlsx(table, title="t"))).active
        self.assertEqual(sheet["A2"].value, '\'=HYPERLINK("x")')
        self.assertEqual(sheet["B2"].value, -4)


class AccessTest(BaseTestCase):
    def test_small_numbers_only_for_those_who_see_every_participant(self):
        self.assertIs(access.reports_show_small_numbers(self.manager, self.project), True)
        self.assertIs(access.reports_show_small_numbers(self.admin, self.project), True)
        self.assertIs(access.reports_show_small_numbers(self.coach, self.project), False)
        self.assertIs(access.reports_show_small_numbers(self.funder, self.project), False)
        self.assertIs(access.reports_show_small_numbers(self.evaluator, self.project), False)


class EsfPdfTest(BaseTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        esf_data.build(cls.project, cls.other_project)
        cls.url = reverse("reports:project_esf_pdf", args=[cls.project.public_id])

    def test_the_pdf_names_itself_in_swedish_and_is_audited(self):
        self.login(self.funder)
        response = self.client.get(self.url, PERIOD)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response["Content-Type"], "application/pdf")
        self.assertIn('filename="esf-2024-00001.pdf"', response["Content-Disposition"])
        content = response.content
        self.assertTrue(content.startswith(b"%PDF-"))
        self.assertIn(b"/Lang (sv)", content)
        self.assertIn(b"/DisplayDocTitle true", content)
        self.assertIn(b"/Outlines", content)
        self.assertIn(b"/FontFile2", content)  # the Unicode font is embedded
        event = AuditEvent.objects.get(action="report.exported")
        self.assertEqual(event.actor, self.funder)
        self.assertEqual(event.changes["format"], [None, "pdf"])
        self.assertEqual(event.changes["exact"], [None, False])
        self.assertEqual(event.changes["quarter"], [None, "2025Q2"])
        self.assertEqual(event.changes["people"], [None, 8])

    def test_the_funder_gets_the_tables_of_the_page_suppressed_and_the_manager_exact(self):
        report = esf.project_esf_report(
            self.project, start=datetime.date(2025, 1, 1), end=datetime.date(2025, 6, 30)
        )
        hidden = views_esf.esf_pdf_sections(report, exact=False)
        exact = views_esf.esf_pdf_sections(report, exact=True)
        self.assertEqual([s[0] for s in hidden], ["Deltagare som började", "Deltagare som slutade",
                                                  "Planerade och verkliga deltagare"])  # fmt: skip
        self.assertEqual(hidden[0][2][1][2:], ["<5", "<5", "<5", 7])
        self.assertEqual(exact[0][2][1][2:], [3, 3, 1, 7])
        self.assertEqual(hidden[2][2][3][3], "<5")  # men in the whole project: 4

    def test_others_get_404_and_nothing_is_audited(self):
        for user in (self.outsider, self.referral, self.no_role):
            with self.subTest(user=user.username):
                self.login(user)
                self.assertEqual(self.client.get(self.url).status_code, 404)
        self.assertFalse(AuditEvent.objects.filter(action="report.exported").exists())

    def test_the_page_links_to_the_pdf_with_its_period(self):
        self.login(self.manager)
        page = self.client.get(reverse("reports:project_esf", args=[self.project.public_id]),
                               PERIOD)  # fmt: skip
        self.assertContains(page, f"{self.url}?start=2025-01-01&amp;end=2025-06-30")
