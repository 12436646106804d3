from django.urls import reverse

from stegvis.surveys.models import Response, Survey
from stegvis.surveys.tests.base import SurveyTestCase


class StaffPageTests(SurveyTestCase):
    def test_the_project_page_links_to_the_participants_voice(self):
        self.login(self.evaluator)
        page = self.client.get(self.project.get_absolute_url())
        self.assertContains(page, reverse("surveys:project", args=[self.project.public_id]))
        self.login(self.referral)
        page = self.client.get(self.project.get_absolute_url())
        self.assertNotContains(page, reverse("surveys:project", args=[self.project.public_id]))

    def test_persona_answers(self):
        url = reverse("surveys:project", args=[self.project.public_id])
        for user, status in (
            (self.manager, 200),
            (self.coach, 200),
            (self.funder, 200),
            (self.outsider, 404),
        ):
            with self.subTest(user=user.username):
                self.login(user)
                self.assertEqual(self.client.get(url).status_code, status)
        self.login(self.coach)
        self.assertEqual(
            self.client.get(reverse("surveys:create", args=[self.project.public_id])).status_code,
            403,
        )
        self.assertEqual(
            self.client.post(reverse("surveys:close", args=[self.survey.public_id])).status_code,
            403,
        )

    def test_the_manager_writes_a_survey_adds_a_question_and_opens_it(self):
        self.login(self.manager)
        url = reverse("surveys:create", args=[self.project.public_id])
        self.assertEqual(self.client.post(url, {"title": ""}).status_code, 400)
        response = self.client.post(url, {"title": "Vår 2026", "with_standard": ""})
        survey = Survey.objects.get(title="Vår 2026")
        self.assertRedirects(response, survey.get_absolute_url())
        add = reverse("surveys:question_add", args=[survey.public_id])
        self.assertEqual(
            self.client.post(add, {"kind": "CHOICES", "text": "Vad?", "options": "En"}).status_code,
            400,
        )
        self.client.post(add, {"kind": "SCALE", "text": "Hur blev du bemött?", "scale_low": "Dåligt",
                               "scale_high": "Bra"})  # fmt: skip
        self.client.post(add, {"kind": "TEXT", "text": "Ta bort mig"})
        question = survey.questions.get(text="Ta bort mig")
        self.client.post(reverse("surveys:question_remove", args=[survey.public_id, question.pk]))
        self.client.post(reverse("surveys:open", args=[survey.public_id]))
        survey.refresh_from_db()
        self.assertEqual((survey.status, survey.questions.count()), ("OPEN", 1))
        page = self.client.post(
            reverse("surveys:question_remove", args=[survey.public_id, survey.questions.get().pk])
        )
        self.assertEqual(survey.questions.count(), 1)
        self.assertRedirects(page, survey.get_absolute_url())
        self.client.post(
            reverse("surveys:open", args=[survey.public_id])
        )  # already open: a message
        self.client.post(reverse("surveys:close", args=[survey.public_id]))
        survey.refresh_from_db()
        self.assertEqual(survey.status, "CLOSED")

    def test_sending_to_all(self):
        self.login(self.manager)
        url = reverse("surveys:send", args=[self.survey.public_id])
        self.assertEqual(self.client.post(url, {"channel": "carrier-pigeon"}).status_code, 400)
        response = self.client.post(url, {"channel": "sms"})
        self.assertRedirects(response, self.survey.get_absolute_url())

    def test_a_coach_makes_a_link_for_their_participant_only(self):
        self.login(self.coach)
        page = self.client.get(self.survey.get_absolute_url())
        self.assertContains(page, self.mine.person.first_name)
        self.assertNotContains(page, self.theirs.person.first_name)  # coach2's participant
        link = self.client.post(
            reverse("surveys:link", args=[self.survey.public_id, self.mine.public_id])
        )
        self.assertContains(link, 'id="survey-link"')
        self.assertEqual(self.client.post(reverse("surveys:link", args=[self.survey.public_id,
                                                                         self.theirs.public_id])).status_code, 404)  # fmt: skip


class PhoneTests(SurveyTestCase):
    def _link(self) -> str:
        self.login(self.coach)
        page = self.client.post(
            reverse("surveys:link", args=[self.survey.public_id, self.mine.public_id])
        )
        self.client.logout()
        return page.context["new_link"]

    def test_answering_on_the_phone_anonymously(self):
        url = self._link()
        response = self.client.get(url)
        self.assertRedirects(response, reverse("surveyphone:answer"))
        page = self.client.get(reverse("surveyphone:answer"))
        self.assertContains(page, self.met.text)
        self.assertNotContains(page, self.mine.person.first_name)
        self.assertEqual(self.client.post(reverse("surveyphone:answer"), {}).status_code, 400)
        done = self.client.post(reverse("surveyphone:answer"), {
            f"q{self.met.pk}": "4", f"q{self.what.pk}": ["1", "3"], f"q{self.change.pk}": "Mer tid"})  # fmt: skip
        self.assertRedirects(done, reverse("surveyphone:thanks"))
        self.assertEqual(self.client.get(reverse("surveyphone:thanks")).status_code, 200)
        self.assertEqual(Response.objects.count(), 1)
        self.assertNotIn("stegvis_survey", self.client.session)
        # The link worked once.
        self.assertEqual(self.client.get(url).status_code, 410)
        self.assertEqual(self.client.get(reverse("surveyphone:answer")).status_code, 404)

    def test_a_link_that_never_worked_and_one_closed_since(self):
        self.assertEqual(
            self.client.get(reverse("surveyphone:open", args=["nope"])).status_code, 404
        )
        url = self._link()
        self.client.get(url)
        from stegvis.surveys import services

        services.survey_close(actor=self.manager, survey=self.survey)
        self.assertEqual(self.client.get(reverse("surveyphone:answer")).status_code, 410)

    def test_a_survey_closed_while_answering(self):
        url = self._link()
        self.client.get(url)
        from unittest import mock

        from django.core.exceptions import ValidationError

        with mock.patch(
            "stegvis.surveys.services.response_submit", side_effect=ValidationError("Stängd.")
        ):
            page = self.client.post(reverse("surveyphone:answer"), {f"q{self.met.pk}": "4"})
        self.assertContains(page, "Stängd.", status_code=400)


class ResultsPageTests(SurveyTestCase):
    def test_results_page_for_manager_and_funder(self):
        for n, method in enumerate(["SE"] * 5):
            self.answer(
                self.participant(method=method), {self.met.pk: n + 1, self.change.pk: f"Text {n}"}
            )
        url = reverse("surveys:results", args=[self.survey.public_id])
        self.login(self.manager)
        page = self.client.get(url)
        self.assertContains(page, "Text 3")
        self.login(self.funder)
        page = self.client.get(url)
        self.assertNotContains(page, "Text 3")
        self.assertEqual(page.context["results"].questions[0].mean, 3.0)
