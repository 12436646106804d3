"""The project pages: list (with htmx search), detail, create and edit."""

from __future__ import annotations

import datetime
import uuid

from django.urls import reverse

from stegvis.accounts import services as accounts
from stegvis.core.models import AuditEvent
from stegvis.core.permissions import Role
from stegvis.core.testing import BaseTestCase
from stegvis.projects import services
from stegvis.projects.models import Project
from stegvis.projects.tests.test_access import READ_ONLY, SEES_PROJECT

WITH_A_ROLE = ("admin", "manager", "coach", "coach2", "referral", "evaluator", "funder", "outsider")
ERROR_SUMMARY = 'role="alert"'


def edit_data(project: Project, **changes) -> dict:
    """The edit form as the browser posts it for `project`, with `changes`."""
    data = {
        "diarienummer": project.diarienummer,
        "name": project.name,
        "owner": project.owner_id,
        "start_date": "",
        "end_date": "",
        "planned_participants": "",
        "planned_women": "",
        "planned_men": "",
        "region": project.region,
        "contact_name": "",
        "contact_email": "",
        "description": project.description,
    }
    return {**data, **changes}


class ProjectListViewTests(BaseTestCase):
    url = reverse("projects:list")

    def test_everyone_with_a_role_gets_the_list(self):
        for name in WITH_A_ROLE:
            with self.subTest(user=name):
                self.login(getattr(self, name))
                response = self.client.get(self.url)
                self.assertEqual(response.status_code, 200)
                self.assertTemplateUsed(response, "projects/project_list.html")

    def test_the_list_shows_only_visible_projects(self):
        self.login(self.coach)
        response = self.client.get(self.url)
        self.assertEqual([p.diarienummer for p in response.context["page_obj"]], ["2024/00001"])
        self.assertContains(response, self.project.get_absolute_url())
        self.assertNotContains(response, self.other_project.get_absolute_url())

    def test_a_user_without_a_role_is_refused(self):
        self.login(self.no_role)
        self.assertEqual(self.client.get(self.url).status_code, 403)

    def test_an_anonymous_visitor_is_sent_to_sign_in(self):
        response = self.client.get(self.url)
        self.assertRedirects(
            response, f"{reverse('accounts:login')}?next={self.url}", fetch_redirect_response=False
        )

    def test_the_list_query_count_does_not_grow_with_the_projects(self):
        self.login(self.manager)
        # 1. the session
        # 2. the user
        # 3. the user's roles (memberships; cached on the user for the capability checks,
        #    the visibility rule and the menu)
        # 4. the number of visible projects (paginator)
        # 5. the page of projects, with owners joined and staff counted in the same query
        with self.assertNumQueries(5):
            response = self.client.get(self.url)
        self.assertEqual(len(response.context["page_obj"]), 1)
        for n in range(30):
            project = services.project_create(
                actor=self.manager,
                diarienummer=f"2024/1{n:04}",
                name=f"Projekt {n}",
                owner=self.org,
            )
            services.project_partner_add(
                actor=self.manager, project=project, organisation=self.partner_org
            )
        with self.assertNumQueries(5):  # the same five queries for 31 projects
            response = self.client.get(self.url)
        self.assertEqual(len(response.context["page_obj"]), 25)

    def test_an_htmx_request_gets_only_the_table(self):
        self.login(self.manager)
        response = self.client.get(self.url, {"q": "vägen"}, headers={"HX-Request": "true"})
        self.assertEqual(response.status_code, 200)
        self.assertTemplateUsed(response, "projects/_project_table.html")
        self.assertTemplateNotUsed(response, "projects/project_list.html")
        self.assertNotContains(response, "<html")
        self.assertContains(response, "<table")
        self.assertIn("HX-Request", response["Vary"])

    def test_a_full_page_varies_on_the_htmx_header_too(self):
        self.login(self.manager)
        self.assertIn("HX-Request", self.client.get(self.url)["Vary"])

    def test_an_htmx_history_restore_gets_the_whole_page(self):
        self.login(self.manager)
        response = self.client.get(
            self.url, headers={"HX-Request": "true", "HX-History-Restore-Request": "true"}
        )
        self.assertTemplateUsed(response, "projects/project_list.html")
        self.assertContains(response, "<html")

    def test_the_search_filters_the_list(self):
        self.login(self.admin)
        response = self.client.get(self.url, {"q": "södra"})
        self.assertEqual([p.diarienummer for p in response.context["page_obj"]], ["2024/00002"])

    def test_page_links_keep_the_search_encoded(self):
        for n in range(26):
            services.project_create(
                actor=self.manager, diarienummer=f"2024/1{n:04}", name=f"A&B {n}", owner=self.org
            )
        self.login(self.manager)
        response = self.client.get(self.url, {"q": "a&b"})
        self.assertEqual(response.context["page_obj"].paginator.count, 26)
        self.assertContains(response, 'href="?q=a%26b&amp;page=2"')


