"""The referral pages: sending a referral, the referral group's agenda, decisions and members.

The people: `caseworker` (handläggare at the partner agency, only `referral.create`) sends
referrals; `referral` sits in `group`; `manager` manages the project; `coach` may send referrals
but sits in no group; `funder`, `evaluator` and `no_role` have nothing to do with referrals;
`outsider` manages another project. Assertions check data and status codes, not UI wording, so
they hold in every language.
"""

import datetime
from unittest import mock

from django.contrib.messages import get_messages
from django.core.exceptions import ValidationError
from django.urls import reverse

from stegvis.accounts import services as accounts
from stegvis.core.models import AuditEvent
from stegvis.core.permissions import Role
from stegvis.participants import services
from stegvis.participants.models import Person, Referral, ReferralGroup, ReferralStatus
from stegvis.participants.tests import factories
from stegvis.participants.tests.base import ParticipantTestCase
from stegvis.projects import services as project_services

MEETING = datetime.date(2025, 6, 10)


def _staff_user(username: str, organisation, role: str):  # noqa: ANN001,ANN202
    user = accounts.user_create(
        actor=None, username=username, first_name=username.capitalize(), last_name="Testsson"
    )
    accounts.membership_add(actor=None, user=user, organisation=organisation, role=role)
    return user


class ReferralViewTestCase(ParticipantTestCase):
    """Adds `caseworker` (whose agency is the project's partner) and `sent`, their referral."""

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.caseworker = _staff_user("caseworker", cls.partner_org, Role.CASEWORKER)
        project_services.project_partner_add(
            actor=cls.manager, project=cls.project, organisation=cls.partner_org
        )
        cls.sent = cls.send(cls.caseworker, first_name="Sara", last_name="Sänd")

    @classmethod
    def send(cls, actor, *, group=None, person=None, **person_values) -> Referral:  # noqa: ANN001
        return services.referral_submit(
            actor=actor,
            group=group or cls.group,
            person=person or factories.person(actor=actor, **person_values),
            referrer_kind="CASEWORKER",
            referrer_organisation=cls.partner_org,
            referrer_name="Hanna Handläggare",
            reason="Long time away from work.",
            own_goal="A job in a warehouse.",
            motivation="Wants to work now.",
            consent_given=True,
            received_on=datetime.date(2025, 5, 20),
        )

    def decide(self, referral: Referral, decision: str, **values) -> Referral:  # noqa: ANN003
        return services.referral_decide(
            actor=self.referral,
            referral=referral,
            decision=decision,
            meeting_date=MEETING,
            **values,
        )

    def assert_statuses(self, url: str, expected: dict, method: str = "get") -> None:
        for user, status in expected.items():
            with self.subTest(user=user.username):
                self.login(user)
                self.assertEqual(getattr(self.client, method)(url).status_code, status)


# --- The list -----------------------------------------------------------------------------------


