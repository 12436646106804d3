"""The staff pages: a participant's assessments, the coach's rating, links, the participant page's
comparison, the project settings and the instruments; each for the roles that may and may not."""

import datetime
import re
from pathlib import Path
from tempfile import TemporaryDirectory

from django.core import mail
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from stegvis.assessments import services
from stegvis.assessments.models import Assessment, Instrument, Rater, SelfAssessmentLink
from stegvis.assessments.skapa import DOMAIN_CODES
from stegvis.assessments.tests.base import AssessmentTestCase
from stegvis.core.models import AuditEvent


def rating_post(value=5, *, rater="COACH", date="2025-05-02", **overrides):
    data = {"rater": rater, "date": date, **dict.fromkeys(DOMAIN_CODES, value), "tilltro": value}
    data.update(overrides)
    return data


class ParticipantAssessmentsPageTests(AssessmentTestCase):
    def url(self, enrollment):
        return reverse("assessments:participant", args=[enrollment.public_id])

    def test_the_coach_sees_history_and_comparison(self):
        self.record(self.mine, rater=Rater.SELF, date=datetime.date(2025, 2, 1), value=3)
        self.record(self.mine, rater=Rater.COACH, date=datetime.date(2025, 2, 3), value=5, halsa=6)
        self.record(self.mine, rater=Rater.SELF, date=datetime.date(2025, 5, 1), value=4, halsa=8)
        self.login(self.coach)
        response = self.client.get(self.url(self.mine))
        self.assertContains(response, "Deltagaren och coachen bredvid varandra")
        (table,) = response.context["tables"]
        self.assertEqual([row["sum"] for row in table.rows], [18, 31, 28])
        self.assertEqual(table.rows[1]["values"][-1], 5)  # tilltro, not in the sum
        self.assertContains(response, "Deltagaren 2 högre")
        self.assertContains(response, "prata om det")
        self.assertTrue(
            AuditEvent.objects.filter(action="assessments.viewed", actor=self.coach).exists()
        )

    def test_others_get_404_and_evaluators_and_funders_see_no_individuals(self):
        for user in (self.coach2, self.outsider, self.evaluator, self.funder, self.referral):
            with self.subTest(user=user.username):
                self.login(user)
                self.assertEqual(self.client.get(self.url(self.mine)).status_code, 404)

    def test_the_participant_page_shows_the_panel(self):
        self.record(self.mine, rater=Rater.SELF, value=3)
        self.record(self.mine, rater=Rater.COACH, value=6)
        self.login(self.coach)
        response = self.client.get(reverse("participants:detail", args=[self.mine.public_id]))
        self.assertContains(response, "Närmare arbete")
        self.assertContains(response, "Coachen 3 högre", count=6)
        self.assertContains(response, self.url(self.mine))
        self.assertContains(response, "Nästa skattning")


class RateTests(AssessmentTestCase):
    def setUp(self):
        self.url = reverse("assessments:rate", args=[self.mine.public_id])
        self.login(self.coach)

    def test_the_form_shows_every_domain_and_tilltro(self):
        response = self.client.get(self.url)
        self.assertContains(response, "Typ av arbete")
        self.assertContains(response, "Tilltro")
        self.assertContains(response, 'name="halsa"', count=10)

    def test_the_coach_rates_and_the_assessment_is_saved(self):
        response = self.client.post(self.url, rating_post(6, halsa=4, tilltro=8))
        self.assertRedirects(
            response, reverse("assessments:participant", args=[self.mine.public_id])
        )
        assessment = Assessment.objects.get()
        self.assertEqual(assessment.rater, Rater.COACH)
        self.assertEqual(assessment.date, datetime.date(2025, 5, 2))
        self.assertEqual(
            dict(assessment.ratings.values_list("domain__code", "value"))["tilltro"], 8
        )

    def test_a_paper_self_assessment_leaves_out_tilltro(self):
        self.client.post(self.url, rating_post(6, rater="SELF"))
        assessment = Assessment.objects.get()
        self.assertEqual(assessment.rater, Rater.SELF)
        self.assertEqual(assessment.ratings.count(), 6)

    def test_a_missing_rating_is_shown_by_its_domain(self):
        response = self.client.post(self.url, rating_post(6, tilltro=""))
        self.assertContains(response, "Välj ett värde.", status_code=400)
        self.assertContains(response, "Tilltro", status_code=400)
        self.assertFalse(Assessment.objects.exists())

    def test_only_those_who_may_edit_the_participant_rate(self):
        for user in (self.coach2, self.evaluator, self.funder):
            with self.subTest(user=user.username):
                self.login(user)
                self.assertEqual(self.client.post(self.url, rating_post()).status_code, 404)
        self.assertFalse(Assessment.objects.exists())


