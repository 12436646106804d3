from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.cache import patch_vary_headers
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from stegvis.accounts.selectors import organisation_choices_for_new_project
from stegvis.core.forms_util import add_validation_errors
from stegvis.core.permissions import can, require_capability
from stegvis.projects import access, selectors, services
from stegvis.projects.forms import PartnerForm, ProjectEditForm, ProjectForm, StaffForm


@require_GET
@require_capability("project.view")
def project_list(request: HttpRequest) -> HttpResponse:
    search = request.GET.get("q", "")
    projects = selectors.project_list_for(request.user, search=search)
    page = Paginator(projects, 25).get_page(request.GET.get("page"))
    query_without_page = urlencode({"q": search}) + "&" if search else ""
    context = {"page_obj": page, "search": search, "query_without_page": query_without_page}
    # htmx sends HX-Request on a history restore too, and then needs the whole page back.
    partial = request.headers.get("HX-Request") and not request.headers.get(
        "HX-History-Restore-Request"
    )
    template = "projects/_project_table.html" if partial else "projects/project_list.html"
    response = render(request, template, context)
    patch_vary_headers(response, ("HX-Request",))
    return response


@require_http_methods(["GET", "POST"])
@require_capability("project.create")
def project_create(request: HttpRequest) -> HttpResponse:
    owners = organisation_choices_for_new_project(request.user)
    form = ProjectForm(request.POST or None, owners=owners)
    if request.method == "POST" and form.is_valid():
        try:
            project = services.project_create(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_validation_errors(form, exc)
        else:
            messages.success(
                request, _("The project %(name)s has been registered.") % {"name": project.name}
            )
            return redirect(project)
    return render(request, "projects/project_form.html", {"form": form})


@require_GET
def project_detail(request: HttpRequest, project_id: str) -> HttpResponse:
    project = access.access_project(request.user, project_id)
    context = {
        "project": project,
        "can_edit": can(request.user, "project.edit", scope=project),
        # The participants overview and the import are for those who manage the project's
        # participants; the pages themselves decide again (participants/access, exchange/access).
        "can_manage_participants": can(request.user, "project.edit", scope=project)
        and can(request.user, "participant.enroll", scope=project),
        **selectors.project_detail_relations(project),
    }
    return render(request, "projects/project_detail.html", context)


@require_http_methods(["GET", "POST"])
def project_edit(request: HttpRequest, project_id: str) -> HttpResponse:
    project = access.access_project(request.user, project_id, for_write=True)
    initial = {name: getattr(project, name) for name in ProjectEditForm.base_fields}
    owners = organisation_choices_for_new_project(request.user, include=project.owner)
    form = ProjectEditForm(request.POST or None, initial=initial, owners=owners)
    if request.method == "POST" and form.is_valid():
        try:
            services.project_update(actor=request.user, project=project, **form.cleaned_data)
        except ValidationError as exc:
            add_validation_errors(form, exc)
        else:
            messages.success(request, _("The changes have been saved."))
            return redirect(project)
    return render(request, "projects/project_form.html", {"form": form, "project": project})


@require_http_methods(["GET", "POST"])
def project_team(request: HttpRequest, project_id: str) -> HttpResponse:
    """Partners and staff of a project: add and remove them."""
    project = access.access_project(request.user, project_id, for_write=True)
    partner_form = PartnerForm(
        request.POST if "add_partner" in request.POST else None, prefix="partner"
    )
    staff_form = StaffForm(request.POST if "add_staff" in request.POST else None, prefix="staff")
    status = 200
    for form, add in (
        (partner_form, services.project_partner_add),
        (staff_form, services.project_staff_add),
    ):
        if not form.is_bound:
            continue
        if form.is_valid():
            try:
                add(actor=request.user, project=project, **form.cleaned_data)
            except ValidationError as exc:
                add_validation_errors(form, exc)
            else:
                messages.success(request, _("Saved."))
                return redirect("projects:team", project_id=project.public_id)
        status = 400
    context = {
        "project": project,
        "partner_form": partner_form,
        "staff_form": staff_form,
        **selectors.project_detail_relations(project),
    }
    return render(request, "projects/project_team.html", context, status=status)


@require_POST
def project_partner_remove(request: HttpRequest, project_id: str, partner_id: int) -> HttpResponse:
    project = access.access_project(request.user, project_id, for_write=True)
    partner = access.access_project_partner(request.user, project, partner_id)
    services.project_partner_remove(actor=request.user, partner=partner)
    messages.success(request, _("The partner has been removed."))
    return redirect("projects:team", project_id=project.public_id)


@require_POST
def project_staff_remove(request: HttpRequest, project_id: str, staff_id: int) -> HttpResponse:
    project = access.access_project(request.user, project_id, for_write=True)
    staff = access.access_project_staff(request.user, project, staff_id)
    services.project_staff_remove(actor=request.user, staff=staff)
    messages.success(request, _("The person has been removed from the project."))
    return redirect("projects:team", project_id=project.public_id)
