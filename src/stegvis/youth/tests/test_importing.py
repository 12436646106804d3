"""The school's attendance file: every kind of bad line named in Swedish, nothing written unless
the whole file is right, and a file read again changes only what changed."""

from __future__ import annotations

import datetime
from decimal import Decimal
from types import SimpleNamespace

import time_machine
from django.core.exceptions import ValidationError
from django.utils import translation

from stegvis.core.models import AuditEvent
from stegvis.youth import importing, selectors, services
from stegvis.youth.models import Attendance
from stegvis.youth.tests.base import YouthTestCase

D = datetime.date


@time_machine.travel(datetime.datetime(2026, 11, 20, 12, tzinfo=datetime.UTC))
class AttendanceFileTest(YouthTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.komvux = services.studies_add(actor=cls.coach, enrollment=cls.mine, school="Komvux Norr",
                                          school_form="KOMVUX", started_on=D(2025, 8, 20),
                                          completed_on=D(2026, 6, 10))  # fmt: skip
        cls.college = services.studies_add(actor=cls.coach, enrollment=cls.mine, school="Yrkeshögskolan",
                                           school_form="HIGHER", started_on=D(2026, 8, 25))  # fmt: skip
        cls.other = services.studies_add(actor=cls.coach2, enrollment=cls.theirs, school="Folkhögskolan",
                                         school_form="FOLK_HIGH_SCHOOL")  # fmt: skip

    def setUp(self) -> None:
        super().setUp()
        self.enterContext(translation.override("sv"))

    def check(self, body: str, header: str = "participant_id;month;percent\n") -> importing.Checked:
        return importing.check_attendance_file(self.project, (header + body).encode("utf-8"))

    def test_each_line_goes_to_the_study_place_of_its_month(self) -> None:
        mine, theirs = self.mine.participant_code, self.theirs.participant_code
        checked = self.check(f"{mine};2026-03;80\n\n{mine};2026-09;91,25\n{theirs};2026-09;100\n")
        self.assertEqual(checked.errors, [])
        self.assertEqual([(line.studies, line.month, line.percent) for line in checked.lines], [
            (self.komvux, D(2026, 3, 1), Decimal("80.0")),
            (self.college, D(2026, 9, 1), Decimal("91.2")),
            (self.other, D(2026, 9, 1), Decimal("100.0")),
        ])  # fmt: skip

    def test_commas_separate_too(self) -> None:
        checked = self.check(
            f"{self.theirs.participant_code},2026-09,75\n", header="participant_id,month,percent\n"
        )
        self.assertEqual(checked.errors, [])

    def test_every_bad_line_is_named(self) -> None:
        mine, theirs = self.mine.participant_code, self.theirs.participant_code
        checked = self.check(
            f"{theirs};2026-09\n"  # 2: too few values
            f"X999;2026-09;50\n"  # 3: no such participant
            f"{theirs};sept;50\n"  # 4: not a month
            f"{theirs};2026-12;50\n"  # 5: a month to come
            f"{theirs};2026-09;120\n"  # 6: not 0-100
            f"{theirs};2026-09;abc\n"  # 7: not a number
            f"{theirs};2026-10;50\n{theirs};2026-10;55\n"  # 9: the same month twice
            f"{mine};2026-07;50\n"  # 10: between two study places
            f"{theirs};26-10;50\n"  # 11: a two-digit year
            f"{theirs};2026-11;NaN\n"  # 12: not finite
        )
        self.assertEqual(checked.errors, [
            "Rad 2: 3 värden väntades, 2 hittades.",
            "Rad 3: ingen deltagare X999 med en studieplats i projektet.",
            "Rad 4: månaden sept är inte skriven som ÅÅÅÅ-MM.",
            "Rad 5: månaden 2026-12 har inte kommit än.",
            "Rad 6: närvaron 120 är inte en procentsats från 0 till 100.",
            "Rad 7: närvaron abc är inte en procentsats från 0 till 100.",
            f"Rad 9: deltagare {theirs}, 2026-10 finns redan på rad 8.",
            f"Rad 10: deltagare {mine} har flera studieplatser 2026-07; för in närvaron på deltagarens sida.",
            "Rad 11: månaden 26-10 är inte skriven som ÅÅÅÅ-MM.",
            "Rad 12: närvaron NaN är inte en procentsats från 0 till 100.",
        ])  # fmt: skip

    def test_the_file_itself_can_be_wrong(self) -> None:
        self.assertEqual(self.check("", header="namn;procent\n").errors,
                         ["Första raden ska vara kolumnerna participant_id;month;percent."])  # fmt: skip
        self.assertEqual(self.check("").errors, ["Filen har inga rader efter kolumnnamnen."])
        self.assertEqual(importing.check_attendance_file(self.project, b"").errors,
                         ["Första raden ska vara kolumnerna participant_id;month;percent."])  # fmt: skip
        self.assertEqual(importing.check_attendance_file(self.project, "å".encode("latin-1")).errors,
                         ["Filen är inte text i UTF-8. Spara den som CSV UTF-8."])  # fmt: skip
        self.assertEqual(importing.check_attendance_file(self.project, b"x" * (importing.MAX_BYTES + 1)).errors,
                         ["Filen är större än 1 MB."])  # fmt: skip

    def test_a_long_list_of_errors_stops(self) -> None:
        checked = self.check("X;2026-01;1\n" * 60)
        self.assertEqual(len(checked.errors), importing.MAX_ERRORS + 1)
        self.assertEqual(checked.errors[-1], "Fler fel visas inte.")

    def test_a_minor_without_consent_is_named(self) -> None:
        services.guardian_consent_record(actor=self.coach, enrollment=self.young, guardian=self.guardian,
                                         given_on=D(2025, 8, 1), covers_school=True, young_person_agrees=True)  # fmt: skip
        services.studies_add(
            actor=self.coach, enrollment=self.young, school="Nordskolan", school_form="IM_IA"
        )
        self.young.guardian_consents.update(withdrawn_on=D(2026, 1, 1))
        checked = self.check(f"{self.young.participant_code};2026-09;50\n")
        self.assertEqual(checked.errors, [
            f"Rad 2: deltagare {self.young.participant_code} är under 18 och inget samtycke från vårdnadshavare gäller skoluppgifter."
        ])  # fmt: skip

    def test_reading_the_same_file_again_changes_only_what_changed(self) -> None:
        code = self.theirs.participant_code
        first = self.check(f"{code};2026-09;75\n{code};2026-10;80\n")
        self.assertEqual(services.attendance_import(actor=self.manager, project=self.project, lines=first.lines),
                         {"added": 2, "changed": 0, "unchanged": 0})  # fmt: skip
        again = self.check(f"{code};2026-09;75\n{code};2026-10;85\n")
        self.assertEqual(services.attendance_import(actor=self.manager, project=self.project, lines=again.lines),
                         {"added": 0, "changed": 1, "unchanged": 1})  # fmt: skip
        self.assertEqual(Attendance.objects.get(month=D(2026, 10, 1)).percent, Decimal(85))
        changed = AuditEvent.objects.filter(action="youth.attendance_recorded").latest("id")
        self.assertEqual(changed.changes["percent"], ["80.0", "85.0"])

    def test_a_line_of_another_project_stops_the_whole_import(self) -> None:
        from stegvis.participants.tests import factories

        elsewhere = services.studies_add(actor=self.outsider, enrollment=factories.enrollment(
            project=self.other_project, actor=self.outsider), school="Söder", school_form="KOMVUX")  # fmt: skip
        lines = [services.AttendanceLine(self.other, D(2026, 9, 1), Decimal(50)),
                 services.AttendanceLine(elsewhere, D(2026, 9, 1), Decimal(50))]  # fmt: skip
        with self.assertRaises(ValidationError):
            services.attendance_import(actor=self.manager, project=self.project, lines=lines)
        self.assertFalse(Attendance.objects.exists())


class BirthDateTest(YouthTestCase):
    def test_an_impossible_date_in_the_number_gives_no_birth_date(self) -> None:
        self.assertIsNone(selectors.birth_date(SimpleNamespace(identity_number="201013401234")))
