"""access_project and friends: who may see and who may change which project."""

from __future__ import annotations

import uuid

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404

from stegvis.accounts import services as accounts
from stegvis.accounts.models import Membership, OrganisationKind
from stegvis.core.permissions import Role
from stegvis.core.testing import PASSWORD, BaseTestCase
from stegvis.projects import services
from stegvis.projects.access import access_project, access_project_partner, access_project_staff

# Who sees `project` and `other_project` (see core/testing.py for who they are).
SEES_PROJECT = {"admin", "manager", "coach", "coach2", "referral", "evaluator", "funder"}
SEES_OTHER_PROJECT = {"admin", "outsider"}
EVERYONE = (
    "admin",
    "manager",
    "coach",
    "coach2",
    "referral",
    "evaluator",
    "funder",
    "outsider",
    "no_role",
)
# They see `project` but may not change it: staff in other roles, and coach2, a member of the
# owner organisation who is not the project's staff.
READ_ONLY = ("coach", "coach2", "referral", "evaluator", "funder")


class AccessProjectTests(BaseTestCase):
    def assert_sees(self, user, project) -> None:
        self.assertEqual(access_project(user, project.public_id), project)

    def assert_404(self, user, project_id, **kwargs) -> None:
        with self.assertRaises(Http404):
            access_project(user, project_id, **kwargs)

    def test_who_sees_which_project(self):
        for name in EVERYONE:
            user = getattr(self, name)
            for project, seers in (
                (self.project, SEES_PROJECT),
                (self.other_project, SEES_OTHER_PROJECT),
            ):
                with self.subTest(user=name, project=project.diarienummer):
                    if name in seers:
                        self.assert_sees(user, project)
                    else:
                        self.assert_404(user, project.public_id)

    def test_the_public_id_may_be_given_as_text(self):
        self.assertEqual(access_project(self.coach, str(self.project.public_id)), self.project)

    def test_a_missing_project_is_404_like_a_forbidden_one(self):
        for name in ("admin", "manager"):
            with self.subTest(user=name):
                self.assert_404(getattr(self, name), uuid.uuid4())
                self.assert_404(getattr(self, name), uuid.uuid4(), for_write=True)

    def test_a_malformed_id_is_404(self):
        self.assert_404(self.admin, "not-a-uuid")

    def test_the_integer_id_does_not_open_a_project(self):
        self.assert_404(self.admin, self.project.pk)

    def test_anonymous_users_see_nothing(self):
        self.assert_404(AnonymousUser(), self.project.public_id)

    def test_an_inactive_user_sees_nothing(self):
        accounts.user_update(actor=self.admin, user=self.manager, is_active=False)
        self.assert_404(self.fresh(self.manager), self.project.public_id)

    def test_a_superuser_without_roles_sees_every_project(self):
        superuser = accounts.user_create(
            actor=None, username="root", first_name="R", last_name="S", password=PASSWORD
        )
        superuser.is_superuser = True
        self.assert_sees(superuser, self.project)
        self.assertEqual(
            access_project(superuser, self.other_project.public_id, for_write=True),
            self.other_project,
        )

    def test_members_of_a_partner_organisation_see_the_project_but_may_not_change_it(self):
        school = accounts.organisation_create(
            actor=None, name="Pihlskolan", kind=OrganisationKind.SCHOOL
        )
        teacher = accounts.user_create(
            actor=None, username="larare", first_name="L", last_name="T", password=PASSWORD
        )
        accounts.membership_add(actor=None, user=teacher, organisation=school, role=Role.COACH)
        self.assert_404(self.fresh(teacher), self.project.public_id)
        services.project_partner_add(actor=self.manager, project=self.project, organisation=school)
        self.assert_sees(self.fresh(teacher), self.project)
        with self.assertRaises(PermissionDenied):
            access_project(self.fresh(teacher), self.project.public_id, for_write=True)

    def test_members_of_a_deactivated_organisation_lose_its_projects(self):
        accounts.organisation_update(actor=self.admin, organisation=self.org, is_active=False)
        for name in ("manager", "coach", "coach2"):
            with self.subTest(user=name):
                self.assert_404(self.fresh(getattr(self, name)), self.project.public_id)


