"""Query discipline: every list page and API list endpoint makes as many queries for a project of
52 participants as for one of 12 (no query per row). The data sets come from generate_dataset;
the second is moved into the first one's project, coach and organisation, so the same people see
four times as much. When a count here changes on purpose, change the pinned number too: the test
says which page and by how much."""

from __future__ import annotations

from django.db import connection
from django.db.models import F, Value
from django.db.models.functions import Concat
from django.test import TestCase
from django.test.utils import CaptureQueriesContext

from stegvis.accounts import services as accounts
from stegvis.accounts.models import Membership, Organisation, User
from stegvis.api import services as api_services
from stegvis.core.management.commands.generate_dataset import generate
from stegvis.employers.models import Employer, Opening
from stegvis.participants.models import Enrollment, Referral
from stegvis.projects.models import Project, ProjectStaff

SMALL, LARGE = 12, 40

# The queries each page makes, whatever the amount of data (session, user, roles and menu
# included). A page that needs one more query on purpose changes its number here.
PINNED = {
    "caseload, coach": 9,
    "caseload, coach, left": 9,
    "caseload, manager": 9,
    "caseload, search": 8,
    "project's participants": 13,
    "projects": 5,
    "project page": 7,
    "referrals": 5,
    "referral groups": 4,
    "employers": 5,
    "openings": 4,
    "employer contacts": 4,
    "users": 6,
    "organisations": 5,
    "audit trail": 6,
    "instruments": 5,
    "API participants/": 8,
    "API projects/": 4,
    "API employers/": 4,
    "API referrals/": 7,
}


class QueryCountTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        generate(SMALL, seed=101)
        cls.project = Project.objects.get(diarienummer="GEN101-0001")
        cls.org = cls.project.owner
        cls.coach = User.objects.filter(username__startswith="gen101-coach-").first()
        cls.manager = User.objects.get(username="gen101-manager-1")
        cls.admin = accounts.user_create(
            actor=None, username="benchadmin", first_name="A", last_name="A"
        )
        accounts.membership_add(actor=None, user=cls.admin, organisation=cls.org, role="ADMIN")
        _token, cls.secret = api_services.api_token_create(
            actor=None, user=cls.manager, name="query counts"
        )

    def grow(self) -> None:
        """A second data set, moved into the first one's project, organisation and coach."""
        generate(LARGE, seed=102)
        others = Project.objects.filter(diarienummer__startswith="GEN102-")
        Enrollment.objects.filter(project__in=others).update(
            project=self.project, participant_code=Concat(Value("B"), F("participant_code"))
        )
        Enrollment.objects.update(coach=self.coach)
        Referral.objects.update(group=self.project.referral_groups.get())
        Opening.objects.filter(project__in=others).update(
            project=self.project, code=Concat(Value("B"), F("code"))
        )
        Employer.objects.update(organisation=self.org)
        new_users = User.objects.filter(username__startswith="gen102-")
        Membership.objects.filter(user__in=new_users).update(organisation=self.org)
        ProjectStaff.objects.filter(user__in=new_users).update(project=self.project)
        Organisation.objects.filter(name__contains="(genererad 102)").update(is_active=False)
        self.assertEqual(self.project.enrollments.count(), SMALL + LARGE)

    def pages(self) -> list[tuple[str, User, str]]:
        p = self.project.public_id
        return [
            ("caseload, coach", self.coach, "/participants/"),
            ("caseload, coach, left", self.coach, "/participants/?status=left"),
            ("caseload, manager", self.manager, "/participants/"),
            ("caseload, search", self.manager, "/participants/?q=Andersson"),
            ("project's participants", self.manager, f"/participants/projects/{p}/"),
            ("projects", self.manager, "/projects/"),
            ("project page", self.manager, f"/projects/{p}/"),
            ("referrals", self.manager, "/participants/referrals/"),
            ("referral groups", self.manager, "/participants/referral-groups/"),
            ("employers", self.manager, "/employers/"),
            ("openings", self.manager, "/employers/openings/"),
            ("employer contacts", self.manager, "/employers/contacts/"),
            ("users", self.admin, "/accounts/users/"),
            ("organisations", self.admin, "/accounts/organisations/"),
            ("audit trail", self.admin, "/audit/"),
            ("instruments", self.admin, "/assessments/instruments/"),
        ]

    API = ["participants/", "projects/", "employers/", "referrals/"]

    def counts(self) -> dict[str, int]:
        found = {}
        for name, user, url in self.pages():
            self.client.force_login(user)
            self.client.get(url)  # warm caches (permissions, sessions) as a real user's next page
            with CaptureQueriesContext(connection) as queries:
                response = self.client.get(url)
            self.assertEqual(response.status_code, 200, f"{name}: {url}")
            found[name] = len(queries)
        self.client.logout()
        for path in self.API:
            auth = {"HTTP_AUTHORIZATION": f"Bearer {self.secret}"}
            self.client.get(f"/api/v1/{path}", **auth)  # the token's "last used" is written once
            with CaptureQueriesContext(connection) as queries:
                response = self.client.get(f"/api/v1/{path}", **auth)
            self.assertEqual(response.status_code, 200, f"API {path}")
            self.assertGreater(response.json()["count"], 0, f"API {path} lists something")
            found[f"API {path}"] = len(queries)
        return found

    def test_query_counts_do_not_grow_with_the_data(self) -> None:
        small = self.counts()
        self.grow()
        large = self.counts()
        grown = {name: (small[name], large[name]) for name in small if large[name] != small[name]}
        self.assertEqual(grown, {}, "queries (12 participants, 52 participants) per page")
        self.assertEqual(large, PINNED)
