import uuid

from django.core.exceptions import PermissionDenied
from django.http import Http404

from stegvis.coordination import access, services
from stegvis.coordination.tests.base import CoordinationTestCase
from stegvis.core.models import AuditEvent


class IntakeAccessTests(CoordinationTestCase):
    def setUp(self):
        super().setUp()
        self.intake, _ = self.register()

    def test_the_coordinators_see_a_contact_in_full_and_the_read_is_audited(self):
        for user in (self.manager, self.admin):
            with self.subTest(user=user.username):
                self.assertEqual(
                    access.access_intake(self.fresh(user), self.intake.public_id), self.intake
                )
        event = AuditEvent.objects.filter(action="intake.viewed").latest("at")
        self.assertEqual(event.person_key, self.intake.public_id)

    def test_others_get_404_even_the_one_who_registered_it(self):
        for user in (self.referral, self.coach, self.outsider, self.funder, self.no_role):
            with self.subTest(user=user.username), self.assertRaises(Http404):
                access.access_intake(self.fresh(user), self.intake.public_id)
        for bad in (uuid.uuid4(), "nope"):
            with self.subTest(bad=bad), self.assertRaises(Http404):
                access.access_intake(self.fresh(self.manager), bad)

    def test_the_one_who_registered_it_follows_the_outcome_only(self):
        self.assertEqual(access.access_intake_outcome(self.fresh(self.referral), self.intake.public_id),
                         self.intake)  # fmt: skip
        self.assertTrue(AuditEvent.objects.filter(action="intake.outcome_viewed").exists())
        for user in (self.manager, self.coach, self.funder):  # funder may not register at all
            with self.subTest(user=user.username), self.assertRaises(Http404):
                access.access_intake_outcome(self.fresh(user), self.intake.public_id)

    def test_the_person_follows_their_own_contact_by_receipt(self):
        own, receipt = self.register(actor=None)
        self.assertEqual(access.access_intake_by_receipt(receipt.lower()), own)
        event = AuditEvent.objects.get(action="intake.receipt_viewed")
        self.assertIsNone(event.actor)
        for code in ("", "ABCD", "ABCD-EFGH-JKLM"):
            with self.subTest(code=code), self.assertRaises(Http404):
                access.access_intake_by_receipt(code)


class DeskAndDirectoryAccessTests(CoordinationTestCase):
    def test_desks_are_changed_by_their_coordinators(self):
        self.assertEqual(
            access.access_desk(self.fresh(self.manager), self.desk.public_id), self.desk
        )
        for user in (self.coach, self.outsider):
            with self.subTest(user=user.username), self.assertRaises(Http404):
                access.access_desk(self.fresh(user), self.desk.public_id)

    def test_directory_entries_are_changed_by_editors(self):
        entry = services.directory_entry_save(actor=self.manager, name="Fritidsgården", kind="CIVIL_SOCIETY",
                                              offers="Läxhjälp", for_whom="Unga")  # fmt: skip
        self.assertEqual(
            access.access_directory_entry(self.fresh(self.manager), entry.public_id), entry
        )
        with self.assertRaises(PermissionDenied):
            access.access_directory_entry(self.fresh(self.coach), entry.public_id)
        for user, entry_id in ((self.no_role, entry.public_id), (self.manager, uuid.uuid4())):
            with self.subTest(user=user.username), self.assertRaises(Http404):
                access.access_directory_entry(self.fresh(user), entry_id)
