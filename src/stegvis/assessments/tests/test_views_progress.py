"""The pictures on the pages: the project's progression page for every role (the figures of the
known data set in its tables, small numbers hidden from those who may not see every participant,
404 outside reach), its link on the project page, and the participant's charts."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from stegvis.assessments import access, pictures
from stegvis.assessments.tests import progression_data as data
from stegvis.assessments.tests.test_statistics import ProgressionTestCase
from stegvis.participants.tests import factories

SVG = "{http://www.w3.org/2000/svg}"


def svgs(response) -> dict[str, ET.Element]:  # noqa: ANN001
    """The page's charts by id, parsed."""
    found = re.findall(r"<svg xmlns=.*?</svg>", response.content.decode(), flags=re.S)
    charts = [ET.fromstring(markup) for markup in found if 'role="img"' in markup]  # noqa: S314
    return {chart.get("id"): chart for chart in charts}


def table_rows(html: str, table_id: str | None = None) -> list[list[str]]:
    """The rows of a table as lists of cell texts (tags stripped, spaces squeezed)."""
    if table_id:
        html = html[html.index(f'id="{table_id}"') :]
        html = html[: html.index("</table>")]
    rows = []
    for row in re.findall(r"<tr[^>]*>(.*?)</tr>", html, flags=re.S):
        cells = re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, flags=re.S)
        rows.append([" ".join(re.sub(r"<[^>]+>", " ", c).split()) for c in cells])
    return rows


