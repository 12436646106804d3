"""stegvis generate_dataset: what it makes, that it is the same for the same seed, and that it
refuses a database with data of its own (production) unless told --force."""

from __future__ import annotations

import io

from django.core.management import CommandError, call_command
from django.db import transaction
from django.db.models import Count
from django.test import TestCase

from stegvis.accounts import services as accounts
from stegvis.assessments.models import Assessment, Rating
from stegvis.core.management.commands.generate_dataset import fake_personnummer, luhn_digit
from stegvis.core.models import AuditEvent
from stegvis.participants import identity
from stegvis.participants.models import Contact, Enrollment, Person
from stegvis.projects.models import Project


def run(*args: str) -> str:
    out = io.StringIO()
    call_command("generate_dataset", *args, stdout=out)
    return out.getvalue()


class GeneratedDataTests(TestCase):
    def test_a_realistic_data_set_with_valid_encrypted_numbers(self) -> None:
        out = run("--participants", "30", "--seed", "4")
        self.assertIn("30 participants", out)
        self.assertEqual(Enrollment.objects.count(), 30)
        self.assertEqual(Project.objects.get().diarienummer, "GEN4-0001")
        # Every person's number decrypts to a valid personnummer of their birth year, and the
        # blind index finds them.
        for person in Person.objects.all():
            parsed = identity.parse_identity_number(person.identity_number)
            self.assertEqual(parsed.birth_year, person.birth_year)
            self.assertEqual(person.identity_index, parsed.blind_index)
        self.assertEqual(Person.objects.values("identity_index").distinct().count(), 30)
        # Contacts, SKAPA ratings (six domains for the participant, seven for the coach), exits.
        self.assertGreater(Contact.objects.count(), 30)
        for a in Assessment.objects.annotate(n=Count("ratings")):
            self.assertEqual(a.n, 6 if a.rater == "SELF" else 7)
        self.assertTrue(Enrollment.objects.filter(end_date__isnull=False).exclude(exit_status=""))
        self.assertTrue(AuditEvent.objects.filter(action="dataset.generated"))

    def test_the_same_seed_gives_the_same_data(self) -> None:
        def snapshot() -> list:
            return [
                list(Enrollment.objects.order_by("participant_code").values_list(
                    "participant_code", "method", "start_date", "end_date", "exit_status",
                    "person__birth_year", "person__gender", "person__identity_index",
                    "public_id")),
                sorted(Rating.objects.values_list(
                    "assessment__enrollment__participant_code", "assessment__date",
                    "domain__code", "value")),
            ]  # fmt: skip

        class Undo(Exception):  # noqa: N818
            pass

        try:
            with transaction.atomic():
                run("--participants", "15", "--seed", "9")
                first = snapshot()
                raise Undo
        except Undo:
            pass
        self.assertFalse(Enrollment.objects.exists())
        run("--participants", "15", "--seed", "9")
        self.assertEqual(snapshot(), first)

    def test_refuses_a_database_with_data_of_its_own(self) -> None:
        accounts.organisation_create(actor=None, name="Samordningsförbundet Riktigt")
        with self.assertRaisesMessage(CommandError, "organisations that were not generated"):
            run("--participants", "5")
        self.assertFalse(Enrollment.objects.exists())
        run("--participants", "5", "--force")
        self.assertEqual(Enrollment.objects.count(), 5)

    def test_refuses_the_same_seed_twice_and_bad_arguments(self) -> None:
        run("--participants", "3", "--seed", "2")
        with self.assertRaisesMessage(CommandError, "seed 2"):
            run("--participants", "3", "--seed", "2", "--force")
        run("--participants", "3", "--seed", "3")  # another seed adds a data set
        self.assertEqual(Enrollment.objects.count(), 6)
        with self.assertRaisesMessage(CommandError, "at least 1"):
            run("--participants", "0")
        with self.assertRaisesMessage(CommandError, "0 or more"):
            run("--participants", "1", "--seed", "-1")

    def test_personnummer_check_digit_and_gender(self) -> None:
        self.assertEqual(luhn_digit("811218987"), 6)  # 19811218-9876, Skatteverket's example
        import random

        rng = random.Random(1)  # noqa: S311
        taken: set[str] = set()
        for gender in ("K", "M"):
            digits = fake_personnummer(rng, 1990, gender, taken)
            self.assertEqual(int(digits[10]) % 2, 1 if gender == "M" else 0)
            identity.parse_identity_number(digits)
        self.assertEqual(len(taken), 2)
