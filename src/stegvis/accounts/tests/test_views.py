from django.core import mail
from django.urls import reverse

from stegvis.accounts.models import Membership, Organisation, User
from stegvis.core.permissions import Role
from stegvis.core.testing import PASSWORD, BaseTestCase

NON_ADMINS = (
    "manager",
    "coach",
    "coach2",
    "referral",
    "evaluator",
    "funder",
    "outsider",
    "no_role",
)


class LoginPageTests(BaseTestCase):
    def test_login_page_is_swedish_by_default(self):
        response = self.client.get(reverse("accounts:login"))
        self.assertContains(response, '<html lang="sv">')
        self.assertContains(response, "Logga in")

    def test_a_wrong_password_is_explained_in_plain_language(self):
        response = self.client.post(
            reverse("accounts:login"), {"username": "coach", "password": "fel"}
        )
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, 'role="alert"')
        self.assertContains(response, "Användarnamnet eller lösenordet är fel")

    def test_signing_in_leads_to_the_start_page(self):
        response = self.client.post(
            reverse("accounts:login"), {"username": "coach", "password": PASSWORD}
        )
        self.assertRedirects(response, reverse("home"))

    def test_english_is_available(self):
        self.client.post(reverse("set_language"), {"language": "en", "next": "/"})
        response = self.client.get(reverse("accounts:login"))
        self.assertContains(response, '<html lang="en">')
        self.assertContains(response, "Log in to Stegvis")

    def test_password_reset_mails_a_working_link(self):
        response = self.client.post(
            reverse("accounts:password_reset"), {"email": "coach@example.se"}
        )
        self.assertRedirects(response, reverse("accounts:password_reset_done"))
        self.assertEqual(len(mail.outbox), 1)
        link = next(
            line for line in mail.outbox[0].body.splitlines() if "/accounts/password/reset/" in line
        )
        response = self.client.get(link.split("testserver", 1)[1], follow=True)
        self.assertEqual(response.status_code, 200)
        self.assertTrue(response.context["validlink"])

    def test_password_reset_does_not_reveal_whether_an_address_exists(self):
        response = self.client.post(
            reverse("accounts:password_reset"), {"email": "nobody@example.se"}
        )
        self.assertRedirects(response, reverse("accounts:password_reset_done"))
        self.assertEqual(len(mail.outbox), 0)


class ProfileTests(BaseTestCase):
    def test_profile_shows_the_users_roles(self):
        self.login(self.coach)
        response = self.client.get(reverse("accounts:profile"))
        self.assertContains(response, "Samordningsförbundet Norr")

    def test_password_change(self):
        self.login(self.coach)
        response = self.client.post(
            reverse("accounts:password_change"),
            {
                "old_password": PASSWORD,
                "new_password1": "Ett-nytt-bra-lösen-7",
                "new_password2": "Ett-nytt-bra-lösen-7",
            },
        )
        self.assertRedirects(response, reverse("accounts:profile"))
        self.assertIs(self.fresh(self.coach).check_password("Ett-nytt-bra-lösen-7"), True)


