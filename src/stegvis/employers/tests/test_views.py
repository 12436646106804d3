"""The employer, opening, profile, matching and job pages: who gets what, the forms, and the
query counts of the lists."""

import datetime
import json
from io import StringIO
from pathlib import Path
from tempfile import TemporaryDirectory

from django.core.management import CommandError, call_command
from django.urls import reverse

from stegvis.core.models import AuditEvent
from stegvis.employers import selectors, services
from stegvis.employers.models import (
    Employer,
    EmployerContact,
    JobSupport,
    Occupation,
    OpeningStatus,
)
from stegvis.employers.tests.base import EmployerTestCase
from stegvis.participants.models import Employment

D = datetime.date


class EmployerPageTests(EmployerTestCase):
    def test_the_register_lists_the_organisations_employers_only(self):
        self.login(self.coach)
        response = self.client.get(reverse("employers:list"))
        self.assertContains(response, "Lagerhuset AB")
        self.assertNotContains(response, "Södra Bageriet")
        response = self.client.get(reverse("employers:list"), {"q": "556016"})
        self.assertEqual(list(response.context["page_obj"]), [self.employer])

    def test_people_without_employer_capabilities_get_403_and_outsiders_404(self):
        for name in ("evaluator", "funder", "referral"):
            with self.subTest(user=name):
                self.login(getattr(self, name))
                self.assertEqual(self.client.get(reverse("employers:list")).status_code, 403)
                self.assertEqual(self.client.get(self.employer.get_absolute_url()).status_code, 404)
                self.assertEqual(self.client.get(self.opening.get_absolute_url()).status_code, 404)
        self.login(self.outsider)
        self.assertEqual(self.client.get(self.employer.get_absolute_url()).status_code, 404)

    def test_registering_finds_a_known_org_number_again(self):
        self.login(self.coach2)
        url = reverse("employers:create")
        self.assertEqual(self.client.get(url).status_code, 200)
        response = self.client.post(
            url, {"organisation": self.org.pk, "name": "Lagret", "org_number": "556016-0680"}
        )
        self.assertRedirects(response, self.employer.get_absolute_url())
        response = self.client.post(
            url, {"organisation": self.org.pk, "name": "Nya AB", "org_number": "5560160681"}
        )
        self.assertEqual(response.status_code, 400)
        self.assertContains(response, "556016-0680", status_code=400)
        response = self.client.post(
            url, {"organisation": self.org.pk, "name": "Nya AB", "org_number": "212000-2627"}
        )
        self.assertRedirects(response, Employer.objects.get(name="Nya AB").get_absolute_url())

    def test_contacts_people_and_agreements_are_added_on_the_employer_page(self):
        self.login(self.coach)
        add = lambda kind: reverse("employers:add", args=[self.employer.public_id, kind])  # noqa: E731
        response = self.client.post(
            add("person"), {"person-name": "Sara Chef", "person-role": "Platschef"}
        )
        self.assertRedirects(
            response, self.employer.get_absolute_url() + "#person", fetch_redirect_response=False
        )
        person = self.employer.people.get()
        response = self.client.post(add("contact"), {"contact-kind": "JOB_DEVELOPMENT", "contact-date": "2025-06-02",
                                                     "contact-project": self.project.pk, "contact-person": person.pk,
                                                     "contact-minutes": "40"})  # fmt: skip
        self.assertEqual(response.status_code, 302)
        self.assertEqual(EmployerContact.objects.get().coach, self.coach)
        response = self.client.post(add("agreement"), {"agreement-kind": "COOPERATION", "agreement-project": self.project.pk,
                                                       "agreement-start_date": "2025-06-01", "agreement-end_date": "2025-01-01"})  # fmt: skip
        self.assertContains(response, "innan det börjar", status_code=400)
        response = self.client.post(add("contact"), {"contact-kind": "VISIT"})
        self.assertEqual(response.status_code, 400)
        self.assertEqual(self.client.post(add("nothing"), {}).status_code, 404)
        page = self.client.get(self.employer.get_absolute_url())
        self.assertContains(page, "Jobbutvecklingsmöte")
        self.assertContains(page, "Sara Chef")

    def test_the_employer_is_changed_through_its_form(self):
        self.login(self.manager)
        url = reverse("employers:edit", args=[self.employer.public_id])
        self.assertEqual(self.client.get(url).status_code, 200)
        response = self.client.post(
            url,
            {
                "name": "Lagerhuset i Norr AB",
                "org_number": "5560160680",
                "municipality_code": "2482",
            },
        )
        self.assertRedirects(response, self.employer.get_absolute_url())
        response = self.client.post(url, {"name": "X", "org_number": "12"})
        self.assertEqual(response.status_code, 400)

    def test_contacts_are_counted_per_coach_and_week(self):
        for day in (D(2025, 6, 2), D(2025, 6, 3), D(2025, 5, 27)):
            services.employer_contact_log(
                actor=self.coach,
                employer=self.employer,
                project=self.project,
                kind="VISIT",
                date=day,
            )
        weeks, rows = selectors.employer_contacts_per_week(
            self.manager, weeks=4, today=D(2025, 6, 4)
        )
        self.assertEqual(weeks, [(2025, 20), (2025, 21), (2025, 22), (2025, 23)])
        self.assertEqual(
            rows,
            [{"coach": "Coach Testsson", "counts": [0, 0, 1, 2], "total": 3, "per_week": 0.75}],
        )
        self.assertEqual(
            selectors.employer_contacts_per_week(self.outsider, weeks=4, today=D(2025, 6, 4))[1], []
        )
        self.assertEqual(
            selectors.employer_contacts_per_week(self.funder, weeks=4, today=D(2025, 6, 4))[1], []
        )
        self.assertEqual(
            len(selectors.employer_contacts_per_week(self.admin, weeks=4, today=D(2025, 6, 4))[1]),
            1,
        )
        self.login(self.coach)
        self.assertContains(
            self.client.get(reverse("employers:contact_stats")), "Arbetsgivarkontakter per vecka"
        )

    def test_the_register_costs_the_same_queries_however_many_employers(self):
        self.login(self.coach)
        url = reverse("employers:list")
        # session, user, memberships (navigation and capability), count, the page with open
        # openings and the latest contact
        with self.assertNumQueries(5):
            self.client.get(url)
        for n in range(12):
            employer, _created = services.employer_register(
                actor=self.coach, organisation=self.org, name=f"Firma {n}"
            )
            services.employer_contact_log(
                actor=self.coach,
                employer=employer,
                project=self.project,
                kind="PHONE",
                date=D(2025, 6, 1),
            )
        with self.assertNumQueries(5):
            self.client.get(url)

    def test_the_employer_page_costs_the_same_queries_however_many_contacts(self):
        self.login(self.coach)
        url = self.employer.get_absolute_url()
        # session, user, memberships, the employer, the user's projects for it, openings,
        # contacts, the forms' projects (2), contact people (2: the list and the form), agreements
        with self.assertNumQueries(12) as before:
            self.client.get(url)
        for n in range(8):
            person = services.employer_person_add(
                actor=self.coach, employer=self.employer, name=f"P{n}"
            )
            services.employer_contact_log(actor=self.coach, employer=self.employer, project=self.project, kind="VISIT",
                                          date=D(2025, 6, 1), person=person)  # fmt: skip
            services.opening_create(
                actor=self.coach, employer=self.employer, project=self.project, title=f"Jobb {n}"
            )
        with self.assertNumQueries(len(before.captured_queries)):
            self.client.get(url)


