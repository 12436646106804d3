import datetime

from django.core import mail
from django.core.exceptions import ValidationError
from django.test import override_settings
from django.utils import timezone

from stegvis.core.models import AuditEvent
from stegvis.participants import services as participant_services
from stegvis.surveys import services, tokens
from stegvis.surveys.models import Answer, Invitation, QuestionKind, Response, SurveyStatus
from stegvis.surveys.tests.base import SurveyTestCase


class SurveyWritingTests(SurveyTestCase):
    def test_a_new_survey_is_a_draft_with_the_standard_questions_audited(self):
        survey = services.survey_create(actor=self.manager, project=self.project, title=" Höst ")
        self.assertEqual(survey.title, "Höst")
        self.assertEqual(survey.status, SurveyStatus.DRAFT)
        self.assertEqual(survey.questions.count(), 6)
        self.assertTrue(
            AuditEvent.objects.filter(action="survey.created", object_id=str(survey.pk)).exists()
        )
        with self.assertRaisesMessage(ValidationError, "already has a survey with this title"):
            services.survey_create(actor=self.manager, project=self.project, title="Höst")

    def test_questions_change_only_in_a_draft(self):
        survey = services.survey_create(actor=self.manager, project=self.project, title="Tom",
                                        with_standard=False)  # fmt: skip
        with self.assertRaisesMessage(ValidationError, "at least one question"):
            services.survey_open(actor=self.manager, survey=survey)
        with self.assertRaisesMessage(ValidationError, "at least two options"):
            services.question_add(actor=self.manager, survey=survey, kind=QuestionKind.CHOICES,
                                  text="Vad?", options="Bara en")  # fmt: skip
        question = services.question_add(actor=self.manager, survey=survey, kind=QuestionKind.TEXT,
                                          text="Något mer?", options="ignoreras")  # fmt: skip
        self.assertEqual((question.position, question.options), (1, ""))
        second = services.question_add(actor=self.manager, survey=survey, kind=QuestionKind.SCALE,
                                        text="Hur?", scale_low="Dåligt", scale_high="Bra")  # fmt: skip
        self.assertEqual(second.position, 2)
        services.question_remove(actor=self.manager, question=second)
        services.survey_open(actor=self.manager, survey=survey)
        self.assertEqual(survey.opened_on, timezone.localdate())
        with self.assertRaisesMessage(ValidationError, "only while the survey is a draft"):
            services.question_remove(actor=self.manager, question=question)
        services.survey_close(actor=self.manager, survey=survey)
        self.assertEqual(survey.status, SurveyStatus.CLOSED)
        with self.assertRaisesMessage(ValidationError, "Only an open survey"):
            services.survey_close(actor=self.manager, survey=survey)


