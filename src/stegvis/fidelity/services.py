"""Every write of fidelity reviews, each in one transaction with its audit event.

A review is a draft until it is finished: while a draft, its date, reviewers, summary and ratings
may be saved again and again (each save audited with what changed). Finishing needs a rating for
every item and locks the review; after that, a rating is changed only by a correction with a
reason, audited with the old and the new value.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from stegvis.core import audit
from stegvis.fidelity.models import (
    FidelityItem,
    FidelityRating,
    FidelityReview,
    FidelityScale,
    ReviewStatus,
)
from stegvis.projects.models import Project


@dataclass(frozen=True)
class RatingInput:
    score: int | None
    note: str = ""


def _check_score(scale: FidelityScale, item: FidelityItem, score: int | None) -> None:
    if score is not None and not scale.min_rating <= score <= scale.max_rating:
        raise ValidationError(
            f"Punkt {item.code}: betyget ska vara mellan {scale.min_rating} och {scale.max_rating}."
        )


def _check_heading(review_date: datetime.date, reviewers: str) -> None:
    if not reviewers.strip():
        raise ValidationError({"reviewers": "Skriv vilka som gjorde granskningen."})
    if review_date > timezone.localdate():
        raise ValidationError({"review_date": "Granskningen kan inte ha ett datum i framtiden."})


@transaction.atomic
def review_create(
    *,
    actor: Any,
    project: Project,
    scale: FidelityScale,
    review_date: datetime.date,
    reviewers: str,
) -> FidelityReview:
    """Start a draft review of `project` on `scale`, with an empty rating for every item.
    Audited as fidelity.review_created."""
    _check_heading(review_date, reviewers)
    review = FidelityReview(
        project=project,
        scale=scale,
        review_date=review_date,
        reviewers=reviewers.strip(),
        created_by=actor,
    )
    review.full_clean()
    review.save()
    items = FidelityItem.objects.filter(section__scale=scale)
    FidelityRating.objects.bulk_create(FidelityRating(review=review, item=item) for item in items)
    audit.record(
        actor=actor,
        action="fidelity.review_created",
        target=review,
        label=f"{project.diarienummer} {review}",
        changes={"scale": [None, str(scale)], "review_date": [None, review_date],
                 "reviewers": [None, review.reviewers]},
    )  # fmt: skip
    return review


@transaction.atomic
def review_save(
    *,
    actor: Any,
    review: FidelityReview,
    review_date: datetime.date,
    reviewers: str,
    summary: str,
    ratings: dict[int, RatingInput],
) -> FidelityReview:
    """Save a draft: its heading and the ratings given by item id (items not named keep theirs).
    A finished review is locked: ValidationError. Audited as fidelity.review_saved with the
    changed fields and ratings (old -> new)."""
    review = FidelityReview.objects.select_for_update().select_related("scale").get(pk=review.pk)
    if review.is_finished:
        raise ValidationError("Granskningen är avslutad och låst. Ändra med en rättelse.")
    _check_heading(review_date, reviewers)
    fields = ["review_date", "reviewers", "summary"]
    before = audit.snapshot(review, fields)
    review.review_date = review_date
    review.reviewers = reviewers.strip()
    review.summary = summary.strip()
    review.full_clean()
    review.save()
    changes = audit.changes_between(before, audit.snapshot(review, fields))
    existing = {r.item_id: r for r in review.ratings.select_related("item")}
    changed = []
    for item_id, given in ratings.items():
        rating = existing.get(item_id)
        if rating is None:
            raise ValidationError("En av punkterna hör inte till granskningens skala.")
        _check_score(review.scale, rating.item, given.score)
        note = given.note.strip()
        if (rating.score, rating.note) != (given.score, note):
            if rating.score != given.score:
                changes[f"item {rating.item.code}"] = [rating.score, given.score]
            if rating.note != note:
                changes[f"item {rating.item.code} note"] = [rating.note, note]
            rating.score, rating.note = given.score, note
            changed.append(rating)
    FidelityRating.objects.bulk_update(changed, ["score", "note"])
    if changes:
        audit.record(
            actor=actor,
            action="fidelity.review_saved",
            target=review,
            label=f"{review.project.diarienummer} {review}",
            changes=changes,
        )
    return review


@transaction.atomic
def review_finish(*, actor: Any, review: FidelityReview) -> FidelityReview:
    """Finish and lock a draft whose every item is rated. Audited as fidelity.review_finished
    with the total."""
    review = FidelityReview.objects.select_for_update().get(pk=review.pk)
    if review.is_finished:
        raise ValidationError("Granskningen är redan avslutad.")
    missing = list(review.ratings.filter(score__isnull=True).values_list("item__code", flat=True))
    if missing:
        raise ValidationError(
            "Alla punkter behöver ett betyg innan granskningen avslutas. Saknas: "
            + ", ".join(missing)
            + "."
        )
    total = sum(review.ratings.values_list("score", flat=True))
    review.status = ReviewStatus.FINISHED
    review.finished_at = timezone.now()
    review.finished_by = actor
    review.save(update_fields=["status", "finished_at", "finished_by", "updated_at"])
    audit.record(
        actor=actor,
        action="fidelity.review_finished",
        target=review,
        label=f"{review.project.diarienummer} {review}",
        changes={"status": [ReviewStatus.DRAFT, ReviewStatus.FINISHED], "total": [None, total]},
    )
    return review


@transaction.atomic
def review_correct(
    *,
    actor: Any,
    review: FidelityReview,
    item: FidelityItem,
    score: int,
    note: str,
    reason: str,
) -> FidelityRating:
    """Correct one rating of a finished review, with a reason. Audited as
    fidelity.review_corrected with the old and the new rating and note, and the reason."""
    review = FidelityReview.objects.select_for_update().select_related("scale").get(pk=review.pk)
    if not review.is_finished:
        raise ValidationError("Ett utkast ändras direkt; rättelser gäller avslutade granskningar.")
    if not reason.strip():
        raise ValidationError({"reason": "Skriv varför betyget rättas."})
    rating = review.ratings.select_related("item").filter(item=item).first()
    if rating is None:
        raise ValidationError("Punkten hör inte till granskningens skala.")
    _check_score(review.scale, item, score)
    note = note.strip()
    if (rating.score, rating.note) == (score, note):
        raise ValidationError("Rättelsen ändrar ingenting.")
    changes = {f"item {item.code}": [rating.score, score], "reason": [None, reason.strip()]}
    if rating.note != note:
        changes[f"item {item.code} note"] = [rating.note, note]
    rating.score, rating.note = score, note
    rating.save(update_fields=["score", "note"])
    review.save(update_fields=["updated_at"])
    audit.record(
        actor=actor,
        action="fidelity.review_corrected",
        target=review,
        label=f"{review.project.diarienummer} {review}",
        changes=changes,
    )
    return rating


@transaction.atomic
def review_delete(*, actor: Any, review: FidelityReview) -> None:
    """Delete a draft (a finished review is kept). Audited as fidelity.review_deleted."""
    review = FidelityReview.objects.select_for_update().get(pk=review.pk)
    if review.is_finished:
        raise ValidationError("En avslutad granskning kan inte tas bort.")
    audit.record(
        actor=actor,
        action="fidelity.review_deleted",
        target=review,
        label=f"{review.project.diarienummer} {review}",
        changes={"status": [review.status, None]},
    )
    review.delete()
