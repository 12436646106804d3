"""The coordination tests' base: a one way in run by `project` (its manager coordinates it)."""

from __future__ import annotations

from django.utils import translation

from stegvis.coordination import services
from stegvis.participants.tests.base import ParticipantTestCase


class CoordinationTestCase(ParticipantTestCase):
    def setUp(self) -> None:
        super().setUp()
        # Messages are asserted in English (the source language); pages are tested in Swedish.
        self.enterContext(translation.override("en"))

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.desk = services.desk_save(
            actor=cls.manager, project=cls.project, name="En väg in Norr", area="Norrby"
        )

    def register(self, **values):  # noqa: ANN003,ANN201
        data = {
            "actor": self.referral,
            "desk": self.desk,
            "source": "KAA",
            "first_name": "Alva",
            "last_name": "Ung",
            "birth_year": 2007,
            "gender": "K",
            "phone": "070-1234567",
            "need": "Vill komma tillbaka till studier.",
            "consent_registration": True,
            "consent_feedback": True,
            "registered_by_organisation": self.partner_org,
        }
        data.update(values)
        return services.intake_register(**data)
