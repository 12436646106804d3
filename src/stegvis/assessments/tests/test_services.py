"""The services: instruments and their versions, project settings, assessments, links."""

import datetime
from pathlib import Path
from tempfile import TemporaryDirectory

import time_machine
from django.core import mail
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.test import override_settings
from django.utils import timezone

from stegvis.assessments import sending, services, tokens
from stegvis.assessments.models import (
    Assessment,
    AssessmentSource,
    AssessmentStatus,
    Domain,
    Instrument,
    ProjectAssessmentSettings,
    Rater,
    SelfAssessmentLink,
)
from stegvis.assessments.services import DomainSpec
from stegvis.assessments.tests.base import AssessmentTestCase, skapa_ratings
from stegvis.core.models import AuditEvent
from stegvis.participants import services as participant_services

STAR = [
    DomainSpec(code="motivation", name_sv="Motivation", name_en="Motivation",
               items=[("Vill du arbeta?", "Do you want to work?"), ("Varför?", "")]),
    DomainSpec(code="stod", name_sv="Stöd", rated_by="PARTICIPANT"),
]  # fmt: skip


class InstrumentServiceTests(AssessmentTestCase):
    def make_star(self):
        return services.instrument_create(
            actor=self.admin, code=" star ", name_sv="Stjärnan", domains=STAR, scale_max=5,
            scale_labels={"1": {"sv": "Fast", "en": "Stuck"}},
        )  # fmt: skip

    def test_an_instrument_is_added_with_its_first_version_and_audited(self):
        star = self.make_star()
        self.assertEqual(star.code, "STAR")
        version = star.current_version()
        self.assertEqual(version.number, 1)
        self.assertEqual([d.code for d in version.domains.all()], ["motivation", "stod"])
        self.assertEqual(
            [i.text_en for i in version.domains.get(code="motivation").items.all()],
            ["Do you want to work?", ""],
        )
        self.assertEqual(version.label_for(1), "Fast")
        event = AuditEvent.objects.get(action="instrument.created")
        self.assertEqual(event.actor, self.admin)
        self.assertEqual(event.changes["version"], [None, 1])

    def test_an_instrument_needs_domains_with_codes_of_their_own(self):
        with self.assertRaisesMessage(ValidationError, "minst ett område"):
            services.instrument_create(actor=self.admin, code="X", name_sv="X", domains=[])
        with self.assertRaisesMessage(ValidationError, "egen kod"):
            services.instrument_create(
                actor=self.admin, code="X", name_sv="X", domains=[STAR[0], STAR[0]]
            )
        self.assertFalse(Instrument.objects.filter(code="X").exists())

    def test_a_version_without_answers_is_changed_in_place(self):
        star = self.make_star()
        version = services.instrument_version_save(
            actor=self.admin, instrument=star, domains=STAR[:1], scale_min=1, scale_max=7,
            scale_labels={}, rated_by="BOTH",
        )  # fmt: skip
        self.assertEqual(version.number, 1)
        self.assertEqual(star.versions.count(), 1)
        self.assertEqual(version.scale_max, 7)
        self.assertEqual(list(version.domains.values_list("code", flat=True)), ["motivation"])
        event = AuditEvent.objects.get(action="instrument.version_saved")
        self.assertEqual(event.changes["scale"], [[1, 5], [1, 7]])

    def test_changing_a_version_with_answers_makes_the_next_one_and_keeps_old_answers(self):
        assessment = self.record(self.mine, rater=Rater.COACH)
        old_domains = list(self.v1.domains.values_list("pk", "name_sv"))
        version = services.instrument_version_save(
            actor=self.admin, instrument=self.skapa, domains=STAR, scale_min=1, scale_max=10,
            scale_labels={}, rated_by="BOTH",
        )  # fmt: skip
        self.assertEqual(version.number, 2)
        self.assertEqual(self.skapa.current_version(), version)
        self.assertEqual(list(self.v1.domains.values_list("pk", "name_sv")), old_domains)
        assessment.refresh_from_db()
        self.assertEqual(assessment.version, self.v1)
        self.assertEqual(assessment.ratings.count(), 7)
        event = AuditEvent.objects.get(action="instrument.version_saved")
        self.assertEqual(event.changes["version"], [1, 2])

    def test_an_instrument_without_versions_gets_its_first(self):
        bare = Instrument.objects.create(code="BARE", name_sv="Bar")
        version = services.instrument_version_save(
            actor=self.admin, instrument=bare, domains=STAR, scale_min=0, scale_max=4,
            scale_labels={}, rated_by="COACH",
        )  # fmt: skip
        self.assertEqual(version.number, 1)
        self.assertIs(version.rated_by_participant(), False)

    def test_names_change_without_a_new_version(self):
        services.instrument_update(actor=self.admin, instrument=self.skapa, name_en=" SKAPA (EN) ")
        self.skapa.refresh_from_db()
        self.assertEqual(self.skapa.name_en, "SKAPA (EN)")
        self.assertEqual(self.skapa.versions.count(), 1)
        self.assertEqual(AuditEvent.objects.filter(action="instrument.updated").count(), 1)
        services.instrument_update(actor=self.admin, instrument=self.skapa, name_en="SKAPA (EN)")
        self.assertEqual(AuditEvent.objects.filter(action="instrument.updated").count(), 1)
        with self.assertRaises(TypeError):
            services.instrument_update(actor=self.admin, instrument=self.skapa, code="NEW")


