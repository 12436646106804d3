import datetime

from django.core.exceptions import ValidationError
from django.test import override_settings

from stegvis.core.models import AuditEvent
from stegvis.participants import services
from stegvis.participants.models import (
    CoachAssignment,
    Enrollment,
    FollowUp,
    Person,
    ReferralStatus,
)
from stegvis.participants.tests import factories
from stegvis.participants.tests.base import ParticipantTestCase


@override_settings(LANGUAGE_CODE="en")
class PersonRegisterTests(ParticipantTestCase):
    def test_the_number_is_stored_encrypted_and_never_in_the_audit_trail(self):
        person = factories.person(
            identity_number="811228-9874", first_name="Anna", actor=self.coach
        )
        from django.db import connection

        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT identity_number FROM participants_person WHERE id = %s", [person.pk]
            )
            stored = cursor.fetchone()[0]
        self.assertNotIn("9874", stored)
        self.assertNotIn("811228", stored)
        self.assertEqual(Person.objects.get(pk=person.pk).identity_number, "198112289874")
        trail = " ".join(str(e.changes) + e.object_label for e in AuditEvent.objects.all())
        self.assertNotIn("9874", trail)

    def test_the_same_number_in_another_form_finds_the_same_person(self):
        again, created = services.person_register(
            actor=self.outsider, identity_number="121212+1212", gender="M"
        )
        self.assertIs(created, False)
        self.assertEqual(again, self.mine.person)

    def test_masked_number_shows_the_date_only(self):
        self.assertEqual(self.mine.person.masked_identity_number, "19121212-****")

    def test_a_wrong_check_digit_is_refused_in_plain_language(self):
        with self.assertRaisesMessage(ValidationError, "not a valid personal identity number"):
            services.person_register(actor=self.coach, identity_number="19121212-1213", gender="M")

    def test_birth_year_must_agree_with_the_number(self):
        with self.assertRaises(ValidationError) as caught:
            services.person_register(
                actor=self.coach, identity_number="19121212-1212", birth_year=1913, gender="M"
            )
        self.assertIn("birth_year", caught.exception.message_dict)

    def test_a_coordination_number_is_recognised(self):
        person, _ = services.person_register(
            actor=self.coach, identity_number="701063-2391", gender="M"
        )
        self.assertIs(person.is_coordination_number, True)
        self.assertEqual(person.birth_year, 1970)

    def test_without_a_number_birth_year_and_gender_suffice(self):
        person, created = services.person_register(actor=self.coach, birth_year=2004, gender="X")
        self.assertIs(created, True)
        self.assertEqual(str(person), "Person born 2004")

    def test_without_number_or_birth_year_it_is_refused(self):
        with self.assertRaises(ValidationError):
            services.person_register(actor=self.coach, gender="X")

    def test_reveal_is_audited(self):
        number = services.person_reveal_identity_number(actor=self.coach, person=self.mine.person)
        self.assertEqual(number, "19121212-1212")
        self.assertTrue(
            AuditEvent.objects.filter(
                action="person.identity_revealed", person_key=self.mine.person.public_id
            ).exists()
        )


class MergeTests(ParticipantTestCase):
    def test_merge_moves_history_and_keeps_both_records(self):
        twin = factories.person(
            first_name="Tolvan", last_name="Tolvansson", birth_year=1912, gender="M"
        )
        other = factories.enrollment(project=self.other_project, person_obj=twin)
        services.person_merge(actor=self.manager, keep=self.mine.person, merge=twin)
        other.refresh_from_db()
        twin.refresh_from_db()
        self.assertEqual(other.person, self.mine.person)
        self.assertEqual(twin.merged_into, self.mine.person)
        self.assertEqual(AuditEvent.objects.filter(action__startswith="person.merged").count(), 2)

    def test_different_numbers_cannot_be_merged(self):
        other = factories.person(identity_number="811228-9874")
        with self.assertRaises(ValidationError):
            services.person_merge(actor=self.manager, keep=self.mine.person, merge=other)


