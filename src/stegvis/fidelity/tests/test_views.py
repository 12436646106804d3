"""The fidelity pages: who may open and write what (every role), and what each page does."""

from __future__ import annotations

import csv
import io
import uuid

from django.urls import reverse
from openpyxl import load_workbook

from stegvis.core.models import AuditEvent
from stegvis.fidelity import access, services
from stegvis.fidelity.models import FidelityRating, FidelityReview, ReviewStatus
from stegvis.fidelity.tests.test_services import DAY, ReviewCase

ROLES = ("admin", "manager", "coach", "coach2", "referral", "evaluator", "funder", "outsider",
         "no_role")  # fmt: skip
# Reading: the project's managers, coaches, evaluators and funders (report.view in it) and
# admins; coach2 is no staff of the project, referral has no report.view: 404 like outsiders.
READ = {"admin": 200, "manager": 200, "coach": 200, "coach2": 404, "referral": 404,
        "evaluator": 200, "funder": 200, "outsider": 404, "no_role": 404}  # fmt: skip
# Writing: managers and evaluators of the project (fidelity.review) and admins; those who see the
# project's fidelity pages without the right get 403; those who hold the right nowhere get 403
# before any object is looked at; those who cannot see the project 404.
WRITE = {"admin": 200, "manager": 200, "coach": 403, "coach2": 403, "referral": 403,
         "evaluator": 200, "funder": 403, "outsider": 404, "no_role": 403}  # fmt: skip


