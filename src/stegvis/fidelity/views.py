"""The fidelity pages of a project: its reviews, one review (draft form or locked result with
corrections), reviews compared over time, and the routine fidelity indicators."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from stegvis.core.permissions import require_capability
from stegvis.fidelity import access, charts, indicators, selectors, services
from stegvis.fidelity.forms import CorrectionForm, PeriodForm, ReviewHeadingForm, ReviewStartForm
from stegvis.reports import exporting

DEFAULT_SCALE = "IPS-25"


@require_GET
def project_fidelity(request: HttpRequest, project_id: str) -> HttpResponse:
    project = access.access_project_fidelity(request.user, project_id)
    context = {
        "project": project,
        "reviews": selectors.review_list_for_project(project),
        "can_record": access.can_record_reviews(request.user, project),
    }
    return render(request, "fidelity/project_fidelity.html", context)


@require_http_methods(["GET", "POST"])
@require_capability("fidelity.review")
def review_new(request: HttpRequest, project_id: str) -> HttpResponse:
    project = access.access_project_fidelity(request.user, project_id, for_write=True)
    form = ReviewStartForm(
        request.POST or None, scales=selectors.scale_list_current(), label_suffix=""
    )
    if request.method == "POST" and form.is_valid():
        try:
            review = services.review_create(
                actor=request.user, project=project, **form.cleaned_data
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, gettext("The review is started. Save as you go."))
            return redirect(review)
    return render(request, "fidelity/review_new.html", {"project": project, "form": form})


def _add_errors(form, error: ValidationError) -> None:  # noqa: ANN001
    if hasattr(error, "error_dict"):
        for name, errors in error.message_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


def _ratings_from(post, detail: selectors.ReviewDetail) -> tuple[dict, list[str]]:  # noqa: ANN001
    """The ratings posted for a draft, by item id, and the errors of those that are not ratings."""
    ratings: dict[int, services.RatingInput] = {}
    errors: list[str] = []
    for section in detail.sections:
        for rating in section.ratings:
            raw = post.get(f"score-{rating.item_id}", "").strip()
            try:
                score = int(raw) if raw else None
            except ValueError:
                errors.append(
                    gettext("Item %(code)s: choose a rating.") % {"code": rating.item.code}
                )
                continue
            ratings[rating.item_id] = services.RatingInput(
                score=score, note=post.get(f"note-{rating.item_id}", "")
            )
    return ratings, errors


@require_http_methods(["GET", "POST"])
def review_detail(request: HttpRequest, review_id: str) -> HttpResponse:
    writing = request.method == "POST"
    review = access.access_fidelity_review(request.user, review_id, for_write=writing)
    detail = selectors.review_detail(review)
    can_record = access.can_record_reviews(request.user, review.project)
    heading = ReviewHeadingForm(
        request.POST if writing else None,
        initial={"review_date": review.review_date, "reviewers": review.reviewers,
                 "summary": review.summary},
        label_suffix="",
    )  # fmt: skip
    errors: list[str] = []
    if writing:
        ratings, errors = _ratings_from(request.POST, detail)
        if heading.is_valid() and not errors:
            try:
                services.review_save(actor=request.user, review=review, ratings=ratings,
                                     **heading.cleaned_data)  # fmt: skip
                if request.POST.get("action") == "finish":
                    services.review_finish(actor=request.user, review=review)
                    messages.success(request, gettext("The review is finished and locked."))
                else:
                    messages.success(request, gettext("The draft is saved."))
                return redirect(review)
            except ValidationError as error:
                errors += error.messages
        detail = _with_posted(detail, request.POST)
    can_edit = can_record and not review.is_finished
    period = _routine_beside(request.user, review, detail) if can_edit else None
    context = {
        "project": review.project, "review": review, "detail": detail, "heading": heading,
        "errors": errors, "can_edit": can_edit, "routine_period": period,
        "can_correct": can_record and review.is_finished,
    }  # fmt: skip
    return render(request, "fidelity/review_detail.html", context)


def _routine_beside(user, review, detail: selectors.ReviewDetail) -> tuple:  # noqa: ANN001
    """The routine indicators of the 13 weeks up to the review day, set beside the items they
    inform (rating.routine_row), so that reviewers see what the project's own data say."""
    end = review.review_date
    start = end - datetime.timedelta(days=90)
    figures = indicators.project_figures(review.project, start=start, end=end)
    exact = access.fidelity_show_small_numbers(user, review.project)
    rows = {row.key: row for row in indicators.indicator_rows(figures, exact=exact)}
    for section in detail.sections:
        for rating in section.ratings:
            rating.routine_row = rows.get(rating.item.routine)
    return start, end


def _with_posted(detail: selectors.ReviewDetail, post) -> selectors.ReviewDetail:  # noqa: ANN001
    """The detail showing what was posted, so that nothing typed is lost on an error."""
    for section in detail.sections:
        for rating in section.ratings:
            raw = post.get(f"score-{rating.item_id}", "").strip()
            rating.score = int(raw) if raw.isdigit() else None
            rating.note = post.get(f"note-{rating.item_id}", "")
    return detail


@require_POST
@require_capability("fidelity.review")
def review_delete(request: HttpRequest, review_id: str) -> HttpResponse:
    review = access.access_fidelity_review(request.user, review_id, for_write=True)
    project = review.project
    try:
        services.review_delete(actor=request.user, review=review)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(review)
    messages.success(request, gettext("The draft is deleted."))
    return redirect("fidelity:project", project_id=project.public_id)


