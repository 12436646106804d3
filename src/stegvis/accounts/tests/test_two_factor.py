"""Two-factor sign-in (TOTP and recovery codes), the lock-out and the idle time-out."""

from __future__ import annotations

import time

import time_machine
from django.contrib.messages import get_messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import override_settings
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from stegvis.accounts import services, two_factor
from stegvis.accounts.middleware import LAST_SEEN_KEY, TWO_FACTOR_KEY
from stegvis.core.models import AuditEvent
from stegvis.core.testing import PASSWORD, BaseTestCase


def code_for(device: TOTPDevice, *, offset: int = 0) -> str:
    """What the phone shows now (or `offset` steps of 30 s away)."""
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=offset):06d}"


def sign_in(client, username: str, password: str = PASSWORD):  # noqa: ANN001, ANN201
    return client.post(reverse("accounts:login"), {"username": username, "password": password})


class TwoFactorServiceTests(BaseTestCase):
    def enable(self, user):  # noqa: ANN001, ANN201
        device = services.two_factor_start(actor=user)
        codes = services.two_factor_confirm(actor=user, device=device, code=code_for(device))
        return device, codes

    def test_turning_it_on_confirms_the_app_and_makes_ten_recovery_codes(self):
        self.assertIs(two_factor.is_enabled(self.coach), False)
        device, codes = self.enable(self.coach)
        self.assertIs(two_factor.is_enabled(self.coach), True)
        self.assertEqual(len(codes), 10)
        self.assertEqual(len(set(codes)), 10)
        self.assertTrue(all(len(c) == 11 and c[5] == "-" for c in codes))
        self.assertEqual(two_factor.recovery_codes_left(self.coach), 10)
        self.assertTrue(
            AuditEvent.objects.filter(
                action="account.two_factor_enabled", actor=self.coach
            ).exists()
        )

    def test_a_wrong_code_turns_nothing_on(self):
        device = services.two_factor_start(actor=self.coach)
        wrong = f"{(int(code_for(device)) + 1) % 1000000:06d}"
        with self.assertRaises(ValidationError) as raised:
            services.two_factor_confirm(actor=self.coach, device=device, code=wrong)
        self.assertIn("code", raised.exception.message_dict)
        self.assertIs(two_factor.is_enabled(self.coach), False)
        self.assertEqual(two_factor.recovery_codes_left(self.coach), 0)

    def test_a_device_of_someone_else_or_confirmed_is_refused(self):
        device = services.two_factor_start(actor=self.coach)
        with self.assertRaises(ValidationError):
            services.two_factor_confirm(actor=self.coach2, device=device, code=code_for(device))
        device, _codes = self.enable(self.coach2)
        with self.assertRaises(ValidationError):
            services.two_factor_confirm(actor=self.coach2, device=device, code=code_for(device))

    def test_a_new_phone_replaces_the_old_one_and_its_codes(self):
        old, old_codes = self.enable(self.coach)
        new = services.two_factor_start(actor=self.coach)
        # Until the new app is confirmed, the old one still works.
        self.assertTrue(TOTPDevice.objects.filter(pk=old.pk, confirmed=True).exists())
        new_codes = services.two_factor_confirm(actor=self.coach, device=new, code=code_for(new))
        self.assertFalse(TOTPDevice.objects.filter(pk=old.pk).exists())
        self.assertFalse(set(old_codes) & set(new_codes))
        self.assertTrue(AuditEvent.objects.filter(action="account.two_factor_app_changed").exists())

    def test_starting_again_replaces_an_unconfirmed_app(self):
        first = services.two_factor_start(actor=self.coach)
        second = services.two_factor_start(actor=self.coach)
        self.assertFalse(TOTPDevice.objects.filter(pk=first.pk).exists())
        self.assertEqual(two_factor.app_device(self.coach, confirmed=False), second)

    def test_recovery_codes_can_be_renewed_only_with_two_factor_on(self):
        with self.assertRaises(ValidationError):
            services.recovery_codes_renew(actor=self.coach)
        _device, codes = self.enable(self.coach)
        renewed = services.recovery_codes_renew(actor=self.coach)
        self.assertFalse(set(codes) & set(renewed))
        self.assertEqual(two_factor.recovery_codes_left(self.coach), 10)
        self.assertTrue(AuditEvent.objects.filter(action="account.recovery_codes_renewed").exists())

    def test_the_user_may_turn_it_off_unless_the_role_requires_it(self):
        self.enable(self.evaluator)
        services.two_factor_disable(actor=self.evaluator, user=self.evaluator)
        self.assertIs(two_factor.is_enabled(self.evaluator), False)
        self.assertEqual(two_factor.recovery_codes_left(self.evaluator), 0)
        self.enable(self.coach)
        with override_settings(STEGVIS_REQUIRE_2FA=True), self.assertRaises(ValidationError):
            services.two_factor_disable(actor=self.coach, user=self.coach)
        self.assertIs(two_factor.is_enabled(self.coach), True)

    def test_only_an_administrator_may_reset_someone_else(self):
        self.enable(self.coach)
        with self.assertRaises(PermissionDenied):
            services.two_factor_disable(actor=self.manager, user=self.coach)
        services.two_factor_disable(actor=self.admin, user=self.coach)
        self.assertIs(two_factor.is_enabled(self.coach), False)
        event = AuditEvent.objects.get(action="account.two_factor_disabled")
        self.assertEqual(event.changes, {"by": [None, "administrator"]})

    def test_a_sign_in_with_a_recovery_code_is_audited_with_the_codes_left(self):
        _device, codes = self.enable(self.coach)
        static = StaticDevice.objects.get(user=self.coach)
        self.assertTrue(static.verify_token(services.normalise_recovery_code(codes[0].upper())))
        services.two_factor_signed_in(actor=self.coach, device=static)
        event = AuditEvent.objects.get(action="account.recovery_code_used")
        self.assertEqual(event.changes, {"codes_left": [None, 9]})
        app = TOTPDevice.objects.get(user=self.coach)
        services.two_factor_signed_in(actor=self.coach, device=app)
        self.assertEqual(AuditEvent.objects.filter(action="account.recovery_code_used").count(), 1)

    def test_who_must_use_it(self):
        with override_settings(STEGVIS_REQUIRE_2FA=True):
            for user in (self.admin, self.manager, self.coach, self.referral):
                self.assertIs(two_factor.is_required(self.fresh(user)), True, user.username)
            for user in (self.evaluator, self.funder, self.no_role):
                self.assertIs(two_factor.is_required(self.fresh(user)), False, user.username)
            self.no_role.is_superuser = True
            self.assertIs(two_factor.is_required(self.no_role), True)
        self.assertIs(two_factor.is_required(self.fresh(self.coach)), False)

    def test_the_secret_is_shown_in_groups_for_typing(self):
        device = services.two_factor_start(actor=self.coach)
        secret = two_factor.secret_for_typing(device)
        self.assertRegex(secret, r"^[A-Z2-7]{4}( [A-Z2-7]{1,4})+$")
        self.assertTrue(two_factor.qr_data_uri(device).startswith("data:image/svg+xml"))


