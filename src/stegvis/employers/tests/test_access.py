"""Who may reach employers, openings, a participant's profile, matches and jobs: 404 for everyone
out of reach, PermissionDenied on a write by one who may only look, and the reads audited."""

import datetime
import uuid
from unittest import mock

from django.core.exceptions import PermissionDenied
from django.http import Http404

from stegvis.core.models import AuditEvent
from stegvis.employers import access, services
from stegvis.employers.tests.base import EmployerTestCase

OUT_OF_REACH = ("referral", "evaluator", "funder", "outsider", "no_role")


class EmployerAccessTests(EmployerTestCase):
    def test_the_organisations_coaches_and_managers_see_its_employers(self):
        for name in ("coach", "coach2", "manager", "admin"):
            with self.subTest(user=name):
                user = getattr(self, name)
                self.assertEqual(
                    access.access_employer(user, self.employer.public_id, for_write=True),
                    self.employer,
                )
                self.assertEqual(access.access_opening(user, self.opening.public_id), self.opening)
        self.assertEqual(
            access.access_employer(self.outsider, self.other_employer.public_id),
            self.other_employer,
        )

    def test_everyone_else_gets_404(self):
        for name in OUT_OF_REACH:
            user = getattr(self, name)
            with self.subTest(user=name):
                with self.assertRaises(Http404):
                    access.access_employer(user, self.employer.public_id)
                with self.assertRaises(Http404):
                    access.access_opening(user, self.opening.public_id)
        for bad in (uuid.uuid4(), "not-a-uuid"):
            with self.assertRaises(Http404):
                access.access_employer(self.coach, bad)
        with self.assertRaises(Http404):
            access.access_opening(self.coach, self.other_opening.public_id)

    def test_looking_without_editing_refuses_writes(self):
        with mock.patch("stegvis.employers.access.can", return_value=False):
            with self.assertRaises(PermissionDenied):
                access.access_employer(self.coach, self.employer.public_id, for_write=True)
            with self.assertRaises(PermissionDenied):
                access.access_opening(self.coach, self.opening.public_id, for_write=True)


class ParticipantSideAccessTests(EmployerTestCase):
    def test_the_coach_reads_the_profile_and_matches_and_each_read_is_audited(self):
        self.assertEqual(
            access.access_vocational_profile(self.coach, self.mine.public_id, for_write=True),
            self.mine,
        )
        self.assertEqual(
            access.access_participant_matches(self.manager, self.mine.public_id), self.mine
        )
        for action in ("vocational_profile.viewed", "matches.viewed"):
            event = AuditEvent.objects.get(action=action)
            self.assertEqual(event.person_key, self.mine.person.public_id)

    def test_participants_out_of_reach_are_404_and_nothing_is_audited(self):
        for name in ("coach2", *OUT_OF_REACH):
            user = getattr(self, name)
            with self.subTest(user=name):
                for check in (access.access_vocational_profile, access.access_participant_matches):
                    with self.assertRaises(Http404):
                        check(user, self.mine.public_id)
                with self.assertRaises(Http404):
                    access.access_hire(user, self.opening.public_id, self.mine.public_id)
        self.assertFalse(AuditEvent.objects.filter(action__endswith=".viewed").exists())

    def test_looking_without_editing_refuses_writes(self):
        with (
            mock.patch("stegvis.employers.access.can", return_value=False),
            self.assertRaises(PermissionDenied),
        ):
            access.access_vocational_profile(self.coach, self.mine.public_id, for_write=True)

    def test_candidates_of_an_opening_are_among_the_participants_the_user_sees(self):
        services.profile_save(actor=self.coach2, enrollment=self.theirs, wanted_occupation="Lager")
        opening, shown = access.access_opening_candidates(self.coach, self.opening.public_id)
        self.assertEqual(opening, self.opening)
        self.assertEqual([m.enrollment for m in shown], [self.mine])
        _opening, shown = access.access_opening_candidates(self.manager, self.opening.public_id)
        self.assertEqual({m.enrollment for m in shown}, {self.mine, self.theirs})
        keys = set(
            AuditEvent.objects.filter(action="matches.viewed_for_opening").values_list(
                "person_key", flat=True
            )
        )
        self.assertEqual(keys, {self.mine.person.public_id, self.theirs.person.public_id})
        for name in OUT_OF_REACH:
            with self.subTest(user=name), self.assertRaises(Http404):
                access.access_opening_candidates(getattr(self, name), self.opening.public_id)

    def test_a_hire_needs_the_opening_writable_and_the_participant_in_the_same_organisation(self):
        opening, enrollment = access.access_hire(
            self.coach, self.opening.public_id, self.mine.public_id
        )
        self.assertEqual((opening, enrollment), (self.opening, self.mine))
        with self.assertRaises(Http404):
            access.access_hire(self.admin, self.opening.public_id, self.elsewhere.public_id)
        with mock.patch("stegvis.employers.access.can", side_effect=lambda user, cap, **kw: cap != "participant.edit"), \
                self.assertRaises(PermissionDenied):  # fmt: skip
            access.access_hire(self.coach, self.opening.public_id, self.mine.public_id)

    def test_a_job_through_its_own_participant(self):
        job = services.hire_record(actor=self.coach, opening=self.opening, enrollment=self.mine,
                                   start_date=datetime.date(2025, 6, 9), competitive=True)  # fmt: skip
        found = access.access_job(self.coach, self.mine.public_id, job.pk, for_write=True)
        self.assertEqual((found, found.opening), (job, self.opening))
        self.assertTrue(AuditEvent.objects.filter(action="job.viewed").exists())
        with self.assertRaises(Http404):
            access.access_job(self.coach, self.theirs.public_id, job.pk)
        with self.assertRaises(Http404):
            access.access_job(self.coach2, self.mine.public_id, job.pk)
        with self.assertRaises(Http404):
            access.access_job(self.manager, self.theirs.public_id, job.pk)
        with (
            mock.patch("stegvis.employers.access.can", return_value=False),
            self.assertRaises(PermissionDenied),
        ):
            access.access_job(self.coach, self.mine.public_id, job.pk, for_write=True)
