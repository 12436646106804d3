from django.core.exceptions import ValidationError

from stegvis.coordination import services, tokens
from stegvis.coordination.models import DirectoryEntry, Intake, IntakeStatus
from stegvis.coordination.tests.base import CoordinationTestCase
from stegvis.core.models import AuditEvent
from stegvis.participants.models import Referral, ReferralStatus, ReferrerKind


class DeskTests(CoordinationTestCase):
    def test_a_project_runs_one_desk_and_changes_are_audited(self):
        with self.assertRaisesMessage(ValidationError, "already runs a one way in"):
            services.desk_save(actor=self.manager, project=self.project, name="Annan")
        services.desk_save(actor=self.manager, project=self.project, desk=self.desk, is_open=False)
        event = AuditEvent.objects.filter(action="intake_desk.saved").latest("at")
        self.assertEqual(event.changes, {"is_open": [True, False]})

    def test_unknown_fields_are_a_programming_error(self):
        with self.assertRaises(TypeError):
            services.desk_save(actor=self.manager, project=self.other_project, colour="red")


class RegisterTests(CoordinationTestCase):
    def test_a_partner_registers_and_the_trail_holds_no_personal_details(self):
        intake, receipt = self.register()
        self.assertEqual(receipt, "")
        self.assertEqual(intake.receipt_hash, "")
        self.assertRegex(intake.reference, r"^VI-\d{4}-0001$")
        event = AuditEvent.objects.get(action="intake.registered")
        self.assertEqual(event.person_key, intake.public_id)
        self.assertEqual(event.changes["first_name"], [None, "***"])
        self.assertEqual(event.changes["need"], [None, "***"])
        self.assertNotIn("Alva", str(event.changes))
        second, _ = self.register()
        self.assertTrue(second.reference.endswith("-0002"))

    def test_the_person_themself_gets_a_receipt_stored_only_as_a_hash(self):
        intake, receipt = self.register(actor=None, source="", registered_by_organisation=self.org,
                                        consent_feedback=False)  # fmt: skip
        self.assertTrue(tokens.looks_like_receipt(receipt))
        self.assertEqual(intake.source, "SELF")
        self.assertIsNone(intake.registered_by_organisation)
        self.assertIs(intake.consent_feedback, True)
        self.assertEqual(intake.receipt_hash, tokens.hash_receipt(receipt))
        self.assertNotIn(receipt.replace("-", ""), str(Intake.objects.values_list()))

    def test_a_partner_may_not_pose_as_the_person(self):
        with self.assertRaisesMessage(ValidationError, "public form is for the person"):
            self.register(source="SELF")

    def test_consent_and_an_open_desk_are_needed(self):
        with self.assertRaisesMessage(ValidationError, "must agree"):
            self.register(consent_registration=False)
        services.desk_save(actor=self.manager, project=self.project, desk=self.desk, is_open=False)
        with self.assertRaisesMessage(ValidationError, "does not take new contacts"):
            self.register()
        self.assertFalse(Intake.objects.exists())

    def test_the_next_reference_skips_one_taken(self):
        first, _ = self.register()
        Intake.objects.filter(pk=first.pk).update(reference=first.reference[:-4] + "0002")
        second, _ = self.register()
        self.assertTrue(second.reference.endswith("0003"))


