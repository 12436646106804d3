"""The youth pages as each persona sees them: the school and studies page and its forms, the
attendance file, the school report and its downloads."""

from __future__ import annotations

import datetime
from unittest import mock

import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from stegvis.core.models import AuditEvent
from stegvis.reports import esf
from stegvis.youth.models import Attendance, Guardian, GuardianConsent, KaaReferral, Studies
from stegvis.youth.tests.base import YouthTestCase

NOW = datetime.datetime(2026, 11, 20, 12, tzinfo=datetime.UTC)


class ParticipantPageTest(YouthTestCase):
    def url(self, enrollment=None) -> str:  # noqa: ANN001
        return reverse("youth:participant", args=[(enrollment or self.young).public_id])

    def add(self, kind: str, data: dict, user=None):  # noqa: ANN001,ANN201
        self.login(user or self.coach)
        return self.client.post(reverse("youth:add", args=[self.young.public_id, kind]),
                                {f"{kind}-{k}": v for k, v in data.items()})  # fmt: skip

    def test_the_coach_and_the_manager_see_it_and_no_one_else(self) -> None:
        for user, status in ((self.coach, 200), (self.manager, 200), (self.admin, 200), (self.coach2, 404),
                             (self.evaluator, 404), (self.funder, 404), (self.outsider, 404), (self.referral, 404)):  # fmt: skip
            with self.subTest(user=user.username):
                self.login(user)
                self.assertEqual(self.client.get(self.url()).status_code, status)

    def test_reading_the_page_is_audited(self) -> None:
        self.login(self.coach)
        self.client.get(self.url())
        event = AuditEvent.objects.filter(action="participant.viewed").latest("id")
        self.assertEqual(event.person_key, self.young.person.public_id)

    def test_a_minor_without_consent_shows_the_warning_here_and_on_the_participant_page(
        self,
    ) -> None:
        self.login(self.coach)
        for url in (self.url(), self.young.get_absolute_url()):
            response = self.client.get(url)
            self.assertContains(response, 'id="guardian-consent-warning"')
        self.give_consent()
        self.assertNotContains(self.client.get(self.url()), 'id="guardian-consent-warning"')
        self.assertNotContains(
            self.client.get(self.mine.get_absolute_url()), 'id="guardian-consent-warning"'
        )

    def test_school_data_are_refused_without_consent_with_a_clear_error(self) -> None:
        response = self.add("studies", {"school": "Nordskolan", "school_form": "IM_IA"})
        self.assertEqual(response.status_code, 400)
        self.assertContains(response, "vårdnadshavares samtycke", status_code=400)
        self.assertFalse(Studies.objects.exists())

    def test_the_whole_flow_guardian_consent_studies_attendance_kaa(self) -> None:
        self.assertEqual(
            self.add("guardian", {"name": "Omar Vårdnad", "relation": "PARENT"}).status_code, 302
        )
        guardian = Guardian.objects.get(name="Omar Vårdnad")
        response = self.add("consent", {"guardian": guardian.pk, "given_on": "2025-08-20", "covers_school": "on",
                                        "covers_kaa": "on", "covers_registration": "on", "young_person_agrees": "on"})  # fmt: skip
        self.assertEqual(response.status_code, 302)
        self.assertEqual(self.add("studies", {"school": "Nordskolan", "school_form": "IM_IA",
                                              "started_on": "2025-08-20"}).status_code, 302)  # fmt: skip
        studies = Studies.objects.get()
        self.assertEqual(self.add("attendance", {"studies": studies.pk, "month": "2025-09", "percent": "72,5",
                                                 "source": "SCHOOL"}).status_code, 302)  # fmt: skip
        self.assertEqual(str(Attendance.objects.get().percent), "72.5")
        self.assertEqual(
            self.add("kaa_status", {"status": "REGISTERED", "date": "2025-08-01"}).status_code, 302
        )
        self.assertEqual(self.add("kaa_referral", {"direction": "FROM_KAA", "referred_on": "2025-08-01",
                                                   "municipality": "Skellefteå", "reason": "Ingen skola"}).status_code, 302)  # fmt: skip
        self.assertEqual(
            self.add("sed_step", {"step": "SED_CHOOSE", "date": "2025-08-25"}).status_code, 302
        )
        self.assertEqual(KaaReferral.objects.count(), 1)
        page = self.client.get(self.url())
        self.assertContains(page, "Nordskolan")
        self.assertContains(page, "72,5")
        # The SEd step stands on the participant's own time line too, beside SE's stages.
        self.assertContains(self.client.get(self.young.get_absolute_url()), "Supported Education")

    def test_a_bad_form_shows_its_errors(self) -> None:
        response = self.add("guardian", {"name": "", "relation": "PARENT"})
        self.assertEqual(response.status_code, 400)
        self.assertFalse(Guardian.objects.filter(enrollment=self.young, name="").exists())

    def test_the_consent_needs_the_young_persons_agreement(self) -> None:
        response = self.add(
            "consent",
            {"guardian": self.guardian.pk, "given_on": "2025-08-20", "covers_school": "on"},
        )
        self.assertEqual(response.status_code, 400)
        self.assertFalse(GuardianConsent.objects.exists())

    def test_an_unknown_kind_and_someone_elses_participant_answer_404(self) -> None:
        self.assertEqual(self.add("nonsense", {}).status_code, 404)
        self.assertEqual(
            self.add("guardian", {"name": "X", "relation": "PARENT"}, user=self.coach2).status_code,
            404,
        )

    def test_a_user_who_sees_but_may_not_write_gets_403(self) -> None:
        with mock.patch("stegvis.youth.access.can", return_value=False):
            self.assertEqual(
                self.add("guardian", {"name": "X", "relation": "PARENT"}).status_code, 403
            )

    def test_studies_are_changed_and_their_outcomes_recorded(self) -> None:
        self.give_consent()
        from stegvis.youth import services

        studies = services.studies_add(actor=self.coach, enrollment=self.young, school="Nordskolan",
                                       school_form="IM_IA", started_on=datetime.date(2025, 8, 20))  # fmt: skip
        url = reverse("youth:studies_edit", args=[self.young.public_id, studies.pk])
        self.login(self.coach)
        self.assertEqual(self.client.get(url).status_code, 200)
        response = self.client.post(url, {"school": "Nordskolan", "school_form": "IM_IA", "started_on": "2025-08-20",
                                          "eligible_on": "2025-12-18", "full_grades_year9": "false",
                                          "eligible_at_start": "false"})  # fmt: skip
        self.assertEqual(response.status_code, 302)
        studies.refresh_from_db()
        self.assertEqual(studies.eligible_on, datetime.date(2025, 12, 18))
        self.assertIs(studies.full_grades_year9, False)
        bad = self.client.post(url, {"school": "Nordskolan", "school_form": "IM_IA", "completed_on": "2025-01-01",
                                     "started_on": "2025-08-20"})  # fmt: skip
        self.assertEqual(bad.status_code, 400)
        self.login(self.coach2)
        self.assertEqual(self.client.get(url).status_code, 404)
        self.login(self.coach)
        self.assertEqual(
            self.client.get(
                reverse("youth:studies_edit", args=[self.young.public_id, 999999])
            ).status_code,
            404,
        )

    def test_a_guardians_consent_is_withdrawn(self) -> None:
        consent = self.give_consent()
        url = reverse("youth:consent_withdraw", args=[self.young.public_id, consent.pk])
        self.login(self.coach)
        self.assertEqual(self.client.get(url).status_code, 200)
        self.assertEqual(self.client.post(url, {"on": "2025-01-01"}).status_code, 400)
        self.assertEqual(self.client.post(url, {"on": "2025-10-01"}).status_code, 302)
        consent.refresh_from_db()
        self.assertEqual(consent.withdrawn_on, datetime.date(2025, 10, 1))
        self.assertEqual(
            self.client.get(
                reverse("youth:consent_withdraw", args=[self.young.public_id, 999999])
            ).status_code,
            404,
        )


