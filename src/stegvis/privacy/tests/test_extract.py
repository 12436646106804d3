"""The register extract: complete (every model about the person), machine-readable and as PDF."""

from __future__ import annotations

import json

from django.apps import apps
from django.urls import reverse

from stegvis.core.models import AuditEvent
from stegvis.participants.models import Enrollment, Person
from stegvis.privacy.extract import person_extract
from stegvis.privacy.selectors import not_about_the_person, tree_models
from stegvis.privacy.tests.base import STINA_NUMBER, PrivacyTestCase


class ExtractCoverageTests(PrivacyTestCase):
    def test_every_model_pointing_to_the_person_or_their_records_is_in_the_extract(self) -> None:
        """Fails when a model with a foreign key to Person, Enrollment or any other record of the
        extract is added without a place in selectors.EXTRACT_TREE (or NOT_ABOUT_THE_PERSON)."""
        covered = tree_models()
        self.assertIn(Person, covered)
        self.assertIn(Enrollment, covered)
        missing = []
        for model in apps.get_models():
            for f in model._meta.concrete_fields:
                if not f.is_relation or f.related_model not in covered:
                    continue
                if model in covered or not_about_the_person(model, f.name):
                    continue
                missing.append(f"{model._meta.label}.{f.name}")
        self.assertEqual(missing, [], "Add these to privacy.selectors.EXTRACT_TREE (and erasure)")


class ExtractTests(PrivacyTestCase):
    def test_the_extract_holds_every_record_of_the_person(self) -> None:
        data = person_extract(self.stina, created_by=self.manager)
        self.assertEqual(data["format"], "stegvis-registerutdrag")
        self.assertEqual(data["person"]["first_name"], "Stina")
        self.assertEqual(data["person"]["identity_number"], STINA_NUMBER.replace("-", ""))
        self.assertNotIn("identity_index", data["person"])
        self.assertEqual(len(data["consents"]), 1)
        (enrollment,) = data["enrollments"]
        self.assertEqual(enrollment["project"]["name"], "2024/00001 Vägen till jobb")
        self.assertEqual(enrollment["coach"], "Coach Testsson")
        self.assertEqual(enrollment["contacts"][0]["summary"], "Stina berättade om sin ångest.")
        self.assertEqual(len(enrollment["notes"][0]["versions"]), 2)
        self.assertEqual(
            enrollment["employments"][0]["job_support"][0]["note"], "Stina och chefen Anna"
        )
        self.assertEqual(enrollment["vocational_profile"][0]["skills"], "Kassa")
        coach, draft = enrollment["assessments"]  # the coach's, and the self-assessment's draft
        self.assertEqual((coach["rater"], coach["status"]), ("COACH", "SUBMITTED"))
        self.assertEqual(len(coach["ratings"]), self.assessment.ratings.count())
        (link,) = draft["self_assessment_links"]
        self.assertNotIn("token_hash", link)
        self.assertEqual(link["created_by"], "Coach Testsson")
        self.assertTrue(any(r["read_or_changed"] == "changed" for r in data["access_history"]))
        json.dumps(data)  # machine-readable as it is

    def test_the_json_download_is_audited_and_not_cached(self) -> None:
        self.login(self.manager)
        response = self.client.get(reverse("privacy:extract_json", args=[self.stina.public_id]))
        self.assertEqual(response["Content-Type"], "application/json; charset=utf-8")
        self.assertIn("attachment", response["Content-Disposition"])
        self.assertEqual(response["Cache-Control"], "no-store")
        self.assertEqual(json.loads(response.content)["person"]["last_name"], "Svensson")
        event = AuditEvent.objects.get(action="privacy.extract_downloaded")
        self.assertEqual((event.actor, event.person_key, event.changes["output"]),
                         (self.manager, self.stina.public_id, [None, "json"]))  # fmt: skip

    def test_the_pdf_download_is_a_pdf_and_audited(self) -> None:
        self.login(self.manager)
        response = self.client.get(reverse("privacy:extract_pdf", args=[self.stina.public_id]))
        self.assertEqual(response["Content-Type"], "application/pdf")
        self.assertTrue(response.content.startswith(b"%PDF"))
        self.assertGreater(len(response.content), 3000)
        self.assertTrue(AuditEvent.objects.filter(action="privacy.extract_downloaded",
                                                  changes__output=[None, "pdf"]).exists())  # fmt: skip

    def test_a_merged_record_is_in_the_extract(self) -> None:
        from stegvis.participants import services
        from stegvis.participants.tests import factories

        duplicate = factories.person(first_name="Stina", last_name="S", birth_year=1981)
        services.person_merge(actor=self.manager, keep=self.stina, merge=duplicate)
        data = person_extract(self.stina, created_by=self.manager)
        self.assertEqual([p["last_name"] for p in data["merged_records"]], ["S"])
