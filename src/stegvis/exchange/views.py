"""The import page for project managers: upload files, read the check, confirm the import.

The checked files stay on the server (uploads.py) under a random token that the session keeps;
the confirmation names the token in the form, so a second upload in another tab cannot be
imported by mistake. The import runs in the request (a background task is future work).
"""

from __future__ import annotations

import secrets

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

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
    form = ImportUploadForm(request.POST or None, request.FILES or None, projects=projects)
    if request.method == "POST" and form.is_valid():
        project = form.cleaned_data["project"]
        sources = [
            Source(name=upload.name, data=upload.read()) for upload in form.cleaned_data["files"]
        ]
        plan = services.exchange_check(sources=sources, only_project=project)
        token = "" if plan.problems else uploads.upload_keep(sources)
        _forget(request)
        if token:
            request.session[SESSION_KEY] = {"token": token, "project": str(project.public_id)}
        context = {
            "project": project,
            "problems": plan.problems,
            "counts": plan.counts,
            "token": token,
        }
        return render(request, "exchange/import_report.html", context)
    return render(request, "exchange/import_form.html", {"form": form})


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


def _forget(request: HttpRequest) -> None:
    pending = request.session.pop(SESSION_KEY, None)
    if pending:
        uploads.upload_discard(pending.get("token", ""))


def _import_message(project_name: str, counts: dict[str, dict[str, int]]) -> str:
    participants, jobs = counts["participants"], counts["employments"]
    return _(
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
