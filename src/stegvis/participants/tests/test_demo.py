from django.core.management import call_command
from django.test import TestCase

from stegvis.accounts.models import User
from stegvis.participants.models import Enrollment, Referral
from stegvis.participants.selectors import CaseloadFilters, caseload_for


class DemoCaseloadTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115

    def test_the_two_coaches_caseloads_never_overlap(self):
        import datetime

        def caseload(username):
            user = User.objects.get(username=username)
            return set(
                caseload_for(
                    user, filters=CaseloadFilters(status="all"), today=datetime.date(2026, 1, 1)
                )
            )

        coach, coach2 = caseload("coach"), caseload("coach2")
        self.assertTrue(coach)
        self.assertTrue(coach2)
        self.assertEqual(coach & coach2, set())

    def test_seeding_again_changes_nothing(self):
        before = (Enrollment.objects.count(), Referral.objects.count())
        call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
        self.assertEqual((Enrollment.objects.count(), Referral.objects.count()), before)

    def test_referrals_wait_for_the_referral_group(self):
        self.assertEqual(Referral.objects.filter(status="NEW").count(), 3)
