"""The method comparison page: who sees which version, the chart and the tables, the queries."""

from __future__ import annotations

from django.urls import reverse

from stegvis.core.testing import BaseTestCase
from stegvis.projects import services as projects
from stegvis.reports.tests import methods_data
from stegvis.reports.tests.methods_data import AS_OF

# The page, for a manager of two projects: 1 the session, 2 the user, 3 their memberships' roles,
# 4 the projects they may see (for the form), 5–6 their roles in each, 7 the project asked for,
# 8 the first competitive job per enrollment, 9 the enrollments, 10 SKAPA, 11 its current
# version, 12 its domains, 13 the projects compared (for the progression), 14 the progression.
QUERIES = 14


class MethodsPageTest(BaseTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        methods_data.build(cls)
        for user, role in (
            (cls.coach, "COACH"),
            (cls.evaluator, "EVALUATOR"),
            (cls.funder, "FUNDER"),
        ):
            projects.project_staff_add(
                actor=cls.manager, project=cls.compared, user=user, role=role
            )

    def url(self, project=None, as_of=AS_OF) -> str:  # noqa: ANN001
        query = f"?as_of={as_of.isoformat()}"
        if project is not None:
            query += f"&project={project.public_id}"
        return reverse("reports:methods") + query

    def test_the_manager_sees_exact_figures_and_every_curve(self) -> None:
        self.login(self.manager)
        response = self.client.get(self.url(self.compared))
        self.assertEqual(response.status_code, 200)
        content = response.content.decode()
        self.assertNotIn("&lt;5", content)
        self.assertIn('data-method="SE"', content)
        self.assertIn('data-method="IPS"', content)  # 4 people: shown to the manager
        self.assertIn('class="warning"', content)
        self.assertIn("Supported Employment + Supported Education", content)
        self.assertContains(response, 'role="img"')
        self.assertEqual(content.count("<polyline"), 3)
        self.assertIn("200 <span", content)  # SE's median in days

    def test_the_funder_sees_small_counts_as_under_five_and_no_small_curves(self) -> None:
        self.login(self.funder)
        response = self.client.get(self.url(self.compared))
        self.assertEqual(response.status_code, 200)
        content = response.content.decode()
        self.assertIn("&lt;5", content)
        self.assertIn('data-series="0" data-method="SE"', content)
        # Only SE (10 people) has a curve; IPS (4) and SE+SED (3) have none and show "<5".
        self.assertEqual(content.count("<polyline"), 1)
        self.assertIn('class="series" data-series="0" data-method="SE"', content)
        self.assertEqual(content.count('<td class="number">&lt;5</td>'), 2)

    def test_the_evaluator_sees_the_aggregate_version(self) -> None:
        self.login(self.evaluator)
        response = self.client.get(self.url(self.compared))
        self.assertContains(response, "&lt;5")

    def test_others_get_404(self) -> None:
        for user in (self.outsider, self.referral, self.no_role):
            with self.subTest(user=user.username):
                self.login(user)
                self.assertEqual(self.client.get(self.url(self.compared)).status_code, 404)

    def test_without_a_project_all_reportable_projects_count(self) -> None:
        self.login(self.manager)
        response = self.client.get(self.url())
        self.assertEqual(response.status_code, 200)
        self.assertEqual(len(response.context["projects"]), 2)

    def test_without_any_reportable_project_404(self) -> None:
        self.login(self.no_role)
        self.assertEqual(self.client.get(self.url()).status_code, 404)

    def test_a_bad_date_falls_back_to_today(self) -> None:
        self.login(self.manager)
        response = self.client.get(
            reverse("reports:methods") + f"?project={self.compared.public_id}&as_of=x"
        )
        self.assertEqual(response.status_code, 200)

    def test_no_participants_yet(self) -> None:
        self.login(self.manager)
        response = self.client.get(self.url(self.compared, as_of=methods_data.day(-1)))
        self.assertContains(response, "Inga deltagare hade börjat")

    def test_the_query_count_does_not_grow_with_the_participants(self) -> None:
        from stegvis.participants.tests import factories

        self.login(self.manager)
        self.client.get(self.url(self.compared))  # warm the session and the user's roles
        with self.assertNumQueries(QUERIES) as first:
            self.client.get(self.url(self.compared))
        for _ in range(5):
            factories.enrollment(project=self.compared, actor=self.manager, method="BOSTON",
                                 start_date=methods_data.S)  # fmt: skip
        with self.assertNumQueries(len(first.captured_queries)):
            self.client.get(self.url(self.compared))

    def test_the_project_page_links_here(self) -> None:
        self.login(self.funder)
        response = self.client.get(self.compared.get_absolute_url())
        self.assertContains(
            response, f"{reverse('reports:methods')}?project={self.compared.public_id}"
        )

    def test_the_cox_table_names_the_terms_and_hides_small_methods_from_the_funder(self) -> None:
        self.login(self.manager)
        rows = self.client.get(self.url(self.compared)).context["cox_rows"]
        self.assertEqual(
            [(r.label, r.hidden) for r in rows], [("Individual Placement and Support", False)]
        )
        self.login(self.funder)
        response = self.client.get(self.url(self.compared))
        self.assertEqual([r.hidden for r in response.context["cox_rows"]], [True])
        self.assertEqual(response.context["reference"]["age"], "30–54 år")
        cox = response.content.decode().split('id="cox-caption"')[1].split("</table>")[0]
        self.assertNotIn('<td class="number">0,', cox)
