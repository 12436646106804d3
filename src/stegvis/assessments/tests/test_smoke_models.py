from stegvis.assessments.models import Assessment, AssessmentStatus, Rater
from stegvis.assessments.skapa import DOMAIN_CODES
from stegvis.assessments.tests.base import AssessmentTestCase


class SkapaMigrationTests(AssessmentTestCase):
    def test_skapa_ships_with_the_six_exchange_domains_and_tilltro(self):
        domains = list(self.v1.domains.all())
        self.assertEqual([d.code for d in domains], [*DOMAIN_CODES, "tilltro"])
        self.assertEqual((self.v1.scale_min, self.v1.scale_max), (1, 10))
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
        self.assertIs(domains[6].counts_in_sum, False)

    def test_recording_an_assessment(self):
        assessment = self.record(self.mine, rater=Rater.COACH)
        self.assertEqual(assessment.status, AssessmentStatus.SUBMITTED)
        self.assertEqual(assessment.ratings.count(), 7)
        self.assertEqual(Assessment.objects.count(), 1)