class LinkViewTests(AssessmentTestCase):
    def setUp(self):
        self.url = reverse("assessments:link_create", args=[self.mine.public_id])
        self.login(self.coach)

    def test_the_coach_makes_a_link_shown_with_a_qr_code(self):
        response = self.client.post(self.url, {"channel": "show"})
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response["Cache-Control"], "no-store")
        url = response.context["url"]
        self.assertRegex(url, r"^http://testserver/s/[A-Za-z0-9_-]{43}/$")
        self.assertContains(response, url)
        self.assertContains(response, 'src="data:image/svg+xml')
        self.assertNotContains(response, "style=")
        self.client.logout()
        opened = self.client.get(url.removeprefix("http://testserver"), follow=True)
        self.assertContains(opened, "Hej Tolvan!")

    def test_sending_by_email(self):
        person = self.mine.person
        person.email = "tolvan@example.se"
        person.save()
        page = self.client.get(reverse("assessments:participant", args=[self.mine.public_id]))
        self.assertContains(page, 'value="email"')
        self.assertNotContains(page, 'value="sms"')
        with self.captureOnCommitCallbacks(execute=True):
            response = self.client.post(self.url, {"channel": "email"})
        self.assertRedirects(
            response, reverse("assessments:participant", args=[self.mine.public_id])
        )
        self.assertEqual(len(mail.outbox), 1)
        self.assertRegex(mail.outbox[0].body, r"http://testserver/s/[A-Za-z0-9_-]{43}/")

    def test_sending_by_sms(self):
        person = self.mine.person
        person.phone = "0701234567"
        person.save()
        with TemporaryDirectory() as tmp, override_settings(VAR_DIR=Path(tmp)):
            with self.captureOnCommitCallbacks(execute=True):
                self.client.post(self.url, {"channel": "sms"})
            self.assertEqual(len(list((Path(tmp) / "sms-outbox").iterdir())), 1)

    def test_a_channel_without_a_recipient_is_refused(self):
        response = self.client.post(self.url, {"channel": "email"})
        self.assertEqual(response.status_code, 400)
        self.assertFalse(SelfAssessmentLink.objects.exists())

    def test_a_refused_link_is_explained(self):
        self.record(self.mine, rater=Rater.SELF, date=timezone.localdate())
        response = self.client.post(self.url, {"channel": "show"}, follow=True)
        self.assertContains(response, "redan skickat in en självskattning i dag")

    def test_stopping_a_link(self):
        link, token = services.selfassessment_link_create(
            actor=self.coach, enrollment=self.mine, version=self.v1
        )
        page = self.client.get(reverse("assessments:participant", args=[self.mine.public_id]))
        self.assertContains(page, "Stoppa länken")
        self.assertNotContains(page, token)
        url = reverse("assessments:link_revoke", args=[self.mine.public_id, link.pk])
        self.client.post(url)
        link.refresh_from_db()
        self.assertIsNotNone(link.revoked_at)
        self.login(self.coach2)
        self.assertEqual(self.client.post(url).status_code, 404)

    def test_others_cannot_make_links(self):
        self.login(self.coach2)
        self.assertEqual(self.client.post(self.url, {"channel": "show"}).status_code, 404)
        self.assertFalse(SelfAssessmentLink.objects.exists())


