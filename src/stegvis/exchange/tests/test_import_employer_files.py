"""profiles.csv and openings.csv: imported with the participants, keyed as the spec says,
checked row by row, written through the employers app's services, and exported again."""

from __future__ import annotations

import csv
from decimal import Decimal

from stegvis.core.models import AuditEvent
from stegvis.employers.models import Employer, Opening, VocationalProfile
from stegvis.exchange.tests.base import ExchangeTestCase, participant

PROFILE_HEADER = "participant_id;project;wanted_occupation;ssyk;hours_per_week;municipalities;skills;driving_licence;not_wanted"
OPENING_HEADER = "opening_id;project;employer;employer_org_number;title;ssyk;municipality;hours_per_week;requirements;driving_licence_required;start_date"


class EmployerFilesImportTests(ExchangeTestCase):
    def profiles(self, *rows: str) -> str:
        return self.file("profiles.csv", "\n".join([PROFILE_HEADER, *rows]) + "\n")

    def openings(self, *rows: str) -> str:
        return self.file("openings.csv", "\n".join([OPENING_HEADER, *rows]) + "\n")

    def test_profiles_and_openings_come_in_with_the_participants_and_a_second_run_changes_nothing(
        self,
    ):
        files = (
            self.participants_file(participant()),
            self.profiles(
                "A1;2024/00001;Jobba på lager;4321;20,5;2482 180;Truckkort;yes;Nattarbete"
            ),
            self.openings(
                "J1;2024/00001;Stora Lagret AB;5560160680;Lagerarbetare;4321;2482;20;Truckkort;NO;2025-09-01",
                "J2;2024/00001;Stora Lagret AB;556016-0680;Truckförare;8344;2482;40;;YES;",
                "J3;2024/00001;Kvartersbutiken;;Butiksbiträde;;;;;;",
            ),
        )
        counts = self.run_import(*files)
        self.assertEqual(counts["profiles"], {"created": 1, "updated": 0, "unchanged": 0})
        self.assertEqual(counts["openings"], {"created": 3, "updated": 0, "unchanged": 0})
        profile = VocationalProfile.objects.get()
        self.assertEqual(
            (profile.enrollment.participant_code, profile.hours_per_week), ("A1", Decimal("20.5"))
        )
        self.assertEqual((profile.municipalities, profile.driving_licence), ("2482 0180", True))
        self.assertEqual(Employer.objects.filter(organisation=self.org).count(), 2)
        self.assertEqual(Opening.objects.get(code="J2").employer.org_number, "556016-0680")
        self.assertTrue(AuditEvent.objects.filter(action="vocational_profile.created").exists())
        again = self.run_import(*files)
        self.assertEqual(again["profiles"]["unchanged"], 1)
        self.assertEqual(again["openings"]["unchanged"], 3)

    def test_a_changed_row_updates(self):
        files = [self.participants_file(participant()), self.profiles("A1;2024/00001;Kock;;;;;;"),
                 self.openings("J1;2024/00001;Krogen;;Kock;5120;;;;;")]  # fmt: skip
        self.run_import(*files)
        files[1] = self.profiles("A1;2024/00001;Kock på restaurang;5120;;;;;")
        files[2] = self.openings("J1;2024/00001;Krogen;;Kock;5120;2482;40;;;")
        counts = self.run_import(*files)
        self.assertEqual((counts["profiles"]["updated"], counts["openings"]["updated"]), (1, 1))
        self.assertEqual(VocationalProfile.objects.get().ssyk, "5120")
        self.assertEqual(Opening.objects.get().hours_per_week, Decimal(40))

    def test_every_bad_row_is_named_and_nothing_is_written(self):
        lines = self.import_problems(
            self.participants_file(participant()),
            self.profiles(
                "A1;2024/00001;Kock;9999;;24820;;kanske;",
                "A1;2024/00001;Kock;;;;;;",
                "X9;2024/00001;Kock;;;;;;",
                ";2024/00001;;;;;;;",
            ),
            self.openings(
                "J1;2024/00001;Krogen;556016-0681;Kock;;;;;;",
                "J1;2024/00001;Krogen;;Kock;;;;;;",
            ),
        )
        text = "\n".join(lines)
        for expected in ("profiles.csv:2: ssyk", "profiles.csv:2: municipalities", "profiles.csv:2: driving_licence",
                         "profiles.csv:4: participant_id", "profiles.csv:5: participant_id", "profiles.csv:5: wanted_occupation",
                         "openings.csv:2: employer_org_number", "openings.csv:3: opening_id"):  # fmt: skip
            self.assertIn(expected, text)
        self.assertFalse(VocationalProfile.objects.exists())
        self.assertFalse(Opening.objects.exists())

    def test_an_opening_keeps_its_employer(self):
        self.run_import(self.openings("J1;2024/00001;Krogen;;Kock;;;;;;"))
        lines = self.import_problems(self.openings("J1;2024/00001;Annan krog;;Kock;;;;;;"))
        self.assertIn("openings.csv:2: employer", lines[0])

    def test_the_export_writes_both_files_that_import_again_unchanged(self):
        files = (
            self.participants_file(participant()),
            self.profiles("A1;2024/00001;Jobba på lager;4321;20;2482;Truckkort;NO;"),
            self.openings(
                "J1;2024/00001;Stora Lagret AB;5560160680;Lagerarbetare;4321;2482;20;Truckkort;YES;2025-09-01"
            ),
        )
        self.run_import(*files)
        out = self.dir / "out"
        from django.core.management import call_command

        call_command("export", str(out), "--project", "2024/00001", stdout=open("/dev/null", "w"))  # noqa: SIM115
        with (out / "profiles.csv").open(encoding="utf-8") as handle:
            rows = list(csv.DictReader(handle))
        self.assertEqual(rows[0]["driving_licence"], "NO")
        with (out / "openings.csv").open(encoding="utf-8") as handle:
            opening = next(csv.DictReader(handle))
        self.assertEqual((opening["opening_id"], opening["employer_org_number"], opening["driving_licence_required"]),
                         ("J1", "556016-0680", "YES"))  # fmt: skip
        counts = self.run_import(
            str(out / "participants.csv"), str(out / "profiles.csv"), str(out / "openings.csv")
        )
        self.assertEqual((counts["profiles"]["unchanged"], counts["openings"]["unchanged"]), (1, 1))
