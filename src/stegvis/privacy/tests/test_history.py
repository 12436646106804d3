"""The access history: who read or changed the person's data, printable and as PDF; audited."""

from __future__ import annotations

from django.urls import reverse

from stegvis.core.models import AuditEvent
from stegvis.participants.access import access_enrollment
from stegvis.privacy import selectors
from stegvis.privacy.tests.base import PrivacyTestCase


class AccessHistoryTests(PrivacyTestCase):
    def test_a_read_is_listed_with_name_organisation_kind_and_read(self) -> None:
        access_enrollment(self.manager, self.left.public_id)
        row = selectors.access_history(self.stina)[-1]
        self.assertEqual(row.who, "Manager Testsson")
        self.assertEqual(row.organisations, "Samordningsförbundet Norr")
        self.assertEqual(str(row.kind_of_data), "Deltagande i projektet")
        self.assertIs(row.is_read, True)

    def test_changes_are_listed_as_changed_and_the_number_reveal_by_name(self) -> None:
        rows = selectors.access_history(self.stina)
        contact = next(r for r in rows if r.action == "participant.contact_added")
        self.assertIs(contact.is_read, False)
        self.assertEqual(contact.who, "Coach Testsson")
        self.assertEqual(str(selectors.kind_of_data("person.identity_revealed")),
                         "Personnummer (visat i sin helhet)")  # fmt: skip
        self.assertEqual(str(selectors.kind_of_data("unknown.thing")), "Andra uppgifter")

    def test_events_without_a_user_name_the_system_or_the_person(self) -> None:
        from stegvis.assessments import services as assessment_services

        assessment_services.selfassessment_link_opened(link=self.link)
        rows = selectors.access_history(self.stina)
        self.assertEqual(rows[-1].who, "Personen själv, på sin länk för självskattning")
        self.assertEqual(rows[0].who, "Stegvis (automatiskt, t.ex. en import eller gallringen)")

    def test_the_page_lists_the_history_and_showing_it_is_audited(self) -> None:
        self.login(self.manager)
        url = reverse("privacy:access_history", args=[self.stina.public_id])
        response = self.client.get(url)
        self.assertContains(response, "Coach Testsson")
        self.assertContains(response, "print.css")
        self.assertContains(response, '<th scope="col">')
        event = AuditEvent.objects.filter(action="privacy.access_history_viewed").get()
        self.assertEqual((event.actor, event.person_key), (self.manager, self.stina.public_id))
        # The reading itself appears in the history the next time.
        self.assertTrue(any(r.action == "privacy.access_history_viewed"
                            for r in selectors.access_history(self.stina)))  # fmt: skip

    def test_the_pdf_is_a_pdf_and_audited(self) -> None:
        self.login(self.manager)
        url = reverse("privacy:access_history_pdf", args=[self.stina.public_id])
        response = self.client.get(url)
        self.assertEqual(response["Content-Type"], "application/pdf")
        self.assertTrue(response.content.startswith(b"%PDF"))
        self.assertTrue(AuditEvent.objects.filter(action="privacy.access_history_viewed",
                                                  changes__output=[None, "pdf"]).exists())  # fmt: skip

    def test_the_history_takes_three_queries_whatever_its_length(self) -> None:
        for _ in range(5):
            access_enrollment(self.coach, self.left.public_id)
        # person_keys (merged records), the events with their actors, the memberships.
        with self.assertNumQueries(3):
            selectors.access_history(self.stina)
