from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.test import RequestFactory

from stegvis.core.permissions import (
    ALL_CAPABILITIES,
    ROLE_CAPABILITIES,
    Role,
    can,
    capabilities_of,
    is_system_admin,
    require_capability,
)
from stegvis.core.testing import BaseTestCase

# What each role may do anywhere (scope None). The table in permissions.py is the source; this pins it.
MANAGER = {
    "project.view",
    "project.create",
    "project.edit",
    "participant.view",
    "participant.edit",
    "participant.enroll",
    "identity.reveal",
    "person.merge",
    "referral.create",
    "referral.decide",
    "referral_group.manage",
    "progression.view",
    "employer.view",
    "employer.edit",
    "match.view",
    "report.view",
    "privacy.manage",
    "intake.register",
    "intake.route",
    "directory.view",
    "directory.edit",
    "survey.manage",
    "fidelity.review",
    "exchange.export_pseudonymised",
    "youth.edit",
    "attendance.import",
}
COACH = {
    "project.view",
    "participant.view",
    "participant.edit",
    "participant.enroll",
    "identity.reveal",
    "referral.create",
    "progression.view",
    "employer.view",
    "employer.edit",
    "match.view",
    "report.view",
    "intake.register",
    "directory.view",
    "youth.edit",
}
EXPECTED = {
    "admin": ALL_CAPABILITIES,
    "manager": MANAGER,
    "coach": COACH,
    "coach2": COACH,
    "referral": {
        "project.view",
        "referral.create",
        "referral.decide",
        "intake.register",
        "directory.view",
    },
    "evaluator": {
        "project.view",
        "progression.view",
        "report.view",
        "directory.view",
        "fidelity.review",
        "exchange.export_pseudonymised",
    },
    "funder": {"project.view", "progression.view", "report.view", "directory.view"},
    "outsider": MANAGER,
    "no_role": set(),
}


class CapabilityTableTests(BaseTestCase):
    def test_every_role_has_exactly_its_capabilities(self):
        for name, expected in EXPECTED.items():
            user = self.fresh(getattr(self, name))
            with self.subTest(user=name):
                self.assertEqual(capabilities_of(user), frozenset(expected))

    def test_every_role_is_in_the_table(self):
        self.assertEqual(set(ROLE_CAPABILITIES), set(Role))

    def test_table_names_only_declared_capabilities(self):
        for role, capabilities in ROLE_CAPABILITIES.items():
            with self.subTest(role=role):
                self.assertLessEqual(capabilities, ALL_CAPABILITIES)

    def test_unknown_capability_is_a_programming_error(self):
        with self.assertRaisesMessage(ValueError, "Unknown capability 'project.fly'"):
            can(self.admin, "project.fly")
        with self.assertRaisesMessage(ValueError, "Unknown capability"):
            require_capability("project.fly")

    def test_anonymous_user_can_do_nothing(self):
        self.assertIs(can(AnonymousUser(), "project.view"), False)
        self.assertIs(is_system_admin(AnonymousUser()), False)

    def test_deactivated_user_can_do_nothing(self):
        self.manager.is_active = False
        self.assertIs(can(self.manager, "project.view"), False)
        self.admin.is_active = False
        self.assertIs(is_system_admin(self.admin), False)

    def test_superuser_is_system_admin_without_membership(self):
        self.no_role.is_superuser = True
        self.assertIs(is_system_admin(self.no_role), True)
        self.assertIs(can(self.no_role, "audit.view"), True)

    def test_roles_of_an_inactive_organisation_do_not_count(self):
        from stegvis.accounts import services

        services.organisation_update(actor=self.admin, organisation=self.org, is_active=False)
        self.assertEqual(capabilities_of(self.fresh(self.manager)), frozenset())


class ScopedCapabilityTests(BaseTestCase):
    def test_manager_may_edit_only_the_project_they_manage(self):
        manager = self.fresh(self.manager)
        self.assertIs(can(manager, "project.edit", scope=self.project), True)
        self.assertIs(can(manager, "project.edit", scope=self.other_project), False)

    def test_coach_may_not_edit_their_own_project(self):
        self.assertIs(can(self.fresh(self.coach), "project.edit", scope=self.project), False)

    def test_admin_may_edit_any_project(self):
        self.assertIs(can(self.fresh(self.admin), "project.edit", scope=self.other_project), True)


class RequireCapabilityTests(BaseTestCase):
    def setUp(self):
        @require_capability("audit.view")
        def view(request):
            return HttpResponse("ok")

        self.view = view
        self.factory = RequestFactory()

    def _request(self, user):
        request = self.factory.get("/")
        request.user = self.fresh(user)
        return request

    def test_it_lets_a_holder_through(self):
        self.assertEqual(self.view(self._request(self.admin)).status_code, 200)

    def test_it_refuses_others_with_403(self):
        with self.assertRaises(PermissionDenied):
            self.view(self._request(self.coach))

    def test_it_marks_the_view_with_its_capability(self):
        self.assertEqual(self.view.required_capability, "audit.view")