class TwoFactorSignInTests(BaseTestCase):
    def enable(self, user):  # noqa: ANN001, ANN201
        device = services.two_factor_start(actor=user)
        codes = services.two_factor_confirm(actor=user, device=device, code=code_for(device))
        return device, codes

    def login_verified(self, user) -> None:  # noqa: ANN001
        """Signed in as if the code had been typed."""
        self.login(user)
        session = self.client.session
        session.pop(TWO_FACTOR_KEY, None)
        session.save()

    def test_with_two_factor_on_the_password_alone_opens_nothing(self):
        device, _codes = self.enable(self.coach)
        response = sign_in(self.client, "coach")
        self.assertEqual(self.client.session[TWO_FACTOR_KEY], "verify")
        self.assertRedirects(
            self.client.get(reverse("participants:caseload")),
            reverse("accounts:two_factor_verify") + "?next=%2Fparticipants%2F",
            fetch_redirect_response=False,
        )
        verify = self.client.get(response["Location"], follow=True)
        self.assertContains(verify, 'autocomplete="one-time-code"')
        wrong = self.client.post(reverse("accounts:two_factor_verify"), {"code": "000000"})
        self.assertEqual(wrong.status_code, 400)
        self.assertContains(wrong, 'role="alert"', status_code=400)
        # Half a minute later (after the wrong code's short wait), the app shows a new code.
        with time_machine.travel(time.time() + 31, tick=False):
            right = self.client.post(
                reverse("accounts:two_factor_verify"),
                {"code": code_for(device), "next": "/participants/"},
            )
        self.assertRedirects(right, "/participants/", fetch_redirect_response=False)
        self.assertNotIn(TWO_FACTOR_KEY, self.client.session)
        self.assertEqual(self.client.get(reverse("participants:caseload")).status_code, 200)

    def test_a_recovery_code_signs_in_once_and_leads_to_connecting_a_new_phone(self):
        _device, codes = self.enable(self.coach)
        sign_in(self.client, "coach")
        response = self.client.post(reverse("accounts:two_factor_verify"), {"code": codes[3]})
        self.assertRedirects(
            response, reverse("accounts:two_factor_setup"), fetch_redirect_response=False
        )
        self.assertEqual(two_factor.recovery_codes_left(self.coach), 9)
        self.client.post(reverse("accounts:logout"))
        sign_in(self.client, "coach")
        again = self.client.post(reverse("accounts:two_factor_verify"), {"code": codes[3]})
        self.assertEqual(again.status_code, 400)

    def test_an_outside_next_address_is_not_followed(self):
        device, _codes = self.enable(self.coach)
        sign_in(self.client, "coach")
        response = self.client.post(
            reverse("accounts:two_factor_verify"),
            {"code": code_for(device, offset=1), "next": "https://evil.example/"},
        )
        self.assertRedirects(response, "/", fetch_redirect_response=False)

    def test_the_code_page_without_a_code_owed_leads_on(self):
        self.login(self.coach)
        response = self.client.get(reverse("accounts:two_factor_verify"))
        self.assertRedirects(response, "/", fetch_redirect_response=False)

    @override_settings(STEGVIS_REQUIRE_2FA=True)
    def test_a_role_that_requires_it_must_set_it_up_before_anything_opens(self):
        sign_in(self.client, "coach")
        self.assertEqual(self.client.session[TWO_FACTOR_KEY], "setup")
        self.assertRedirects(
            self.client.get("/"),
            reverse("accounts:two_factor_setup") + "?next=%2F",
            fetch_redirect_response=False,
        )
        page = self.client.get(reverse("accounts:two_factor_setup"))
        self.assertContains(page, "data:image/svg+xml")
        self.assertNotContains(page, 'href="/accounts/security/"')  # no way around it
        device = two_factor.app_device(self.coach, confirmed=False)
        done = self.client.post(reverse("accounts:two_factor_setup"), {"code": code_for(device)})
        self.assertEqual(done.status_code, 200)
        self.assertEqual(done["Cache-Control"], "no-store")
        self.assertEqual(len(done.context["codes"]), 10)
        self.assertEqual(self.client.get("/").status_code, 200)

    @override_settings(STEGVIS_REQUIRE_2FA=True)
    def test_a_role_that_does_not_see_individuals_is_not_asked(self):
        sign_in(self.client, "evaluator")
        self.assertNotIn(TWO_FACTOR_KEY, self.client.session)
        self.assertEqual(self.client.get("/").status_code, 200)

    def test_the_security_page_turns_it_on_renews_codes_and_off(self):
        self.login(self.evaluator)
        page = self.client.get(reverse("accounts:security"))
        self.assertContains(page, reverse("accounts:two_factor_setup"))
        setup = self.client.get(reverse("accounts:two_factor_setup"))
        self.assertEqual(setup.status_code, 200)
        device = two_factor.app_device(self.evaluator, confirmed=False)
        wrong = self.client.post(reverse("accounts:two_factor_setup"), {"code": "12"})
        self.assertEqual(wrong.status_code, 400)
        self.client.post(reverse("accounts:two_factor_setup"), {"code": code_for(device)})
        self.assertIs(two_factor.is_enabled(self.evaluator), True)
        self.assertContains(self.client.get(reverse("accounts:security")), "10")
        renewed = self.client.post(reverse("accounts:recovery_codes"))
        self.assertEqual(len(renewed.context["codes"]), 10)
        off = self.client.post(reverse("accounts:two_factor_disable"))
        self.assertRedirects(off, reverse("accounts:security"))
        self.assertIs(two_factor.is_enabled(self.evaluator), False)
        # Without 2FA, there are no codes to renew; the page says so.
        again = self.client.post(reverse("accounts:recovery_codes"))
        self.assertRedirects(again, reverse("accounts:security"))
        self.assertEqual([m.level_tag for m in get_messages(again.wsgi_request)], ["error"])

    @override_settings(STEGVIS_REQUIRE_2FA=True)
    def test_a_required_user_cannot_turn_it_off_on_the_page(self):
        self.enable(self.coach)
        self.login_verified(self.coach)
        response = self.client.post(reverse("accounts:two_factor_disable"))
        self.assertIs(two_factor.is_enabled(self.coach), True)
        self.assertEqual([m.level_tag for m in get_messages(response.wsgi_request)], ["error"])

    def test_an_administrator_resets_a_user_who_lost_phone_and_codes(self):
        self.enable(self.coach)
        self.login(self.admin)
        response = self.client.post(
            reverse("accounts:two_factor_reset", args=[self.coach.public_id])
        )
        self.assertRedirects(response, self.coach.get_absolute_url())
        self.assertIs(two_factor.is_enabled(self.coach), False)