class ProjectSettingsServiceTests(AssessmentTestCase):
    def test_the_manager_sets_interval_and_instruments(self):
        found = services.project_assessment_settings_update(
            actor=self.manager, project=self.project, interval_months=6, instruments=[self.skapa]
        )
        self.assertEqual(found.interval_months, 6)
        self.assertEqual(list(found.instruments.all()), [self.skapa])
        event = AuditEvent.objects.get(action="project.assessment_settings_changed")
        self.assertEqual(event.changes["interval_months"], [None, 6])
        services.project_assessment_settings_update(
            actor=self.manager, project=self.project, interval_months=6, instruments=[self.skapa]
        )
        self.assertEqual(
            AuditEvent.objects.filter(action="project.assessment_settings_changed").count(), 1
        )

    def test_the_interval_has_bounds(self):
        with self.assertRaises(ValidationError):
            services.project_assessment_settings_update(
                actor=self.manager, project=self.project, interval_months=0, instruments=[]
            )
        self.assertFalse(ProjectAssessmentSettings.objects.exists())


class AssessmentRecordTests(AssessmentTestCase):
    def test_a_coach_assessment_with_tilltro_is_recorded_and_audited(self):
        assessment = self.record(self.mine, rater=Rater.COACH, value=6, halsa=3)
        self.assertEqual(assessment.status, AssessmentStatus.SUBMITTED)
        self.assertEqual(assessment.instrument, self.skapa)
        self.assertEqual(assessment.entered_by, self.coach)
        values = dict(assessment.ratings.values_list("domain__code", "value"))
        self.assertEqual(values["halsa"], 3)
        self.assertEqual(values["tilltro"], 6)
        event = AuditEvent.objects.get(action="assessment.recorded")
        self.assertEqual(event.person_key, self.mine.person.public_id)
        self.assertEqual(event.changes["halsa"], [None, 3])

    def test_a_self_assessment_has_no_tilltro(self):
        with self.assertRaisesMessage(ValidationError, "tilltro"):
            services.assessment_record(
                actor=self.coach, enrollment=self.mine, version=self.v1, rater=Rater.SELF,
                date=datetime.date(2025, 2, 1), ratings=skapa_ratings(5, tilltro=5),
            )  # fmt: skip

    def test_every_domain_needs_a_value_on_the_scale(self):
        cases = [
            (skapa_ratings(5, halsa=None), "halsa"),
            (skapa_ratings(5, tilltro=5, halsa=11), "halsa"),
            (skapa_ratings(5, tilltro=5, halsa=0), "halsa"),
            (skapa_ratings(5), "tilltro"),
        ]
        for ratings, field in cases:
            with self.subTest(ratings=ratings):
                with self.assertRaises(ValidationError) as caught:
                    services.assessment_record(
                        actor=self.coach, enrollment=self.mine, version=self.v1,
                        rater=Rater.COACH, date=datetime.date(2025, 2, 1), ratings=ratings,
                    )  # fmt: skip
                self.assertIn(field, caught.exception.message_dict)
        self.assertFalse(Assessment.objects.exists())

    def test_the_rater_and_the_date_are_checked(self):
        with self.assertRaises(ValidationError) as caught:
            self.record(self.mine, rater="BOSS")
        self.assertIn("rater", caught.exception.message_dict)
        with self.assertRaises(ValidationError) as caught:
            self.record(self.mine, date=timezone.localdate() + datetime.timedelta(days=1))
        self.assertIn("date", caught.exception.message_dict)

    def test_the_exchange_key_is_unique(self):
        self.record(self.mine, rater=Rater.SELF)
        self.record(self.mine, rater=Rater.COACH)
        with self.assertRaises(ValidationError) as caught:
            self.record(self.mine, rater=Rater.SELF)
        self.assertIn("date", caught.exception.message_dict)
        self.record(self.mine, rater=Rater.SELF, date=datetime.date(2025, 5, 1))
        self.assertEqual(Assessment.objects.count(), 3)

    def test_an_import_names_its_source(self):
        assessment = services.assessment_record(
            actor=None, enrollment=self.mine, version=self.v1, rater=Rater.SELF,
            date=datetime.date(2025, 2, 1), ratings=skapa_ratings(4), source=AssessmentSource.IMPORT,
        )  # fmt: skip
        self.assertEqual(assessment.source, "IMPORT")
        self.assertIsNone(assessment.entered_by)


