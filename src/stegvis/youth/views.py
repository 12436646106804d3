"""A young participant's school and studies page (with guardians, their consent and KAA), the
school's attendance file, and the project's school report with its downloads."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from stegvis.core.forms_util import add_validation_errors
from stegvis.core.permissions import can
from stegvis.participants import services as participant_services
from stegvis.participants.models import Enrollment
from stegvis.reports import access as report_access
from stegvis.reports import exporting
from stegvis.youth import access, chart, importing, report, selectors, services
from stegvis.youth.forms import (
    AttendanceFileForm,
    AttendanceForm,
    ConsentWithdrawForm,
    GuardianConsentForm,
    GuardianForm,
    KaaReferralForm,
    KaaStatusForm,
    PeriodForm,
    SedStepForm,
    StudiesForm,
)


@dataclass(frozen=True)
class Kind:
    form: type[forms.Form]
    service: Any
    title: str
    needs_enrollment: bool = False


KINDS = {
    "studies": Kind(StudiesForm, services.studies_add, gettext_lazy("Add a school or study place")),
    "attendance": Kind(AttendanceForm, None, gettext_lazy("Record a month's attendance"), True),
    "sed_step": Kind(
        SedStepForm,
        participant_services.step_record,
        gettext_lazy("Record a Supported Education step"),
    ),  # fmt: skip
    "guardian": Kind(GuardianForm, services.guardian_add, gettext_lazy("Add a guardian")),
    "consent": Kind(GuardianConsentForm, None, gettext_lazy("Record a guardian's consent"), True),
    "kaa_status": Kind(
        KaaStatusForm, services.kaa_status_record, gettext_lazy("Record the KAA status")
    ),
    "kaa_referral": Kind(
        KaaReferralForm, services.kaa_referral_add, gettext_lazy("Record a KAA referral")
    ),
}


def _form(kind: str, enrollment: Enrollment, data: Any = None) -> forms.Form:
    spec = KINDS[kind]
    extra = {"enrollment": enrollment} if spec.needs_enrollment else {}
    return spec.form(data, prefix=kind, **extra)


def _save(kind: str, request: HttpRequest, enrollment: Enrollment, values: dict) -> None:
    if kind == "attendance":
        studies = access.access_studies(enrollment, values.pop("studies"))
        services.attendance_record(actor=request.user, studies=studies, **values)
    elif kind == "consent":
        guardian = enrollment.guardians.get(pk=values.pop("guardian"))
        services.guardian_consent_record(
            actor=request.user, enrollment=enrollment, guardian=guardian, **values
        )
    else:
        KINDS[kind].service(actor=request.user, enrollment=enrollment, **values)


def _page_context(request: HttpRequest, enrollment: Enrollment, **extra: Any) -> dict:
    forms_by_kind = {kind: _form(kind, enrollment) for kind in KINDS}
    forms_by_kind.update(extra.pop("forms_by_kind", {}))
    return {
        "enrollment": enrollment,
        "person": enrollment.person,
        "can_edit": can(request.user, "youth.edit", scope=enrollment.project),
        "forms_by_kind": forms_by_kind,
        "kinds": KINDS,
        **selectors.youth_page(enrollment, today=timezone.localdate()),
        **extra,
    }


@require_GET
def participant(request: HttpRequest, enrollment_id: str) -> HttpResponse:
    enrollment = access.access_youth_enrollment(request.user, enrollment_id)
    return render(request, "youth/participant.html", _page_context(request, enrollment))


@require_POST
def add(request: HttpRequest, enrollment_id: str, kind: str) -> HttpResponse:
    if kind not in KINDS:
        raise Http404
    enrollment = access.access_youth_enrollment(request.user, enrollment_id, for_write=True)
    form = _form(kind, enrollment, request.POST)
    if form.is_valid():
        try:
            _save(kind, request, enrollment, dict(form.cleaned_data))
        except ValidationError as exc:
            add_validation_errors(form, exc)
        else:
            messages.success(request, _("Saved."))
            return redirect(f"{_url(enrollment)}#{kind}")
    context = _page_context(request, enrollment, forms_by_kind={kind: form}, open_kind=kind)
    return render(request, "youth/participant.html", context, status=400)


def _url(enrollment: Enrollment) -> str:
    return reverse("youth:participant", args=[enrollment.public_id])


@require_http_methods(["GET", "POST"])
def studies_edit(request: HttpRequest, enrollment_id: str, studies_id: int) -> HttpResponse:
    """Change a study place and record its outcomes: completed, grades, eligibility, dropout."""
    enrollment = access.access_youth_enrollment(request.user, enrollment_id, for_write=True)
    studies = access.access_studies(enrollment, studies_id)
    initial = {name: getattr(studies, name) for name in services.STUDIES_FIELDS}
    form = StudiesForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.studies_update(actor=request.user, studies=studies, **form.cleaned_data)
        except ValidationError as exc:
            add_validation_errors(form, exc)
        else:
            messages.success(request, _("The changes have been saved."))
            return redirect(f"{_url(enrollment)}#studies")
    context = {"enrollment": enrollment, "form": form,
               "title": _("Studies and their outcomes: %(school)s") % {"school": studies.school}}  # fmt: skip
    return render(request, "youth/form_page.html", context, status=400 if form.is_bound else 200)


@require_http_methods(["GET", "POST"])
def consent_withdraw(request: HttpRequest, enrollment_id: str, consent_id: int) -> HttpResponse:
    enrollment = access.access_youth_enrollment(request.user, enrollment_id, for_write=True)
    consent = access.access_guardian_consent(enrollment, consent_id)
    form = ConsentWithdrawForm(request.POST or None, initial={"on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            services.guardian_consent_withdraw(
                actor=request.user, consent=consent, **form.cleaned_data
            )
        except ValidationError as exc:
            add_validation_errors(form, exc)
        else:
            messages.success(request, _("The consent has been withdrawn."))
            return redirect(f"{_url(enrollment)}#consent")
    context = {
        "enrollment": enrollment,
        "form": form,
        "title": _("Withdraw the guardian's consent"),
    }
    return render(request, "youth/form_page.html", context, status=400 if form.is_bound else 200)


@require_http_methods(["GET", "POST"])
def attendance_import(request: HttpRequest, project_id: str) -> HttpResponse:
    """The school's attendance file: checked whole, then written all at once or not at all."""
    project = access.access_attendance_import(request.user, project_id)
    form = AttendanceFileForm(
        request.POST if request.method == "POST" else None, request.FILES or None
    )
    context: dict[str, Any] = {"project": project, "form": form, "columns": importing.COLUMNS}
    if request.method == "POST" and form.is_valid():
        checked = importing.check_attendance_file(project, form.cleaned_data["file"].read())
        if not checked.errors:
            try:
                counts = services.attendance_import(
                    actor=request.user, project=project, lines=checked.lines
                )
            except ValidationError as exc:
                checked.errors.extend(exc.messages)
            else:
                context["counts"] = counts
                return render(request, "youth/attendance_import.html", context)
        context["errors"] = checked.errors
        return render(request, "youth/attendance_import.html", context, status=400)
    return render(
        request, "youth/attendance_import.html", context, status=400 if form.is_bound else 200
    )


