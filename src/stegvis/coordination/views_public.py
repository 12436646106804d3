"""The public pages of the one way in: the person's own contact, and following it by receipt.

No account: the form asks for the least that lets the coordinator call back, and answers with a
receipt code, shown once on the page (never in an address or a log). Following a contact is a
POST with the code, so the code stays out of addresses too. Both are rate-limited per client
address: a few contacts and a few tries of a receipt an hour.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from stegvis.coordination import access, selectors, services, tokens
from stegvis.coordination.forms import PublicContactForm, ReceiptForm
from stegvis.core.forms_util import add_validation_errors

CONTACTS_PER_HOUR = 5
FOLLOW_TRIES_PER_HOUR = 20


def _client(request: HttpRequest) -> str:
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def _too_many(request: HttpRequest) -> HttpResponse:
    return render(request, "coordination/public/too_many.html", status=429)


@login_not_required
@never_cache
@require_http_methods(["GET", "POST"])
def contact(request: HttpRequest) -> HttpResponse:
    desks = selectors.desks_open_to_the_public()
    if not desks.exists():
        # A page of its own (not 404): the link to it stays valid while no desk is open.
        return render(request, "coordination/public/closed.html")
    form = PublicContactForm(request.POST or None, desks=desks)
    if request.method == "POST":
        if tokens.rate_limited("contact", _client(request), limit=CONTACTS_PER_HOUR):
            return _too_many(request)
        if form.is_valid():
            try:
                intake, receipt = services.intake_register(
                    actor=None, source="", **form.cleaned_data
                )
            except ValidationError as exc:
                add_validation_errors(form, exc)
            else:
                return render(request, "coordination/public/receipt.html",
                              {"intake": intake, "receipt": receipt})  # fmt: skip
    only = desks.first() if desks.count() == 1 else None
    return render(request, "coordination/public/contact.html",
                  {"form": form, "only_desk": only}, status=400 if form.errors else 200)  # fmt: skip


@login_not_required
@never_cache
@require_http_methods(["GET", "POST"])
def follow(request: HttpRequest) -> HttpResponse:
    form = ReceiptForm(request.POST or None)
    intake = None
    if request.method == "POST":
        if tokens.rate_limited("follow", _client(request), limit=FOLLOW_TRIES_PER_HOUR):
            return _too_many(request)
        if form.is_valid():
            try:
                intake = access.access_intake_by_receipt(form.cleaned_data["code"])
            except Http404:
                form.add_error(
                    "code", _("No contact has this receipt number. Check it and try again.")
                )
    return render(request, "coordination/public/follow.html", {"form": form, "intake": intake},
                  status=400 if form.errors else 200)  # fmt: skip
