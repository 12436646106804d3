"""The import page for project managers: upload files, read the check, confirm the import.

The checked files stay on the server (uploads.py) under a random token that the session keeps;
the confirmation names the token in the form, so a second upload in another tab cannot be
imported by mistake. Files of up to EXCHANGE_IMPORT_INLINE_MAX_ROWS rows are imported in the
request; larger ones by the background worker, while the job's page shows how far it has come.
"""

from __future__ import annotations

import secrets
import uuid

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from stegvis.core.permissions import require_capability
from stegvis.exchange import access, selectors, services, uploads
from stegvis.exchange.forms import ImportUploadForm
from stegvis.exchange.reading import Source

SESSION_KEY = "exchange_import"


@require_http_methods(["GET", "POST"])
@require_capability("participant.enroll")
def import_upload(request: HttpRequest) -> HttpResponse:
    projects = selectors.projects_for_import(request.user)
    if not projects:
        raise PermissionDenied
    if request.method == "POST" and request.POST.get("project"):
        access.access_import_project(request.user, request.POST["project"])
    initial = {"project": request.GET.get("project", "")}  # from the project page's link
    form = ImportUploadForm(
        request.POST or None, request.FILES or None, projects=projects, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        project = form.cleaned_data["project"]
        sources = [
            Source(name=upload.name, data=upload.read()) for upload in form.cleaned_data["files"]
        ]
        plan = services.exchange_check(sources=sources, only_project=project)
        token = "" if plan.problems else uploads.upload_keep(sources)
        rows = plan.rows
        _forget(request)
        if token:
            request.session[SESSION_KEY] = {
                "token": token,
                "project": str(project.public_id),
                "rows": rows,
            }
        context = {
            "project": project,
            "problems": plan.problems,
            "counts": plan.counts,
            "token": token,
            "in_background": bool(token) and rows > settings.EXCHANGE_IMPORT_INLINE_MAX_ROWS,
        }
        return render(request, "exchange/import_report.html", context)
    jobs = selectors.import_jobs_for(request.user, projects=projects)
    return render(request, "exchange/import_form.html", {"form": form, "jobs": jobs})


@require_POST
@require_capability("participant.enroll")
def import_confirm(request: HttpRequest) -> HttpResponse:
    pending = request.session.get(SESSION_KEY) or {}
    token = request.POST.get("token", "")
    sources = (
        uploads.upload_load(token)
        if secrets.compare_digest(token.encode(), str(pending.get("token", "")).encode())
        else None
    )
    if not token or sources is None:
        messages.error(
            request, _("There is no checked upload to import any more. Upload the files again.")
        )
        return redirect("exchange:import")
    project = access.access_import_project(request.user, pending["project"])
    rows = int(pending.get("rows", 0))
    if rows > settings.EXCHANGE_IMPORT_INLINE_MAX_ROWS:
        del request.session[SESSION_KEY]  # the job keeps the files now
        job = services.import_job_start(actor=request.user, project=project, token=token, rows=rows)
        return redirect("exchange:import_job", job_id=job.public_id)
    _forget(request)
    try:
        counts = services.exchange_import(actor=request.user, sources=sources, only_project=project)
    except services.ImportRefusedError as exc:
        # The data changed between the check and the confirmation; nothing was written.
        return render(
            request, "exchange/import_report.html", {"project": project, "problems": exc.problems}
        )
    messages.success(request, _import_message(project.name, counts))
    return redirect(reverse("participants:project_overview", args=[project.public_id]))


@require_POST
@require_capability("participant.enroll")
def import_cancel(request: HttpRequest) -> HttpResponse:
    _forget(request)
    messages.success(request, _("The files have been removed; nothing was imported."))
    return redirect("exchange:import")


@require_GET
@never_cache
def import_job(request: HttpRequest, job_id: uuid.UUID) -> HttpResponse:
    """The job's page; with htmx, only its status, which the page asks for until the job ends."""
    job = access.access_import_job(request.user, job_id)
    # htmx sends HX-Request on a history restore too, and then needs the whole page back.
    polled = bool(request.headers.get("HX-Request")) and not request.headers.get(
        "HX-History-Restore-Request"
    )
    context = {"job": job, "progress": selectors.import_job_progress(job), "polled": polled}
    template = "exchange/_import_job_status.html" if polled else "exchange/import_job.html"
    # HTTP 286 tells htmx to stop polling (after showing the answer): the job has ended.
    status = 286 if polled and job.is_finished else 200
    response = render(request, template, context, status=status)
    patch_vary_headers(response, ("HX-Request",))
    return response


def _forget(request: HttpRequest) -> None:
    pending = request.session.pop(SESSION_KEY, None)
    if pending:
        uploads.upload_discard(pending.get("token", ""))


def _import_message(project_name: str, counts: dict[str, dict[str, int]]) -> str:
    participants, jobs = counts["participants"], counts["employments"]
    message = _(
        "Imported into %(project)s: %(p_created)s new and %(p_updated)s changed participants "
        "(%(p_unchanged)s unchanged), %(e_created)s new and %(e_updated)s changed jobs and study places "
        "(%(e_unchanged)s unchanged)."
    ) % {
        "project": project_name,
        "p_created": participants["created"],
        "p_updated": participants["updated"],
        "p_unchanged": participants["unchanged"],
        "e_created": jobs["created"],
        "e_updated": jobs["updated"],
        "e_unchanged": jobs["unchanged"],
    }
    assessments = counts["assessments"]
    if any(assessments.values()):
        message += " " + _(
            "%(created)s new and %(updated)s changed assessments (%(unchanged)s unchanged)."
        ) % {
            "created": assessments["created"],
            "updated": assessments["updated"],
            "unchanged": assessments["unchanged"],
        }
    return message