class OpeningPageTests(EmployerTestCase):
    def test_an_opening_is_added_and_shows_the_ranked_participants_with_reasons(self):
        self.login(self.coach)
        url = reverse("employers:opening_create", args=[self.employer.public_id])
        self.assertEqual(self.client.get(url).status_code, 200)
        response = self.client.post(url, {"title": "Lagerarbetare natt", "project": self.project.pk, "ssyk": "4321",
                                          "hours_per_week": "20", "requirements": "Nattarbete"})  # fmt: skip
        opening = self.employer.openings.get(title="Lagerarbetare natt")
        self.assertRedirects(response, opening.get_absolute_url())
        page = self.client.get(opening.get_absolute_url())
        self.assertContains(page, "Tolvan Tolvansson")
        self.assertContains(page, "Personen vill inte ha ”Nattarbete”")
        self.assertEqual(self.client.post(url, {"title": ""}).status_code, 400)
        response = self.client.post(
            url, {"title": "X", "project": self.project.pk, "code": "J0001"}
        )
        self.assertEqual(response.status_code, 400)

    def test_a_coach_sees_only_their_own_caseload_as_candidates(self):
        services.profile_save(actor=self.coach2, enrollment=self.theirs, wanted_occupation="Lager")
        self.login(self.coach)
        candidates = self.client.get(self.opening.get_absolute_url()).context["candidates"]
        self.assertEqual([m.enrollment for m in candidates], [self.mine])
        self.login(self.manager)
        candidates = self.client.get(self.opening.get_absolute_url()).context["candidates"]
        self.assertEqual({m.enrollment for m in candidates}, {self.mine, self.theirs})

    def test_the_opening_page_costs_the_same_queries_however_many_candidates(self):
        from stegvis.participants.tests import factories

        self.login(self.manager)
        url = self.opening.get_absolute_url()
        # session, user, memberships, the opening, the candidates with their profiles, SSYK
        # names, the audit of each participant shown (savepoint, insert, release), the SSYK name
        # of the opening, the manager's roles in the project
        with self.assertNumQueries(11) as before:
            self.client.get(url)
        for n in range(5):
            enrollment = factories.enrollment(project=self.project, coach=self.coach)
            services.profile_save(
                actor=self.coach, enrollment=enrollment, wanted_occupation=f"Lager {n}", ssyk="4321"
            )
        # Each participant shown is audited (one insert each, at most selectors.MATCHES_SHOWN).
        with self.assertNumQueries(len(before.captured_queries) + 5 * 3):
            self.client.get(url)

    def test_openings_are_changed_and_listed(self):
        self.login(self.coach)
        url = reverse("employers:opening_edit", args=[self.opening.public_id])
        self.assertEqual(self.client.get(url).status_code, 200)
        response = self.client.post(url, {"title": "Lagerarbetare", "status": "CLOSED"})
        self.assertRedirects(response, self.opening.get_absolute_url())
        self.assertEqual(self.client.post(url, {"title": "", "status": "OPEN"}).status_code, 400)
        self.assertEqual(
            self.client.post(
                url, {"title": "X", "status": "OPEN", "municipality_code": "12"}
            ).status_code,
            400,
        )
        listed = self.client.get(reverse("employers:opening_list")).context["page_obj"]
        self.assertEqual(list(listed), [])
        self.login(self.outsider)
        self.assertEqual(self.client.get(url).status_code, 404)


