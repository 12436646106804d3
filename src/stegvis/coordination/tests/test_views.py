import datetime

from django.core.cache import cache
from django.urls import reverse
from django.utils import translation

from stegvis.coordination import selectors, services
from stegvis.coordination.models import Intake, IntakeDesk
from stegvis.coordination.tests.base import CoordinationTestCase
from stegvis.participants import services as participant_services
from stegvis.participants.models import Referral, ReferralStatus


class PartnerFlowTests(CoordinationTestCase):
    def test_a_partner_registers_and_later_sees_what_became_of_it_and_no_more(self):
        self.login(self.referral)
        url = reverse("coordination:intake_new")
        self.assertEqual(self.client.post(url, {"first_name": ""}).status_code, 400)
        response = self.client.post(url, {
            "desk": self.desk.pk, "source": "SCHOOL", "registered_by_organisation": self.partner_org.pk,
            "first_name": "Alva", "last_name": "Ung", "birth_year": "2007", "gender": "K",
            "phone": "070-1", "need": "Studier", "consent_registration": "on", "consent_feedback": "on",
        })  # fmt: skip
        intake = Intake.objects.get()
        self.assertRedirects(
            response, reverse("coordination:intake_outcome", args=[intake.public_id])
        )
        self.assertContains(self.client.get(reverse("coordination:intake_mine")), intake.reference)
        # The partner may not open the coordinators' page.
        self.assertEqual(self.client.get(intake.get_absolute_url()).status_code, 403)

        self.login(self.manager)
        self.assertContains(
            self.client.get(reverse("coordination:intake_queue") + "?status=NEW"), intake.reference
        )
        self.assertContains(self.client.get(intake.get_absolute_url()), "Studier")
        route = reverse("coordination:intake_to_project", args=[intake.public_id])
        self.assertEqual(self.client.post(route, {"project-group": self.group.pk}).status_code, 400)
        response = self.client.post(route, {
            "project-group": self.group.pk, "project-gender": "K", "project-reason": "Studier",
            "project-own_goal": "Gymnasiet", "project-motivation": "Stark",
            "project-message": "Remissgruppen tar upp det i juni.", "project-note": "Hemligt",
        })  # fmt: skip
        self.assertRedirects(response, intake.get_absolute_url())
        referral = Referral.objects.get()
        participant_services.referral_decide(actor=self.manager, referral=referral, decision="ACCEPTED",
                                             meeting_date=datetime.date(2025, 6, 10))  # fmt: skip

        self.login(self.referral)
        page = self.client.get(reverse("coordination:intake_outcome", args=[intake.public_id]))
        self.assertContains(page, "Remissgruppen tar upp det i juni.")
        self.assertContains(page, self.project.name)
        with translation.override("sv"):
            self.assertContains(page, str(ReferralStatus.ACCEPTED.label))
        self.assertNotContains(page, "Hemligt")

    def test_without_the_persons_agreement_the_partner_sees_only_that_it_is_handled(self):
        intake, _ = self.register(consent_feedback=False)
        services.intake_close(actor=self.manager, intake=intake, message="Fick råd om KAA.")
        self.login(self.referral)
        page = self.client.get(reverse("coordination:intake_outcome", args=[intake.public_id]))
        self.assertContains(page, "Hanterad")
        self.assertNotContains(page, "Fick råd om KAA.")

    def test_routing_to_support_and_closing_by_the_pages(self):
        entry = services.directory_entry_save(actor=self.manager, name="Fritidsgården", kind="CIVIL_SOCIETY",
                                              offers="Läxhjälp", for_whom="Unga")  # fmt: skip
        one, _ = self.register()
        two, _ = self.register()
        self.login(self.manager)
        self.client.post(reverse("coordination:intake_to_support", args=[one.public_id]),
                         {"support-entry": entry.pk, "support-message": "Ring dem."})  # fmt: skip
        close = reverse("coordination:intake_close", args=[two.public_id])
        self.assertEqual(self.client.post(close, {"close-message": ""}).status_code, 400)
        self.client.post(close, {"close-message": "Klart."})
        self.assertEqual(self.client.post(close, {"close-message": "Igen"}).status_code, 400)
        self.assertEqual(
            sorted(Intake.objects.values_list("status", flat=True)), ["CLOSED", "TO_SUPPORT"]
        )


class PublicFormTests(CoordinationTestCase):
    def setUp(self):
        super().setUp()
        cache.clear()

    def _data(self, **extra):  # noqa: ANN003,ANN202
        return {"desk": self.desk.pk, "first_name": "Sam", "birth_year": "2006", "phone": "070-2",
                "need": "Jobb", "consent_registration": "on", **extra}  # fmt: skip

    def test_the_person_gets_in_touch_without_an_account_and_follows_by_receipt(self):
        url = reverse("coordination:public_contact")
        self.assertContains(self.client.get(url), "En väg in Norr")
        self.assertContains(
            self.client.post(url, self._data(phone="")), "telefonnummer", status_code=400
        )
        page = self.client.post(url, self._data())
        receipt = page.context["receipt"]
        self.assertContains(page, receipt)
        self.assertNotIn(receipt, page.headers.get("Location", ""))
        follow = reverse("coordination:public_follow")
        self.assertEqual(self.client.post(follow, {"code": "ABCD-EFGH-JKLM"}).status_code, 400)
        self.assertEqual(self.client.post(follow, {"code": "nope"}).status_code, 400)
        self.assertContains(self.client.post(follow, {"code": receipt}), "Mottagen")

    def test_the_public_pages_are_rate_limited(self):
        url = reverse("coordination:public_contact")
        for _ in range(5):
            self.client.post(url, self._data())
        self.assertEqual(self.client.post(url, self._data()).status_code, 429)
        follow = reverse("coordination:public_follow")
        for _ in range(20):
            self.client.post(follow, {"code": "nope"})
        self.assertEqual(self.client.post(follow, {"code": "nope"}).status_code, 429)

    def test_a_closed_desk(self):
        services.desk_save(actor=self.manager, project=self.project, desk=self.desk, is_open=False)
        self.assertContains(
            self.client.get(reverse("coordination:public_contact")), "En väg in är stängd"
        )
        self.assertContains(
            self.client.post(reverse("coordination:public_contact"), self._data()), "stängd"
        )
        self.assertEqual(Intake.objects.count(), 0)


