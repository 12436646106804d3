"""Every write of the employers app: the rules, and the audit event each one leaves."""

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError

from stegvis.core.models import AuditEvent
from stegvis.employers import services
from stegvis.employers.models import Employer, Occupation, Opening, OpeningStatus
from stegvis.employers.tests.base import EmployerTestCase
from stegvis.participants import services as participant_services

D = datetime.date


class EmployerServiceTests(EmployerTestCase):
    def test_the_same_org_number_finds_the_employer_again(self):
        again, created = services.employer_register(
            actor=self.coach2,
            organisation=self.org,
            name="Lagerhuset i Norr",
            org_number="556016-0680",
        )
        self.assertIs(created, False)
        self.assertEqual(again, self.employer)
        self.assertEqual(self.employer.org_number, "556016-0680")
        # Another organisation's register is its own.
        theirs, created = services.employer_register(
            actor=self.outsider,
            organisation=self.other_org,
            name="Lagerhuset AB",
            org_number="5560160680",
        )
        self.assertIs(created, True)
        self.assertNotEqual(theirs, self.employer)
        self.assertTrue(
            AuditEvent.objects.filter(action="employer.created", object_id=str(theirs.pk)).exists()
        )

    def test_a_wrong_check_digit_or_municipality_is_refused(self):
        with self.assertRaises(ValidationError) as caught:
            services.employer_register(
                actor=self.coach, organisation=self.org, name="X", org_number="556016-0681"
            )
        self.assertIn("org_number", caught.exception.message_dict)
        with self.assertRaises(ValidationError) as caught:
            services.employer_register(
                actor=self.coach, organisation=self.org, name="X", municipality_code="24"
            )
        self.assertIn("municipality_code", caught.exception.message_dict)
        with self.assertRaises(TypeError):
            services.employer_register(
                actor=self.coach, organisation=self.org, name="X", colour="red"
            )

    def test_updating_records_old_and_new_and_keeps_numbers_unique(self):
        second, _created = services.employer_register(
            actor=self.coach, organisation=self.org, name="Bageriet", org_number="212000-2627"
        )
        with self.assertRaises(ValidationError) as caught:
            services.employer_update(actor=self.coach, employer=second, org_number="5560160680")
        self.assertIn("org_number", caught.exception.message_dict)
        services.employer_update(
            actor=self.coach, employer=second, name=" Bageriet i Byn ", org_number=""
        )
        event = AuditEvent.objects.filter(action="employer.updated").get()
        self.assertEqual(event.changes["name"], ["Bageriet", "Bageriet i Byn"])
        services.employer_update(actor=self.coach, employer=second, name="Bageriet i Byn")
        self.assertEqual(AuditEvent.objects.filter(action="employer.updated").count(), 1)
        with self.assertRaises(TypeError):
            services.employer_update(actor=self.coach, employer=second, colour="red")

    def test_contacts_agreements_and_people_belong_to_the_organisations_projects(self):
        person = services.employer_person_add(
            actor=self.coach, employer=self.employer, name="Sara Chef", role="Platschef"
        )
        contact = services.employer_contact_log(
            actor=self.coach,
            employer=self.employer,
            project=self.project,
            kind="JOB_DEVELOPMENT",
            date=self.day,
            minutes=45,
            person=person,
            note=" Pratade om behov. ",
        )
        self.assertEqual((contact.coach, contact.note), (self.coach, "Pratade om behov."))
        with self.assertRaises(ValidationError) as caught:
            services.employer_contact_log(
                actor=self.coach,
                employer=self.employer,
                project=self.other_project,
                kind="VISIT",
                date=self.day,
            )
        self.assertIn("project", caught.exception.message_dict)
        elsewhere = services.employer_person_add(
            actor=self.outsider, employer=self.other_employer, name="Olle"
        )
        with self.assertRaises(ValidationError) as caught:
            services.employer_contact_log(
                actor=self.coach,
                employer=self.employer,
                project=self.project,
                kind="VISIT",
                date=self.day,
                person=elsewhere,
            )
        self.assertIn("person", caught.exception.message_dict)
        services.agreement_add(
            actor=self.coach,
            employer=self.employer,
            project=self.project,
            kind="COOPERATION",
            start_date=self.day,
            end_date=D(2026, 6, 1),
        )
        with self.assertRaises(ValidationError) as caught:
            services.agreement_add(
                actor=self.coach,
                employer=self.employer,
                project=self.project,
                kind="OTHER",
                start_date=self.day,
                end_date=D(2025, 1, 1),
            )
        self.assertIn("end_date", caught.exception.message_dict)
        actions = set(
            AuditEvent.objects.filter(object_id=str(self.employer.pk)).values_list(
                "action", flat=True
            )
        )
        self.assertLessEqual(
            {"employer.person_added", "employer.contact_logged", "employer.agreement_added"},
            actions,
        )


