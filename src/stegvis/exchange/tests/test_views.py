"""The import page: who may use it, upload → check → confirm, and what a bad file shows."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse

from stegvis.core.models import AuditEvent
from stegvis.exchange.tests import helpers
from stegvis.exchange.tests.base import A2, TOLVAN, ExchangeTestCase, employment, participant
from stegvis.exchange.views import SESSION_KEY
from stegvis.participants.models import Employment, Enrollment, Person
from stegvis.participants.tests import factories


def upload(name: str, text: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, text.encode("utf-8"), content_type="text/csv")


class ImportPageTestCase(ExchangeTestCase):
    url = reverse("exchange:import")
    confirm_url = reverse("exchange:import_confirm")

    def setUp(self) -> None:
        super().setUp()
        self.uploads = Path(tempfile.mkdtemp(prefix="stegvis-uploads-test-"))
        self.addCleanup(shutil.rmtree, self.uploads, ignore_errors=True)
        settings = override_settings(EXCHANGE_UPLOAD_DIR=str(self.uploads))
        settings.enable()
        self.addCleanup(settings.disable)

    def good_files(self) -> list[SimpleUploadedFile]:
        people = helpers.csv_text(
            helpers.PARTICIPANT_HEADER, [participant(), participant(A2)], separator=";"
        )
        jobs = helpers.csv_text(helpers.EMPLOYMENT_HEADER, [employment()])
        return [upload("deltagare.csv", people), upload("jobb.csv", jobs)]

    def post_files(self, files: list[SimpleUploadedFile], project=None):  # noqa: ANN001,ANN201
        project = project or self.project
        return self.client.post(self.url, {"project": str(project.public_id), "files": files})

    def kept_uploads(self) -> list[Path]:
        return list(self.uploads.iterdir()) if self.uploads.exists() else []


class AccessTests(ImportPageTestCase):
    def test_a_manager_chooses_among_the_projects_they_manage(self):
        self.login(self.manager)
        response = self.client.get(self.url)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(
            [label for _value, label in response.context["form"].fields["project"].choices],
            ["2024/00001 Vägen till jobb"],
        )

    def test_an_administrator_chooses_among_all_projects(self):
        self.login(self.admin)
        response = self.client.get(self.url)
        self.assertEqual(len(response.context["form"].fields["project"].choices), 2)

    def test_a_coach_manages_no_project_and_is_refused(self):
        self.login(self.coach)
        self.assertEqual(self.client.get(self.url).status_code, 403)
        self.assertEqual(self.post_files(self.good_files()).status_code, 403)

    def test_roles_without_enrolling_are_refused(self):
        for user in (self.referral, self.evaluator, self.funder, self.no_role):
            with self.subTest(user=user.username):
                self.login(user)
                self.assertEqual(self.client.get(self.url).status_code, 403)
                self.assertEqual(
                    self.client.post(self.confirm_url, {"token": "x"}).status_code, 403
                )

    def test_a_manager_of_another_project_gets_404_for_this_one(self):
        self.login(self.outsider)
        self.assertEqual(self.client.get(self.url).status_code, 200)
        self.assertEqual(self.post_files(self.good_files()).status_code, 404)
        self.assertEqual(self.kept_uploads(), [])

    def test_a_project_id_that_is_no_uuid_is_404(self):
        self.login(self.manager)
        response = self.client.post(self.url, {"project": "../etc", "files": self.good_files()})
        self.assertEqual(response.status_code, 404)


class UploadCheckConfirmTests(ImportPageTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.login(self.manager)

    def test_the_check_shows_what_the_import_will_do_and_writes_nothing(self):
        response = self.post_files(self.good_files())
        self.assertEqual(response.status_code, 200)
        self.assertTemplateUsed(response, "exchange/import_report.html")
        self.assertEqual(response.context["counts"]["participants"]["created"], 2)
        self.assertEqual(response.context["counts"]["employments"]["created"], 1)
        self.assertContains(response, "Vad importen kommer att göra")
        self.assertFalse(Enrollment.objects.exists())
        token = self.client.session[SESSION_KEY]["token"]
        self.assertContains(response, f'name="token" value="{token}"')
        self.assertEqual([p.name for p in self.kept_uploads()], [token])
        self.assertNotContains(response, TOLVAN)

    def test_confirming_imports_and_forgets_the_upload(self):
        self.post_files(self.good_files())
        token = self.client.session[SESSION_KEY]["token"]
        response = self.client.post(self.confirm_url, {"token": token})
        self.assertRedirects(
            response, reverse("participants:project_overview", args=[self.project.public_id])
        )
        self.assertEqual(Enrollment.objects.filter(project=self.project).count(), 2)
        self.assertEqual(Employment.objects.count(), 1)
        self.assertEqual(
            set(
                AuditEvent.objects.filter(action="participant.enrolled").values_list(
                    "actor", flat=True
                )
            ),
            {self.manager.pk},
        )
        self.assertNotIn(SESSION_KEY, self.client.session)
        self.assertEqual(self.kept_uploads(), [])
        messages = [str(m) for m in response.wsgi_request._messages]
        self.assertEqual(
            messages,
            ["Importerat till Vägen till jobb: 2 nya och 0 ändrade deltagare (0 oförändrade), 1 nya och 0 ändrade "
             "arbeten och studieplatser (0 oförändrade)."],
        )  # fmt: skip

    def test_a_token_that_is_not_the_sessions_imports_nothing(self):
        self.post_files(self.good_files())
        for token in ("x" * 43, "", "åäö"):
            with self.subTest(token=token):
                response = self.client.post(self.confirm_url, {"token": token})
                self.assertRedirects(response, self.url)
        self.assertFalse(Enrollment.objects.exists())

    def test_confirming_twice_imports_once(self):
        self.post_files(self.good_files())
        token = self.client.session[SESSION_KEY]["token"]
        self.client.post(self.confirm_url, {"token": token})
        response = self.client.post(self.confirm_url, {"token": token}, follow=True)
        self.assertContains(
            response, "Det finns inte längre några kontrollerade filer att importera."
        )
        self.assertEqual(Enrollment.objects.count(), 2)

    def test_a_new_upload_replaces_the_earlier(self):
        self.post_files(self.good_files())
        first = self.client.session[SESSION_KEY]["token"]
        self.post_files(self.good_files())
        self.assertRedirects(self.client.post(self.confirm_url, {"token": first}), self.url)
        self.assertEqual(len(self.kept_uploads()), 1)

    def test_cancelling_removes_the_files(self):
        self.post_files(self.good_files())
        self.client.post(reverse("exchange:import_cancel"))
        self.assertEqual(self.kept_uploads(), [])
        self.assertNotIn(SESSION_KEY, self.client.session)

    def test_data_that_changed_before_the_confirmation_is_checked_again(self):
        self.post_files(self.good_files())
        token = self.client.session[SESSION_KEY]["token"]
        person = factories.person(identity_number=TOLVAN)
        factories.enrollment(project=self.project, person_obj=person, participant_code="OLD")
        response = self.client.post(self.confirm_url, {"token": token})
        self.assertEqual(response.status_code, 200)
        self.assertContains(
            response, "Samma person deltar redan i projekt 2024/00001 som deltagare OLD."
        )
        self.assertEqual(Enrollment.objects.count(), 1)


class BadFileTests(ImportPageTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.login(self.manager)

    def test_every_problem_is_shown_in_swedish_and_nothing_is_kept(self):
        people = helpers.csv_text(
            helpers.PARTICIPANT_HEADER, [participant(gender="Q"), participant(A2, start_date="1/2")]
        )
        response = self.post_files([upload("deltagare.csv", people)])
        self.assertEqual(response.status_code, 200)
        problems = response.context["problems"]
        self.assertEqual(
            [p.line() for p in problems],
            [
                "deltagare.csv:2: gender: Q: Det här är inte en av kolumnens koder. Använd K, M eller X.",
                "deltagare.csv:3: start_date: 1/2: Det här är inte ett datum. Skriv datum som ÅÅÅÅ-MM-DD, till "
                "exempel 2025-01-31.",
            ],
        )
        self.assertContains(response, "2 fel: ingenting har importerats")
        self.assertContains(response, "<td>deltagare.csv</td>", count=2)
        self.assertNotContains(response, 'name="token"')
        self.assertNotIn(SESSION_KEY, self.client.session)
        self.assertEqual(self.kept_uploads(), [])
        self.assertFalse(Person.objects.exists())

    def test_the_personnummer_in_a_problem_is_masked(self):
        people = helpers.csv_text(
            helpers.PARTICIPANT_HEADER, [participant(personnummer="19121212-1213")]
        )
        response = self.post_files([upload("p.csv", people)])
        self.assertContains(response, "19121212-****")
        self.assertNotContains(response, "1213")

    def test_rows_for_another_project_are_refused(self):
        people = helpers.csv_text(
            helpers.PARTICIPANT_HEADER,
            [participant(project="2024/00002"), participant(A2, project="2099/1")],
        )
        response = self.post_files([upload("p.csv", people)])
        reasons = {p.reason for p in response.context["problems"]}
        self.assertEqual(
            reasons, {"Raden gäller ett annat projekt än 2024/00001, som du importerar till."}
        )
        self.assertFalse(Enrollment.objects.exists())

    def test_a_file_too_large(self):
        big = SimpleUploadedFile("stor.csv", b"a" * (10 * 1024 * 1024 + 1), content_type="text/csv")
        response = self.post_files([big])
        self.assertTemplateUsed(response, "exchange/import_form.html")
        self.assertContains(response, "stor.csv är större än 10 MB.")
        self.assertEqual(self.kept_uploads(), [])

    def test_a_file_of_another_kind(self):
        response = self.post_files(
            [SimpleUploadedFile("bild.png", b"\x89PNG", content_type="image/png")]
        )
        self.assertContains(response, "bild.png är inte en CSV-fil eller en .xlsx-arbetsbok.")

    def test_no_file(self):
        response = self.client.post(self.url, {"project": str(self.project.public_id)})
        self.assertTemplateUsed(response, "exchange/import_form.html")
        self.assertFalse(response.context["form"].is_valid())

    def test_an_xlsx_upload(self):
        cells = participant().split(",")
        data = helpers.xlsx_bytes(helpers.PARTICIPANT_HEADER, [cells])
        response = self.post_files([SimpleUploadedFile("deltagare.xlsx", data)])
        self.assertEqual(response.context["problems"], [])
        self.client.post(self.confirm_url, {"token": self.client.session[SESSION_KEY]["token"]})
        self.assertEqual(Enrollment.objects.get().participant_code, "A1")
