"""Pages for working with employers: the register, an employer's contacts, agreements and
openings, the ranked participants for an opening, a participant's vocational profile and matching
openings, the hire, and support on the job after it."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from stegvis.core.forms_util import add_validation_errors
from stegvis.core.permissions import can, require_capability
from stegvis.employers import access, selectors, services
from stegvis.employers.forms import (
    AgreementForm,
    ContactForm,
    EmployerForm,
    HireForm,
    JobEndForm,
    OpeningForm,
    PersonForm,
    ProfileForm,
    RegisterEmployerForm,
    SearchForm,
    SupportForm,
)
from stegvis.employers.models import Employer
from stegvis.participants.models import Employment, Enrollment

CONTACT_WEEKS = 8

# --- The register and one employer -----------------------------------------------------------


@require_GET
@require_capability("employer.view")
def employer_list(request: HttpRequest) -> HttpResponse:
    form = SearchForm(request.GET or None)
    search = form.cleaned_data["q"] if form.is_valid() else ""
    page = Paginator(selectors.employer_list_for(request.user, search=search), 50).get_page(
        request.GET.get("page")
    )
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "page_obj": page,
        "query_without_page": query.urlencode() + "&" if query else "",
        "can_edit": can(request.user, "employer.edit"),
    }
    return render(request, "employers/employer_list.html", context)


@require_http_methods(["GET", "POST"])
@require_capability("employer.edit")
def employer_create(request: HttpRequest) -> HttpResponse:
    """Enter an employer; one already in the register (the same organisation number) is found."""
    organisations = selectors.organisations_for_register(request.user)
    form = RegisterEmployerForm(request.POST or None, organisations=organisations)
    if request.method == "POST" and form.is_valid():
        values = dict(form.cleaned_data)
        try:
            employer, created = services.employer_register(actor=request.user, **values)
        except ValidationError as exc:
            add_validation_errors(form, exc)
        else:
            if created:
                messages.success(request, _("The employer is in the register."))
            else:
                messages.info(request, _("The employer was already in the register (the same organisation number)."))  # fmt: skip
            return redirect(employer)
    return render(request, "employers/employer_form.html",
                  {"form": form, "title": _("Register an employer")}, status=400 if form.is_bound else 200)  # fmt: skip


def _employer_forms(
    request: HttpRequest, employer: Employer, data: Any = None, projects: Any = None
) -> dict:
    if projects is None:
        projects = selectors.projects_for_employer_work(request.user, employer)
    return {
        "person": PersonForm(data, prefix="person"),
        "contact": ContactForm(data, prefix="contact", projects=projects, people=employer.people.all()),
        "agreement": AgreementForm(data, prefix="agreement", projects=projects),
    }  # fmt: skip


def _employer_context(request: HttpRequest, employer: Employer, **extra: Any) -> dict:
    projects = selectors.projects_for_employer_work(request.user, employer)
    project_list = list(projects)  # once: the forms' choices and whether the user may add
    forms_by_kind = _employer_forms(request, employer, projects=projects)
    forms_by_kind.update(extra.pop("forms_by_kind", {}))
    return {
        "employer": employer,
        "can_edit": bool(project_list),
        "forms_by_kind": forms_by_kind,
        **selectors.employer_relations(employer),
        **extra,
    }


@require_GET
def employer_detail(request: HttpRequest, employer_id: str) -> HttpResponse:
    employer = access.access_employer(request.user, employer_id)
    return render(request, "employers/employer_detail.html", _employer_context(request, employer))


EMPLOYER_ADDS = {
    "person": services.employer_person_add,
    "contact": services.employer_contact_log,
    "agreement": services.agreement_add,
}


@require_POST
def employer_add(request: HttpRequest, employer_id: str, kind: str) -> HttpResponse:
    """Add a contact person, log a contact, or add an agreement (forms on the employer page)."""
    service = EMPLOYER_ADDS.get(kind)
    if service is None:
        raise Http404
    employer = access.access_employer(request.user, employer_id, for_write=True)
    form = _employer_forms(request, employer, request.POST)[kind]
    if form.is_valid():
        try:
            service(actor=request.user, employer=employer, **form.cleaned_data)
        except ValidationError as exc:
            add_validation_errors(form, exc)
        else:
            messages.success(request, _("Saved."))
            return redirect(f"{employer.get_absolute_url()}#{kind}")
    context = _employer_context(request, employer, forms_by_kind={kind: form}, open_kind=kind)
    return render(request, "employers/employer_detail.html", context, status=400)


@require_http_methods(["GET", "POST"])
def employer_edit(request: HttpRequest, employer_id: str) -> HttpResponse:
    employer = access.access_employer(request.user, employer_id, for_write=True)
    initial = {f: getattr(employer, f) for f in services.EMPLOYER_FIELDS}
    form = EmployerForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.employer_update(actor=request.user, employer=employer, **form.cleaned_data)
        except ValidationError as exc:
            add_validation_errors(form, exc)
        else:
            messages.success(request, _("The changes have been saved."))
            return redirect(employer)
    context = {"form": form, "employer": employer, "title": _("Change the employer's details")}
    return render(request, "employers/employer_form.html", context, status=400 if form.is_bound else 200)  # fmt: skip


@require_GET
@require_capability("employer.view")
def contact_stats(request: HttpRequest) -> HttpResponse:
    """Employer contacts per coach and week: the IPS fidelity scale expects several a week."""
    weeks, rows = selectors.employer_contacts_per_week(
        request.user, weeks=CONTACT_WEEKS, today=timezone.localdate()
    )
    return render(request, "employers/contact_stats.html", {"weeks": weeks, "rows": rows})


# --- Openings --------------------------------------------------------------------------------


@require_GET
@require_capability("employer.view")
def opening_list(request: HttpRequest) -> HttpResponse:
    openings = selectors.opening_list_for(request.user)
    page = Paginator(openings, 50).get_page(request.GET.get("page"))
    return render(
        request, "employers/opening_list.html", {"page_obj": page, "query_without_page": ""}
    )


@require_http_methods(["GET", "POST"])
def opening_create(request: HttpRequest, employer_id: str) -> HttpResponse:
    employer = access.access_employer(request.user, employer_id, for_write=True)
    projects = selectors.projects_for_employer_work(request.user, employer)
    if not projects.exists():
        raise Http404
    form = OpeningForm(request.POST or None, occupations=selectors.occupation_choices(), projects=projects,
                       initial={"municipality_code": employer.municipality_code})  # fmt: skip
    if request.method == "POST" and form.is_valid():
        try:
            opening = services.opening_create(
                actor=request.user, employer=employer, **form.cleaned_data
            )
        except ValidationError as exc:
            add_validation_errors(form, exc)
        else:
            messages.success(
                request, _("The opening has been saved. These participants fit it best.")
            )
            return redirect(opening)
    context = {"form": form, "employer": employer, "title": _("Add an opening")}
    return render(request, "employers/opening_form.html", context, status=400 if form.is_bound else 200)  # fmt: skip


@require_GET
def opening_detail(request: HttpRequest, opening_id: str) -> HttpResponse:
    """The opening, and the participants the user may see who fit it best, with the reasons."""
    opening, candidates = access.access_opening_candidates(request.user, opening_id)
    context = {
        "opening": opening,
        "candidates": candidates,
        "occupation": selectors.occupation_names({opening.ssyk}).get(opening.ssyk, ""),
        "can_hire": opening.status == "OPEN" and can(request.user, "employer.edit", scope=opening.project)
        and can(request.user, "participant.edit"),
    }  # fmt: skip
    return render(request, "employers/opening_detail.html", context)


@require_http_methods(["GET", "POST"])
def opening_edit(request: HttpRequest, opening_id: str) -> HttpResponse:
    opening = access.access_opening(request.user, opening_id, for_write=True)
    form = OpeningForm(request.POST or None, occupations=selectors.occupation_choices(),
                       initial={f: getattr(opening, f) for f in services.OPENING_FIELDS})  # fmt: skip
    if request.method == "POST" and form.is_valid():
        try:
            services.opening_update(actor=request.user, opening=opening, **form.cleaned_data)
        except ValidationError as exc:
            add_validation_errors(form, exc)
        else:
            messages.success(request, _("The changes have been saved."))
            return redirect(opening)
    context = {
        "form": form,
        "employer": opening.employer,
        "opening": opening,
        "title": _("Change the opening"),
    }
    return render(request, "employers/opening_form.html", context, status=400 if form.is_bound else 200)  # fmt: skip


@require_http_methods(["GET", "POST"])
def hire(request: HttpRequest, opening_id: str, enrollment_id: str) -> HttpResponse:
    """Record a hire: the participant gets the job of the opening (their job record), and the
    opening is filled."""
    opening, enrollment = access.access_hire(request.user, opening_id, enrollment_id)
    form = HireForm(request.POST or None, initial={"hours_per_week": opening.hours_per_week,
                                                    "start_date": opening.start_date or timezone.localdate()})  # fmt: skip
    if request.method == "POST" and form.is_valid():
        try:
            job = services.hire_record(actor=request.user, opening=opening, enrollment=enrollment,
                                       **form.cleaned_data)  # fmt: skip
        except ValidationError as exc:
            add_validation_errors(form, exc)
        else:
            messages.success(request, _("The hire is recorded. Log the support after it here."))
            return redirect("employers:job", enrollment.public_id, job.pk)
    context = {"form": form, "opening": opening, "enrollment": enrollment}
    return render(request, "employers/hire.html", context, status=400 if form.is_bound else 200)


# --- A participant's vocational profile and matches ------------------------------------------


@require_GET
def profile(request: HttpRequest, enrollment_id: str) -> HttpResponse:
    enrollment = access.access_vocational_profile(request.user, enrollment_id)
    vocational = selectors.profile_of(enrollment)
    context = {
        "enrollment": enrollment,
        "profile": vocational,
        "occupation": selectors.occupation_names({vocational.ssyk}).get(vocational.ssyk, "") if vocational else "",
        "history": selectors.profile_history(vocational) if vocational else [],
        "can_edit": can(request.user, "participant.edit"),
    }  # fmt: skip
    return render(request, "employers/profile.html", context)


@require_http_methods(["GET", "POST"])
def profile_edit(request: HttpRequest, enrollment_id: str) -> HttpResponse:
    enrollment = access.access_vocational_profile(request.user, enrollment_id, for_write=True)
    vocational = selectors.profile_of(enrollment)
    initial = {f: getattr(vocational, f) for f in services.PROFILE_FIELDS} if vocational else {}
    if initial:
        initial["driving_licence"] = {True: "yes", False: "no"}.get(initial["driving_licence"], "")
    form = ProfileForm(
        request.POST or None, initial=initial, occupations=selectors.occupation_choices()
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.profile_save(actor=request.user, enrollment=enrollment, **form.cleaned_data)
        except ValidationError as exc:
            add_validation_errors(form, exc)
        else:
            messages.success(request, _("The vocational profile has been saved."))
            return redirect("employers:profile", enrollment.public_id)
    context = {"form": form, "enrollment": enrollment, "title": _("Vocational profile")}
    return render(request, "employers/profile_form.html", context, status=400 if form.is_bound else 200)  # fmt: skip


@require_GET
def participant_matches(request: HttpRequest, enrollment_id: str) -> HttpResponse:
    """The open openings that fit the participant best, with the reasons."""
    enrollment = access.access_participant_matches(request.user, enrollment_id)
    context = {
        "enrollment": enrollment,
        "has_profile": selectors.profile_of(enrollment) is not None,
        "matches": selectors.openings_matching_for(request.user, enrollment),
        "can_hire": can(request.user, "employer.edit") and can(request.user, "participant.edit"),
    }
    return render(request, "employers/participant_matches.html", context)


# --- A job after the hire --------------------------------------------------------------------


def _job_context(request: HttpRequest, job: Employment, **extra: Any) -> dict:
    return {
        "job": job,
        "enrollment": job.enrollment,
        "support": selectors.job_support_for(job),
        "support_form": SupportForm(prefix="support"),
        "can_edit": can(request.user, "participant.edit"),
        **extra,
    }


@require_GET
def job(request: HttpRequest, enrollment_id: str, employment_id: int) -> HttpResponse:
    found = access.access_job(request.user, enrollment_id, employment_id)
    return render(request, "employers/job.html", _job_context(request, found))


@require_POST
def job_support_add(request: HttpRequest, enrollment_id: str, employment_id: int) -> HttpResponse:
    found = access.access_job(request.user, enrollment_id, employment_id, for_write=True)
    form = SupportForm(request.POST, prefix="support")
    if form.is_valid():
        try:
            services.job_support_add(actor=request.user, employment=found, **form.cleaned_data)
        except ValidationError as exc:
            add_validation_errors(form, exc)
        else:
            messages.success(request, _("Saved."))
            return redirect(f"{_job_url(found.enrollment, found)}#support")
    context = _job_context(request, found, support_form=form, open_support=True)
    return render(request, "employers/job.html", context, status=400)


def _job_url(enrollment: Enrollment, found: Employment) -> str:
    return reverse("employers:job", args=[enrollment.public_id, found.pk])


@require_http_methods(["GET", "POST"])
def job_end(request: HttpRequest, enrollment_id: str, employment_id: int) -> HttpResponse:
    """The last day of the job and why it ended; the coach is then prompted toward the next job."""
    found = access.access_job(request.user, enrollment_id, employment_id, for_write=True)
    form = JobEndForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.job_end(actor=request.user, employment=found, **form.cleaned_data)
        except ValidationError as exc:
            add_validation_errors(form, exc)
        else:
            messages.success(
                request, _("The end of the job is recorded. Next: help toward the next job.")
            )
            return redirect(found.enrollment)
    context = {
        "form": form,
        "job": found,
        "enrollment": found.enrollment,
        "title": _("The job ends"),
    }
    return render(request, "employers/job_end.html", context, status=400 if form.is_bound else 200)