@require_http_methods(["GET", "POST"])
@require_capability("fidelity.review")
def review_correct(request: HttpRequest, review_id: str) -> HttpResponse:
    review = access.access_fidelity_review(request.user, review_id, for_write=True)
    if not review.is_finished:
        return redirect(review)
    items = selectors.scale_items(review.scale)
    form = CorrectionForm(
        request.POST or None,
        items=items,
        scale=review.scale,
        initial={"item": request.GET.get("item", "")},
        label_suffix="",
    )
    if request.method == "POST" and form.is_valid():
        item = next(i for i in items if str(i.pk) == form.cleaned_data["item"])
        try:
            services.review_correct(
                actor=request.user,
                review=review,
                item=item,
                score=form.cleaned_data["score"],
                note=form.cleaned_data["note"],
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, gettext("The rating is corrected."))
            return redirect(review)
    return render(
        request,
        "fidelity/review_correct.html",
        {"project": review.project, "review": review, "form": form},
    )


def _comparison(request: HttpRequest, project_id: str) -> tuple:
    project = access.access_project_fidelity(request.user, project_id)
    code = request.GET.get("scale") or DEFAULT_SCALE
    return project, selectors.review_comparison(project, scale_code=code)


@require_GET
def comparison(request: HttpRequest, project_id: str) -> HttpResponse:
    project, result = _comparison(request, project_id)
    context = {
        "project": project,
        "comparison": result,
        "chart": charts.comparison_chart(result) if result else "",
        "scale_code": result.scale.code if result else DEFAULT_SCALE,
    }
    return render(request, "fidelity/comparison.html", context)


def comparison_table(result: selectors.Comparison) -> list[list]:
    """The comparison as a file holds it: a row per item, a column per review, the change."""
    header = [gettext("Fidelity: item"), gettext("Fidelity: section"),
              *[r.review_date.isoformat() for r in result.reviews], gettext("Fidelity: change")]  # fmt: skip
    rows: list[list] = [header]
    for row in result.rows:
        rows.append([row.item.code + ". " + row.item.name, row.item.section.name, *row.scores,
                     row.change])  # fmt: skip
    rows.append([gettext("Fidelity: total"), "", *result.totals, None])
    rows.append(
        [gettext("Fidelity: level"), "", *[b.name if b else "" for b in result.bands], None]
    )
    return rows


@require_GET
def comparison_download(request: HttpRequest, project_id: str, fmt: str) -> HttpResponse:
    if fmt not in exporting.CONTENT_TYPES:
        raise Http404
    project, result = _comparison(request, project_id)
    if result is None:
        raise Http404
    return exporting.export_response(
        comparison_table(result),
        fmt=fmt,
        filename=f"programtrohet-{project.diarienummer.replace('/', '-')}",
        actor=request.user,
        project=project,
        report="fidelity",
        people=0,
        details={"scale": result.scale.code, "reviews": len(result.reviews)},
    )


def _indicators(request: HttpRequest, project_id: str) -> tuple:
    project = access.access_project_fidelity(request.user, project_id)
    form = PeriodForm(request.GET or None, label_suffix="")
    start, end = form.period()
    figures = indicators.project_figures(project, start=start, end=end)
    exact = access.fidelity_show_small_numbers(request.user, project)
    return project, form, figures, exact


@require_GET
def indicator_page(request: HttpRequest, project_id: str) -> HttpResponse:
    project, form, figures, exact = _indicators(request, project_id)
    context = {
        "project": project, "form": form, "figures": figures, "exact": exact,
        "rows": indicators.indicator_rows(figures, exact=exact),
        "small_number": indicators.SMALL_NUMBER, "small_group": indicators.SMALL_GROUP,
        "query": f"start={figures.start.isoformat()}&end={figures.end.isoformat()}",
    }  # fmt: skip
    return render(request, "fidelity/indicators.html", context)


def indicator_table(rows: list[indicators.Indicator]) -> list[list]:
    table: list[list] = [[gettext("Fidelity: indicator"), gettext("IPS-25 item"), gettext("Fidelity: value"),
                          gettext("IPS target"), gettext("Fidelity: met"), gettext("Few behind it")]]  # fmt: skip
    for row in rows:
        table.append([str(row.label), row.item, row.value, str(row.target), str(row.status),
                      gettext("Fidelity: yes") if row.small else ""])  # fmt: skip
        table += [["", "", f"{label}: {value}", "", "", ""] for label, value in row.details]
    return table


@require_GET
def indicator_download(request: HttpRequest, project_id: str, fmt: str) -> HttpResponse:
    if fmt not in exporting.CONTENT_TYPES:
        raise Http404
    project, form, figures, exact = _indicators(request, project_id)
    return exporting.export_response(
        indicator_table(indicators.indicator_rows(figures, exact=exact)),
        fmt=fmt,
        filename=f"trohetsindikatorer-{project.diarienummer.replace('/', '-')}",
        actor=request.user,
        project=project,
        report="fidelity_indicators",
        people=figures.participants_on_caseload,
        details={"from": figures.start.isoformat(), "to": figures.end.isoformat(),
                 "exact": exact},
    )  # fmt: skip