@time_machine.travel(NOW)
class AttendanceImportTest(YouthTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        from stegvis.youth import services

        services.studies_add(actor=cls.coach, enrollment=cls.mine, school="Komvux Norr", school_form="KOMVUX",
                             started_on=datetime.date(2025, 8, 20))  # fmt: skip

    def post(self, text: str, user=None):  # noqa: ANN001,ANN201
        self.login(user or self.manager)
        upload = SimpleUploadedFile("narvaro.csv", text.encode("utf-8"), content_type="text/csv")
        return self.client.post(
            reverse("youth:attendance_import", args=[self.project.public_id]), {"file": upload}
        )

    def test_the_manager_imports_a_good_file(self) -> None:
        code = self.mine.participant_code
        response = self.post(
            f"participant_id;month;percent\n{code};2026-09;87,5\n{code};2026-10;90\n"
        )
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, 'id="import-result"')
        self.assertEqual(
            list(Attendance.objects.values_list("source", flat=True)), ["IMPORT", "IMPORT"]
        )
        self.assertEqual(
            AuditEvent.objects.get(action="youth.attendance_imported").changes["added"], [None, 2]
        )

    def test_one_bad_line_stops_the_whole_file(self) -> None:
        code = self.mine.participant_code
        response = self.post(
            f"participant_id;month;percent\n{code};2026-09;87\n{code};2026-13;90\n"
        )
        self.assertEqual(response.status_code, 400)
        self.assertContains(response, "Rad 3", status_code=400)
        self.assertFalse(Attendance.objects.exists())

    def test_a_minor_without_the_school_consent_is_refused(self) -> None:
        from stegvis.youth import services

        self.give_consent()
        services.studies_add(
            actor=self.coach, enrollment=self.young, school="Nordskolan", school_form="IM_IA"
        )
        GuardianConsent.objects.update(withdrawn_on=datetime.date(2026, 1, 1))
        response = self.post(
            f"participant_id;month;percent\n{self.young.participant_code};2026-09;87\n"
        )
        self.assertEqual(response.status_code, 400)
        self.assertFalse(Attendance.objects.exists())

    def test_only_those_who_may_import_open_the_page(self) -> None:
        url = reverse("youth:attendance_import", args=[self.project.public_id])
        for user, status in ((self.manager, 200), (self.admin, 200), (self.coach, 404), (self.funder, 404),
                             (self.outsider, 404)):  # fmt: skip
            with self.subTest(user=user.username):
                self.login(user)
                self.assertEqual(self.client.get(url).status_code, status)

    def test_an_empty_upload_is_a_form_error(self) -> None:
        self.login(self.manager)
        response = self.client.post(
            reverse("youth:attendance_import", args=[self.project.public_id]), {}
        )
        self.assertEqual(response.status_code, 400)

    def test_a_project_changed_under_the_check_is_refused_as_a_whole(self) -> None:
        from django.core.exceptions import ValidationError

        code = self.mine.participant_code
        with mock.patch(
            "stegvis.youth.services.attendance_import", side_effect=ValidationError("Stopp")
        ):
            response = self.post(f"participant_id;month;percent\n{code};2026-09;87\n")
        self.assertContains(response, "Stopp", status_code=400)


