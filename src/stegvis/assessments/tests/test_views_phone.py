"""The participant's pages on the phone: open, answer one question per page, reload, summary,
submit; and the clear pages for links that do not work."""

import datetime
import re

import time_machine
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from stegvis.assessments import services
from stegvis.assessments.models import Assessment, AssessmentStatus, Rating
from stegvis.assessments.skapa import DOMAIN_CODES
from stegvis.assessments.tests.base import AssessmentTestCase
from stegvis.core.models import AuditEvent


class PhoneTestCase(AssessmentTestCase):
    def setUp(self):
        self.link, self.token = services.selfassessment_link_create(
            actor=self.coach, enrollment=self.mine, version=self.v1
        )
        self.url = reverse("selfassessment:open", args=[self.token])

    def answer(self, number, value, **extra):
        return self.client.post(
            reverse("selfassessment:question", args=[number]), {"value": value, **extra}
        )


class PhoneFlowTests(PhoneTestCase):
    def test_the_link_opens_the_start_page_with_the_first_name_only(self):
        response = self.client.get(self.url, follow=True)
        self.assertRedirects(response, reverse("selfassessment:start"))
        self.assertContains(response, "Hej Tolvan!")
        self.assertNotContains(response, "Tolvansson")
        self.assertNotContains(response, "1212")
        self.assertContains(response, "6 frågor")
        self.assertContains(response, "1 = Långt från arbete")

    def test_the_token_is_not_repeated_in_later_addresses(self):
        response = self.client.get(self.url, follow=True)
        self.assertNotIn(self.token, response.content.decode())

    def test_opening_is_audited_without_an_actor(self):
        self.client.get(self.url)
        event = AuditEvent.objects.get(action="selfassessment.opened")
        self.assertIsNone(event.actor)
        self.assertEqual(event.person_key, self.mine.person.public_id)
        self.assertEqual(event.object_id, str(self.link.pk))

    def test_a_whole_self_assessment_with_a_reload_half_way(self):
        self.client.get(self.url)
        response = self.client.get(reverse("selfassessment:question", args=[1]))
        self.assertContains(response, "Fråga 1 av 6")
        self.assertContains(response, "Typ av arbete")
        self.assertContains(response, 'max="6" value="1"')
        for number, value in ((1, 3), (2, 4), (3, 5)):
            response = self.answer(number, value, next="")
            self.assertRedirects(response, reverse("selfassessment:question", args=[number + 1]))
        # A reload (or a new visit later) shows what was saved.
        response = self.client.get(reverse("selfassessment:question", args=[2]))
        self.assertContains(response, "Sparat: 4.")
        self.assertRegex(response.content.decode(), r'value="4"[^>]*checked')
        start = self.client.get(reverse("selfassessment:start"))
        self.assertContains(start, "Du har svarat på 3 av 6.")
        self.assertContains(start, reverse("selfassessment:question", args=[4]))
        for number, value in ((4, 6), (5, 7), (6, 8)):
            response = self.answer(number, value, next="")
        self.assertRedirects(response, reverse("selfassessment:summary"))
        summary = self.client.get(reverse("selfassessment:summary"))
        self.assertContains(summary, "6 av 6 besvarade")
        self.assertContains(summary, "Skicka mina svar")
        done = self.client.post(reverse("selfassessment:submit"))
        self.assertContains(done, "Tack, Tolvan!")
        assessment = Assessment.objects.get(pk=self.link.assessment_id)
        self.assertEqual(assessment.status, AssessmentStatus.SUBMITTED)
        self.assertEqual(assessment.date, timezone.localdate())
        self.assertEqual(
            {r.domain.code: r.value for r in assessment.ratings.select_related("domain")},
            dict(zip(DOMAIN_CODES, [3, 4, 5, 6, 7, 8], strict=True)),
        )
        submitted = AuditEvent.objects.get(action="assessment.submitted")
        self.assertIsNone(submitted.actor)
        # The used link now gets the clear page, and the session no longer works either.
        again = self.client.get(self.url)
        self.assertEqual(again.status_code, 410)
        self.assertContains(again, "redan skickats", status_code=410)
        self.assertNotContains(again, "Tolvan", status_code=410)
        self.assertEqual(self.client.get(reverse("selfassessment:start")).status_code, 404)

    def test_changing_an_answer_keeps_one_rating(self):
        self.client.get(self.url)
        self.answer(1, 3, next="")
        self.answer(1, 9, next="")
        self.assertEqual(Rating.objects.get(assessment=self.link.assessment).value, 9)
        self.assertEqual(AuditEvent.objects.filter(action="assessment.answered").count(), 2)

    def test_going_on_without_an_answer_asks_for_one(self):
        self.client.get(self.url)
        response = self.client.post(reverse("selfassessment:question", args=[1]), {"next": ""})
        self.assertContains(response, "Välj en siffra", status_code=400)

    def test_going_back_saves_and_needs_no_answer(self):
        self.client.get(self.url)
        response = self.client.post(reverse("selfassessment:question", args=[2]), {"back": ""})
        self.assertRedirects(response, reverse("selfassessment:question", args=[1]))
        response = self.answer(1, 2, back="")
        self.assertRedirects(response, reverse("selfassessment:start"))
        self.assertEqual(Rating.objects.get(assessment=self.link.assessment).value, 2)

    def test_an_answer_outside_the_scale_is_refused(self):
        self.client.get(self.url)
        response = self.answer(1, 11, next="")
        self.assertEqual(response.status_code, 400)
        self.assertFalse(Rating.objects.exists())

    def test_a_question_number_out_of_range_goes_to_the_start(self):
        self.client.get(self.url)
        response = self.client.get(reverse("selfassessment:question", args=[7]))
        self.assertRedirects(response, reverse("selfassessment:start"))

    def test_the_summary_lists_what_is_missing_and_submitting_early_is_refused(self):
        self.client.get(self.url)
        self.answer(1, 5, next="")
        summary = self.client.get(reverse("selfassessment:summary"))
        self.assertContains(summary, "Inte besvarad", count=5)
        self.assertNotContains(summary, "Skicka mina svar")
        response = self.client.post(reverse("selfassessment:submit"))
        self.assertContains(response, "Svara på alla frågor först", status_code=400)
        self.assertEqual(Assessment.objects.get().status, AssessmentStatus.DRAFT)

    def test_the_start_page_leads_to_the_summary_when_all_is_answered(self):
        self.client.get(self.url)
        for number in range(1, 7):
            self.answer(number, 5, next="")
        start = self.client.get(reverse("selfassessment:start"))
        self.assertContains(start, reverse("selfassessment:summary"))

    def test_the_pages_are_in_english_on_request(self):
        self.client.get(self.url)
        self.client.post(reverse("set_language"), {"language": "en", "next": "/s/"})
        response = self.client.get(reverse("selfassessment:question", args=[1]))
        self.assertContains(response, "Question 1 of 6")
        self.assertContains(response, "Kind of work")
        self.assertContains(response, "1 = Far from work")

    def test_a_person_with_protected_personal_data_is_not_named(self):
        person = self.mine.person
        person.protected_identity = True
        person.save()
        response = self.client.get(self.url, follow=True)
        self.assertContains(response, "Hej!")
        self.assertNotContains(response, "Tolvan")

    def test_pages_are_not_cached_and_not_indexed(self):
        response = self.client.get(self.url, follow=True)
        self.assertIn("no-store", response["Cache-Control"])
        self.assertContains(response, 'name="robots" content="noindex, nofollow"')


