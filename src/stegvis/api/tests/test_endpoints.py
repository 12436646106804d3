"""What the endpoints answer and record: lists and filters, names only where the page shows them,
the audit trail, writes through the pages' forms, aggregates for funders, and the exports."""

from __future__ import annotations

import csv
import io
import tempfile
import zipfile
from pathlib import Path

from django.core.management import CommandError, call_command

from stegvis.api.tests.base import ApiTestCase
from stegvis.core.models import AuditEvent
from stegvis.exchange import services as exchange_services


def files_of(content: bytes) -> dict[str, list[dict[str, str]]]:
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return {
            name: list(csv.DictReader(io.StringIO(archive.read(name).decode("utf-8"))))
            for name in archive.namelist()
        }


class ParticipantEndpointTests(ApiTestCase):
    def test_a_coach_lists_their_caseload_without_names_and_the_read_is_audited(self):
        response = self.api("coach", "participants/")
        self.assertEqual(response.status_code, 200)
        body = response.json()
        self.assertEqual(body["count"], 1)
        self.assertEqual([p["id"] for p in body["items"]], [str(self.mine.public_id)])
        self.assertNotIn("first_name", body["items"][0])
        self.assertNotIn("Tolvan", response.content.decode())
        event = AuditEvent.objects.filter(action="api.participants_listed").latest("at")
        self.assertEqual(event.actor, self.coach)
        self.assertEqual(event.changes["count"], [None, 1])

    def test_a_manager_filters_and_pages(self):
        everyone = self.api("manager", "participants/").json()
        self.assertEqual(everyone["count"], 2)
        page = self.api("manager", "participants/?limit=1&offset=1").json()
        self.assertEqual(page["count"], 2)
        self.assertEqual([p["id"] for p in page["items"]], [everyone["items"][1]["id"]])
        by_coach = self.api("manager", "participants/?coach=coach2").json()
        self.assertEqual([p["id"] for p in by_coach["items"]], [str(self.theirs.public_id)])
        for query, count in (
            (f"project={self.project.public_id}", 2),
            (f"project={self.other_project.public_id}", 0),
            ("method=ips", 0),
            ("method=SE", 2),
            ("status=left", 0),
            ("status=active", 2),
            ("changed_since=2999-01-01T00:00:00Z", 0),
        ):
            with self.subTest(query=query):
                self.assertEqual(
                    self.api("manager", f"participants/?{query}").json()["count"], count
                )

    def test_changed_since_is_compared_in_utc_and_a_time_out_of_range_is_a_400(self):
        # An offset Python allows but PostgreSQL refuses (found by schemathesis on PostgreSQL).
        for query in ("changed_since=2999-01-01T05:14:33-19:52", "changed_since=2999-01-01T00:00"):
            with self.subTest(query=query):
                self.assertEqual(self.api("manager", f"participants/?{query}").json()["count"], 0)
        self.assertEqual(
            self.api("manager", "participants/?changed_since=2000-01-01T23:00:00-19:52").json()[
                "count"
            ],
            2,
        )
        for query in (
            "changed_since=0135-10-26T05:14:33-19:52",
            "changed_since=0001-01-01T00:00+01:00",
        ):
            with self.subTest(query=query):
                response = self.api("manager", f"projects/?{query}")
                self.assertEqual(response.status_code, 400)
                self.assertIn("changed_since", response.json()["fields"])
        message = self.api("manager", "projects/?changed_since=0135-10-26T05:14:33-19:52").json()
        self.assertIn("1900", message["fields"]["changed_since"][0])

    def test_the_detail_has_the_name_and_is_audited_as_on_the_page(self):
        response = self.api("coach", f"participants/{self.mine.public_id}")
        self.assertEqual(response.json()["first_name"], "Tolvan")
        self.assertNotIn("19121212", response.content.decode())
        event = AuditEvent.objects.filter(action="participant.viewed").latest("at")
        self.assertEqual(event.person_key, self.mine.person.public_id)
        self.assertEqual(event.actor, self.coach)

    def test_a_contact_is_validated_by_the_pages_form_and_recorded_by_its_service(self):
        path = f"participants/{self.mine.public_id}/contacts"
        bad = self.api("coach", path, "post", data={"kind": "MEETING", "date": "2025-06-01",
                       "minutes": 0}, content_type="application/json")  # fmt: skip
        self.assertEqual(bad.status_code, 400)
        self.assertIn("minutes", bad.json()["fields"])
        response = self.api("coach", path, "post", content_type="application/json",
                            data={"kind": "PHONE", "date": "2025-06-03", "minutes": 15,
                                  "summary": "Pratade om praktik"})  # fmt: skip
        self.assertEqual(response.status_code, 201, response.content)
        self.assertEqual(response.json()["recorded_by"], "coach")
        event = AuditEvent.objects.filter(action="participant.contact_added").latest("at")
        self.assertEqual(event.actor, self.coach)
        listed = self.api("coach", f"{path}?limit=10").json()
        self.assertEqual(listed["count"], 2)
        self.assertEqual(listed["items"][0]["summary"], "Pratade om praktik")

    def test_a_service_rule_answers_400_with_the_reason(self):
        response = self.api(
            "coach", f"participants/{self.mine.public_id}/interventions", "post",
            data={"kind": "WORK_PRACTICE", "start_date": "2025-06-10", "end_date": "2025-06-01"},
            content_type="application/json",
        )  # fmt: skip
        self.assertEqual(response.status_code, 400)
        self.assertIn("end_date", response.json()["fields"])

    def test_malformed_ids_and_values_answer_400_in_json(self):
        for path in ("participants/not-a-uuid", "participants/?limit=0", "projects/?offset=-1",
                     "reports/projects/" + str(self.project.public_id) + "/outcomes?quarter=2025Q9"):  # fmt: skip
            with self.subTest(path=path):
                response = self.api("manager", path)
                self.assertEqual(response.status_code, 400)
                self.assertTrue(response.json()["error"])


