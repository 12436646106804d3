"""The surveys' test base: an open survey of `project` with the standard questions."""

from __future__ import annotations

from django.utils import translation

from stegvis.participants.tests import factories
from stegvis.participants.tests.base import ParticipantTestCase
from stegvis.surveys import services
from stegvis.surveys.models import QuestionKind


class SurveyTestCase(ParticipantTestCase):
    def setUp(self) -> None:
        super().setUp()
        # Messages are asserted in English (the source language); pages are tested in Swedish.
        self.enterContext(translation.override("en"))

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.survey = services.survey_create(
            actor=cls.manager, project=cls.project, title="Vad tycker du?", intro="Anonymt."
        )
        services.survey_open(actor=cls.manager, survey=cls.survey)
        questions = list(cls.survey.questions.all())
        cls.met, cls.helped, cls.what, cls.decide, cls.change, cls.other = questions
        assert [q.kind for q in questions] == [
            QuestionKind.SCALE, QuestionKind.SCALE, QuestionKind.CHOICES, QuestionKind.SCALE,
            QuestionKind.TEXT, QuestionKind.TEXT,
        ]  # fmt: skip

    def participant(self, method: str = "SE", **values):  # noqa: ANN003,ANN201
        return factories.enrollment(project=self.project, coach=self.coach, actor=self.coach,
                                    method=method, **values)  # fmt: skip

    def answer(self, enrollment, answers):  # noqa: ANN001,ANN201
        invitation, _token = services.invitation_create(
            actor=self.coach, survey=self.survey, enrollment=enrollment
        )
        return services.response_submit(invitation=invitation, answers=answers)
