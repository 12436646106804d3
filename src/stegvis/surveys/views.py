"""Pages of the participants' voice for staff: a project's surveys with their response rates (the
participants' influence as a reported result), one survey (questions, opening and closing, links
for participants) and its results per question and per method."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from stegvis.assessments import sending
from stegvis.core.forms_util import add_validation_errors
from stegvis.core.permissions import can
from stegvis.participants.access import access_enrollment
from stegvis.surveys import access, selectors, services
from stegvis.surveys.forms import QuestionForm, SendForm, SurveyForm
from stegvis.surveys.models import SurveyStatus


@require_GET
def project_surveys(request: HttpRequest, project_id) -> HttpResponse:  # noqa: ANN001
    """The participants' voice of a project: every survey, how many answered, the main results."""
    project = access.access_project_surveys(request.user, project_id)
    summaries = selectors.survey_summaries(project)
    surveys = list(selectors.surveys_of(project))
    for survey in surveys:
        survey.summary = summaries.get(survey.pk, [])
    context = {
        "project": project,
        "surveys": surveys,
        "can_manage": can(request.user, "survey.manage", scope=project),
        "min_group": selectors.MIN_GROUP,
    }
    return render(request, "surveys/project_surveys.html", context)


@require_http_methods(["GET", "POST"])
def survey_new(request: HttpRequest, project_id) -> HttpResponse:  # noqa: ANN001
    project = access.access_project_surveys(request.user, project_id, for_manage=True)
    form = SurveyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            survey = services.survey_create(
                actor=request.user, project=project, **form.cleaned_data
            )
        except ValidationError as exc:
            add_validation_errors(form, exc)
        else:
            messages.success(
                request, _("The survey is saved as a draft. Check the questions and open it.")
            )
            return redirect(survey)
    return render(request, "surveys/survey_new.html", {"form": form, "project": project},
                  status=400 if form.errors else 200)  # fmt: skip


def _detail_context(request: HttpRequest, survey, **extra) -> dict:  # noqa: ANN001,ANN003
    manage = can(request.user, "survey.manage", scope=survey.project)
    return {
        "survey": survey,
        "project": survey.project,
        "questions": list(survey.questions.all()),
        "can_manage": manage,
        "page_obj": Paginator(
            selectors.participants_to_invite(request.user, survey)
            if survey.status == SurveyStatus.OPEN
            else [],
            50,
        ).get_page(request.GET.get("page")),
        "query_without_page": "",
        "counts": selectors.invitation_counts(survey),
        "question_form": extra.pop("question_form", None) or QuestionForm(),
        "send_form": extra.pop("send_form", None)
        or SendForm(channels=sending.available_channels()),
        "can_send": manage and bool(sending.available_channels()),
        **extra,
    }


@require_GET
def survey_detail(request: HttpRequest, survey_id) -> HttpResponse:  # noqa: ANN001
    survey = access.access_survey(request.user, survey_id)
    return render(request, "surveys/survey_detail.html", _detail_context(request, survey))


@require_POST
def question_add(request: HttpRequest, survey_id) -> HttpResponse:  # noqa: ANN001
    survey = access.access_survey(request.user, survey_id, for_manage=True)
    form = QuestionForm(request.POST)
    if form.is_valid():
        try:
            services.question_add(actor=request.user, survey=survey, **form.cleaned_data)
        except ValidationError as exc:
            add_validation_errors(form, exc)
        else:
            messages.success(request, _("The question is added."))
            return redirect(survey)
    return render(request, "surveys/survey_detail.html",
                  _detail_context(request, survey, question_form=form), status=400)  # fmt: skip


@require_POST
def question_remove(request: HttpRequest, survey_id, question_id: int) -> HttpResponse:  # noqa: ANN001
    survey = access.access_survey(request.user, survey_id, for_manage=True)
    question = access.access_question(request.user, survey, question_id)
    try:
        services.question_remove(actor=request.user, question=question)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The question is removed."))
    return redirect(survey)


@require_POST
def survey_status(request: HttpRequest, survey_id, change: str) -> HttpResponse:  # noqa: ANN001
    """Open a draft survey for answers, or close an open one."""
    survey = access.access_survey(request.user, survey_id, for_manage=True)
    service = services.survey_open if change == "open" else services.survey_close
    try:
        service(actor=request.user, survey=survey)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The survey is open for answers.") if change == "open"
                         else _("The survey is closed. The answers are kept."))  # fmt: skip
    return redirect(survey)


def _link_url(request: HttpRequest, token: str) -> str:
    return request.build_absolute_uri(reverse("surveyphone:open", args=[token]))


@require_POST
def invitation_create(request: HttpRequest, survey_id, enrollment_id) -> HttpResponse:  # noqa: ANN001
    """Make a personal link for one participant, shown once, for the coach to give them."""
    survey = access.access_survey(request.user, survey_id)
    enrollment = access_enrollment(request.user, enrollment_id, for_write=True)
    try:
        _invitation, token = services.invitation_create(
            actor=request.user, survey=survey, enrollment=enrollment
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect(survey)
    context = _detail_context(request, survey, new_link=_link_url(request, token),
                              link_for=enrollment)  # fmt: skip
    return render(request, "surveys/survey_detail.html", context)


@require_POST
def invitations_send(request: HttpRequest, survey_id) -> HttpResponse:  # noqa: ANN001
    """Send a link to every active participant of the project who has not answered."""
    survey = access.access_survey(request.user, survey_id, for_manage=True)
    form = SendForm(request.POST, channels=sending.available_channels())
    if form.is_valid():
        enrollments = list(selectors.participants_to_invite(request.user, survey))
        try:
            counts = services.invitations_send(
                actor=request.user, survey=survey, enrollments=enrollments,
                channel=form.cleaned_data["channel"], url_for=lambda t: _link_url(request, t),
            )  # fmt: skip
        except ValidationError as exc:
            add_validation_errors(form, exc)
        else:
            messages.success(request, _(
                "Links sent: %(sent)s. Without an address or number: %(none)s. Already answered: %(done)s."
            ) % {"sent": counts["sent"], "none": counts["no_address"], "done": counts["answered"]})  # fmt: skip
            return redirect(survey)
    return render(request, "surveys/survey_detail.html",
                  _detail_context(request, survey, send_form=form), status=400)  # fmt: skip


@require_GET
def survey_results(request: HttpRequest, survey_id) -> HttpResponse:  # noqa: ANN001
    survey = access.access_survey(request.user, survey_id)
    results = selectors.survey_results(
        survey, show_texts=access.may_read_texts(request.user, survey.project)
    )
    return render(request, "surveys/survey_results.html",
                  {"survey": survey, "project": survey.project, "results": results,
                   "min_group": selectors.MIN_GROUP})  # fmt: skip
