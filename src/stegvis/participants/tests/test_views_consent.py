"""Consents on the participant pages: the registration consent when enrolling from a referral, and
a withdrawn consent to follow-up stopping the follow-ups everywhere they show as due.

Found by the browser journey (e2e/test_journey.py). Assertions check data and links, not wording.
"""

import datetime

from django.urls import reverse

from stegvis.participants import selectors, services
from stegvis.participants.models import ConsentPurpose, Enrollment, FollowUpKind, ReferralStatus
from stegvis.participants.tests import factories
from stegvis.participants.tests.base import ParticipantTestCase

D = datetime.date


class EnrollFromReferralTests(ParticipantTestCase):
    def setUp(self) -> None:
        person = factories.person(first_name="Vera", last_name="Remiss")
        referral = services.referral_submit(
            actor=self.referral, group=self.group, person=person, referrer_kind="CASEWORKER",
            reason="Vill arbeta", own_goal="Jobba med djur", motivation="Hög", consent_given=True,
        )  # fmt: skip
        self.referral_obj = services.referral_decide(
            actor=self.referral, referral=referral, decision=ReferralStatus.ACCEPTED,
            meeting_date=D(2025, 6, 10),
        )  # fmt: skip
        self.url = f"{reverse('participants:enroll')}?referral={referral.public_id}"
        self.form = {
            "enrollment-method": ["SE", "SED"], "enrollment-coach": self.coach.pk,
            "enrollment-start_date": "2025-06-16", "enrollment-status_at_start": "INACTIVE",
        }  # fmt: skip

    def test_the_registration_consent_is_asked_for(self) -> None:
        self.login(self.manager)
        response = self.client.get(self.url)
        self.assertContains(response, 'name="consent-consent_registration"')

    def test_the_registration_consent_given_is_recorded(self) -> None:
        self.login(self.manager)
        response = self.client.post(self.url, {**self.form, "consent-consent_registration": "on"})
        enrollment = Enrollment.objects.get(referral=self.referral_obj)
        self.assertRedirects(response, enrollment.get_absolute_url())
        consent = enrollment.person.consents.get()
        self.assertEqual(consent.purpose, ConsentPurpose.REGISTRATION)
        self.assertEqual(consent.given_on, D(2025, 6, 16))
        self.assertEqual(consent.enrollment, enrollment)

    def test_without_the_box_no_consent_is_recorded(self) -> None:
        self.login(self.manager)
        self.client.post(self.url, self.form)
        enrollment = Enrollment.objects.get(referral=self.referral_obj)
        self.assertFalse(enrollment.person.consents.exists())


class WithdrawnFollowUpConsentTests(ParticipantTestCase):
    """`mine` left on 2025-03-31 with a consent to follow-up; the 6-month follow-up is due on
    2025-09-30, and the coach looks at the caseload on 2025-09-20."""

    looking_on = D(2025, 9, 20)

    def setUp(self) -> None:
        self.consent = services.consent_record(
            actor=self.coach, person=self.mine.person, purpose=ConsentPurpose.FOLLOW_UP,
            given_on=D(2025, 1, 15),
        )  # fmt: skip
        services.enrollment_exit(
            actor=self.coach, enrollment=self.mine, end_date=D(2025, 3, 31), exit_status="EMPLOYED"
        )
        self.follow_up = self.mine.follow_ups.get(kind=FollowUpKind.M6)

    def _due(self) -> list:
        return list(
            selectors.follow_ups_due_for(self.coach, until=D(2025, 10, 20), today=self.looking_on)
        )

    def _next_follow_up(self) -> datetime.date | None:
        filters = selectors.CaseloadFilters(status="left")
        return (
            selectors.caseload_for(self.coach, filters=filters, today=self.looking_on)
            .get(pk=self.mine.pk)
            .next_follow_up
        )

    def _record_link(self) -> str:
        return reverse(
            "participants:timeline_action",
            args=[self.mine.public_id, "follow_up", self.follow_up.pk, "record"],
        )

    def test_with_the_consent_in_force_the_follow_up_is_due(self) -> None:
        self.assertEqual(self._due(), [self.follow_up])
        self.assertEqual(self._next_follow_up(), D(2025, 9, 30))
        self.login(self.coach)
        response = self.client.get(self.mine.get_absolute_url())
        self.assertIs(response.context["follow_up_stopped"], False)
        self.assertContains(response, self._record_link())

    def test_a_withdrawn_consent_stops_the_follow_ups(self) -> None:
        services.consent_withdraw(actor=self.coach, consent=self.consent, on=D(2025, 9, 1))
        self.assertEqual(self._due(), [])
        self.assertIsNone(self._next_follow_up())
        self.assertIs(selectors.follow_up_stopped(self.mine.person, on=self.looking_on), True)
        self.login(self.coach)
        response = self.client.get(self.mine.get_absolute_url())
        self.assertIs(response.context["follow_up_stopped"], True)
        self.assertNotContains(response, self._record_link())

    def test_a_withdrawal_from_a_later_date_stops_them_from_that_date(self) -> None:
        services.consent_withdraw(actor=self.coach, consent=self.consent, on=D(2025, 10, 1))
        self.assertEqual(self._due(), [self.follow_up])
        self.assertIs(selectors.follow_up_stopped(self.mine.person, on=D(2025, 10, 1)), True)

    def test_a_new_consent_resumes_them(self) -> None:
        services.consent_withdraw(actor=self.coach, consent=self.consent, on=D(2025, 9, 1))
        services.consent_record(
            actor=self.coach, person=self.mine.person, purpose=ConsentPurpose.FOLLOW_UP,
            given_on=D(2025, 9, 15),
        )  # fmt: skip
        self.assertEqual(self._due(), [self.follow_up])
        self.assertEqual(self._next_follow_up(), D(2025, 9, 30))

    def test_a_consent_that_ran_out_is_not_a_withdrawal(self) -> None:
        self.consent.valid_until = D(2025, 6, 30)
        self.consent.save()
        self.assertEqual(self._due(), [self.follow_up])

    def test_nobody_else_is_stopped(self) -> None:
        services.consent_withdraw(actor=self.coach, consent=self.consent, on=D(2025, 9, 1))
        services.enrollment_exit(
            actor=self.coach2, enrollment=self.theirs, end_date=D(2025, 3, 31), exit_status="OTHER"
        )
        due = selectors.follow_ups_due_for(
            self.manager, until=D(2025, 10, 20), today=self.looking_on
        )
        self.assertEqual({f.enrollment_id for f in due}, {self.theirs.pk})