class OpeningServiceTests(EmployerTestCase):
    def test_an_opening_gets_the_next_free_id_and_its_code_is_unique(self):
        self.assertEqual(self.opening.code, "J0001")
        services.opening_create(
            actor=self.coach,
            employer=self.employer,
            project=self.project,
            title="Chaufför",
            code="J0003",
        )
        third = services.opening_create(
            actor=self.coach, employer=self.employer, project=self.project, title="Plock"
        )
        self.assertEqual(third.code, "J0004")
        with self.assertRaises(ValidationError) as caught:
            services.opening_create(
                actor=self.coach,
                employer=self.employer,
                project=self.project,
                title="X",
                code="J0001",
            )
        self.assertIn("code", caught.exception.message_dict)
        with self.assertRaises(ValidationError) as caught:
            services.opening_create(
                actor=self.coach,
                employer=self.employer,
                project=self.project,
                title="X",
                ssyk="0000",
            )
        self.assertIn("ssyk", caught.exception.message_dict)
        with self.assertRaises(TypeError):
            services.opening_create(
                actor=self.coach, employer=self.employer, project=self.project, title="X", pay=1
            )

    def test_an_update_is_audited_only_when_something_changes(self):
        services.opening_update(
            actor=self.coach,
            opening=self.opening,
            status=OpeningStatus.CLOSED,
            title="Lagerarbetare",
        )
        event = AuditEvent.objects.filter(action="opening.updated").get()
        self.assertEqual(event.changes, {"status": ["OPEN", "CLOSED"]})
        services.opening_update(actor=self.coach, opening=self.opening, status=OpeningStatus.CLOSED)
        self.assertEqual(AuditEvent.objects.filter(action="opening.updated").count(), 1)
        with self.assertRaises(TypeError):
            services.opening_update(actor=self.coach, opening=self.opening, pay=1)


class ProfileServiceTests(EmployerTestCase):
    def test_the_profile_keeps_its_history_in_the_audit_trail(self):
        created = AuditEvent.objects.get(action="vocational_profile.created")
        self.assertEqual(created.person_key, self.mine.person.public_id)
        self.assertEqual(created.changes["wanted_occupation"], [None, "Jobba på lager"])
        services.profile_save(
            actor=self.coach,
            enrollment=self.mine,
            wanted_occupation="Lager eller butik",
            municipalities="2482, 2480 2482",
        )
        self.profile.refresh_from_db()
        self.assertEqual(self.profile.municipality_codes, ["2482", "2480"])
        updated = AuditEvent.objects.get(action="vocational_profile.updated")
        self.assertEqual(
            updated.changes["wanted_occupation"], ["Jobba på lager", "Lager eller butik"]
        )
        services.profile_save(
            actor=self.coach, enrollment=self.mine, wanted_occupation="Lager eller butik"
        )
        self.assertEqual(AuditEvent.objects.filter(action="vocational_profile.updated").count(), 1)

    def test_codes_are_checked(self):
        for values, field in (
            ({"municipalities": "24820"}, "municipalities"),
            ({"ssyk": "9999"}, "ssyk"),
        ):
            with self.subTest(field=field), self.assertRaises(ValidationError) as caught:
                services.profile_save(
                    actor=self.coach, enrollment=self.theirs, wanted_occupation="Kock", **values
                )
            self.assertIn(field, caught.exception.message_dict)
        with self.assertRaises(TypeError):
            services.profile_save(actor=self.coach, enrollment=self.theirs, shoe_size=42)


