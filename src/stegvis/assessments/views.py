"""Staff pages: a participant's assessments, the coach's rating, self-assessment links, the
project's settings and the instruments. The participant's own pages are in views_phone.py."""

from __future__ import annotations

import segno
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from stegvis.assessments import access, selectors, services
from stegvis.assessments.forms import (
    CoachRatingForm,
    DomainForm,
    DomainFormSet,
    InstrumentForm,
    LinkForm,
    ProjectSettingsForm,
    VersionForm,
)
from stegvis.assessments.models import Rater
from stegvis.core.forms_util import add_validation_errors
from stegvis.core.permissions import can, require_capability
from stegvis.participants.models import Enrollment


def _version_from(request: HttpRequest, enrollment: Enrollment, rater: str):  # noqa: ANN202
    """The instrument version chosen (?instrument=CODE) among the project's, else the first."""
    versions = selectors.current_versions_for_project(enrollment.project, rater=rater)
    if not versions:
        raise Http404
    code = request.GET.get("instrument") or request.POST.get("instrument")
    chosen = [v for v in versions if v.instrument.code == code]
    return (chosen or versions)[0], versions


def _participant_context(request: HttpRequest, enrollment: Enrollment, **extra) -> dict:  # noqa: ANN003
    version, versions = _version_from(request, enrollment, Rater.SELF)
    draft = selectors.open_self_assessment(enrollment)
    return {
        "enrollment": enrollment,
        "person": enrollment.person,
        "can_edit": can(request.user, "participant.edit"),
        "comparison": selectors.latest_comparison(enrollment),
        "tables": selectors.history_tables(enrollment),
        "draft": draft,
        "draft_total": len(draft.version.domains_for(Rater.SELF)) if draft else 0,
        "difference_to_highlight": selectors.DIFFERENCE_TO_HIGHLIGHT,
        "links": [link for link in selectors.links_for(enrollment) if link.is_usable()],
        "link_form": LinkForm(person=enrollment.person),
        "self_versions": versions,
        "self_version": version,
        "interval": selectors.project_interval_months(enrollment.project),
        **extra,
    }


@require_GET
def participant(request: HttpRequest, enrollment_id: str) -> HttpResponse:
    enrollment = access.access_participant_assessments(request.user, enrollment_id)
    return render(
        request, "assessments/participant.html", _participant_context(request, enrollment)
    )


@require_http_methods(["GET", "POST"])
def rate(request: HttpRequest, enrollment_id: str) -> HttpResponse:
    """The coach rates the same domains (and tilltro); or enters a self-assessment made on paper."""
    enrollment = access.access_participant_assessments(request.user, enrollment_id, for_write=True)
    version, versions = _version_from(request, enrollment, Rater.COACH)
    form = CoachRatingForm(request.POST or None, version=version)
    if request.method == "POST" and form.is_valid():
        try:
            services.assessment_record(
                actor=request.user, enrollment=enrollment, version=version,
                rater=form.cleaned_data["rater"], date=form.cleaned_data["date"], ratings=form.ratings(),
            )  # fmt: skip
        except ValidationError as exc:
            add_validation_errors(form, exc)
        else:
            messages.success(request, _("The assessment has been saved."))
            return redirect("assessments:participant", enrollment.public_id)
    context = {
        "enrollment": enrollment,
        "form": form,
        "version": version,
        "versions": versions,
        "low_words": version.label_for(version.scale_min),
        "high_words": version.label_for(version.scale_max),
    }
    return render(request, "assessments/rate.html", context, status=400 if form.is_bound else 200)


def _qr_data_uri(url: str) -> str:
    # An <img> with a data: URI: the CSP allows data: images, and no inline style is needed.
    return segno.make(url, error="m").svg_data_uri(scale=6, border=2)


@require_POST
def link_create(request: HttpRequest, enrollment_id: str) -> HttpResponse:
    """Make a personal self-assessment link; show it with a QR code, or send it. The token is only
    ever in this response (and the message sent), so the page is rendered, not redirected to."""
    enrollment = access.access_participant_assessments(request.user, enrollment_id, for_write=True)
    version, _versions = _version_from(request, enrollment, Rater.SELF)
    form = LinkForm(request.POST, person=enrollment.person)
    if not form.is_valid():
        context = _participant_context(request, enrollment, link_form=form)
        return render(request, "assessments/participant.html", context, status=400)
    try:
        link, token = services.selfassessment_link_create(
            actor=request.user, enrollment=enrollment, version=version
        )
        url = request.build_absolute_uri(reverse("selfassessment:open", args=[token]))
        channel = form.cleaned_data["channel"]
        if channel != "show":
            services.selfassessment_link_send(
                actor=request.user, link=link, url=url, channel=channel
            )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("assessments:participant", enrollment.public_id)
    if channel != "show":
        messages.success(request, _("The link has been sent. It works for %(days)s days.")
                         % {"days": services.link_lifetime().days})  # fmt: skip
        return redirect("assessments:participant", enrollment.public_id)
    context = {
        "enrollment": enrollment,
        "link": link,
        "url": url,
        "qr": _qr_data_uri(url),
        "version": version,
    }
    response = render(request, "assessments/link_created.html", context)
    response["Cache-Control"] = "no-store"
    return response


