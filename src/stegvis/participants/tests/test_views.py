import datetime

from django.urls import reverse

from stegvis.core.models import AuditEvent
from stegvis.participants import services
from stegvis.participants.models import Contact, Enrollment, FollowUp, Person
from stegvis.participants.tests import factories
from stegvis.participants.tests.base import ParticipantTestCase


class CaseloadTests(ParticipantTestCase):
    url = reverse("participants:caseload")

    def test_a_coach_sees_only_their_own_participants(self):
        self.login(self.coach)
        response = self.client.get(self.url)
        self.assertEqual([e.pk for e in response.context["page_obj"]], [self.mine.pk])

    def test_a_manager_sees_every_participant_of_their_projects(self):
        self.login(self.manager)
        response = self.client.get(self.url)
        self.assertEqual(
            {e.pk for e in response.context["page_obj"]}, {self.mine.pk, self.theirs.pk}
        )

    def test_roles_without_participant_access_are_refused(self):
        for user in (self.referral, self.evaluator, self.funder, self.no_role):
            with self.subTest(user=user.username):
                self.login(user)
                self.assertEqual(self.client.get(self.url).status_code, 403)

    def test_search_by_name_and_id(self):
        self.login(self.manager)
        by_name = self.client.get(self.url, {"q": "tolvan"}).context["page_obj"]
        by_code = self.client.get(self.url, {"q": self.theirs.participant_code}).context["page_obj"]
        self.assertEqual([e.pk for e in by_name], [self.mine.pk])
        self.assertEqual([e.pk for e in by_code], [self.theirs.pk])

    def test_left_participants_show_under_their_filter(self):
        services.enrollment_exit(
            actor=self.coach,
            enrollment=self.mine,
            end_date=datetime.date(2025, 5, 1),
            exit_status="EMPLOYED",
        )
        self.login(self.coach)
        self.assertEqual(list(self.client.get(self.url).context["page_obj"]), [])
        self.assertEqual(
            [e.pk for e in self.client.get(self.url, {"status": "left"}).context["page_obj"]],
            [self.mine.pk],
        )

    def test_the_htmx_request_gets_only_the_table(self):
        self.login(self.coach)
        response = self.client.get(self.url, HTTP_HX_REQUEST="true")
        self.assertNotContains(response, "<html")
        self.assertContains(response, "Tolvan")

    def test_query_count_does_not_grow_with_participants(self):
        self.login(self.manager)
        # session, user, memberships (navigation), the ids of the projects the user manages (read
        # first, so that the visibility rule can use an index), count, page with last contact and
        # next follow-up, follow-ups due, projects with an overview, participants to help toward
        # the next job (employers)
        with self.assertNumQueries(9):
            self.client.get(self.url)
        for _ in range(15):
            enrollment = factories.enrollment(project=self.project, coach=self.coach)
            services.contact_add(
                actor=self.coach,
                enrollment=enrollment,
                kind="MEETING",
                date=datetime.date(2025, 2, 1),
            )
        with self.assertNumQueries(9):
            self.client.get(self.url)


