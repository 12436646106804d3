"""The retention rule: anonymise N years after the last participation ended; dry run writes nothing."""

from __future__ import annotations

import datetime
import io
import json

from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import override_settings

from stegvis.core.models import AuditEvent
from stegvis.participants import services as participant_services
from stegvis.participants.models import Person
from stegvis.participants.tests import factories
from stegvis.privacy import services, tasks
from stegvis.privacy.tests.base import PrivacyTestCase

# Stina left 2024-06-30. With 1 year, the cut-off on 2025-07-01 is 2024-07-01: she is due.
DUE = datetime.date(2025, 7, 1)


class RetentionTests(PrivacyTestCase):
    def test_the_candidates_are_those_whose_last_participation_ended_before_the_cutoff(
        self,
    ) -> None:
        self.assertEqual(list(services.retention_candidates(today=DUE, years=1)), [self.stina])
        self.assertEqual(
            list(services.retention_candidates(today=datetime.date(2025, 6, 30), years=1)), []
        )
        # A later, active participation keeps the person.
        factories.enrollment(project=self.project, actor=self.manager, person_obj=self.stina,
                             start_date=datetime.date(2025, 3, 1))  # fmt: skip
        self.assertEqual(list(services.retention_candidates(today=DUE, years=1)), [])

    def test_a_person_only_referred_counts_from_the_referral(self) -> None:
        group = participant_services.referral_group_create(
            actor=self.manager, project=self.project, name="RG"
        )
        only_referred = factories.person(first_name="Rut", last_name="Remiss")
        participant_services.referral_submit(
            actor=self.manager, group=group, person=only_referred, referrer_kind="SELF",
            received_on=datetime.date(2023, 1, 1), reason="x", own_goal="y", motivation="z",
            consent_given=True,
        )  # fmt: skip
        self.assertIn(only_referred, services.retention_candidates(today=DUE, years=1))

    def test_a_dry_run_counts_and_writes_nothing(self) -> None:
        events = AuditEvent.objects.count()
        report = services.retention_run(actor=None, today=DUE, years=1, dry_run=True)
        self.assertEqual((report.people, report.enrollments, report.erased), (1, 1, 0))
        self.assertEqual(report.by_project, {"2024/00001": 1})
        self.assertEqual(AuditEvent.objects.count(), events)
        self.assertEqual(Person.objects.get(pk=self.stina.pk).first_name, "Stina")

    def test_a_run_anonymises_and_is_audited_without_names(self) -> None:
        report = services.retention_run(actor=None, today=DUE, years=1, dry_run=False)
        self.assertEqual(report.erased, 1)
        self.assertIsNotNone(Person.objects.get(pk=self.stina.pk).erased_at)
        run = AuditEvent.objects.get(action="privacy.retention_run")
        self.assertEqual(run.changes["people"], [None, 1])
        self.assertNotIn("Stina", json.dumps(run.changes))
        erased = AuditEvent.objects.get(action="person.erased")
        self.assertIn("Gallring: 1 år", erased.changes["reason"][1])
        # Nothing left to do the next time.
        self.assertEqual(
            services.retention_run(actor=None, today=DUE, years=1, dry_run=False).people, 0
        )

    def test_the_period_is_at_least_a_year(self) -> None:
        with self.assertRaisesMessage(ValidationError, "minst ett år"):
            services.retention_run(actor=None, today=DUE, years=0, dry_run=True)

    @override_settings(STEGVIS_RETENTION_YEARS=1)
    def test_the_command_prints_counts_only(self) -> None:
        import time_machine

        out = io.StringIO()
        with time_machine.travel(datetime.datetime(2025, 7, 1, 12, tzinfo=datetime.UTC)):
            call_command("retention", "--dry-run", stdout=out)
        text = out.getvalue()
        self.assertIn("People would be anonymised: 1 (1 enrollments)", text)
        self.assertIn("2024/00001: 1", text)
        self.assertIn("Dry run: nothing was written.", text)
        self.assertNotIn("Stina", text)
        out = io.StringIO()
        with time_machine.travel(datetime.datetime(2025, 7, 1, 12, tzinfo=datetime.UTC)):
            call_command("retention", "--json", stdout=out)
        self.assertEqual(json.loads(out.getvalue())["erased"], 1)

    def test_the_command_explains_a_bad_period(self) -> None:
        with self.assertRaisesMessage(CommandError, "minst ett år"):
            call_command("retention", "--years", "-1", stdout=io.StringIO())

    def test_the_task_runs_on_the_worker_queue(self) -> None:
        out = io.StringIO()
        call_command("retention", "--enqueue", "--dry-run", stdout=out)
        self.assertIn("Queued for the worker", out.getvalue())
        report = tasks.retention_task.call(years=100, dry_run=True)
        self.assertEqual(report["people"], 0)
        self.assertIs(report["dry_run"], True)
