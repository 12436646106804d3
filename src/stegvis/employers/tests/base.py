"""The employers' test base: ParticipantTestCase's people and caseloads, with an employer in the
register of the project's organisation, an opening, and a vocational profile for coach's
participant (`self.mine`).

`self.employer` is in `org`'s register (the owner of `project`); `self.other_employer` is in
`other_org`'s (the owner of `other_project`), which only outsider and admin may see.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from stegvis.employers import services
from stegvis.participants.tests.base import ParticipantTestCase


class EmployerTestCase(ParticipantTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.employer, _created = services.employer_register(
            actor=cls.coach, organisation=cls.org, name="Lagerhuset AB", org_number="5560160680",
            sector="PRIVATE", industry="Logistik", municipality_code="2482",
        )  # fmt: skip
        cls.other_employer, _created = services.employer_register(
            actor=cls.outsider, organisation=cls.other_org, name="Södra Bageriet AB"
        )
        cls.opening = services.opening_create(
            actor=cls.coach, employer=cls.employer, project=cls.project, title="Lagerarbetare",
            ssyk="4321", hours_per_week=Decimal(20), municipality_code="2482",
            requirements="Truckkort", driving_licence_required=False,
        )  # fmt: skip
        cls.other_opening = services.opening_create(
            actor=cls.outsider, employer=cls.other_employer, project=cls.other_project,
            title="Bagare",
        )  # fmt: skip
        cls.profile = services.profile_save(
            actor=cls.coach, enrollment=cls.mine, wanted_occupation="Jobba på lager",
            ssyk="4321", hours_per_week=Decimal(20), municipalities="2482", driving_licence=False,
            skills="Truckkort A och B", not_wanted="Nattarbete",
        )  # fmt: skip
        cls.day = datetime.date(2025, 6, 2)
