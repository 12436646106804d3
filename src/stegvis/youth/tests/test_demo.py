import datetime

from django.core.management import call_command
from django.test import TestCase

from stegvis.participants.models import Enrollment
from stegvis.youth import report, selectors
from stegvis.youth.demo import seed_youth


class DemoYouthTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115

    def test_nova_has_school_outcomes_a_guardians_consent_and_a_kaa_referral(self) -> None:
        nova = Enrollment.objects.get(person__first_name="Nova", person__last_name="Lind")
        self.assertEqual(nova.coach.username, "coach")
        self.assertIs(selectors.consent_state(nova, on=datetime.date.today()).warning, False)  # noqa: DTZ011
        self.assertEqual(nova.kaa_referrals.count(), 1)
        self.assertEqual(
            list(nova.studies.get().attendance.values_list("percent", flat=True)),
            [55, 62, 70, 78, 85],
        )
        self.assertIsNotNone(nova.studies.get().eligible_on)

    def test_the_report_has_figures_for_every_gender_and_seeding_again_changes_nothing(
        self,
    ) -> None:
        project = Enrollment.objects.get(person__first_name="Nova").project
        groups = report.school_report(project).groups
        self.assertEqual([groups[g].participants for g in ("K", "M", "X", "total")], [2, 2, 1, 5])
        self.assertEqual(seed_youth(), 5)
        self.assertEqual(report.school_report(project).people, 5)


class NoDemoProjectTests(TestCase):
    def test_without_the_demo_project_nothing_is_made(self) -> None:
        self.assertEqual(seed_youth(), 0)
