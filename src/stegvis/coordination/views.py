"""Pages of the coordination function for staff and partners: the one way in (register a contact,
follow one's own, the coordinators' queue and routing), the desks, the directory of partners, and
the shared view of who supports a person now."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from stegvis.accounts.models import Organisation
from stegvis.coordination import access, selectors, services
from stegvis.coordination.forms import (
    CloseForm,
    DeskForm,
    DirectoryEntryForm,
    DirectorySearchForm,
    PartnerIntakeForm,
    QueueFilterForm,
    RouteProjectForm,
    RouteSupportForm,
)
from stegvis.core.forms_util import add_validation_errors
from stegvis.core.permissions import can, is_system_admin, require_capability
from stegvis.participants.access import access_enrollment
from stegvis.participants.selectors import referral_groups_for_referring
from stegvis.projects.access import access_project
from stegvis.projects.models import Project


@require_GET
@require_capability("directory.view")
def index(request: HttpRequest) -> HttpResponse:
    """The coordination function's start page: what the user may do here."""
    user = request.user
    context = {
        "can_register": can(user, "intake.register"),
        "desks": selectors.desks_coordinated_by(user),
        "can_route": can(user, "intake.route"),
        "can_see_participants": can(user, "participant.view"),
    }
    return render(request, "coordination/index.html", context)


# --- The one way in: partners ---------------------------------------------------------------


def _user_organisations(user) -> object:  # noqa: ANN001
    if is_system_admin(user):
        return Organisation.objects.filter(is_active=True).order_by("name")
    return (
        Organisation.objects.filter(memberships__user=user, is_active=True)
        .distinct()
        .order_by("name")
    )


@require_http_methods(["GET", "POST"])
@require_capability("intake.register")
def intake_new(request: HttpRequest) -> HttpResponse:
    desks = selectors.desks_for_registering(request.user)
    form = PartnerIntakeForm(
        request.POST or None, desks=desks, organisations=_user_organisations(request.user)
    )
    if request.method == "POST" and form.is_valid():
        try:
            intake, _receipt = services.intake_register(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_validation_errors(form, exc)
        else:
            messages.success(
                request,
                _("The contact is registered with reference %(ref)s. You can follow it here.")
                % {"ref": intake.reference},
            )
            return redirect("coordination:intake_outcome", intake.public_id)
    status = 400 if form.errors else 200
    return render(
        request, "coordination/intake_new.html", {"form": form, "desks": desks}, status=status
    )


@require_GET
@require_capability("intake.register")
def intake_mine(request: HttpRequest) -> HttpResponse:
    page = Paginator(selectors.intakes_registered_by(request.user), 50).get_page(
        request.GET.get("page")
    )
    return render(request, "coordination/intake_mine.html", {"page_obj": page})


@require_GET
@require_capability("intake.register")
def intake_outcome(request: HttpRequest, intake_id) -> HttpResponse:  # noqa: ANN001
    """What became of a contact, for the one who registered it; no more than that."""
    intake = access.access_intake_outcome(request.user, intake_id)
    return render(request, "coordination/intake_outcome.html", {"intake": intake})


# --- The one way in: coordinators ---------------------------------------------------------


@require_GET
@require_capability("intake.route")
def intake_queue(request: HttpRequest) -> HttpResponse:
    form = QueueFilterForm(request.GET or None)
    status = form.cleaned_data["status"] if form.is_valid() else ""
    page = Paginator(selectors.intake_queue_for(request.user, status=status), 50).get_page(
        request.GET.get("page")
    )
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "page_obj": page,
        "desks": selectors.desks_coordinated_by(request.user),
        "query_without_page": query.urlencode() + "&" if query else "",
    }
    return render(request, "coordination/intake_queue.html", context)


def _routing_forms(request: HttpRequest, *, bound: str = "") -> dict:
    """The three ways to handle a contact; the one named by `bound` holds the POSTed data."""

    def data(how: str) -> object:
        return request.POST if bound == how else None

    return {
        "project_form": RouteProjectForm(
            data("project"), groups=referral_groups_for_referring(request.user)
        ),
        "support_form": RouteSupportForm(
            data("support"), entries=selectors.directory_for_routing()
        ),
        "close_form": CloseForm(data("close")),
    }


@require_GET
@require_capability("intake.route")
def intake_detail(request: HttpRequest, intake_id) -> HttpResponse:  # noqa: ANN001
    intake = access.access_intake(request.user, intake_id)
    forms = _routing_forms(request)
    forms["project_form"].initial = {"gender": intake.gender, "reason": intake.need}
    return render(request, "coordination/intake_detail.html", {"intake": intake, **forms})


ROUTES = {
    "project": services.intake_route_to_project,
    "support": services.intake_route_to_support,
    "close": services.intake_close,
}


@require_POST
@require_capability("intake.route")
def intake_route(request: HttpRequest, intake_id, how: str) -> HttpResponse:  # noqa: ANN001
    """Route a contact: to a project's referral group, to a support in the directory, or close it."""
    intake = access.access_intake(request.user, intake_id)
    forms = _routing_forms(request, bound=how)
    form = forms[f"{how}_form"]
    if form.is_valid():
        try:
            ROUTES[how](actor=request.user, intake=intake, **form.cleaned_data)
        except ValidationError as exc:
            add_validation_errors(form, exc)
        else:
            messages.success(
                request, _("The contact %(ref)s is handled.") % {"ref": intake.reference}
            )
            return redirect(intake)
    context = {"intake": intake, **forms, "open_form": how}
    return render(request, "coordination/intake_detail.html", context, status=400)


