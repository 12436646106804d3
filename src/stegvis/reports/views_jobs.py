"""Reports over every project a user may see, computed by the background worker.

- /reports/esf/ : the ESF+ indicators of all my projects: a period form (POST starts the job)
  and the latest such reports asked for.
- /reports/methods/jobs/ (POST): the method comparison of all my projects in the background, from
  the method page when the projects hold many participants.
- /reports/jobs/<uuid>/ : the job's page, polled by htmx while it runs (HTTP 286 stops the
  polling), then the result; /reports/jobs/<uuid>/download.<fmt> the ESF result as CSV, XLSX or
  PDF, audited as report.exported.
Who sees the small numbers is decided when the job runs (ReportJob.exact).
"""

from __future__ import annotations

import datetime
import uuid

from django import forms
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from stegvis.reports import access, esf, exporting, methods, pdf, services
from stegvis.reports.models import ReportJob
from stegvis.reports.views_esf import PeriodForm, esf_charts, esf_export_table, esf_pdf_sections
from stegvis.reports.views_methods import methods_file, result_context


def _reportable(request: HttpRequest) -> list:
    projects = access.reportable_projects(request.user)
    if not projects:
        raise Http404
    return projects


@require_http_methods(["GET", "POST"])
def esf_all(request: HttpRequest) -> HttpResponse:
    """The ESF+ indicators of all my projects: the form, and on POST the job is started."""
    projects = _reportable(request)
    form = PeriodForm(request.POST if request.method == "POST" else None, label_suffix="")
    if request.method == "POST" and form.is_valid():
        job = services.report_job_start(
            actor=request.user, kind=ReportJob.Kind.ESF, start=form.cleaned_data.get("start"),
            end=form.cleaned_data.get("end"),
        )  # fmt: skip
        return redirect("reports:job", job_id=job.public_id)
    jobs = ReportJob.objects.filter(started_by=request.user, kind=ReportJob.Kind.ESF)[:10]
    context = {"form": form, "projects": projects, "jobs": jobs}
    return render(request, "reports/esf_all.html", context, status=400 if form.errors else 200)


class AsOfForm(forms.Form):
    as_of = forms.DateField(label=_("Method comparison: as of"), required=False)


@require_POST
def methods_job_start(request: HttpRequest) -> HttpResponse:
    """The method comparison of all my projects, in the background."""
    _reportable(request)
    form = AsOfForm(request.POST)
    as_of = form.cleaned_data.get("as_of") if form.is_valid() else None
    job = services.report_job_start(
        actor=request.user, kind=ReportJob.Kind.METHODS, as_of=as_of or timezone.localdate()
    )
    return redirect("reports:job", job_id=job.public_id)


def _esf_report(job: ReportJob) -> esf.EsfReport:
    return esf.report_from_data(job.result["report"])


@require_GET
def report_job(request: HttpRequest, job_id: uuid.UUID) -> HttpResponse:
    """The job's page; with htmx, only its status, asked for until the job ends."""
    job = access.access_report_job(request.user, job_id)
    polled = request.headers.get("HX-Request") == "true"
    context: dict = {"job": job, "polled": polled}
    if job.status == ReportJob.Status.DONE:
        exact = access.report_job_exact(request.user, job)
        context["projects"] = job.result.get("projects", [])
        if job.kind == ReportJob.Kind.ESF:
            report = _esf_report(job)
            rows = esf.esf_table(report, exact=exact)
            context.update(
                report=report, rows=rows, charts=esf_charts(rows), exact=exact,
                plan_rows=esf.plan_table(report.plan, exact=exact),
                small_number=esf.SMALL_NUMBER,
            )  # fmt: skip
        else:
            comparison = methods.comparison_from_data(job.result["comparison"])
            context.update(result_context(comparison, exact=exact))
            context["as_of"] = comparison.as_of
            context["downloads"] = {
                fmt: reverse("reports:job_download", args=[job.public_id, fmt])
                for fmt in ("xlsx", "csv")
            }
    template = "reports/_job_status.html" if polled else "reports/job.html"
    # HTTP 286 tells htmx to stop polling (after showing the answer): the job has ended.
    status = 286 if polled and job.is_finished else 200
    return render(request, template, context, status=status)


@require_GET
def report_job_download(request: HttpRequest, job_id: uuid.UUID, fmt: str) -> HttpResponse:
    """The ESF result of a finished job as CSV, XLSX or PDF (suppressed as on its page)."""
    job = access.access_report_job(request.user, job_id)
    known = (*exporting.CONTENT_TYPES, "pdf")
    if job.status != ReportJob.Status.DONE or fmt not in known:
        raise Http404
    exact = access.report_job_exact(request.user, job)
    if job.kind == ReportJob.Kind.METHODS:
        if fmt == "pdf":
            raise Http404
        comparison = methods.comparison_from_data(job.result["comparison"])
        return methods_file(request, comparison, fmt=fmt, exact=exact, project=None,
                            projects=len(job.result.get("projects", [])))  # fmt: skip
    report = _esf_report(job)
    period = [d.isoformat() if d else "" for d in (report.start, report.end)]
    audit = {
        "fmt": fmt, "filename": f"esf-alla-projekt-{timezone.localdate().isoformat()}",
        "actor": request.user, "project": None, "report": "esf_all", "people": report.people,
        "details": {"from": period[0], "to": period[1], "exact": exact,
                    "projects": len(job.result.get("projects", []))},
    }  # fmt: skip
    if fmt != "pdf":
        return exporting.export_response(esf_export_table(report, exact=exact), **audit)
    names = ", ".join(dnr for dnr, _name in job.result.get("projects", []))
    content = pdf.funder_report_pdf(
        title=gettext("ESF+ indicators of all my projects"), subject=gettext("ESF PDF: subject"),
        author=request.user.get_full_name() or request.user.get_username(),
        language=translation.get_language() or "sv",
        lines=[gettext("ESF all: the projects: %(names)s") % {"names": names},
               _period_words(report.start, report.end),
               gettext("ESF PDF: made on %(day)s.") % {"day": timezone.localdate().isoformat()}],
        sections=esf_pdf_sections(report, exact=exact),
        note=gettext("ESF PDF: exact figures.") if exact
        else gettext("ESF PDF: suppression note."),
    )  # fmt: skip
    return exporting.file_response(content, content_type=exporting.PDF, **audit)


def _period_words(start: datetime.date | None, end: datetime.date | None) -> str:
    if start or end:
        return gettext("Period: %(start)s to %(end)s.") % {
            "start": start or "–",
            "end": end or "–",
        }
    return gettext("ESF all: period: from the start of each project.")