class ProgressionPageTests(ProgressionTestCase):
    def url(self, project=None, **query) -> str:  # noqa: ANN001, ANN003
        url = reverse("assessments:project_progression", args=[(project or self.project).public_id])
        if query:
            url += "?" + "&".join(f"{k}={v}" for k, v in query.items())
        return url

    def get(self, user, **query):  # noqa: ANN001, ANN003, ANN201
        self.login(user)
        return self.client.get(self.url(**query))

    def test_the_manager_sees_the_hand_computed_figures_in_the_tables(self):
        response = self.get(self.manager)
        self.assertEqual(response.status_code, 200)
        html = response.content.decode()
        rows = {row[0]: row[1:] for row in table_rows(html, "change-table")}
        # Participants, mean change, standard deviation, 95 % interval (Swedish: decimal comma).
        self.assertEqual(rows["Kompetens"], ["6", "+1,50", "1,05", "+0,40 till +2,60"])
        self.assertEqual(rows["Hälsa"], ["6", "+1,83", "1,94", "−0,20 till +3,87"])
        self.assertEqual(rows["Summan av områdena"], ["6", "+9,33", "5,85", "+3,19 till +15,48"])
        self.assertContains(response, "Skattade minst en gång</dt><dd>7</dd>", html=False)
        self.assertContains(response, "Skattade två gånger eller fler</dt><dd>6</dd>", html=False)
        # By method: all, IPS (one person assessed twice: a mean, no interval), SE.
        methods = {row[0]: row[1:] for row in table_rows(html) if row and row[0] in
                   ("Alla metoder", "Individual Placement and Support", "Supported Employment")}  # fmt: skip
        self.assertEqual(methods["Alla metoder"], ["6", "+9,33", "5,85", "+3,19 till +15,48"])
        self.assertEqual(
            methods["Supported Employment"], ["5", "+9,40", "6,54", "+1,28 till +17,52"]
        )
        self.assertEqual(methods["Individual Placement and Support"], ["1", "+9,00", "–", "–"])

    def test_the_distribution_tables_and_charts_carry_the_counts(self):
        response = self.get(self.manager)
        html = response.content.decode()
        start = html.index("<h3>Kompetens</h3>")
        rows = table_rows(html[start : html.index("</table>", start)])
        by_value = {row[0]: row[1:] for row in rows[1:11]}
        self.assertEqual(by_value["3"], ["2 (29 %)", "0 (0 %)"])  # 2 of 7 at start
        self.assertEqual(by_value["4"], ["1 (14 %)", "2 (33 %)"])  # 2 of 6 latest
        self.assertEqual(rows[-1], ["Deltagare", "7", "6"])
        charts = svgs(response)
        # Kompetens is the third domain: distribution-2. Its columns carry the same counts.
        bars = [e for e in charts["distribution-2"].iter(SVG + "rect") if e.get("data-count")]
        start_counts = {
            int(b.get("data-value")): int(b.get("data-count"))
            for b in bars
            if b.get("data-group") == "0"
        }
        self.assertEqual({v: c for v, c in start_counts.items() if c}, data.START_OTHER)
        desc = charts["distribution-2"].find(SVG + "desc").text
        self.assertIn("Vid start (7 deltagare): 1: 0, 2: 1, 3: 2", desc)
        title = charts["change-by-domain"].find(SVG + "title").text
        self.assertEqual(title, "Genomsnittlig förändring per område, självskattning")
        self.assertIn("Kompetens: +1,50 (95 % konfidensintervall +0,40 till +2,60; n = 6)",
                      charts["change-by-domain"].find(SVG + "desc").text)  # fmt: skip
        # The chart's dots: the mean of each domain, in the order of the table.
        dots = list(charts["change-by-domain"].iter(SVG + "circle"))
        self.assertEqual([d.get("data-mean") for d in dots], ["1.5000"] * 5 + ["1.8333"])

    def test_a_method_and_the_coaches_ratings_can_be_chosen(self):
        response = self.get(self.manager, method="SE")
        rows = {row[0]: row[1:] for row in table_rows(response.content.decode(), "change-table")}
        self.assertEqual(rows["Kompetens"], ["5", "+1,60", "1,14", "+0,18 till +3,02"])
        self.assertContains(response, '<option value="SE" selected>', html=False)
        response = self.get(self.manager, rater="COACH")
        rows = {row[0]: row[1:] for row in table_rows(response.content.decode(), "change-table")}
        self.assertEqual(
            rows["Tilltro (räknas inte i summan)"], ["2", "+1,50", "2,12", "−17,56 till +20,56"]
        )
        self.assertEqual(rows["Summan av områdena"], ["2", "+3,00", "4,24", "−35,12 till +41,12"])

    def test_a_method_whose_participants_are_assessed_once_only(self):
        enrollment = factories.enrollment(
            project=self.project, coach=self.coach, actor=self.manager, method="BOSTON"
        )
        data.record(self, enrollment, data.D(2025, 2, 1), data.skapa_ratings(4))
        response = self.get(self.manager, method="BOSTON")
        rows = {row[0]: row[1:] for row in table_rows(response.content.decode(), "change-table")}
        self.assertEqual(rows["Kompetens"], ["0", "ingen har skattats två gånger än"])
        desc = svgs(response)["change-by-domain"].find(SVG + "desc").text
        self.assertIn("Kompetens: ingen har skattats två gånger än", desc)
        html = response.content.decode()
        start = html.index("<h3>Kompetens</h3>")
        values = {
            r[0]: r[1:] for r in table_rows(html[start : html.index("</table>", start)])[1:11]
        }
        self.assertEqual(values["4"], ["1 (100 %)", "0"])  # no one latest: no share either
        self.assertEqual(pictures.decimal(None), "–")
        self.assertEqual(pictures.signed(None), "–")

    def test_a_choice_that_is_not_one_shows_the_whole_project(self):
        response = self.get(self.manager, method="NOPE", rater="X", instrument="NOPE")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.context["group"].key, "")
        self.assertEqual(response.context["progression"].rater, "SELF")

    def test_evaluators_funders_and_coaches_see_small_numbers_hidden_and_no_individuals(self):
        for user in (self.evaluator, self.funder, self.coach, self.coach2):
            with self.subTest(user=user.username):
                response = self.get(user)
                self.assertEqual(response.status_code, 200)
                html = response.content.decode()
                self.assertContains(response, "Siffror om färre än 5 deltagare visas inte")
                # Means of six people are shown; every count (1 or 2) is hidden.
                rows = {row[0]: row[1:] for row in table_rows(html, "change-table")}
                self.assertEqual(rows["Kompetens"], ["6", "+1,50", "1,05", "+0,40 till +2,60"])
                start = html.index("<h3>Kompetens</h3>")
                values = {
                    r[0]: r[1:]
                    for r in table_rows(html[start : html.index("</table>", start)])[1:11]
                }
                self.assertEqual(values["3"], ["visas inte", "0 (0 %)"])
                self.assertEqual(values["1"], ["0 (0 %)", "0 (0 %)"])
                # IPS has two participants, so IPS and SE (which would give IPS away) are hidden.
                methods = [
                    r
                    for r in table_rows(html)
                    if r and r[0] in ("Individual Placement and Support", "Supported Employment")
                ]
                self.assertEqual(
                    [r[1:] for r in methods], [["visas inte, för att skydda enskilda"]] * 2
                )
                for name in (
                    "Person A",
                    "Person G",
                    self.people["A"].participant_code,
                    str(self.people["A"].public_id),
                ):
                    self.assertNotContains(response, name)
                # The charts draw no hidden count.
                bars = [
                    e
                    for e in svgs(response)["distribution-2"].iter(SVG + "rect")
                    if e.get("data-count")
                ]
                self.assertEqual({b.get("data-count") for b in bars}, {"0"})

    def test_managers_and_administrators_see_every_count(self):
        for user in (self.manager, self.admin):
            with self.subTest(user=user.username):
                response = self.get(user)
                self.assertNotContains(response, "visas inte")
                self.assertFalse(response.context["progression"].protected)

    def test_others_get_404(self):
        for user in (self.referral, self.outsider, self.no_role):
            with self.subTest(user=user.username):
                self.assertEqual(self.get(user).status_code, 404)
        self.login(self.manager)
        self.assertEqual(self.client.get(self.url(self.other_project)).status_code, 404)
        self.client.logout()
        response = self.client.get(self.url())
        self.assertEqual(response.status_code, 302)
        self.assertIn("/accounts/login/", response["Location"])

    def test_the_access_rules(self):
        project = access.access_project_progression(self.evaluator, self.project.public_id)
        self.assertEqual(project, self.project)
        self.assertIs(
            access.progression_shows_small_numbers(self.fresh(self.manager), self.project), True
        )
        self.assertIs(
            access.progression_shows_small_numbers(self.fresh(self.admin), self.project), True
        )
        for user in (self.coach, self.evaluator, self.funder):
            self.assertIs(
                access.progression_shows_small_numbers(self.fresh(user), self.project), False
            )

    def test_the_page_costs_the_same_queries_however_many_participants(self):
        self.login(self.manager)
        with CaptureQueriesContext(connection) as before:
            self.client.get(self.url())
        for n in range(6):
            enrollment = factories.enrollment(
                project=self.project, coach=self.coach, actor=self.manager, method="BOSTON"
            )
            data.record(self, enrollment, data.D(2025, 2, 1 + n), data.skapa_ratings(2))
            data.record(self, enrollment, data.D(2025, 6, 1 + n), data.skapa_ratings(3))
        with CaptureQueriesContext(connection) as after:
            response = self.client.get(self.url())
        self.assertEqual(response.context["progression"].group("BOSTON").n_latest, 6)
        self.assertEqual(len(after.captured_queries), len(before.captured_queries))
        # The session, the user, the user's roles (memberships), the project, the user's roles in
        # it (staff), the project's assessment settings, its instruments (SKAPA), the methods of
        # its participants, the instrument's version, its domains, and the figures: 11.
        self.assertEqual(
            len(after.captured_queries), 11, [q["sql"][:90] for q in after.captured_queries]
        )