class AccessProjectForWriteTests(BaseTestCase):
    def test_the_projects_manager_may_change_it(self):
        self.assertEqual(
            access_project(self.manager, self.project.public_id, for_write=True), self.project
        )
        self.assertEqual(
            access_project(self.outsider, self.other_project.public_id, for_write=True),
            self.other_project,
        )

    def test_an_administrator_may_change_every_project(self):
        for project in (self.project, self.other_project):
            with self.subTest(project=project.diarienummer):
                self.assertEqual(
                    access_project(self.admin, project.public_id, for_write=True), project
                )

    def test_those_who_see_but_do_not_manage_the_project_get_permission_denied(self):
        for name in READ_ONLY:
            with self.subTest(user=name):
                user = getattr(self, name)
                access_project(user, self.project.public_id)  # they do see it
                with self.assertRaises(PermissionDenied):
                    access_project(user, self.project.public_id, for_write=True)

    def test_those_who_do_not_see_the_project_get_404_on_write(self):
        for name in ("outsider", "no_role"):
            with self.subTest(user=name), self.assertRaises(Http404):
                access_project(getattr(self, name), self.project.public_id, for_write=True)

    def test_a_manager_of_the_owner_who_is_not_project_staff_may_not_change_it(self):
        colleague = accounts.user_create(
            actor=None, username="manager2", first_name="M", last_name="T", password=PASSWORD
        )
        accounts.membership_add(
            actor=None, user=colleague, organisation=self.org, role=Role.MANAGER
        )
        colleague = self.fresh(colleague)
        self.assertEqual(access_project(colleague, self.project.public_id), self.project)
        with self.assertRaises(PermissionDenied):
            access_project(colleague, self.project.public_id, for_write=True)

    def test_a_manager_who_loses_the_manager_role_may_no_longer_change_the_project(self):
        # Still a coach elsewhere, and still on the project's staff list as manager.
        accounts.membership_add(
            actor=None, user=self.manager, organisation=self.partner_org, role=Role.COACH
        )
        membership = Membership.objects.get(user=self.manager, role=Role.MANAGER)
        accounts.membership_remove(actor=self.admin, membership=membership)
        manager = self.fresh(self.manager)
        self.assertIs(self.project.staff.filter(user=manager, role=Role.MANAGER).exists(), True)
        with self.assertRaises(PermissionDenied):
            access_project(manager, self.project.public_id, for_write=True)


class AccessPartnerAndStaffTests(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.partner = services.project_partner_add(
            actor=cls.manager, project=cls.project, organisation=cls.partner_org
        )
        cls.other_partner = services.project_partner_add(
            actor=cls.outsider, project=cls.other_project, organisation=cls.partner_org
        )
        cls.staff = cls.project.staff.get(user=cls.coach)
        cls.other_staff = cls.other_project.staff.get(user=cls.outsider)

    def test_the_manager_gets_a_partner_and_a_staff_row_of_their_project(self):
        self.assertEqual(
            access_project_partner(self.manager, self.project, self.partner.pk), self.partner
        )
        self.assertEqual(
            access_project_staff(self.manager, self.project, self.staff.pk), self.staff
        )

    def test_rows_of_another_project_are_404(self):
        with self.assertRaises(Http404):
            access_project_partner(self.manager, self.project, self.other_partner.pk)
        with self.assertRaises(Http404):
            access_project_staff(self.manager, self.project, self.other_staff.pk)

    def test_those_who_may_not_change_the_project_get_permission_denied(self):
        for name in READ_ONLY:
            with self.subTest(user=name):
                user = getattr(self, name)
                with self.assertRaises(PermissionDenied):
                    access_project_partner(user, self.project, self.partner.pk)
                with self.assertRaises(PermissionDenied):
                    access_project_staff(user, self.project, self.staff.pk)