class OrganisationPageTests(BaseTestCase):
    def test_only_administrators_reach_the_organisation_pages(self):
        pages = [
            reverse("accounts:organisation_list"),
            reverse("accounts:organisation_create"),
        ]
        for name in NON_ADMINS:
            self.login(getattr(self, name))
            for url in pages:
                with self.subTest(user=name, url=url):
                    self.assertEqual(self.client.get(url).status_code, 403)
            for url in (
                reverse("accounts:organisation_detail", args=[self.org.public_id]),
                reverse("accounts:organisation_edit", args=[self.org.public_id]),
            ):
                with self.subTest(user=name, url=url):
                    self.assertEqual(self.client.get(url).status_code, 404)

    def test_admin_lists_and_searches_organisations(self):
        self.login(self.admin)
        response = self.client.get(reverse("accounts:organisation_list"), {"q": "norr"})
        self.assertEqual(
            [o.name for o in response.context["page_obj"]], ["Samordningsförbundet Norr"]
        )

    def test_organisation_list_query_count_does_not_grow(self):
        self.login(self.admin)
        # session, user, memberships (navigation), count, page
        with self.assertNumQueries(5):
            self.client.get(reverse("accounts:organisation_list"))
        for n in range(10):
            Organisation.objects.create(name=f"Extra {n}", kind="OTHER")
        with self.assertNumQueries(5):
            self.client.get(reverse("accounts:organisation_list"))

    def test_admin_registers_an_organisation(self):
        self.login(self.admin)
        response = self.client.post(
            reverse("accounts:organisation_create"),
            {"name": "Region Halland", "kind": "REGION", "org_number": "", "municipality_code": ""},
        )
        organisation = Organisation.objects.get(name="Region Halland")
        self.assertRedirects(response, organisation.get_absolute_url())

    def test_a_bad_org_number_is_shown_beside_the_field(self):
        self.login(self.admin)
        response = self.client.post(
            reverse("accounts:organisation_create"),
            {"name": "Fel AB", "kind": "OTHER", "org_number": "123"},
        )
        self.assertContains(response, 'role="alert"')
        self.assertContains(response, "inte ett giltigt organisationsnummer")
        self.assertFalse(Organisation.objects.filter(name="Fel AB").exists())

    def test_admin_edits_an_organisation(self):
        self.login(self.admin)
        url = reverse("accounts:organisation_edit", args=[self.org.public_id])
        self.assertEqual(self.client.get(url).status_code, 200)
        response = self.client.post(
            url,
            {"name": "Samordningsförbundet Nord", "kind": "SAMORDNINGSFORBUND", "is_active": "on"},
        )
        self.assertRedirects(response, self.org.get_absolute_url())
        self.org.refresh_from_db()
        self.assertEqual(self.org.name, "Samordningsförbundet Nord")

    def test_edit_refuses_a_taken_name(self):
        self.login(self.admin)
        url = reverse("accounts:organisation_edit", args=[self.org.public_id])
        response = self.client.post(
            url, {"name": "Södra kommunen", "kind": "MUNICIPALITY", "is_active": "on"}
        )
        self.assertContains(response, 'role="alert"')

    def test_admin_sees_the_members_of_an_organisation(self):
        self.login(self.admin)
        response = self.client.get(
            reverse("accounts:organisation_detail", args=[self.org.public_id])
        )
        self.assertContains(response, "Coach Testsson")