class ReferralListTests(ReferralViewTestCase):
    url = reverse("participants:referral_list")

    def listed(self, user, **params) -> list[Referral]:  # noqa: ANN001,ANN003
        self.login(user)
        return list(self.client.get(self.url, params).context["page_obj"])

    def test_each_role_gets_the_page_or_403(self):
        self.assert_statuses(self.url, {
            self.admin: 200, self.manager: 200, self.coach: 200, self.referral: 200,
            self.caseworker: 200, self.outsider: 200,
            self.funder: 403, self.evaluator: 403, self.no_role: 403,
        })  # fmt: skip

    def test_each_user_sees_only_the_referrals_they_may_see(self):
        from_coach = self.send(self.coach)
        self.assertEqual(self.listed(self.caseworker), [self.sent])
        self.assertEqual(self.listed(self.coach), [from_coach])
        self.assertEqual(set(self.listed(self.referral)), {self.sent, from_coach})
        self.assertEqual(set(self.listed(self.manager)), {self.sent, from_coach})
        self.assertEqual(self.listed(self.outsider), [])

    def test_it_shows_the_name_and_never_the_identity_number(self):
        self.send(self.caseworker, person=self.mine.person)
        self.login(self.caseworker)
        response = self.client.get(self.url)
        self.assertContains(response, "Tolvan Tolvansson")
        self.assertContains(response, "Sara Sänd")
        self.assertContains(response, self.partner_org.name)
        self.assertContains(response, self.group.name)
        self.assertNotContains(response, "19121212")
        self.assertNotContains(response, "1212-1212")

    def test_a_person_with_protected_personal_data_is_listed_without_name(self):
        self.send(self.caseworker, first_name="Hemlig", last_name="Person", protected_identity=True)
        self.login(self.referral)
        self.assertNotContains(self.client.get(self.url), "Hemlig")

    def test_the_status_filter(self):
        accepted = self.send(self.caseworker)
        self.decide(accepted, ReferralStatus.ACCEPTED)
        self.assertEqual(self.listed(self.caseworker, status="ACCEPTED"), [accepted])
        self.assertEqual(self.listed(self.caseworker, status="NEW"), [self.sent])
        self.assertEqual(len(self.listed(self.caseworker)), 2)
        self.assertEqual(len(self.listed(self.caseworker, status="nonsense")), 2)

    def test_the_send_button_shows_for_those_who_may_send(self):
        create_url = reverse("participants:referral_create")
        self.login(self.caseworker)
        self.assertContains(self.client.get(self.url), create_url)

    def test_the_query_count_does_not_grow_with_referrals(self):
        self.login(self.manager)
        # session, user, memberships (navigation and capabilities), count, the page of referrals
        # with person, group, project, referring agency and meeting
        with self.assertNumQueries(5):
            self.client.get(self.url)
        for n in range(15):
            referral = self.send(self.caseworker)
            if n % 3 == 0:
                self.decide(referral, ReferralStatus.WAITING)
        with self.assertNumQueries(5):
            response = self.client.get(self.url)
        self.assertEqual(response.context["page_obj"].paginator.count, 16)


# --- Sending a referral -------------------------------------------------------------------------


