"""project_list_for and project_detail_relations: scoped reads of projects."""

from __future__ import annotations

import datetime

from stegvis.accounts import services as accounts
from stegvis.accounts.models import Membership, OrganisationKind
from stegvis.core.permissions import Role
from stegvis.core.testing import BaseTestCase
from stegvis.projects import services
from stegvis.projects.selectors import project_detail_relations, project_list_for
from stegvis.projects.tests.test_access import EVERYONE, SEES_OTHER_PROJECT, SEES_PROJECT


def diarienummer(projects) -> list[str]:
    return [p.diarienummer for p in projects]


class ProjectListForTests(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        services.project_update(
            actor=cls.manager,
            project=cls.project,
            region="Övre Norrland",
            start_date=datetime.date(2024, 1, 1),
        )
        services.project_update(
            actor=cls.outsider,
            project=cls.other_project,
            region="Västsverige",
            start_date=datetime.date(2024, 6, 1),
        )

    def test_each_person_gets_exactly_the_projects_they_may_see(self):
        for name in EVERYONE:
            expected = [
                project.diarienummer
                for project, seers in (
                    (self.other_project, SEES_OTHER_PROJECT),
                    (self.project, SEES_PROJECT),
                )
                if name in seers
            ]
            with self.subTest(user=name):
                self.assertEqual(diarienummer(project_list_for(getattr(self, name))), expected)

    def test_projects_are_listed_newest_first_then_by_name(self):
        services.project_create(
            actor=self.admin,
            diarienummer="2024/00003",
            name="Alfa",
            owner=self.org,
            start_date=datetime.date(2024, 1, 1),
        )
        self.assertEqual(
            diarienummer(project_list_for(self.admin)), ["2024/00002", "2024/00003", "2024/00001"]
        )

    def test_search_matches_diarienummer_name_owner_and_region(self):
        searches = {
            "2024/00002": ["2024/00002"],
            "vägen till": ["2024/00001"],
            "södra KOMMUNEN": ["2024/00002"],  # SQLite folds the case of ASCII letters only
            "västsverige": ["2024/00002"],
            "  2024/0000  ": ["2024/00002", "2024/00001"],
            "inget sådant": [],
        }
        for search, expected in searches.items():
            with self.subTest(search=search):
                self.assertEqual(
                    diarienummer(project_list_for(self.admin, search=search)), expected
                )

    def test_search_does_not_widen_what_a_person_sees(self):
        self.assertEqual(diarienummer(project_list_for(self.outsider, search="Vägen")), [])
        self.assertEqual(diarienummer(project_list_for(self.coach, search="2024")), ["2024/00001"])

    def test_members_of_a_partner_organisation_see_the_project(self):
        school = accounts.organisation_create(
            actor=None, name="Pihlskolan", kind=OrganisationKind.SCHOOL
        )
        teacher = accounts.user_create(actor=None, username="larare", first_name="L", last_name="T")
        accounts.membership_add(actor=None, user=teacher, organisation=school, role=Role.COACH)
        self.assertEqual(diarienummer(project_list_for(self.fresh(teacher))), [])
        services.project_partner_add(
            actor=self.outsider, project=self.other_project, organisation=school
        )
        self.assertEqual(diarienummer(project_list_for(self.fresh(teacher))), ["2024/00002"])

    def test_staff_who_lost_every_role_see_no_projects(self):
        # The coach is still on the project's staff list, but holds no role anywhere.
        membership = Membership.objects.get(user=self.coach)
        accounts.membership_remove(actor=self.admin, membership=membership)
        self.assertIs(self.project.staff.filter(user=self.coach).exists(), True)
        self.assertEqual(diarienummer(project_list_for(self.fresh(self.coach))), [])

    def test_each_project_carries_its_staff_count(self):
        counts = {p.diarienummer: p.staff_count for p in project_list_for(self.admin)}
        # project: the manager, coach, referral, evaluator and funder; other: the outsider.
        self.assertEqual(counts, {"2024/00001": 5, "2024/00002": 1})


class ProjectDetailRelationsTests(BaseTestCase):
    def test_partners_by_name_and_staff_by_role(self):
        for name in ("Östra skolan", "Arbetsförmedlingen Norr", "Bygdegården"):
            organisation = accounts.organisation_create(actor=None, name=name)
            services.project_partner_add(
                actor=self.manager, project=self.project, organisation=organisation
            )
        relations = project_detail_relations(self.project)
        self.assertEqual(
            [p.organisation.name for p in relations["partners"]],
            ["Arbetsförmedlingen Norr", "Bygdegården", "Östra skolan"],
        )
        self.assertEqual(
            [(s.role, s.user.username) for s in relations["staff"]],
            [
                ("COACH", "coach"),
                ("EVALUATOR", "evaluator"),
                ("FUNDER", "funder"),
                ("MANAGER", "manager"),
                ("REFERRAL_GROUP", "referral"),
            ],
        )
