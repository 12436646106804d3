"""Referral pages: sending a referral (remiss), the referral group's agenda and its decisions.

A referral is seen by the one who sent it, the members of its referral group and the managers of
its project (selectors.referral_visible_q); everything else gets 404 from the access functions.
The group decides: motivation for work is what counts most, and nobody is excluded for other
reasons (the IPS principle of zero exclusion).
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from stegvis.accounts.models import User
from stegvis.core.forms_util import add_validation_errors
from stegvis.core.permissions import Role, can, require_capability
from stegvis.participants import access, selectors, services
from stegvis.participants.forms import DecisionForm, PersonForm, ReferralForm
from stegvis.participants.models import Referral, ReferralGroup, ReferralStatus
from stegvis.projects.models import Project
from stegvis.projects.selectors import project_list_for, staff_rows_in_force

OPEN_STATUSES = (ReferralStatus.NEW, ReferralStatus.WAITING)
DECIDED_STATUSES = (ReferralStatus.ACCEPTED, ReferralStatus.DECLINED, ReferralStatus.ENROLLED)
RECENT_DECISIONS = 25
DECISION_MESSAGES = {
    ReferralStatus.ACCEPTED: gettext_lazy("The referral has been accepted."),
    ReferralStatus.DECLINED: gettext_lazy("The referral has been declined."),
    ReferralStatus.WAITING: gettext_lazy("The referral waits for a later meeting."),
}


# --- Forms (shape only; the services check the rules) ----------------------------------------


class GroupChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: ReferralGroup) -> str:
        return f"{obj.name} ({obj.project.name})"


class ReferralSendForm(ReferralForm):
    """The referral itself, sent to one of the groups the user may refer to."""

    group = GroupChoiceField(
        label=gettext_lazy("Referral group"),
        queryset=ReferralGroup.objects.none(),
        to_field_name="public_id",
        help_text=gettext_lazy("The group that decides whether the person joins the project."),
    )
    field_order = ("group",)

    def __init__(self, *args: Any, groups: QuerySet[ReferralGroup], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["group"].queryset = groups
        self.fields["consent_given"].error_messages["required"] = gettext_lazy(
            "The person must agree to the referral before it is sent."
        )


class ReferralFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=gettext_lazy("Status"),
        choices=[("", gettext_lazy("All"))] + ReferralStatus.choices,
        required=False,
    )


class ReferralGroupForm(forms.Form):
    project = forms.ModelChoiceField(
        label=gettext_lazy("Project"), queryset=Project.objects.none(), to_field_name="public_id"
    )
    name = forms.CharField(
        label=gettext_lazy("Name of the group"),
        max_length=200,
        help_text=gettext_lazy("For example Remittentgrupp Skellefteå."),
    )
    municipality_code = forms.RegexField(
        label=gettext_lazy("Municipality code"),
        regex=r"^\d{4}$",
        required=False,
        help_text=gettext_lazy(
            "Four digits, for example 2482. Leave empty for several municipalities."
        ),
        error_messages={"invalid": gettext_lazy("Write the municipality code as four digits.")},
    )

    def __init__(self, *args: Any, projects: QuerySet[Project], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["project"].queryset = projects


class MemberChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: User) -> str:
        return f"{obj} – {obj.title}" if obj.title else str(obj)


class MemberForm(forms.Form):
    user = MemberChoiceField(
        label=gettext_lazy("Person"), queryset=User.objects.none(), to_field_name="public_id"
    )

    def __init__(self, *args: Any, users: QuerySet[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = users


# --- Small reads for the forms' choices -------------------------------------------------------


def _projects_managed_by(user: User) -> QuerySet[Project]:
    """The projects where `user` may set up referral groups; the rule itself is `can()`'s."""
    managed = [p.pk for p in project_list_for(user) if can(user, "referral_group.manage", scope=p)]
    return Project.objects.filter(pk__in=managed).order_by("name")