class ReferralCreateTests(ReferralViewTestCase):
    url = reverse("participants:referral_create")

    def data(self, **overrides) -> dict:  # noqa: ANN003
        data = {
            "person-first_name": "Nils",
            "person-last_name": "Ny",
            "person-birth_year": "1988",
            "person-gender": "M",
            "referral-group": str(self.group.public_id),
            "referral-referrer_kind": "CASEWORKER",
            "referral-referrer_organisation": str(self.partner_org.pk),
            "referral-referrer_name": "Hanna Handläggare",
            "referral-reason": "Has been on sick leave for two years.",
            "referral-own_goal": "Work with animals.",
            "referral-motivation": "Wants to start as soon as possible.",
            "referral-consent_given": "on",
        }
        data.update(overrides)
        return {key: value for key, value in data.items() if value is not None}

    def test_those_who_may_send_get_the_form_and_others_403(self):
        self.assert_statuses(self.url, {
            self.admin: 200, self.manager: 200, self.coach: 200, self.referral: 200,
            self.caseworker: 200, self.outsider: 200,
            self.funder: 403, self.evaluator: 403, self.no_role: 403,
        })  # fmt: skip

    def test_the_groups_offered_are_those_the_user_may_refer_to(self):
        self.login(self.caseworker)
        groups = self.client.get(self.url).context["referral_form"].fields["group"].queryset
        self.assertEqual(list(groups), [self.group])
        self.login(self.outsider)
        self.assertEqual(list(self.client.get(self.url).context["groups"]), [])

    def test_sending_registers_the_person_and_the_referral(self):
        self.login(self.caseworker)
        response = self.client.post(self.url, self.data())
        referral = Referral.objects.get(person__first_name="Nils")
        self.assertRedirects(response, referral.get_absolute_url())
        self.assertEqual(referral.group, self.group)
        self.assertEqual(referral.submitted_by, self.caseworker)
        self.assertEqual(referral.status, ReferralStatus.NEW)
        self.assertEqual(referral.referrer_organisation, self.partner_org)
        self.assertIs(referral.consent_given, True)
        for action in ("person.created", "referral.submitted"):
            with self.subTest(action=action):
                self.assertTrue(
                    AuditEvent.objects.filter(
                        action=action, actor=self.caseworker, person_key=referral.person.public_id
                    ).exists()
                )
        self.assertEqual([m.level_tag for m in get_messages(response.wsgi_request)], ["success"])

    def test_without_consent_nothing_is_sent_and_nobody_registered(self):
        self.login(self.caseworker)
        people = Person.objects.count()
        response = self.client.post(self.url, self.data(**{"referral-consent_given": None}))
        self.assertEqual(response.status_code, 200)
        self.assertIn("consent_given", response.context["referral_form"].errors)
        self.assertContains(response, 'class="error-summary"')
        self.assertContains(response, 'href="#id_referral-consent_given"')
        self.assertEqual(Person.objects.count(), people)
        self.assertEqual(Referral.objects.count(), 1)

    def test_an_already_registered_person_is_recognised_without_saying_so(self):
        self.login(self.caseworker)
        response = self.client.post(
            self.url,
            self.data(**{"person-identity_number": "19121212-1212", "person-birth_year": ""}),
        )
        referral = Referral.objects.exclude(pk=self.sent.pk).get()
        self.assertRedirects(response, referral.get_absolute_url())
        self.assertEqual(referral.person, self.mine.person)
        self.assertFalse(Person.objects.filter(first_name="Nils").exists())
        # Only the success message: nothing tells that the number was known already.
        self.assertEqual([m.level_tag for m in get_messages(response.wsgi_request)], ["success"])

    def test_an_invalid_identity_number_is_shown_on_the_person_form(self):
        self.login(self.caseworker)
        response = self.client.post(
            self.url, self.data(**{"person-identity_number": "19121212-1213"})
        )
        self.assertIn("identity_number", response.context["person_form"].errors)
        self.assertContains(response, 'href="#id_person-identity_number"')
        self.assertEqual(Referral.objects.count(), 1)

    def test_errors_of_both_forms_are_shown_together(self):
        self.login(self.caseworker)
        response = self.client.post(
            self.url, self.data(**{"person-gender": None, "referral-motivation": ""})
        )
        self.assertIn("gender", response.context["person_form"].errors)
        self.assertIn("motivation", response.context["referral_form"].errors)

    def test_a_group_the_user_may_not_refer_to_is_refused(self):
        elsewhere = services.referral_group_create(
            actor=self.outsider, project=self.other_project, name="Södra gruppen"
        )
        self.login(self.caseworker)
        response = self.client.post(
            self.url, self.data(**{"referral-group": str(elsewhere.public_id)})
        )
        self.assertIn("group", response.context["referral_form"].errors)
        self.assertFalse(Referral.objects.filter(group=elsewhere).exists())

    def test_a_refused_referral_leaves_no_person_behind(self):
        # The person and the referral are saved in one transaction.
        refusal = ValidationError({"reason": "Refused."})
        self.login(self.caseworker)
        people = Person.objects.count()
        with mock.patch.object(services, "referral_submit", side_effect=refusal):
            response = self.client.post(self.url, self.data())
        self.assertIn("reason", response.context["referral_form"].errors)
        self.assertEqual(Person.objects.count(), people)


# --- One referral -------------------------------------------------------------------------------


