import datetime
import uuid

from django.core.exceptions import PermissionDenied
from django.http import Http404

from stegvis.surveys import access, services, tokens
from stegvis.surveys.access import LinkGoneError
from stegvis.surveys.models import Invitation
from stegvis.surveys.tests.base import SurveyTestCase


class StaffAccessTests(SurveyTestCase):
    def test_who_sees_and_who_manages_a_projects_surveys(self):
        for user in (self.manager, self.coach, self.evaluator, self.funder, self.admin):
            with self.subTest(user=user.username):
                self.assertEqual(
                    access.access_survey(self.fresh(user), self.survey.public_id), self.survey
                )
        for user in (self.outsider, self.no_role, self.referral):
            with self.subTest(user=user.username), self.assertRaises(Http404):
                access.access_survey(self.fresh(user), self.survey.public_id)
        with self.assertRaises(PermissionDenied):
            access.access_survey(self.fresh(self.coach), self.survey.public_id, for_manage=True)
        self.assertEqual(access.access_project_surveys(self.fresh(self.manager), self.project.public_id,
                                                       for_manage=True), self.project)  # fmt: skip

    def test_free_texts_are_for_the_projects_managers(self):
        self.assertIs(access.may_read_texts(self.fresh(self.manager), self.project), True)
        self.assertIs(access.may_read_texts(self.fresh(self.coach), self.project), False)
        self.assertIs(access.may_read_texts(self.fresh(self.evaluator), self.project), False)

    def test_unknown_ids_answer_404(self):
        for bad in (uuid.uuid4(), "not-a-uuid"):
            with self.subTest(bad=bad), self.assertRaises(Http404):
                access.access_survey(self.fresh(self.manager), bad)
        with self.assertRaises(Http404):
            access.access_question(self.manager, self.survey, 999999)
        self.assertEqual(access.access_question(self.manager, self.survey, self.met.pk), self.met)


class LinkAccessTests(SurveyTestCase):
    def setUp(self):
        super().setUp()
        self.invitation, self.token = services.invitation_create(actor=self.coach, survey=self.survey,
                                                                 enrollment=self.mine)  # fmt: skip
        self.state = {"invitation": self.invitation.pk, "hash": self.invitation.token_hash}

    def test_a_working_link_and_its_session(self):
        self.assertEqual(access.access_invitation_link(self.token), self.invitation)
        self.assertEqual(access.access_invitation_session(self.state), self.invitation)

    def test_links_that_never_worked_answer_404(self):
        for token in ("short", tokens.new_token()):
            with self.subTest(token=token), self.assertRaises(Http404):
                access.access_invitation_link(token)
        for state in (None, "x", {"invitation": self.invitation.pk, "hash": "wrong"}):
            with self.subTest(state=state), self.assertRaises(Http404):
                access.access_invitation_session(state)

    def test_links_that_no_longer_work_say_why(self):
        Invitation.objects.filter(pk=self.invitation.pk).update(
            expires_at=self.invitation.expires_at - datetime.timedelta(days=365)
        )
        with self.assertRaisesMessage(LinkGoneError, "expired"):
            access.access_invitation_link(self.token)
        services.survey_close(actor=self.manager, survey=self.survey)
        with self.assertRaisesMessage(LinkGoneError, "closed"):
            access.access_invitation_session(self.state)
        Invitation.objects.filter(pk=self.invitation.pk).update(used=True)
        with self.assertRaisesMessage(LinkGoneError, "answered"):
            access.access_invitation_link(self.token)