class UserPageTests(BaseTestCase):
    def test_only_administrators_reach_the_user_pages(self):
        for name in NON_ADMINS:
            self.login(getattr(self, name))
            for url in (reverse("accounts:user_list"), reverse("accounts:user_create")):
                with self.subTest(user=name, url=url):
                    self.assertEqual(self.client.get(url).status_code, 403)
            for url in (
                reverse("accounts:user_detail", args=[self.coach.public_id]),
                reverse("accounts:user_edit", args=[self.coach.public_id]),
            ):
                with self.subTest(user=name, url=url):
                    self.assertEqual(self.client.get(url).status_code, 404)
            membership = Membership.objects.get(user=self.coach)
            with self.subTest(user=name, action="remove membership"):
                response = self.client.post(
                    reverse("accounts:membership_remove", args=[membership.pk])
                )
                self.assertEqual(response.status_code, 404)

    def test_user_list_query_count_does_not_grow(self):
        self.login(self.admin)
        # session, user, memberships (navigation), count, page, memberships of the page's users
        with self.assertNumQueries(6):
            self.client.get(reverse("accounts:user_list"))
        for n in range(10):
            User.objects.create(username=f"extra{n}")
        with self.assertNumQueries(6):
            self.client.get(reverse("accounts:user_list"))

    def test_admin_searches_users(self):
        self.login(self.admin)
        response = self.client.get(reverse("accounts:user_list"), {"q": "coach2"})
        self.assertEqual([u.username for u in response.context["page_obj"]], ["coach2"])

    def test_admin_creates_an_account_and_the_user_gets_a_sign_in_mail(self):
        self.login(self.admin)
        with self.captureOnCommitCallbacks(execute=True):
            response = self.client.post(
                reverse("accounts:user_create"),
                {
                    "username": "nyanna",
                    "first_name": "Anna",
                    "last_name": "Ny",
                    "email": "anna@example.se",
                    "membership-organisation": self.org.pk,
                    "membership-role": Role.COACH,
                },
            )
        user = User.objects.get(username="nyanna")
        self.assertRedirects(response, user.get_absolute_url())
        self.assertEqual(user.stegvis_roles(), frozenset({Role.COACH}))
        self.assertEqual(len(mail.outbox), 1)
        self.assertIn("nyanna", mail.outbox[0].body)

    def test_a_taken_username_is_explained(self):
        self.login(self.admin)
        response = self.client.post(
            reverse("accounts:user_create"),
            {
                "username": "coach",
                "first_name": "A",
                "last_name": "B",
                "email": "x@example.se",
                "membership-organisation": self.org.pk,
                "membership-role": Role.COACH,
            },
        )
        self.assertContains(response, 'role="alert"')

    def test_admin_edits_and_deactivates_an_account(self):
        self.login(self.admin)
        url = reverse("accounts:user_edit", args=[self.coach.public_id])
        self.assertEqual(self.client.get(url).status_code, 200)
        response = self.client.post(
            url,
            {
                "first_name": "Kalle",
                "last_name": "Coach",
                "email": "kalle@example.se",
                "title": "",
                "phone": "",
            },
        )
        self.assertRedirects(response, self.coach.get_absolute_url())
        self.assertIs(self.fresh(self.coach).is_active, False)

    def test_admin_cannot_deactivate_themself(self):
        self.login(self.admin)
        url = reverse("accounts:user_edit", args=[self.admin.public_id])
        response = self.client.post(
            url, {"first_name": "A", "last_name": "B", "email": "a@example.se"}
        )
        self.assertContains(response, 'role="alert"')
        self.assertIs(self.fresh(self.admin).is_active, True)

    def test_admin_adds_and_removes_a_role(self):
        self.login(self.admin)
        self.assertEqual(
            self.client.get(
                reverse("accounts:user_detail", args=[self.no_role.public_id])
            ).status_code,
            200,
        )
        response = self.client.post(
            reverse("accounts:membership_add", args=[self.no_role.public_id]),
            {"membership-organisation": self.org.pk, "membership-role": Role.EVALUATOR},
        )
        self.assertRedirects(response, self.no_role.get_absolute_url())
        membership = Membership.objects.get(user=self.no_role)
        response = self.client.post(reverse("accounts:membership_remove", args=[membership.pk]))
        self.assertRedirects(response, self.no_role.get_absolute_url())
        self.assertFalse(Membership.objects.filter(user=self.no_role).exists())

    def test_an_invalid_role_is_refused(self):
        self.login(self.admin)
        response = self.client.post(
            reverse("accounts:membership_add", args=[self.no_role.public_id]),
            {"membership-organisation": self.org.pk, "membership-role": "KING"},
        )
        self.assertEqual(response.status_code, 400)

    def test_admin_cannot_remove_own_admin_role(self):
        self.login(self.admin)
        membership = Membership.objects.get(user=self.admin, role=Role.ADMIN)
        response = self.client.post(
            reverse("accounts:membership_remove", args=[membership.pk]), follow=True
        )
        self.assertTrue(Membership.objects.filter(pk=membership.pk).exists())
        self.assertEqual(response.status_code, 200)


class HomePageTests(BaseTestCase):
    def test_a_user_without_role_is_told_to_ask_for_one(self):
        self.login(self.no_role)
        response = self.client.get(reverse("home"))
        self.assertEqual(response.context["nav_items"], [])

    def test_the_menu_marks_the_current_page(self):
        self.login(self.admin)
        response = self.client.get(reverse("accounts:user_list"))
        current = [item["url"] for item in response.context["nav_items"] if item["current"]]
        self.assertEqual(current, [reverse("accounts:user_list")])


class MissingObjectTests(BaseTestCase):
    def test_unknown_ids_answer_404_for_the_administrator_too(self):
        import uuid

        self.login(self.admin)
        for url in (
            reverse("accounts:organisation_detail", args=[uuid.uuid4()]),
            reverse("accounts:user_detail", args=[uuid.uuid4()]),
        ):
            with self.subTest(url=url):
                self.assertEqual(self.client.get(url).status_code, 404)
        self.assertEqual(
            self.client.post(reverse("accounts:membership_remove", args=[999999])).status_code, 404
        )
