"""How exchange_import tells its caller how far it has come: rows written or found unchanged, a
chunk of BULK_BATCH rows at a time, out of all rows of both files."""

from __future__ import annotations

from stegvis.exchange import services
from stegvis.exchange.reading import Source
from stegvis.exchange.tests import helpers
from stegvis.exchange.tests.base import ExchangeTestCase
from stegvis.participants.models import Employment, Enrollment


class ImportProgressTests(ExchangeTestCase):
    def setUp(self) -> None:
        super().setUp()
        # 1 200 participants and a job for every other one: 1 800 rows.
        self.people, self.jobs = helpers.generated_participants("2024/00001", 1200)
        self.calls: list[tuple[int, int]] = []

    def run_import(self, people: str) -> dict[str, dict[str, int]]:  # type: ignore[override]
        return services.exchange_import(
            actor=self.manager,
            sources=[Source("p.csv", people.encode()), Source("e.csv", self.jobs.encode())],
            only_project=self.project,
            progress=lambda done, total: self.calls.append((done, total)),
        )

    def test_new_rows_are_counted_a_chunk_at_a_time(self):
        self.assertEqual(services.BULK_BATCH, 500)
        self.run_import(self.people)
        self.assertEqual(
            self.calls,
            [(0, 1800), (500, 1800), (1000, 1800), (1200, 1800), (1700, 1800), (1800, 1800)],
        )
        self.assertEqual(Enrollment.objects.count(), 1200)
        self.assertEqual(Employment.objects.count(), 600)

    def test_unchanged_rows_count_at_once_and_changed_ones_as_they_are_written(self):
        self.run_import(self.people)
        self.calls.clear()
        self.run_import(self.people)
        self.assertEqual(self.calls, [], "nothing changes: nothing is written, no progress")
        changed = self.people.replace(",UNEMPLOYED,ISCED3-4,", ",INACTIVE,ISCED3-4,", 3)
        self.run_import(changed)
        self.assertEqual(self.calls, [(1797, 1800), (1800, 1800)])
        self.assertEqual(Enrollment.objects.filter(status_at_start="INACTIVE").count(), 3)

    def test_a_refused_import_reports_no_progress(self):
        with self.assertRaises(services.ImportRefusedError):
            self.run_import(self.people.replace(",2482,", ",24829,", 1))
        self.assertEqual(self.calls, [])
        self.assertFalse(Enrollment.objects.exists())
