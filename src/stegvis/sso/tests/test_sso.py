"""Single sign-on against a real OpenID Connect provider (provider.py: pyop over HTTP in a thread),
through mozilla-django-oidc as in production: discovery, the authorisation code with PKCE, the
RS256-signed ID token checked against the provider's keys, userinfo, then the account by e-mail."""

from __future__ import annotations

from urllib.parse import parse_qs, urlparse

import requests
from django.core.cache import cache
from django.test import override_settings
from django.urls import reverse

from stegvis.core.testing import BaseTestCase
from stegvis.sso.tests.provider import CLIENT_ID, CLIENT_SECRET, TestProvider

CALLBACK = "http://testserver/sso/callback/"


class SingleSignOnTests(BaseTestCase):
    def setUp(self) -> None:
        cache.clear()
        self.idp = TestProvider(redirect_uri=CALLBACK).__enter__()
        self.addCleanup(self.idp.__exit__)
        self.settings_override = override_settings(
            STEGVIS_OIDC_DISCOVERY_URL=self.idp.issuer,
            STEGVIS_OIDC_CLIENT_ID=CLIENT_ID,
            STEGVIS_OIDC_CLIENT_SECRET=CLIENT_SECRET,
            STEGVIS_OIDC_DISPLAY_NAME="Norrbyns kommun",
        )
        self.settings_override.enable()
        self.addCleanup(self.settings_override.disable)

    def sign_in_as(self, login: str, claims: dict, id_token_claims: dict | None = None) -> object:
        """Go to the provider and back, as the browser would; the provider signs in `login`."""
        self.idp.users[login] = claims
        self.idp.next_user = login
        self.idp.next_id_token_claims = id_token_claims or {}
        away = self.client.get(reverse("sso:login"), {"next": "/projects/"})
        self.assertEqual(away.status_code, 302)
        self.assertTrue(away["Location"].startswith(f"{self.idp.issuer}/authorize?"))
        at_provider = requests.get(away["Location"], allow_redirects=False, timeout=10)
        back = urlparse(at_provider.headers["Location"])
        self.assertEqual(f"{back.scheme}://{back.netloc}{back.path}", CALLBACK)
        query = {key: values[0] for key, values in parse_qs(back.query).items()}
        return self.client.get(reverse("sso:callback"), query)

    def test_a_member_of_staff_signs_in_with_a_verified_email_of_their_account(self):
        response = self.sign_in_as(
            "anna", {"email": "COACH@example.se", "email_verified": True, "name": "Anna"}
        )
        self.assertRedirects(response, "/projects/", fetch_redirect_response=False)
        self.assertEqual(int(self.client.session["_auth_user_id"]), self.coach.pk)
        self.assertEqual(self.client.get("/projects/").status_code, 200)

    def test_an_unknown_or_unverified_address_signs_nobody_in_and_says_why(self):
        for login, claims in (
            ("okand", {"email": "someone@example.se", "email_verified": True}),
            ("overifierad", {"email": "coach@example.se", "email_verified": False}),
        ):
            with self.subTest(login=login):
                response = self.sign_in_as(login, claims)
                self.assertRedirects(
                    response, reverse("accounts:login"), fetch_redirect_response=False
                )
                self.assertNotIn("_auth_user_id", self.client.session)
                page = self.client.get(reverse("accounts:login"))
                self.assertContains(page, "Norrbyns kommun")
                self.assertContains(page, "inget aktivt konto")
        self.assertFalse(type(self.coach).objects.filter(email="someone@example.se").exists())

    def test_a_deactivated_account_is_not_signed_in(self):
        type(self.coach2).objects.filter(pk=self.coach2.pk).update(is_active=False)
        self.sign_in_as("b", {"email": "coach2@example.se", "email_verified": True})
        self.assertNotIn("_auth_user_id", self.client.session)

    @override_settings(STEGVIS_OIDC_CREATE_USERS=True)
    def test_accounts_are_made_only_when_configured_and_without_a_role(self):
        self.sign_in_as("ny", {"email": "ny@example.se", "email_verified": True,
                               "given_name": "Ny", "family_name": "Person"})  # fmt: skip
        user = type(self.coach).objects.get(email="ny@example.se")
        self.assertEqual(user.get_full_name(), "Ny Person")
        self.assertFalse(user.has_usable_password())
        self.assertEqual(user.stegvis_roles(), frozenset())

    @override_settings(STEGVIS_REQUIRE_2FA=True)
    def test_a_sign_in_without_a_second_factor_at_the_provider_still_owes_stegvis_code(self):
        self.sign_in_as(
            "anna", {"email": "coach@example.se", "email_verified": True}, {"amr": ["pwd"]}
        )
        self.assertEqual(int(self.client.session["_auth_user_id"]), self.coach.pk)
        # The coach has no authenticator yet: every page leads to setting one up.
        page = self.client.get("/projects/")
        self.assertEqual(page.status_code, 302)
        self.assertTrue(page["Location"].startswith(reverse("accounts:two_factor_setup")))

    @override_settings(STEGVIS_REQUIRE_2FA=True)
    def test_the_providers_own_second_factor_stands_in_for_stegvis_code(self):
        for login, id_token_claims in (
            ("mfa", {"amr": ["pwd", "mfa"]}),
            ("bankid", {"acr": "http://id.elegnamnden.se/loa/1.0/loa3"}),
        ):
            with self.subTest(login=login):
                self.client.logout()
                self.sign_in_as(
                    login, {"email": "coach@example.se", "email_verified": True}, id_token_claims
                )
                self.assertEqual(int(self.client.session["_auth_user_id"]), self.coach.pk)
                self.assertEqual(self.client.get("/projects/").status_code, 200)

    @override_settings(STEGVIS_REQUIRE_2FA=True, STEGVIS_OIDC_TRUST_MFA=True)
    def test_an_installation_may_declare_its_provider_always_strong(self):
        self.sign_in_as("anna", {"email": "coach@example.se", "email_verified": True})
        self.assertEqual(self.client.get("/projects/").status_code, 200)

    def test_the_login_page_offers_the_organisations_sign_in(self):
        page = self.client.get(reverse("accounts:login"))
        self.assertContains(page, "Logga in med Norrbyns kommun")
        self.assertContains(page, reverse("sso:login"))

    def test_passwords_still_work(self):
        from stegvis.core.testing import PASSWORD

        response = self.client.post(
            reverse("accounts:login"), {"username": "manager", "password": PASSWORD}
        )
        self.assertEqual(response.status_code, 302)


class WithoutSingleSignOnTests(BaseTestCase):
    def test_nothing_of_it_shows_or_answers(self):
        self.assertNotContains(self.client.get(reverse("accounts:login")), reverse("sso:login"))
        self.assertEqual(self.client.get(reverse("sso:login")).status_code, 404)
        self.assertEqual(self.client.get(reverse("sso:callback")).status_code, 404)