class ReportPageTest(YouthTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        from stegvis.youth import services

        services.studies_add(actor=cls.coach, enrollment=cls.mine, school="=HYPERLINK(\"x\")", school_form="KOMVUX",
                             started_on=datetime.date(2025, 8, 20), completed_on=datetime.date(2025, 12, 20))  # fmt: skip

    def url(self, name: str = "youth:report", *args: str) -> str:
        return reverse(name, args=[self.project.public_id, *args])

    def test_who_sees_the_report(self) -> None:
        for user, status in ((self.manager, 200), (self.coach, 200), (self.evaluator, 200), (self.funder, 200),
                             (self.admin, 200), (self.outsider, 404), (self.referral, 404), (self.no_role, 404)):  # fmt: skip
            with self.subTest(user=user.username):
                self.login(user)
                self.assertEqual(self.client.get(self.url()).status_code, status)

    def test_the_manager_sees_exact_figures_and_the_funder_under_five(self) -> None:
        self.login(self.manager)
        page = self.client.get(self.url())
        self.assertNotContains(page, 'id="small-numbers"')
        self.assertContains(page, "<svg")
        self.assertContains(page, '<caption id="school-caption">')
        self.login(self.funder)
        page = self.client.get(self.url())
        self.assertContains(page, 'id="small-numbers"')
        self.assertContains(page, "&lt;5")

    def test_a_period_is_chosen_and_a_wrong_one_explained(self) -> None:
        self.login(self.manager)
        self.assertContains(
            self.client.get(self.url() + "?start=2025-09-01&end=2025-12-31"), "2025-09-01"
        )
        self.assertContains(
            self.client.get(self.url() + "?start=2025-12-01&end=2025-09-01"), "errorlist"
        )

    def test_downloads_are_audited_and_guarded(self) -> None:
        self.login(self.manager)
        response = self.client.get(self.url("youth:report_download", "csv") + "?start=2025-01-01")
        self.assertEqual(response.status_code, 200)
        text = response.content.decode("utf-8-sig")
        self.assertIn(";K;M;X;total", text.splitlines()[0])
        self.assertNotIn(
            "HYPERLINK", text
        )  # no personal data, school names included, in the report
        event = AuditEvent.objects.get(action="report.exported")
        self.assertEqual(event.changes["report"], [None, "school"])
        self.assertEqual(event.changes["from"], [None, "2025-01-01"])
        self.assertEqual(
            self.client.get(self.url("youth:report_download", "xlsx")).status_code, 200
        )
        self.assertEqual(self.client.get(self.url("youth:report_download", "pdf")).status_code, 404)

    def test_the_project_page_links_to_the_report_and_the_import(self) -> None:
        self.login(self.manager)
        page = self.client.get(self.project.get_absolute_url())
        self.assertContains(page, self.url())
        self.assertContains(page, self.url("youth:attendance_import"))


class EsfAgeIndicatorsTest(YouthTestCase):
    """The ESF+ age indicators (EECO06 under 18, EECO07 18–29) apply to young participants:
    age is the start year minus the birth year."""

    def test_a_young_participant_counts_as_under_18_and_a_19_year_old_as_18_to_29(self) -> None:
        from stegvis.participants.tests import factories

        start = self.young.start_date
        factories.enrollment(project=self.project, actor=self.coach, start_date=start,
                             person_obj=factories.person(birth_year=start.year - 19, gender="M"))  # fmt: skip
        result = esf.project_esf_report(self.project, start=start, end=start)
        self.assertEqual(result.indicators["EECO06"]["K"], 1)
        self.assertEqual(result.indicators["EECO07"]["M"], 1)


class AttendanceFormTest(YouthTestCase):
    def test_the_month_must_be_written_as_year_and_month(self) -> None:
        from stegvis.youth.forms import AttendanceForm

        self.give_consent()
        data = {"studies": "", "month": "sept", "percent": "50", "source": "COACH"}
        form = AttendanceForm(data, enrollment=self.young)
        self.assertIn("ÅÅÅÅ-MM", str(form.errors["month"]))
        form = AttendanceForm({**data, "month": ""}, enrollment=self.young)
        self.assertIn("month", form.errors)
        self.assertEqual(str(self.guardian), "Vera Vårdnad")


class CaseloadFlagTest(YouthTestCase):
    def test_the_caseload_marks_a_minor_without_a_guardians_consent(self) -> None:
        self.login(self.coach)
        flag = "Under 18: vårdnadshavares samtycke saknas"
        page = self.client.get("/participants/")
        self.assertContains(page, flag, count=1)  # the young one; Tolvan is an adult
        consent = self.give_consent()
        self.assertNotContains(self.client.get("/participants/"), flag)
        from stegvis.youth import services

        services.guardian_consent_withdraw(
            actor=self.coach, consent=consent, on=datetime.date(2025, 9, 1)
        )
        self.assertContains(self.client.get("/participants/"), flag, count=1)
