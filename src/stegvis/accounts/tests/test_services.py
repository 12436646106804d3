from django.core.exceptions import ValidationError
from django.test import override_settings

from stegvis.accounts import services
from stegvis.accounts.models import Membership, OrganisationKind
from stegvis.core.models import AuditEvent
from stegvis.core.permissions import Role
from stegvis.core.testing import BaseTestCase


@override_settings(LANGUAGE_CODE="en")
class OrganisationServiceTests(BaseTestCase):
    def test_create_normalises_the_org_number_and_audits(self):
        organisation = services.organisation_create(
            actor=self.admin,
            name="Försäkringskassan",
            kind=OrganisationKind.FORSAKRINGSKASSAN,
            org_number="2021005521",
        )
        self.assertEqual(organisation.org_number, "202100-5521")
        event = AuditEvent.objects.get(
            action="organisation.created", object_id=str(organisation.pk)
        )
        self.assertEqual(event.actor, self.admin)
        self.assertEqual(event.changes["org_number"], [None, "202100-5521"])

    def test_create_rejects_a_wrong_check_digit_in_plain_language(self):
        with self.assertRaisesMessage(
            ValidationError, "202100-5522 is not a valid organisation number"
        ):
            services.organisation_create(actor=self.admin, name="Fel AB", org_number="202100-5522")

    def test_names_are_unique_whatever_the_case(self):
        with self.assertRaises(ValidationError) as caught:
            services.organisation_create(actor=self.admin, name="samordningsförbundet norr")
        self.assertIn("name", caught.exception.message_dict)

    def test_municipality_code_is_four_digits(self):
        with self.assertRaises(ValidationError) as caught:
            services.organisation_create(
                actor=self.admin, name="Ny kommun", municipality_code="188"
            )
        self.assertIn("municipality_code", caught.exception.message_dict)

    def test_update_records_only_what_changed(self):
        services.organisation_update(
            actor=self.admin, organisation=self.org, municipality_code="2482"
        )
        event = AuditEvent.objects.get(action="organisation.updated")
        self.assertEqual(event.changes, {"municipality_code": ["", "2482"]})

    def test_update_without_changes_records_nothing(self):
        services.organisation_update(actor=self.admin, organisation=self.org, name=self.org.name)
        self.assertFalse(AuditEvent.objects.filter(action="organisation.updated").exists())

    def test_update_refuses_another_organisations_name(self):
        with self.assertRaises(ValidationError):
            services.organisation_update(
                actor=self.admin, organisation=self.org, name="Södra kommunen"
            )

    def test_update_refuses_unknown_fields(self):
        with self.assertRaises(TypeError):
            services.organisation_update(actor=self.admin, organisation=self.org, colour="red")


class UserServiceTests(BaseTestCase):
    def test_a_user_created_without_password_cannot_sign_in_until_they_choose_one(self):
        user = services.user_create(
            actor=self.admin, username="nykoll", first_name="Ny", last_name="Kollega"
        )
        self.assertIs(user.has_usable_password(), False)
        self.assertTrue(
            AuditEvent.objects.filter(action="user.created", object_id=str(user.pk)).exists()
        )

    def test_weak_passwords_are_refused(self):
        with self.assertRaises(ValidationError):
            services.user_create(
                actor=self.admin, username="svag", first_name="S", last_name="V", password="123456"
            )

    def test_passwords_are_hashed_never_stored(self):
        user = services.user_create(
            actor=self.admin,
            username="stark",
            first_name="S",
            last_name="V",
            password="Lång-och-stark-fras-42",
        )
        self.assertNotIn("Lång-och-stark-fras-42", user.password)
        self.assertIs(user.check_password("Lång-och-stark-fras-42"), True)

    def test_update_records_changes(self):
        services.user_update(actor=self.admin, user=self.coach, title="IPS-specialist")
        event = AuditEvent.objects.get(action="user.updated")
        self.assertEqual(event.changes, {"title": ["", "IPS-specialist"]})

    def test_update_without_changes_records_nothing(self):
        services.user_update(actor=self.admin, user=self.coach, title="")
        self.assertFalse(AuditEvent.objects.filter(action="user.updated").exists())

    def test_update_refuses_unknown_fields(self):
        with self.assertRaises(TypeError):
            services.user_update(actor=self.admin, user=self.coach, is_superuser=True)

    def test_an_administrator_cannot_deactivate_themself(self):
        with self.assertRaises(ValidationError):
            services.user_update(actor=self.admin, user=self.admin, is_active=False)


class MembershipServiceTests(BaseTestCase):
    def test_adding_a_role_gives_its_capabilities_and_is_audited(self):
        services.membership_add(
            actor=self.admin, user=self.no_role, organisation=self.org, role=Role.COACH
        )
        self.assertEqual(self.fresh(self.no_role).stegvis_roles(), frozenset({Role.COACH}))
        self.assertTrue(
            AuditEvent.objects.filter(
                action="membership.added", object_id=str(self.no_role.pk)
            ).exists()
        )

    def test_adding_the_same_role_twice_changes_nothing(self):
        before = AuditEvent.objects.count()
        services.membership_add(
            actor=self.admin, user=self.coach, organisation=self.org, role=Role.COACH
        )
        self.assertEqual(Membership.objects.filter(user=self.coach).count(), 1)
        self.assertEqual(AuditEvent.objects.count(), before)

    def test_removing_a_role_is_audited(self):
        membership = Membership.objects.get(user=self.coach)
        services.membership_remove(actor=self.admin, membership=membership)
        self.assertEqual(self.fresh(self.coach).stegvis_roles(), frozenset())
        self.assertTrue(AuditEvent.objects.filter(action="membership.removed").exists())

    def test_an_administrator_cannot_remove_their_own_admin_role(self):
        membership = Membership.objects.get(user=self.admin, role=Role.ADMIN)
        with self.assertRaises(ValidationError):
            services.membership_remove(actor=self.admin, membership=membership)