class AnswerAndSubmitTests(AssessmentTestCase):
    def setUp(self):
        self.link, self.token = services.selfassessment_link_create(
            actor=self.coach, enrollment=self.mine, version=self.v1
        )
        self.draft = self.link.assessment

    def domain(self, code):
        return self.v1.domains.get(code=code)

    def test_answers_are_saved_one_at_a_time_and_changes_audited(self):
        services.assessment_answer(
            actor=None, assessment=self.draft, domain=self.domain("halsa"), value=4
        )
        services.assessment_answer(
            actor=None, assessment=self.draft, domain=self.domain("halsa"), value=4
        )
        services.assessment_answer(
            actor=None, assessment=self.draft, domain=self.domain("halsa"), value=6
        )
        self.assertEqual(self.draft.ratings.get().value, 6)
        events = AuditEvent.objects.filter(action="assessment.answered").order_by("id")
        self.assertEqual([e.changes["halsa"] for e in events], [[None, 4], [4, 6]])
        self.assertTrue(all(e.actor is None for e in events))

    def test_an_answer_must_belong_to_the_draft_and_its_scale(self):
        other = Domain.objects.create(version=self.v1, code="extra", order=99, name_sv="Extra")
        other.version_id = None
        with self.assertRaisesMessage(ValidationError, "ingår inte"):
            services.assessment_answer(actor=None, assessment=self.draft, domain=other, value=4)
        with self.assertRaises(ValidationError):
            services.assessment_answer(
                actor=None, assessment=self.draft, domain=self.domain("halsa"), value=12
            )

    def test_submitting_needs_every_answer_then_dates_the_assessment_and_closes_the_link(self):
        with self.assertRaisesMessage(ValidationError, "Svara på alla frågor först"):
            services.assessment_submit(actor=None, assessment=self.draft, link=self.link)
        for code, value in skapa_ratings(5).items():
            services.assessment_answer(
                actor=None, assessment=self.draft, domain=self.domain(code), value=value
            )
        with time_machine.travel(datetime.datetime(2025, 6, 3, 10, tzinfo=datetime.UTC)):
            services.assessment_submit(actor=None, assessment=self.draft, link=self.link)
        self.draft.refresh_from_db()
        self.link.refresh_from_db()
        self.assertEqual(self.draft.status, AssessmentStatus.SUBMITTED)
        self.assertEqual(self.draft.date, datetime.date(2025, 6, 3))
        self.assertIsNotNone(self.link.used_at)
        with self.assertRaisesMessage(ValidationError, "redan inskickad"):
            services.assessment_submit(actor=None, assessment=self.draft)
        with self.assertRaisesMessage(ValidationError, "redan inskickad"):
            services.assessment_answer(
                actor=None, assessment=self.draft, domain=self.domain("halsa"), value=2
            )

    def test_submitting_without_a_link(self):
        for code, value in skapa_ratings(5).items():
            services.assessment_answer(
                actor=self.coach, assessment=self.draft, domain=self.domain(code), value=value
            )
        services.assessment_submit(actor=self.coach, assessment=self.draft)
        self.link.refresh_from_db()
        self.assertIsNone(self.link.used_at)
        self.assertEqual(
            AuditEvent.objects.get(action="assessment.submitted").changes["link"], [None, None]
        )


