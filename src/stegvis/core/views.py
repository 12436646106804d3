from __future__ import annotations

from django.contrib.auth.decorators import login_not_required
from django.core.paginator import Paginator
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from stegvis.core.forms import AuditSearchForm
from stegvis.core.permissions import require_capability
from stegvis.core.selectors import AuditFilters, audit_action_names, audit_event_list_for


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "core/home.html")


@require_GET
@require_capability("audit.view")
def audit_list(request: HttpRequest) -> HttpResponse:
    form = AuditSearchForm(request.GET or None)
    filters = (
        AuditFilters(**form.cleaned_data) if form.is_bound and form.is_valid() else AuditFilters()
    )
    events = audit_event_list_for(request.user, filters=filters)
    page = Paginator(events, 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "core/audit_list.html",
        {
            "form": form,
            "page_obj": page,
            "actions": audit_action_names(),
            "query_without_page": query.urlencode() + "&" if query else "",
        },
    )


@login_not_required
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """For load balancers: answers 200 when the database answers."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})