class ProjectPagesTests(AssessmentTestCase):
    def test_the_manager_changes_the_settings(self):
        url = reverse("assessments:project_settings", args=[self.project.public_id])
        self.login(self.manager)
        page = self.client.get(url)
        self.assertContains(page, "Månader mellan skattningarna")
        response = self.client.post(url, {"interval_months": "6", "instruments": [self.skapa.pk]})
        self.assertRedirects(
            response, reverse("participants:project_overview", args=[self.project.public_id])
        )
        self.assertEqual(self.project.assessment_settings.interval_months, 6)
        overview = self.client.get(
            reverse("participants:project_overview", args=[self.project.public_id])
        )
        self.assertContains(overview, "Månader mellan skattningarna: 6.")
        for user in (self.coach, self.outsider, self.funder):
            with self.subTest(user=user.username):
                self.login(user)
                self.assertEqual(self.client.get(url).status_code, 404)

    def test_the_overview_lists_overdue_assessments(self):
        self.login(self.manager)
        response = self.client.get(
            reverse("participants:project_overview", args=[self.project.public_id])
        )
        self.assertContains(response, "Skattningar att göra")
        schedule = response.context["schedule"]
        self.assertEqual(schedule.overdue_count, 2)  # both started 2025-01-15, none assessed
        self.assertContains(response, "försenad", count=2)


class InstrumentPagesTests(AssessmentTestCase):
    def test_only_administrators_reach_the_instruments(self):
        self.login(self.admin)
        self.assertContains(self.client.get(reverse("assessments:instrument_list")), "SKAPA")
        self.assertContains(
            self.client.get(reverse("assessments:instrument_detail", args=[self.skapa.public_id])),
            "Samarbetsförmåga",
        )
        for user in (self.manager, self.coach):
            with self.subTest(user=user.username):
                self.login(user)
                self.assertEqual(
                    self.client.get(reverse("assessments:instrument_list")).status_code, 403
                )
                self.assertEqual(
                    self.client.get(reverse("assessments:instrument_create")).status_code, 403
                )
                self.assertEqual(
                    self.client.get(
                        reverse("assessments:instrument_detail", args=[self.skapa.public_id])
                    ).status_code,
                    404,
                )

    def formset(self, rows, initial=0):
        data = {"domains-TOTAL_FORMS": str(len(rows)), "domains-INITIAL_FORMS": str(initial)}
        for n, row in enumerate(rows):
            data.update({f"domains-{n}-{k}": v for k, v in row.items()})
        return data

    def test_an_administrator_adds_an_instrument(self):
        self.login(self.admin)
        data = {
            "instrument-code": "WORKSTAR", "instrument-name_sv": "Arbetsstjärnan", "instrument-name_en": "Work star",
            "version-scale_min": "1", "version-scale_max": "5", "version-rated_by": "BOTH",
            "version-steps": "1: Fast | Stuck\n5: Självständig | Self-reliant",
            **self.formset([
                {"code": "motivation", "name_sv": "Motivation", "rated_by": "BOTH", "counts_in_sum": "on",
                 "items_sv": "Vill du arbeta?\nVarför?", "items_en": "Do you want to work?"},
                {"code": "", "name_sv": "", "rated_by": "BOTH"},
            ]),
        }  # fmt: skip
        response = self.client.post(reverse("assessments:instrument_create"), data)
        star = Instrument.objects.get(code="WORKSTAR")
        self.assertRedirects(
            response, reverse("assessments:instrument_detail", args=[star.public_id])
        )
        version = star.current_version()
        self.assertEqual(version.scale_labels["5"], {"sv": "Självständig", "en": "Self-reliant"})
        self.assertEqual(version.domains.get().items.count(), 2)

    def test_bad_steps_and_scales_are_explained(self):
        self.login(self.admin)
        data = {
            "instrument-code": "X1", "instrument-name_sv": "X", "version-scale_min": "5", "version-scale_max": "5",
            "version-rated_by": "BOTH", "version-steps": "fel rad",
            **self.formset([{"code": "a", "name_sv": "", "rated_by": "BOTH"}, {"code": "", "name_sv": "B", "rated_by": "BOTH"}]),
        }  # fmt: skip
        response = self.client.post(reverse("assessments:instrument_create"), data)
        self.assertContains(response, "Rad 1 har inte formen")
        self.assertContains(response, "Det högsta värdet måste vara större")
        self.assertContains(response, "Ge området ett namn.")
        self.assertContains(response, "Ge området en kod.")
        data.update(
            {
                "version-scale_min": "1",
                "version-steps": "",
                **self.formset([{"code": "", "rated_by": "BOTH"}]),
            }
        )
        response = self.client.post(reverse("assessments:instrument_create"), data)
        self.assertContains(response, "minst ett område")

    def test_changing_skapa_with_answers_makes_version_2(self):
        self.record(self.mine, rater=Rater.COACH)
        self.login(self.admin)
        url = reverse("assessments:instrument_version", args=[self.skapa.public_id])
        page = self.client.get(url)
        self.assertContains(page, "sparas som version 2")
        initial = page.context["formset"].initial
        rows = [
            {k: ("on" if v is True else v) for k, v in row.items() if v is not False}
            for row in initial
        ]
        rows[0]["help_sv"] = "Vilket arbete vill du ha?"
        data = {"version-scale_min": "1", "version-scale_max": "10", "version-rated_by": "BOTH",
                "version-steps": page.context["version_form"].initial["steps"], **self.formset(rows, len(rows))}  # fmt: skip
        response = self.client.post(url, data, follow=True)
        self.assertContains(response, "Sparat som version 2")
        self.assertEqual(self.skapa.versions.count(), 2)
        self.assertEqual(self.v1.domains.get(code="typ_av_arbete").help_sv[:4], "Vet ")
        self.assertEqual(self.skapa.current_version().domains.count(), 7)
        # Version 2 has no answers yet: another change rewrites it.
        response = self.client.post(url, data, follow=True)
        self.assertContains(response, "Version 2 är ändrad")

    def test_names_are_changed_on_the_detail_page(self):
        self.login(self.admin)
        url = reverse("assessments:instrument_detail", args=[self.skapa.public_id])
        response = self.client.post(
            url,
            {"name_sv": "SKAPA", "name_en": "SKAPA", "description_sv": "", "description_en": ""},
        )
        self.assertRedirects(response, url)
        self.skapa.refresh_from_db()
        self.assertEqual(self.skapa.name_sv, "SKAPA")
        self.assertEqual(self.skapa.versions.count(), 1)


