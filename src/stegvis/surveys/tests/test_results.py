"""The results against hand-computed small cases, with the suppression of small groups."""

from stegvis.surveys import selectors
from stegvis.surveys.tests.base import SurveyTestCase


class ResultsTests(SurveyTestCase):
    def _answer_many(self, method, rows):  # noqa: ANN001,ANN202
        for met, what, text in rows:
            self.answer(self.participant(method=method), {self.met.pk: met, self.what.pk: what,
                                                           self.change.pk: text})  # fmt: skip

    def test_under_five_answers_nothing_is_shown(self):
        self._answer_many("SE", [(5, [1], "A"), (4, [2], "B"), (3, [1], "C"), (2, [], "")])
        results = selectors.survey_results(self.survey, show_texts=True)
        self.assertIs(results.suppressed, True)
        self.assertEqual((results.invited, results.answered, results.responses), (4, 4, 4))
        self.assertEqual(results.response_rate, 100.0)
        self.assertEqual([r.n for r in results.questions], [0] * 6)
        self.assertEqual([r.texts for r in results.questions], [[]] * 6)
        self.assertIs(results.methods[0].suppressed, True)

    def test_hand_computed_results_per_question_and_method(self):
        # SE: met 5,4,4,3,2,5 (mean 23/6 = 3.83); IPS: 1,2,3,4,5 (mean 3.0); BOSTON: 5,5 (hidden).
        self._answer_many("SE", [(5, [1, 2], "Mer tid"), (4, [1], "bättre lokaler"), (4, [], ""),
                                 (3, [6], ""), (2, [2], "Ärligare"), (5, [1], "")])  # fmt: skip
        self._answer_many(
            "IPS", [(1, [], ""), (2, [], ""), (3, [3], "Annat"), (4, [], ""), (5, [], "")]
        )
        self._answer_many("BOSTON", [(5, [], ""), (5, [], "")])
        # One invited who has not answered: 13 of 14.
        self.participant()  # not invited
        from stegvis.surveys import services

        services.invitation_create(actor=self.coach, survey=self.survey, enrollment=self.theirs)
        results = selectors.survey_results(self.survey, show_texts=True)
        self.assertEqual((results.invited, results.answered, results.responses), (14, 13, 13))
        self.assertAlmostEqual(results.response_rate, 13 / 14 * 100)
        met = results.questions[0]
        self.assertEqual(met.n, 13)
        self.assertAlmostEqual(met.mean, (23 + 15 + 10) / 13)
        self.assertEqual(met.counts, [("1", 1), ("2", 2), ("3", 2), ("4", 3), ("5", 5)])
        what = results.questions[2]
        self.assertEqual(what.n, 6)  # answered the choice question at all: 5 SE, 1 IPS
        self.assertEqual([c for _, c in what.counts], [3, 2, 1, 0, 0, 1])
        self.assertEqual(results.questions[1].n, 0)  # nobody answered "helped"
        self.assertIsNone(results.questions[1].mean)
        change = results.questions[4]
        # Alphabetical (case-insensitively), not in the order they came in.
        self.assertEqual(change.texts, ["Annat", "bättre lokaler", "Mer tid", "Ärligare"])
        by_label = {g.label: g for g in results.methods}
        self.assertEqual({k: (g.responses, g.suppressed) for k, g in by_label.items()}, {
            "Supported Employment": (6, False), "Individual Placement and Support": (5, True),
            "The Boston model": (2, True)})  # fmt: skip
        se = by_label["Supported Employment"]
        self.assertAlmostEqual(se.scales[0].mean, 23 / 6)
        self.assertEqual(se.scales[1].n, 0)
        self.assertEqual(by_label["Individual Placement and Support"].scales, [])

    def test_free_texts_only_for_those_who_may_read_them(self):
        self._answer_many("SE", [(5, [], "Mer tid")] * 5)
        results = selectors.survey_results(self.survey, show_texts=False)
        self.assertEqual(results.questions[4].texts, [])
        self.assertIs(results.show_texts, False)

    def test_secondary_suppression(self):
        hidden = selectors._suppressed_methods
        self.assertEqual(hidden({"SE": 6, "IPS": 5, "BOSTON": 2}), {"IPS", "BOSTON"})
        self.assertEqual(hidden({"SE": 4, "IPS": 9}), {"SE", "IPS"})
        self.assertEqual(hidden({"SE": 3, "IPS": 2, "BOSTON": 9}), {"SE", "IPS"})
        self.assertEqual(hidden({"SE": 5, "IPS": 9}), set())
        self.assertEqual(hidden({"SE": 2}), {"SE"})


class SummaryTests(SurveyTestCase):
    def test_the_project_summary_reports_surveys_with_five_answers_or_more(self):
        for met in (1, 2, 3, 4, 5):
            self.answer(self.participant(), {self.met.pk: met, self.decide.pk: 5})
        with self.assertNumQueries(2):  # the scale means per question; the responses per survey
            summaries = selectors.survey_summaries(self.project)
        self.assertEqual(
            summaries, {self.survey.pk: [(self.met.text, 3.0, 5), (self.decide.text, 5.0, 5)]}
        )
        from stegvis.surveys import services

        small = services.survey_create(actor=self.manager, project=self.project, title="Liten")
        services.survey_open(actor=self.manager, survey=small)
        invitation, _ = services.invitation_create(
            actor=self.coach, survey=small, enrollment=self.mine
        )
        services.response_submit(invitation=invitation, answers={small.questions.first().pk: 4})
        self.assertNotIn(small.pk, selectors.survey_summaries(self.project))
        self.login(self.funder)
        from django.urls import reverse

        page = self.client.get(reverse("surveys:project", args=[self.project.public_id]))
        self.assertContains(page, "Medelvärde 3,0 av 5 (5 svar).")