class ViewCase(ReviewCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.draft = services.review_create(actor=cls.manager, project=cls.project,
                                           scale=cls.scale, review_date=DAY, reviewers="Anna")  # fmt: skip
        cls.done = services.review_create(actor=cls.manager, project=cls.project,
                                          scale=cls.scale, review_date=DAY, reviewers="Bo")  # fmt: skip
        FidelityRating.objects.filter(review=cls.done).update(score=4)
        services.review_finish(actor=cls.manager, review=cls.done)

    def url(self, name: str, *args: object) -> str:
        return reverse(f"fidelity:{name}", args=args)


class AccessTests(ViewCase):
    def test_reading_pages_by_role(self):
        p = self.project.public_id
        pages = [self.url("project", p), self.url("indicators", p), self.url("comparison", p),
                 self.url("comparison_download", p, "csv"),
                 self.url("indicators_download", p, "xlsx"),
                 self.url("review_detail", self.draft.public_id),
                 self.url("review_detail", self.done.public_id)]  # fmt: skip
        for role in ROLES:
            self.login(getattr(self, role))
            for page in pages:
                with self.subTest(role=role, page=page):
                    self.assertEqual(self.client.get(page).status_code, READ[role])

    def test_writing_pages_by_role(self):
        p = self.project.public_id
        for role in ROLES:
            self.login(getattr(self, role))
            for page in (
                self.url("review_new", p),
                self.url("review_correct", self.done.public_id),
            ):
                with self.subTest(role=role, page=page):
                    self.assertEqual(self.client.get(page).status_code, WRITE[role])
            with self.subTest(role=role, page="save"):
                response = self.client.post(self.url("review_detail", self.draft.public_id),
                                            {"reviewers": "X", "review_date": "2025-05-01"})  # fmt: skip
                expected = {200: 302, 403: 403, 404: 404}[WRITE[role]]
                if role == "no_role" or role == "coach2" or role == "referral":
                    expected = 404  # the page itself is not theirs to see
                self.assertEqual(response.status_code, expected)

    def test_others_cannot_delete_a_draft(self):
        for role in ("coach", "funder", "outsider"):
            self.login(getattr(self, role))
            response = self.client.post(self.url("review_delete", self.draft.public_id))
            self.assertIn(response.status_code, (403, 404))
        self.assertTrue(FidelityReview.objects.filter(pk=self.draft.pk).exists())

    def test_a_review_of_another_project_and_a_bad_id_are_404(self):
        other = services.review_create(actor=self.outsider, project=self.other_project,
                                       scale=self.scale, review_date=DAY, reviewers="X")  # fmt: skip
        self.login(self.manager)
        self.assertEqual(
            self.client.get(self.url("review_detail", other.public_id)).status_code, 404
        )
        self.assertEqual(self.client.get(self.url("review_detail", uuid.uuid4())).status_code, 404)
        self.assertEqual(self.client.get(self.url("project", uuid.uuid4())).status_code, 404)
        from django.http import Http404

        with self.assertRaises(Http404):
            access.access_fidelity_review(self.manager, "not-a-uuid")

    def test_unknown_download_format_is_404(self):
        self.login(self.manager)
        p = self.project.public_id
        self.assertEqual(
            self.client.get(self.url("indicators_download", p, "pdf")).status_code, 404
        )
        self.assertEqual(
            self.client.get(self.url("comparison_download", p, "pdf")).status_code, 404
        )

    def test_who_sees_small_numbers(self):
        self.assertIs(access.fidelity_show_small_numbers(self.manager, self.project), True)
        self.assertIs(access.fidelity_show_small_numbers(self.admin, self.project), True)
        self.assertIs(access.fidelity_show_small_numbers(self.coach, self.project), False)
        self.assertIs(access.fidelity_show_small_numbers(self.evaluator, self.project), False)
        self.assertIs(access.fidelity_show_small_numbers(self.funder, self.project), False)


class ReviewPageTests(ViewCase):
    def test_the_project_page_links_to_the_fidelity_pages_for_those_who_may_see_them(self):
        self.login(self.funder)
        page = self.client.get(self.project.get_absolute_url()).content.decode()
        self.assertIn(self.url("project", self.project.public_id), page)
        self.login(self.referral)
        page = self.client.get(self.project.get_absolute_url()).content.decode()
        self.assertNotIn(self.url("project", self.project.public_id), page)

    def test_the_list_shows_both_reviews_and_the_start_button_only_to_recorders(self):
        self.login(self.evaluator)
        page = self.client.get(self.url("project", self.project.public_id)).content.decode()
        self.assertIn("God programtrohet", page)
        self.assertIn("0 av 25 har betyg", page)
        self.assertIn(self.url("review_new", self.project.public_id), page)
        self.login(self.funder)
        page = self.client.get(self.url("project", self.project.public_id)).content.decode()
        self.assertNotIn(self.url("review_new", self.project.public_id), page)

    def test_start_save_and_finish_a_review_through_the_pages(self):
        self.login(self.evaluator)
        response = self.client.post(self.url("review_new", self.project.public_id),
                                    {"scale": self.scale.pk, "review_date": "2025-06-01",
                                     "reviewers": "Eva Utvärderare"})  # fmt: skip
        review = FidelityReview.objects.get(reviewers="Eva Utvärderare")
        self.assertRedirects(response, review.get_absolute_url())
        data = {"review_date": "2025-06-01", "reviewers": "Eva Utvärderare", "summary": "Bra",
                "action": "save"}  # fmt: skip
        for item in self.items[:10]:
            data[f"score-{item.pk}"] = "5"
            data[f"note-{item.pk}"] = "Sett i journalen"
        self.assertEqual(self.client.post(review.get_absolute_url(), data).status_code, 302)
        page = self.client.get(review.get_absolute_url()).content.decode()
        self.assertIn("50 hittills (10 av 25 punkter har betyg)", page)
        # The routine indicators of the 13 weeks before the review day beside the items they inform.
        self.assertIn("Vad Stegvis visar för 2025-03-03 – 2025-06-01:", page)
        self.assertIn("Deltagare per coach: –", page)
        # Finishing with items missing: an error, the ratings typed stay on the page.
        data["action"] = "finish"
        response = self.client.post(review.get_absolute_url(), data)
        self.assertContains(response, "Saknas: 11, 12")
        self.assertContains(response, "Sett i journalen")
        for item in self.items[10:]:
            data[f"score-{item.pk}"] = "4"
        self.assertEqual(self.client.post(review.get_absolute_url(), data).status_code, 302)
        review.refresh_from_db()
        self.assertEqual(review.status, ReviewStatus.FINISHED)
        page = self.client.get(review.get_absolute_url()).content.decode()
        self.assertIn("110 av 125", page)
        self.assertIn("God programtrohet", page)
        self.assertIn(self.url("review_correct", review.public_id), page)
        # A finished review has no form any more; a POST to it is refused in words.
        response = self.client.post(review.get_absolute_url(), data)
        self.assertContains(response, "avslutad och låst")

    def test_bad_input_is_shown_not_saved(self):
        self.login(self.manager)
        item = self.items[0]
        response = self.client.post(self.draft.get_absolute_url(),
                                    {"review_date": "2025-06-01", "reviewers": "A",
                                     f"score-{item.pk}": "x", "action": "save"})  # fmt: skip
        self.assertContains(response, "Punkt 1: välj ett betyg.")
        response = self.client.post(self.url("review_new", self.project.public_id),
                                    {"scale": self.scale.pk, "review_date": "2999-01-01",
                                     "reviewers": "A"})  # fmt: skip
        self.assertContains(response, "datum i framtiden")
        response = self.client.post(self.url("review_new", self.project.public_id),
                                    {"scale": self.scale.pk, "review_date": "2025-01-01",
                                     "reviewers": " "})  # fmt: skip
        self.assertEqual(response.status_code, 200)
        self.assertEqual(FidelityReview.objects.count(), 2)

    def test_correct_a_finished_review(self):
        self.login(self.manager)
        url = self.url("review_correct", self.done.public_id)
        item = self.items[2]
        self.assertContains(self.client.get(url + f"?item={item.pk}"), "Rätta ett betyg")
        response = self.client.post(url, {"item": item.pk, "score": 1, "note": "", "reason": ""})
        self.assertEqual(response.status_code, 200)
        response = self.client.post(url, {"item": item.pk, "score": 4, "note": "", "reason": "x"})
        self.assertContains(response, "ändrar ingenting")
        response = self.client.post(url, {"item": item.pk, "score": 1, "note": "", "reason": "Fel"})
        self.assertRedirects(response, self.done.get_absolute_url())
        self.assertEqual(
            AuditEvent.objects.get(action="fidelity.review_corrected").changes["item 3"], [4, 1]
        )
        # A draft has nothing to correct: back to its form.
        self.assertRedirects(self.client.get(self.url("review_correct", self.draft.public_id)),
                             self.draft.get_absolute_url())  # fmt: skip

    def test_delete_a_draft_but_not_a_finished_review(self):
        self.login(self.manager)
        response = self.client.post(self.url("review_delete", self.done.public_id))
        self.assertRedirects(response, self.done.get_absolute_url())
        response = self.client.post(self.url("review_delete", self.draft.public_id))
        self.assertRedirects(response, self.url("project", self.project.public_id))
        self.assertFalse(FidelityReview.objects.filter(pk=self.draft.pk).exists())


class ComparisonPageTests(ViewCase):
    def test_comparison_page_chart_table_and_downloads(self):
        later = services.review_create(actor=self.manager, project=self.project, scale=self.scale,
                                       review_date=DAY.replace(month=8), reviewers="Bo")  # fmt: skip
        FidelityRating.objects.filter(review=later).update(score=4)
        FidelityRating.objects.filter(review=later, item=self.items[0]).update(score=5)
        services.review_finish(actor=self.manager, review=later)
        self.login(self.funder)
        page = self.client.get(self.url("comparison", self.project.public_id)).content.decode()
        self.assertIn('role="img"', page)
        self.assertIn('data-item="1" data-latest="5"', page)
        self.assertIn('data-item="1" data-earlier="4"', page)
        self.assertIn("Steg med 1", page)
        self.assertIn("1 punkter stigit och 0 punkter sjunkit", page)
        response = self.client.get(self.url("comparison_download", self.project.public_id, "csv"))
        rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
        self.assertEqual(rows[0][2:], ["2025-05-20", "2025-08-20", "Förändring"])
        self.assertEqual(rows[1][2:], ["4", "5", "1"])
        self.assertEqual(rows[-2][2:4], ["100", "101"])
        response = self.client.get(self.url("comparison_download", self.project.public_id, "xlsx"))
        sheet = load_workbook(io.BytesIO(response.content)).active
        self.assertEqual(sheet.cell(row=27, column=1).value, "Summa")
        self.assertTrue(AuditEvent.objects.filter(action="report.exported").exists())

    def test_no_finished_review_yet(self):
        FidelityReview.objects.filter(pk=self.done.pk).update(status=ReviewStatus.DRAFT)
        self.login(self.manager)
        page = self.client.get(self.url("comparison", self.project.public_id))
        self.assertContains(page, "ingen avslutad granskning att jämföra än")
        response = self.client.get(self.url("comparison_download", self.project.public_id, "csv"))
        self.assertEqual(response.status_code, 404)


class IndicatorPageTests(ViewCase):
    def test_indicator_page_period_and_downloads(self):
        self.login(self.manager)
        url = self.url("indicators", self.project.public_id)
        page = self.client.get(url + "?start=2025-03-01&end=2025-03-31").content.decode()
        self.assertIn("2025-03-01 – 2025-03-31", page)
        self.assertIn("Deltagare per coach", page)
        self.assertIn("Kan inte bedömas", page)
        page = self.client.get(url + "?start=2025-04-01&end=2025-03-01").content.decode()
        self.assertIn("Periodens första dag är efter den sista.", page)
        response = self.client.get(
            self.url("indicators_download", self.project.public_id, "csv")
            + "?start=2025-03-01&end=2025-03-31"
        )
        rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
        self.assertEqual(rows[0][:3], ["Indikator", "Punkt i IPS-25", "Värde"])
        self.assertEqual(rows[1][:2], ["Deltagare per coach", "1"])
        event = AuditEvent.objects.get(action="report.exported")
        self.assertEqual(event.changes["from"], [None, "2025-03-01"])

    def test_the_funder_is_told_about_hidden_small_numbers(self):
        self.login(self.funder)
        page = self.client.get(self.url("indicators", self.project.public_id))
        self.assertContains(page, "visas som &lt;5")


class EnglishTests(ViewCase):
    def test_the_pages_are_complete_in_english(self):
        self.client.cookies["django_language"] = "en"
        self.login(self.manager)
        page = self.client.get(self.url("project", self.project.public_id)).content.decode()
        self.assertIn("Good fidelity", page)
        self.assertIn("Routine fidelity indicators: what the data show", page)
        page = self.client.get(self.url("indicators", self.project.public_id)).content.decode()
        self.assertIn("Participants per coach", page)
        self.assertIn("Cannot be judged", page)
        page = self.client.get(self.done.get_absolute_url()).content.decode()
        self.assertIn("Caseload size", page)
        self.assertIn("21–40 clients.", page)