class DeskAndDirectoryPageTests(CoordinationTestCase):
    def test_the_manager_opens_a_desk_and_changes_it(self):
        from stegvis.projects import services as project_services

        second = project_services.project_create(actor=self.manager, diarienummer="2024/00009",
                                                 name="Samordning Syd", owner=self.org)  # fmt: skip
        self.login(self.manager)
        self.assertEqual(
            self.client.post(reverse("coordination:desk_new"), {"project": second.pk}).status_code,
            400,
        )
        self.client.post(reverse("coordination:desk_new"), {"project": second.pk, "name": "En väg in Syd",
                                                            "is_open": "on"})  # fmt: skip
        desk = IntakeDesk.objects.get(project=second)
        edit = reverse("coordination:desk_edit", args=[desk.public_id])
        self.assertEqual(self.client.get(edit).status_code, 200)
        self.assertEqual(self.client.post(edit, {"name": ""}).status_code, 400)
        self.client.post(edit, {"name": "En väg in Söder"})
        desk.refresh_from_db()
        self.assertEqual((desk.name, desk.is_open), ("En väg in Söder", False))
        self.login(self.coach)
        self.assertEqual(self.client.get(edit).status_code, 403)

    def test_the_directory_is_searchable_with_and_without_htmx(self):
        for name, offers in (("Fritidsgården", "Läxhjälp"), ("Röda Korset", "Samtal och läxhjälp"),
                             ("Fontänhuset", "Arbetsinriktad gemenskap")):  # fmt: skip
            services.directory_entry_save(actor=self.manager, name=name, kind="CIVIL_SOCIETY",
                                          offers=offers, for_whom="Alla")  # fmt: skip
        self.login(self.funder)
        url = reverse("coordination:directory")
        page = self.client.get(url, {"q": "läxhjälp"})
        self.assertEqual(
            [e.name for e in page.context["page_obj"]], ["Fritidsgården", "Röda Korset"]
        )
        self.assertContains(page, "<h1>")
        partial = self.client.get(url, {"q": "fontän"}, headers={"HX-Request": "true"})
        self.assertNotContains(partial, "<h1>")
        self.assertContains(partial, "Fontänhuset")
        self.assertNotContains(page, reverse("coordination:directory_new"))

    def test_editors_add_and_change_entries(self):
        self.login(self.manager)
        new = reverse("coordination:directory_new")
        self.assertEqual(self.client.post(new, {"name": ""}).status_code, 400)
        data = {"name": "Fontänhuset", "kind": "CIVIL_SOCIETY", "offers": "Gemenskap", "for_whom": "Alla",
                "is_active": "on"}  # fmt: skip
        self.assertRedirects(self.client.post(new, data), reverse("coordination:directory"))
        self.assertEqual(self.client.post(new, data).status_code, 400)
        entry = selectors.directory_for_routing().get()
        edit = reverse("coordination:directory_edit", args=[entry.public_id])
        self.assertEqual(self.client.post(edit, {**data, "offers": ""}).status_code, 400)
        self.client.post(edit, {**data, "offers": "Gemenskap och jobb"})
        entry.refresh_from_db()
        self.assertEqual(entry.offers, "Gemenskap och jobb")
        self.login(self.coach)
        self.assertEqual(self.client.get(new).status_code, 403)


class SharedViewTests(CoordinationTestCase):
    def test_the_coach_sees_the_supports_of_their_participant(self):
        participant_services.intervention_add(actor=self.coach, enrollment=self.mine, kind="STUDIES",
                                              provider=self.partner_org, description="Komvux",
                                              start_date=datetime.date(2025, 2, 1))  # fmt: skip
        self.login(self.coach)
        listing = self.client.get(reverse("coordination:support_list"))
        self.assertContains(listing, self.mine.person.first_name)
        page = self.client.get(reverse("coordination:support_detail", args=[self.mine.public_id]))
        self.assertContains(page, "Komvux")
        self.assertContains(page, "Arbetsförmedlingen")
        self.assertEqual(self.client.get(reverse("coordination:support_detail",
                                                 args=[self.theirs.public_id])).status_code, 404)  # fmt: skip

    def test_index_page_per_role(self):
        for user, present in ((self.manager, "coordination:intake_queue"), (self.referral, "coordination:intake_new"),
                              (self.funder, "coordination:directory")):  # fmt: skip
            with self.subTest(user=user.username):
                self.login(user)
                self.assertContains(
                    self.client.get(reverse("coordination:index")), reverse(present)
                )
        self.login(self.no_role)
        self.assertEqual(self.client.get(reverse("coordination:index")).status_code, 403)
