"""The youth services: the guardian consent rule, studies and their outcomes, attendance, KAA,
and the audit trail of each write."""

from __future__ import annotations

import datetime
from decimal import Decimal

import time_machine
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from stegvis.core.models import AuditEvent
from stegvis.participants.tests import factories
from stegvis.youth import selectors, services
from stegvis.youth.models import Attendance, AttendanceSource
from stegvis.youth.tests.base import YouthTestCase as _Base


class YouthTestCase(_Base):
    """Messages are compared in English, the source language."""

    def setUp(self) -> None:
        super().setUp()
        self.enterContext(translation.override("en"))


class ConsentRuleTest(YouthTestCase):
    def test_a_minor_without_consent_lacks_every_cover(self) -> None:
        state = selectors.consent_state(self.young, on=datetime.date(self.this_year, 3, 1))
        self.assertIs(state.minor, True)
        self.assertEqual(state.missing, ["registration", "school", "kaa"])
        self.assertIs(state.warning, True)

    def test_an_adult_needs_no_guardian(self) -> None:
        state = selectors.consent_state(self.mine, on=datetime.date(self.this_year, 3, 1))
        self.assertIs(state.minor, False)
        self.assertIs(state.warning, False)

    def test_school_data_are_refused_without_the_school_consent(self) -> None:
        self.give_consent(school=False)
        with self.assertRaisesMessage(
            ValidationError, "no guardian's consent covers exchanging school data"
        ):
            services.studies_add(actor=self.coach, enrollment=self.young, school="Nordskolan",
                                 school_form="IM_IA")  # fmt: skip
        self.assertFalse(self.young.studies.exists())

    def test_kaa_is_refused_without_the_kaa_consent(self) -> None:
        self.give_consent(kaa=False)
        with self.assertRaisesMessage(ValidationError, "exchanging information with KAA"):
            services.kaa_referral_add(actor=self.coach, enrollment=self.young, direction="FROM_KAA",
                                      referred_on=datetime.date(self.this_year - 1, 8, 1),
                                      municipality="Skellefteå", reason="Inte i skolan sedan våren")  # fmt: skip
        with self.assertRaisesMessage(ValidationError, "exchanging information with KAA"):
            services.kaa_status_record(actor=self.coach, enrollment=self.young, status="REGISTERED",
                                       date=datetime.date(self.this_year - 1, 8, 1))  # fmt: skip

    def test_a_withdrawn_consent_stops_what_needs_it(self) -> None:
        consent = self.give_consent()
        today = timezone.localdate()
        services.guardian_consent_withdraw(actor=self.coach, consent=consent, on=today)
        self.assertIn("school", selectors.consent_state(self.young, on=today).missing)
        with self.assertRaises(ValidationError):
            services.studies_add(
                actor=self.coach, enrollment=self.young, school="Nordskolan", school_form="IM_IA"
            )
        self.assertEqual(
            AuditEvent.objects.filter(action="youth.guardian_consent_withdrawn").get().changes,
            {"withdrawn_on": [None, today.isoformat()]},
        )

    def test_withdrawing_twice_or_before_given_is_refused(self) -> None:
        consent = self.give_consent(on=datetime.date(self.this_year - 1, 8, 15))
        with self.assertRaisesMessage(ValidationError, "before it was given"):
            services.guardian_consent_withdraw(actor=self.coach, consent=consent,
                                               on=datetime.date(self.this_year - 1, 8, 1))  # fmt: skip
        services.guardian_consent_withdraw(
            actor=self.coach, consent=consent, on=datetime.date(self.this_year - 1, 9, 1)
        )
        with self.assertRaisesMessage(ValidationError, "already been withdrawn"):
            services.guardian_consent_withdraw(
                actor=self.coach, consent=consent, on=timezone.localdate()
            )

    def test_a_consent_needs_the_young_persons_agreement_and_a_cover(self) -> None:
        base = {"actor": self.coach, "enrollment": self.young, "guardian": self.guardian,
                "given_on": datetime.date(self.this_year - 1, 8, 15)}  # fmt: skip
        with self.assertRaisesMessage(ValidationError, "The young person must agree too"):
            services.guardian_consent_record(**base, covers_school=True)
        with self.assertRaisesMessage(ValidationError, "Tick what the consent covers"):
            services.guardian_consent_record(**base, young_person_agrees=True)
        with self.assertRaisesMessage(ValidationError, "cannot be given in the future"):
            services.guardian_consent_record(**{**base, "given_on": timezone.localdate() + datetime.timedelta(days=1)},
                                             covers_school=True, young_person_agrees=True)  # fmt: skip
        other = services.guardian_add(
            actor=self.coach2, enrollment=self.theirs, name="Annan", relation="PARENT"
        )
        with self.assertRaisesMessage(ValidationError, "one of the participant's guardians"):
            services.guardian_consent_record(
                **{**base, "guardian": other}, covers_school=True, young_person_agrees=True
            )

    def test_recording_a_consent_is_audited_with_what_it_covers(self) -> None:
        consent = self.give_consent(kaa=False)
        event = AuditEvent.objects.get(action="youth.guardian_consent_given")
        self.assertEqual(event.changes["covers"], [None, ["registration", "school"]])
        self.assertEqual(event.person_key, self.young.person.public_id)
        self.assertIs(consent.is_valid_on(consent.given_on), True)
        self.assertIs(consent.is_valid_on(consent.given_on - datetime.timedelta(days=1)), False)


