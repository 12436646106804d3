import datetime
import uuid
from decimal import Decimal

from django.db import DatabaseError, connection, transaction
from django.test import TestCase, override_settings
from django.urls import reverse

from stegvis.core import audit
from stegvis.core.models import AppendOnlyError, AuditEvent
from stegvis.core.testing import PASSWORD, BaseTestCase


class RecordTests(BaseTestCase):
    def test_it_records_actor_action_object_and_changes(self):
        with transaction.atomic():
            event = audit.record(
                actor=self.manager,
                action="project.updated",
                target=self.project,
                label=self.project.diarienummer,
                changes={"name": ["A", "B"]},
            )
        event.refresh_from_db()
        self.assertEqual(event.actor, self.manager)
        self.assertEqual(event.actor_label, "manager")
        self.assertEqual(event.action, "project.updated")
        self.assertEqual(event.content_type.model, "project")
        self.assertEqual(event.object_id, str(self.project.pk))
        self.assertEqual(event.object_label, "2024/00001")
        self.assertEqual(event.changes, {"name": ["A", "B"]})

    def test_system_actions_have_no_actor(self):
        with transaction.atomic():
            event = audit.record(actor=None, action="project.imported", target=self.project)
        self.assertIsNone(event.actor)
        self.assertEqual(event.actor_label, "")

    def test_it_refuses_undotted_actions(self):
        with transaction.atomic(), self.assertRaisesMessage(ValueError, "dotted"):
            audit.record(actor=None, action="updated")

    def test_read_records_the_person_key(self):
        key = uuid.uuid4()
        event = audit.record_read(
            actor=self.coach, action="person.viewed", target=self.coach, person_key=key
        )
        self.assertEqual(event.person_key, key)

    def test_events_made_one_by_one_are_written_in_bulk(self):
        key = uuid.uuid4()
        events = [
            audit.event(actor=self.coach, action="assessment.recorded", target=self.project,
                        changes={"n": [None, n]}, person_key=key)
            for n in range(3)
        ]  # fmt: skip
        self.assertFalse(AuditEvent.objects.filter(person_key=key).exists())
        with transaction.atomic():
            audit.record_many(events)
        written = AuditEvent.objects.filter(person_key=key).order_by("id")
        self.assertEqual([e.changes for e in written], [{"n": [None, n]} for n in range(3)])
        self.assertEqual({e.actor_label for e in written}, {"coach"})


class OutsideTransactionTests(TestCase):
    # A TestCase wraps each test in a transaction, so the check is exercised with atomic blocks off.
    def test_it_must_be_called_inside_the_transaction_of_the_change(self):
        connection.in_atomic_block, saved = False, connection.in_atomic_block
        try:
            with self.assertRaisesMessage(RuntimeError, "inside the transaction"):
                audit.record(actor=None, action="project.imported")
            with self.assertRaisesMessage(RuntimeError, "inside the transaction"):
                audit.record_many([audit.event(actor=None, action="project.imported")])
        finally:
            connection.in_atomic_block = saved


class ChangesTests(TestCase):
    def test_only_changed_fields_are_listed(self):
        self.assertEqual(
            audit.changes_between({"a": 1, "b": 2}, {"a": 1, "b": 3, "c": None}),
            {"b": [2, 3]},
        )

    def test_redacted_fields_show_no_values(self):
        self.assertEqual(
            audit.changes_between({"pnr": "x"}, {"pnr": "y"}, redact=["pnr"]),
            {"pnr": [audit.REDACTED, audit.REDACTED]},
        )

    def test_values_become_json(self):
        key = uuid.uuid4()
        changes = audit.changes_between(
            {},
            {
                "d": datetime.date(2024, 1, 2),
                "n": Decimal("50.5"),
                "u": key,
                "l": (1, 2),
                "m": {"x": 1},
            },
        )
        self.assertEqual(
            changes,
            {
                "d": [None, "2024-01-02"],
                "l": [None, [1, 2]],
                "m": [None, {"x": 1}],
                "n": [None, "50.5"],
                "u": [None, str(key)],
            },
        )

    def test_other_objects_become_text(self):
        self.assertEqual(audit.changes_between({}, {"o": object})["o"][1], str(object))