class ReferralDetailTests(ReferralViewTestCase):
    def url(self, referral: Referral) -> str:
        return reverse("participants:referral_detail", args=[referral.public_id])

    def test_each_role_gets_the_page_or_404(self):
        self.assert_statuses(self.url(self.sent), {
            self.admin: 200, self.manager: 200, self.referral: 200, self.caseworker: 200,
            self.coach: 404, self.coach2: 404, self.outsider: 404, self.funder: 404,
            self.evaluator: 404, self.no_role: 404,
        })  # fmt: skip

    def test_an_unknown_referral_is_404(self):
        self.login(self.admin)
        self.assertEqual(
            self.client.get(reverse("participants:referral_detail", args=[self.group.public_id])).status_code,
            404,
        )  # fmt: skip

    def test_the_sender_sees_it_but_may_not_decide(self):
        self.login(self.caseworker)
        response = self.client.get(self.url(self.sent))
        self.assertIs(response.context["can_decide"], False)
        self.assertIsNone(response.context["decision_form"])
        self.assertNotContains(
            response, reverse("participants:referral_decide", args=[self.sent.public_id])
        )
        self.assertContains(response, "Sara Sänd")
        self.assertContains(response, "Wants to work now.")

    def test_members_and_managers_get_the_decision_form(self):
        for user in (self.referral, self.manager, self.admin):
            with self.subTest(user=user.username):
                self.login(user)
                response = self.client.get(self.url(self.sent))
                self.assertIs(response.context["can_decide"], True)
                self.assertContains(
                    response, reverse("participants:referral_decide", args=[self.sent.public_id])
                )

    def test_a_sender_who_sits_in_the_group_may_decide(self):
        own = self.send(self.referral)
        self.login(self.referral)
        self.assertIs(self.client.get(self.url(own)).context["can_decide"], True)

    def test_every_read_is_audited_once(self):
        for user in (self.caseworker, self.referral):
            with self.subTest(user=user.username):
                self.login(user)
                self.client.get(self.url(self.sent))
                events = AuditEvent.objects.filter(action="referral.viewed", actor=user)
                self.assertEqual(events.count(), 1)
                self.assertEqual(events.get().person_key, self.sent.person.public_id)

    def test_it_never_shows_the_identity_number(self):
        referral = self.send(self.caseworker, person=self.mine.person)
        self.login(self.manager)
        response = self.client.get(self.url(referral))
        self.assertContains(response, "Tolvan Tolvansson")
        self.assertNotContains(response, "19121212")

    def test_a_decided_referral_shows_the_decision_and_no_form(self):
        self.decide(
            self.sent, ReferralStatus.DECLINED, reason="Wants studies first.", minutes_line="§ 7"
        )
        self.login(self.referral)
        response = self.client.get(self.url(self.sent))
        self.assertIsNone(response.context["decision_form"])
        self.assertContains(response, "§ 7")
        self.assertContains(response, "Wants studies first.")
        self.assertContains(response, "2025-06-10")

    def test_a_postponed_referral_can_still_be_decided(self):
        self.decide(self.sent, ReferralStatus.WAITING)
        self.login(self.referral)
        self.assertIsNotNone(self.client.get(self.url(self.sent)).context["decision_form"])

    def test_an_accepted_referral_links_to_enrollment_for_those_who_enroll(self):
        self.decide(self.sent, ReferralStatus.ACCEPTED)
        enroll_url = f"{reverse('participants:enroll')}?referral={self.sent.public_id}"
        self.login(self.manager)
        self.assertContains(self.client.get(self.url(self.sent)), enroll_url)
        for user in (self.referral, self.caseworker):
            with self.subTest(user=user.username):
                self.login(user)
                self.assertNotContains(self.client.get(self.url(self.sent)), enroll_url)

    def test_no_enrollment_link_before_acceptance(self):
        self.login(self.manager)
        self.assertNotContains(self.client.get(self.url(self.sent)), reverse("participants:enroll"))


