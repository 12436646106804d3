"""Erasure: the person is anonymised everywhere, unfindable, and the statistics stay the same."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db.models import CharField, TextField
from django.urls import reverse

from stegvis.assessments.models import Rating, SelfAssessmentLink
from stegvis.core.models import AuditEvent
from stegvis.employers.models import JobSupport, VocationalProfile
from stegvis.participants import selectors as participant_selectors
from stegvis.participants import services as participant_services
from stegvis.participants.models import Contact, Employment, Enrollment, Goal, NoteVersion, Person
from stegvis.privacy import services
from stegvis.privacy.extract import person_extract
from stegvis.privacy.selectors import tree_models
from stegvis.privacy.tests.base import STINA_NUMBER, PrivacyTestCase
from stegvis.reports.esf import project_esf_report


class ErasureTests(PrivacyTestCase):
    def test_erasure_keeps_the_esf_totals_and_leaves_the_person_unfindable(self) -> None:
        before = project_esf_report(self.project)
        # Hand-computed: three participants started (Tolvan, the coach2 participant, Stina); Stina
        # is a woman with ISCED3-4 and a disability who left employed.
        self.assertEqual(before.indicators["EECO01"]["total"], 3)
        self.assertEqual(before.indicators["EECO10"], {"K": 1, "M": 0, "X": 0, "total": 1})
        self.assertEqual(before.indicators["EECO12"]["K"], 1)
        self.assertEqual(before.indicators["EECR04"]["K"], 1)

        services.person_erase(actor=self.manager, person=self.stina, reason="Begäran art. 17")

        after = project_esf_report(self.project)
        self.assertEqual(after.indicators, before.indicators)
        self.assertEqual(after.people, before.people)
        # Unfindable: by identity number (blind index), by name or participant id in the caseload.
        self.assertIsNone(participant_services.person_find_by_identity_number(STINA_NUMBER))
        for term in ("Stina", "Svensson", self.left.participant_code):
            filters = participant_selectors.CaseloadFilters(search=term)
            found = participant_selectors.caseload_for(
                self.manager, filters=filters, today=datetime.date(2025, 6, 1)
            )
            self.assertFalse(found.filter(person=self.stina).exists(), term)

    def test_erasure_blanks_every_identifying_value(self) -> None:
        services.person_erase(actor=self.manager, person=self.stina, reason="Begäran")
        person = Person.objects.get(pk=self.stina.pk)
        self.assertEqual(
            (person.first_name, person.last_name, person.identity_number, person.identity_index,
             person.phone, person.email),
            ("", "", "", "", "", ""),
        )  # fmt: skip
        self.assertEqual((person.gender, person.birth_year), ("K", 1981))
        self.assertIsNotNone(person.erased_at)
        enrollment = Enrollment.objects.get(pk=self.left.pk)
        self.assertEqual(enrollment.participant_code, f"ANON-{self.left.pk}")
        self.assertEqual(enrollment.exit_reason, "")
        self.assertEqual((enrollment.exit_status, enrollment.education, enrollment.end_date),
                         ("EMPLOYED", "ISCED3-4", datetime.date(2024, 6, 30)))  # fmt: skip
        self.assertEqual(
            list(Contact.objects.filter(enrollment=self.left).values_list("with_whom", "summary")),
            [("", "")],
        )
        self.assertEqual(
            list(Goal.objects.filter(enrollment=self.left).values_list("text", flat=True)), [""]
        )
        self.assertEqual(
            set(
                NoteVersion.objects.filter(note__enrollment=self.left).values_list(
                    "text", flat=True
                )
            ),
            {""},
        )
        job = Employment.objects.get(pk=self.job.pk)
        self.assertEqual(
            (job.employer_org_number, job.competitive, job.hours_per_week),
            ("", True, self.job.hours_per_week),
        )
        self.assertNotIn("Svensson", job.employer)
        self.assertEqual(JobSupport.objects.get(employment=self.job).note, "")
        profile = VocationalProfile.objects.get(enrollment=self.left)
        self.assertEqual((profile.wanted_occupation, profile.skills), ("", ""))
        self.assertIsNotNone(SelfAssessmentLink.objects.get(pk=self.link.pk).revoked_at)
        self.assertEqual(
            Rating.objects.filter(assessment=self.assessment).count(),
            self.assessment.ratings.count(),
        )
        # Nothing of the person's own values is left in the extract.
        text = str(person_extract(person, created_by=self.manager))
        for value in (
            "Stina",
            "Svensson",
            "070-1234567",
            "stina@example.se",
            "9876",
            "ångest",
            "Anna",
        ):
            self.assertNotIn(value, text)  # fmt: skip

    def test_erasure_is_audited_with_reason_and_counts(self) -> None:
        services.person_erase(actor=self.manager, person=self.stina, reason="Begäran art. 17")
        event = AuditEvent.objects.get(action="person.erased")
        self.assertEqual(event.actor, self.manager)
        self.assertEqual(event.person_key, self.stina.public_id)
        self.assertEqual(event.changes["reason"], [None, "Begäran art. 17"])
        self.assertEqual(event.changes["contacts"], [None, 1])
        self.assertEqual(event.changes["people"], [None, 1])

    def test_erasure_is_refused_while_participating_unless_stated(self) -> None:
        tolvan = self.mine.person
        with self.assertRaisesMessage(ValidationError, "deltar i ett projekt nu"):
            services.person_erase(actor=self.manager, person=tolvan, reason="Begäran")
        self.assertEqual(Person.objects.get(pk=tolvan.pk).first_name, "Tolvan")
        services.person_erase(
            actor=self.manager, person=tolvan, reason="Begäran", while_active=True
        )
        self.assertEqual(Person.objects.get(pk=tolvan.pk).first_name, "")

    def test_erasure_needs_a_reason_and_happens_once(self) -> None:
        with self.assertRaisesMessage(ValidationError, "Skriv varför"):
            services.person_erase(actor=self.manager, person=self.stina, reason="  ")
        services.person_erase(actor=self.manager, person=self.stina, reason="Begäran")
        with self.assertRaisesMessage(ValidationError, "redan avidentifierad"):
            services.person_erase(actor=self.manager, person=self.stina, reason="Igen")

    def test_records_merged_into_the_person_are_anonymised_too(self) -> None:
        from stegvis.participants.tests import factories

        duplicate = factories.person(first_name="Stina", last_name="Svensson", birth_year=1981)
        participant_services.person_merge(actor=self.manager, keep=self.stina, merge=duplicate)
        counts = services.person_erase(actor=self.manager, person=self.stina, reason="Begäran")
        self.assertEqual(counts["people"], 2)
        self.assertEqual(Person.objects.get(pk=duplicate.pk).last_name, "")


class ErasureCoverageTests(PrivacyTestCase):
    def test_every_text_field_about_the_person_is_erased_or_kept_for_a_stated_reason(self) -> None:
        """Fails when a text field is added to a model of the extract without deciding whether
        erasure blanks it (services.ERASED_FIELDS) or keeps it (services.KEPT_TEXT_FIELDS)."""
        handled_in_code = {
            "participants.Person." + name
            for name in ("first_name", "last_name", "identity_number", "identity_index", "phone", "email")
        } | {
            "participants.Enrollment.participant_code", "participants.Enrollment.exit_reason",
            "participants.Employment.employer", "participants.Employment.employer_org_number",
        }  # fmt: skip
        undecided = []
        for model in tree_models():
            for f in model._meta.concrete_fields:
                if not isinstance(f, CharField | TextField) or f.choices:
                    continue
                name = f"{model._meta.label}.{f.name}"
                if (
                    name in handled_in_code
                    or name in services.KEPT_TEXT_FIELDS
                    or f.name in services.ERASED_FIELDS.get(model._meta.label, {})
                ):
                    continue
                undecided.append(name)
        self.assertEqual(sorted(undecided), [])


class ErasureViewTests(PrivacyTestCase):
    def url(self) -> str:
        return reverse("privacy:erase", args=[self.stina.public_id])

    def test_the_confirmation_page_explains_and_the_post_needs_the_box_ticked(self) -> None:
        self.login(self.manager)
        response = self.client.get(self.url())
        self.assertContains(response, "Stina Svensson")
        response = self.client.post(self.url(), {"reason": "Begäran"})
        self.assertEqual(response.status_code, 400)
        self.assertIsNone(Person.objects.get(pk=self.stina.pk).erased_at)
        response = self.client.post(self.url(), {"reason": "Begäran", "confirm": "on"})
        self.assertRedirects(response, reverse("privacy:person", args=[self.stina.public_id]))
        self.assertIsNotNone(Person.objects.get(pk=self.stina.pk).erased_at)

    def test_an_active_participant_is_refused_with_a_clear_message(self) -> None:
        self.login(self.manager)
        url = reverse("privacy:erase", args=[self.mine.person.public_id])
        response = self.client.post(url, {"reason": "Begäran", "confirm": "on"})
        self.assertContains(response, "deltar i ett projekt", status_code=400)
        response = self.client.post(
            url, {"reason": "Begäran", "confirm": "on", "while_active": "on"}
        )
        self.assertEqual(response.status_code, 302)