class LinkServiceTests(AssessmentTestCase):
    def test_a_link_stores_only_the_hash_of_a_256_bit_token(self):
        link, token = services.selfassessment_link_create(
            actor=self.coach, enrollment=self.mine, version=self.v1
        )
        self.assertGreaterEqual(tokens.TOKEN_BYTES * 8, 128)
        self.assertEqual(len(token), 43)
        self.assertEqual(link.token_hash, tokens.hash_token(token))
        self.assertNotIn(token, str(SelfAssessmentLink.objects.values().get()))
        self.assertFalse(AuditEvent.objects.filter(changes__icontains=token).exists())
        self.assertEqual(link.assessment.rater, Rater.SELF)
        self.assertEqual(link.assessment.status, AssessmentStatus.DRAFT)
        self.assertEqual(link.assessment.source, AssessmentSource.LINK)

    def test_tokens_differ(self):
        found = {services.selfassessment_link_create(actor=self.coach, enrollment=self.mine, version=self.v1)[1]
                 for _ in range(5)}  # fmt: skip
        self.assertEqual(len(found), 5)

    def test_a_new_link_replaces_the_old_and_keeps_the_draft(self):
        first, _token = services.selfassessment_link_create(
            actor=self.coach, enrollment=self.mine, version=self.v1
        )
        second, _token = services.selfassessment_link_create(
            actor=self.coach, enrollment=self.mine, version=self.v1
        )
        first.refresh_from_db()
        self.assertIsNotNone(first.revoked_at)
        self.assertEqual(first.assessment, second.assessment)
        self.assertEqual(Assessment.objects.count(), 1)

    def test_no_link_for_a_participant_who_left_or_answered_today_or_a_coach_only_instrument(self):
        self.record(self.theirs, rater=Rater.SELF, date=timezone.localdate())
        with self.assertRaisesMessage(ValidationError, "redan skickat in en självskattning i dag"):
            services.selfassessment_link_create(
                actor=self.coach2, enrollment=self.theirs, version=self.v1
            )
        coach_only = services.instrument_create(
            actor=self.admin, code="CO", name_sv="Bara coach", domains=STAR[:1], rated_by="COACH"
        )
        with self.assertRaisesMessage(ValidationError, "skattar inte"):
            services.selfassessment_link_create(
                actor=self.coach, enrollment=self.mine, version=coach_only.current_version()
            )
        participant_services.enrollment_exit(
            actor=self.coach,
            enrollment=self.mine,
            end_date=datetime.date(2025, 5, 1),
            exit_status="EMPLOYED",
        )
        with self.assertRaisesMessage(ValidationError, "avslutat"):
            services.selfassessment_link_create(
                actor=self.coach, enrollment=self.mine, version=self.v1
            )

    def test_revoking_is_audited_once(self):
        link, _token = services.selfassessment_link_create(
            actor=self.coach, enrollment=self.mine, version=self.v1
        )
        services.selfassessment_link_revoke(actor=self.coach, link=link)
        services.selfassessment_link_revoke(actor=self.coach, link=link)
        self.assertEqual(AuditEvent.objects.filter(action="selfassessment.link_revoked").count(), 1)

    def test_opening_records_the_first_time(self):
        link, _token = services.selfassessment_link_create(
            actor=self.coach, enrollment=self.mine, version=self.v1
        )
        services.selfassessment_link_opened(link=link)
        first = link.first_opened_at
        services.selfassessment_link_opened(link=link)
        self.assertEqual(link.first_opened_at, first)
        events = AuditEvent.objects.filter(action="selfassessment.opened").order_by("id")
        self.assertEqual([e.changes["first_time"] for e in events], [[None, True], [None, False]])