class CaseloadTests(AssessmentTestCase):
    def test_the_caseload_shows_the_next_assessment_without_a_query_per_row(self):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        from stegvis.participants.tests import factories

        self.login(self.manager)
        url = reverse("participants:caseload")
        # The last assessment and the project's interval are two subqueries inside the page's one
        # query (and its count), so the count stays what the participants app needs for the page.
        with CaptureQueriesContext(connection) as before:
            response = self.client.get(url)
        self.assertContains(response, "Nästa skattning")
        self.assertIn("assessments_assessment", before.captured_queries[-1]["sql"])
        for n in range(12):
            enrollment = factories.enrollment(project=self.project, coach=self.coach)
            self.record(
                enrollment,
                rater=Rater.SELF,
                date=datetime.date(2025, 2, 1) + datetime.timedelta(days=n),
            )
        with self.assertNumQueries(len(before.captured_queries)):
            response = self.client.get(url)
        self.assertEqual(len(re.findall(r"2025-05-\d\d", response.content.decode())), 12)


class PanelQueryTests(AssessmentTestCase):
    def test_the_panel_costs_the_same_queries_however_long_the_history(self):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        self.login(self.coach)
        url = reverse("participants:detail", args=[self.mine.public_id])
        self.record(self.mine, rater=Rater.SELF, date=datetime.date(2025, 1, 20))
        with CaptureQueriesContext(connection) as one:
            self.client.get(url)
        for month in range(2, 12):
            self.record(self.mine, rater=Rater.SELF, date=datetime.date(2025, month, 20))
            self.record(self.mine, rater=Rater.COACH, date=datetime.date(2025, month, 21))
        # The panel: the open draft (none here), the history with its ratings, domains and
        # versions (prefetched), and the next due date.
        with self.assertNumQueries(len(one.captured_queries)):
            response = self.client.get(url)
        self.assertEqual(len(response.context["enrollment"].assessments.all()), 21)