class DetailTests(ParticipantTestCase):
    def url(self, enrollment):
        return reverse("participants:detail", args=[enrollment.public_id])

    def test_the_coach_opens_their_participant_and_the_read_is_audited(self):
        self.login(self.coach)
        response = self.client.get(self.url(self.mine))
        self.assertContains(response, "Tolvan Tolvansson")
        self.assertContains(response, "19121212-****")
        self.assertNotContains(response, "1212-1212")
        self.assertTrue(
            AuditEvent.objects.filter(
                action="participant.viewed", actor=self.coach, person_key=self.mine.person.public_id
            ).exists()
        )

    def test_others_get_404(self):
        for user, enrollment in ((self.coach, self.theirs), (self.coach2, self.mine), (self.outsider, self.mine),
                                 (self.manager, self.elsewhere), (self.referral, self.mine), (self.funder, self.mine)):  # fmt: skip
            with self.subTest(user=user.username, participant=enrollment.participant_code):
                self.login(user)
                self.assertEqual(self.client.get(self.url(enrollment)).status_code, 404)

    def test_revealing_the_number_needs_a_post_and_is_audited(self):
        self.login(self.coach)
        url = reverse("participants:reveal", args=[self.mine.public_id])
        self.assertEqual(self.client.get(url).status_code, 405)
        response = self.client.post(url, HTTP_HX_REQUEST="true")
        self.assertContains(response, "19121212-1212")
        self.assertTrue(
            AuditEvent.objects.filter(action="person.identity_revealed", actor=self.coach).exists()
        )

    def test_adding_a_contact_from_the_time_line(self):
        self.login(self.coach)
        url = reverse("participants:timeline_add", args=[self.mine.public_id, "contact"])
        response = self.client.post(
            url, {"contact-kind": "MEETING", "contact-date": "2025-03-03", "contact-minutes": "45"}
        )
        self.assertRedirects(response, self.url(self.mine) + "#contact")
        self.assertEqual(Contact.objects.get(enrollment=self.mine).minutes, 45)

    def test_an_invalid_entry_is_shown_with_the_error_summary(self):
        self.login(self.coach)
        url = reverse("participants:timeline_add", args=[self.mine.public_id, "employment"])
        response = self.client.post(
            url,
            {
                "employment-kind": "JOB",
                "employment-employer": "ICA",
                "employment-start_date": "2025-03-03",
            },
        )
        self.assertEqual(response.status_code, 400)
        self.assertContains(response, 'role="alert"', status_code=400)

    def test_every_kind_of_entry_can_be_added(self):
        self.login(self.coach)
        posts = {
            "intervention": {"kind": "TREATMENT", "start_date": "2025-02-01"},
            "step": {"step": "SE_PROFILE", "date": "2025-02-01"},
            "goal": {"text": "Jobba med djur", "set_on": "2025-02-01"},
            "employment": {
                "kind": "JOB",
                "employer": "Zoo AB",
                "start_date": "2025-04-01",
                "competitive": "yes",
            },
            "note": {"text": "Bra samtal.", "date": "2025-02-01"},
            "consent": {"purpose": "FOLLOW_UP", "given_on": "2025-02-01", "given_by": "PERSON"},
        }
        for kind, values in posts.items():
            with self.subTest(kind=kind):
                url = reverse("participants:timeline_add", args=[self.mine.public_id, kind])
                response = self.client.post(url, {f"{kind}-{k}": v for k, v in values.items()})
                self.assertEqual(response.status_code, 302, response.content[:2000])
        response = self.client.get(self.url(self.mine))
        for text in ("Jobba med djur", "Zoo AB", "Bra samtal."):
            self.assertContains(response, text)

    def test_an_unknown_kind_is_404(self):
        self.login(self.coach)
        url = reverse("participants:timeline_add", args=[self.mine.public_id, "party"])
        self.assertEqual(self.client.post(url).status_code, 404)

    def test_item_actions(self):
        goal = services.goal_add(
            actor=self.coach, enrollment=self.mine, text="Körkort", set_on=datetime.date(2025, 2, 1)
        )
        note = services.note_add(actor=self.coach, enrollment=self.mine, text="Första versionen")
        self.login(self.coach)
        goal_url = reverse(
            "participants:timeline_action", args=[self.mine.public_id, "goal", goal.pk, "reached"]
        )
        self.assertEqual(self.client.get(goal_url).status_code, 200)
        self.assertEqual(self.client.post(goal_url, {"on": "2025-05-01"}).status_code, 302)
        note_url = reverse(
            "participants:timeline_action", args=[self.mine.public_id, "note", note.pk, "correct"]
        )
        self.client.post(note_url, {"text": "Andra versionen", "reason": "Fel namn"})
        response = self.client.get(self.url(self.mine))
        self.assertContains(response, "Andra versionen")
        self.assertContains(response, "Första versionen")

    def test_item_of_another_participant_is_404(self):
        goal = services.goal_add(
            actor=self.coach2, enrollment=self.theirs, text="X", set_on=datetime.date(2025, 2, 1)
        )
        self.login(self.coach)
        url = reverse(
            "participants:timeline_action", args=[self.mine.public_id, "goal", goal.pk, "reached"]
        )
        self.assertEqual(self.client.post(url, {"on": "2025-05-01"}).status_code, 404)


