"""Reads for the coordination function, already scoped to the viewing user.

Who sees what:
- A desk (the one way in) is seen by everyone who may register contacts (`intake.register`), so
  that they can choose where to turn; it is run by its coordinators: the managers of its project
  (`intake.route` in that project) and system administrators.
- A contact (intake) is seen in full by the coordinators of its desk. The user who registered it
  sees their own contact and what became of it (access.intake_outcome_for), nothing more.
- The directory is seen by everyone with `directory.view`.
- The shared view of a person's supports: the participants' own visibility rule (a coach their
  caseload, a manager their projects) for the enrollments the user may see; supports in other
  projects only where the person has a valid consent to sharing with the user's organisation.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet

from stegvis.accounts.models import Membership
from stegvis.coordination.models import DirectoryEntry, Intake, IntakeDesk, IntakeStatus
from stegvis.core.permissions import Role, can, is_system_admin
from stegvis.participants.models import (
    Consent,
    ConsentPurpose,
    Enrollment,
    Intervention,
    Referral,
    ReferralStatus,
)
from stegvis.participants.selectors import enrollment_visible_q, referral_visible_q
from stegvis.projects.selectors import staff_rows_in_force


def _managed_project_ids(user: object) -> QuerySet:
    return staff_rows_in_force(role=Role.MANAGER).filter(user=user).values("project_id")


def desks_for_registering(user: object) -> QuerySet[IntakeDesk]:
    """Open desks `user` may register a contact at (any desk, for those with intake.register)."""
    if not can(user, "intake.register"):
        return IntakeDesk.objects.none()
    return IntakeDesk.objects.filter(is_open=True).select_related("project").order_by("name")


def desks_open_to_the_public() -> QuerySet[IntakeDesk]:
    return IntakeDesk.objects.filter(is_open=True).order_by("name")


def desks_coordinated_by(user: object) -> QuerySet[IntakeDesk]:
    """Desks whose contacts `user` routes: those of projects they manage; every desk for admins."""
    if not can(user, "intake.route"):
        return IntakeDesk.objects.none()
    desks = IntakeDesk.objects.select_related("project").annotate(
        waiting=Count("intakes", filter=Q(intakes__status=IntakeStatus.NEW))
    )
    if is_system_admin(user):
        return desks.order_by("name")
    return desks.filter(project_id__in=_managed_project_ids(user)).order_by("name")


def intake_queue_for(user: object, *, status: str = "") -> QuerySet[Intake]:
    """The contacts at the desks `user` coordinates, oldest waiting first."""
    intakes = Intake.objects.filter(
        desk__in=desks_coordinated_by(user).values("pk")
    ).select_related("desk", "registered_by_organisation", "project", "directory_entry")
    if status:
        intakes = intakes.filter(status=status)
    return intakes.order_by("created_at", "id")


def intakes_registered_by(user: object) -> QuerySet[Intake]:
    """The contacts `user` registered themself, newest first (what they may follow)."""
    if not can(user, "intake.register"):
        return Intake.objects.none()
    return (
        Intake.objects.filter(registered_by=user)
        .select_related("desk", "project", "directory_entry", "referral")
        .order_by("-created_at", "-id")
    )


def directory_search(user: object, *, search: str = "", kind: str = "") -> QuerySet:
    """Active directory entries matching every word of `search` (name, offer, for whom, area)."""
    if not can(user, "directory.view"):
        return DirectoryEntry.objects.none()
    entries = DirectoryEntry.objects.filter(is_active=True).select_related("organisation")
    for word in search.split()[:8]:
        entries = entries.filter(
            Q(name__icontains=word)
            | Q(offers__icontains=word)
            | Q(for_whom__icontains=word)
            | Q(area__icontains=word)
            | Q(organisation__name__icontains=word)
        )
    if kind:
        entries = entries.filter(kind=kind)
    return entries.order_by("name", "area")


def directory_for_routing() -> QuerySet[DirectoryEntry]:
    return DirectoryEntry.objects.filter(is_active=True).order_by("name", "area")


# --- The shared view of a person's supports -------------------------------------------------


@dataclass
class SupportRow:
    kind: str  # "project" | "intervention" | "referral"
    what: str
    who: str
    since: datetime.date | None
    until: datetime.date | None = None
    project: str = ""
    visible_in_full: bool = True


@dataclass
class SharedView:
    rows: list[SupportRow] = field(default_factory=list)
    shared_by_consent: bool = False


def _consented_enrollment_q(user: object, person_id: int, today: datetime.date) -> Q:
    """Enrollments of other projects the person agreed to share with one of `user`'s organisations:
    a SHARING consent naming the organisation, in force today (the project owner's consent)."""
    user_orgs = Membership.objects.filter(user=user, organisation__is_active=True).values(
        "organisation_id"
    )
    consents = Consent.objects.filter(
        person_id=person_id,
        purpose=ConsentPurpose.SHARING,
        partner_id__in=user_orgs,
        given_on__lte=today,
    ).filter(Q(withdrawn_on__isnull=True) | Q(withdrawn_on__gt=today))
    consents = consents.filter(Q(valid_until__isnull=True) | Q(valid_until__gte=today))
    # Not Q(): an empty Q is dropped when OR-ed with another, and would share nothing.
    if consents.exists():
        return Q(pk__isnull=False)
    return Q(pk__in=[])


def shared_view_for(user: object, enrollment: Enrollment, *, today: datetime.date) -> SharedView:
    """Who supports the person of `enrollment` now: the projects they take part in, the parallel
    interventions from partner agencies, and referrals (that the user may see) not yet enrolled.

    `enrollment` comes from participants.access.access_enrollment (so the read is audited). Supports
    in enrollments the user may see are shown in full; those in other projects only when the person
    has a valid consent to sharing with one of the user's organisations, and then without the
    coach's name. Five queries.
    """
    person_id = enrollment.person_id
    visible = Q(enrollment_visible_q(user)) | _consented_enrollment_q(user, person_id, today)
    enrollments = list(
        Enrollment.objects.filter(visible, person_id=person_id)
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=today))
        .select_related("project__owner", "coach")
        .order_by("start_date", "id")
    )
    in_full = set(
        Enrollment.objects.filter(enrollment_visible_q(user), person_id=person_id).values_list(
            "pk", flat=True
        )
    )
    view = SharedView(shared_by_consent=any(e.pk not in in_full for e in enrollments))
    for e in enrollments:
        view.rows.append(
            SupportRow(
                kind="project",
                what=f"{e.project.name} ({e.method_display})" if e.method else e.project.name,
                who=e.project.owner.name
                + (f" – {e.coach.get_full_name()}" if e.coach and e.pk in in_full else ""),
                since=e.start_date,
                until=e.end_date,
                visible_in_full=e.pk in in_full,
            )
        )
    interventions = (
        Intervention.objects.filter(enrollment__in=[e.pk for e in enrollments])
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=today))
        .select_related("provider", "enrollment__project")
        .order_by("start_date", "id")
    )
    for i in interventions:
        view.rows.append(
            SupportRow(
                kind="intervention",
                what=i.get_kind_display()
                + (f": {i.description}" if i.description and i.enrollment_id in in_full else ""),
                who=i.provider.name if i.provider else "",
                since=i.start_date,
                until=i.end_date,
                project=i.enrollment.project.name,
                visible_in_full=i.enrollment_id in in_full,
            )
        )
    waiting = (
        Referral.objects.filter(
            referral_visible_q(user),
            person_id=person_id,
            status__in=[ReferralStatus.NEW, ReferralStatus.WAITING, ReferralStatus.ACCEPTED],
        )
        .select_related("group__project")
        .order_by("received_on", "id")
    )
    for r in waiting:
        view.rows.append(
            SupportRow(
                kind="referral",
                what=r.get_status_display(),
                who=r.group.name,
                since=r.received_on,
                project=r.group.project.name,
            )
        )
    return view


def participants_with_supports_for(user: object, *, today: datetime.date) -> QuerySet[Enrollment]:
    """The active participants `user` may see, with the number of parallel interventions going on
    now (one query)."""
    return (
        Enrollment.objects.filter(enrollment_visible_q(user), end_date__isnull=True)
        .select_related("project", "person", "coach")
        .defer("person__identity_number")
        .annotate(
            open_interventions=Count(
                "interventions",
                filter=Q(interventions__end_date__isnull=True)
                | Q(interventions__end_date__gte=today),
            )
        )
        .order_by("person__last_name", "person__first_name", "id")
    )