class ReferralDecideTests(ReferralViewTestCase):
    def url(self, referral: Referral) -> str:
        return reverse("participants:referral_decide", args=[referral.public_id])

    def post(self, user, referral: Referral, **data):  # noqa: ANN001,ANN003,ANN201
        self.login(user)
        values = {"decision": "ACCEPTED", "meeting_date": "2025-06-10", "minutes_line": "§ 4"}
        return self.client.post(self.url(referral), {**values, **data})

    def test_only_post(self):
        self.login(self.referral)
        self.assertEqual(self.client.get(self.url(self.sent)).status_code, 405)

    def test_a_member_accepts(self):
        response = self.post(self.referral, self.sent)
        self.assertRedirects(response, self.sent.get_absolute_url())
        self.sent.refresh_from_db()
        self.assertEqual(self.sent.status, ReferralStatus.ACCEPTED)
        self.assertEqual(self.sent.meeting.date, MEETING)
        self.assertEqual(self.sent.minutes_line, "§ 4")
        self.assertEqual(self.sent.decided_by, self.referral)
        event = AuditEvent.objects.get(action="referral.decided", actor=self.referral)
        self.assertEqual(event.changes["status"], ["NEW", "ACCEPTED"])

    def test_declining_without_a_reason_is_refused_with_the_error_shown(self):
        response = self.post(self.referral, self.sent, decision="DECLINED", reason="  ")
        self.assertEqual(response.status_code, 400)
        self.assertIn("reason", response.context["decision_form"].errors)
        self.assertContains(response, 'href="#id_reason"', status_code=400)
        self.sent.refresh_from_db()
        self.assertEqual(self.sent.status, ReferralStatus.NEW)
        self.assertFalse(AuditEvent.objects.filter(action="referral.decided").exists())

    def test_declining_with_a_reason(self):
        self.post(self.manager, self.sent, decision="DECLINED", reason="Wants studies first.")
        self.sent.refresh_from_db()
        self.assertEqual(self.sent.status, ReferralStatus.DECLINED)
        self.assertEqual(self.sent.decision_reason, "Wants studies first.")

    def test_waiting_keeps_it_on_the_agenda(self):
        self.post(self.referral, self.sent, decision="WAITING")
        self.sent.refresh_from_db()
        self.assertEqual(self.sent.status, ReferralStatus.WAITING)
        self.assertEqual(self.sent.meeting.date, MEETING)

    def test_a_decided_referral_cannot_be_decided_again(self):
        self.decide(self.sent, ReferralStatus.ACCEPTED)
        response = self.post(self.referral, self.sent, decision="DECLINED", reason="Changed mind.")
        self.assertEqual(response.status_code, 400)
        self.assertTrue(response.context["decision_form"].non_field_errors())
        self.sent.refresh_from_db()
        self.assertEqual(self.sent.status, ReferralStatus.ACCEPTED)

    def test_a_missing_decision_is_a_form_error(self):
        response = self.post(self.referral, self.sent, decision="")
        self.assertEqual(response.status_code, 400)
        self.assertIn("decision", response.context["decision_form"].errors)

    def test_the_sender_gets_403_and_those_who_may_not_see_it_404(self):
        for user, status in ((self.caseworker, 403), (self.coach, 404), (self.outsider, 404),
                             (self.funder, 404), (self.no_role, 404)):  # fmt: skip
            with self.subTest(user=user.username):
                self.assertEqual(self.post(user, self.sent).status_code, status)
        self.sent.refresh_from_db()
        self.assertEqual(self.sent.status, ReferralStatus.NEW)


# --- Referral groups ----------------------------------------------------------------------------


class ReferralGroupListTests(ReferralViewTestCase):
    url = reverse("participants:referral_group_list")

    def test_each_role_gets_the_page_or_403(self):
        self.assert_statuses(self.url, {
            self.admin: 200, self.manager: 200, self.referral: 200, self.outsider: 200,
            self.coach: 403, self.caseworker: 403, self.funder: 403, self.evaluator: 403,
            self.no_role: 403,
        })  # fmt: skip

    def test_the_groups_on_the_agenda_with_the_number_waiting(self):
        self.decide(self.send(self.caseworker), ReferralStatus.WAITING)
        self.decide(self.send(self.caseworker), ReferralStatus.ACCEPTED)
        for user in (self.referral, self.manager):
            with self.subTest(user=user.username):
                self.login(user)
                groups = list(self.client.get(self.url).context["groups"])
                self.assertEqual(groups, [self.group])
                self.assertEqual(groups[0].waiting, 2)
        self.login(self.outsider)
        self.assertEqual(list(self.client.get(self.url).context["groups"]), [])

    def test_managers_get_the_button_to_set_up_a_group(self):
        create_url = reverse("participants:referral_group_create")
        self.login(self.manager)
        self.assertContains(self.client.get(self.url), create_url)
        self.login(self.referral)
        self.assertNotContains(self.client.get(self.url), create_url)


