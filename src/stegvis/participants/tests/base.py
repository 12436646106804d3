"""The participants' test base: the named people of core.testing, with a caseload each."""

from __future__ import annotations

import datetime

from stegvis.core.permissions import Role
from stegvis.core.testing import BaseTestCase
from stegvis.participants import services
from stegvis.participants.tests import factories
from stegvis.projects import services as project_services


class ParticipantTestCase(BaseTestCase):
    """`self.mine` is coach's participant in `project`; `self.theirs` is coach2's participant in the
    same project; `self.elsewhere` is in `other_project` (outsider's)."""

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        project_services.project_staff_add(
            actor=cls.manager, project=cls.project, user=cls.coach2, role=Role.COACH
        )
        cls.outsider_coach = cls.outsider
        cls.mine = factories.enrollment(project=cls.project, coach=cls.coach, actor=cls.coach,
                                        person_obj=factories.person(identity_number="19121212-1212", first_name="Tolvan", last_name="Tolvansson"))  # fmt: skip
        cls.theirs = factories.enrollment(project=cls.project, coach=cls.coach2, actor=cls.coach2)
        cls.elsewhere = factories.enrollment(
            project=cls.other_project, coach=None, actor=cls.outsider
        )
        cls.group = services.referral_group_create(
            actor=cls.manager, project=cls.project, name="Remittentgrupp Norr"
        )
        services.referral_group_member_add(actor=cls.manager, group=cls.group, user=cls.referral)
        cls.today = datetime.date(2025, 6, 2)