class AppendOnlyTests(BaseTestCase):
    def setUp(self):
        self.event = AuditEvent.objects.filter(action="project.created").first()

    def test_saving_an_event_again_is_refused(self):
        self.event.action = "project.hidden"
        with self.assertRaises(AppendOnlyError):
            self.event.save()

    def test_deleting_an_event_is_refused(self):
        with self.assertRaises(AppendOnlyError):
            self.event.delete()

    def test_bulk_update_and_delete_are_refused(self):
        with self.assertRaises(AppendOnlyError):
            AuditEvent.objects.filter(pk=self.event.pk).update(action="x.y")
        with self.assertRaises(AppendOnlyError):
            AuditEvent.objects.filter(pk=self.event.pk).delete()

    def test_the_database_refuses_raw_updates_and_deletes(self):
        table = AuditEvent._meta.db_table
        for sql in (
            f"UPDATE {table} SET action = 'x.y' WHERE id = %s",
            f"DELETE FROM {table} WHERE id = %s",
        ):
            with (
                self.subTest(sql=sql),
                self.assertRaises(DatabaseError),
                transaction.atomic(),
                connection.cursor() as cursor,
            ):
                cursor.execute(sql, [self.event.pk])
        self.assertEqual(AuditEvent.objects.get(pk=self.event.pk).action, "project.created")


class RequestContextTests(BaseTestCase):
    def test_events_written_during_a_request_carry_its_address_and_id(self):
        self.client.post(
            reverse("accounts:login"),
            {"username": "coach", "password": PASSWORD},
            REMOTE_ADDR="10.1.2.3",
            HTTP_X_REQUEST_ID="req-0123456789",
        )
        event = AuditEvent.objects.get(action="auth.logged_in")
        self.assertEqual(event.ip_address, "10.1.2.3")
        self.assertEqual(event.request_id, "req-0123456789")
        self.assertEqual(event.actor, self.coach)

    def test_a_malformed_request_id_is_replaced(self):
        response = self.client.get(reverse("accounts:login"), HTTP_X_REQUEST_ID="bad id; drop")
        self.assertRegex(response["X-Request-ID"], r"^[0-9a-f]{32}$")

    @override_settings(STEGVIS_TRUSTED_PROXIES=1)
    def test_behind_a_trusted_proxy_the_forwarded_address_counts(self):
        self.client.post(
            reverse("accounts:login"),
            {"username": "coach", "password": "wrong"},
            REMOTE_ADDR="10.0.0.1",
            HTTP_X_FORWARDED_FOR="203.0.113.9, 198.51.100.7",
        )
        self.assertEqual(
            AuditEvent.objects.get(action="auth.login_failed").ip_address, "198.51.100.7"
        )

    def test_without_trusted_proxies_forwarded_headers_are_ignored(self):
        self.client.post(
            reverse("accounts:login"),
            {"username": "coach", "password": "wrong"},
            REMOTE_ADDR="10.0.0.1",
            HTTP_X_FORWARDED_FOR="203.0.113.9",
        )
        self.assertEqual(AuditEvent.objects.get(action="auth.login_failed").ip_address, "10.0.0.1")


class SignInAuditTests(BaseTestCase):
    def test_failed_sign_in_records_the_username_but_never_the_password(self):
        self.client.post(
            reverse("accounts:login"), {"username": "coach", "password": "S3cret-guess"}
        )
        event = AuditEvent.objects.get(action="auth.login_failed")
        self.assertEqual(event.object_label, "coach")
        self.assertNotIn("S3cret-guess", str(event.changes) + event.object_label)

    def test_sign_out_is_recorded(self):
        self.client.force_login(self.coach)
        self.client.post(reverse("accounts:logout"))
        self.assertTrue(
            AuditEvent.objects.filter(action="auth.logged_out", actor=self.coach).exists()
        )