# --- Desks ----------------------------------------------------------------------------------


def _projects_without_desk(user) -> object:  # noqa: ANN001
    projects = Project.objects.filter(intake_desk__isnull=True).order_by("name")
    if is_system_admin(user):
        return projects
    return projects.filter(pk__in=selectors._managed_project_ids(user))


@require_http_methods(["GET", "POST"])
@require_capability("intake.route")
def desk_new(request: HttpRequest) -> HttpResponse:
    """Open the one way in of a coordination project (its managers become the coordinators)."""
    form = DeskForm(request.POST or None, projects=_projects_without_desk(request.user))
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        project = access_project(request.user, data.pop("project").public_id, for_write=True)
        try:
            services.desk_save(actor=request.user, project=project, **data)
        except ValidationError as exc:
            add_validation_errors(form, exc)
        else:
            messages.success(request, _("The one way in is open."))
            return redirect("coordination:intake_queue")
    return render(request, "coordination/desk_form.html", {"form": form},
                  status=400 if form.errors else 200)  # fmt: skip


@require_http_methods(["GET", "POST"])
@require_capability("intake.route")
def desk_edit(request: HttpRequest, desk_id) -> HttpResponse:  # noqa: ANN001
    desk = access.access_desk(request.user, desk_id)
    initial = {f: getattr(desk, f) for f in services.DESK_FIELDS}
    form = DeskForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.desk_save(
                actor=request.user, project=desk.project, desk=desk, **form.cleaned_data
            )
        except ValidationError as exc:
            add_validation_errors(form, exc)
        else:
            messages.success(request, _("The one way in is saved."))
            return redirect("coordination:intake_queue")
    return render(request, "coordination/desk_form.html", {"form": form, "desk": desk},
                  status=400 if form.errors else 200)  # fmt: skip


# --- The directory --------------------------------------------------------------------------


@require_GET
@require_capability("directory.view")
def directory(request: HttpRequest) -> HttpResponse:
    """The searchable directory: a GET form that works without JavaScript; with htmx the table
    narrows while typing (one view, the partial for HX-Request, as the project list)."""
    form = DirectorySearchForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {"q": "", "kind": ""}
    entries = selectors.directory_search(request.user, search=data["q"], kind=data["kind"])
    page = Paginator(entries, 25).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "page_obj": page,
        "searching": bool(data["q"] or data["kind"]),
        "query_without_page": query.urlencode() + "&" if query else "",
        "can_edit": can(request.user, "directory.edit"),
    }
    partial = request.headers.get("HX-Request") and not request.headers.get(
        "HX-History-Restore-Request"
    )
    template = "coordination/_directory_table.html" if partial else "coordination/directory.html"
    response = render(request, template, context)
    patch_vary_headers(response, ("HX-Request",))
    return response


def _entry_form(request: HttpRequest, **kwargs) -> DirectoryEntryForm:  # noqa: ANN003
    return DirectoryEntryForm(
        request.POST or None,
        organisations=Organisation.objects.filter(is_active=True).order_by("name"),
        **kwargs,
    )


@require_http_methods(["GET", "POST"])
@require_capability("directory.edit")
def directory_new(request: HttpRequest) -> HttpResponse:
    form = _entry_form(request)
    if request.method == "POST" and form.is_valid():
        try:
            entry = services.directory_entry_save(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_validation_errors(form, exc)
        else:
            messages.success(request, _("%(name)s is in the directory.") % {"name": entry.name})
            return redirect("coordination:directory")
    return render(request, "coordination/directory_form.html", {"form": form},
                  status=400 if form.errors else 200)  # fmt: skip


@require_http_methods(["GET", "POST"])
@require_capability("directory.edit")
def directory_edit(request: HttpRequest, entry_id) -> HttpResponse:  # noqa: ANN001
    entry = access.access_directory_entry(request.user, entry_id)
    form = _entry_form(request, initial={f: getattr(entry, f) for f in services.DIRECTORY_FIELDS})
    if request.method == "POST" and form.is_valid():
        try:
            services.directory_entry_save(actor=request.user, entry=entry, **form.cleaned_data)
        except ValidationError as exc:
            add_validation_errors(form, exc)
        else:
            messages.success(request, _("%(name)s is saved.") % {"name": entry.name})
            return redirect("coordination:directory")
    return render(request, "coordination/directory_form.html", {"form": form, "entry": entry},
                  status=400 if form.errors else 200)  # fmt: skip


# --- The shared view ------------------------------------------------------------------------


@require_GET
@require_capability("participant.view")
def support_list(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    page = Paginator(selectors.participants_with_supports_for(request.user, today=today), 50)
    return render(request, "coordination/support_list.html",
                  {"page_obj": page.get_page(request.GET.get("page"))})  # fmt: skip


@require_GET
@require_capability("participant.view")
def support_detail(request: HttpRequest, enrollment_id) -> HttpResponse:  # noqa: ANN001
    """Who supports the person now, so that interventions are coordinated, not duplicated."""
    enrollment = access_enrollment(request.user, enrollment_id)
    view = selectors.shared_view_for(request.user, enrollment, today=timezone.localdate())
    return render(request, "coordination/support_detail.html",
                  {"enrollment": enrollment, "view": view})  # fmt: skip
