"""Who may see and rate a participant's assessments, manage instruments and project settings, and
what a self-assessment token opens."""

import datetime
import uuid
from unittest import mock

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils import timezone

from stegvis.assessments import access, services
from stegvis.assessments.access import LinkGoneError
from stegvis.assessments.tests.base import AssessmentTestCase
from stegvis.core.models import AuditEvent


class ParticipantAssessmentsAccessTests(AssessmentTestCase):
    def test_the_coach_and_the_manager_see_and_the_read_is_audited(self):
        for user in (self.coach, self.manager, self.admin):
            with self.subTest(user=user.username):
                found = access.access_participant_assessments(
                    user, self.mine.public_id, for_write=True
                )
                self.assertEqual(found, self.mine)
        events = AuditEvent.objects.filter(action="assessments.viewed")
        self.assertEqual(events.count(), 3)
        self.assertEqual({e.person_key for e in events}, {self.mine.person.public_id})

    def test_everyone_else_gets_404(self):
        for user in (
            self.coach2,
            self.outsider,
            self.referral,
            self.evaluator,
            self.funder,
            self.no_role,
        ):
            with self.subTest(user=user.username), self.assertRaises(Http404):
                access.access_participant_assessments(user, self.mine.public_id)
        with self.assertRaises(Http404):
            access.access_participant_assessments(self.coach, uuid.uuid4())
        self.assertFalse(AuditEvent.objects.filter(action="assessments.viewed").exists())

    def test_seeing_without_editing_refuses_writes(self):
        with (
            mock.patch("stegvis.assessments.access.can", return_value=False),
            self.assertRaises(PermissionDenied),
        ):
            access.access_participant_assessments(self.coach, self.mine.public_id, for_write=True)

    def test_a_link_only_through_its_own_participant(self):
        link, _token = services.selfassessment_link_create(
            actor=self.coach, enrollment=self.mine, version=self.v1
        )
        self.assertEqual(access.access_link_of(self.coach, self.mine, link.pk), link)
        with self.assertRaises(Http404):
            access.access_link_of(self.coach2, self.theirs, link.pk)


class InstrumentAndSettingsAccessTests(AssessmentTestCase):
    def test_only_administrators_manage_instruments(self):
        self.assertEqual(access.access_instrument(self.admin, self.skapa.public_id), self.skapa)
        for user in (self.manager, self.coach, self.evaluator):
            with self.subTest(user=user.username), self.assertRaises(Http404):
                access.access_instrument(user, self.skapa.public_id)
        with self.assertRaises(Http404):
            access.access_instrument(self.admin, uuid.uuid4())

    def test_only_the_projects_managers_change_its_settings(self):
        self.assertEqual(
            access.access_project_assessment_settings(self.manager, self.project.public_id),
            self.project,
        )
        self.assertEqual(
            access.access_project_assessment_settings(self.admin, self.project.public_id),
            self.project,
        )
        for user, project in ((self.coach, self.project), (self.outsider, self.project), (self.manager, self.other_project),
                              (self.funder, self.project)):  # fmt: skip
            with self.subTest(user=user.username), self.assertRaises(Http404):
                access.access_project_assessment_settings(user, project.public_id)
        with self.assertRaises(Http404):
            access.access_project_assessment_settings(self.manager, uuid.uuid4())


class LinkAccessTests(AssessmentTestCase):
    def setUp(self):
        self.link, self.token = services.selfassessment_link_create(
            actor=self.coach, enrollment=self.mine, version=self.v1
        )

    def test_a_working_token_opens_its_link(self):
        self.assertEqual(access.access_selfassessment_link(self.token), self.link)
        state = {"link": self.link.pk, "hash": self.link.token_hash}
        self.assertEqual(access.access_selfassessment_session(state), self.link)

    def test_malformed_and_unknown_tokens_are_404(self):
        for token in ("", "short", self.token + "x", "!" * 43, "A" * 43):
            with self.subTest(token=token), self.assertRaises(Http404):
                access.access_selfassessment_link(token)
        for state in (
            None,
            "text",
            {},
            {"link": self.link.pk},
            {"link": self.link.pk, "hash": "0" * 64},
        ):
            with self.subTest(state=state), self.assertRaises(Http404):
                access.access_selfassessment_session(state)

    def test_used_revoked_and_expired_links_are_gone(self):
        state = {"link": self.link.pk, "hash": self.link.token_hash}
        link = type(self.link).objects.filter(pk=self.link.pk)
        link.update(expires_at=timezone.now() - datetime.timedelta(seconds=1))
        self.assert_gone("expired", state)
        link.update(revoked_at=timezone.now())
        self.assert_gone("revoked", state)
        link.update(used_at=timezone.now())
        self.assert_gone("submitted", state)

    def assert_gone(self, reason, state):
        for call, argument in (
            (access.access_selfassessment_link, self.token),
            (access.access_selfassessment_session, state),
        ):
            with self.subTest(reason=reason, call=call.__name__):
                with self.assertRaises(LinkGoneError) as caught:
                    call(argument)
                self.assertEqual(caught.exception.reason, reason)