class ProfileAndMatchPageTests(EmployerTestCase):
    def test_the_profile_is_written_with_history_and_the_matches_follow(self):
        self.login(self.coach)
        edit = reverse("employers:profile_edit", args=[self.mine.public_id])
        self.assertContains(self.client.get(edit), "Jobba på lager")
        response = self.client.post(edit, {"wanted_occupation": "Lager eller butik", "ssyk": "4321", "hours_per_week": "25",
                                           "municipalities": "2482", "driving_licence": "yes"})  # fmt: skip
        self.assertRedirects(response, reverse("employers:profile", args=[self.mine.public_id]))
        page = self.client.get(reverse("employers:profile", args=[self.mine.public_id]))
        self.assertContains(page, "Lager eller butik")
        self.assertContains(page, "Ändringar")
        self.assertEqual(self.client.post(edit, {"wanted_occupation": ""}).status_code, 400)
        self.assertEqual(
            self.client.post(edit, {"wanted_occupation": "X", "municipalities": "1"}).status_code,
            400,
        )
        matches = self.client.get(reverse("employers:matches", args=[self.mine.public_id]))
        self.assertEqual([m.opening for m in matches.context["matches"]], [self.opening])
        self.assertContains(matches, "Det yrke personen vill ha: SSYK 4321")
        self.assertTrue(
            AuditEvent.objects.filter(action="matches.viewed", actor=self.coach).exists()
        )

    def test_without_a_profile_the_pages_say_so(self):
        self.login(self.coach2)
        self.assertContains(
            self.client.get(reverse("employers:profile", args=[self.theirs.public_id])),
            "Ingen yrkesprofil än",
        )
        response = self.client.get(reverse("employers:matches", args=[self.theirs.public_id]))
        self.assertContains(response, "Skriv yrkesprofilen först")
        self.assertEqual(
            self.client.get(reverse("employers:profile", args=[self.mine.public_id])).status_code,
            404,
        )

    def test_the_participant_page_shows_the_work_panel(self):
        self.login(self.coach)
        response = self.client.get(self.mine.get_absolute_url())
        self.assertContains(response, "Arbete och arbetsgivare")
        self.assertContains(response, "Vill arbeta med:")