class HireAndSupportTests(EmployerTestCase):
    def hire(self, **values):
        return services.hire_record(actor=self.coach, opening=self.opening, enrollment=self.mine,
                                    start_date=D(2025, 6, 9), competitive=True, **values)  # fmt: skip

    def test_a_hire_becomes_the_job_record_and_fills_the_opening(self):
        job = self.hire()
        self.opening.refresh_from_db()
        self.assertEqual(
            (self.opening.status, self.opening.employment), (OpeningStatus.FILLED, job)
        )
        self.assertEqual(
            (job.kind, job.employer, job.employer_org_number),
            ("JOB", "Lagerhuset AB", "556016-0680"),
        )
        self.assertEqual(
            (job.hours_per_week, job.occupation, job.competitive),
            (Decimal(20), "Lagerarbetare", True),
        )
        self.assertTrue(AuditEvent.objects.filter(action="participant.employment_added").exists())
        filled = AuditEvent.objects.get(action="opening.filled")
        self.assertEqual(filled.person_key, self.mine.person.public_id)
        with self.assertRaisesMessage(ValidationError, "inte ledigt längre"):
            self.hire()

    def test_only_participants_of_the_organisations_projects_are_hired(self):
        with self.assertRaisesMessage(ValidationError, "arbetar inte med den här arbetsgivaren"):
            services.hire_record(actor=self.admin, opening=self.opening, enrollment=self.elsewhere,
                                 start_date=D(2025, 6, 9), competitive=True, hours_per_week=Decimal(10), occupation="Plock")  # fmt: skip

    def test_support_is_logged_on_a_job_after_it_started(self):
        job = self.hire()
        support = services.job_support_add(actor=self.coach, employment=job, date=D(2025, 6, 16), recipient="EMPLOYER",
                                           kind="WORKPLACE", minutes=30, note="Med chefen")  # fmt: skip
        self.assertEqual(support.recorded_by, self.coach)
        event = AuditEvent.objects.get(action="job.support_logged")
        self.assertEqual(event.person_key, self.mine.person.public_id)
        with self.assertRaises(ValidationError) as caught:
            services.job_support_add(
                actor=self.coach, employment=job, date=D(2025, 6, 1), recipient="BOTH", kind="PHONE"
            )
        self.assertIn("date", caught.exception.message_dict)
        studies = participant_services.employment_add(actor=self.coach, enrollment=self.mine, kind="STUDIES",
                                                      employer="Komvux", start_date=D(2025, 8, 1))  # fmt: skip
        with self.assertRaisesMessage(ValidationError, "skrivs in på ett jobb"):
            services.job_support_add(
                actor=self.coach,
                employment=studies,
                date=D(2025, 8, 2),
                recipient="BOTH",
                kind="PHONE",
            )

    def test_a_job_ends_with_its_reason(self):
        job = self.hire()
        with self.assertRaises(ValidationError) as caught:
            services.job_end(
                actor=self.coach, employment=job, end_date=D(2025, 9, 1), end_reason=""
            )
        self.assertIn("end_reason", caught.exception.message_dict)
        services.job_end(
            actor=self.coach, employment=job, end_date=D(2025, 9, 1), end_reason="CONTRACT_ENDED"
        )
        job.refresh_from_db()
        self.assertEqual((job.end_date, job.end_reason), (D(2025, 9, 1), "CONTRACT_ENDED"))
        event = AuditEvent.objects.get(action="participant.employment_ended")
        self.assertEqual(event.changes["end_reason"], ["", "CONTRACT_ENDED"])
        with self.assertRaisesMessage(ValidationError, "redan tagit slut"):
            services.job_end(
                actor=self.coach, employment=job, end_date=D(2025, 9, 2), end_reason="QUIT"
            )


class OccupationImportTests(EmployerTestCase):
    def test_new_codes_are_added_and_names_updated_all_or_nothing(self):
        shipped = Occupation.objects.count()
        self.assertGreater(shipped, 100)
        added, changed = services.occupations_import(
            actor=None,
            rows=[
                ("5120", "Kockar och kallskänkor"),
                ("3452", "Köksmästare och souschefer"),
                ("4321", "Lagerpersonal"),
            ],
        )
        self.assertEqual((added, changed), (1, 1))
        self.assertEqual(Occupation.objects.get(code="4321").name, "Lagerpersonal")
        for rows, message in (
            ([("12", "X")], "fyra siffror"),
            ([("1111", "A"), ("1111", "B")], "två gånger"),
        ):
            with self.subTest(message=message), self.assertRaisesMessage(ValidationError, message):
                services.occupations_import(actor=None, rows=rows)
        self.assertEqual(Occupation.objects.count(), shipped + 1)
        self.assertTrue(AuditEvent.objects.filter(action="occupations.imported").exists())
        self.assertFalse(Employer.objects.filter(name="X").exists())
        self.assertEqual(Opening.objects.count(), 2)
