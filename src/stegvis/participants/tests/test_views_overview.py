"""The way to the manager's project overview, what it says in words, and the administrator's way
from a participant to the person's audit trail. Found by the browser journey (e2e/test_journey.py).
"""

import datetime

from django.urls import reverse

from stegvis.participants import selectors, services
from stegvis.participants.codes import ExitStatus, Gender
from stegvis.participants.tests.base import ParticipantTestCase


class OverviewLinkTests(ParticipantTestCase):
    url = reverse("participants:caseload")

    def overview_url(self, project) -> str:  # noqa: ANN001
        return reverse("participants:project_overview", args=[project.public_id])

    def test_the_manager_reaches_the_overview_of_the_projects_they_manage(self) -> None:
        self.login(self.manager)
        response = self.client.get(self.url)
        self.assertContains(response, self.overview_url(self.project))
        self.assertNotContains(response, self.overview_url(self.other_project))
        self.assertEqual(self.client.get(self.overview_url(self.project)).status_code, 200)

    def test_a_coach_gets_no_overview_links(self) -> None:
        self.login(self.coach)
        response = self.client.get(self.url)
        self.assertNotContains(response, self.overview_url(self.project))
        self.assertEqual(list(selectors.projects_with_overview_for(self.coach)), [])

    def test_an_administrator_reaches_every_project_with_participants(self) -> None:
        self.assertEqual(
            list(selectors.projects_with_overview_for(self.admin)),
            sorted([self.project, self.other_project], key=lambda p: p.name),
        )

    def test_the_htmx_table_does_not_repeat_the_links(self) -> None:
        self.login(self.manager)
        response = self.client.get(self.url, HTTP_HX_REQUEST="true")
        self.assertNotContains(response, self.overview_url(self.project))


class OverviewWordsTests(ParticipantTestCase):
    """Codes (K, EMPLOYED) are shown as the words of the code lists, in the user's language."""

    def test_gender_and_situation_on_leaving_are_shown_in_words(self) -> None:
        services.enrollment_exit(
            actor=self.coach,
            enrollment=self.mine,
            end_date=datetime.date(2025, 5, 1),
            exit_status="EMPLOYED",
        )
        overview = selectors.project_overview(self.project)
        self.assertEqual(
            {(row["person__gender"], str(row["gender"])) for row in overview["by_method"]},
            {("K", str(Gender.K.label))},
        )
        self.assertEqual(
            [(row["exit_status"], str(row["situation"])) for row in overview["by_exit"]],
            [("EMPLOYED", str(ExitStatus.EMPLOYED.label))],
        )
        self.assertEqual(str(overview["by_group"][0]["gender"]), str(Gender.K.label))
        self.login(self.manager)
        response = self.client.get(
            reverse("participants:project_overview", args=[self.project.public_id])
        )
        self.assertContains(response, f"{ExitStatus.EMPLOYED.label}: 1")


class AuditLinkTests(ParticipantTestCase):
    def test_the_administrator_gets_a_link_to_the_persons_audit_trail(self) -> None:
        link = f"{reverse('core:audit_list')}?person_key={self.mine.person.public_id}"
        self.login(self.admin)
        self.assertContains(self.client.get(self.mine.get_absolute_url()), link)
        response = self.client.get(link)
        actions = {event.action for event in response.context["page_obj"]}
        self.assertIn("participant.viewed", actions)
        self.assertIn("participant.enrolled", actions)
        self.assertEqual(
            {str(event.person_key) for event in response.context["page_obj"]},
            {str(self.mine.person.public_id)},
        )

    def test_others_get_no_link(self) -> None:
        for user in (self.manager, self.coach):
            with self.subTest(user=user.username):
                self.login(user)
                response = self.client.get(self.mine.get_absolute_url())
                self.assertNotContains(response, reverse("core:audit_list"))
