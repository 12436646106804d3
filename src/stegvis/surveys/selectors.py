"""Reads of the participants' surveys: the results, always as aggregates, and the links.

Small groups identify people: a group (the whole survey, or one method) with fewer than
MIN_GROUP responses shows no figures and no free text, to anybody. Free-text answers are shown
only to those who manage the project's surveys (its managers), sorted alphabetically so that
their order says nothing about who answered when.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Avg, Count, Q, QuerySet

from stegvis.participants.codes import method_label
from stegvis.participants.models import Enrollment
from stegvis.participants.selectors import enrollment_visible_q
from stegvis.projects.models import Project
from stegvis.surveys.models import (
    SCALE_MAX,
    SCALE_MIN,
    Answer,
    Invitation,
    QuestionKind,
    Response,
    Survey,
)

MIN_GROUP = 5


def surveys_of(project: Project) -> QuerySet[Survey]:
    """A project's surveys with how many were invited and how many answered (one query)."""
    return project.surveys.annotate(
        invited=Count("invitations", distinct=True),
        answered=Count("invitations", filter=Q(invitations__used=True), distinct=True),
    ).order_by("-created_at", "-id")


def survey_summaries(project: Project) -> dict[int, list[tuple[str, float, int]]]:
    """The participants' influence as a reported result: per survey with at least MIN_GROUP
    responses, the mean of each scale question (text, mean, answers). One query for all surveys."""
    rows = (
        Answer.objects.filter(question__survey__project=project, question__kind=QuestionKind.SCALE)
        .values("question__survey_id", "question__position", "question__text")
        .annotate(mean=Avg("value"), n=Count("pk"))
        .order_by("question__survey_id", "question__position")
    )
    counts = dict(
        Response.objects.filter(survey__project=project)
        .values_list("survey_id")
        .annotate(n=Count("pk"))
        .values_list("survey_id", "n")
    )
    summaries: dict[int, list[tuple[str, float, int]]] = {}
    for row in rows:
        if counts.get(row["question__survey_id"], 0) >= MIN_GROUP:
            summaries.setdefault(row["question__survey_id"], []).append(
                (row["question__text"], row["mean"], row["n"])
            )
    return summaries


@dataclass
class ScaleResult:
    n: int
    mean: float | None
    counts: list[tuple[int, int]]  # (value, count) for 1..5


@dataclass
class GroupResult:
    label: str
    responses: int
    suppressed: bool
    # The scale questions' results in the survey's order (empty when suppressed).
    scales: list[ScaleResult] = field(default_factory=list)


@dataclass
class QuestionResult:
    question: object
    n: int = 0
    mean: float | None = None
    counts: list[tuple[str, int]] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)


@dataclass
class SurveyResults:
    invited: int
    answered: int
    responses: int
    suppressed: bool
    questions: list[QuestionResult]
    methods: list[GroupResult]
    show_texts: bool

    @property
    def response_rate(self) -> float | None:
        return self.answered / self.invited * 100 if self.invited else None


def _scale(rows: list[dict], question_id: int) -> ScaleResult:
    counts = dict.fromkeys(range(SCALE_MIN, SCALE_MAX + 1), 0)
    for row in rows:
        if row["question_id"] == question_id:
            counts[row["value"]] += row["n"]
    n = sum(counts.values())
    mean = sum(v * c for v, c in counts.items()) / n if n else None
    return ScaleResult(n=n, mean=mean, counts=list(counts.items()))


def _suppressed_methods(by_method: dict[str, int]) -> set[str]:
    """The methods whose figures are hidden: those under MIN_GROUP responses, and then, while the
    hidden ones together are fewer than MIN_GROUP, the smallest shown one too, so that the total
    minus the shown methods does not give away a small group (secondary suppression)."""
    hidden = {m for m, n in by_method.items() if n < MIN_GROUP}
    shown = sorted((n, m) for m, n in by_method.items() if m not in hidden)
    while hidden and sum(by_method[m] for m in hidden) < MIN_GROUP and shown:
        hidden.add(shown.pop(0)[1])
    return hidden


def survey_results(survey: Survey, *, show_texts: bool) -> SurveyResults:
    """The results of a survey: per question for all who answered, and the scale questions per
    method; every group under MIN_GROUP responses suppressed. Free texts only with `show_texts`
    (the project's managers) and only when the whole survey has MIN_GROUP responses. Five queries."""
    questions = list(survey.questions.all())
    links = survey.invitations.aggregate(
        invited=Count("pk"), answered=Count("pk", filter=Q(used=True))
    )
    by_method = dict(
        Response.objects.filter(survey=survey)
        .values_list("method")
        .annotate(n=Count("pk"))
        .values_list("method", "n")
    )
    total = sum(by_method.values())
    suppressed = total < MIN_GROUP
    counted = list(
        Answer.objects.filter(response__survey=survey, value__isnull=False)
        .values("question_id", "value", "response__method")
        .annotate(n=Count("pk"))
    )
    results = []
    for question in questions:
        result = QuestionResult(question=question)
        if suppressed:
            results.append(result)
            continue
        if question.kind == QuestionKind.SCALE:
            scale = _scale(counted, question.pk)
            result.n, result.mean = scale.n, scale.mean
            result.counts = [(str(v), c) for v, c in scale.counts]
        elif question.kind == QuestionKind.CHOICES:
            options = question.option_list()
            tally = [0] * len(options)
            for row in counted:
                if row["question_id"] == question.pk and 1 <= row["value"] <= len(options):
                    tally[row["value"] - 1] += row["n"]
            result.n = (
                Answer.objects.filter(question=question).values("response_id").distinct().count()
            )
            result.counts = list(zip(options, tally, strict=True))
        results.append(result)
    if show_texts and not suppressed:
        texts: dict[int, list[str]] = {}
        for question_id, text in Answer.objects.filter(
            response__survey=survey, value__isnull=True
        ).values_list("question_id", "text"):
            texts.setdefault(question_id, []).append(text)
        for result in results:
            if result.question.kind == QuestionKind.TEXT:
                result.texts = sorted(texts.get(result.question.pk, []), key=str.casefold)
                result.n = len(result.texts)
    hidden = _suppressed_methods(by_method)
    methods = []
    for method, n in sorted(by_method.items(), key=lambda item: method_label(item[0])):
        group = GroupResult(
            label=method_label(method) or "–", responses=n, suppressed=method in hidden
        )
        if not group.suppressed:
            rows = [r for r in counted if r["response__method"] == method]
            group.scales = [_scale(rows, q.pk) for q in questions if q.kind == QuestionKind.SCALE]
        methods.append(group)
    return SurveyResults(
        invited=links["invited"], answered=links["answered"], responses=total,
        suppressed=suppressed, questions=results, methods=methods, show_texts=show_texts,
    )  # fmt: skip


def participants_to_invite(user: object, survey: Survey) -> QuerySet[Enrollment]:
    """The survey project's active participants that `user` may see (a coach their caseload, a
    manager all), with whether a link was made: never whether it was answered."""
    return (
        Enrollment.objects.filter(
            enrollment_visible_q(user), project=survey.project, end_date__isnull=True
        )
        .select_related("person", "coach")
        .defer("person__identity_number")
        .annotate(invited=Count("survey_invitations", filter=Q(survey_invitations__survey=survey)))
        .order_by("person__last_name", "person__first_name", "id")
    )


def invitation_counts(survey: Survey) -> dict[str, int]:
    return Invitation.objects.filter(survey=survey).aggregate(
        invited=Count("pk"), answered=Count("pk", filter=Q(used=True))
    )
