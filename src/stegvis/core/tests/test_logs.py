"""No personal data in the logs: the masking, the filter on every handler, and gunicorn's logs."""

from __future__ import annotations

import io
import logging

from django.test import SimpleTestCase

from stegvis.core.logs import GunicornLogger, PersonalDataFilter, mask


class MaskTests(SimpleTestCase):
    def test_identity_numbers_are_masked_in_every_written_form(self):
        for number in (
            "19121212-1212",
            "191212121212",
            "121212-1212",
            "1212121212",
            "121212+1212",
            "556016-0680",
        ):
            with self.subTest(number=number):
                self.assertEqual(mask(f"person {number} saved"), "person [personnummer] saved")

    def test_e_mail_addresses_and_phone_numbers_are_masked(self):
        self.assertEqual(mask("to anna.svensson+x@example.se."), "to [e-post].")
        # Ten digits from 0 may be a personnummer (born 2007) or a mobile number: masked either way.
        self.assertEqual(mask("0701234567"), "[personnummer]")
        for phone in (
            "070-123 45 67",
            "+46 70 123 45 67",
            "0046701234567",
            "08-123 456 78",
        ):
            with self.subTest(phone=phone):
                self.assertEqual(mask(f"sms to {phone} sent"), "sms to [telefon] sent")

    def test_link_tokens_are_masked(self):
        self.assertEqual(
            mask('"GET /s/Zx8_kq2LmN0pQrStUv/ HTTP/1.1" 302'), '"GET /s/[token]/ HTTP/1.1" 302'
        )
        self.assertEqual(
            mask("GET /accounts/password/reset/OA/diia4x-f85c7206717c6d18ef9f/"),
            "GET /accounts/password/reset/[token]/",
        )
        # The self-assessment's own pages carry no token.
        self.assertEqual(mask("GET /s/question/3/"), "GET /s/question/3/")

    def test_what_is_not_personal_is_left_alone(self):
        line = (
            '127.0.0.1 - - [23/Nov/2026:17:05:22 +0100] "GET /participants/'
            '3f2c1a9e-52b4-4c1e-9a7b-0d2f4e6a8b10/?page=2 HTTP/1.1" 200 15650 0.123456 '
            "2026-11-23 17:05:22,549 request 4f9a0c2b7d1e4a3b8c5d6e7f80912345 2024/00001"
        )
        self.assertEqual(mask(line), line)


class FilterTests(SimpleTestCase):
    def record(self, msg, *args, exc_info=None):  # noqa: ANN001, ANN201
        return logging.LogRecord(
            "django.request", logging.WARNING, __file__, 1, msg, args, exc_info
        )

    def test_the_message_its_arguments_and_the_traceback_are_masked(self):
        try:
            raise ValueError("19121212-1212 is taken by anna@example.se")
        except ValueError:
            import sys

            record = self.record("Not Found: %s", "/s/abcdefghijkl/", exc_info=sys.exc_info())
        self.assertIs(PersonalDataFilter().filter(record), True)
        self.assertEqual(record.getMessage(), "Not Found: /s/[token]/")
        self.assertIn("[personnummer] is taken by [e-post]", record.exc_text)
        self.assertNotIn("anna@", record.exc_text)

    def test_a_malformed_call_is_kept_masked(self):
        record = self.record("%d people: %s", "x")
        PersonalDataFilter().filter(record)
        self.assertIn("people", record.getMessage())

    def test_stack_info_is_masked(self):
        record = self.record("x")
        record.stack_info = "phone 070-123 45 67"
        PersonalDataFilter().filter(record)
        self.assertEqual(record.stack_info, "phone [telefon]")

    def test_every_configured_handler_masks(self):
        loggers = [logging.getLogger()] + [
            logger
            for logger in logging.Logger.manager.loggerDict.values()
            if isinstance(logger, logging.Logger)
        ]
        handlers = {h for logger in loggers for h in logger.handlers}
        self.assertTrue(handlers)
        unmasked = [
            f"{h!r}"
            for h in handlers
            if not isinstance(h, logging.NullHandler)
            and not type(h).__module__.startswith("_pytest")  # pytest's capture, not Stegvis's
            and not any(isinstance(f, PersonalDataFilter) for f in h.filters)
        ]
        self.assertEqual(unmasked, [])

    def test_a_warning_of_django_reaches_the_console_masked(self):
        stream = io.StringIO()
        console = next(
            h for h in logging.getLogger("django").handlers if isinstance(h, logging.StreamHandler)
        )
        old, console.stream = console.stream, stream
        try:
            logging.getLogger("django.request").warning("Not Found: %s", "/s/abcdefghijkl/")
        finally:
            console.stream = old
        self.assertIn("Not Found: /s/[token]/", stream.getvalue())


class GunicornLoggerTests(SimpleTestCase):
    def test_the_access_log_is_masked(self):
        from gunicorn.config import Config

        cfg = Config()
        cfg.set("accesslog", "-")
        logger = GunicornLogger(cfg)
        stream = io.StringIO()
        for handler in logger.access_log.handlers + logger.error_log.handlers:
            self.assertTrue(any(isinstance(f, PersonalDataFilter) for f in handler.filters))
        logger.access_log.handlers[0].stream = stream
        logger.access_log.info('"%s" %s', "GET /s/Zx8_kq2LmN0pQrStUv/ HTTP/1.1", "302")
        self.assertEqual(stream.getvalue().strip(), '"GET /s/[token]/ HTTP/1.1" 302')
        logger.setup(cfg)  # again: one filter per handler, not two
        filters = [
            f for f in logger.access_log.handlers[0].filters if isinstance(f, PersonalDataFilter)
        ]
        self.assertEqual(len(filters), 1)