class FlowTests(ParticipantTestCase):
    def test_enroll_a_new_person_with_consent(self):
        self.login(self.coach)
        url = reverse("participants:enroll") + f"?project={self.project.public_id}"
        self.assertEqual(self.client.get(url).status_code, 200)
        response = self.client.post(url, {
            "person-identity_number": "811228-9874", "person-first_name": "Anna", "person-last_name": "Berg",
            "person-gender": "K", "consent-consent_registration": "on",
            "enrollment-method": ["SE", "SED"], "enrollment-coach": self.coach.pk, "enrollment-start_date": "2025-03-01",
            "enrollment-status_at_start": "LONG_TERM_UNEMPLOYED",
        })  # fmt: skip
        enrollment = Enrollment.objects.get(person__last_name="Berg")
        self.assertRedirects(response, enrollment.get_absolute_url())
        self.assertEqual(enrollment.method, "SE+SED")
        self.assertEqual(enrollment.person.consents.get().purpose, "REGISTRATION")

    def test_without_consent_only_birth_year_and_gender_may_be_registered(self):
        self.login(self.coach)
        url = reverse("participants:enroll") + f"?project={self.project.public_id}"
        base = {"person-gender": "M", "enrollment-method": ["IPS"], "enrollment-coach": self.coach.pk,
                "enrollment-start_date": "2025-03-01", "enrollment-status_at_start": "INACTIVE"}  # fmt: skip
        refused = self.client.post(
            url, {**base, "person-first_name": "Bo", "person-birth_year": "1980"}
        )
        self.assertContains(refused, 'role="alert"')
        before = Person.objects.count()
        self.client.post(url, {**base, "person-birth_year": "1980"})
        self.assertEqual(Person.objects.count(), before + 1)

    def test_enroll_page_is_404_for_a_project_the_user_does_not_work_in(self):
        self.login(self.coach)
        response = self.client.get(
            reverse("participants:enroll") + f"?project={self.other_project.public_id}"
        )
        self.assertNotIn(self.other_project, response.context["projects"])

    def test_exit_and_follow_up_pages(self):
        self.login(self.coach)
        response = self.client.post(
            reverse("participants:exit", args=[self.mine.public_id]),
            {"end_date": "2025-06-30", "exit_status": "EMPLOYED", "follow_along": "on"},
        )
        self.assertRedirects(response, self.mine.get_absolute_url())
        follow_up = FollowUp.objects.get(enrollment=self.mine, kind="M6")
        url = reverse(
            "participants:timeline_action",
            args=[self.mine.public_id, "follow_up", follow_up.pk, "record"],
        )
        self.client.post(url, {"done_on": "2026-01-05", "result": "EMPLOYED"})
        self.assertEqual(Enrollment.objects.get(pk=self.mine.pk).status_6m, "EMPLOYED")

    def test_change_of_coach_page(self):
        self.login(self.manager)
        response = self.client.post(
            reverse("participants:change_coach", args=[self.mine.public_id]),
            {"coach": self.coach2.pk, "on": "2025-04-01", "reason": "Sjukskrivning"},
        )
        self.assertRedirects(response, self.mine.get_absolute_url())
        self.assertEqual(Enrollment.objects.get(pk=self.mine.pk).coach, self.coach2)

    def test_the_coach_cannot_change_coach_of_someone_elses_participant(self):
        self.login(self.coach)
        self.assertEqual(
            self.client.get(
                reverse("participants:change_coach", args=[self.theirs.public_id])
            ).status_code,
            404,
        )

    def test_edit_pages(self):
        self.login(self.coach)
        response = self.client.post(reverse("participants:person_edit", args=[self.mine.public_id]),
                                    {"first_name": "Tolvan", "last_name": "Tolvsson", "gender": "M", "birth_year": "1912"})  # fmt: skip
        self.assertRedirects(response, self.mine.get_absolute_url())
        self.assertEqual(Person.objects.get(pk=self.mine.person.pk).last_name, "Tolvsson")
        url = reverse("participants:edit", args=[self.mine.public_id])
        self.assertEqual(self.client.get(url).status_code, 200)
        response = self.client.post(
            url, {"method": ["IPS"], "start_date": "2025-01-15", "status_at_start": "INACTIVE"}
        )
        self.assertRedirects(response, self.mine.get_absolute_url())
        self.assertEqual(Enrollment.objects.get(pk=self.mine.pk).method, "IPS")


class OverviewAndDuplicateTests(ParticipantTestCase):
    def test_the_manager_sees_the_project_overview(self):
        self.login(self.manager)
        response = self.client.get(
            reverse("participants:project_overview", args=[self.project.public_id])
        )
        self.assertEqual(response.context["totals"]["total"], 2)

    def test_coaches_and_outsiders_do_not(self):
        for user in (self.coach, self.outsider, self.funder):
            with self.subTest(user=user.username):
                self.login(user)
                response = self.client.get(
                    reverse("participants:project_overview", args=[self.project.public_id])
                )
                self.assertEqual(response.status_code, 404)

    def test_duplicates_are_listed_and_merged(self):
        twin = factories.person(
            first_name="Tolvan", last_name="Tolvansson", birth_year=1912, gender="M"
        )
        factories.enrollment(project=self.project, person_obj=twin, coach=self.coach)
        self.login(self.manager)
        groups = self.client.get(reverse("participants:duplicates")).context["groups"]
        self.assertEqual([{p.pk for p in g} for g in groups], [{self.mine.person.pk, twin.pk}])
        self.client.post(
            reverse("participants:merge"),
            {"keep": self.mine.person.public_id, "merge": twin.public_id},
        )
        self.assertEqual(Person.objects.get(pk=twin.pk).merged_into, self.mine.person)

    def test_a_coach_may_not_merge(self):
        self.login(self.coach)
        self.assertEqual(self.client.get(reverse("participants:duplicates")).status_code, 403)