@require_POST
def link_revoke(request: HttpRequest, enrollment_id: str, link_id: int) -> HttpResponse:
    enrollment = access.access_participant_assessments(request.user, enrollment_id, for_write=True)
    link = access.access_link_of(request.user, enrollment, link_id)
    services.selfassessment_link_revoke(actor=request.user, link=link)
    messages.success(request, _("The link no longer works. The answers given are kept."))
    return redirect("assessments:participant", enrollment.public_id)


@require_http_methods(["GET", "POST"])
def project_settings(request: HttpRequest, project_id: str) -> HttpResponse:
    project = access.access_project_assessment_settings(request.user, project_id)
    found = selectors.project_settings(project)
    initial = {
        "interval_months": selectors.project_interval_months(project),
        "instruments": selectors.instruments_for_project(project) if found is None else found.instruments.all(),
    }  # fmt: skip
    form = ProjectSettingsForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.project_assessment_settings_update(
            actor=request.user, project=project, **form.cleaned_data
        )
        messages.success(request, _("The changes have been saved."))
        return redirect("participants:project_overview", project.public_id)
    return render(request, "assessments/project_settings.html", {"project": project, "form": form})


# --- Instruments (administrators) -------------------------------------------------------------


@require_GET
@require_capability("instrument.manage")
def instrument_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "assessments/instrument_list.html",
        {"instruments": selectors.instrument_list_for(request.user)},
    )


def _domain_specs(formset) -> list:  # noqa: ANN001
    return [spec for form in formset.forms if (spec := form.spec()) is not None]


@require_http_methods(["GET", "POST"])
@require_capability("instrument.manage")
def instrument_create(request: HttpRequest) -> HttpResponse:
    data = request.POST or None
    form = InstrumentForm(data, prefix="instrument")
    version_form = VersionForm(data, prefix="version")
    formset = DomainFormSet(data, prefix="domains")
    if request.method == "POST" and all(f.is_valid() for f in (form, version_form, formset)):
        try:
            instrument = services.instrument_create(
                actor=request.user, **form.cleaned_data, domains=_domain_specs(formset),
                scale_min=version_form.cleaned_data["scale_min"], scale_max=version_form.cleaned_data["scale_max"],
                scale_labels=version_form.cleaned_data["steps"], rated_by=version_form.cleaned_data["rated_by"],
            )  # fmt: skip
        except ValidationError as exc:
            add_validation_errors(form, exc)
        else:
            messages.success(request, _("The instrument has been added."))
            return redirect("assessments:instrument_detail", instrument.public_id)
    context = {"form": form, "version_form": version_form, "formset": formset}
    return render(request, "assessments/instrument_form.html", context)


@require_http_methods(["GET", "POST"])
def instrument_detail(request: HttpRequest, instrument_id: str) -> HttpResponse:
    """The instrument's versions and domains; its names and descriptions can be changed here."""
    instrument = access.access_instrument(request.user, instrument_id)
    initial = {f: getattr(instrument, f) for f in services.INSTRUMENT_FIELDS}
    form = InstrumentForm(request.POST or None, initial={"code": instrument.code, **initial})
    form.fields.pop("code")
    if request.method == "POST" and form.is_valid():
        services.instrument_update(actor=request.user, instrument=instrument, **form.cleaned_data)
        messages.success(request, _("The changes have been saved."))
        return redirect("assessments:instrument_detail", instrument.public_id)
    versions = [
        selectors.version_with_domains(v.pk) for v in instrument.versions.order_by("-number")
    ]
    context = {"instrument": instrument, "form": form, "versions": versions}
    return render(request, "assessments/instrument_detail.html", context)


@require_http_methods(["GET", "POST"])
def instrument_version(request: HttpRequest, instrument_id: str) -> HttpResponse:
    """Change the scale or the domains. With answers on the current version, this makes a new one."""
    instrument = access.access_instrument(request.user, instrument_id)
    current = instrument.current_version()
    if current is None:
        raise Http404
    current = selectors.version_with_domains(current.pk)
    data = request.POST or None
    version_form = VersionForm(data, prefix="version", initial=VersionForm.initial_for(current))
    formset = DomainFormSet(
        data, prefix="domains", initial=[DomainForm.initial_for(d) for d in current.domains.all()]
    )
    if request.method == "POST" and version_form.is_valid() and formset.is_valid():
        try:
            version = services.instrument_version_save(
                actor=request.user, instrument=instrument, domains=_domain_specs(formset),
                scale_min=version_form.cleaned_data["scale_min"], scale_max=version_form.cleaned_data["scale_max"],
                scale_labels=version_form.cleaned_data["steps"], rated_by=version_form.cleaned_data["rated_by"],
            )  # fmt: skip
        except ValidationError as exc:
            add_validation_errors(version_form, exc)
        else:
            if version.pk == current.pk:
                messages.success(request, _("Version %(n)s has been changed (it had no answers yet).")
                                 % {"n": version.number})  # fmt: skip
            else:
                messages.success(request, _("Saved as version %(n)s. Earlier answers keep version %(old)s.")
                                 % {"n": version.number, "old": current.number})  # fmt: skip
            return redirect("assessments:instrument_detail", instrument.public_id)
    context = {
        "instrument": instrument,
        "current": current,
        "has_answers": current.assessments.exists(),
        "version_form": version_form,
        "formset": formset,
        "today": timezone.localdate(),
    }
    return render(request, "assessments/instrument_version.html", context)