class RouteTests(CoordinationTestCase):
    def setUp(self):
        super().setUp()
        self.intake, _ = self.register()
        self.entry = services.directory_entry_save(
            actor=self.manager, name="Fritidsgården", kind="CIVIL_SOCIETY",
            offers="Läxhjälp", for_whom="Unga 13–20", area="Norrby",
        )  # fmt: skip

    def test_routing_to_a_project_sends_a_referral_through_the_participants_services(self):
        services.intake_route_to_project(
            actor=self.manager, intake=self.intake, group=self.group, reason="Studier",
            own_goal="Gymnasiet", motivation="Hög", message="Kallas till remissgruppen i juni.",
        )  # fmt: skip
        self.intake.refresh_from_db()
        referral = Referral.objects.get(pk=self.intake.referral_id)
        self.assertEqual(self.intake.status, IntakeStatus.TO_PROJECT)
        self.assertEqual(self.intake.project, self.project)
        self.assertEqual(referral.group, self.group)
        self.assertEqual(referral.status, ReferralStatus.NEW)
        self.assertEqual(referral.referrer_kind, ReferrerKind.CASEWORKER)
        self.assertEqual(referral.referrer_organisation, self.partner_org)
        self.assertEqual(referral.person, self.intake.person)
        self.assertEqual(self.intake.routed_by, self.manager)
        event = AuditEvent.objects.get(action="intake.routed")
        self.assertEqual(event.person_key, self.intake.person.public_id)
        self.assertEqual(event.changes["status"], ["NEW", "TO_PROJECT"])
        self.assertTrue(AuditEvent.objects.filter(action="referral.submitted").exists())

    def test_a_self_contact_is_a_self_referral_and_needs_a_gender(self):
        intake, _ = self.register(actor=None, gender="")
        with self.assertRaisesMessage(ValidationError, "gender"):
            services.intake_route_to_project(actor=self.manager, intake=intake, group=self.group,
                                             reason="r", own_goal="g", motivation="m")  # fmt: skip
        services.intake_route_to_project(actor=self.manager, intake=intake, group=self.group,
                                         reason="r", own_goal="g", motivation="m", gender="M")  # fmt: skip
        self.assertEqual(intake.referral.referrer_kind, ReferrerKind.SELF)
        self.assertEqual(intake.person.gender, "M")

    def test_an_identity_number_finds_the_person_again(self):
        services.intake_route_to_project(
            actor=self.manager, intake=self.intake, group=self.group, reason="r", own_goal="g",
            motivation="m", identity_number="19121212-1212",
        )  # fmt: skip
        self.assertEqual(self.intake.person, self.mine.person)

    def test_routing_to_a_support_and_closing(self):
        services.intake_route_to_support(actor=self.manager, intake=self.intake, entry=self.entry)
        self.assertEqual(self.intake.status, IntakeStatus.TO_SUPPORT)
        with self.assertRaisesMessage(ValidationError, "already been handled"):
            services.intake_close(actor=self.manager, intake=self.intake, message="x")
        other, _ = self.register()
        with self.assertRaisesMessage(ValidationError, "Say what became"):
            services.intake_close(actor=self.manager, intake=other, message=" ")
        services.intake_close(actor=self.manager, intake=other, message="Fick råd.", note="Ringt")
        self.assertEqual(other.status, IntakeStatus.CLOSED)
        self.assertEqual(other.internal_note, "Ringt")

    def test_an_inactive_support_cannot_be_chosen(self):
        services.directory_entry_save(actor=self.manager, entry=self.entry, is_active=False)
        with self.assertRaisesMessage(ValidationError, "no longer in the directory"):
            services.intake_route_to_support(
                actor=self.manager, intake=self.intake, entry=self.entry
            )


class DirectoryTests(CoordinationTestCase):
    def test_entries_are_saved_audited_and_unique_per_area(self):
        values = {"name": "Röda Korset", "kind": "CIVIL_SOCIETY", "offers": "Samtal",
                  "for_whom": "Alla", "area": "Norrby"}  # fmt: skip
        entry = services.directory_entry_save(actor=self.manager, **values)
        services.directory_entry_save(actor=self.manager, entry=entry, offers="Samtal, läxhjälp")
        changes = AuditEvent.objects.filter(action="directory_entry.saved").latest("at").changes
        self.assertEqual(changes, {"offers": ["Samtal", "Samtal, läxhjälp"]})
        with self.assertRaisesMessage(ValidationError, "already has an entry"):
            services.directory_entry_save(actor=self.manager, **values)
        with self.assertRaises(ValidationError) as caught:
            services.directory_entry_save(actor=self.manager, **{**values, "name": ""})
        self.assertIn("name", caught.exception.message_dict)
        with self.assertRaises(TypeError):
            services.directory_entry_save(actor=self.manager, colour="red")
        self.assertEqual(DirectoryEntry.objects.count(), 1)