class ReportEndpointTests(ApiTestCase):
    def test_a_funder_gets_aggregates_with_small_numbers_hidden_a_manager_exact(self):
        path = f"reports/projects/{self.project.public_id}/esf"
        funder = self.api("funder", path).json()
        manager = self.api("manager", path).json()
        self.assertIs(funder["exact"], False)
        self.assertIs(manager["exact"], True)
        all_participants = {r["code"]: r for r in manager["indicators"]}["EECO01"]
        self.assertEqual(all_participants["total"], 2)
        self.assertEqual({r["code"]: r for r in funder["indicators"]}["EECO01"]["total"], "<5")
        event = AuditEvent.objects.filter(action="report.exported").latest("at")
        self.assertEqual(event.changes["via"], [None, "api"])

    def test_a_period_the_wrong_way_round_is_explained(self):
        path = f"reports/projects/{self.project.public_id}/esf?start=2025-06-01&end=2025-01-01"
        self.assertEqual(self.api("manager", path).status_code, 400)

    def test_outcomes_and_methods_answer(self):
        outcomes = self.api(
            "manager", f"reports/projects/{self.project.public_id}/outcomes?quarter=2025Q1"
        )
        self.assertEqual(outcomes.json()["quarter"], "2025Q1")
        methods = self.api("funder", f"reports/methods?project={self.project.public_id}").json()
        self.assertEqual([g["participants"] for g in methods["groups"]], ["<5"])
        self.assertIs(methods["groups"][0]["hidden"], True)


class ExportTests(ApiTestCase):
    def test_a_manager_exports_the_full_files(self):
        response = self.api("manager", f"projects/{self.project.public_id}/export")
        self.assertEqual(response["Content-Type"], "application/zip")
        files = files_of(response.content)
        self.assertEqual(len(files["participants.csv"]), 2)
        self.assertIn("19121212-1212", {r["personnummer"] for r in files["participants.csv"]})
        event = AuditEvent.objects.filter(action="exchange.exported").latest("at")
        self.assertEqual(event.actor, self.manager)
        self.assertEqual(event.changes["people"], [None, 2])

    def test_an_evaluator_gets_stable_pseudonyms_and_nothing_that_names_a_person(self):
        path = f"projects/{self.project.public_id}/export?pseudonymise="
        first = files_of(self.api("evaluator", path + "eval-2026").content)
        again = files_of(self.api("evaluator", path + "eval-2026").content)
        other = files_of(self.api("evaluator", path + "other-key").content)
        rows = first["participants.csv"]
        self.assertEqual(len(rows), 2)
        self.assertTrue(all(r["participant_id"].startswith("P-") for r in rows))
        self.assertEqual(rows, again["participants.csv"])
        self.assertFalse(
            {r["participant_id"] for r in rows}
            & {r["participant_id"] for r in other["participants.csv"]}
        )
        self.assertEqual({r["personnummer"] for r in rows}, {""})
        self.assertEqual({r["coach"] for r in rows}, {""})
        self.assertEqual({r["birth_year"] for r in rows}, {"1912", "1990"})
        profile = first["profiles.csv"][0]
        self.assertEqual(
            profile["participant_id"],
            {r["participant_id"] for r in rows if r["birth_year"] == "1912"}.pop(),
        )
        self.assertEqual(profile["skills"], "")
        self.assertTrue(first["openings.csv"][0]["employer"].startswith("E-"))
        archive = self.api("evaluator", path + "eval-2026").content
        with zipfile.ZipFile(io.BytesIO(archive)) as z:
            content = "".join(z.read(n).decode() for n in z.namelist())
        for text in ("Tolvan", "Tolvansson", "121212", "Lagerhuset", "5560160680"):
            self.assertNotIn(text, content)
        event = AuditEvent.objects.filter(action="exchange.exported").latest("at")
        self.assertEqual(event.changes["pseudonym_key"], [None, "eval-2026"])

    def test_a_malformed_key_is_explained(self):
        response = self.api("manager", f"projects/{self.project.public_id}/export?pseudonymise=a b")
        self.assertEqual(response.status_code, 400)

    def test_the_command_writes_the_pseudonymised_files(self):
        with tempfile.TemporaryDirectory() as folder:
            call_command("export", folder, "--project", "2024/00001", "--pseudonymise", "eval-2026",
                         stdout=io.StringIO())  # fmt: skip
            text = (Path(folder) / "participants.csv").read_text()
        self.assertNotIn("19121212", text)
        self.assertIn("P-", text)
        with self.assertRaisesMessage(CommandError, "--pseudonymise"):
            call_command("export", "unused-dir", "--pseudonymise", "no way")

    def test_the_service_refuses_a_malformed_key(self):
        with tempfile.TemporaryDirectory() as folder, self.assertRaises(ValueError):
            exchange_services.exchange_export(actor=None, directory=Path(folder), pseudonym_key="?")
