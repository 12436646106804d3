"""Primary and complementary suppression, on small tables worked out by hand."""

from __future__ import annotations

import itertools

from django.test import SimpleTestCase

from stegvis.reports import esf, outcomes, suppression
from stegvis.reports.suppression import COMPLEMENT as X
from stegvis.reports.suppression import HIDDEN as H

ROW = [("total", ["K", "M", "X"])]


def _solvable(counts: dict, sums: list, shown: dict) -> list:
    """The hidden cells that a reader could work out exactly: a sum with one unknown."""
    known = {k for k, v in shown.items() if isinstance(v, int)}
    found = []
    changed = True
    while changed:
        changed = False
        for total, parts in sums:
            unknown = [k for k in [*parts, total] if k not in known]
            if len(unknown) == 1:
                known.add(unknown[0])
                found.append(unknown[0])
                changed = True
    return found


class HiddenCellsTest(SimpleTestCase):
    def test_a_row_with_one_small_count_hides_the_smallest_other_count(self):
        # K = 3, M = 10, X = 0, total 13: K alone could be worked out as 13 − 10 − 0.
        counts = {"K": 3, "M": 10, "X": 0, "total": 13}
        self.assertEqual(
            suppression.apply(counts, ROW, exact=False), {"K": H, "M": X, "X": 0, "total": 13}
        )

    def test_the_total_is_hidden_when_every_other_part_is_zero(self):
        # K = 0, M = 0, X = 7, total 7 has nothing small; K = 2, M = 0, X = 0, total 2 hides both.
        counts = {"K": 2, "M": 0, "X": 0, "total": 2}
        self.assertEqual(
            suppression.apply(counts, ROW, exact=False), {"K": H, "M": 0, "X": 0, "total": H}
        )
        counts = {"K": 3, "M": 0, "X": 0, "total": 9}  # only possible for an inequality
        self.assertEqual(suppression.hidden_cells(counts, ROW), {"K": H, "total": X})

    def test_two_small_counts_in_a_row_need_no_complement(self):
        counts = {"K": 3, "M": 10, "X": 1, "total": 14}
        self.assertEqual(suppression.hidden_cells(counts, ROW), {"K": H, "X": H})

    def test_nothing_small_hides_nothing_and_exact_shows_everything(self):
        counts = {"K": 5, "M": 10, "X": 0, "total": 15}
        self.assertEqual(suppression.hidden_cells(counts, ROW), {})
        small = {"K": 3, "M": 10, "X": 0, "total": 13}
        self.assertEqual(suppression.apply(small, ROW, exact=True), small)

    def test_the_smallest_count_is_chosen_and_ties_go_to_the_first(self):
        counts = {"K": 4, "M": 9, "X": 6, "total": 19}
        self.assertEqual(suppression.hidden_cells(counts, ROW), {"K": H, "X": X})
        counts = {"K": 4, "M": 6, "X": 6, "total": 16}
        self.assertEqual(suppression.hidden_cells(counts, ROW), {"K": H, "M": X})

    def test_a_known_cell_is_never_the_complement(self):
        counts = {"K": 3, "M": 10, "X": 6, "total": 19}
        self.assertEqual(suppression.hidden_cells(counts, ROW, known={"X"}), {"K": H, "M": X})

    def test_a_complement_that_leaves_a_column_with_one_hidden_cell_is_followed_up(self):
        # Rows a, b over columns p, q with totals; column totals in row t.
        #        p    q   total
        #   a    2   10    12
        #   b    8    9    17
        #   t   10   19    29
        # a.p is small; its row hides a.q (10 < 12); column p then has a.p alone hidden → b.p
        # (8 < 10); column q has a.q alone → b.q (9); row b now has b.p and b.q: done.
        counts = {
            ("a", "p"): 2, ("a", "q"): 10, ("a", "t"): 12,
            ("b", "p"): 8, ("b", "q"): 9, ("b", "t"): 17,
            ("t", "p"): 10, ("t", "q"): 19, ("t", "t"): 29,
        }  # fmt: skip
        sums = [
            *suppression.row_sums(["a", "b", "t"], ["p", "q"], "t"),
            *suppression.column_sums(["a", "b"], "t", ["p", "q", "t"]),
        ]
        hidden = suppression.hidden_cells(counts, sums)
        self.assertEqual(
            hidden, {("a", "p"): H, ("a", "q"): X, ("b", "p"): X, ("b", "q"): X}
        )  # fmt: skip
        shown = suppression.apply(counts, sums, exact=False)
        self.assertEqual(_solvable(counts, sums, shown), [])

    def test_no_hidden_cell_can_be_worked_out_in_any_small_cross_table(self):
        # Every 2 × 2 table of counts 0, 1, 3, 6 with its totals: after suppression, no sum has a
        # single unknown, however a reader combines them.
        for a, b, c, d in itertools.product([0, 1, 3, 6], repeat=4):
            counts = {
                ("a", "p"): a, ("a", "q"): b, ("a", "t"): a + b,
                ("b", "p"): c, ("b", "q"): d, ("b", "t"): c + d,
                ("t", "p"): a + c, ("t", "q"): b + d, ("t", "t"): a + b + c + d,
            }  # fmt: skip
            sums = [
                *suppression.row_sums(["a", "b", "t"], ["p", "q"], "t"),
                *suppression.column_sums(["a", "b"], "t", ["p", "q", "t"]),
            ]
            shown = suppression.apply(counts, sums, exact=False)
            with self.subTest(table=(a, b, c, d)):
                self.assertEqual(_solvable(counts, sums, shown), [])