class ReferralTests(ParticipantTestCase):
    def _submit(self, **values):
        defaults = {
            "actor": self.referral, "group": self.group, "person": factories.person(), "referrer_kind": "CASEWORKER",
            "reason": "Långvarigt sjukskriven", "own_goal": "Jobba i butik", "motivation": "Vill jobba", "consent_given": True,
        }  # fmt: skip
        return services.referral_submit(**{**defaults, **values})

    def test_a_referral_needs_the_persons_consent(self):
        with self.assertRaises(ValidationError):
            self._submit(consent_given=False)

    def test_decline_needs_a_reason(self):
        referral = self._submit()
        with self.assertRaises(ValidationError):
            services.referral_decide(actor=self.referral, referral=referral, decision="DECLINED",
                                     meeting_date=datetime.date(2025, 2, 1))  # fmt: skip

    def test_accepted_referral_leads_to_enrollment(self):
        referral = self._submit()
        services.referral_decide(actor=self.referral, referral=referral, decision="ACCEPTED",
                                 meeting_date=datetime.date(2025, 2, 1), minutes_line="§ 4 Beviljas")  # fmt: skip
        enrollment = services.enrollment_create(
            actor=self.coach, project=self.project, person=referral.person, referral=referral, method="sed+se",
            coach=self.coach, start_date=datetime.date(2025, 2, 10), status_at_start="INACTIVE",
        )  # fmt: skip
        referral.refresh_from_db()
        self.assertEqual(referral.status, ReferralStatus.ENROLLED)
        self.assertEqual(enrollment.method, "SE+SED")
        self.assertEqual(enrollment.referral_date, referral.received_on)

    def test_a_referral_cannot_be_decided_twice(self):
        referral = self._submit()
        services.referral_decide(
            actor=self.referral,
            referral=referral,
            decision="ACCEPTED",
            meeting_date=datetime.date(2025, 2, 1),
        )
        with self.assertRaises(ValidationError):
            services.referral_decide(actor=self.referral, referral=referral, decision="DECLINED", reason="x",
                                     meeting_date=datetime.date(2025, 3, 1))  # fmt: skip


class EnrollmentTests(ParticipantTestCase):
    def test_coach_must_be_a_coach_in_the_project(self):
        with self.assertRaises(ValidationError):
            factories.enrollment(project=self.other_project, coach=self.coach)

    def test_change_of_coach_is_recorded_with_date_and_reason(self):
        services.enrollment_change_coach(actor=self.manager, enrollment=self.mine, coach=self.coach2,
                                         on=datetime.date(2025, 3, 1), reason="Föräldraledighet")  # fmt: skip
        history = list(
            CoachAssignment.objects.filter(enrollment=self.mine).values_list(
                "coach__username", "start_date", "end_date"
            )
        )
        self.assertEqual(
            history,
            [
                ("coach", datetime.date(2025, 1, 15), datetime.date(2025, 2, 28)),
                ("coach2", datetime.date(2025, 3, 1), None),
            ],
        )

    def test_exit_makes_follow_ups_due(self):
        services.enrollment_exit(actor=self.coach, enrollment=self.mine, end_date=datetime.date(2025, 8, 31),
                                 exit_status="EMPLOYED")  # fmt: skip
        due = list(FollowUp.objects.filter(enrollment=self.mine).values_list("kind", "due_on"))
        self.assertEqual(
            due, [("M6", datetime.date(2026, 2, 28)), ("M12", datetime.date(2026, 8, 31))]
        )

    def test_follow_up_fills_status_6m(self):
        services.enrollment_exit(
            actor=self.coach,
            enrollment=self.mine,
            end_date=datetime.date(2025, 8, 31),
            exit_status="EMPLOYED",
        )
        follow_up = FollowUp.objects.get(enrollment=self.mine, kind="M6")
        services.follow_up_record(
            actor=self.coach,
            follow_up=follow_up,
            done_on=datetime.date(2026, 3, 1),
            result="EMPLOYED",
        )
        self.assertEqual(Enrollment.objects.get(pk=self.mine.pk).status_6m, "EMPLOYED")

    def test_contact_after_leaving_needs_follow_along_or_consent(self):
        services.enrollment_exit(
            actor=self.coach,
            enrollment=self.mine,
            end_date=datetime.date(2025, 8, 31),
            exit_status="EMPLOYED",
        )
        with self.assertRaises(ValidationError):
            services.contact_add(
                actor=self.coach, enrollment=self.mine, kind="PHONE", date=datetime.date(2025, 9, 5)
            )
        services.consent_record(
            actor=self.coach,
            person=self.mine.person,
            purpose="CONTACT_AFTER",
            given_on=datetime.date(2025, 8, 30),
        )
        services.contact_add(
            actor=self.coach, enrollment=self.mine, kind="PHONE", date=datetime.date(2025, 9, 5)
        )

    def test_a_corrected_note_keeps_the_earlier_text(self):
        note = services.note_add(actor=self.coach, enrollment=self.mine, text="Träffade Tolvan.")
        services.note_correct(
            actor=self.coach,
            note=note,
            text="Träffade Tolvan och hans mamma.",
            reason="Ofullständig",
        )
        self.assertEqual(
            [v.text for v in note.versions.all()],
            ["Träffade Tolvan.", "Träffade Tolvan och hans mamma."],
        )