class SendingTests(AssessmentTestCase):
    def setUp(self):
        person = self.mine.person
        person.email, person.phone = "tolvan@example.se", "070-1234567"
        person.save()
        self.link, self.token = services.selfassessment_link_create(
            actor=self.coach, enrollment=self.mine, version=self.v1
        )
        self.url = f"https://stegvis.example.se/s/{self.token}/"

    def test_sending_by_email_goes_after_commit_and_the_trail_names_only_the_channel(self):
        with self.captureOnCommitCallbacks(execute=True):
            services.selfassessment_link_send(
                actor=self.coach, link=self.link, url=self.url, channel="email"
            )
        self.assertEqual(len(mail.outbox), 1)
        self.assertEqual(mail.outbox[0].to, ["tolvan@example.se"])
        self.assertIn(self.url, mail.outbox[0].body)
        self.assertIn("Hej Tolvan!", mail.outbox[0].body)
        event = AuditEvent.objects.get(action="selfassessment.link_sent")
        self.assertEqual(event.changes, {"channel": [None, "email"]})
        self.assertNotIn("example.se", str(event.changes) + event.object_label)

    def test_sending_by_sms_writes_to_the_development_outbox(self):
        with TemporaryDirectory() as tmp, override_settings(VAR_DIR=Path(tmp)):
            with self.captureOnCommitCallbacks(execute=True):
                services.selfassessment_link_send(
                    actor=self.coach, link=self.link, url=self.url, channel="sms"
                )
            (message,) = (Path(tmp) / "sms-outbox").iterdir()
            self.assertIn("070-1234567", message.read_text())
            self.assertIn(self.url, message.read_text())
            self.assertEqual(message.stat().st_mode & 0o777, 0o600)

    def test_no_recipient_no_sending(self):
        person = self.mine.person
        person.email = ""
        person.save()
        with self.assertRaisesMessage(ValidationError, "ingen adress"):
            services.selfassessment_link_send(
                actor=self.coach, link=self.link, url=self.url, channel="email"
            )

    @override_settings(STEGVIS_SMS_SENDER="")
    def test_an_installation_without_sms(self):
        self.assertEqual(sending.available_channels(), ["email"])
        with self.assertRaises(ImproperlyConfigured):
            sending.sender_for("sms")

    def test_the_sms_interface_must_be_implemented(self):
        with self.assertRaises(NotImplementedError):
            sending.SmsSender().send(to="1", message="x")

    def test_the_message_without_a_first_name(self):
        message = sending.link_message(first_name="", url=self.url, expires_at=self.link.expires_at)
        self.assertTrue(message.startswith("Hej!"))
