"""The test base: named people of every role, in two organisations with a project each.

Tests read like stories: `self.coach` works in `self.project`; `self.outsider` is a project manager
in another organisation with `self.other_project`, which nobody else here may see. All state is
created through services, so audit events exist in tests as in production.

Test scaffolding is the one place in core that reaches into the apps (lazily, inside
setUpTestData); no production code in core does.
"""

from __future__ import annotations

from typing import Any

from django.test import TestCase

PASSWORD = "Correct-horse-battery-9"  # noqa: S105


class BaseTestCase(TestCase):
    admin: Any
    manager: Any
    coach: Any
    coach2: Any
    referral: Any
    evaluator: Any
    funder: Any
    outsider: Any
    no_role: Any
    org: Any
    other_org: Any
    project: Any
    other_project: Any

    @classmethod
    def setUpTestData(cls) -> None:
        from stegvis.accounts import services as accounts
        from stegvis.accounts.models import OrganisationKind
        from stegvis.core.permissions import Role
        from stegvis.projects import services as projects

        cls.org = accounts.organisation_create(
            actor=None, name="Samordningsförbundet Norr", kind=OrganisationKind.SAMORDNINGSFORBUND
        )
        cls.other_org = accounts.organisation_create(
            actor=None,
            name="Södra kommunen",
            kind=OrganisationKind.MUNICIPALITY,
            municipality_code="1880",
        )
        cls.admin_org = accounts.organisation_create(
            actor=None, name="Drift", kind=OrganisationKind.OTHER
        )
        # Partner agencies whose staff sit in the project's referral group or fund it.
        cls.partner_org = accounts.organisation_create(
            actor=None, name="Arbetsförmedlingen", kind=OrganisationKind.ARBETSFORMEDLINGEN
        )

        def person(username: str, org: Any, role: Role) -> Any:
            user = accounts.user_create(
                actor=None,
                username=username,
                first_name=username.capitalize(),
                last_name="Testsson",
                email=f"{username}@example.se",
                password=PASSWORD,
            )
            accounts.membership_add(actor=None, user=user, organisation=org, role=role)
            return type(user).objects.get(pk=user.pk)

        cls.admin = person("admin", cls.admin_org, Role.ADMIN)
        cls.manager = person("manager", cls.org, Role.MANAGER)
        cls.coach = person("coach", cls.org, Role.COACH)
        cls.coach2 = person("coach2", cls.org, Role.COACH)
        cls.referral = person("referral", cls.partner_org, Role.REFERRAL_GROUP)
        cls.evaluator = person("evaluator", cls.admin_org, Role.EVALUATOR)
        cls.funder = person("funder", cls.partner_org, Role.FUNDER)
        cls.outsider = person("outsider", cls.other_org, Role.MANAGER)
        cls.no_role = accounts.user_create(
            actor=None, username="norole", first_name="Nora", last_name="Roll", password=PASSWORD
        )

        cls.project = projects.project_create(
            actor=cls.manager, diarienummer="2024/00001", name="Vägen till jobb", owner=cls.org
        )
        cls.other_project = projects.project_create(
            actor=cls.outsider, diarienummer="2024/00002", name="Södra vägar", owner=cls.other_org
        )
        for user, role in (
            (cls.coach, Role.COACH),
            (cls.referral, Role.REFERRAL_GROUP),
            (cls.evaluator, Role.EVALUATOR),
            (cls.funder, Role.FUNDER),
        ):
            projects.project_staff_add(actor=cls.manager, project=cls.project, user=user, role=role)

    def login(self, user: Any) -> None:
        self.client.force_login(user)

    def fresh(self, user: Any) -> Any:
        """The user re-read from the database, without cached roles."""
        return type(user).objects.get(pk=user.pk)