class LockOutTests(BaseTestCase):
    def test_five_wrong_passwords_lock_the_user_name_at_that_address(self):
        for _n in range(4):
            self.assertEqual(sign_in(self.client, "coach", "wrong").status_code, 200)
        locked = sign_in(self.client, "coach", "wrong")
        self.assertEqual(locked.status_code, 429)
        self.assertContains(locked, "låst", status_code=429)
        # The right password does not open it either, until the cool-off has passed.
        self.assertEqual(sign_in(self.client, "coach").status_code, 429)
        # Another user at the same address is not locked out.
        self.assertEqual(sign_in(self.client, "coach2").status_code, 302)


class IdleTimeoutTests(BaseTestCase):
    @override_settings(STEGVIS_SESSION_IDLE_MINUTES=30)
    def test_a_session_ends_after_thirty_idle_minutes_and_slides_with_use(self):
        sign_in(self.client, "coach")
        session = self.client.session
        session[LAST_SEEN_KEY] = int(time.time()) - 29 * 60
        session.save()
        self.assertEqual(self.client.get("/").status_code, 200)
        self.assertGreater(self.client.session[LAST_SEEN_KEY], int(time.time()) - 5)
        session = self.client.session
        session[LAST_SEEN_KEY] = int(time.time()) - 31 * 60
        session.save()
        response = self.client.get("/projects/")
        self.assertRedirects(
            response, reverse("accounts:login") + "?next=%2Fprojects%2F",
            fetch_redirect_response=False,
        )  # fmt: skip
        self.assertNotIn("_auth_user_id", self.client.session)
        page = self.client.get(response["Location"])
        self.assertContains(page, "30")


class PasswordValidationTests(BaseTestCase):
    def test_validators_apply_to_change_and_reset(self):
        from django.conf import settings

        names = {v["NAME"].rsplit(".", 1)[1] for v in settings.AUTH_PASSWORD_VALIDATORS}
        self.assertEqual(
            names,
            {
                "UserAttributeSimilarityValidator",
                "MinimumLengthValidator",
                "CommonPasswordValidator",
                "NumericPasswordValidator",
            },
        )
        self.login(self.coach)
        response = self.client.post(
            reverse("accounts:password_change"),
            {"old_password": PASSWORD, "new_password1": "password", "new_password2": "password"},
        )
        self.assertEqual(response.status_code, 200)
        self.assertTrue(response.context["form"].errors["new_password2"])
