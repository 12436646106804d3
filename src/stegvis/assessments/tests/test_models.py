"""The instrument data: SKAPA as shipped, the scale's words in both languages, who rates what."""

import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.utils import translation

from stegvis.assessments.models import Assessment, InstrumentVersion, Rater, Rating
from stegvis.assessments.skapa import DOMAIN_CODES
from stegvis.assessments.tests.base import AssessmentTestCase


class SkapaTests(AssessmentTestCase):
    def test_skapa_ships_with_the_six_exchange_domains_and_tilltro(self):
        domains = list(self.v1.domains.all())
        self.assertEqual(
            [d.code for d in domains],
            [
                "typ_av_arbete",
                "klara_ett_arbete",
                "kompetens",
                "vardag_natverk",
                "samarbetsformaga",
                "halsa",
                "tilltro",
            ],
        )
        self.assertEqual(list(DOMAIN_CODES), [d.code for d in domains[:6]])
        self.assertEqual(
            [d.name_sv for d in domains[:6]],
            [
                "Typ av arbete",
                "Klara ett arbete",
                "Kompetens",
                "Vardag/nätverk",
                "Samarbetsförmåga",
                "Hälsa",
            ],
        )
        self.assertEqual((self.v1.scale_min, self.v1.scale_max, self.v1.rated_by), (1, 10, "BOTH"))
        tilltro = domains[6]
        self.assertEqual((tilltro.rated_by, tilltro.counts_in_sum), ("COACH", False))
        self.assertTrue(all(d.help_sv and d.help_en and d.name_en for d in domains))

    def test_the_participant_answers_six_and_the_coach_seven(self):
        self.assertEqual(len(self.v1.domains_for(Rater.SELF)), 6)
        self.assertEqual(len(self.v1.domains_for(Rater.COACH)), 7)

    def test_texts_follow_the_language(self):
        halsa = self.v1.domains.get(code="halsa")
        self.assertEqual(
            (halsa.name, self.v1.label_for(10), self.v1.label_for(5)),
            ("Hälsa", "Redo för arbete", ""),
        )
        with translation.override("en"):
            self.assertEqual((halsa.name, self.v1.label_for(1)), ("Health", "Far from work"))
            self.assertIn("body and mind", halsa.help)
            self.assertIn("rating of progression", self.skapa.name)
            self.assertIn("six domains", self.skapa.description)
        self.assertEqual(str(self.skapa), "SKAPA")
        self.assertEqual(str(self.v1), "SKAPA v1")
        self.assertEqual(str(halsa), "halsa")


class ConstraintTests(AssessmentTestCase):
    def test_a_scale_runs_upward(self):
        with self.assertRaises(IntegrityError):
            InstrumentVersion.objects.create(
                instrument=self.skapa, number=9, scale_min=5, scale_max=5
            )

    def test_a_rating_is_checked_against_the_scale(self):
        assessment = self.record(self.mine, rater=Rater.COACH)
        rating = Rating(assessment=assessment, domain=self.v1.domains.get(code="halsa"), value=11)
        with self.assertRaises(ValidationError):
            rating.clean()
        self.assertEqual(str(assessment.ratings.first())[-2:], "=5")

    def test_a_submitted_assessment_has_its_time(self):
        with self.assertRaises(IntegrityError):
            Assessment.objects.create(
                enrollment=self.mine, instrument=self.skapa, version=self.v1, date=datetime.date(2025, 2, 1),
                rater=Rater.SELF, status="SUBMITTED",
            )  # fmt: skip
