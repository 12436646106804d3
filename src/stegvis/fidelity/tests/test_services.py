"""Fidelity reviews: drafts, finishing, locking, corrections, deletion; totals and bands."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.utils import timezone

from stegvis.core.models import AuditEvent
from stegvis.core.testing import BaseTestCase
from stegvis.fidelity import models, selectors, services
from stegvis.fidelity.models import FidelityItem, FidelityRating, FidelityReview, FidelityScale
from stegvis.fidelity.services import RatingInput

DAY = datetime.date(2025, 5, 20)


class ReviewCase(BaseTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.scale = FidelityScale.objects.get(code="IPS-25", is_current=True)
        cls.items = list(FidelityItem.objects.filter(section__scale=cls.scale))

    def start(self, **values) -> FidelityReview:  # noqa: ANN003
        defaults = {"review_date": DAY, "reviewers": "Anna Ek, Bo Ås (FoU Norr)"}
        return services.review_create(
            actor=self.evaluator, project=self.project, scale=self.scale, **{**defaults, **values}
        )

    def rate(self, review: FidelityReview, scores: list[int | None], **heading) -> None:  # noqa: ANN003
        services.review_save(
            actor=self.evaluator,
            review=review,
            review_date=heading.get("review_date", DAY),
            reviewers=heading.get("reviewers", "Anna Ek"),
            summary=heading.get("summary", ""),
            ratings={i.pk: RatingInput(s) for i, s in zip(self.items, scores, strict=True)},
        )

    def finished(self, scores: list[int], day: datetime.date = DAY) -> FidelityReview:
        review = self.start(review_date=day)
        self.rate(review, scores, review_date=day)
        return services.review_finish(actor=self.manager, review=review)


class ScaleDataTests(ReviewCase):
    def test_ips25_has_25_items_in_three_sections_with_five_anchors_each(self):
        sections = list(self.scale.sections.all())
        self.assertEqual([s.items.count() for s in sections], [3, 8, 14])
        self.assertEqual([s.name_sv for s in sections], ["Bemanning", "Organisation", "Tjänster"])
        self.assertEqual(len(self.items), 25)
        self.assertTrue(all(len(i.anchors_sv) == 5 and len(i.anchors_en) == 5 for i in self.items))
        self.assertEqual(self.items[0].name_sv, "Antal deltagare per arbetsspecialist")
        self.assertEqual(self.items[0].name_en, "Caseload size")

    def test_ips25_bands(self):
        bands = selectors.FidelityBand.objects.filter(scale=self.scale).order_by("-min_total")
        self.assertEqual(
            [(b.code, b.min_total, b.max_total) for b in bands],
            [("EXEMPLARY", 115, 125), ("GOOD", 100, 114), ("FAIR", 74, 99), ("NOT_IPS", 25, 73)],
        )


class TotalsAndBandsTests(ReviewCase):
    def test_totals_and_bands_at_every_boundary(self):
        # (scores, total, band): 25 items; hand-added.
        cases = [
            ([5] * 25, 125, "EXEMPLARY"),
            ([5] * 15 + [4] * 10, 115, "EXEMPLARY"),
            ([5] * 14 + [4] * 11, 114, "GOOD"),
            ([4] * 25, 100, "GOOD"),
            ([4] * 24 + [3], 99, "FAIR"),
            ([3] * 24 + [2], 74, "FAIR"),
            ([3] * 23 + [2, 2], 73, "NOT_IPS"),
            ([1] * 25, 25, "NOT_IPS"),
        ]
        for scores, total, band in cases:
            with self.subTest(total=total):
                review = self.finished(scores)
                detail = selectors.review_detail(review)
                self.assertEqual(detail.total, total)
                self.assertEqual(detail.band.code, band)
                self.assertEqual([s.total for s in detail.sections],
                                 [sum(scores[:3]), sum(scores[3:11]), sum(scores[11:])])  # fmt: skip

    def test_a_draft_has_a_running_total_but_no_band(self):
        review = self.start()
        self.rate(review, [5, 4, 3] + [None] * 22)
        detail = selectors.review_detail(review)
        self.assertEqual((detail.total, detail.rated, detail.items), (12, 3, 25))
        self.assertIsNone(detail.band)
        self.assertIs(detail.complete, False)
        summary = selectors.review_list_for_project(self.project)[0]
        self.assertEqual((summary.total, summary.rated, summary.band), (12, 3, None))

    def test_the_list_shows_the_band_of_a_finished_review(self):
        self.finished([4] * 25)
        summary = selectors.review_list_for_project(self.project)[0]
        self.assertEqual((summary.total, summary.band.code), (100, "GOOD"))

    def test_band_for_nothing(self):
        self.assertIsNone(selectors.band_for([], None))
        self.assertIsNone(selectors.band_for([], 50))


class DraftTests(ReviewCase):
    def test_start_makes_an_empty_rating_per_item_and_is_audited(self):
        review = self.start()
        self.assertEqual(review.ratings.count(), 25)
        self.assertEqual(review.ratings.filter(score__isnull=False).count(), 0)
        event = AuditEvent.objects.get(action="fidelity.review_created")
        self.assertEqual(event.actor, self.evaluator)
        self.assertEqual(event.changes["scale"], [None, "IPS-25 v1"])

    def test_start_needs_reviewers_and_no_future_date(self):
        with self.assertRaisesMessage(ValidationError, "Skriv vilka som gjorde granskningen."):
            self.start(reviewers="  ")
        with self.assertRaisesMessage(ValidationError, "datum i framtiden"):
            self.start(review_date=timezone.localdate() + datetime.timedelta(days=2))
        self.assertFalse(FidelityReview.objects.exists())

    def test_saving_a_draft_audits_what_changed(self):
        review = self.start()
        self.rate(review, [3] + [None] * 24, summary="Bra start")
        event = AuditEvent.objects.get(action="fidelity.review_saved")
        self.assertEqual(event.changes["item 1"], [None, 3])
        self.assertEqual(event.changes["summary"], ["", "Bra start"])
        self.assertEqual(event.changes["reviewers"], ["Anna Ek, Bo Ås (FoU Norr)", "Anna Ek"])

    def test_saving_notes_and_nothing_changed_writes_no_event(self):
        review = self.start()
        item = self.items[0]
        services.review_save(actor=self.manager, review=review, review_date=DAY,
                             reviewers=review.reviewers, summary="",
                             ratings={item.pk: RatingInput(2, "Tre team")})  # fmt: skip
        event = AuditEvent.objects.get(action="fidelity.review_saved")
        self.assertEqual(event.changes["item 1 note"], ["", "Tre team"])
        services.review_save(actor=self.manager, review=review, review_date=DAY,
                             reviewers=review.reviewers, summary="",
                             ratings={item.pk: RatingInput(2, "Tre team")})  # fmt: skip
        self.assertEqual(AuditEvent.objects.filter(action="fidelity.review_saved").count(), 1)

    def test_a_rating_outside_the_scale_is_refused_and_nothing_is_saved(self):
        review = self.start()
        with self.assertRaisesMessage(ValidationError, "betyget ska vara mellan 1 och 5"):
            self.rate(review, [6] + [None] * 24, summary="x")
        review.refresh_from_db()
        self.assertEqual(review.summary, "")

    def test_an_item_of_another_scale_is_refused(self):
        review = self.start()
        with self.assertRaisesMessage(ValidationError, "hör inte till granskningens skala"):
            services.review_save(actor=self.manager, review=review, review_date=DAY,
                                 reviewers="A", summary="", ratings={-1: RatingInput(3)})  # fmt: skip

    def test_finishing_needs_every_item(self):
        review = self.start()
        self.rate(review, [3] * 24 + [None])
        with self.assertRaisesMessage(ValidationError, "Saknas: 25."):
            services.review_finish(actor=self.manager, review=review)

    def test_a_draft_may_be_deleted_and_that_is_audited(self):
        review = self.start()
        services.review_delete(actor=self.manager, review=review)
        self.assertFalse(FidelityReview.objects.exists())
        self.assertTrue(AuditEvent.objects.filter(action="fidelity.review_deleted").exists())


class FinishedTests(ReviewCase):
    def test_finishing_locks_and_is_audited_with_the_total(self):
        review = self.finished([4] * 25)
        self.assertIs(review.is_finished, True)
        self.assertEqual(review.finished_by, self.manager)
        event = AuditEvent.objects.get(action="fidelity.review_finished")
        self.assertEqual(event.changes["total"], [None, 100])
        with self.assertRaisesMessage(ValidationError, "låst"):
            self.rate(review, [5] * 25)
        with self.assertRaisesMessage(ValidationError, "redan avslutad"):
            services.review_finish(actor=self.manager, review=review)
        with self.assertRaisesMessage(ValidationError, "kan inte tas bort"):
            services.review_delete(actor=self.manager, review=review)

    def test_a_correction_changes_one_rating_and_audits_old_new_and_reason(self):
        review = self.finished([4] * 25)
        item = self.items[16]
        services.review_correct(actor=self.evaluator, review=review, item=item, score=2,
                                note="Räknat fel", reason="Fel i protokollet")  # fmt: skip
        self.assertEqual(selectors.review_detail(review).total, 98)
        event = AuditEvent.objects.get(action="fidelity.review_corrected")
        self.assertEqual(event.changes["item 17"], [4, 2])
        self.assertEqual(event.changes["item 17 note"], ["", "Räknat fel"])
        self.assertEqual(event.changes["reason"], [None, "Fel i protokollet"])

    def test_a_correction_needs_a_reason_a_change_and_a_finished_review(self):
        review = self.finished([4] * 25)
        item = self.items[0]
        with self.assertRaisesMessage(ValidationError, "Skriv varför betyget rättas."):
            services.review_correct(actor=self.manager, review=review, item=item, score=3,
                                    note="", reason=" ")  # fmt: skip
        with self.assertRaisesMessage(ValidationError, "ändrar ingenting"):
            services.review_correct(actor=self.manager, review=review, item=item, score=4,
                                    note="", reason="x")  # fmt: skip
        with self.assertRaisesMessage(ValidationError, "mellan 1 och 5"):
            services.review_correct(actor=self.manager, review=review, item=item, score=0,
                                    note="", reason="x")  # fmt: skip
        draft = self.start()
        with self.assertRaisesMessage(ValidationError, "rättelser gäller avslutade"):
            services.review_correct(actor=self.manager, review=draft, item=item, score=3,
                                    note="", reason="x")  # fmt: skip

    def test_a_correction_of_an_item_of_another_scale_is_refused(self):
        from stegvis.fidelity.data.ips25 import IPS25
        from stegvis.fidelity.scales import load_scale

        other = load_scale({**IPS25, "code": "OTHER"}, lambda n: getattr(models, n))
        foreign = FidelityItem.objects.filter(section__scale=other).first()
        review = self.finished([4] * 25)
        with self.assertRaisesMessage(ValidationError, "hör inte till granskningens skala"):
            services.review_correct(actor=self.manager, review=review, item=foreign, score=3,
                                    note="", reason="x")  # fmt: skip


class ComparisonTests(ReviewCase):
    def test_reviews_compare_item_by_item_oldest_first(self):
        self.assertIsNone(selectors.review_comparison(self.project, scale_code="IPS-25"))
        first = [3] * 25
        second = [3] * 25
        second[0], second[16], second[24] = 5, 2, 3  # item 1 rose by 2, item 17 fell by 1
        self.finished(second, day=datetime.date(2025, 9, 1))
        self.finished(first, day=datetime.date(2025, 3, 1))
        self.start()  # a draft is not compared
        result = selectors.review_comparison(self.project, scale_code="IPS-25")
        self.assertEqual([r.review_date.isoformat() for r in result.reviews],
                         ["2025-03-01", "2025-09-01"])  # fmt: skip
        self.assertEqual(result.totals, [75, 76])
        self.assertEqual([b.code for b in result.bands], ["FAIR", "FAIR"])
        self.assertEqual([(r.item.code, r.change) for r in result.rose], [("1", 2)])
        self.assertEqual([(r.item.code, r.magnitude) for r in result.fell], [("17", 1)])
        self.assertEqual(result.rows[1].direction, "same")

    def test_one_review_has_no_change(self):
        self.finished([4] * 25)
        result = selectors.review_comparison(self.project, scale_code="IPS-25")
        self.assertEqual({r.direction for r in result.rows}, {""})
        self.assertIsNone(result.rows[0].magnitude)


def finished_review(project, actor):  # noqa: ANN001, ANN201
    """A finished IPS-25 review of `project` with every item rated 4 (for other apps' tests)."""
    scale = FidelityScale.objects.get(code="IPS-25", is_current=True)
    review = services.review_create(
        actor=actor, project=project, scale=scale, review_date=DAY, reviewers="Granskare"
    )
    FidelityRating.objects.filter(review=review).update(score=4)
    return services.review_finish(actor=actor, review=review)


class QueryCountTests(ReviewCase):
    def test_lists_and_details_do_not_grow_with_reviews(self):
        for day in (1, 2, 3):
            self.finished([4] * 25, day=datetime.date(2025, 1, day))
        review = self.start()
        # The reviews with their totals; the bands of their scales.
        with self.assertNumQueries(2):
            self.assertEqual(len(selectors.review_list_for_project(self.project)), 4)
        # The ratings with items and sections; the bands.
        with self.assertNumQueries(2):
            selectors.review_detail(review)
        # The finished reviews; the items; the ratings; the bands.
        with self.assertNumQueries(4):
            selectors.review_comparison(self.project, scale_code="IPS-25")
