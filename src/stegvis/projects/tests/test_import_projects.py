"""`stegvis import_projects`: dry runs, imports, re-imports and refused input."""

from __future__ import annotations

import json
import tempfile
from io import StringIO
from pathlib import Path

from django.core.management import CommandError, call_command

from stegvis.accounts.models import Organisation, OrganisationKind
from stegvis.core.models import AuditEvent
from stegvis.core.testing import BaseTestCase
from stegvis.projects.models import Project
from stegvis.projects.projektbanken import parse_file
from stegvis.projects.tests.records import (
    ESF_PLUS_EXPECTED,
    ESF_PLUS_FILE,
    EXPECTED,
    SAMPLE_FILES,
    sample_path,
)

FILES = [str(sample_path(name)) for name in SAMPLE_FILES] + [str(ESF_PLUS_FILE)]
DIARIENUMMER = ["2020/00085", "2020/00553", "2020/00581", "22-015-S01"]
OWNERS = [
    "Stiftelsen Activa",
    "Samordningsförbundet i Halland",
    "Urkraft ASF AB",
    "Skellefteå kommun",
]


class ImportProjectsTestCase(BaseTestCase):
    def setUp(self):
        self.directory = Path(self.enterContext(tempfile.TemporaryDirectory()))

    def run_command(self, *args: str) -> str:
        out = StringIO()
        call_command("import_projects", *args, stdout=out)
        return out.getvalue()

    def counts(self) -> tuple[int, int, int]:
        return Project.objects.count(), Organisation.objects.count(), AuditEvent.objects.count()

    def write(self, name: str, text: str) -> str:
        path = self.directory / name
        path.write_text(text, encoding="utf-8")
        return str(path)

    def messa_text(self) -> str:
        return sample_path("2020-00581-messa.txt").read_text(encoding="utf-8")


class DryRunTests(ImportProjectsTestCase):
    def test_dry_run_json_prints_the_parsed_records_and_writes_nothing(self):
        before = self.counts()
        printed = json.loads(self.run_command(*FILES, "--dry-run", "--json"))
        self.assertEqual(printed, [parse_file(path).as_json() for path in FILES])
        self.assertEqual([r["diarienummer"] for r in printed], DIARIENUMMER)
        self.assertEqual(printed[3], ESF_PLUS_EXPECTED)
        messa = {k: v for k, v in printed[2].items() if k != "description"}
        self.assertEqual(messa, EXPECTED["2020-00581-messa.txt"])
        self.assertEqual(self.counts(), before)

    def test_dry_run_without_json_lists_what_would_be_imported(self):
        before = self.counts()
        output = self.run_command(FILES[2], "--dry-run")
        self.assertEqual(output, "would import 2020/00581 MESSA\n")
        self.assertEqual(self.counts(), before)