class ReferralGroupCreateTests(ReferralViewTestCase):
    url = reverse("participants:referral_group_create")

    def test_managers_get_the_form_and_others_403(self):
        self.assert_statuses(self.url, {
            self.admin: 200, self.manager: 200, self.outsider: 200,
            self.referral: 403, self.coach: 403, self.caseworker: 403, self.funder: 403,
            self.no_role: 403,
        })  # fmt: skip

    def test_only_the_projects_the_user_manages_are_offered(self):
        for user, projects in (
            (self.manager, [self.project]),
            (self.outsider, [self.other_project]),
        ):
            with self.subTest(user=user.username):
                self.login(user)
                form = self.client.get(self.url).context["form"]
                self.assertEqual(list(form.fields["project"].queryset), projects)

    def test_a_manager_sets_up_a_group(self):
        self.login(self.manager)
        response = self.client.post(
            self.url,
            {"project": str(self.project.public_id), "name": "Remittentgrupp Söder", "municipality_code": "2482"},
        )  # fmt: skip
        group = ReferralGroup.objects.get(name="Remittentgrupp Söder")
        self.assertRedirects(
            response, reverse("participants:referral_group_detail", args=[group.public_id])
        )
        self.assertEqual((group.project, group.municipality_code), (self.project, "2482"))
        self.assertTrue(
            AuditEvent.objects.filter(action="referral_group.created", actor=self.manager).exists()
        )

    def test_a_project_the_user_does_not_manage_is_refused(self):
        self.login(self.outsider)
        response = self.client.post(
            self.url, {"project": str(self.project.public_id), "name": "Intrång"}
        )
        self.assertIn("project", response.context["form"].errors)
        self.assertFalse(ReferralGroup.objects.filter(name="Intrång").exists())

    def test_the_same_name_twice_in_a_project_is_refused(self):
        self.login(self.manager)
        response = self.client.post(
            self.url, {"project": str(self.project.public_id), "name": self.group.name}
        )
        self.assertTrue(response.context["form"].errors)
        self.assertContains(response, 'class="error-summary"')
        self.assertEqual(ReferralGroup.objects.filter(name=self.group.name).count(), 1)

    def test_a_malformed_municipality_code_is_refused(self):
        self.login(self.manager)
        response = self.client.post(
            self.url,
            {"project": str(self.project.public_id), "name": "Ny", "municipality_code": "24"},
        )
        self.assertIn("municipality_code", response.context["form"].errors)


class ReferralGroupDetailTests(ReferralViewTestCase):
    def url(self, group: ReferralGroup) -> str:
        return reverse("participants:referral_group_detail", args=[group.public_id])

    def test_each_role_gets_the_agenda_or_404(self):
        self.assert_statuses(self.url(self.group), {
            self.admin: 200, self.manager: 200, self.referral: 200,
            self.coach: 404, self.caseworker: 404, self.outsider: 404, self.funder: 404,
            self.evaluator: 404, self.no_role: 404,
        })  # fmt: skip

    def test_the_model_link_leads_to_the_same_page(self):
        self.assertEqual(self.group.get_absolute_url(), self.url(self.group))

    def test_the_agenda_has_new_and_postponed_referrals_oldest_first_and_not_decided_ones(self):
        waiting = self.send(self.caseworker)
        self.decide(waiting, ReferralStatus.WAITING)
        accepted = self.send(self.caseworker)
        self.decide(accepted, ReferralStatus.ACCEPTED, minutes_line="§ 2")
        declined = self.send(self.caseworker)
        self.decide(declined, ReferralStatus.DECLINED, reason="Not now.", minutes_line="§ 3")
        self.login(self.referral)
        response = self.client.get(self.url(self.group))
        self.assertEqual(list(response.context["agenda"]), [self.sent, waiting])
        self.assertEqual(set(response.context["decisions"]), {accepted, declined})
        self.assertContains(response, self.sent.get_absolute_url())
        self.assertContains(response, "§ 2")
        self.assertContains(response, "2025-06-10")

    def test_managers_get_the_member_forms_and_members_do_not(self):
        self.login(self.manager)
        response = self.client.get(self.url(self.group))
        self.assertIs(response.context["can_manage"], True)
        self.assertIsNotNone(response.context["member_form"])
        self.assertContains(
            response,
            reverse("participants:referral_group_member_remove", args=[self.group.public_id]),
        )
        self.login(self.referral)
        response = self.client.get(self.url(self.group))
        self.assertIs(response.context["can_manage"], False)
        self.assertIsNone(response.context["member_form"])
        self.assertNotContains(
            response,
            reverse("participants:referral_group_member_remove", args=[self.group.public_id]),
        )
        self.assertEqual(list(response.context["members"]), [self.referral])