class InvitationTests(SurveyTestCase):
    def test_a_link_is_stored_as_a_hash_and_a_new_one_replaces_it(self):
        invitation, token = services.invitation_create(actor=self.coach, survey=self.survey,
                                                       enrollment=self.mine)  # fmt: skip
        self.assertEqual(invitation.token_hash, tokens.hash_token(token))
        again, token2 = services.invitation_create(actor=self.coach, survey=self.survey,
                                                   enrollment=self.mine)  # fmt: skip
        self.assertEqual(again.pk, invitation.pk)
        self.assertEqual(again.token_hash, tokens.hash_token(token2))
        event = AuditEvent.objects.filter(action="survey.invitation_created").latest("at")
        self.assertEqual(event.person_key, self.mine.person.public_id)
        self.assertNotIn(token2, str(event.changes))

    def test_no_link_after_answering_outside_the_project_after_leaving_or_when_not_open(self):
        self.answer(self.mine, {self.met.pk: 3})
        with self.assertRaisesMessage(ValidationError, "already answered"):
            services.invitation_create(actor=self.coach, survey=self.survey, enrollment=self.mine)
        with self.assertRaisesMessage(ValidationError, "does not take part"):
            services.invitation_create(
                actor=self.manager, survey=self.survey, enrollment=self.elsewhere
            )
        left = self.participant()
        participant_services.enrollment_exit(actor=self.coach, enrollment=left, end_date=datetime.date(2025, 5, 1),
                                             exit_status="EMPLOYED")  # fmt: skip
        with self.assertRaisesMessage(ValidationError, "has left"):
            services.invitation_create(actor=self.coach, survey=self.survey, enrollment=left)
        services.survey_close(actor=self.manager, survey=self.survey)
        with self.assertRaisesMessage(ValidationError, "not open"):
            services.invitation_create(actor=self.coach, survey=self.survey, enrollment=self.theirs)

    @override_settings(STEGVIS_EMAIL_LINK_SENDER="stegvis.assessments.sending.EmailSender",
                       STEGVIS_SMS_SENDER="")  # fmt: skip
    def test_sending_to_all_counts_who_has_no_address_or_has_answered(self):
        participant_services.person_update(
            actor=self.coach, person=self.theirs.person, email="b@example.se"
        )
        participant_services.person_update(
            actor=self.coach, person=self.mine.person, email="a@example.se"
        )
        self.answer(self.mine, {self.met.pk: 5})
        without = self.participant()
        with self.captureOnCommitCallbacks(execute=True):
            counts = services.invitations_send(
                actor=self.manager, survey=self.survey, enrollments=[self.mine, self.theirs, without],
                channel="email", url_for=lambda t: f"https://stegvis.example/v/{t}/",
            )  # fmt: skip
        self.assertEqual(counts, {"sent": 1, "no_address": 1, "answered": 1})
        self.assertEqual(len(mail.outbox), 1)
        self.assertEqual(mail.outbox[0].to, ["b@example.se"])
        token = mail.outbox[0].body.split("https://stegvis.example/v/")[1].split("/")[0]
        self.assertEqual(
            Invitation.objects.get(enrollment=self.theirs).token_hash, tokens.hash_token(token)
        )
        sent = AuditEvent.objects.get(action="survey.invitation_sent")
        self.assertNotIn("b@example.se", str(sent.changes))
        with self.assertRaisesMessage(ValidationError, "cannot send that way"):
            services.invitations_send(actor=self.manager, survey=self.survey, enrollments=[],
                                      channel="sms", url_for=str)  # fmt: skip


class ResponseTests(SurveyTestCase):
    def setUp(self):
        super().setUp()
        self.invitation, _ = services.invitation_create(actor=self.coach, survey=self.survey,
                                                        enrollment=self.mine)  # fmt: skip

    def test_every_kind_of_answer_is_stored(self):
        response = services.response_submit(invitation=self.invitation, answers={
            self.met.pk: 5, self.helped.pk: None, self.what.pk: [3, 1, 1], self.change.pk: "  Mer tid  ",
            self.other.pk: "",
        })  # fmt: skip
        rows = sorted(
            Answer.objects.filter(response=response).values_list("question_id", "value", "text")
        )
        self.assertEqual(rows, sorted([(self.met.pk, 5, ""), (self.what.pk, 1, ""), (self.what.pk, 3, ""),
                                       (self.change.pk, None, "Mer tid")]))  # fmt: skip

    def test_wrong_answers_store_nothing(self):
        cases = [({self.met.pk: 6}, "from 1 to 5"), ({self.what.pk: [7]}, "among the options"),
                 ({999999: 3}, "not in the survey"), ({self.met.pk: None}, "at least one")]  # fmt: skip
        for answers, message in cases:
            with self.subTest(message=message), self.assertRaisesMessage(ValidationError, message):
                services.response_submit(invitation=self.invitation, answers=answers)
        self.assertFalse(Response.objects.exists())
        self.assertIs(Invitation.objects.get(pk=self.invitation.pk).used, False)

    def test_a_link_answers_once_and_not_after_closing(self):
        services.response_submit(invitation=self.invitation, answers={self.met.pk: 2})
        with self.assertRaisesMessage(ValidationError, "already been used"):
            services.response_submit(invitation=self.invitation, answers={self.met.pk: 2})
        other, _ = services.invitation_create(
            actor=self.coach, survey=self.survey, enrollment=self.theirs
        )
        services.survey_close(actor=self.manager, survey=self.survey)
        with self.assertRaisesMessage(ValidationError, "closed"):
            services.response_submit(invitation=other, answers={self.met.pk: 2})
        self.assertEqual(Response.objects.count(), 1)
