"""The youth test base: ParticipantTestCase's people and caseloads, with a young participant of
coach's (`self.young`, 16 this year, Supported Employment and Education) and their guardian."""

from __future__ import annotations

import datetime

from django.utils import timezone

from stegvis.participants.tests import factories
from stegvis.participants.tests.base import ParticipantTestCase
from stegvis.youth import services


class YouthTestCase(ParticipantTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.this_year = timezone.localdate().year
        cls.young = factories.enrollment(
            project=cls.project, coach=cls.coach, actor=cls.coach, method="SE+SED",
            person_obj=factories.person(first_name="Unga", last_name="Eleven", birth_year=cls.this_year - 16),
            start_date=datetime.date(cls.this_year - 1, 8, 15),
        )  # fmt: skip
        cls.guardian = services.guardian_add(
            actor=cls.coach, enrollment=cls.young, name="Vera Vårdnad", relation="PARENT",
            phone="070-1234567", email="vera@example.se",
        )  # fmt: skip

    def give_consent(
        self, *, school: bool = True, kaa: bool = True, on: datetime.date | None = None
    ):  # noqa: ANN201
        return services.guardian_consent_record(
            actor=self.coach, enrollment=self.young, guardian=self.guardian,
            given_on=on or datetime.date(self.this_year - 1, 8, 15), covers_registration=True,
            covers_school=school, covers_kaa=kaa, young_person_agrees=True,
        )  # fmt: skip
