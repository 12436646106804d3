"""assessments.csv: imported with the participants (or for those Stegvis has), keyed by project,
participant_id, date, rater and instrument among submitted assessments, every bad row named,
written in bulk through assessments.services, and exported so that an empty installation gets
the same assessments back."""

from __future__ import annotations

import csv
import datetime
import io
from unittest import mock

from django.core.management import call_command
from django.test import override_settings

from stegvis.assessments import services as assessment_services
from stegvis.assessments.models import (
    Assessment,
    AssessmentSource,
    AssessmentStatus,
    Instrument,
    Rating,
)
from stegvis.assessments.services import DomainSpec
from stegvis.core.models import AuditEvent
from stegvis.exchange import assessment_files, uploads
from stegvis.exchange.models import ImportJob
from stegvis.exchange.reading import Source
from stegvis.exchange.tests import helpers
from stegvis.exchange.tests.base import A2, ExchangeTestCase, participant
from stegvis.exchange.tests.jobs import ImportJobTestCase, needs_sqlite_for_the_worker
from stegvis.exchange.tests.test_views import ImportPageTestCase, upload
from stegvis.exchange.views import SESSION_KEY
from stegvis.participants.models import CoachAssignment, Employment, Enrollment, Person

SKAPA = helpers.SKAPA_COLUMNS.split(",")
SELF_A1 = {
    "participant_id": "A1", "project": "2024/00001", "date": "2025-02-01", "rater": "SELF",
    "instrument": "SKAPA", "typ_av_arbete": "3", "klara_ett_arbete": "4", "kompetens": "5",
    "vardag_natverk": "2", "samarbetsformaga": "6", "halsa": "4",
}  # fmt: skip
COACH_A1 = {**SELF_A1, "rater": "COACH", "typ_av_arbete": "5", "tilltro": "7"}


def assessment(base: dict[str, str] | None = None, **changes: str) -> str:
    return helpers.assessment_row(**{**(base if base is not None else SELF_A1), **changes})


def ratings_of(enrollment_code: str, rater: str, date: str = "2025-02-01") -> dict[str, int]:
    found = Assessment.objects.get(
        enrollment__participant_code=enrollment_code, rater=rater, date=date, status="SUBMITTED"
    )
    return {r.domain.code: r.value for r in found.ratings.select_related("domain")}


class AssessmentImportTestCase(ExchangeTestCase):
    def assessments_file(self, *rows: str, name: str = "assessments.csv", header: str = "") -> str:
        return self.file(name, "\n".join([header or helpers.ASSESSMENT_HEADER, *rows]) + "\n")