class ProjectDetailViewTests(BaseTestCase):
    def test_everyone_who_sees_the_project_gets_its_page(self):
        url = self.project.get_absolute_url()
        for name in SEES_PROJECT:
            with self.subTest(user=name):
                self.login(getattr(self, name))
                response = self.client.get(url)
                self.assertEqual(response.status_code, 200)
                self.assertEqual(response.context["project"], self.project)

    def test_a_project_out_of_reach_is_404(self):
        for name in ("outsider", "no_role"):
            with self.subTest(user=name):
                self.login(getattr(self, name))
                self.assertEqual(self.client.get(self.project.get_absolute_url()).status_code, 404)

    def test_a_missing_project_is_404(self):
        self.login(self.admin)
        response = self.client.get(reverse("projects:detail", args=[uuid.uuid4()]))
        self.assertEqual(response.status_code, 404)

    def test_only_those_who_may_change_the_project_get_the_links_to_change_it(self):
        edit_url = reverse("projects:edit", args=[self.project.public_id])
        for name, can_edit in (
            ("manager", True),
            ("admin", True),
            ("coach", False),
            ("funder", False),
        ):
            with self.subTest(user=name):
                self.login(getattr(self, name))
                response = self.client.get(self.project.get_absolute_url())
                self.assertIs(response.context["can_edit"], can_edit)
                self.assertEqual(edit_url in response.content.decode(), can_edit)

    def test_managers_get_the_participants_overview_and_the_import_from_the_project_page(self):
        overview = reverse("participants:project_overview", args=[self.project.public_id])
        upload = f"{reverse('exchange:import')}?project={self.project.public_id}"
        for name, may in (("manager", True), ("admin", True), ("coach", False), ("funder", False)):
            with self.subTest(user=name):
                self.login(getattr(self, name))
                page = self.client.get(self.project.get_absolute_url()).content.decode()
                self.assertEqual(overview in page, may)
                self.assertEqual(upload in page, may)
        self.login(self.manager)
        form = self.client.get(upload).context["form"]
        self.assertEqual(form["project"].value(), str(self.project.public_id))

    def test_the_page_shows_partners_staff_and_other_project_bank_information(self):
        services.project_partner_add(
            actor=self.manager,
            project=self.project,
            organisation=self.partner_org,
            contribution="Praktik",
        )
        services.project_update(
            actor=self.manager, project=self.project, extra=[["Program CCI", "2021SE05SFPR001"]]
        )
        self.login(self.coach)
        response = self.client.get(self.project.get_absolute_url())
        self.assertContains(response, "Arbetsförmedlingen")
        self.assertContains(response, "Praktik")
        self.assertContains(response, "Coach Testsson")
        self.assertContains(response, "<dt>Program CCI</dt><dd>2021SE05SFPR001</dd>", html=True)


class ProjectCreateViewTests(BaseTestCase):
    url = reverse("projects:create")

    def data(self, **changes) -> dict:
        data = {"diarienummer": "2024/00003", "name": "Nya steg", "owner": self.org.pk}
        return {**data, **changes}

    def test_a_manager_gets_the_form_with_their_own_organisations(self):
        self.login(self.manager)
        response = self.client.get(self.url)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(list(response.context["form"].fields["owner"].queryset), [self.org])

    def test_a_manager_registers_a_project_and_becomes_its_manager(self):
        self.login(self.manager)
        response = self.client.post(self.url, self.data(planned_participants="40", region=" Norr "))
        project = Project.objects.get(diarienummer="2024/00003")
        self.assertRedirects(response, project.get_absolute_url())
        self.assertEqual(
            (project.owner, project.planned_participants, project.region), (self.org, 40, "Norr")
        )
        self.assertIs(project.staff.filter(user=self.manager, role=Role.MANAGER).exists(), True)
        self.assertIs(
            AuditEvent.objects.filter(action="project.created", object_id=str(project.pk)).exists(),
            True,
        )

    def test_those_who_may_not_create_projects_are_refused(self):
        for name in (*READ_ONLY, "no_role"):
            with self.subTest(user=name):
                self.login(getattr(self, name))
                self.assertEqual(self.client.get(self.url).status_code, 403)
                self.assertEqual(self.client.post(self.url, self.data()).status_code, 403)
        self.assertIs(Project.objects.filter(diarienummer="2024/00003").exists(), False)

    def test_a_manager_may_not_register_a_project_for_another_organisation(self):
        self.login(self.manager)
        response = self.client.post(self.url, self.data(owner=self.other_org.pk))
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, ERROR_SUMMARY)
        self.assertIn("owner", response.context["form"].errors)
        self.assertIs(Project.objects.filter(diarienummer="2024/00003").exists(), False)

    def test_an_end_before_the_start_is_shown_in_the_error_summary(self):
        self.login(self.manager)
        response = self.client.post(
            self.url, self.data(start_date="2025-01-01", end_date="2024-12-31")
        )
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, ERROR_SUMMARY)
        self.assertIn("end_date", response.context["form"].errors)
        self.assertIs(Project.objects.filter(diarienummer="2024/00003").exists(), False)

    def test_a_rule_of_the_service_is_shown_in_the_error_summary(self):
        self.login(self.manager)
        data = self.data(planned_participants="10", planned_women="6", planned_men="5")
        response = self.client.post(self.url, data)
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, ERROR_SUMMARY)
        self.assertIn("planned_women", response.context["form"].errors)
        self.assertIs(Project.objects.filter(diarienummer="2024/00003").exists(), False)