def _report(request: HttpRequest, project_id: str) -> tuple:
    project = report_access.access_project_reports(request.user, project_id)
    form = PeriodForm(request.GET or None, label_suffix="")
    period = form.cleaned_data if form.is_bound and form.is_valid() else {}
    result = report.school_report(project, start=period.get("start"), end=period.get("end"))
    exact = report_access.reports_show_small_numbers(request.user, project)
    return project, form, result, exact


@require_GET
def school_report(request: HttpRequest, project_id: str) -> HttpResponse:
    project, form, result, exact = _report(request, project_id)
    rows = report.report_table(result, exact=exact)
    context = {
        "project": project, "form": form, "report": result, "exact": exact, "rows": rows,
        "chart": chart.school_chart(rows), "small_number": report.SMALL_NUMBER,
        "query": request.GET.urlencode(),
        "can_import": can(request.user, "attendance.import", scope=project),
    }  # fmt: skip
    return render(request, "youth/report.html", context)


def export_table(result: report.SchoolReport, *, exact: bool) -> list[list]:
    """The report as the file holds it: a measure per row, K, M, X and total."""
    header = [_("School report file: measure"), *report.COLUMNS]
    return [
        header,
        *[[str(r["label"]), *r["cells"]] for r in report.report_table(result, exact=exact)],
    ]


@require_GET
def school_report_download(request: HttpRequest, project_id: str, fmt: str) -> HttpResponse:
    if fmt not in exporting.CONTENT_TYPES:
        raise Http404
    project, form, result, exact = _report(request, project_id)
    period = [d.isoformat() if d else "" for d in (result.start, result.end)]
    table = [
        [float(c) if hasattr(c, "as_tuple") else c for c in row]
        for row in export_table(result, exact=exact)
    ]
    return exporting.export_response(
        table, fmt=fmt, filename=f"skola-{project.diarienummer.replace('/', '-')}", actor=request.user,
        project=project, report="school", people=result.people,
        details={"from": period[0], "to": period[1], "exact": exact},
    )  # fmt: skip
