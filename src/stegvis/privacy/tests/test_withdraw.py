"""Consent withdrawal: recorded with its date; afterwards nothing new is recorded or sent."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.urls import reverse

from stegvis.assessments import services as assessment_services
from stegvis.assessments.models import SelfAssessmentLink
from stegvis.core.models import AuditEvent
from stegvis.employers import services as employer_services
from stegvis.participants import services as participant_services
from stegvis.participants.models import Consent, Person
from stegvis.privacy import services
from stegvis.privacy.tests.base import PrivacyTestCase

REFUSED = "återkallade sitt samtycke till behandling"


class WithdrawTests(PrivacyTestCase):
    def setUp(self) -> None:
        self.tolvan = self.mine.person
        participant_services.consent_record(
            actor=self.coach, person=self.tolvan, purpose="REGISTRATION",
            given_on=datetime.date(2025, 1, 15), enrollment=self.mine,
        )  # fmt: skip
        self.link, _token = assessment_services.selfassessment_link_create(
            actor=self.coach, enrollment=self.mine, version=self.v1
        )

    def withdraw(self) -> Person:
        return services.processing_consent_withdraw(
            actor=self.manager, person=self.tolvan, on=datetime.date(2025, 6, 1)
        )

    def test_it_is_recorded_with_its_date_and_audited(self) -> None:
        self.withdraw()
        person = Person.objects.get(pk=self.tolvan.pk)
        self.assertEqual(person.processing_stopped_on, datetime.date(2025, 6, 1))
        consent = Consent.objects.get(person=self.tolvan)
        self.assertEqual(consent.withdrawn_on, datetime.date(2025, 6, 1))
        self.assertIsNotNone(SelfAssessmentLink.objects.get(pk=self.link.pk).revoked_at)
        event = AuditEvent.objects.get(action="person.processing_stopped")
        self.assertEqual(event.changes["consents_withdrawn"], [0, 1])
        self.assertEqual(event.changes["links_revoked"], [0, 1])

    def test_afterwards_the_services_refuse_new_processing(self) -> None:
        self.withdraw()
        enrollment = type(self.mine).objects.select_related("person").get(pk=self.mine.pk)
        day = datetime.date(2025, 6, 2)
        with self.assertRaisesMessage(ValidationError, REFUSED):
            participant_services.contact_add(
                actor=self.coach, enrollment=enrollment, kind="MEETING", date=day
            )
        with self.assertRaisesMessage(ValidationError, REFUSED):
            self.record(enrollment, rater="COACH", date=day)
        with self.assertRaisesMessage(ValidationError, REFUSED):
            assessment_services.selfassessment_link_create(
                actor=self.coach, enrollment=enrollment, version=self.v1
            )
        with self.assertRaisesMessage(ValidationError, REFUSED):
            assessment_services.selfassessment_link_send(
                actor=self.coach, link=self.link, url="https://x", channel="EMAIL"
            )
        with self.assertRaisesMessage(ValidationError, REFUSED):
            employer_services.profile_save(
                actor=self.coach, enrollment=enrollment, wanted_occupation="Lager"
            )
        # Existing data is kept.
        self.assertEqual(Person.objects.get(pk=self.tolvan.pk).first_name, "Tolvan")

    def test_a_hire_is_refused_too(self) -> None:
        from stegvis.employers.models import Employer, Opening

        self.withdraw()
        employer = Employer.objects.create(organisation=self.org, name="Lagret AB")
        opening = Opening.objects.create(
            project=self.project, employer=employer, code="O1", title="Lager"
        )
        with self.assertRaisesMessage(ValidationError, REFUSED):
            employer_services.hire_record(actor=self.coach, opening=opening, enrollment=self.mine,
                                          start_date=datetime.date(2025, 6, 2), competitive=True)  # fmt: skip

    def test_it_is_refused_twice_in_the_future_and_after_erasure(self) -> None:
        with self.assertRaisesMessage(ValidationError, "framtiden"):
            services.processing_consent_withdraw(
                actor=self.manager, person=self.tolvan, on=datetime.date(2999, 1, 1)
            )
        self.withdraw()
        with self.assertRaisesMessage(ValidationError, "redan återkallat"):
            self.withdraw()
        services.person_erase(actor=self.manager, person=self.stina, reason="Begäran")
        with self.assertRaisesMessage(ValidationError, "redan avidentifierad"):
            services.processing_consent_withdraw(
                actor=self.manager, person=self.stina, on=datetime.date(2025, 6, 1)
            )

    def test_a_consent_given_after_the_day_is_left_as_it_is(self) -> None:
        later = participant_services.consent_record(
            actor=self.coach,
            person=self.tolvan,
            purpose="FOLLOW_UP",
            given_on=datetime.date(2025, 6, 5),
        )
        self.withdraw()
        later.refresh_from_db()
        self.assertIsNone(later.withdrawn_on)


class WithdrawViewTests(PrivacyTestCase):
    def test_the_manager_records_it_on_the_page(self) -> None:
        self.login(self.manager)
        url = reverse("privacy:withdraw", args=[self.stina.public_id])
        response = self.client.post(url, {"on": "2025-06-01"})
        self.assertRedirects(response, reverse("privacy:person", args=[self.stina.public_id]))
        self.assertEqual(
            Person.objects.get(pk=self.stina.pk).processing_stopped_on, datetime.date(2025, 6, 1)
        )
        response = self.client.get(reverse("privacy:person", args=[self.stina.public_id]))
        self.assertContains(response, "Återkallat 2025-06-01")

    def test_a_bad_date_gives_a_clear_error_and_writes_nothing(self) -> None:
        self.login(self.manager)
        url = reverse("privacy:withdraw", args=[self.stina.public_id])
        response = self.client.post(url, {"on": "2999-01-01"})
        self.assertContains(response, "kan inte vara i framtiden", status_code=400)
        self.assertIsNone(Person.objects.get(pk=self.stina.pk).processing_stopped_on)
        self.assertEqual(self.client.get(url).status_code, 405)
