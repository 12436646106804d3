from django.test import SimpleTestCase, override_settings

from stegvis.core.checks import check_email_configured


class EmailCheckTests(SimpleTestCase):
    @override_settings(
        MAILERS={"default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}}
    )
    def test_it_warns_when_mail_only_goes_to_the_log(self):
        self.assertEqual([w.id for w in check_email_configured(None)], ["stegvis.W001"])

    @override_settings(
        MAILERS={"default": {"BACKEND": "django.core.mail.backends.smtp.EmailBackend"}}
    )
    def test_it_is_quiet_with_smtp(self):
        self.assertEqual(check_email_configured(None), [])