class HireAndJobPageTests(EmployerTestCase):
    def test_a_hire_support_and_the_end_of_the_job_lead_to_the_next_job_prompt(self):
        self.login(self.coach)
        hire = reverse("employers:hire", args=[self.opening.public_id, self.mine.public_id])
        self.assertEqual(self.client.get(hire).status_code, 200)
        self.assertEqual(self.client.post(hire, {"start_date": "2025-06-09"}).status_code, 400)
        response = self.client.post(
            hire, {"start_date": "2025-06-09", "competitive": "yes", "hours_per_week": "20"}
        )
        job = Employment.objects.get(enrollment=self.mine)
        job_url = reverse("employers:job", args=[self.mine.public_id, job.pk])
        self.assertRedirects(response, job_url)
        self.assertContains(
            self.client.post(hire, {"start_date": "2025-06-09", "competitive": "yes"}),
            "inte ledigt längre",
            status_code=400,
        )
        support = reverse("employers:job_support_add", args=[self.mine.public_id, job.pk])
        response = self.client.post(support, {"support-date": "2025-06-16", "support-recipient": "BOTH", "support-kind": "WORKPLACE",
                                              "support-minutes": "45", "support-note": "Trepartssamtal"})  # fmt: skip
        self.assertRedirects(response, job_url + "#support", fetch_redirect_response=False)
        self.assertContains(self.client.get(job_url), "Trepartssamtal")
        self.assertEqual(self.client.post(support, {"support-date": "2025-06-01", "support-recipient": "BOTH",
                                                    "support-kind": "PHONE"}).status_code, 400)  # fmt: skip
        self.assertEqual(self.client.post(support, {}).status_code, 400)
        self.assertEqual(JobSupport.objects.count(), 1)
        end = reverse("employers:job_end", args=[self.mine.public_id, job.pk])
        self.assertEqual(self.client.get(end).status_code, 200)
        self.assertEqual(
            self.client.post(end, {"end_date": "2025-05-01", "end_reason": "QUIT"}).status_code, 400
        )
        response = self.client.post(end, {"end_date": "2025-09-01", "end_reason": "CONTRACT_ENDED"})
        self.assertRedirects(response, self.mine.get_absolute_url())
        self.assertContains(self.client.get(self.mine.get_absolute_url()), "Hjälp till nästa jobb")
        self.assertContains(
            self.client.get(reverse("participants:caseload")),
            "det senaste jobbet tog slut 2025-09-01",
        )
        self.assertEqual(
            [e.pk for e in selectors.next_job_due_for(self.coach, today=D(2025, 9, 2))],
            [self.mine.pk],
        )
        self.assertEqual(list(selectors.next_job_due_for(self.coach2, today=D(2025, 9, 2))), [])
        # A new job ends the prompt.
        services.opening_update(actor=self.coach, opening=self.opening, status=OpeningStatus.OPEN)
        services.hire_record(
            actor=self.coach,
            opening=self.opening,
            enrollment=self.mine,
            start_date=D(2025, 9, 15),
            competitive=True,
        )
        self.assertIs(selectors.needs_next_job(self.mine, today=D(2025, 9, 16)), False)

    def test_a_hire_elsewhere_is_404(self):
        self.login(self.coach2)
        hire = reverse("employers:hire", args=[self.opening.public_id, self.mine.public_id])
        self.assertEqual(self.client.get(hire).status_code, 404)


class CommandTests(EmployerTestCase):
    def run_command(self, *args):
        out = StringIO()
        call_command(*args, stdout=out)
        return out.getvalue()

    def test_match_prints_the_openings_best_first_as_json(self):
        services.opening_create(actor=self.coach, employer=self.employer, project=self.project, title="Städare", ssyk="9111",
                                code="S1")  # fmt: skip
        out = self.run_command(
            "match",
            "--project",
            "2024/00001",
            "--participant",
            self.mine.participant_code,
            "--json",
        )
        data = json.loads(out)
        self.assertEqual(list(data), ["openings"])
        self.assertEqual([row["opening_id"] for row in data["openings"]], ["J0001", "S1"])
        first = data["openings"][0]
        self.assertEqual(list(first), ["opening_id", "title", "score", "reasons"])
        self.assertEqual(first["title"], "Lagerarbetare")
        self.assertGreater(first["score"], data["openings"][1]["score"])
        self.assertIn(
            "Det yrke personen vill ha: SSYK 4321 Lager- och terminalpersonal.", first["reasons"]
        )
        text = self.run_command(
            "match", "--project", "2024/00001", "--participant", self.mine.participant_code
        )
        self.assertIn("J0001  Lagerarbetare", text)

    def test_match_explains_what_is_wrong(self):
        with self.assertRaisesMessage(CommandError, "No participant"):
            self.run_command("match", "--project", "2024/00001", "--participant", "NOPE")
        with self.assertRaisesMessage(CommandError, "no vocational profile"):
            self.run_command(
                "match", "--project", "2024/00001", "--participant", self.theirs.participant_code
            )

    def test_import_ssyk_reads_code_and_name(self):
        with TemporaryDirectory() as tmp:
            path = Path(tmp) / "ssyk.csv"
            path.write_text(
                "\ufeffcode;name\n3452;Köksmästare och souschefer\n\n5120;Kockar och kallskänkor\n",
                encoding="utf-8",
            )
            self.assertIn(
                "1 occupations added, 0 renamed.", self.run_command("import_ssyk", str(path))
            )
            self.assertTrue(Occupation.objects.filter(code="3452").exists())
            for text, message in (
                ("kod,namn\n", "header"),
                ("code,name\n1234\n", "two columns"),
                ("code,name\n12,X\n", "fyra siffror"),
            ):
                path.write_text(text, encoding="utf-8")
                with self.subTest(message=message), self.assertRaisesMessage(CommandError, message):
                    self.run_command("import_ssyk", str(path))
            with self.assertRaisesMessage(CommandError, "No file"):
                self.run_command("import_ssyk", str(Path(tmp) / "missing.csv"))