def _member_candidates(group: ReferralGroup) -> QuerySet[User]:
    """Referral-group staff of the group's project who do not yet sit in the group."""
    staff = staff_rows_in_force(role=Role.REFERRAL_GROUP).filter(project=group.project)
    return (
        User.objects.filter(is_active=True, pk__in=staff.values("user_id"))
        .exclude(referral_groups=group)
        .order_by("first_name", "last_name")
    )


def _may_use_referrals(user: User) -> bool:
    return can(user, "referral.create") or can(user, "referral.decide")


# --- Referrals ---------------------------------------------------------------------------------


@require_GET
def referral_list(request: HttpRequest) -> HttpResponse:
    """The referrals the user may see: sent by them, to their groups, or in projects they manage."""
    if not _may_use_referrals(request.user):
        raise PermissionDenied
    form = ReferralFilterForm(request.GET or None)
    status = form.cleaned_data["status"] if form.is_valid() else ""
    referrals = selectors.referral_list_for(request.user, status=status).order_by(
        "-received_on", "-id"
    )
    page = Paginator(referrals, 50).get_page(request.GET.get("page"))
    context = {
        "form": form,
        "status": status,
        "page_obj": page,
        "query_without_page": f"status={status}&" if status else "",
    }
    return render(request, "participants/referral_list.html", context)


@require_http_methods(["GET", "POST"])
@require_capability("referral.create")
def referral_create(request: HttpRequest) -> HttpResponse:
    """Register (or recognise) the person and send the referral, in one transaction."""
    data = request.POST if request.method == "POST" else None
    groups = selectors.referral_groups_for_referring(request.user)
    person_form = PersonForm(data, prefix="person")
    referral_form = ReferralSendForm(
        data,
        prefix="referral",
        groups=groups,
        initial={"referrer_kind": "CASEWORKER", "referrer_name": request.user.get_full_name()},
    )
    forms_valid = [person_form.is_valid(), referral_form.is_valid()]
    if request.method == "POST" and all(forms_valid):
        failed_form: forms.Form = person_form
        try:
            with transaction.atomic():
                # Nothing tells whether the number was already registered: that alone would reveal
                # that the person takes part in a project.
                person, _created = services.person_register(
                    actor=request.user, **person_form.cleaned_data
                )
                failed_form = referral_form
                referral = services.referral_submit(
                    actor=request.user, person=person, **referral_form.cleaned_data
                )
        except ValidationError as exc:
            add_validation_errors(failed_form, exc)
        else:
            messages.success(
                request,
                _("The referral has been sent to %(group)s.") % {"group": referral.group.name},
            )
            return redirect(referral)
    context = {"person_form": person_form, "referral_form": referral_form, "groups": groups}
    return render(request, "participants/referral_form.html", context)


def _detail_context(
    request: HttpRequest, referral: Referral, *, can_decide: bool, form: DecisionForm | None = None
) -> dict[str, Any]:
    open_for_decision = can_decide and referral.status in OPEN_STATUSES
    return {
        "referral": referral,
        "person": referral.person,
        "can_decide": can_decide,
        # A form sent back with errors is shown even when the referral was decided meanwhile.
        "decision_form": form or (DecisionForm() if open_for_decision else None),
        "can_enroll": referral.status == ReferralStatus.ACCEPTED
        and can(request.user, "participant.enroll", scope=referral.group.project),
    }


@require_GET
def referral_detail(request: HttpRequest, referral_id: str) -> HttpResponse:
    try:
        referral = access.access_referral(request.user, referral_id, for_decision=True)
        can_decide = True
    except PermissionDenied:
        # Visible but not to decide (the sender, for one): the read is audited here instead.
        referral = access.access_referral(request.user, referral_id)
        can_decide = False
    context = _detail_context(request, referral, can_decide=can_decide)
    return render(request, "participants/referral_detail.html", context)