class BrokenLinkTests(PhoneTestCase):
    def test_a_forged_token_gets_404_and_no_data(self):
        for token in ("x" * 43, "kort", self.token[:-1] + ("A" if self.token[-1] != "A" else "B")):
            with self.subTest(token=token):
                response = self.client.get(reverse("selfassessment:open", args=[token]))
                self.assertContains(response, "Länken fungerar inte", status_code=404)
                self.assertNotContains(response, "Tolvan", status_code=404)
        self.assertFalse(AuditEvent.objects.filter(action="selfassessment.opened").exists())

    def test_an_expired_link_gets_410(self):
        with time_machine.travel(timezone.now() + datetime.timedelta(days=14, minutes=1)):
            response = self.client.get(self.url)
        self.assertContains(response, "slutat gälla", status_code=410)
        self.assertNotContains(response, "Tolvan", status_code=410)

    def test_a_link_expiring_while_answering_stops_the_session(self):
        self.client.get(self.url)
        type(self.link).objects.filter(pk=self.link.pk).update(
            expires_at=timezone.now() + datetime.timedelta(minutes=1)
        )
        with time_machine.travel(timezone.now() + datetime.timedelta(minutes=2)):
            response = self.answer(1, 5, next="")
        self.assertEqual(response.status_code, 410)
        self.assertFalse(Rating.objects.exists())

    def test_a_replaced_link_gets_410_and_the_answers_carry_over(self):
        self.client.get(self.url)
        self.answer(1, 4, next="")
        _newer, token = services.selfassessment_link_create(
            actor=self.coach, enrollment=self.mine, version=self.v1
        )
        response = self.client.get(reverse("selfassessment:start"))
        self.assertContains(response, "nyare länk", status_code=410)
        self.client.get(reverse("selfassessment:open", args=[token]))
        self.assertContains(self.client.get(reverse("selfassessment:start")), "1 av 6")

    def test_pages_without_an_opened_link_get_404(self):
        for name in ("selfassessment:start", "selfassessment:summary"):
            with self.subTest(page=name):
                self.assertEqual(self.client.get(reverse(name)).status_code, 404)
        self.assertEqual(self.client.post(reverse("selfassessment:submit")).status_code, 404)

    @override_settings(STEGVIS_SELFASSESSMENT_LINK_DAYS=2)
    def test_the_lifetime_is_a_setting(self):
        link, _token = services.selfassessment_link_create(
            actor=self.coach, enrollment=self.mine, version=self.v1
        )
        self.assertAlmostEqual(
            (link.expires_at - timezone.now()).total_seconds(), 2 * 86400, delta=60
        )

    def test_one_link_reaches_only_its_own_participant(self):
        other, other_token = services.selfassessment_link_create(
            actor=self.coach2, enrollment=self.theirs, version=self.v1
        )
        self.client.get(self.url)
        self.answer(1, 7, next="")
        self.assertEqual(Rating.objects.get().assessment.enrollment, self.mine)
        self.assertFalse(other.assessment.ratings.exists())
        # The session names the link by id and token hash: another link's id alone opens nothing.
        session = self.client.session
        session["stegvis_selfassessment"] = {"link": other.pk, "hash": self.link.token_hash}
        session.save()
        self.assertEqual(self.client.get(reverse("selfassessment:start")).status_code, 404)
        self.assertTrue(re.fullmatch(r"[A-Za-z0-9_-]{43}", other_token))