class ImportTests(ImportProjectsTestCase):
    def test_importing_creates_the_projects_their_owners_and_audit_events(self):
        projects, organisations, _events = self.counts()
        output = self.run_command(*FILES, "--user", "admin")
        self.assertEqual(
            output.splitlines(),
            [
                "created 2020/00085 Arbetsspår",
                "created 2020/00553 PROGRESS",
                "created 2020/00581 MESSA",
                "created 22-015-S01 Vägar framåt",
            ],
        )
        imported = Project.objects.filter(diarienummer__in=DIARIENUMMER).order_by("diarienummer")
        self.assertEqual(Project.objects.count(), projects + 4)
        self.assertEqual([p.owner.name for p in imported], OWNERS)
        self.assertEqual(Organisation.objects.count(), organisations + 4)
        self.assertEqual([p.programme_period for p in imported], ["2014-2020"] * 3 + ["2021-2027"])
        for project in imported:
            with self.subTest(project=project.diarienummer):
                [event] = AuditEvent.objects.filter(
                    action="project.imported", object_id=str(project.pk)
                )
                self.assertEqual(event.actor, self.admin)
                self.assertEqual(event.changes["name"], [None, project.name])

    def test_the_esf_plus_record_is_stored_with_its_unknown_labels(self):
        self.run_command(str(ESF_PLUS_FILE))
        project = Project.objects.get(diarienummer="22-015-S01")
        self.assertEqual(
            (project.nuts2, project.fund, project.city), ("SE33", "ESF+", "Skellefteå")
        )
        self.assertEqual((project.programme_area, project.specific_objective), ("A", "A2A"))
        self.assertEqual(project.owner.kind, OrganisationKind.MUNICIPALITY)
        self.assertEqual(project.owner.org_number, "212000-2627")
        self.assertEqual(
            project.extra,
            [
                ["Land som berörs", "Sverige"],
                ["Program CCI", "2021SE05SFPR001"],
                ["Sekundärtema - Motverka barnfattigdom", "Ja"],
                ["Insats av strategisk betydelse", "Nej"],
            ],
        )

    def test_without_user_the_system_is_the_actor(self):
        self.run_command(FILES[2])
        project = Project.objects.get(diarienummer="2020/00581")
        event = AuditEvent.objects.get(action="project.imported", object_id=str(project.pk))
        self.assertIsNone(event.actor)

    def test_json_without_dry_run_imports_and_prints_the_records(self):
        printed = json.loads(self.run_command(FILES[2], "--json"))
        self.assertEqual([r["diarienummer"] for r in printed], ["2020/00581"])
        self.assertIs(Project.objects.filter(diarienummer="2020/00581").exists(), True)

    def test_importing_the_same_files_again_changes_nothing(self):
        self.run_command(*FILES, "--user", "admin")
        before = self.counts()
        output = self.run_command(*FILES, "--user", "admin")
        self.assertEqual(self.counts(), before)
        self.assertEqual(AuditEvent.objects.filter(action="project.reimported").count(), 0)
        self.assertIn("updated 2020/00581 MESSA", output)

    def test_a_changed_record_updates_the_project_and_records_the_changed_fields(self):
        self.run_command(FILES[2])
        changed = self.messa_text().replace("Övre Norrland", "Mellersta Norrland")
        changed = changed.replace("Therese Lundgren", "Tove Lund")
        self.run_command(self.write("messa.txt", changed), "--user", "admin")
        project = Project.objects.get(diarienummer="2020/00581")
        self.assertEqual(
            (project.region, project.contact_name), ("Mellersta Norrland", "Tove Lund")
        )
        [event] = AuditEvent.objects.filter(action="project.reimported")
        self.assertEqual(event.actor, self.admin)
        self.assertEqual(
            event.changes,
            {
                "contact_name": ["Therese Lundgren", "Tove Lund"],
                "region": ["Övre Norrland", "Mellersta Norrland"],
            },
        )


class RefusedImportTests(ImportProjectsTestCase):
    def test_one_bad_file_among_good_ones_imports_nothing_and_names_the_file(self):
        bad = self.write("trasig.txt", self.messa_text().replace("8 332 338", "åtta miljoner"))
        before = self.counts()
        with self.assertRaises(CommandError) as caught:
            self.run_command(FILES[0], bad, FILES[1], "--user", "admin")
        message = str(caught.exception)
        self.assertIn("Nothing was imported", message)
        self.assertIn(f"{bad}: 'Total projektbudget'", message)
        self.assertNotIn(FILES[0], message)
        self.assertEqual(self.counts(), before)

    def test_every_bad_file_is_named(self):
        bad = self.write("trasig.txt", "2020/00001\n\nDiarienummer:\n2020/00001\n")
        missing = str(self.directory / "finns-inte.txt")
        with self.assertRaises(CommandError) as caught:
            self.run_command(bad, FILES[0], missing)
        self.assertIn(f"{bad}: the record has no project name", str(caught.exception))
        self.assertIn(f"{missing}: the file cannot be read", str(caught.exception))

    def test_a_record_the_model_refuses_imports_nothing_and_names_the_file(self):
        bad = self.write(
            "fel-epost.txt", self.messa_text().replace("therese@urkraft.se", "therese")
        )
        before = self.counts()
        with self.assertRaises(CommandError) as caught:
            self.run_command(FILES[0], bad, "--user", "admin")
        self.assertIn(f"{bad}: ", str(caught.exception))
        self.assertEqual(self.counts(), before)

    def test_an_unknown_user_is_refused_before_anything_is_written(self):
        before = self.counts()
        with self.assertRaisesMessage(CommandError, "There is no active user 'nobody'."):
            self.run_command(*FILES, "--user", "nobody")
        self.assertEqual(self.counts(), before)

    def test_a_user_who_may_not_import_is_refused(self):
        before = self.counts()
        with self.assertRaisesMessage(CommandError, "The user 'manager' may not import projects."):
            self.run_command(*FILES, "--user", "manager")
        self.assertEqual(self.counts(), before)
