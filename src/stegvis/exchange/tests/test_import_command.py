"""The import command's options: --create-coaches, --user, --json; missing files; queries per run."""

from __future__ import annotations

import io
import json

from django.contrib.contenttypes.models import ContentType
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from stegvis.accounts.models import Membership, User
from stegvis.core.models import AuditEvent
from stegvis.core.permissions import Role
from stegvis.exchange import services
from stegvis.exchange.reading import Source
from stegvis.exchange.tests import helpers
from stegvis.exchange.tests.base import (
    A1,
    A2,
    ExchangeTestCase,
    participant,
)
from stegvis.participants.models import CoachAssignment, Enrollment
from stegvis.projects.models import ProjectStaff


class CreateCoachesTests(ExchangeTestCase):
    def test_unknown_coaches_get_inactive_accounts(self):
        rows = [participant(coach="ny.coach"), participant(A2, coach="ny.coach"),
                participant(A2, participant_id="S1", project=self.other_project.diarienummer, coach="ny.coach")]  # fmt: skip
        self.run_import(self.participants_file(*rows), create_coaches=True, user="admin")
        user = User.objects.get(username="ny.coach")
        self.assertIs(user.is_active, False)
        self.assertIs(user.has_usable_password(), False)
        self.assertEqual(
            set(Membership.objects.filter(user=user).values_list("organisation", "role")),
            {(self.org.pk, Role.COACH), (self.other_org.pk, Role.COACH)},
        )
        self.assertEqual(
            set(ProjectStaff.objects.filter(user=user).values_list("project", "role")),
            {(self.project.pk, Role.COACH), (self.other_project.pk, Role.COACH)},
        )
        self.assertEqual(Enrollment.objects.filter(coach=user).count(), 3)
        self.assertEqual(CoachAssignment.objects.filter(coach=user).count(), 3)
        self.assertEqual(
            list(
                AuditEvent.objects.filter(object_label="ny.coach")
                .values_list("action", flat=True)
                .order_by("id")
            ),
            ["user.created", "membership.added", "membership.added", "user.updated"],
        )

    def test_a_second_import_finds_the_created_coach(self):
        path = self.participants_file(participant(coach="ny.coach"))
        self.run_import(path, create_coaches=True)
        events = AuditEvent.objects.count()
        self.assertEqual(self.run_import(path, create_coaches=True)["participants"]["unchanged"], 1)
        self.assertEqual(self.run_import(path)["participants"]["unchanged"], 1)
        self.assertEqual(AuditEvent.objects.count(), events)

    def test_a_user_name_that_cannot_be_an_account(self):
        path = self.participants_file(participant(coach="anna karlsson"))
        self.assertEqual(
            self.import_problems(path, create_coaches=True),
            [
                f"{path}:2: coach: anna karlsson: A user name may hold only letters, digits and @ . + - _."
            ],
        )

    def test_without_the_option_nothing_is_created(self):
        self.import_problems(self.participants_file(participant(coach="ny.coach")))
        self.assertFalse(User.objects.filter(username="ny.coach").exists())


class CommandUserTests(ExchangeTestCase):
    def test_the_user_must_exist_and_may_register_participants(self):
        path = self.participants_file(participant())
        for username, message in (
            ("nobody", "There is no active user 'nobody'."),
            ("funder", "The user 'funder' may not register participants."),
        ):
            with self.subTest(username=username), self.assertRaisesMessage(CommandError, message):
                call_command("import", path, user=username, stdout=io.StringIO())
        self.assertFalse(Enrollment.objects.exists())

    def test_a_missing_file(self):
        with self.assertRaisesMessage(
            CommandError, "nowhere.csv: The file cannot be read (No such file or directory)."
        ):
            call_command("import", str(self.dir / "nowhere.csv"), stdout=io.StringIO())

    def test_the_json_errors(self):
        out = io.StringIO()
        path = self.participants_file(participant(gender="Q"))
        with self.assertRaises(CommandError):
            call_command("import", path, json=True, stdout=out)
        self.assertEqual(
            json.loads(out.getvalue()),
            {"errors": [{"file": path, "row": 2, "column": "gender", "value": "Q",
                         "reason": "This is not one of the codes of the column. Use K, M or X."}]},
        )  # fmt: skip

    def test_without_a_user_the_system_is_the_actor(self):
        self.run_import(self.participants_file(participant()))
        self.assertFalse(
            AuditEvent.objects.filter(action="participant.enrolled", actor__isnull=False).exists()
        )
        self.assertEqual(A1["participant_id"], Enrollment.objects.get().participant_code)


class QueryCountTests(ExchangeTestCase):
    """The queries of a run do not grow with its rows (a few thousand import in seconds)."""

    def queries(self, count: int, *, first: int) -> tuple[int, int]:
        people, jobs = helpers.generated_participants(
            self.project.diarienummer, count, coach="coach", first=first
        )
        new = [
            Source("participants.csv", people.encode()),
            Source("employments.csv", jobs.encode()),
        ]
        changed = people.replace(",UNEMPLOYED,", ",INACTIVE,")
        again = [Source("participants.csv", changed.encode()), new[1]]
        ContentType.objects.clear_cache()  # else only the first run would look the types up
        with CaptureQueriesContext(connection) as creating:
            services.exchange_import(actor=self.manager, sources=new)
        with CaptureQueriesContext(connection) as updating:
            services.exchange_import(actor=self.manager, sources=again)
        return len(creating), len(updating)

    def test_ten_and_a_hundred_participants_take_the_same_queries(self):
        self.assertEqual(self.queries(10, first=0), self.queries(100, first=1000))
