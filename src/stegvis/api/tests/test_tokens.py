"""Tokens: made with the secret shown once, stored as a SHA-256 digest, revocable, expiring, last
used; the page, the command, and what a token does at the door (401, 429)."""

from __future__ import annotations

import datetime
import hashlib
import io

import time_machine
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.http import Http404
from django.test import override_settings
from django.urls import reverse

from stegvis.api import access, services
from stegvis.api.models import ApiToken
from stegvis.core.models import AuditEvent
from stegvis.core.testing import BaseTestCase

NOW = datetime.datetime(2026, 3, 2, 9, 0, tzinfo=datetime.UTC)


class TokenServiceTests(BaseTestCase):
    def test_a_token_is_stored_as_the_sha256_of_its_secret_only(self):
        token, secret = services.api_token_create(actor=self.coach, user=self.coach, name="BI")
        self.assertTrue(secret.startswith("stv_"))
        self.assertGreaterEqual(len(secret), 40)
        self.assertEqual(token.digest, hashlib.sha256(secret.encode()).hexdigest())
        self.assertEqual(token.prefix, secret[:8])
        self.assertNotIn(secret, str(ApiToken.objects.filter(pk=token.pk).values().first()))
        event = AuditEvent.objects.get(action="api_token.created")
        self.assertEqual(event.actor, self.coach)
        self.assertNotIn(secret, str(event.changes))

    def test_it_finds_the_user_by_the_secret(self):
        token, secret = services.api_token_create(actor=None, user=self.coach, name="BI")
        self.assertEqual(access.token_from_secret(secret), token)

    def test_unknown_malformed_revoked_and_expired_tokens_do_not_work(self):
        token, secret = services.api_token_create(
            actor=None, user=self.coach, name="BI", expires_days=30
        )
        self.assertIsNone(access.token_from_secret("stv_" + "x" * 43))
        self.assertIsNone(access.token_from_secret("not-a-token"))
        self.assertIsNone(access.token_from_secret("stv_" + "x" * 300))
        with time_machine.travel(token.expires_at + datetime.timedelta(seconds=1)):
            self.assertIsNone(access.token_from_secret(secret))
        services.api_token_revoke(actor=self.coach, token=token)
        services.api_token_revoke(actor=self.coach, token=token)  # twice: one event
        self.assertIsNone(access.token_from_secret(secret))
        self.assertEqual(AuditEvent.objects.filter(action="api_token.revoked").count(), 1)

    def test_a_deactivated_users_token_stops_working(self):
        _token, secret = services.api_token_create(actor=None, user=self.coach2, name="BI")
        type(self.coach2).objects.filter(pk=self.coach2.pk).update(is_active=False)
        self.assertIsNone(access.token_from_secret(secret))

    def test_it_refuses_a_token_without_a_name_or_with_a_bad_lifetime(self):
        for name, days in (("  ", None), ("BI", 0), ("BI", 4000)):
            with self.subTest(name=name, days=days), self.assertRaises(ValidationError):
                services.api_token_create(actor=None, user=self.coach, name=name, expires_days=days)
        self.coach2.is_active = False
        with self.assertRaises(ValidationError):
            services.api_token_create(actor=None, user=self.coach2, name="BI")
        self.assertFalse(ApiToken.objects.exists())

    def test_the_last_use_is_noted_at_most_once_a_minute(self):
        token, _secret = services.api_token_create(actor=None, user=self.coach, name="BI")
        with time_machine.travel(NOW, tick=False):
            services.api_token_mark_used(token=token)
        with time_machine.travel(NOW + datetime.timedelta(seconds=30), tick=False):
            services.api_token_mark_used(token=token)
        token.refresh_from_db()
        self.assertEqual(token.last_used_at, NOW)
        with time_machine.travel(NOW + datetime.timedelta(minutes=2), tick=False):
            services.api_token_mark_used(token=token)
        token.refresh_from_db()
        self.assertEqual(token.last_used_at, NOW + datetime.timedelta(minutes=2))

    def test_only_the_owner_obtains_a_token_by_id(self):
        token, _secret = services.api_token_create(actor=None, user=self.coach, name="BI")
        self.assertEqual(access.access_api_token(self.coach, token.public_id), token)
        for user, token_id in ((self.admin, token.public_id), (self.coach, "nope")):
            with self.subTest(user=user.username), self.assertRaises(Http404):
                access.access_api_token(user, token_id)


