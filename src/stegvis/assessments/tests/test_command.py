"""stegvis selfassessment_link --project DNR --participant ID."""

import re
from io import StringIO

from django.core.management import CommandError, call_command
from django.test import override_settings

from stegvis.assessments.models import Rater, SelfAssessmentLink
from stegvis.assessments.tests.base import AssessmentTestCase
from stegvis.core.models import AuditEvent
from stegvis.participants import services as participant_services


class SelfAssessmentLinkCommandTests(AssessmentTestCase):
    def run_command(self, *args):
        out, err = StringIO(), StringIO()
        call_command("selfassessment_link", *args, stdout=out, stderr=err)
        return out.getvalue(), err.getvalue()

    @override_settings(STEGVIS_BASE_URL="https://stegvis.example.se")
    def test_it_prints_a_working_link_for_the_participant(self):
        out, err = self.run_command(
            "--project", "2024/00001", "--participant", self.mine.participant_code
        )
        self.assertRegex(out.strip(), r"^https://stegvis\.example\.se/s/[A-Za-z0-9_-]{43}/$")
        self.assertIn("works until", err)
        link = SelfAssessmentLink.objects.get()
        self.assertEqual(link.created_by, self.coach)
        self.assertEqual(link.assessment.enrollment, self.mine)
        self.assertTrue(
            AuditEvent.objects.filter(
                action="selfassessment.link_created", actor=self.coach
            ).exists()
        )
        path = re.sub(r"^https://[^/]+", "", out.strip())
        self.assertContains(self.client.get(path, follow=True), "Hej Tolvan!")

    def test_it_can_act_in_another_users_name(self):
        self.run_command(
            "--project",
            "2024/00001",
            "--participant",
            self.mine.participant_code,
            "--user",
            "manager",
        )
        self.assertEqual(SelfAssessmentLink.objects.get().created_by, self.manager)

    def test_it_explains_what_is_wrong(self):
        cases = [
            (("--project", "2024/00001", "--participant", "NOPE"), "No participant"),
            (("--project", "2024/00002", "--participant", self.elsewhere.participant_code), "no coach"),
            (("--project", "2024/00001", "--participant", self.mine.participant_code, "--user", "ghost"), "No active user"),
        ]  # fmt: skip
        for args, message in cases:
            with self.subTest(args=args), self.assertRaisesMessage(CommandError, message):
                self.run_command(*args)
        self.record(
            self.mine, rater=Rater.SELF, date=__import__("django").utils.timezone.localdate()
        )
        with self.assertRaisesMessage(CommandError, "redan skickat in"):
            self.run_command("--project", "2024/00001", "--participant", self.mine.participant_code)

    def test_it_needs_an_instrument_participants_rate(self):
        self.v1.rated_by = "COACH"
        self.v1.save()
        with self.assertRaisesMessage(CommandError, "no instrument"):
            self.run_command("--project", "2024/00001", "--participant", self.mine.participant_code)

    def test_no_link_for_someone_who_left(self):
        import datetime

        participant_services.enrollment_exit(
            actor=self.coach,
            enrollment=self.mine,
            end_date=datetime.date(2025, 5, 1),
            exit_status="EMPLOYED",
        )
        with self.assertRaisesMessage(CommandError, "avslutat"):
            self.run_command("--project", "2024/00001", "--participant", self.mine.participant_code)
