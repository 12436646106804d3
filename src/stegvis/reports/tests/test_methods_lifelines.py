"""The method comparison's statistics (statsmodels) against an independent computation (lifelines)
on a generated data set of 3,000 participants with tied days (so Efron's handling of ties counts).

Tolerances: Kaplan–Meier survival 1e-9 (both are the same product); the median exactly (both take
the first day the curve is at or below 0.5); the median's 95 % CI within 1 day where both find a
bound (statsmodels inverts a complementary log-log test at each step, lifelines reads the
pointwise log(−log) band of the curve; on integer days they land on the same or the next step);
the log-rank chi-square and p to 1e-8 relative; the Cox hazard ratios to 1e-5 relative, their
95 % CI to 1e-4 relative and their p to 1e-3 relative (two Newton–Raphson fits of the same Efron
partial likelihood, stopped at different tolerances).

Seen on this data set: survival within 3e-15; medians and their intervals equal; log-rank within
4e-15 (statistic) and 5e-13 (p, about 4e-53) relative; hazard ratios and bounds within 2e-6 and
p within 3e-4 relative.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
from django.test import SimpleTestCase
from lifelines import CoxPHFitter, KaplanMeierFitter
from lifelines.statistics import multivariate_logrank_test
from lifelines.utils import median_survival_times

from stegvis.reports.methods import (
    SURVIVAL_DAYS,
    Observation,
    age_group,
    cox_model,
    kaplan_meier,
    logrank,
)

METHODS = {"SE+SED": 1 / 200, "IPS": 1 / 140, "BOSTON": 1 / 320}


def generated(n: int = 3000, seed: int = 20261123) -> list[Observation]:
    rng = np.random.default_rng(seed)
    found = []
    for i in range(n):
        method = list(METHODS)[i % 3]
        gender = rng.choice(["K", "M", "X"], p=[0.5, 0.45, 0.05])
        birth = int(rng.integers(1960, 2007))
        group = age_group(2024, birth)
        rate = METHODS[method] * (1.3 if gender == "K" else 1.0) * (0.7 if group == "55+" else 1.0)
        job = int(rng.exponential(1 / rate))
        censor = int(rng.integers(30, 700))
        found.append(
            Observation(
                method=method,
                days=min(job, censor),
                event=job <= censor,
                gender=str(gender),
                age_group=group,
                left=False,
                employed_at_exit=False,
            )  # fmt: skip
        )
    return found


class LifelinesAgreementTest(SimpleTestCase):
    @classmethod
    def setUpClass(cls) -> None:
        super().setUpClass()
        cls.data = generated()
        cls.frame = pd.DataFrame(
            {
                "days": [o.days for o in cls.data],
                "event": [int(o.event) for o in cls.data],
                "method": [o.method for o in cls.data],
                "gender": [o.gender for o in cls.data],
                "age": [o.age_group for o in cls.data],
            }
        )

    def test_the_data_set_has_ties_and_censoring(self) -> None:
        self.assertLess(self.frame["days"].nunique(), len(self.frame) / 3)
        self.assertTrue(0.2 < self.frame["event"].mean() < 0.9)

    def test_kaplan_meier_survival_and_median_agree(self) -> None:
        for method in METHODS:
            with self.subTest(method=method):
                part = self.frame[self.frame["method"] == method]
                ours = kaplan_meier(part["days"], part["event"].astype(bool))
                kmf = KaplanMeierFitter().fit(part["days"], part["event"])
                theirs = kmf.survival_function_at_times(list(SURVIVAL_DAYS)).to_numpy()
                for day, value in zip(SURVIVAL_DAYS, theirs, strict=True):
                    self.assertAlmostEqual(ours["survival"][day], float(value), delta=1e-9)
                for day, value in ours["curve"][1:]:
                    self.assertAlmostEqual(
                        value, float(kmf.survival_function_at_times([day]).iloc[0]), delta=1e-9
                    )
                self.assertEqual(ours["median"], float(kmf.median_survival_time_))
                low, high = median_survival_times(kmf.confidence_interval_).iloc[0]
                self.assertLessEqual(abs(ours["median_ci"][0] - low), 1)
                self.assertLessEqual(abs(ours["median_ci"][1] - high), 1)

    def test_logrank_agrees(self) -> None:
        statistic, p, df = logrank(self.data)
        theirs = multivariate_logrank_test(
            self.frame["days"], self.frame["method"], self.frame["event"]
        )
        self.assertEqual(df, 2)
        self.assertTrue(math.isclose(statistic, theirs.test_statistic, rel_tol=1e-8))
        self.assertTrue(math.isclose(p, theirs.p_value, rel_tol=1e-8, abs_tol=1e-300))

    def test_cox_hazard_ratios_agree(self) -> None:
        ours = cox_model(self.data)
        self.assertEqual(ours.reference_method, "SE+SED")  # no SE: the largest group (all 1,000)
        self.assertEqual(ours.reference_gender, "K")
        self.assertEqual(ours.reference_age, "30-54")
        columns = {}
        for term in ours.terms:
            kind, level = term.name.split(":")
            source = {"method": "method", "gender": "gender", "age": "age"}[kind]
            columns[term.name] = (self.frame[source] == level).astype(float)
        design = pd.DataFrame(columns)
        design["days"] = self.frame["days"]
        design["event"] = self.frame["event"]
        cph = CoxPHFitter().fit(design, duration_col="days", event_col="event")
        summary = cph.summary
        self.assertEqual(
            [t.name for t in ours.terms],
            ["method:IPS", "method:BOSTON", "gender:M", "gender:X", "age:<30", "age:55+"],
        )
        for term in ours.terms:
            with self.subTest(term=term.name):
                row = summary.loc[term.name]
                self.assertTrue(math.isclose(term.hazard_ratio, row["exp(coef)"], rel_tol=1e-5))
                self.assertTrue(math.isclose(term.ci[0], row["exp(coef) lower 95%"], rel_tol=1e-4))
                self.assertTrue(math.isclose(term.ci[1], row["exp(coef) upper 95%"], rel_tol=1e-4))
                self.assertTrue(math.isclose(term.p, row["p"], rel_tol=1e-3, abs_tol=1e-12))
