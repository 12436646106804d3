"""The assessments' test base: ParticipantTestCase's people and caseloads, with SKAPA at hand.

`self.skapa` is the SKAPA instrument of the data migration and `self.v1` its first version.
"""

from __future__ import annotations

import datetime

from stegvis.assessments import services
from stegvis.assessments.models import Instrument, Rater
from stegvis.assessments.skapa import DOMAIN_CODES
from stegvis.participants.tests.base import ParticipantTestCase


def skapa_ratings(value: int = 5, *, tilltro: int | None = None, **overrides: int) -> dict:
    ratings = dict.fromkeys(DOMAIN_CODES, value)
    ratings.update(overrides)
    if tilltro is not None:
        ratings["tilltro"] = tilltro
    return ratings


class AssessmentTestCase(ParticipantTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.skapa = Instrument.objects.get(code="SKAPA")
        cls.v1 = cls.skapa.current_version()

    def record(self, enrollment, *, rater=Rater.SELF, date=datetime.date(2025, 2, 1), value=5,
               actor=None, **overrides):  # fmt: skip
        ratings = skapa_ratings(value, tilltro=value if rater == Rater.COACH else None, **overrides)
        return services.assessment_record(
            actor=actor or self.coach, enrollment=enrollment, version=self.v1, rater=rater,
            date=date, ratings=ratings,
        )  # fmt: skip
