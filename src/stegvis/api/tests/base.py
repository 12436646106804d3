"""The API's test base: the employers' people and data (a caseload each, an employer, an opening,
a vocational profile), a referral, a contact, and a token for every role."""

from __future__ import annotations

from typing import Any

from stegvis.api import services
from stegvis.employers.tests.base import EmployerTestCase
from stegvis.participants import services as participant_services
from stegvis.participants.tests import factories


class ApiTestCase(EmployerTestCase):
    ROLES = ("admin", "manager", "coach", "coach2", "referral", "evaluator", "funder", "outsider",
             "no_role")  # fmt: skip

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.referral_obj = participant_services.referral_submit(
            actor=cls.referral, group=cls.group, person=factories.person(),
            referrer_kind="CASEWORKER", reason="Långvarigt sjukskriven", own_goal="Jobba i butik",
            motivation="Vill jobba", consent_given=True,
        )  # fmt: skip
        cls.contact = participant_services.contact_add(
            actor=cls.coach, enrollment=cls.mine, kind="MEETING", date=cls.day, minutes=45
        )
        cls.secrets: dict[str, str] = {}
        for role in cls.ROLES:
            _token, cls.secrets[role] = services.api_token_create(
                actor=None, user=getattr(cls, role), name=f"test {role}"
            )

    def api(self, role: str, path: str, method: str = "get", **kwargs: Any) -> Any:
        call = getattr(self.client, method)
        return call(f"/api/v1/{path}", HTTP_AUTHORIZATION=f"Bearer {self.secrets[role]}", **kwargs)
