"""The participant's anonymous survey on their own phone: public pages, without an account.

The link /v/<token>/ is opened, checked, and the session then holds the invitation (its id and
token hash) so that the token is not repeated in later addresses. The questions are one short
page with a plain form. On sending, the answers are stored without any reference to the person
(services.response_submit), the link stops working, and the session forgets the invitation.

Nothing here shows or needs the person's name, and nothing is audited (see services.py).
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from stegvis.surveys import access, services
from stegvis.surveys.access import LinkGoneError
from stegvis.surveys.forms import AnswerForm

SESSION_KEY = "stegvis_survey"


def _not_found(request: HttpRequest) -> HttpResponse:
    return render(request, "surveys/phone/not_found.html", status=404)


def _gone(request: HttpRequest, reason: str) -> HttpResponse:
    request.session.pop(SESSION_KEY, None)
    return render(request, "surveys/phone/gone.html", {"reason": reason}, status=410)


@login_not_required
@never_cache
@require_GET
def open_link(request: HttpRequest, token: str) -> HttpResponse:
    try:
        invitation = access.access_invitation_link(token)
    except Http404:
        return _not_found(request)
    except LinkGoneError as gone:
        return _gone(request, gone.reason)
    request.session.cycle_key()
    request.session[SESSION_KEY] = {"invitation": invitation.pk, "hash": invitation.token_hash}
    return redirect("surveyphone:answer")


@login_not_required
@never_cache
@require_http_methods(["GET", "POST"])
def answer(request: HttpRequest) -> HttpResponse:
    try:
        invitation = access.access_invitation_session(request.session.get(SESSION_KEY))
    except Http404:
        return _not_found(request)
    except LinkGoneError as gone:
        return _gone(request, gone.reason)
    survey = invitation.survey
    questions = list(survey.questions.all())
    form = AnswerForm(request.POST if request.method == "POST" else None, questions=questions)
    if request.method == "POST" and form.is_valid():
        try:
            services.response_submit(invitation=invitation, answers=form.answers())
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            # Forget the invitation: nothing in the session ties the phone to the answer.
            request.session.flush()
            return redirect("surveyphone:thanks")
    context = {"survey": survey, "form": form}
    return render(request, "surveys/phone/answer.html", context, status=400 if form.errors else 200)


@login_not_required
@never_cache
@require_GET
def thanks(request: HttpRequest) -> HttpResponse:
    return render(request, "surveys/phone/thanks.html")