class ReferralGroupMemberTests(ReferralViewTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.newcomer = _staff_user("newcomer", cls.partner_org, Role.REFERRAL_GROUP)
        project_services.project_staff_add(
            actor=cls.manager, project=cls.project, user=cls.newcomer, role=Role.REFERRAL_GROUP
        )

    def add_url(self) -> str:
        return reverse("participants:referral_group_member_add", args=[self.group.public_id])

    def remove_url(self) -> str:
        return reverse("participants:referral_group_member_remove", args=[self.group.public_id])

    def test_only_referral_group_staff_not_yet_members_are_offered(self):
        self.login(self.manager)
        form = self.client.get(reverse("participants:referral_group_detail", args=[self.group.public_id])).context["member_form"]  # fmt: skip
        self.assertEqual(list(form.fields["user"].queryset), [self.newcomer])

    def test_the_add_form_shows_only_while_someone_can_be_added(self):
        url = reverse("participants:referral_group_detail", args=[self.group.public_id])
        add_url = self.add_url()
        self.login(self.manager)
        self.assertContains(self.client.get(url), add_url)
        services.referral_group_member_add(actor=self.manager, group=self.group, user=self.newcomer)
        self.assertNotContains(self.client.get(url), add_url)

    def test_a_manager_adds_a_member(self):
        self.login(self.manager)
        response = self.client.post(self.add_url(), {"member-user": str(self.newcomer.public_id)})
        self.assertRedirects(
            response, reverse("participants:referral_group_detail", args=[self.group.public_id])
        )
        self.assertTrue(self.group.members.filter(pk=self.newcomer.pk).exists())
        events = AuditEvent.objects.filter(action="referral_group.member_added", actor=self.manager)
        self.assertIn({"member": [None, "newcomer"]}, [e.changes for e in events])

    def test_someone_who_is_not_referral_group_staff_cannot_be_added(self):
        self.login(self.manager)
        response = self.client.post(self.add_url(), {"member-user": str(self.coach.public_id)})
        self.assertEqual(response.status_code, 400)
        self.assertIn("user", response.context["member_form"].errors)
        self.assertFalse(self.group.members.filter(pk=self.coach.pk).exists())

    def test_a_manager_removes_a_member(self):
        self.login(self.manager)
        response = self.client.post(self.remove_url(), {"user": str(self.referral.public_id)})
        self.assertRedirects(
            response, reverse("participants:referral_group_detail", args=[self.group.public_id])
        )
        self.assertFalse(self.group.members.filter(pk=self.referral.pk).exists())
        self.assertTrue(
            AuditEvent.objects.filter(
                action="referral_group.member_removed", actor=self.manager
            ).exists()
        )

    def test_removing_someone_who_does_not_sit_in_the_group_changes_nothing(self):
        self.login(self.manager)
        response = self.client.post(self.remove_url(), {"user": str(self.newcomer.public_id)})
        self.assertEqual([m.level_tag for m in get_messages(response.wsgi_request)], ["error"])
        self.assertFalse(AuditEvent.objects.filter(action="referral_group.member_removed").exists())

    def test_members_get_403_and_those_who_may_not_see_the_group_404(self):
        for url, data in ((self.add_url(), {"member-user": str(self.newcomer.public_id)}),
                          (self.remove_url(), {"user": str(self.referral.public_id)})):  # fmt: skip
            for user, status in ((self.referral, 403), (self.coach, 404), (self.outsider, 404),
                                 (self.caseworker, 404), (self.funder, 404)):  # fmt: skip
                with self.subTest(url=url, user=user.username):
                    self.login(user)
                    self.assertEqual(self.client.post(url, data).status_code, status)
        self.assertEqual(list(self.group.members.all()), [self.referral])

    def test_changing_members_needs_a_post(self):
        self.login(self.manager)
        for url in (self.add_url(), self.remove_url()):
            with self.subTest(url=url):
                self.assertEqual(self.client.get(url).status_code, 405)
