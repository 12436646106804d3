"""Pages for the coach's and the manager's day: caseload, the participant's time line, enrollment,
exit and follow-up, project overview and duplicate people. Referral pages: views_referrals.py."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from stegvis.core.forms_util import add_validation_errors
from stegvis.core.permissions import can, require_capability
from stegvis.participants import access, selectors, services
from stegvis.participants.forms import (
    CaseloadFilterForm,
    CoachChangeForm,
    ConsentForm,
    ConsentWithdrawForm,
    ContactForm,
    EmploymentEndForm,
    EmploymentForm,
    EnrollmentForm,
    ExitForm,
    FollowUpForm,
    GoalForm,
    GoalReachedForm,
    InterventionForm,
    NoteCorrectionForm,
    NoteForm,
    PersonForm,
    StepForm,
)
from stegvis.participants.models import Enrollment, ReferralStatus


@require_GET
@require_capability("participant.view")
def caseload(request: HttpRequest) -> HttpResponse:
    form = CaseloadFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    filters = selectors.CaseloadFilters(
        search=data.get("q", ""),
        status=data.get("status") or "active",
        method=data.get("method", ""),
    )
    today = timezone.localdate()
    page = Paginator(
        selectors.caseload_for(request.user, filters=filters, today=today), 50
    ).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "page_obj": page,
        "today": today,
        "query_without_page": query.urlencode() + "&" if query else "",
        "due": selectors.follow_ups_due_for(
            request.user, until=today + timezone.timedelta(days=30), today=today
        )[:10],
        "overview_projects": selectors.projects_with_overview_for(request.user),
    }
    template = (
        "participants/_caseload_table.html"
        if request.headers.get("HX-Request")
        else "participants/caseload.html"
    )
    return render(request, template, context)


class EnrollConsentForm(forms.Form):
    consent_registration = forms.BooleanField(
        label=gettext_lazy("The person agrees to be registered with name and number"),
        required=False,
        help_text=gettext_lazy(
            "Without consent, register the person with birth year and gender only."
        ),
    )


@require_http_methods(["GET", "POST"])
@require_capability("participant.enroll")
def enroll(request: HttpRequest) -> HttpResponse:
    """Register a person and enroll them: from an accepted referral, or directly in a project."""
    referral = None
    if request.GET.get("referral"):
        referral = access.access_referral(request.user, request.GET["referral"])
        if referral.status != ReferralStatus.ACCEPTED:
            raise Http404
        projects = selectors.projects_for_enrolling(request.user).filter(
            pk=referral.group.project_id
        )
    else:
        projects = selectors.projects_for_enrolling(request.user)
    project = (
        projects.filter(public_id=request.GET.get("project")).first()
        if request.GET.get("project")
        else None
    )
    if referral is not None:
        project = projects.first()
        if project is None:
            raise PermissionDenied
    if project is None:
        return render(request, "participants/enroll_choose_project.html", {"projects": projects})
    data = request.POST if request.method == "POST" else None
    person_form = None if referral else PersonForm(data, prefix="person")
    consent_form = EnrollConsentForm(data, prefix="consent")
    if referral is not None:
        # The referral already registered the person by name; this consent is to the project.
        consent_field = consent_form.fields["consent_registration"]
        consent_field.label = _("The person agrees to be registered in the project")
        consent_field.help_text = ""
    enrollment_form = EnrollmentForm(data, prefix="enrollment", coaches=selectors.coaches_for(project),
                                     initial={"coach": request.user.pk})  # fmt: skip
    forms_ok = all(
        f.is_valid() for f in (person_form, consent_form, enrollment_form) if f is not None
    )
    if request.method == "POST" and forms_ok:
        try:
            enrollment = _enroll(
                request, project, referral, person_form, consent_form, enrollment_form
            )
        except ValidationError as exc:
            add_validation_errors(enrollment_form if person_form is None else person_form, exc)
        else:
            messages.success(request, _("%(name)s takes part in %(project)s from %(date)s.")
                             % {"name": enrollment.person, "project": project.name, "date": enrollment.start_date})  # fmt: skip
            return redirect(enrollment)
    context = {
        "project": project,
        "referral": referral,
        "person_form": person_form,
        "consent_form": consent_form,
        "enrollment_form": enrollment_form,
    }
    return render(request, "participants/enroll_form.html", context)


def _enroll(request, project, referral, person_form, consent_form, enrollment_form) -> Enrollment:  # noqa: ANN001
    with transaction.atomic():
        if referral is not None:
            person = referral.person
        else:
            values = dict(person_form.cleaned_data)
            consent = consent_form.cleaned_data["consent_registration"]
            if not consent and (
                values["identity_number"] or values["first_name"] or values["last_name"]
            ):
                raise ValidationError(
                    _(
                        "Without the person's consent, register only birth year and gender (leave name and number empty)."
                    )
                )
            person, created = services.person_register(actor=request.user, **values)
            if not created:
                messages.info(
                    request,
                    _(
                        "The person was already registered in Stegvis; the new participation is linked to them."
                    ),
                )
        enrollment = services.enrollment_create(actor=request.user, project=project, person=person, referral=referral,
                                                **enrollment_form.cleaned_data)  # fmt: skip
        if consent_form.cleaned_data["consent_registration"]:
            services.consent_record(actor=request.user, person=person, enrollment=enrollment, purpose="REGISTRATION",
                                    given_on=enrollment.start_date)  # fmt: skip
    return enrollment


@dataclass(frozen=True)
class TimelineKind:
    form: type[forms.Form]
    service: Any
    title: str
    argument: str = "enrollment"


TIMELINE_KINDS = {
    "contact": TimelineKind(ContactForm, services.contact_add, gettext_lazy("Record a contact")),
    "intervention": TimelineKind(
        InterventionForm, services.intervention_add, gettext_lazy("Add a parallel intervention")
    ),
    "step": TimelineKind(
        StepForm, services.step_record, gettext_lazy("Record a step of the method")
    ),
    "goal": TimelineKind(GoalForm, services.goal_add, gettext_lazy("Add a goal")),
    "employment": TimelineKind(
        EmploymentForm, services.employment_add, gettext_lazy("Add a job or study place")
    ),
    "note": TimelineKind(NoteForm, services.note_add, gettext_lazy("Write a note")),
    "consent": TimelineKind(ConsentForm, services.consent_record, gettext_lazy("Record a consent")),
}


def _timeline_context(request: HttpRequest, enrollment: Enrollment, **extra: Any) -> dict:
    forms_by_kind = {kind: spec.form(prefix=kind) for kind, spec in TIMELINE_KINDS.items()}
    forms_by_kind.update(extra.pop("forms_by_kind", {}))
    today = timezone.localdate()
    return {
        "enrollment": enrollment,
        "person": enrollment.person,
        "can_edit": can(request.user, "participant.edit"),
        "can_reveal": can(request.user, "identity.reveal"),
        "forms_by_kind": forms_by_kind,
        "kinds": TIMELINE_KINDS,
        "today": today,
        "follow_up_stopped": enrollment.end_date is not None
        and selectors.follow_up_stopped(enrollment.person, on=today),
        **selectors.enrollment_timeline(enrollment, viewer=request.user),
        **extra,
    }


@require_GET
def detail(request: HttpRequest, enrollment_id: str) -> HttpResponse:
    enrollment = access.access_enrollment(request.user, enrollment_id)
    return render(request, "participants/detail.html", _timeline_context(request, enrollment))


@require_POST
def timeline_add(request: HttpRequest, enrollment_id: str, kind: str) -> HttpResponse:
    spec = TIMELINE_KINDS.get(kind)
    if spec is None:
        raise Http404
    enrollment = access.access_enrollment(request.user, enrollment_id, for_write=True)
    form = spec.form(request.POST, prefix=kind)
    if form.is_valid():
        values = dict(form.cleaned_data)
        if kind == "consent":
            values.update(person=enrollment.person, enrollment=enrollment)
        else:
            values["enrollment"] = enrollment
        try:
            spec.service(actor=request.user, **values)
        except ValidationError as exc:
            add_validation_errors(form, exc)
        else:
            messages.success(request, _("Saved."))
            return redirect(f"{enrollment.get_absolute_url()}#{kind}")
    context = _timeline_context(request, enrollment, forms_by_kind={kind: form}, open_kind=kind)
    return render(request, "participants/detail.html", context, status=400)


ITEM_ACTIONS = {
    ("goal", "reached"): (GoalReachedForm, "goals", services.goal_reach, "goal"),
    ("employment", "end"): (
        EmploymentEndForm,
        "employments",
        services.employment_end,
        "employment",
    ),
    ("note", "correct"): (NoteCorrectionForm, "notes", services.note_correct, "note"),
    ("follow_up", "record"): (FollowUpForm, "follow_ups", services.follow_up_record, "follow_up"),
    ("consent", "withdraw"): (
        ConsentWithdrawForm,
        "consents",
        services.consent_withdraw,
        "consent",
    ),
}


@require_http_methods(["GET", "POST"])
def timeline_action(
    request: HttpRequest, enrollment_id: str, kind: str, item_id: int, action: str
) -> HttpResponse:
    """One action on one item of the time line: goal reached, job ended, note corrected, follow-up
    recorded, consent withdrawn. GET shows the form on its own page (it works without JavaScript)."""
    spec = ITEM_ACTIONS.get((kind, action))
    if spec is None:
        raise Http404
    form_class, relation, service, argument = spec
    enrollment = access.access_enrollment(request.user, enrollment_id, for_write=True)
    owner = enrollment.person if relation == "consents" else enrollment
    item = getattr(owner, relation).filter(pk=item_id).first()
    if item is None:
        raise Http404
    form = form_class(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            service(actor=request.user, **{argument: item}, **form.cleaned_data)
        except ValidationError as exc:
            add_validation_errors(form, exc)
        else:
            messages.success(request, _("Saved."))
            return redirect(enrollment)
    context = {"enrollment": enrollment, "item": item, "form": form, "kind": kind, "action": action}
    return render(
        request, "participants/timeline_action.html", context, status=400 if form.is_bound else 200
    )


@require_http_methods(["GET", "POST"])
def edit(request: HttpRequest, enrollment_id: str) -> HttpResponse:
    enrollment = access.access_enrollment(request.user, enrollment_id, for_write=True)
    fields = [f for f in EnrollmentForm.base_fields if f != "coach"]
    initial = {f: getattr(enrollment, f) for f in fields}
    form = EnrollmentForm(
        request.POST or None, initial=initial, coaches=selectors.coaches_for(enrollment.project)
    )
    form.fields.pop("coach")
    if request.method == "POST" and form.is_valid():
        values = {k: v for k, v in form.cleaned_data.items() if k != "participant_code" or v}
        try:
            services.enrollment_update(actor=request.user, enrollment=enrollment, **values)
        except ValidationError as exc:
            add_validation_errors(form, exc)
        else:
            messages.success(request, _("The changes have been saved."))
            return redirect(enrollment)
    return render(request, "participants/edit.html", {"enrollment": enrollment, "form": form,
                                                      "title": _("Change the start details")})  # fmt: skip


@require_http_methods(["GET", "POST"])
def person_edit(request: HttpRequest, enrollment_id: str) -> HttpResponse:
    enrollment = access.access_enrollment(request.user, enrollment_id, for_write=True)
    person = enrollment.person
    initial = {f: getattr(person, f) for f in services.PERSON_FIELDS}
    form = PersonForm(request.POST or None, initial=initial)
    form.fields["identity_number"].help_text = _("Leave empty to keep the registered number.")
    if request.method == "POST" and form.is_valid():
        try:
            services.person_update(actor=request.user, person=person, **form.cleaned_data)
        except ValidationError as exc:
            add_validation_errors(form, exc)
        else:
            messages.success(request, _("The changes have been saved."))
            return redirect(enrollment)
    return render(request, "participants/edit.html", {"enrollment": enrollment, "form": form,
                                                      "title": _("Correct the person's details")})  # fmt: skip


@require_POST
def reveal_identity_number(request: HttpRequest, enrollment_id: str) -> HttpResponse:
    """Show the full identity number to a user with the right; the reveal is audited."""
    enrollment = access.access_enrollment(request.user, enrollment_id)
    if not can(request.user, "identity.reveal"):
        raise PermissionDenied
    number = services.person_reveal_identity_number(actor=request.user, person=enrollment.person)
    if request.headers.get("HX-Request"):
        return render(
            request,
            "participants/_identity_number.html",
            {"number": number, "person": enrollment.person},
        )
    context = _timeline_context(request, enrollment, revealed_number=number)
    return render(request, "participants/detail.html", context)


@require_http_methods(["GET", "POST"])
def change_coach(request: HttpRequest, enrollment_id: str) -> HttpResponse:
    enrollment = access.access_enrollment(request.user, enrollment_id, for_write=True)
    coaches = selectors.coaches_for(enrollment.project).exclude(pk=enrollment.coach_id)
    form = CoachChangeForm(request.POST or None, coaches=coaches)
    if request.method == "POST" and form.is_valid():
        try:
            services.enrollment_change_coach(
                actor=request.user, enrollment=enrollment, **form.cleaned_data
            )
        except ValidationError as exc:
            add_validation_errors(form, exc)
        else:
            messages.success(request, _("The coach has been changed."))
            if (
                can(request.user, "participant.view")
                and selectors.caseload_for(
                    request.user,
                    filters=selectors.CaseloadFilters(status="all"),
                    today=timezone.localdate(),
                )
                .filter(pk=enrollment.pk)
                .exists()
            ):
                return redirect(enrollment)
            return redirect("participants:caseload")
    return render(request, "participants/edit.html", {"enrollment": enrollment, "form": form,
                                                      "title": _("Change coach")})  # fmt: skip


@require_http_methods(["GET", "POST"])
def exit_enrollment(request: HttpRequest, enrollment_id: str) -> HttpResponse:
    enrollment = access.access_enrollment(request.user, enrollment_id, for_write=True)
    if enrollment.end_date is not None:
        messages.info(request, _("The participant has already left."))
        return redirect(enrollment)
    form = ExitForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.enrollment_exit(actor=request.user, enrollment=enrollment, **form.cleaned_data)
        except ValidationError as exc:
            add_validation_errors(form, exc)
        else:
            messages.success(
                request,
                _(
                    "The participant has left the project. Follow-ups after 6 and 12 months are due."
                ),
            )
            return redirect(enrollment)
    return render(request, "participants/edit.html", {"enrollment": enrollment, "form": form,
                                                      "title": _("Register the participant out")})  # fmt: skip


@require_GET
def project_overview(request: HttpRequest, project_id: str) -> HttpResponse:
    project = access.access_project_participants(request.user, project_id)
    return render(
        request,
        "participants/project_overview.html",
        {"project": project, **selectors.project_overview(project)},
    )


@require_GET
@require_capability("person.merge")
def duplicates(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "participants/duplicates.html",
        {"groups": selectors.duplicate_candidates_for(request.user)},
    )


@require_POST
@require_capability("person.merge")
def merge(request: HttpRequest) -> HttpResponse:
    keep = access.access_person_for_merge(request.user, request.POST.get("keep", ""))
    other = access.access_person_for_merge(request.user, request.POST.get("merge", ""))
    try:
        services.person_merge(actor=request.user, keep=keep, merge=other)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The records have been merged. Both histories are kept."))
    return redirect("participants:duplicates")
