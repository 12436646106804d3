"""Reads of fidelity scales and reviews: the review with its ratings, totals and bands, and a
project's reviews compared over time. The project comes from access.py."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet, Sum

from stegvis.fidelity.models import (
    FidelityBand,
    FidelityItem,
    FidelityRating,
    FidelityReview,
    FidelityScale,
    FidelitySection,
    ReviewStatus,
)
from stegvis.projects.models import Project


def scale_list_current() -> QuerySet[FidelityScale]:
    """The current version of every scale, for choosing one for a new review."""
    return FidelityScale.objects.filter(is_current=True).order_by("code")


def band_for(bands: list[FidelityBand], total: int | None) -> FidelityBand | None:
    """The band whose range holds `total` (None for no total or no such band)."""
    if total is None:
        return None
    for band in bands:
        if band.min_total <= total <= band.max_total:
            return band
    return None


@dataclass
class ReviewSummary:
    review: FidelityReview
    total: int | None  # the sum of the ratings given so far
    rated: int
    items: int
    band: FidelityBand | None  # only for a finished review (a whole total)


def review_list_for_project(project: Project) -> list[ReviewSummary]:
    """The project's reviews, newest first, with their totals and bands. Two queries."""
    reviews = (
        FidelityReview.objects.filter(project=project)
        .select_related("scale")
        .annotate(
            total=Sum("ratings__score"),
            rated=Count("ratings", filter=Q(ratings__score__isnull=False)),
            items=Count("ratings"),
        )
        .order_by("-review_date", "-id")
    )
    reviews = list(reviews)
    bands: dict[int, list[FidelityBand]] = {}
    for band in FidelityBand.objects.filter(scale__in={r.scale_id for r in reviews}):
        bands.setdefault(band.scale_id, []).append(band)
    return [
        ReviewSummary(
            review=r,
            total=r.total,
            rated=r.rated,
            items=r.items,
            band=band_for(bands.get(r.scale_id, []), r.total) if r.is_finished else None,
        )
        for r in reviews
    ]


@dataclass
class SectionRatings:
    section: FidelitySection
    ratings: list[FidelityRating]
    total: int
    rated: int
    maximum: int


@dataclass
class ReviewDetail:
    review: FidelityReview
    sections: list[SectionRatings]
    total: int
    rated: int
    items: int
    minimum: int
    maximum: int
    band: FidelityBand | None
    bands: list[FidelityBand] = field(default_factory=list)

    @property
    def complete(self) -> bool:
        return self.rated == self.items


def review_detail(review: FidelityReview) -> ReviewDetail:
    """The review with its ratings by section, the totals and the band. Two queries."""
    ratings = list(
        FidelityRating.objects.filter(review=review)
        .select_related("item__section")
        .order_by("item__section__position", "item__position")
    )
    bands = list(FidelityBand.objects.filter(scale=review.scale_id).order_by("-min_total"))
    scale = review.scale
    sections: list[SectionRatings] = []
    for rating in ratings:
        if not sections or sections[-1].section.pk != rating.item.section_id:
            sections.append(SectionRatings(rating.item.section, [], 0, 0, 0))
        current = sections[-1]
        current.ratings.append(rating)
        current.maximum += scale.max_rating
        if rating.score is not None:
            current.total += rating.score
            current.rated += 1
    total = sum(s.total for s in sections)
    rated = sum(s.rated for s in sections)
    return ReviewDetail(
        review=review,
        sections=sections,
        total=total,
        rated=rated,
        items=len(ratings),
        minimum=scale.min_rating * len(ratings),
        maximum=scale.max_rating * len(ratings),
        band=band_for(bands, total) if rated == len(ratings) and ratings else None,
        bands=bands,
    )


@dataclass
class ComparisonRow:
    item: FidelityItem
    scores: list[int | None]  # one per review, oldest first
    change: int | None  # last minus the one before (None with fewer than two scores)

    @property
    def magnitude(self) -> int | None:
        return None if self.change is None else abs(self.change)

    @property
    def direction(self) -> str:
        if self.change is None:
            return ""
        return "up" if self.change > 0 else "down" if self.change < 0 else "same"


@dataclass
class Comparison:
    scale: FidelityScale
    reviews: list[FidelityReview]  # finished, oldest first
    rows: list[ComparisonRow]
    totals: list[int]
    bands: list[FidelityBand | None]
    all_bands: list[FidelityBand]

    @property
    def rose(self) -> list[ComparisonRow]:
        return [row for row in self.rows if row.direction == "up"]

    @property
    def fell(self) -> list[ComparisonRow]:
        return [row for row in self.rows if row.direction == "down"]


def review_comparison(project: Project, *, scale_code: str) -> Comparison | None:
    """The project's finished reviews on the scale with `scale_code` (any version; items matched
    by code), oldest first, item by item, with the change from the one before the latest to the
    latest. None when the project has no finished review on it. Four queries."""
    reviews = list(
        FidelityReview.objects.filter(
            project=project, scale__code=scale_code, status=ReviewStatus.FINISHED
        )
        .select_related("scale")
        .order_by("review_date", "id")
    )
    if not reviews:
        return None
    scale = reviews[-1].scale
    items = list(
        FidelityItem.objects.filter(section__scale=scale)
        .select_related("section")
        .order_by("section__position", "position")
    )
    scores: dict[tuple[int, str], int | None] = {
        (review_id, code): score
        for review_id, code, score in FidelityRating.objects.filter(review__in=reviews).values_list(
            "review_id", "item__code", "score"
        )
    }
    rows = []
    for item in items:
        row = [scores.get((r.pk, item.code)) for r in reviews]
        known = [s for s in row[-2:] if s is not None]
        change = row[-1] - row[-2] if len(row) >= 2 and len(known) == 2 else None  # type: ignore[operator]
        rows.append(ComparisonRow(item=item, scores=row, change=change))
    totals = [
        sum(v for (rid, _code), v in scores.items() if rid == r.pk and v is not None)
        for r in reviews
    ]
    bands_by_scale: dict[int, list[FidelityBand]] = {}
    for band in FidelityBand.objects.filter(scale__in={r.scale_id for r in reviews}):
        bands_by_scale.setdefault(band.scale_id, []).append(band)
    return Comparison(
        scale=scale,
        reviews=reviews,
        rows=rows,
        totals=totals,
        bands=[
            band_for(bands_by_scale[r.scale_id], t) for r, t in zip(reviews, totals, strict=True)
        ],
        all_bands=sorted(bands_by_scale[scale.pk], key=lambda b: -b.min_total),
    )


def scale_items(scale: FidelityScale) -> list[FidelityItem]:
    """The items of a scale in their order, with their sections."""
    return list(
        FidelityItem.objects.filter(section__scale=scale)
        .select_related("section")
        .order_by("section__position", "position")
    )