class AgeTest(YouthTestCase):
    def test_the_identity_number_gives_the_exact_age(self) -> None:
        person = factories.person(identity_number="20080704-6388")  # a test number
        self.assertEqual(selectors.birth_date(person), datetime.date(2008, 7, 4))
        self.assertIs(selectors.is_minor(person, on=datetime.date(2026, 7, 3)), True)
        self.assertIs(selectors.is_minor(person, on=datetime.date(2026, 7, 4)), False)

    def test_a_coordination_number_has_sixty_added_to_the_day(self) -> None:
        person = factories.person(identity_number="20100864-1233", birth_year=None)
        self.assertEqual(selectors.birth_date(person), datetime.date(2010, 8, 4))

    def test_with_a_birth_year_only_the_person_is_a_minor_through_the_year_they_turn_18(
        self,
    ) -> None:
        person = factories.person(birth_year=2008)
        self.assertIs(selectors.is_minor(person, on=datetime.date(2026, 12, 31)), True)
        self.assertIs(selectors.is_minor(person, on=datetime.date(2027, 1, 1)), False)
        self.assertIsNone(selectors.birth_date(person))


class StudiesTest(YouthTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.give_consent()
        self.studies = services.studies_add(
            actor=self.coach, enrollment=self.young, school="Nordskolan", school_form="IM_IA",
            programme="Individuellt alternativ", started_on=datetime.date(self.this_year - 1, 8, 20),
            eligible_at_start=False, contact_name="Sam Skola", contact_phone="0910-123",
        )  # fmt: skip

    def test_adding_studies_is_audited_without_the_contact_persons_details(self) -> None:
        event = AuditEvent.objects.get(action="youth.studies_added")
        self.assertEqual(event.changes["school"], [None, "Nordskolan"])
        self.assertEqual(event.changes["contact_name"], ["***", "***"])
        self.assertNotIn("Sam Skola", str(event.changes))

    def test_outcomes_are_recorded_old_and_new(self) -> None:
        services.studies_update(actor=self.coach, studies=self.studies, eligible_on=datetime.date(self.this_year - 1, 12, 20),
                                dropout_risk_on=datetime.date(self.this_year - 1, 10, 1), dropout_outcome="AVERTED")  # fmt: skip
        event = AuditEvent.objects.get(action="youth.studies_changed")
        self.assertEqual(event.changes["dropout_outcome"], ["", "AVERTED"])
        self.assertEqual(event.changes["eligible_on"], [None, f"{self.this_year - 1}-12-20"])

    def test_nothing_changed_writes_no_event(self) -> None:
        services.studies_update(actor=self.coach, studies=self.studies, school="Nordskolan")
        self.assertFalse(AuditEvent.objects.filter(action="youth.studies_changed").exists())

    def test_an_unknown_field_is_a_programming_error(self) -> None:
        with self.assertRaises(ValueError):
            services.studies_update(actor=self.coach, studies=self.studies, enrollment=None)

    def test_completed_before_started_is_refused(self) -> None:
        with self.assertRaises(ValidationError):
            services.studies_update(actor=self.coach, studies=self.studies,
                                    completed_on=datetime.date(self.this_year - 2, 1, 1))  # fmt: skip

    def test_a_dropout_outcome_needs_the_day_the_risk_was_noticed(self) -> None:
        with self.assertRaises(ValidationError):
            services.studies_update(
                actor=self.coach, studies=self.studies, dropout_outcome="NOT_AVERTED"
            )

    @time_machine.travel(datetime.datetime(2026, 11, 20, 12, tzinfo=datetime.UTC))
    def test_attendance_is_recorded_and_corrected_with_old_and_new(self) -> None:
        month = datetime.date(2026, 9, 1)
        services.attendance_record(
            actor=self.coach, studies=self.studies, month=month, percent=Decimal("62.5")
        )
        row = services.attendance_record(actor=self.coach, studies=self.studies, month=month,
                                         percent=Decimal(70), source=AttendanceSource.SCHOOL)  # fmt: skip
        self.assertEqual(Attendance.objects.get().percent, Decimal(70))
        self.assertEqual(row.source, "SCHOOL")
        changes = [
            e.changes["percent"]
            for e in AuditEvent.objects.filter(action="youth.attendance_recorded").order_by("id")
        ]
        self.assertEqual(changes, [[None, "62.5"], ["62.5", "70"]])

    @time_machine.travel(datetime.datetime(2026, 11, 20, 12, tzinfo=datetime.UTC))
    def test_attendance_must_be_a_past_month_and_a_percentage(self) -> None:
        for month, percent, message in (
            (datetime.date(2026, 9, 2), Decimal(50), "first day"),
            (datetime.date(2026, 12, 1), Decimal(50), "future month"),
            (datetime.date(2026, 9, 1), Decimal(101), "from 0 to 100"),
        ):
            with (
                self.subTest(month=month, percent=percent),
                self.assertRaisesMessage(ValidationError, message),
            ):
                services.attendance_record(
                    actor=self.coach, studies=self.studies, month=month, percent=percent
                )
        self.assertFalse(Attendance.objects.exists())


class KaaTest(YouthTestCase):
    def test_kaa_status_and_referral_are_recorded_and_audited(self) -> None:
        self.give_consent()
        day = datetime.date(self.this_year - 1, 8, 1)
        services.kaa_status_record(
            actor=self.coach, enrollment=self.young, status="REGISTERED", date=day
        )
        services.kaa_status_record(actor=self.coach, enrollment=self.young, status="ACTIVITY",
                                   date=day + datetime.timedelta(days=20), note="I projektet")  # fmt: skip
        services.kaa_referral_add(actor=self.coach, enrollment=self.young, direction="FROM_KAA", referred_on=day,
                                  municipality=" Skellefteå ", reason="Inte i skolan", kaa_contact="KAA-Kim 0910-1")  # fmt: skip
        self.assertEqual(selectors.current_kaa_status(self.young).status, "ACTIVITY")
        self.assertEqual(self.young.kaa_referrals.get().municipality, "Skellefteå")
        self.assertEqual(
            sorted(
                AuditEvent.objects.filter(action__startswith="youth.kaa").values_list(
                    "action", flat=True
                )
            ),
            ["youth.kaa_referral_added", "youth.kaa_status_recorded", "youth.kaa_status_recorded"],
        )

    def test_an_adult_needs_no_guardian_for_kaa(self) -> None:
        services.kaa_status_record(
            actor=self.coach, enrollment=self.mine, status="ENDED", date=datetime.date(2025, 3, 1)
        )
        self.assertEqual(self.mine.kaa_statuses.count(), 1)


class GuardianTest(YouthTestCase):
    def test_a_guardians_details_never_enter_the_trail(self) -> None:
        event = AuditEvent.objects.get(action="youth.guardian_added")
        self.assertEqual(event.changes["relation"], [None, "PARENT"])
        self.assertNotIn("Vera", str(event.changes))
        self.assertNotIn("070", str(event.changes))
