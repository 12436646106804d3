"""The answer cannot be linked back to the person: pinned on the data model and on what an
answer writes."""

from django.db import models

from stegvis.core.models import AuditEvent
from stegvis.surveys.models import Answer, Invitation, Response
from stegvis.surveys.tests.base import SurveyTestCase


def _fields(model):  # noqa: ANN001,ANN202
    return {f.name: f for f in model._meta.get_fields() if f.concrete}


class DataModelTests(SurveyTestCase):
    def test_a_response_refers_to_its_survey_only(self):
        relations = {
            name: f.related_model for name, f in _fields(Response).items() if f.is_relation
        }
        self.assertEqual(set(relations), {"survey"})
        self.assertEqual(relations["survey"]._meta.model_name, "survey")

    def test_an_answer_refers_to_its_response_and_question_only(self):
        relations = {name: f.related_model._meta.model_name
                     for name, f in _fields(Answer).items() if f.is_relation}  # fmt: skip
        self.assertEqual(relations, {"response": "response", "question": "question"})

    def test_responses_and_answers_carry_no_time_and_a_random_key(self):
        for model in (Response, Answer):
            with self.subTest(model=model.__name__):
                times = [n for n, f in _fields(model).items()
                         if isinstance(f, models.DateField | models.DateTimeField)]  # fmt: skip
                self.assertEqual(times, [])
                self.assertIsInstance(model._meta.pk, models.UUIDField)
        self.assertEqual(set(_fields(Response)), {"id", "survey", "method"})

    def test_an_invitation_has_no_time_of_change(self):
        self.assertNotIn("updated_at", _fields(Invitation))
        self.assertNotIn("used_at", _fields(Invitation))
        self.assertIsInstance(_fields(Invitation)["used"], models.BooleanField)

    def test_no_model_points_at_a_response(self):
        pointing = [
            f"{m._meta.label}.{f.name}"
            for m in __import__("django.apps", fromlist=["apps"]).apps.get_models()
            for f in m._meta.get_fields()
            if f.concrete and f.is_relation and f.related_model is Response
        ]
        self.assertEqual(pointing, ["surveys.Answer.response"])


class AnsweringTests(SurveyTestCase):
    def test_answering_marks_the_link_used_and_writes_nothing_personal(self):
        invitation_events = AuditEvent.objects.count()
        response = self.answer(self.mine, {self.met.pk: 4, self.change.pk: "Mer tid"})
        # Answering writes no audit event at all (its time would point at the person).
        self.assertEqual(AuditEvent.objects.count(), invitation_events + 1)  # the link's creation
        self.assertFalse(AuditEvent.objects.filter(object_id=str(response.pk)).exists())
        invitation = Invitation.objects.get(enrollment=self.mine, survey=self.survey)
        self.assertIs(invitation.used, True)
        row = Response.objects.filter(pk=response.pk).values().get()
        self.assertEqual(set(row), {"id", "survey_id", "method"})
        self.assertEqual(row["method"], "SE")
        stored = str(list(Answer.objects.filter(response=response).values()))
        for trace in (self.mine.public_id, self.mine.person.public_id, invitation.public_id,
                      invitation.token_hash):  # fmt: skip
            self.assertNotIn(str(trace), stored)
            self.assertNotIn(str(trace), str(row))
