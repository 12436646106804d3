"""The pages of a person's data rights: overview, access history (printable, PDF), register
extract (JSON, PDF), consent withdrawal and erasure. Every page goes through access.py."""

from __future__ import annotations

import json

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from stegvis.core.forms_util import add_validation_errors
from stegvis.core.permissions import require_capability
from stegvis.privacy import pdf, selectors, services
from stegvis.privacy.access import access_person_privacy
from stegvis.privacy.extract import person_extract
from stegvis.privacy.forms import EraseForm, WithdrawForm


def _name(user: object) -> str:
    return user.get_full_name() or user.get_username()  # type: ignore[attr-defined]


def _download(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response


@require_GET
@require_capability("privacy.manage")
def person(request: HttpRequest, person_id: str) -> HttpResponse:
    person = access_person_privacy(request.user, person_id)
    enrollments = person.enrollments.select_related("project").order_by("start_date")
    return render(request, "privacy/person.html", {
        "person": person, "enrollments": enrollments, "withdraw_form": WithdrawForm(),
    })  # fmt: skip


@require_GET
@require_capability("privacy.manage")
def access_history(request: HttpRequest, person_id: str) -> HttpResponse:
    person = access_person_privacy(request.user, person_id)
    services.access_history_viewed(actor=request.user, person=person, output="html")
    rows = selectors.access_history(person)
    return render(request, "privacy/access_history.html", {"person": person, "rows": rows})


@require_GET
@require_capability("privacy.manage")
def access_history_pdf(request: HttpRequest, person_id: str) -> HttpResponse:
    person = access_person_privacy(request.user, person_id)
    services.access_history_viewed(actor=request.user, person=person, output="pdf")
    rows = selectors.access_history(person)
    content = pdf.access_history_pdf(person, rows, created_by=_name(request.user))
    return _download(content, "application/pdf", "atkomsthistorik.pdf")


@require_GET
@require_capability("privacy.manage")
def extract_json(request: HttpRequest, person_id: str) -> HttpResponse:
    person = access_person_privacy(request.user, person_id)
    services.extract_downloaded(actor=request.user, person=person, output="json")
    data = person_extract(person, created_by=request.user)
    content = json.dumps(data, ensure_ascii=False, indent=2).encode("utf-8")
    return _download(content, "application/json; charset=utf-8", "registerutdrag.json")


@require_GET
@require_capability("privacy.manage")
def extract_pdf(request: HttpRequest, person_id: str) -> HttpResponse:
    person = access_person_privacy(request.user, person_id)
    services.extract_downloaded(actor=request.user, person=person, output="pdf")
    content = pdf.extract_pdf(person, created_by=_name(request.user))
    return _download(content, "application/pdf", "registerutdrag.pdf")


@require_POST
@require_capability("privacy.manage")
def withdraw(request: HttpRequest, person_id: str) -> HttpResponse:
    person = access_person_privacy(request.user, person_id, for_write=True)
    form = WithdrawForm(request.POST)
    if form.is_valid():
        try:
            services.processing_consent_withdraw(
                actor=request.user, person=person, on=form.cleaned_data["on"]
            )
        except ValidationError as exc:
            add_validation_errors(form, exc)
        else:
            messages.success(
                request,
                _(
                    "The withdrawal is recorded. Nothing new is recorded about the person from now on."
                ),
            )
            return redirect("privacy:person", person_id=person.public_id)
    enrollments = person.enrollments.select_related("project").order_by("start_date")
    return render(request, "privacy/person.html", {
        "person": person, "enrollments": enrollments, "withdraw_form": form,
    }, status=400)  # fmt: skip


@require_capability("privacy.manage")
def erase(request: HttpRequest, person_id: str) -> HttpResponse:
    person = access_person_privacy(request.user, person_id, for_write=True)
    form = EraseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.person_erase(
                actor=request.user, person=person, reason=form.cleaned_data["reason"],
                while_active=form.cleaned_data["while_active"],
            )  # fmt: skip
        except ValidationError as exc:
            add_validation_errors(form, exc)
        else:
            messages.success(request, _("The person has been anonymised."))
            return redirect("privacy:person", person_id=person.public_id)
    active = person.enrollments.filter(end_date__isnull=True).exists()
    return render(request, "privacy/erase.html", {"person": person, "form": form, "active": active},
                  status=400 if form.errors else 200)  # fmt: skip
