"""The rules the participant services enforce at their edges: refusals, merges of merged records,
consent withdrawal and what it stops, the end of a job, note corrections."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.utils import translation

from stegvis.core.models import AuditEvent
from stegvis.participants import access, services
from stegvis.participants.models import (
    ConsentPurpose,
    Employment,
    Enrollment,
    FollowUpKind,
    ReferralStatus,
)
from stegvis.participants.tests import factories
from stegvis.participants.tests.base import ParticipantTestCase

D = datetime.date


def _messages(error: ValidationError) -> str:
    return " ".join(error.messages)


class ParticipantTestCase(ParticipantTestCase):
    """In English, so that the tests can name the messages they expect."""

    def setUp(self) -> None:
        super().setUp()
        self.enterContext(translation.override("en"))


class UnknownFieldTests(ParticipantTestCase):
    """A service called with a field it does not know fails loudly: a programming error."""

    def test_register_update_enroll_update_and_employment_refuse_unknown_fields(self) -> None:
        calls = [
            lambda: services.person_register(actor=self.coach, gender="K", birth_year=1990, shoe_size=42),
            lambda: services.person_update(actor=self.coach, person=self.mine.person, shoe_size=42),
            lambda: services.enrollment_create(actor=self.coach, project=self.project, person=self.mine.person,
                                               method="SE", start_date=D(2025, 1, 1), status_at_start="UNEMPLOYED",
                                               shoe_size=42),
            lambda: services.enrollment_update(actor=self.coach, enrollment=self.mine, shoe_size=42),
            lambda: services.employment_add(actor=self.coach, enrollment=self.mine, shoe_size=42),
        ]  # fmt: skip
        for call in calls:
            with self.subTest(call=call), self.assertRaisesMessage(TypeError, "shoe_size"):
                call()


class PersonMergeRuleTests(ParticipantTestCase):
    def test_a_person_cannot_be_merged_with_themself(self) -> None:
        person = self.mine.person
        with self.assertRaises(ValidationError) as caught:
            services.person_merge(actor=self.manager, keep=person, merge=person)
        self.assertIn("themself", _messages(caught.exception))

    def test_a_record_already_merged_cannot_be_merged_again(self) -> None:
        keep = factories.person(first_name="Kim", birth_year=1980)
        merged = factories.person(first_name="Kim", birth_year=1980)
        third = factories.person(first_name="Kim", birth_year=1980)
        services.person_merge(actor=self.manager, keep=keep, merge=merged)
        with self.assertRaises(ValidationError) as caught:
            services.person_merge(actor=self.manager, keep=third, merge=merged)
        self.assertIn("already been merged", _messages(caught.exception))

    def test_finding_by_number_follows_the_merge_to_the_kept_record(self) -> None:
        numbered = factories.person(identity_number="19900101-0017", first_name="Ann")
        keep = factories.person(first_name="Ann", birth_year=1990)
        services.person_merge(actor=self.manager, keep=keep, merge=numbered)
        self.assertEqual(services.person_find_by_identity_number("199001010017"), keep)


class PersonUpdateTests(ParticipantTestCase):
    def test_a_new_identity_number_is_re_indexed_and_never_written_to_the_audit_trail(self) -> None:
        person = factories.person(first_name="Ann", birth_year=1990)
        services.person_update(actor=self.coach, person=person, identity_number="19900101-0017")
        self.assertEqual(services.person_find_by_identity_number("199001010017"), person)
        event = AuditEvent.objects.filter(action="person.updated", object_id=str(person.pk)).get()
        self.assertNotIn("0017", str(event.changes))
        self.assertIn("identity_number", event.changes)

    def test_the_same_number_again_changes_nothing(self) -> None:
        person = factories.person(identity_number="19900101-0017")
        services.person_update(actor=self.coach, person=person, identity_number="199001010017")
        self.assertFalse(AuditEvent.objects.filter(action="person.updated").exists())


class ReferralRuleTests(ParticipantTestCase):
    def _referral(self):
        return services.referral_submit(
            actor=self.referral, group=self.group, person=factories.person(), referrer_kind="CASEWORKER",
            reason="Long sick leave", own_goal="Work in a shop", motivation="Wants to work",
            consent_given=True,
        )  # fmt: skip

    def test_an_unknown_decision_is_refused(self) -> None:
        referral = self._referral()
        with self.assertRaises(ValidationError) as caught:
            services.referral_decide(
                actor=self.referral, referral=referral, decision="MAYBE", meeting_date=self.today
            )
        self.assertIn("accept, decline or wait", _messages(caught.exception))
        referral.refresh_from_db()
        self.assertEqual(referral.status, ReferralStatus.NEW)

    def test_only_staff_of_the_referral_group_role_can_sit_in_the_group(self) -> None:
        with self.assertRaises(ValidationError):
            services.referral_group_member_add(
                actor=self.manager, group=self.group, user=self.coach
            )
        self.assertFalse(self.group.members.filter(pk=self.coach.pk).exists())

    def test_only_an_accepted_referral_leads_to_enrollment(self) -> None:
        referral = self._referral()
        with self.assertRaises(ValidationError) as caught:
            services.enrollment_create(
                actor=self.manager, project=self.project, person=referral.person, method="IPS",
                start_date=self.today, status_at_start="UNEMPLOYED", referral=referral,
            )  # fmt: skip
        self.assertIn("accepted referral", _messages(caught.exception))
        self.assertFalse(Enrollment.objects.filter(person=referral.person).exists())


class EnrollmentRuleTests(ParticipantTestCase):
    def test_no_method_is_refused_on_create_and_on_update(self) -> None:
        with self.assertRaises(ValidationError) as caught:
            factories.enrollment(project=self.project, method="", coach=self.coach)
        self.assertIn("method", caught.exception.message_dict)
        with self.assertRaises(ValidationError) as caught:
            services.enrollment_update(actor=self.coach, enrollment=self.mine, method="nothing")
        self.assertIn("method", caught.exception.message_dict)

    def test_a_person_takes_part_in_a_project_once_at_a_time(self) -> None:
        with self.assertRaises(ValidationError) as caught:
            factories.enrollment(project=self.project, person_obj=self.mine.person)
        self.assertIn("already takes part", _messages(caught.exception))

    def test_participant_codes_skip_codes_already_taken(self) -> None:
        count = Enrollment.objects.filter(project=self.project).count()
        factories.enrollment(project=self.project, participant_code=f"D{count + 2:04d}")
        later = factories.enrollment(project=self.project)
        self.assertEqual(later.participant_code, f"D{count + 3:04d}")

    def test_coach_change_refuses_the_same_coach_a_non_coach_and_a_date_too_early(self) -> None:
        with self.assertRaises(ValidationError) as caught:
            services.enrollment_change_coach(actor=self.manager, enrollment=self.mine, coach=self.coach,
                                             on=self.today, reason="x")  # fmt: skip
        self.assertIn("coach", caught.exception.message_dict)
        with self.assertRaises(ValidationError) as caught:
            services.enrollment_change_coach(actor=self.manager, enrollment=self.mine, coach=self.coach2,
                                             on=self.today, reason="  ")  # fmt: skip
        self.assertIn("reason", caught.exception.message_dict)
        with self.assertRaises(ValidationError) as caught:
            services.enrollment_change_coach(actor=self.manager, enrollment=self.mine, coach=self.coach2,
                                             on=self.mine.start_date, reason="Parental leave")  # fmt: skip
        self.assertIn("on", caught.exception.message_dict)
        self.mine.refresh_from_db()
        self.assertEqual(self.mine.coach, self.coach)

    def test_leaving_twice_or_before_starting_is_refused(self) -> None:
        with self.assertRaises(ValidationError) as caught:
            services.enrollment_exit(actor=self.coach, enrollment=self.mine, end_date=D(2024, 1, 1),
                                     exit_status="NO_CHANGE")  # fmt: skip
        self.assertIn("end_date", caught.exception.message_dict)
        services.enrollment_exit(actor=self.coach, enrollment=self.mine, end_date=self.today,
                                 exit_status="NO_CHANGE")  # fmt: skip
        with self.assertRaises(ValidationError) as caught:
            services.enrollment_exit(actor=self.coach, enrollment=self.mine, end_date=self.today,
                                     exit_status="NO_CHANGE")  # fmt: skip
        self.assertIn("already left", _messages(caught.exception))


class ConsentTests(ParticipantTestCase):
    def test_sharing_needs_a_named_partner_and_a_consent_cannot_end_before_it_is_given(
        self,
    ) -> None:
        person = self.mine.person
        with self.assertRaises(ValidationError) as caught:
            services.consent_record(actor=self.coach, person=person, purpose=ConsentPurpose.SHARING,
                                    given_on=self.today)  # fmt: skip
        self.assertIn("partner", caught.exception.message_dict)
        with self.assertRaises(ValidationError) as caught:
            services.consent_record(actor=self.coach, person=person, purpose=ConsentPurpose.FOLLOW_UP,
                                    given_on=self.today, valid_until=D(2025, 1, 1))  # fmt: skip
        self.assertIn("valid_until", caught.exception.message_dict)

    def test_sharing_consent_is_per_partner(self) -> None:
        person = self.mine.person
        services.consent_record(actor=self.coach, person=person, purpose=ConsentPurpose.SHARING,
                                given_on=self.today, partner=self.partner_org)  # fmt: skip
        self.assertTrue(services.has_consent(person, ConsentPurpose.SHARING, on=self.today,
                                             partner=self.partner_org))  # fmt: skip
        self.assertFalse(services.has_consent(person, ConsentPurpose.SHARING, on=self.today,
                                              partner=self.other_org))  # fmt: skip

    def test_withdrawing_is_audited_and_stops_the_follow_up(self) -> None:
        person = self.mine.person
        consent = services.consent_record(actor=self.coach, person=person,
                                          purpose=ConsentPurpose.FOLLOW_UP, given_on=D(2025, 1, 15))  # fmt: skip
        services.enrollment_exit(actor=self.coach, enrollment=self.mine, end_date=self.today,
                                 exit_status="NO_CHANGE")  # fmt: skip
        follow_up = self.mine.follow_ups.get(kind=FollowUpKind.M6)
        with self.assertRaises(ValidationError):
            services.consent_withdraw(actor=self.coach, consent=consent, on=D(2025, 1, 1))
        services.consent_withdraw(actor=self.coach, consent=consent, on=D(2025, 7, 1))
        event = AuditEvent.objects.filter(action="consent.withdrawn").get()
        self.assertEqual(event.changes["withdrawn_on"], [None, "2025-07-01"])
        self.assertFalse(services.has_consent(person, ConsentPurpose.FOLLOW_UP, on=D(2025, 12, 2)))
        with self.assertRaises(ValidationError) as caught:
            services.follow_up_record(actor=self.coach, follow_up=follow_up, done_on=D(2025, 12, 2),
                                      result="EMPLOYED")  # fmt: skip
        self.assertIn("withdrawn", _messages(caught.exception))
        follow_up.refresh_from_db()
        self.assertIsNone(follow_up.done_on)
        with self.assertRaises(ValidationError) as caught:
            services.consent_withdraw(actor=self.coach, consent=consent, on=D(2025, 8, 1))
        self.assertIn("already been withdrawn", _messages(caught.exception))

    def test_contact_after_leaving_needs_follow_along_or_consent(self) -> None:
        services.enrollment_exit(actor=self.coach, enrollment=self.mine, end_date=self.today,
                                 exit_status="EMPLOYED")  # fmt: skip
        after = self.today + datetime.timedelta(days=30)
        with self.assertRaises(ValidationError):
            services.contact_add(actor=self.coach, enrollment=self.mine, kind="MEETING", date=after)
        services.consent_record(actor=self.coach, person=self.mine.person,
                                purpose=ConsentPurpose.CONTACT_AFTER, given_on=self.today)  # fmt: skip
        contact = services.contact_add(
            actor=self.coach, enrollment=self.mine, kind="MEETING", date=after
        )
        self.assertEqual(contact.date, after)

    def test_follow_along_support_allows_contact_after_leaving_without_consent(self) -> None:
        services.enrollment_exit(actor=self.coach, enrollment=self.theirs, end_date=self.today,
                                 exit_status="EMPLOYED", follow_along=True)  # fmt: skip
        later = self.today + datetime.timedelta(days=60)
        contact = services.contact_add(
            actor=self.coach2, enrollment=self.theirs, kind="PHONE", date=later
        )
        self.assertEqual(contact.enrollment, self.theirs)


class TimeLineRuleTests(ParticipantTestCase):
    def test_an_intervention_cannot_end_before_it_starts(self) -> None:
        with self.assertRaises(ValidationError) as caught:
            services.intervention_add(actor=self.coach, enrollment=self.mine, kind="WORK_PRACTICE",
                                      start_date=self.today, end_date=D(2025, 1, 1))  # fmt: skip
        self.assertIn("end_date", caught.exception.message_dict)

    def test_a_goal_cannot_be_reached_before_it_was_set(self) -> None:
        goal = services.goal_add(actor=self.coach, enrollment=self.mine, text="Drive a forklift",
                                 set_on=self.today)  # fmt: skip
        with self.assertRaises(ValidationError):
            services.goal_reach(actor=self.coach, goal=goal, on=D(2025, 1, 1))
        goal.refresh_from_db()
        self.assertIsNone(goal.reached_on)

    def test_a_bad_employer_org_number_is_refused_on_its_field(self) -> None:
        with self.assertRaises(ValidationError) as caught:
            services.employment_add(actor=self.coach, enrollment=self.mine, kind="JOB", employer="ICA",
                                    employer_org_number="556000-0000", start_date=self.today,
                                    competitive=True)  # fmt: skip
        self.assertIn("employer_org_number", caught.exception.message_dict)
        self.assertFalse(Employment.objects.filter(enrollment=self.mine).exists())

    def test_ending_a_job_keeps_the_dates_in_order_and_is_audited(self) -> None:
        job = services.employment_add(actor=self.coach, enrollment=self.mine, kind="JOB", employer="ICA",
                                      start_date=D(2025, 3, 1), competitive=True)  # fmt: skip
        with self.assertRaises(ValidationError) as caught:
            services.employment_end(actor=self.coach, employment=job, end_date=D(2025, 2, 1))
        self.assertIn("end_date", caught.exception.message_dict)
        services.employment_end(actor=self.coach, employment=job, end_date=D(2025, 5, 31))
        job.refresh_from_db()
        self.assertEqual(job.end_date, D(2025, 5, 31))
        event = AuditEvent.objects.filter(action="participant.employment_ended").get()
        self.assertEqual(event.changes["end_date"], [None, "2025-05-31"])

    def test_notes_need_text_and_corrections_need_text_and_a_reason(self) -> None:
        with self.assertRaises(ValidationError):
            services.note_add(actor=self.coach, enrollment=self.mine, text="   ")
        note = services.note_add(actor=self.coach, enrollment=self.mine, text="Met at the library.")
        for text, reason, field in (("", "typo", "text"), ("Met at the café.", " ", "reason")):
            with self.subTest(field=field), self.assertRaises(ValidationError) as caught:
                services.note_correct(actor=self.coach, note=note, text=text, reason=reason)
            self.assertIn(field, caught.exception.message_dict)
        self.assertEqual(note.versions.count(), 1)


class AccessEdgeTests(ParticipantTestCase):
    def test_a_reader_without_edit_rights_is_refused_the_write_access(self) -> None:
        """No role reads participants without editing them today; should one come, the write
        access still refuses it. Simulated by taking participant.edit from the coach role."""
        from unittest import mock

        from django.core.exceptions import PermissionDenied

        from stegvis.core.permissions import ROLE_CAPABILITIES, Role

        read_only = ROLE_CAPABILITIES[Role.COACH] - {"participant.edit"}
        with mock.patch.dict(ROLE_CAPABILITIES, {Role.COACH: read_only}):
            self.assertEqual(access.access_enrollment(self.coach, self.mine.public_id), self.mine)
            with self.assertRaises(PermissionDenied):
                access.access_enrollment(self.coach, self.mine.public_id, for_write=True)

    def test_merge_access_is_404_without_the_capability_or_for_a_merged_record(self) -> None:
        from django.http import Http404

        with self.assertRaises(Http404):
            access.access_person_for_merge(self.coach, self.mine.person.public_id)
        keep = factories.person(first_name="Kim", birth_year=1980)
        merged = factories.person(first_name="Kim", birth_year=1980)
        factories.enrollment(project=self.project, person_obj=keep)
        factories.enrollment(project=self.project, person_obj=merged)
        services.person_merge(actor=self.manager, keep=keep, merge=merged)
        with self.assertRaises(Http404):
            access.access_person_for_merge(self.manager, merged.public_id)
        self.assertEqual(access.access_person_for_merge(self.manager, keep.public_id), keep)

    def test_merge_with_a_missing_or_malformed_id_is_404_not_500(self) -> None:
        from django.http import Http404

        for bad in ("", "not-a-uuid", "123"):
            with self.subTest(id=bad), self.assertRaises(Http404):
                access.access_person_for_merge(self.manager, bad)
        self.client.force_login(self.manager)
        for data in ({}, {"keep": "x", "merge": ""}):
            with self.subTest(data=data):
                response = self.client.post("/participants/duplicates/merge/", data)
                self.assertEqual(response.status_code, 404)