class ValidRowsTests(AssessmentImportTestCase):
    def test_assessments_come_in_with_their_participants(self):
        counts = self.run_import(
            self.participants_file(participant(), participant(A2)),
            self.assessments_file(
                assessment(),
                assessment(COACH_A1),
                # Codes in any case; a coach's row without tilltro.
                assessment(COACH_A1, date="2025-05-01", rater="coach", instrument="skapa", tilltro=""),
                assessment(participant_id="A2", halsa="10", typ_av_arbete="1"),
            ),
        )  # fmt: skip
        self.assertEqual(counts["assessments"], {"created": 4, "updated": 0, "unchanged": 0})
        self.assertEqual(
            ratings_of("A1", "SELF"),
            {"typ_av_arbete": 3, "klara_ett_arbete": 4, "kompetens": 5, "vardag_natverk": 2,
             "samarbetsformaga": 6, "halsa": 4},
        )  # fmt: skip
        self.assertEqual(ratings_of("A1", "COACH")["tilltro"], 7)
        self.assertNotIn("tilltro", ratings_of("A1", "COACH", "2025-05-01"))
        self.assertEqual(ratings_of("A2", "SELF")["halsa"], 10)
        skapa = Instrument.objects.get(code="SKAPA")
        for found in Assessment.objects.all():
            self.assertEqual(
                (found.status, found.source, found.instrument, found.version, found.entered_by),
                (AssessmentStatus.SUBMITTED, AssessmentSource.IMPORT, skapa, skapa.current_version(), None),
            )  # fmt: skip
            self.assertIsNotNone(found.submitted_at)

    def test_each_new_assessment_is_audited_on_the_person_as_assessment_record_audits_it(self):
        self.run_import(
            self.participants_file(participant()),
            self.assessments_file(assessment(COACH_A1)),
            user="manager",
        )
        enrollment = Enrollment.objects.select_related("person").get(participant_code="A1")
        found = Assessment.objects.get()
        event = AuditEvent.objects.get(action="assessment.recorded")
        self.assertEqual(
            (event.actor, event.object_id, event.person_key, found.entered_by),
            (self.manager, str(found.pk), enrollment.person.public_id, self.manager),
        )
        self.assertEqual(
            event.changes,
            {"instrument": [None, "SKAPA"], "version": [None, 1], "date": [None, "2025-02-01"],
             "rater": [None, "COACH"], "source": [None, "IMPORT"], "typ_av_arbete": [None, 5],
             "klara_ett_arbete": [None, 4], "kompetens": [None, 5], "vardag_natverk": [None, 2],
             "samarbetsformaga": [None, 6], "halsa": [None, 4], "tilltro": [None, 7]},
        )  # fmt: skip
        summary = AuditEvent.objects.get(action="exchange.imported")
        self.assertEqual(
            summary.changes["assessments"], [None, {"created": 1, "updated": 0, "unchanged": 0}]
        )

    def test_participants_stegvis_has_need_no_participants_file(self):
        self.run_import(self.participants_file(participant()))
        counts = self.run_import(self.assessments_file(assessment(), assessment(COACH_A1)))
        self.assertEqual(counts["participants"], {"created": 0, "updated": 0, "unchanged": 0})
        self.assertEqual(counts["assessments"]["created"], 2)

    def test_semicolons_a_bom_columns_in_any_order_and_an_xlsx_sheet(self):
        self.run_import(self.participants_file(participant()))
        header = "Halsa;Rater;instrument;date;project;participant_id;" + ";".join(SKAPA[:-1])
        text = header + "\n4;SELF;SKAPA;2025-02-01;2024/00001;A1;3;4;5;2;6\n"
        path = self.dir / "skattningar.csv"
        path.write_bytes(b"\xef\xbb\xbf" + text.encode())
        self.assertEqual(self.run_import(str(path))["assessments"]["created"], 1)
        workbook = self.dir / "skattningar.xlsx"
        workbook.write_bytes(
            helpers.xlsx_bytes(
                helpers.ASSESSMENT_HEADER,
                [["A1", "2024/00001", datetime.date(2025, 3, 1), "COACH", "SKAPA", 5, 4, 5, 2, 6, 4.0, 7]],
            )
        )  # fmt: skip
        self.assertEqual(self.run_import(str(workbook))["assessments"]["created"], 1)
        self.assertEqual(ratings_of("A1", "COACH", "2025-03-01")["halsa"], 4)

    def test_the_summary_as_json(self):
        counts = self.run_import(
            self.participants_file(participant()), self.assessments_file(assessment())
        )
        self.assertEqual(
            counts,
            {
                "participants": {"created": 1, "updated": 0, "unchanged": 0},
                "employments": {"created": 0, "updated": 0, "unchanged": 0},
                "assessments": {"created": 1, "updated": 0, "unchanged": 0},
                "profiles": {"created": 0, "updated": 0, "unchanged": 0},
                "openings": {"created": 0, "updated": 0, "unchanged": 0},
            },
        )

    def test_the_command_says_what_it_did(self):
        out = io.StringIO()
        files = (self.participants_file(participant()), self.assessments_file(assessment()))
        call_command("import", *files, stdout=out)
        self.assertEqual(
            out.getvalue().splitlines(),
            [
                "participants: 1 created, 0 updated, 0 unchanged",
                "employments: 0 created, 0 updated, 0 unchanged",
                "assessments: 1 created, 0 updated, 0 unchanged",
            ],
        )