class TokenPageTests(BaseTestCase):
    def test_a_user_makes_a_token_sees_it_once_and_revokes_it(self):
        self.login(self.coach)
        url = reverse("api_tokens:list")
        response = self.client.post(url, {"name": "Power BI", "expires_days": "90"})
        self.assertEqual(response.status_code, 200)
        token = ApiToken.objects.get(user=self.coach)
        secret = response.context["secret"]
        self.assertContains(response, secret)
        self.assertEqual(response["Cache-Control"], "no-store")
        self.assertEqual(access.token_from_secret(secret), token)
        again = self.client.get(url)
        self.assertNotContains(again, secret)
        self.assertContains(again, token.prefix)
        response = self.client.post(reverse("api_tokens:revoke", args=[token.public_id]))
        self.assertRedirects(response, url)
        self.assertIsNone(access.token_from_secret(secret))
        self.assertContains(self.client.get(url), "Återkallad")

    def test_it_explains_a_missing_name(self):
        self.login(self.coach)
        response = self.client.post(reverse("api_tokens:list"), {"name": "", "expires_days": ""})
        self.assertEqual(response.status_code, 400)
        self.assertFalse(ApiToken.objects.exists())

    def test_a_service_refusal_shows_on_the_form(self):
        self.login(self.coach)
        response = self.client.post(reverse("api_tokens:list"), {"name": "   "})
        self.assertEqual(response.status_code, 400)

    def test_nobody_revokes_anothers_token(self):
        token, _secret = services.api_token_create(actor=None, user=self.coach, name="BI")
        self.login(self.admin)
        response = self.client.post(reverse("api_tokens:revoke", args=[token.public_id]))
        self.assertEqual(response.status_code, 404)
        token.refresh_from_db()
        self.assertIsNone(token.revoked_at)

    def test_the_profile_links_to_the_tokens(self):
        self.login(self.funder)
        self.assertContains(
            self.client.get(reverse("accounts:profile")), reverse("api_tokens:list")
        )


class CreateTokenCommandTests(BaseTestCase):
    def test_it_prints_the_secret_once(self):
        out, err = io.StringIO(), io.StringIO()
        call_command("create_api_token", "manager", "--expires", "30", stdout=out, stderr=err)
        secret = out.getvalue().strip()
        token = access.token_from_secret(secret)
        self.assertEqual(token.user, self.manager)
        self.assertIn("valid until", err.getvalue())
        call_command("create_api_token", "manager", stdout=out, stderr=err)
        self.assertIn("until revoked", err.getvalue())

    def test_it_refuses_unknown_users_and_bad_lifetimes(self):
        with self.assertRaisesMessage(CommandError, "no active user"):
            call_command("create_api_token", "nobody")
        with self.assertRaisesMessage(CommandError, "1 till 3650 dagar"):
            call_command("create_api_token", "manager", "--expires", "0", stderr=io.StringIO())


class TokenAtTheDoorTests(BaseTestCase):
    def test_without_a_valid_token_the_api_answers_401_in_json(self):
        for header in ({}, {"HTTP_AUTHORIZATION": "Bearer stv_wrong"}):
            with self.subTest(header=header):
                response = self.client.get("/api/v1/projects/", **header)
                self.assertEqual(response.status_code, 401)
                self.assertIn("Authorization: Bearer", response.json()["error"])

    @override_settings(STEGVIS_API_RATE="3/min")
    def test_past_the_rate_limit_it_answers_429_per_token(self):
        cache.clear()
        _token, secret = services.api_token_create(actor=None, user=self.coach, name="BI")
        _token, other = services.api_token_create(actor=None, user=self.coach, name="Excel")
        headers = {"HTTP_AUTHORIZATION": f"Bearer {secret}"}
        for _n in range(3):
            self.assertEqual(self.client.get("/api/v1/projects/", **headers).status_code, 200)
        response = self.client.get("/api/v1/projects/", **headers)
        self.assertEqual(response.status_code, 429)
        self.assertIn("error", response.json())
        self.assertIn("Retry-After", response)
        response = self.client.get("/api/v1/projects/", HTTP_AUTHORIZATION=f"Bearer {other}")
        self.assertEqual(response.status_code, 200)

    def test_the_token_is_marked_used(self):
        token, secret = services.api_token_create(actor=None, user=self.coach, name="BI")
        self.client.get("/api/v1/projects/", HTTP_AUTHORIZATION=f"Bearer {secret}")
        token.refresh_from_db()
        self.assertIsNotNone(token.last_used_at)
