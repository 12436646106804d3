"""The partners-and-staff page of a project, and removing partners and staff."""

from __future__ import annotations

from django.urls import reverse

from stegvis.core.permissions import Role
from stegvis.core.testing import BaseTestCase
from stegvis.projects import services
from stegvis.projects.models import Project, ProjectPartner, ProjectStaff
from stegvis.projects.tests.test_access import READ_ONLY

ERROR_SUMMARY = 'role="alert"'


class ProjectTeamViewTests(BaseTestCase):
    def setUp(self):
        self.url = reverse("projects:team", args=[self.project.public_id])

    def remove_partner_url(self, partner: ProjectPartner, project: Project | None = None) -> str:
        project = project or self.project
        return reverse("projects:partner_remove", args=[project.public_id, partner.pk])

    def remove_staff_url(self, staff: ProjectStaff, project: Project | None = None) -> str:
        project = project or self.project
        return reverse("projects:staff_remove", args=[project.public_id, staff.pk])

    def test_the_manager_gets_the_team_page(self):
        self.login(self.manager)
        response = self.client.get(self.url)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(len(response.context["staff"]), 5)

    def test_those_who_see_but_may_not_change_the_project_get_403(self):
        for name in READ_ONLY:
            with self.subTest(user=name):
                self.login(getattr(self, name))
                self.assertEqual(self.client.get(self.url).status_code, 403)

    def test_those_who_do_not_see_the_project_get_404(self):
        for name in ("outsider", "no_role"):
            with self.subTest(user=name):
                self.login(getattr(self, name))
                self.assertEqual(self.client.get(self.url).status_code, 404)

    def test_the_manager_adds_a_partner(self):
        self.login(self.manager)
        data = {
            "add_partner": "1",
            "partner-organisation": self.partner_org.pk,
            "partner-contribution": "Praktik",
        }
        response = self.client.post(self.url, data)
        self.assertRedirects(response, self.url)
        partner = self.project.partners.get()
        self.assertEqual(
            (partner.organisation, partner.contribution), (self.partner_org, "Praktik")
        )

    def test_the_owner_cannot_be_added_as_partner(self):
        self.login(self.manager)
        response = self.client.post(
            self.url, {"add_partner": "1", "partner-organisation": self.org.pk}
        )
        self.assertEqual(response.status_code, 400)
        self.assertContains(response, ERROR_SUMMARY, status_code=400)
        self.assertIs(self.project.partners.exists(), False)

    def test_a_partner_form_without_organisation_is_refused(self):
        self.login(self.manager)
        response = self.client.post(self.url, {"add_partner": "1", "partner-organisation": ""})
        self.assertContains(response, ERROR_SUMMARY, status_code=400)

    def test_the_manager_adds_staff(self):
        self.login(self.manager)
        response = self.client.post(
            self.url, {"add_staff": "1", "staff-user": self.coach2.pk, "staff-role": "COACH"}
        )
        self.assertRedirects(response, self.url)
        self.assertIs(self.project.staff.filter(user=self.coach2, role=Role.COACH).exists(), True)

    def test_staff_in_a_role_they_do_not_hold_is_refused(self):
        self.login(self.manager)
        data = {"add_staff": "1", "staff-user": self.coach2.pk, "staff-role": "MANAGER"}
        response = self.client.post(self.url, data)
        self.assertContains(response, ERROR_SUMMARY, status_code=400)
        self.assertIs(self.project.staff.filter(user=self.coach2).exists(), False)

    def test_administrator_is_not_offered_as_a_project_role(self):
        self.login(self.admin)
        data = {"add_staff": "1", "staff-user": self.admin.pk, "staff-role": "ADMIN"}
        response = self.client.post(self.url, data)
        self.assertContains(response, ERROR_SUMMARY, status_code=400)
        self.assertIn("role", response.context["staff_form"].errors)

    def test_read_only_users_cannot_add_partners_or_staff(self):
        self.login(self.coach)
        response = self.client.post(
            self.url, {"add_partner": "1", "partner-organisation": self.partner_org.pk}
        )
        self.assertEqual(response.status_code, 403)
        response = self.client.post(
            self.url, {"add_staff": "1", "staff-user": self.coach2.pk, "staff-role": "COACH"}
        )
        self.assertEqual(response.status_code, 403)
        self.assertIs(self.project.partners.exists(), False)
        self.assertIs(self.project.staff.filter(user=self.coach2).exists(), False)

    def test_the_manager_removes_a_partner(self):
        partner = services.project_partner_add(
            actor=self.manager, project=self.project, organisation=self.partner_org
        )
        self.login(self.manager)
        response = self.client.post(self.remove_partner_url(partner))
        self.assertRedirects(response, self.url)
        self.assertIs(ProjectPartner.objects.filter(pk=partner.pk).exists(), False)

    def test_the_manager_removes_staff(self):
        staff = self.project.staff.get(user=self.coach)
        self.login(self.manager)
        response = self.client.post(self.remove_staff_url(staff))
        self.assertRedirects(response, self.url)
        self.assertIs(ProjectStaff.objects.filter(pk=staff.pk).exists(), False)

    def test_removing_needs_post(self):
        staff = self.project.staff.get(user=self.coach)
        self.login(self.manager)
        self.assertEqual(self.client.get(self.remove_staff_url(staff)).status_code, 405)
        self.assertIs(ProjectStaff.objects.filter(pk=staff.pk).exists(), True)

    def test_read_only_users_cannot_remove_partners_or_staff(self):
        partner = services.project_partner_add(
            actor=self.manager, project=self.project, organisation=self.partner_org
        )
        staff = self.project.staff.get(user=self.coach)
        for name in READ_ONLY:
            with self.subTest(user=name):
                self.login(getattr(self, name))
                self.assertEqual(
                    self.client.post(self.remove_partner_url(partner)).status_code, 403
                )
                self.assertEqual(self.client.post(self.remove_staff_url(staff)).status_code, 403)
        self.assertIs(ProjectPartner.objects.filter(pk=partner.pk).exists(), True)
        self.assertIs(ProjectStaff.objects.filter(pk=staff.pk).exists(), True)

    def test_outsiders_get_404_when_removing(self):
        partner = services.project_partner_add(
            actor=self.manager, project=self.project, organisation=self.partner_org
        )
        staff = self.project.staff.get(user=self.coach)
        self.login(self.outsider)
        self.assertEqual(self.client.post(self.remove_partner_url(partner)).status_code, 404)
        self.assertEqual(self.client.post(self.remove_staff_url(staff)).status_code, 404)
        self.assertIs(ProjectPartner.objects.filter(pk=partner.pk).exists(), True)
        self.assertIs(ProjectStaff.objects.filter(pk=staff.pk).exists(), True)

    def test_a_row_of_another_project_is_404_even_for_its_own_manager(self):
        # The outsider manages other_project; its rows cannot be removed through `project`'s URL.
        other_staff = self.other_project.staff.get(user=self.outsider)
        other_partner = services.project_partner_add(
            actor=self.outsider, project=self.other_project, organisation=self.partner_org
        )
        self.login(self.manager)
        self.assertEqual(self.client.post(self.remove_staff_url(other_staff)).status_code, 404)
        self.assertEqual(self.client.post(self.remove_partner_url(other_partner)).status_code, 404)
        self.assertIs(ProjectStaff.objects.filter(pk=other_staff.pk).exists(), True)
        self.assertIs(ProjectPartner.objects.filter(pk=other_partner.pk).exists(), True)