@require_POST
def referral_decide(request: HttpRequest, referral_id: str) -> HttpResponse:
    referral = access.access_referral(request.user, referral_id, for_decision=True)
    form = DecisionForm(request.POST)
    if form.is_valid():
        try:
            services.referral_decide(actor=request.user, referral=referral, **form.cleaned_data)
        except ValidationError as exc:
            add_validation_errors(form, exc)
        else:
            messages.success(request, str(DECISION_MESSAGES[referral.status]))
            return redirect(referral)
    context = _detail_context(request, referral, can_decide=True, form=form)
    return render(request, "participants/referral_detail.html", context, status=400)


# --- Referral groups ---------------------------------------------------------------------------


@require_GET
def referral_group_list(request: HttpRequest) -> HttpResponse:
    """The groups on the user's agenda, with how many referrals wait for each."""
    if not (can(request.user, "referral.decide") or can(request.user, "referral_group.manage")):
        raise PermissionDenied
    groups = selectors.referral_groups_for_member(request.user)
    return render(request, "participants/referral_group_list.html", {"groups": groups})


@require_http_methods(["GET", "POST"])
@require_capability("referral_group.manage")
def referral_group_create(request: HttpRequest) -> HttpResponse:
    projects = _projects_managed_by(request.user)
    form = ReferralGroupForm(request.POST or None, projects=projects)
    if request.method == "POST" and form.is_valid():
        try:
            group = services.referral_group_create(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_validation_errors(form, exc)
        else:
            messages.success(
                request, _("The referral group %(name)s has been set up.") % {"name": group.name}
            )
            return redirect("participants:referral_group_detail", group_id=group.public_id)
    return render(
        request, "participants/referral_group_form.html", {"form": form, "projects": projects}
    )


def _group_context(
    request: HttpRequest, group: ReferralGroup, *, member_form: MemberForm | None = None
) -> dict[str, Any]:
    visible = selectors.referral_list_for(request.user).filter(group=group)
    can_manage = can(request.user, "referral_group.manage", scope=group.project)
    if can_manage and member_form is None:
        member_form = MemberForm(users=_member_candidates(group), prefix="member")
    return {
        "group": group,
        "agenda": visible.filter(status__in=OPEN_STATUSES),
        "decisions": visible.filter(status__in=DECIDED_STATUSES).order_by("-meeting__date", "-id")[
            :RECENT_DECISIONS
        ],
        "last_meeting": group.meetings.first(),
        "members": group.members.order_by("first_name", "last_name"),
        "can_manage": can_manage,
        "member_form": member_form if can_manage else None,
    }


@require_GET
def referral_group_detail(request: HttpRequest, group_id: str) -> HttpResponse:
    """The agenda for the next meeting, the recent decisions and the members."""
    group = access.access_referral_group(request.user, group_id)
    return render(
        request, "participants/referral_group_detail.html", _group_context(request, group)
    )


@require_POST
def referral_group_member_add(request: HttpRequest, group_id: str) -> HttpResponse:
    group = access.access_referral_group(request.user, group_id, for_manage=True)
    form = MemberForm(request.POST, users=_member_candidates(group), prefix="member")
    if form.is_valid():
        user = form.cleaned_data["user"]
        try:
            services.referral_group_member_add(actor=request.user, group=group, user=user)
        except ValidationError as exc:
            add_validation_errors(form, exc)
        else:
            messages.success(request, _("%(name)s sits in the group now.") % {"name": user})
            return redirect("participants:referral_group_detail", group_id=group.public_id)
    context = _group_context(request, group, member_form=form)
    return render(request, "participants/referral_group_detail.html", context, status=400)


@require_POST
def referral_group_member_remove(request: HttpRequest, group_id: str) -> HttpResponse:
    group = access.access_referral_group(request.user, group_id, for_manage=True)
    form = MemberForm(request.POST, users=group.members.all())
    if form.is_valid():
        user = form.cleaned_data["user"]
        services.referral_group_member_remove(actor=request.user, group=group, user=user)
        messages.success(request, _("%(name)s no longer sits in the group.") % {"name": user})
    else:
        messages.error(request, _("The person does not sit in the group."))
    return redirect("participants:referral_group_detail", group_id=group.public_id)