def _indicators(**rows: list[int]) -> dict[str, dict[str, int]]:
    table = {code: dict.fromkeys(esf.COLUMNS, 0) for code in esf.CODES}
    for code, (k, m, x) in rows.items():
        table[code] = {"K": k, "M": m, "X": x, "total": k + m + x}
    return table


class EsfSuppressionTest(SimpleTestCase):
    def test_a_row_gets_a_complement_and_the_status_rows_a_column_one(self):
        # EECO01 = EECO02 + EECO04 + EECO05 in each column (the status at start is one of four).
        indicators = _indicators(
            EECO01=[20, 12, 0], EECO02=[12, 12, 0], EECO04=[5, 0, 0], EECO05=[3, 0, 0],
            EECO07=[7, 3, 0],
        )  # fmt: skip
        cells = esf.esf_cells(indicators, exact=False)
        # EECO05 K = 3 is small: its row hides its total 3 too (<5); the K column then has
        # EECO05 alone hidden among 01 = 02 + 04 + 05, so EECO04 K (5, the smallest) goes too,
        # and EECO04's row then has K alone hidden, so its total (5 = 5 + 0 + 0) goes as well;
        # the total column has two hidden cells (EECO04, EECO05) among 01 = 02 + 04 + 05.
        self.assertEqual(cells["EECO05"], [H, 0, 0, H])
        self.assertEqual(cells["EECO04"], [X, 0, 0, X])
        self.assertEqual(cells["EECO01"], [20, 12, 0, 32])
        # EECO07: M = 3 hidden, then M's row has one hidden cell: K (7) is smaller than 10.
        self.assertEqual(cells["EECO07"], [X, H, 0, 10])
        self.assertEqual(esf.esf_cells(indicators, exact=True)["EECO07"], [7, 3, 0, 10])

    def test_the_plan_hides_men_when_women_alone_would_be_hidden(self):
        plan = esf.Plan(
            planned=30, planned_women=15, planned_men=15, actual=20, actual_women=3,
            actual_men=17,
        )  # fmt: skip
        rows = esf.plan_table(plan, exact=False)
        self.assertEqual([r["actual"] for r in rows], [20, H, X])
        self.assertEqual([r["actual_share"] for r in rows], ["", "", ""])
        rows = esf.plan_table(plan, exact=True)
        self.assertEqual([r["actual"] for r in rows], [20, 3, 17])
        self.assertEqual([r["actual_share"] for r in rows], ["", "15 %", "85 %"])


class TransitionSuppressionTest(SimpleTestCase):
    def test_the_income_table_hides_complements_in_rows_and_columns(self):
        report = outcomes.Outcomes(
            quarter=outcomes.Quarter(2025, 1), people=40, served=0, working=0, new_jobs=0,
            jobs_with_hours=0, hours_total=0, with_coach=0, one_coach=0, left=40,
            transition={("SALARY", "SALARY"): 10, ("SALARY", "SICKNESS_BENEFIT"): 2,
                        ("SICKNESS_BENEFIT", "SALARY"): 12, ("SICKNESS_BENEFIT", "SICKNESS_BENEFIT"): 16},
        )  # fmt: skip
        table = outcomes.transition_table(report, exact=False)
        # Employment→sickness 2 is small; its row's smallest other cell is 10, its column's
        # 16 (sickness→sickness); then employment's column has 10 alone hidden → 12.
        self.assertEqual(table["rows"][0]["cells"], [X, H])
        self.assertEqual(table["rows"][1]["cells"], [X, X])
        self.assertEqual(table["rows"][0]["total"], 12)
        self.assertEqual(table["totals"], [22, 18])
        self.assertEqual(table["total"], 40)
        exact = outcomes.transition_table(report, exact=True)
        self.assertEqual(exact["rows"][0]["cells"], [10, 2])
