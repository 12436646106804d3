from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from stegvis.accounts import access, selectors, services
from stegvis.accounts.forms import (
    AccountSetupForm,
    LoginForm,
    MembershipForm,
    OrganisationEditForm,
    OrganisationForm,
    UserEditForm,
    UserForm,
)
from stegvis.core.forms_util import add_validation_errors
from stegvis.core.permissions import require_capability


class LoginView(auth_views.LoginView):
    template_name = "registration/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True


class PasswordResetView(auth_views.PasswordResetView):
    success_url = reverse_lazy("accounts:password_reset_done")


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    success_url = reverse_lazy("accounts:password_reset_complete")


class PasswordChangeView(auth_views.PasswordChangeView):
    success_url = reverse_lazy("accounts:profile")

    def form_valid(self, form):  # noqa: ANN001,ANN201
        messages.success(self.request, _("Your password has been changed."))
        return super().form_valid(form)


def profile(request: HttpRequest) -> HttpResponse:
    return render(
        request, "accounts/profile.html", {"memberships": selectors.user_memberships(request.user)}
    )


@require_capability("organisation.manage")
def organisation_list(request: HttpRequest) -> HttpResponse:
    search = request.GET.get("q", "")
    page = Paginator(selectors.organisation_list_for(request.user, search=search), 50).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "accounts/organisation_list.html",
        {
            "page_obj": page,
            "search": search,
            "query_without_page": f"q={search}&" if search else "",
        },
    )


@require_http_methods(["GET", "POST"])
@require_capability("organisation.manage")
def organisation_create(request: HttpRequest) -> HttpResponse:
    form = OrganisationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            organisation = services.organisation_create(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_validation_errors(form, exc)
        else:
            messages.success(
                request,
                _("The organisation %(name)s has been registered.") % {"name": organisation},
            )
            return redirect(organisation)
    return render(request, "accounts/organisation_form.html", {"form": form})


def organisation_detail(request: HttpRequest, organisation_id: str) -> HttpResponse:
    organisation = access.access_organisation(request.user, organisation_id)
    members = organisation.memberships.select_related("user").order_by(
        "user__first_name", "user__last_name"
    )
    return render(
        request,
        "accounts/organisation_detail.html",
        {"organisation": organisation, "members": members},
    )


@require_http_methods(["GET", "POST"])
def organisation_edit(request: HttpRequest, organisation_id: str) -> HttpResponse:
    organisation = access.access_organisation(request.user, organisation_id)
    initial = {f: getattr(organisation, f) for f in services.ORGANISATION_FIELDS}
    form = OrganisationEditForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.organisation_update(
                actor=request.user, organisation=organisation, **form.cleaned_data
            )
        except ValidationError as exc:
            add_validation_errors(form, exc)
        else:
            messages.success(request, _("The changes have been saved."))
            return redirect(organisation)
    return render(
        request, "accounts/organisation_form.html", {"form": form, "organisation": organisation}
    )


@require_capability("user.manage")
def user_list(request: HttpRequest) -> HttpResponse:
    search = request.GET.get("q", "")
    page = Paginator(selectors.user_list_for(request.user, search=search), 50).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "accounts/user_list.html",
        {
            "page_obj": page,
            "search": search,
            "query_without_page": f"q={search}&" if search else "",
        },
    )


def _send_password_setup(request: HttpRequest, email: str) -> None:
    reset = AccountSetupForm({"email": email})
    if reset.is_valid():
        reset.save(
            request=request,
            use_https=request.is_secure(),
            subject_template_name="registration/account_created_subject.txt",
            email_template_name="registration/account_created_email.txt",
        )


@require_http_methods(["GET", "POST"])
@require_capability("user.manage")
def user_create(request: HttpRequest) -> HttpResponse:
    form = UserForm(request.POST or None)
    membership_form = MembershipForm(request.POST or None, prefix="membership")
    if request.method == "POST" and form.is_valid() and membership_form.is_valid():
        try:
            with transaction.atomic():
                user = services.user_create(actor=request.user, **form.cleaned_data)
                services.membership_add(
                    actor=request.user, user=user, **membership_form.cleaned_data
                )
        except ValidationError as exc:
            add_validation_errors(form, exc)
        else:
            transaction.on_commit(lambda: _send_password_setup(request, user.email))
            messages.success(
                request,
                _("The account %(username)s has been created and a sign-in e-mail sent.")
                % {"username": user.username},
            )
            return redirect(user)
    return render(
        request, "accounts/user_form.html", {"form": form, "membership_form": membership_form}
    )


def user_detail(request: HttpRequest, user_id: str) -> HttpResponse:
    account = access.access_user(request.user, user_id)
    return render(
        request,
        "accounts/user_detail.html",
        {
            "account": account,
            "memberships": selectors.user_memberships(account),
            "membership_form": MembershipForm(prefix="membership"),
        },
    )


@require_http_methods(["GET", "POST"])
def user_edit(request: HttpRequest, user_id: str) -> HttpResponse:
    account = access.access_user(request.user, user_id)
    initial = {
        f: getattr(account, f)
        for f in ("first_name", "last_name", "email", "title", "phone", "is_active")
    }
    form = UserEditForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.user_update(actor=request.user, user=account, **form.cleaned_data)
        except ValidationError as exc:
            add_validation_errors(form, exc)
        else:
            messages.success(request, _("The changes have been saved."))
            return redirect(account)
    return render(request, "accounts/user_edit.html", {"form": form, "account": account})


@require_POST
def membership_add(request: HttpRequest, user_id: str) -> HttpResponse:
    account = access.access_user(request.user, user_id)
    form = MembershipForm(request.POST, prefix="membership")
    if form.is_valid():
        services.membership_add(actor=request.user, user=account, **form.cleaned_data)
        messages.success(request, _("The role has been added."))
        return redirect(account)
    return render(
        request,
        "accounts/user_detail.html",
        {
            "account": account,
            "memberships": selectors.user_memberships(account),
            "membership_form": form,
        },
        status=400,
    )


@require_POST
def membership_remove(request: HttpRequest, membership_id: int) -> HttpResponse:
    membership = access.access_membership(request.user, membership_id)
    account = membership.user
    try:
        services.membership_remove(actor=request.user, membership=membership)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The role has been removed."))
    return redirect(account)
