"""Writes to projects, partners and staff, and the import of parsed project-bank records."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError

from stegvis.accounts import services as accounts
from stegvis.accounts.models import Organisation, OrganisationKind
from stegvis.core.models import AuditEvent
from stegvis.core.permissions import Role
from stegvis.core.testing import BaseTestCase
from stegvis.projects import services
from stegvis.projects.models import Project, ProjectPartner, ProjectStaff
from stegvis.projects.projektbanken import parse_file, parse_record
from stegvis.projects.tests.records import ESF_PLUS_FILE, sample_path


def events(action: str, project: Project) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(action=action, object_id=str(project.pk)).order_by("id"))


class ProjectCreateTests(BaseTestCase):
    def create(self, **values):
        values = {"diarienummer": "2024/00003", "name": "Nya steg", "owner": self.org, **values}
        return services.project_create(actor=self.manager, **values)

    def test_creating_a_project_records_an_audit_event_with_its_values(self):
        project = self.create(planned_participants=40, region="Övre Norrland")
        [event] = events("project.created", project)
        self.assertEqual(event.actor, self.manager)
        self.assertEqual(event.object_label, "2024/00003")
        self.assertEqual(event.changes["diarienummer"], [None, "2024/00003"])
        self.assertEqual(event.changes["name"], [None, "Nya steg"])
        self.assertEqual(event.changes["owner"], [None, self.org.pk])
        self.assertEqual(event.changes["planned_participants"], [None, 40])
        self.assertEqual(event.changes["region"], [None, "Övre Norrland"])

    def test_the_creating_manager_becomes_the_projects_manager(self):
        project = self.create()
        self.assertEqual(
            list(project.staff.values_list("user__username", "role")), [("manager", Role.MANAGER)]
        )
        [event] = events("project.staff_added", project)
        self.assertEqual(event.changes, {"staff": [None, "manager (MANAGER)"]})

    def test_an_administrator_creating_a_project_does_not_become_its_staff(self):
        project = services.project_create(
            actor=self.admin, diarienummer="2024/00003", name="Nya steg", owner=self.org
        )
        self.assertIs(project.staff.exists(), False)

    def test_diarienummer_and_name_are_stripped(self):
        project = self.create(diarienummer="  2024/00003 ", name=" Nya steg\n")
        self.assertEqual((project.diarienummer, project.name), ("2024/00003", "Nya steg"))

    def test_unknown_fields_are_a_programming_error(self):
        with self.assertRaisesMessage(TypeError, "unknown fields: ['colour']"):
            self.create(colour="blue")

    def test_planned_women_and_men_may_add_up_to_the_planned_participants(self):
        project = self.create(planned_participants=40, planned_women=20, planned_men=20)
        self.assertEqual((project.planned_women, project.planned_men), (20, 20))

    def test_more_planned_women_and_men_than_participants_is_refused(self):
        with self.assertRaises(ValidationError) as caught:
            self.create(planned_participants=40, planned_women=21, planned_men=20)
        self.assertEqual(list(caught.exception.error_dict), ["planned_women"])
        self.assertIs(Project.objects.filter(diarienummer="2024/00003").exists(), False)

    def test_a_project_ending_before_it_starts_is_refused(self):
        with self.assertRaises(ValidationError) as caught:
            self.create(start_date=datetime.date(2025, 1, 1), end_date=datetime.date(2024, 12, 31))
        self.assertIn("project_end_after_start", str(caught.exception))
        self.assertIs(Project.objects.filter(diarienummer="2024/00003").exists(), False)

    def test_a_diarienummer_in_use_is_refused(self):
        with self.assertRaises(ValidationError) as caught:
            self.create(diarienummer=self.other_project.diarienummer)
        self.assertEqual(list(caught.exception.error_dict), ["diarienummer"])


class ProjectUpdateTests(BaseTestCase):
    def test_only_changed_fields_are_recorded(self):
        services.project_update(
            actor=self.manager, project=self.project, name="Vägen till jobb", region="Västsverige"
        )
        [event] = events("project.updated", self.project)
        self.assertEqual(event.actor, self.manager)
        self.assertEqual(event.changes, {"region": ["", "Västsverige"]})
        self.project.refresh_from_db()
        self.assertEqual(self.project.region, "Västsverige")

    def test_saving_without_changes_records_nothing(self):
        services.project_update(actor=self.manager, project=self.project, name=" Vägen till jobb ")
        self.assertEqual(events("project.updated", self.project), [])

    def test_changing_the_owner_records_both_owners(self):
        services.project_update(actor=self.admin, project=self.project, owner=self.partner_org)
        [event] = events("project.updated", self.project)
        self.assertEqual(event.changes, {"owner": [self.org.pk, self.partner_org.pk]})

    def test_unknown_fields_are_a_programming_error(self):
        with self.assertRaisesMessage(TypeError, "unknown fields: ['public_id']"):
            services.project_update(actor=self.manager, project=self.project, public_id="x")

    def test_more_planned_women_and_men_than_participants_is_refused(self):
        services.project_update(actor=self.manager, project=self.project, planned_participants=10)
        with self.assertRaises(ValidationError) as caught:
            services.project_update(
                actor=self.manager, project=self.project, planned_women=6, planned_men=5
            )
        self.assertEqual(list(caught.exception.error_dict), ["planned_women"])
        self.assertEqual(self.fresh_project().planned_women, None)

    def test_a_project_ending_before_it_starts_is_refused(self):
        with self.assertRaises(ValidationError) as caught:
            services.project_update(
                actor=self.manager,
                project=self.project,
                start_date=datetime.date(2025, 1, 1),
                end_date=datetime.date(2024, 12, 31),
            )
        self.assertIn("project_end_after_start", str(caught.exception))
        self.assertIsNone(self.fresh_project().start_date)
        self.assertEqual(events("project.updated", self.project), [])

    def test_a_cofinancing_rate_above_100_percent_is_refused(self):
        with self.assertRaises(ValidationError):
            services.project_update(
                actor=self.manager, project=self.project, eu_cofinancing_rate=Decimal("101")
            )
        self.assertIsNone(self.fresh_project().eu_cofinancing_rate)

    def fresh_project(self) -> Project:
        return Project.objects.get(pk=self.project.pk)


class ProjectPartnerTests(BaseTestCase):
    def test_adding_a_partner_records_an_audit_event(self):
        partner = services.project_partner_add(
            actor=self.manager,
            project=self.project,
            organisation=self.partner_org,
            contribution=" Arbetsmarknadsstöd ",
        )
        self.assertEqual(partner.contribution, "Arbetsmarknadsstöd")
        [event] = events("project.partner_added", self.project)
        self.assertEqual(event.actor, self.manager)
        self.assertEqual(event.changes, {"partner": [None, "Arbetsförmedlingen"]})

    def test_adding_the_same_partner_twice_changes_nothing(self):
        first = services.project_partner_add(
            actor=self.manager, project=self.project, organisation=self.partner_org
        )
        second = services.project_partner_add(
            actor=self.manager,
            project=self.project,
            organisation=self.partner_org,
            contribution="Något annat",
        )
        self.assertEqual(second.pk, first.pk)
        self.assertEqual(second.contribution, "")
        self.assertEqual(len(events("project.partner_added", self.project)), 1)

    def test_the_owner_cannot_be_its_own_partner(self):
        with self.assertRaises(ValidationError):
            services.project_partner_add(
                actor=self.manager, project=self.project, organisation=self.org
            )
        self.assertIs(self.project.partners.exists(), False)
        self.assertEqual(events("project.partner_added", self.project), [])

    def test_removing_a_partner_records_an_audit_event(self):
        partner = services.project_partner_add(
            actor=self.manager, project=self.project, organisation=self.partner_org
        )
        services.project_partner_remove(actor=self.manager, partner=partner)
        self.assertIs(ProjectPartner.objects.filter(pk=partner.pk).exists(), False)
        [event] = events("project.partner_removed", self.project)
        self.assertEqual(event.actor, self.manager)
        self.assertEqual(event.changes, {"partner": ["Arbetsförmedlingen", None]})


class ProjectStaffTests(BaseTestCase):
    def test_adding_staff_in_a_role_they_hold_records_an_audit_event(self):
        staff = services.project_staff_add(
            actor=self.manager, project=self.project, user=self.coach2, role=Role.COACH
        )
        self.assertEqual((staff.user, staff.role), (self.coach2, Role.COACH))
        [event] = [
            e for e in events("project.staff_added", self.project) if "coach2" in str(e.changes)
        ]
        self.assertEqual(event.actor, self.manager)
        self.assertEqual(event.changes, {"staff": [None, "coach2 (COACH)"]})

    def test_adding_the_same_staff_twice_changes_nothing(self):
        before = len(events("project.staff_added", self.project))
        first = services.project_staff_add(
            actor=self.manager, project=self.project, user=self.coach2, role="COACH"
        )
        second = services.project_staff_add(
            actor=self.manager, project=self.project, user=self.coach2, role="COACH"
        )
        self.assertEqual(second.pk, first.pk)
        self.assertEqual(len(events("project.staff_added", self.project)), before + 1)

    def test_a_role_the_user_holds_nowhere_is_refused(self):
        with self.assertRaises(ValidationError):
            services.project_staff_add(
                actor=self.manager, project=self.project, user=self.coach2, role=Role.MANAGER
            )
        self.assertIs(self.project.staff.filter(user=self.coach2).exists(), False)

    def test_a_user_without_any_role_is_refused(self):
        with self.assertRaises(ValidationError):
            services.project_staff_add(
                actor=self.manager, project=self.project, user=self.no_role, role=Role.COACH
            )
        self.assertIs(self.project.staff.filter(user=self.no_role).exists(), False)

    def test_system_administrator_is_not_a_project_role(self):
        # The administrator holds ADMIN, so only the project-role rule can refuse it.
        with self.assertRaises(ValidationError):
            services.project_staff_add(
                actor=self.admin, project=self.project, user=self.admin, role=Role.ADMIN
            )
        self.assertIs(self.project.staff.filter(user=self.admin).exists(), False)

    def test_removing_staff_records_an_audit_event(self):
        staff = ProjectStaff.objects.get(project=self.project, user=self.coach)
        services.project_staff_remove(actor=self.manager, staff=staff)
        self.assertIs(ProjectStaff.objects.filter(pk=staff.pk).exists(), False)
        [event] = events("project.staff_removed", self.project)
        self.assertEqual(event.actor, self.manager)
        self.assertEqual(event.changes, {"staff": ["coach (COACH)", None]})


class ProjectImportRecordTests(BaseTestCase):
    def test_importing_a_record_creates_the_project_and_its_owner(self):
        record = parse_file(sample_path("2020-00581-messa.txt"))
        project, created = services.project_import_record(actor=self.admin, record=record)
        self.assertIs(created, True)
        project.refresh_from_db()
        self.assertEqual(project.diarienummer, "2020/00581")
        self.assertEqual(project.name, "MESSA")
        self.assertEqual(project.programme_period, "2014-2020")
        self.assertEqual(project.owner.name, "Urkraft ASF AB")
        self.assertEqual(project.owner.kind, OrganisationKind.OTHER)
        self.assertEqual(project.eu_cofinancing_rate, Decimal("50"))
        self.assertEqual((project.total_budget_sek, project.esf_support_sek), (8332338, 3930245))
        self.assertEqual(project.planned_participants, 60)
        self.assertEqual(
            (project.start_date, project.end_date),
            (datetime.date(2021, 2, 1), datetime.date(2023, 2, 28)),
        )
        self.assertEqual(project.city, "")
        self.assertEqual(project.extra, [["Stödmottagarens address", ""]])
        self.assertEqual(project.description, record.description)
        [event] = events("project.imported", project)
        self.assertEqual(event.actor, self.admin)
        self.assertEqual(event.changes["diarienummer"], [None, "2020/00581"])

    def test_the_owners_kind_is_guessed_from_its_name(self):
        cases = {
            "2020-00553-progress.txt": OrganisationKind.SAMORDNINGSFORBUND,
            "2020-00085-arbetsspar.txt": OrganisationKind.OTHER,
        }
        for name, kind in cases.items():
            with self.subTest(record=name):
                project, _ = services.project_import_record(
                    actor=None, record=parse_file(sample_path(name))
                )
                self.assertEqual(project.owner.kind, kind)
        project, _ = services.project_import_record(actor=None, record=parse_file(ESF_PLUS_FILE))
        self.assertEqual(
            (project.owner.kind, project.owner.org_number),
            (OrganisationKind.MUNICIPALITY, "212000-2627"),
        )

    def test_importing_the_same_record_again_changes_nothing(self):
        record = parse_file(sample_path("2020-00581-messa.txt"))
        services.project_import_record(actor=None, record=record)
        count = AuditEvent.objects.count()
        project, created = services.project_import_record(actor=None, record=record)
        self.assertIs(created, False)
        self.assertEqual(AuditEvent.objects.count(), count)

    def test_a_changed_record_updates_the_project_and_records_what_changed(self):
        text = sample_path("2020-00581-messa.txt").read_text(encoding="utf-8")
        services.project_import_record(actor=None, record=parse_record(text))
        changed = text.replace("Planerat antal deltagare:\n60", "Planerat antal deltagare:\n75")
        project, created = services.project_import_record(
            actor=self.admin, record=parse_record(changed)
        )
        self.assertIs(created, False)
        self.assertEqual(Project.objects.get(pk=project.pk).planned_participants, 75)
        [event] = events("project.reimported", project)
        self.assertEqual(event.actor, self.admin)
        self.assertEqual(event.changes, {"planned_participants": [60, 75]})

    def test_reimport_leaves_what_was_entered_in_stegvis(self):
        record = parse_file(sample_path("2020-00581-messa.txt"))
        project, _ = services.project_import_record(actor=None, record=record)
        services.project_update(actor=self.admin, project=project, planned_women=30, planned_men=30)
        services.project_partner_add(actor=self.admin, project=project, organisation=self.org)
        services.project_import_record(actor=None, record=record)
        project = Project.objects.get(pk=project.pk)
        self.assertEqual((project.planned_women, project.planned_men), (30, 30))
        self.assertEqual(
            list(project.partners.values_list("organisation__name", flat=True)), [self.org.name]
        )

    def test_the_owner_is_found_by_organisation_number(self):
        owner = accounts.organisation_create(
            actor=None, name="Skellefteå kommunförvaltning", org_number="212000-2627"
        )
        project, _ = services.project_import_record(actor=None, record=parse_file(ESF_PLUS_FILE))
        self.assertEqual(project.owner, owner)
        self.assertIs(Organisation.objects.filter(name="Skellefteå kommun").exists(), False)

    def test_the_owner_is_found_by_name_and_gets_the_organisation_number(self):
        # Only ASCII letters differ in case: SQLite's LIKE and lower() fold no others.
        owner = accounts.organisation_create(actor=None, name="skellefteå KOMMUN")
        project, _ = services.project_import_record(
            actor=self.admin, record=parse_file(ESF_PLUS_FILE)
        )
        self.assertEqual(project.owner, owner)
        owner.refresh_from_db()
        self.assertEqual(owner.org_number, "212000-2627")
        event = AuditEvent.objects.get(action="organisation.updated", object_id=str(owner.pk))
        self.assertEqual(event.changes, {"org_number": ["", "212000-2627"]})

    def test_an_owner_found_by_name_keeps_its_own_organisation_number(self):
        owner = accounts.organisation_create(
            actor=None, name="Skellefteå kommun", org_number="202100-2114"
        )
        project, _ = services.project_import_record(actor=None, record=parse_file(ESF_PLUS_FILE))
        self.assertEqual(project.owner, owner)
        owner.refresh_from_db()
        self.assertEqual(owner.org_number, "202100-2114")

    def test_a_record_without_owner_gets_a_placeholder_owner(self):
        record = parse_record(
            "2020/00009 - Utan ägare\n\nDiarienummer:\n2020/00009\nNamn:\nUtan ägare\n"
        )
        first, _ = services.project_import_record(actor=None, record=record)
        record.diarienummer = "2020/00010"
        second, _ = services.project_import_record(actor=None, record=record)
        self.assertNotEqual(first.owner.name, "")
        self.assertEqual(second.owner, first.owner)

    def test_a_record_the_model_refuses_writes_nothing(self):
        record = parse_file(sample_path("2020-00581-messa.txt"))
        record.contact_email = "inte en adress"
        counts = (Project.objects.count(), Organisation.objects.count(), AuditEvent.objects.count())
        with self.assertRaises(ValidationError):
            services.project_import_record(actor=None, record=record)
        self.assertEqual(
            (Project.objects.count(), Organisation.objects.count(), AuditEvent.objects.count()),
            counts,
        )