class KeyTests(AssessmentImportTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.people = self.participants_file(participant(), participant(A2))
        self.run_import(
            self.people,
            self.assessments_file(
                assessment(), assessment(COACH_A1), assessment(participant_id="A2")
            ),
        )

    def test_the_same_file_again_changes_nothing(self):
        events = AuditEvent.objects.count()
        counts = self.run_import(
            self.people,
            self.assessments_file(
                assessment(participant_id="A2"), assessment(COACH_A1, rater="coach"), assessment()
            ),
        )
        self.assertEqual(counts["assessments"], {"created": 0, "updated": 0, "unchanged": 3})
        self.assertEqual(AuditEvent.objects.count(), events)

    def test_other_ratings_update_the_assessment_with_old_and_new_value_per_domain(self):
        before = {a.pk: a.updated_at for a in Assessment.objects.all()}
        counts = self.run_import(
            self.assessments_file(
                assessment(halsa="9"),
                assessment(COACH_A1, kompetens="1", tilltro=""),  # tilltro left empty: removed
                assessment(participant_id="A2"),
                assessment(date="2025-08-01"),  # another day: a new one
            ),
            user="manager",
        )
        self.assertEqual(counts["assessments"], {"created": 1, "updated": 2, "unchanged": 1})
        self.assertEqual(Assessment.objects.count(), 4)
        self.assertEqual(ratings_of("A1", "SELF")["halsa"], 9)
        coach = ratings_of("A1", "COACH")
        self.assertEqual((coach["kompetens"], "tilltro" in coach), (1, False))
        changed = AuditEvent.objects.filter(action="assessment.ratings_changed").order_by("id")
        self.assertEqual(
            [e.changes for e in changed],
            [{"halsa": [4, 9]}, {"kompetens": [5, 1], "tilltro": [7, None]}],
        )
        self.assertEqual({e.actor for e in changed}, {self.manager})
        self_a1 = Assessment.objects.get(rater="SELF", enrollment__participant_code="A1",
                                         date="2025-02-01")  # fmt: skip
        self.assertGreater(self_a1.updated_at, before[self_a1.pk])
        self.assertEqual(self_a1.source, AssessmentSource.IMPORT)
        # A coach's tilltro can come back.
        counts = self.run_import(self.assessments_file(assessment(COACH_A1, kompetens="1")))
        self.assertEqual(counts["assessments"]["updated"], 1)
        self.assertEqual(ratings_of("A1", "COACH")["tilltro"], 7)

    def test_a_draft_with_the_same_key_is_no_match(self):
        # A self-assessment being answered on the phone is not submitted: the import adds its own.
        enrollment = Enrollment.objects.get(participant_code="A2")
        version = Instrument.objects.get(code="SKAPA").current_version()
        Assessment.objects.filter(enrollment=enrollment).delete()
        Assessment.objects.create(
            enrollment=enrollment, instrument=version.instrument, version=version,
            date=datetime.date(2025, 2, 1), rater="SELF", status=AssessmentStatus.DRAFT,
        )  # fmt: skip
        counts = self.run_import(self.assessments_file(assessment(participant_id="A2")))
        self.assertEqual(counts["assessments"]["created"], 1)
        self.assertEqual(enrollment.assessments.count(), 2)

    def test_an_assessment_on_an_older_version_is_matched_on_that_version(self):
        skapa = Instrument.objects.get(code="SKAPA")
        old = skapa.current_version()
        specs = [DomainSpec(code=d.code, name_sv=d.name_sv, rated_by=d.rated_by,
                            counts_in_sum=d.counts_in_sum) for d in old.domains.all()]  # fmt: skip
        specs[-2] = DomainSpec(code="halsa_och_ork", name_sv="Hälsa och ork")
        assessment_services.instrument_version_save(
            actor=self.admin, instrument=skapa, domains=specs, scale_min=1, scale_max=10,
            scale_labels={}, rated_by=old.rated_by,
        )  # fmt: skip
        header = helpers.ASSESSMENT_HEADER + ",halsa_och_ork"
        counts = self.run_import(
            self.assessments_file(
                assessment() + ",",  # the old version: halsa
                assessment(date="2025-09-01", halsa="") + ",8",  # a new one: the new version
                header=header,
            )
        )
        self.assertEqual(counts["assessments"], {"created": 1, "updated": 0, "unchanged": 1})
        new = Assessment.objects.get(date="2025-09-01")
        self.assertEqual(
            (new.version.number, ratings_of("A1", "SELF", "2025-09-01")["halsa_och_ork"]), (2, 8)
        )
        lines = self.import_problems(
            self.assessments_file(assessment(halsa="") + ",8", header=header)
        )
        self.assertEqual(
            lines,
            [
                f"{self.dir}/assessments.csv:2: halsa: : Required: this cell must not be empty.",
                f"{self.dir}/assessments.csv:2: halsa_och_ork: 8: This column is not part of instrument SKAPA; "
                "leave it empty on its rows.",
            ],
        )  # fmt: skip


class BadRowTests(AssessmentImportTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.people = self.participants_file(participant(), participant(A2))
        self.path = f"{self.dir}/assessments.csv"

    def problems(self, *rows: str, header: str = "") -> list[str]:
        return self.import_problems(self.people, self.assessments_file(*rows, header=header))

    def test_every_bad_row_is_named_with_file_row_column_value_and_reason(self):
        lines = self.problems(
            assessment(participant_id="X9"),
            assessment(project="2099/99999"),
            assessment(date="1/2 2025"),
            assessment(date="2999-01-01"),
            assessment(rater="BOSS"),
            assessment(instrument="SKOPA"),
            assessment(halsa="11"),
            assessment(kompetens="0"),
            assessment(vardag_natverk="4,5"),
            assessment(typ_av_arbete=""),
            assessment(tilltro="6"),
            assessment(COACH_A1, tilltro="12"),
            assessment(participant_id="", date=""),
            assessment(participant_id="A2"),
            assessment(participant_id="A2", rater="self"),
        )
        p = self.path
        self.assertEqual(
            lines,
            [
                f"{p}:2: participant_id: X9: There is no participant X9 in project 2024/00001, neither in Stegvis "
                "nor in a participants file of this import.",
                f"{p}:3: project: 2099/99999: There is no project with this diarienummer in Stegvis.",
                f"{p}:4: date: 1/2 2025: This is not a date. Write dates as YYYY-MM-DD, like 2025-01-31.",
                f"{p}:5: date: 2999-01-01: An assessment cannot be dated in the future.",
                f"{p}:6: rater: BOSS: This is not one of the codes of the column. Use SELF or COACH.",
                f"{p}:7: instrument: SKOPA: There is no instrument with this code in Stegvis. The instruments "
                "are: SKAPA.",
                f"{p}:8: halsa: 11: Write a whole number from 1 to 10, the scale of SKAPA.",
                f"{p}:9: kompetens: 0: Write a whole number from 1 to 10, the scale of SKAPA.",
                f"{p}:10: vardag_natverk: 4,5: Write a whole number from 1 to 10, the scale of SKAPA.",
                f"{p}:11: typ_av_arbete: : Required: this cell must not be empty.",
                f"{p}:12: tilltro: 6: Only a coach's assessment (rater COACH) has this rating; leave it empty on a "
                "self-assessment.",
                f"{p}:13: tilltro: 12: Write a whole number from 1 to 10, the scale of SKAPA.",
                f"{p}:14: participant_id: : Required: this cell must not be empty.",
                f"{p}:14: date: : Required: this cell must not be empty.",
                f"{p}:16: date: 2025-02-01: The same assessment (participant, date, rater and instrument) appears "
                "twice in this import: also on row 15 of " + p + ".",
            ],
        )  # fmt: skip
        self.assertFalse(Enrollment.objects.exists())
        self.assertFalse(Assessment.objects.exists())

    def test_one_bad_row_writes_nothing_of_any_file(self):
        lines = self.problems(
            assessment(), assessment(COACH_A1), assessment(COACH_A1, date="2025-03-01", halsa="x")
        )
        self.assertEqual(len(lines), 1)
        self.assertFalse(Enrollment.objects.exists())
        self.assertFalse(Assessment.objects.exists())
        self.assertFalse(Rating.objects.exists())
        self.assertFalse(AuditEvent.objects.filter(action__startswith="assessment.").exists())

    def test_a_participant_whose_row_has_problems_is_no_missing_participant(self):
        people = self.participants_file(participant(gender="Q"))
        lines = self.import_problems(people, self.assessments_file(assessment()))
        self.assertEqual([line.split(": ")[1] for line in lines], ["gender"])

    def test_columns_of_the_header_row(self):
        lines = self.problems(
            "A1,2024/00001,2025-02-01,SELF,SKAPA,3,4,5,2,6,9",
            header="participant_id,project,date,rater,instrument,typ_av_arbete,klara_ett_arbete,kompetens,"
            "vardag_natverk,samarbetsformaga,halsoa",
        )
        p = self.path
        self.assertEqual(
            lines,
            [
                f"{p}:1: halsoa: halsoa: There is no such column in assessments.csv; check the spelling. The "
                "columns are: participant_id, project, date, rater, instrument, typ_av_arbete, klara_ett_arbete, "
                "kompetens, vardag_natverk, samarbetsformaga, halsa, tilltro.",
                f"{p}:1: halsa: : This column is required for instrument SKAPA but missing from the header row.",
            ],
        )  # fmt: skip
        lines = self.problems(
            "A1,2024/00001,2025-02-01,SELF", header="participant_id,project,date,rater,halsa"
        )
        self.assertEqual(
            lines,
            [f"{p}:1: instrument: : This column is required but missing from the header row."],
        )

    def test_a_coach_only_instrument_and_a_participant_only_domain(self):
        assessment_services.instrument_create(
            actor=self.admin, code="tro", name_sv="Tilltro", rated_by="COACH", scale_min=0, scale_max=4,
            domains=[DomainSpec(code="tro", name_sv="Tro"),
                     DomainSpec(code="egen", name_sv="Egen", rated_by="PARTICIPANT", counts_in_sum=False)],
        )  # fmt: skip
        header = "participant_id,project,date,rater,instrument,tro,egen"
        lines = self.problems(
            "A1,2024/00001,2025-02-01,SELF,TRO,2,",
            "A1,2024/00001,2025-02-01,COACH,TRO,2,3",
            "A1,2024/00001,2025-03-01,COACH,TRO,0,",
            header=header,
        )
        p = self.path
        self.assertEqual(
            lines,
            [
                f"{p}:2: rater: SELF: Only the coach rates TRO: the rater is COACH.",
                f"{p}:3: egen: 3: Only a self-assessment (rater SELF) has this rating; leave it empty on a "
                "coach's assessment.",
            ],
        )  # fmt: skip

    def test_an_instrument_rated_by_the_participant_only(self):
        assessment_services.instrument_create(
            actor=self.admin, code="EGEN", name_sv="Egen", rated_by="PARTICIPANT",
            domains=[DomainSpec(code="mal", name_sv="Mål")],
        )  # fmt: skip
        lines = self.problems(
            "A1,2024/00001,2025-02-01,COACH,EGEN,2",
            header="participant_id,project,date,rater,instrument,mal",
        )
        self.assertEqual(
            lines,
            [f"{self.path}:2: rater: COACH: Only the participant rates EGEN: the rater is SELF."],
        )

    def test_only_rows_of_the_project_imported_into(self):
        from stegvis.exchange import services

        text = (helpers.ASSESSMENT_HEADER + "\n" + assessment(project="2024/00002") + "\n").encode()
        plan = services.exchange_check(sources=[Source("a.csv", text)], only_project=self.project)
        self.assertEqual(
            [p.line() for p in plan.problems],
            # In the page's language.
            ["a.csv:2: project: 2024/00002: Raden gäller ett annat projekt än 2024/00001, som du importerar "
             "till."],
        )  # fmt: skip


class ExportTests(AssessmentImportTestCase):
    def read(self, path) -> list[dict[str, str]]:  # noqa: ANN001
        with path.open(encoding="utf-8", newline="") as handle:
            return list(csv.DictReader(handle))

    def test_the_export_has_the_specs_columns_and_only_submitted_assessments(self):
        self.run_import(self.participants_file(participant(), participant(A2)))
        a1 = Enrollment.objects.get(participant_code="A1")
        version = Instrument.objects.get(code="SKAPA").current_version()
        assessment_services.assessment_record(
            actor=self.coach, enrollment=a1, version=version, rater="COACH", date=datetime.date(2025, 3, 1),
            ratings={**dict.fromkeys(SKAPA, 6), "tilltro": 8},
        )  # fmt: skip
        self.run_import(self.assessments_file(assessment(), assessment(participant_id="A2")))
        Assessment.objects.create(
            enrollment=a1, instrument=version.instrument, version=version, date=datetime.date(2025, 4, 1),
            rater="SELF", status=AssessmentStatus.DRAFT,
        )  # fmt: skip
        out = self.dir / "export"
        said = io.StringIO()
        call_command("export", str(out), "--project", "2024/00001", stdout=said)
        self.assertIn("Wrote 3 assessments.", said.getvalue())
        header = (out / "assessments.csv").read_text(encoding="utf-8").splitlines()[0]
        self.assertEqual(header, helpers.ASSESSMENT_HEADER)
        rows = self.read(out / "assessments.csv")
        self.assertEqual(
            [(r["participant_id"], r["date"], r["rater"], r["instrument"], r["halsa"], r["tilltro"]) for r in rows],
            [("A1", "2025-02-01", "SELF", "SKAPA", "4", ""), ("A1", "2025-03-01", "COACH", "SKAPA", "6", "8"),
             ("A2", "2025-02-01", "SELF", "SKAPA", "4", "")],
        )  # fmt: skip

    def test_without_assessments_the_file_has_skapas_columns(self):
        out = self.dir / "export"
        call_command("export", str(out), stdout=io.StringIO())
        self.assertEqual(
            (out / "assessments.csv").read_text(encoding="utf-8"), helpers.ASSESSMENT_HEADER + "\n"
        )

    def test_export_then_import_into_an_empty_installation_gives_the_same_assessments(self):
        self.run_import(self.participants_file(participant(), participant(A2)))
        a1 = Enrollment.objects.get(participant_code="A1")
        version = Instrument.objects.get(code="SKAPA").current_version()
        assessment_services.assessment_record(
            actor=self.coach, enrollment=a1, version=version, rater="COACH", date=datetime.date(2025, 3, 1),
            ratings={**dict.fromkeys(SKAPA, 6), "tilltro": 8},
        )  # fmt: skip
        self.run_import(
            self.assessments_file(
                assessment(), assessment(COACH_A1, date="2025-06-01", tilltro=""),
                assessment(participant_id="A2", halsa="10"),
            )
        )  # fmt: skip

        def snapshot() -> set[tuple]:
            return {
                (a.enrollment.project.diarienummer, a.enrollment.participant_code, a.date, a.rater,
                 a.instrument.code, a.version.number, a.status,
                 tuple(sorted((r.domain.code, r.value) for r in a.ratings.all())))
                for a in Assessment.objects.select_related("enrollment__project", "instrument", "version")
                .prefetch_related("ratings__domain")
            }  # fmt: skip

        before = snapshot()
        self.assertEqual(len(before), 4)
        out = self.dir / "export"
        # Read a few assessments at a time, as 10,000 are read 900 at a time.
        with mock.patch.object(assessment_files, "EXPORT_CHUNK", 3):
            call_command("export", str(out), stdout=io.StringIO())

        # An empty installation: no people, participants or assessments (projects and staff exist).
        Assessment.objects.all().delete()
        Employment.objects.all().delete()
        CoachAssignment.objects.all().delete()
        Enrollment.objects.all().delete()
        Person.objects.all().delete()
        self.assertEqual(snapshot(), set())

        files = [str(out / "participants.csv"), str(out / "assessments.csv")]
        counts = self.run_import(*files)
        self.assertEqual(counts["assessments"], {"created": 4, "updated": 0, "unchanged": 0})
        self.assertEqual(snapshot(), before)
        events = AuditEvent.objects.count()
        again = self.run_import(*files)
        self.assertEqual(again["assessments"], {"created": 0, "updated": 0, "unchanged": 4})
        self.assertEqual(AuditEvent.objects.count(), events)


class ImportPageTests(ImportPageTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.login(self.manager)
        people = helpers.csv_text(helpers.PARTICIPANT_HEADER, [participant(), participant(A2)])
        ratings = helpers.csv_text(
            helpers.ASSESSMENT_HEADER,
            [assessment(), assessment(COACH_A1), assessment(participant_id="A2")],
            separator=";",
        )
        self.files = [upload("deltagare.csv", people), upload("skattningar.csv", ratings)]

    def test_the_check_and_the_import_count_the_assessments(self):
        response = self.post_files(self.files)
        self.assertEqual(response.context["counts"]["assessments"]["created"], 3)
        self.assertContains(
            response,
            '<tr><th scope="row">Skattningar av progression</th><td class="number">3</td>',
            html=False,
        )
        self.assertEqual(self.client.session[SESSION_KEY]["rows"], 5)
        token = self.client.session[SESSION_KEY]["token"]
        response = self.client.post(self.confirm_url, {"token": token})
        self.assertEqual(Assessment.objects.filter(enrollment__project=self.project).count(), 3)
        self.assertEqual(
            [str(m) for m in response.wsgi_request._messages],
            ["Importerat till Vägen till jobb: 2 nya och 0 ändrade deltagare (0 oförändrade), 0 nya och 0 ändrade "
             "arbeten och studieplatser (0 oförändrade). 3 nya och 0 ändrade skattningar (0 oförändrade)."],
        )  # fmt: skip

    @override_settings(EXCHANGE_IMPORT_INLINE_MAX_ROWS=4)
    def test_assessment_rows_count_toward_an_import_in_the_background(self):
        response = self.post_files(self.files)
        self.assertIs(response.context["in_background"], True)


@needs_sqlite_for_the_worker
class BackgroundJobTests(ImportJobTestCase):
    def test_the_worker_imports_assessments_and_counts_their_rows(self):
        participants, _jobs = helpers.generated_participants("2024/00001", 10, with_jobs=False)
        ratings = helpers.generated_assessments("2024/00001", 10, per_participant=4)
        token = uploads.upload_keep(
            [Source("deltagare.csv", participants.encode()), Source("skattningar.csv", ratings.encode())]
        )  # fmt: skip
        job = self.start(token, 50)
        self.run_worker()
        job.refresh_from_db()
        self.assertEqual(
            (job.status, job.rows_done, job.rows_total), (ImportJob.Status.DONE, 50, 50)
        )
        self.assertEqual(job.summary["assessments"], {"created": 40, "updated": 0, "unchanged": 0})
        self.assertEqual(Assessment.objects.filter(source=AssessmentSource.IMPORT).count(), 40)
        self.assertEqual(
            set(
                AuditEvent.objects.filter(action="assessment.recorded").values_list(
                    "actor", flat=True
                )
            ),
            {self.manager.pk},
        )