class ProgressionLinkTests(ProgressionTestCase):
    def test_the_project_page_links_to_the_progression_for_those_who_may_see_it(self):
        url = reverse("assessments:project_progression", args=[self.project.public_id])
        page = reverse("projects:detail", args=[self.project.public_id])
        for user in (self.manager, self.coach, self.evaluator, self.funder, self.admin):
            with self.subTest(user=user.username):
                self.login(user)
                self.assertContains(self.client.get(page), f'href="{url}"')
        self.login(self.referral)
        response = self.client.get(page)
        self.assertEqual(response.status_code, 200)
        self.assertNotContains(response, url)


class ParticipantChartsTests(ProgressionTestCase):
    def url(self, enrollment) -> str:  # noqa: ANN001
        return reverse("assessments:participant", args=[enrollment.public_id])

    def test_the_participant_page_has_the_radar_and_lines_with_their_tables(self):
        self.login(self.coach)
        response = self.client.get(self.url(self.people["A"]))
        self.assertContains(response, "Utvecklingen i bilder")
        charts = svgs(response)
        self.assertEqual(
            sorted(charts),
            ["line-0-0", "line-0-1", "line-0-2", "line-0-3", "line-0-4", "line-0-5", "line-0-6",
             "radar-0-coach", "radar-0-self"],
        )  # fmt: skip
        radar = charts["radar-0-self"]
        self.assertEqual(
            radar.find(SVG + "title").text, "Självskattning: den första och den senaste"
        )
        desc = radar.find(SVG + "desc").text
        self.assertIn("den första (2025-01-20) och den senaste (2025-05-20)", desc)
        self.assertIn("Hälsa från 2 till 6", desc)
        # The radar's points: first (dashed, squares) 3,3,3,3,3,2 and latest 5,5,5,5,5,6.
        values = {}
        for point in radar.iter():
            if point.get("data-series") is not None and point.get("data-value") is not None:
                values.setdefault(point.get("data-series"), []).append(int(point.get("data-value")))
        self.assertEqual(values, {"0": [3, 3, 3, 3, 3, 2], "1": [5, 5, 5, 5, 5, 6]})
        # Its table: first, latest, change per domain.
        html = response.content.decode()
        section = html[html.index('id="pictures"') :]
        rows = {r[0]: r[1:] for r in table_rows(section[: section.index("</table>")])}
        self.assertEqual(rows["Hälsa"], ["2", "6", "+4"])
        self.assertEqual(rows["Kompetens"], ["3", "5", "+2"])
        # A line over time for Hälsa: three self-assessments (2, 4, 6) and two coach ratings.
        halsa = charts["line-0-5"]
        self.assertEqual(halsa.find(SVG + "title").text, "Hälsa över tid")
        self.assertEqual(
            halsa.find(SVG + "desc").text,
            "Självskattning: 2025-01-20 2, 2025-03-20 4, 2025-05-20 6. "
            "Coachens skattning: 2025-01-22 3, 2025-05-22 4.",
        )
        self.assertEqual([c.get("data-value") for c in halsa.iter(SVG + "circle")], ["2", "4", "6"])
        tilltro = charts["line-0-6"]
        self.assertEqual([r.get("data-value") for r in tilltro.iter(SVG + "rect")], ["5", "8"])
        # The table of every assessment over time.
        history = section[section.index("Varje område över tid, som tabell") :]
        rows = table_rows(history[: history.index("</table>")])
        self.assertEqual(
            rows[1], ["2025-01-20", "Självskattning", "3", "3", "3", "3", "3", "2", "–"]
        )
        self.assertEqual(
            rows[2], ["2025-01-22", "Coachens skattning", "3", "3", "3", "3", "3", "3", "5"]
        )
        self.assertEqual(len(rows), 6)  # the header and five assessments; B's draft is elsewhere

    def test_one_assessment_makes_a_radar_of_one_line(self):
        self.login(self.coach)
        response = self.client.get(self.url(self.people["G"]))
        radar = svgs(response)["radar-0-self"]
        self.assertIn("den enda hittills", radar.find(SVG + "desc").text)
        self.assertEqual(
            len([e for e in radar.iter(SVG + "polygon") if "series" in (e.get("class") or "")]), 1
        )
        self.assertNotIn("radar-0-coach", svgs(response))

    def test_no_assessments_no_pictures(self):
        self.login(self.coach)
        response = self.client.get(self.url(self.mine))
        self.assertNotContains(response, "Utvecklingen i bilder")

    def test_the_charts_cost_the_same_queries_however_long_the_history(self):
        # The ratings, the versions they were given on, and those versions' domains.
        for name in ("G", "C", "A"):  # one, two and five assessments
            with self.subTest(name), self.assertNumQueries(3):
                pictures.participant_pictures(self.people[name])
        self.login(self.coach)
        with CaptureQueriesContext(connection) as short:
            self.client.get(self.url(self.people["C"]))
        with CaptureQueriesContext(connection) as long:
            self.client.get(self.url(self.people["A"]))
        self.assertEqual(len(short.captured_queries), len(long.captured_queries))

    def test_in_english(self):
        self.login(self.coach)
        self.client.cookies["django_language"] = "en"
        response = self.client.get(self.url(self.people["A"]), headers={"accept-language": "en"})
        self.assertContains(response, "The progression in pictures")
        self.assertEqual(svgs(response)["line-0-5"].find(SVG + "title").text, "Health over time")
