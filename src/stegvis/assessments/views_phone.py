"""The participant's self-assessment on their own phone: public pages, without an account.

The link /s/<token>/ is opened once per visit: the token is checked, the opening is audited, and
the session then holds the link (its id and token hash) so that the token is not repeated in
every address (the way Django's password reset keeps its token out of later requests). Each
question is a page of its own with a plain form: every answer is saved when the person goes on,
so a reload or a lost connection loses nothing, and the same link continues later.

The pages show the person's first name and nothing else about them (no name at all for people
with protected personal data). Links that no longer work get a clear page with status 410, and
links that never worked 404, with no data either way.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from stegvis.assessments import access, services
from stegvis.assessments.access import LinkGoneError
from stegvis.assessments.forms import AnswerForm
from stegvis.assessments.models import SelfAssessmentLink

SESSION_KEY = "stegvis_selfassessment"


def _not_found(request: HttpRequest) -> HttpResponse:
    return render(request, "assessments/phone/not_found.html", status=404)


def _gone(request: HttpRequest, reason: str) -> HttpResponse:
    request.session.pop(SESSION_KEY, None)
    return render(request, "assessments/phone/gone.html", {"reason": reason}, status=410)


def _page_context(link: SelfAssessmentLink) -> dict:
    assessment = link.assessment
    person = assessment.enrollment.person
    domains = assessment.version.domains_for(assessment.rater)
    answers = {r.domain_id: r.value for r in assessment.ratings.all()}
    return {
        "first_name": "" if person.protected_identity else person.first_name,
        "version": assessment.version,
        "low_words": assessment.version.label_for(assessment.version.scale_min),
        "high_words": assessment.version.label_for(assessment.version.scale_max),
        "domains": domains,
        "answers": answers,
        "total": len(domains),
        "answered": sum(1 for d in domains if d.pk in answers),
    }


def _with_link(view):  # noqa: ANN001,ANN202
    """Hand the view the link the session holds, or answer with the clear page instead."""

    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:  # noqa: ANN002,ANN003
        try:
            link = access.access_selfassessment_session(request.session.get(SESSION_KEY))
        except Http404:
            return _not_found(request)
        except LinkGoneError as gone:
            return _gone(request, gone.reason)
        return view(request, link, *args, **kwargs)

    wrapped.__name__ = view.__name__
    wrapped.__doc__ = view.__doc__
    return wrapped


@login_not_required
@never_cache
@require_GET
def open_link(request: HttpRequest, token: str) -> HttpResponse:
    """The personal link itself: checks the token, records the opening, goes to the start page."""
    try:
        link = access.access_selfassessment_link(token)
    except Http404:
        return _not_found(request)
    except LinkGoneError as gone:
        return _gone(request, gone.reason)
    services.selfassessment_link_opened(link=link)
    request.session.cycle_key()
    request.session[SESSION_KEY] = {"link": link.pk, "hash": link.token_hash}
    return redirect("selfassessment:start")


@login_not_required
@never_cache
@require_GET
@_with_link
def start(request: HttpRequest, link: SelfAssessmentLink) -> HttpResponse:
    context = _page_context(link)
    first_open = next(
        (n for n, d in enumerate(context["domains"], start=1) if d.pk not in context["answers"]),
        None,
    )
    context["next_number"] = first_open
    context["expires_at"] = link.expires_at
    return render(request, "assessments/phone/start.html", context)


@login_not_required
@never_cache
@require_http_methods(["GET", "POST"])
@_with_link
def question(request: HttpRequest, link: SelfAssessmentLink, number: int) -> HttpResponse:
    """One domain per page. "Next" saves the answer and goes on; "Back" saves what is chosen."""
    context = _page_context(link)
    domains = context["domains"]
    if not 1 <= number <= len(domains):
        return redirect("selfassessment:start")
    domain = domains[number - 1]
    saved = context["answers"].get(domain.pk)
    version = link.assessment.version
    form = AnswerForm(request.POST or None, version=version, domain=domain,
                      initial={"value": saved})  # fmt: skip
    if request.method == "POST" and form.is_valid():
        value = form.cleaned_data["value"]
        going_back = "back" in request.POST
        if value is not None:
            try:
                services.assessment_answer(
                    actor=None, assessment=link.assessment, domain=domain, value=value
                )
            except ValidationError as exc:  # pragma: no cover (the form offers only the scale)
                form.add_error("value", exc.messages)
        if form.is_valid() and (value is not None or saved is not None or going_back):
            if going_back:
                return (
                    redirect("selfassessment:question", number - 1)
                    if number > 1
                    else redirect("selfassessment:start")
                )
            if number < len(domains):
                return redirect("selfassessment:question", number + 1)
            return redirect("selfassessment:summary")
        form.add_error("value", _("Choose a number. You can change it later."))
    context.update(
        {"domain": domain, "number": number, "form": form, "saved": saved,
         "items": list(domain.items.all())}
    )  # fmt: skip
    return render(
        request, "assessments/phone/question.html", context, status=400 if form.errors else 200
    )


@login_not_required
@never_cache
@require_GET
@_with_link
def summary(request: HttpRequest, link: SelfAssessmentLink) -> HttpResponse:
    context = _page_context(link)
    context["rows"] = [
        (n, d, context["answers"].get(d.pk)) for n, d in enumerate(context["domains"], start=1)
    ]
    return render(request, "assessments/phone/summary.html", context)


@login_not_required
@never_cache
@require_POST
@_with_link
def submit(request: HttpRequest, link: SelfAssessmentLink) -> HttpResponse:
    try:
        services.assessment_submit(actor=None, assessment=link.assessment, link=link)
    except ValidationError as exc:
        messages_text = " ".join(exc.messages)
        context = _page_context(link)
        context["rows"] = [
            (n, d, context["answers"].get(d.pk)) for n, d in enumerate(context["domains"], start=1)
        ]
        context["error"] = messages_text
        return render(request, "assessments/phone/summary.html", context, status=400)
    request.session.pop(SESSION_KEY, None)
    first_name = (
        ""
        if link.assessment.enrollment.person.protected_identity
        else link.assessment.enrollment.person.first_name
    )
    return render(request, "assessments/phone/done.html", {"first_name": first_name})