class ProjectEditViewTests(BaseTestCase):
    def setUp(self):
        self.url = reverse("projects:edit", args=[self.project.public_id])

    def test_the_manager_gets_the_form_filled_in(self):
        self.login(self.manager)
        response = self.client.get(self.url)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.context["form"].initial["name"], "Vägen till jobb")

    def test_saving_changes_redirects_to_the_project_and_changes_it(self):
        self.login(self.manager)
        data = edit_data(
            self.project, name="Vägen till arbete", start_date="2025-01-01", city="Umeå"
        )
        response = self.client.post(self.url, data)
        self.assertRedirects(response, self.project.get_absolute_url())
        self.project.refresh_from_db()
        self.assertEqual(
            (self.project.name, self.project.start_date, self.project.city),
            ("Vägen till arbete", datetime.date(2025, 1, 1), "Umeå"),
        )
        event = AuditEvent.objects.get(action="project.updated", object_id=str(self.project.pk))
        self.assertEqual(
            event.changes,
            {
                "city": ["", "Umeå"],
                "name": ["Vägen till jobb", "Vägen till arbete"],
                "start_date": [None, "2025-01-01"],
            },
        )

    def test_those_who_see_but_may_not_change_the_project_get_403(self):
        for name in READ_ONLY:
            with self.subTest(user=name):
                self.login(getattr(self, name))
                self.assertEqual(self.client.get(self.url).status_code, 403)
                response = self.client.post(self.url, edit_data(self.project, name="Kapad"))
                self.assertEqual(response.status_code, 403)
        self.project.refresh_from_db()
        self.assertEqual(self.project.name, "Vägen till jobb")

    def test_those_who_do_not_see_the_project_get_404(self):
        for name in ("outsider", "no_role"):
            with self.subTest(user=name):
                self.login(getattr(self, name))
                self.assertEqual(self.client.get(self.url).status_code, 404)

    def test_a_manager_who_lost_the_manager_role_gets_403(self):
        accounts.membership_add(
            actor=None, user=self.manager, organisation=self.partner_org, role=Role.COACH
        )
        accounts.membership_remove(
            actor=self.admin, membership=self.manager.memberships.get(role=Role.MANAGER)
        )
        self.login(self.manager)
        response = self.client.get(reverse("projects:edit", args=[self.project.public_id]))
        self.assertEqual(response.status_code, 403)

    def test_an_invalid_change_is_shown_in_the_error_summary_and_not_saved(self):
        self.login(self.manager)
        data = edit_data(self.project, name="", eu_cofinancing_rate="120")
        response = self.client.post(self.url, data)
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, ERROR_SUMMARY)
        self.assertEqual(set(response.context["form"].errors), {"name", "eu_cofinancing_rate"})
        self.project.refresh_from_db()
        self.assertEqual(self.project.name, "Vägen till jobb")

    def test_a_rule_of_the_service_is_shown_in_the_error_summary(self):
        self.login(self.manager)
        data = edit_data(
            self.project, planned_participants="10", planned_women="6", planned_men="5"
        )
        response = self.client.post(self.url, data)
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, ERROR_SUMMARY)
        self.assertIsNone(Project.objects.get(pk=self.project.pk).planned_participants)
