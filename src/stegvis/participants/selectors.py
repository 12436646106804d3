"""Reads of people, participants and referrals, already scoped to the viewing user.

The visibility rules live here (as filters) and in access.py (for one object); nowhere else.
- A participant (enrollment) is seen by system administrators, the project's managers, and its
  current coach.
- A referral is seen by administrators, the one who sent it, the members of its referral group,
  and the managers of its project.
- A person is seen through the participants and referrals the user may see.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import (
    Case,
    Count,
    DateField,
    Exists,
    F,
    Min,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Lower

from stegvis.core.permissions import Role, can, is_system_admin
from stegvis.participants.codes import ExitStatus, Gender
from stegvis.participants.models import (
    Consent,
    ConsentPurpose,
    Contact,
    Enrollment,
    FollowUp,
    Person,
    Referral,
    ReferralGroup,
    ReferralStatus,
)
from stegvis.projects.models import Project
from stegvis.projects.selectors import project_visible_q, staff_rows_in_force


def _managed_projects(user: object) -> QuerySet:
    return staff_rows_in_force(role=Role.MANAGER).filter(user=user).values("project_id")


def enrollment_visible_q(user: object, *, read_projects: bool = False) -> Q:
    """The one visibility rule for participants, as a filter on Enrollment.

    With `read_projects` the ids of the projects the user manages are read first (one small
    query) and the rule becomes `project_id IN (1, 2, …) OR coach = me`: the same rule, but one
    both databases answer from their indexes on a large table, where the OR with a subquery makes
    them read every enrollment (docs/scaling.md). For lists; one object by its key needs no help.
    """
    if not can(user, "participant.view"):
        return Q(pk__in=[])
    if is_system_admin(user):
        return Q()
    managed = _managed_project_ids(user) if read_projects else _managed_projects(user)
    return Q(project_id__in=managed) | Q(coach=user)


def _managed_project_ids(user: object) -> list[int]:
    """The ids of the projects `user` manages, read once per user instance (a request's user, as
    with User.stegvis_roles) for the lists of one page."""
    cached = getattr(user, "_stegvis_managed_project_ids", None)
    if cached is None:
        cached = sorted({row["project_id"] for row in _managed_projects(user).order_by()})
        user._stegvis_managed_project_ids = cached  # type: ignore[attr-defined]
    return cached


def referral_visible_q(user: object) -> Q:
    """The one visibility rule for referrals, as a filter on Referral."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return Q(pk__in=[])
    if is_system_admin(user):
        return Q()
    visible = Q(submitted_by=user) | Q(group__project_id__in=_managed_projects(user))
    if can(user, "referral.decide"):
        visible |= Q(group_id__in=_member_groups(user))
    return visible


def _member_groups(user: object) -> QuerySet:
    return ReferralGroup.members.through.objects.filter(user=user).values("referralgroup_id")


# Apps built on participants add their columns to the caseload here (assessments: the next
# reassessment due), so this app needs no knowledge of them. Each is called as f(enrollments,
# today) in caseload_for and only annotates; it must not add queries per row.
CASELOAD_ANNOTATIONS: list[Callable[[QuerySet, datetime.date], QuerySet]] = []


@dataclass(frozen=True)
class CaseloadFilters:
    search: str = ""
    status: str = "active"  # active | left | all
    project: str = ""
    method: str = ""


def caseload_for(
    user: object, *, filters: CaseloadFilters, today: datetime.date
) -> QuerySet[Enrollment]:
    """The participants `user` may see, with their last contact and next due follow-up.

    For a coach this is their own caseload; for a manager every participant in their projects.
    """
    enrollments = (
        Enrollment.objects.filter(enrollment_visible_q(user, read_projects=True))
        .select_related("project", "coach")
        .defer("person__identity_number")
        .select_related("person")
        .annotate(
            # A correlated subquery, not Max("contacts__date"): the database computes it for the
            # rows shown only, instead of grouping every visible participant's contacts first.
            last_contact=Subquery(
                Contact.objects.filter(enrollment=OuterRef("pk"))
                .order_by("-date")
                .values("date")[:1]
            ),
            next_follow_up=Case(
                When(follow_up_stopped_q(today), then=Value(None)),
                default=Subquery(
                    FollowUp.objects.filter(enrollment=OuterRef("pk"), done_on__isnull=True)
                    .order_by("due_on")
                    .values("due_on")[:1]
                ),
                output_field=DateField(),
            ),
        )
    )
    for annotate in CASELOAD_ANNOTATIONS:
        enrollments = annotate(enrollments, today)
    if filters.status == "active":
        enrollments = enrollments.filter(end_date__isnull=True)
    elif filters.status == "left":
        enrollments = enrollments.filter(end_date__isnull=False)
    if filters.project:
        enrollments = enrollments.filter(project__public_id=filters.project)
    if filters.method:
        enrollments = enrollments.filter(method=filters.method)
    term = filters.search.strip()
    if term:
        name_q = Q(participant_code__iexact=term)
        for word in term.split():
            name_q |= Q(person__first_name__icontains=word) | Q(person__last_name__icontains=word)
        enrollments = enrollments.filter(name_q)
    return enrollments.order_by(
        F("end_date").desc(nulls_first=True), "person__last_name", "person__first_name"
    )


def enrollment_timeline(enrollment: Enrollment, *, viewer: object) -> dict:
    """Everything on a participant's time line, each list in one query. Other participations of
    the same person are listed only where `viewer` may see them."""
    return {
        "contacts": enrollment.contacts.select_related("recorded_by"),
        "interventions": enrollment.interventions.select_related("provider"),
        "steps": enrollment.steps.all(),
        "goals": enrollment.goals.all(),
        "employments": enrollment.employments.all(),
        "notes": enrollment.notes.select_related("written_by").prefetch_related(
            "versions__written_by"
        ),
        "follow_ups": enrollment.follow_ups.all(),
        "coach_history": enrollment.coach_assignments.select_related("coach"),
        "consents": enrollment.person.consents.select_related("partner", "recorded_by"),
        "other_enrollments": Enrollment.objects.filter(
            enrollment_visible_q(viewer), person_id=enrollment.person_id
        )
        .exclude(pk=enrollment.pk)
        .select_related("project"),
    }


def project_overview(project: Project) -> dict:
    """Participants of a project by status, method and gender, and the coaches' caseload sizes."""
    enrollments = Enrollment.objects.filter(project=project)
    by_method = (
        enrollments.values("method", "person__gender")
        .annotate(active=Count("pk", filter=Q(end_date__isnull=True)), total=Count("pk"))
        .order_by("method", "person__gender")
    )
    by_exit = (
        enrollments.exclude(exit_status="")
        .values("exit_status")
        .annotate(n=Count("pk"))
        .order_by("exit_status")
    )
    coaches = (
        enrollments.filter(end_date__isnull=True, coach__isnull=False)
        .values("coach__username", "coach__first_name", "coach__last_name")
        .annotate(n=Count("pk"))
        .order_by("-n", "coach__last_name")
    )
    by_group = (
        enrollments.values("comparison_group", "person__gender")
        .annotate(n=Count("pk"))
        .order_by("comparison_group")
    )
    totals = enrollments.aggregate(
        total=Count("pk"),
        active=Count("pk", filter=Q(end_date__isnull=True)),
        women=Count("pk", filter=Q(person__gender="K")),
        men=Count("pk", filter=Q(person__gender="M")),
        other=Count("pk", filter=Q(person__gender="X")),
        first_start=Min("start_date"),
    )
    genders, situations = dict(Gender.choices), dict(ExitStatus.choices)
    return {
        "by_method": [{**row, "gender": genders.get(row["person__gender"])} for row in by_method],
        "by_exit": [{**row, "situation": situations.get(row["exit_status"])} for row in by_exit],
        "coaches": list(coaches),
        "by_group": [{**row, "gender": genders.get(row["person__gender"])} for row in by_group],
        "totals": totals,
    }


def projects_with_overview_for(user: object) -> QuerySet[Project]:
    """Projects whose participant overview `user` may open (access_project_participants): the
    projects they manage; for administrators every project with participants."""
    if is_system_admin(user):
        projects = Project.objects.filter(Exists(Enrollment.objects.filter(project=OuterRef("pk"))))
    else:
        projects = Project.objects.filter(pk__in=_managed_projects(user))
    return projects.order_by("name")


def referral_list_for(user: object, *, status: str = "") -> QuerySet[Referral]:
    referrals = (
        Referral.objects.filter(referral_visible_q(user))
        .select_related("group__project", "person", "referrer_organisation", "meeting")
        .defer("person__identity_number")
    )
    if status:
        referrals = referrals.filter(status=status)
    return referrals.order_by("received_on", "id")


def referral_groups_for_referring(user: object) -> QuerySet[ReferralGroup]:
    """Groups `user` may send a referral to: those of projects their organisation takes part in."""
    if not can(user, "referral.create"):
        return ReferralGroup.objects.none()
    projects = Project.objects.filter(project_visible_q(user)).values("pk")
    return (
        ReferralGroup.objects.filter(project_id__in=projects)
        .select_related("project")
        .order_by("project__name", "name")
    )


def referral_groups_for_member(user: object) -> QuerySet[ReferralGroup]:
    """Groups whose agenda `user` may see: as member, as the project's manager, or as administrator."""
    groups = ReferralGroup.objects.select_related("project")
    groups = groups.annotate(
        waiting=Count(
            "referrals",
            filter=Q(referrals__status__in=[ReferralStatus.NEW, ReferralStatus.WAITING]),
        )
    )
    if is_system_admin(user):
        return groups.order_by("project__name", "name")
    return groups.filter(
        Q(pk__in=_member_groups(user)) | Q(project_id__in=_managed_projects(user))
    ).order_by("project__name", "name")


def duplicate_candidates_for(user: object) -> list[list[Person]]:
    """Groups of person records that may be the same person: the same identity number, or the same
    name and birth year. For those who may merge people (in the projects they manage)."""
    if not can(user, "person.merge"):
        return []
    people = Person.objects.filter(merged_into__isnull=True)
    people = people.filter(person_visible_for_merge_q(user))
    people = people.defer("identity_number")
    by_number = (
        people.exclude(identity_index="")
        .values("identity_index")
        .annotate(n=Count("pk"))
        .filter(n__gt=1)
        .values("identity_index")
    )
    by_name = (
        people.exclude(first_name="", last_name="")
        .annotate(fn=Lower("first_name"), ln=Lower("last_name"))
        .values("fn", "ln", "birth_year")
        .annotate(n=Count("pk"))
        .filter(n__gt=1)
    )
    groups: list[list[Person]] = []
    seen: set[frozenset[int]] = set()
    for index in by_number:
        group = list(people.filter(identity_index=index["identity_index"]).order_by("created_at"))
        key = frozenset(p.pk for p in group)
        if key not in seen:
            seen.add(key)
            groups.append(group)
    for row in by_name[:200]:
        group = list(
            people.annotate(fn=Lower("first_name"), ln=Lower("last_name"))
            .filter(fn=row["fn"], ln=row["ln"], birth_year=row["birth_year"])
            .order_by("created_at")
        )
        key = frozenset(p.pk for p in group)
        if key not in seen:
            seen.add(key)
            groups.append(group)
    return groups


def contacts_in(enrollment: Enrollment) -> QuerySet[Contact]:
    return enrollment.contacts.select_related("recorded_by")


def coaches_for(project: Project) -> QuerySet:
    """The active users who are coaches in `project`: the choices for a participant's coach."""
    from stegvis.accounts.models import User

    coaches = staff_rows_in_force(role=Role.COACH).filter(project=project).values("user_id")
    return User.objects.filter(is_active=True, pk__in=coaches).order_by("first_name", "last_name")


def projects_for_enrolling(user: object) -> QuerySet[Project]:
    """Projects where `user` may enroll participants: as the project's manager or coach."""
    if not can(user, "participant.enroll"):
        return Project.objects.none()
    if is_system_admin(user):
        return Project.objects.order_by("name")
    staff = (
        staff_rows_in_force(role=Role.MANAGER)
        .filter(user=user)
        .values("project_id")
        .union(staff_rows_in_force(role=Role.COACH).filter(user=user).values("project_id"))
    )
    return Project.objects.filter(pk__in=staff).order_by("name")


def person_visible_for_merge_q(user: object) -> Q:
    """People a user who may merge records may see: those in the projects they manage."""
    if is_system_admin(user):
        return Q()
    return Q(
        Exists(
            Enrollment.objects.filter(person=OuterRef("pk"), project_id__in=_managed_projects(user))
        )
    )


def follow_up_stopped_q(on: datetime.date, *, person: str = "person") -> Q:
    """The one rule for when follow-ups stop: the person has withdrawn a consent to follow-up and
    no consent to follow-up is in force on `on`. A person who never gave one is followed up as
    the programme requires. `person` is the path from the filtered model to the person's key
    ("person" on Enrollment, "enrollment__person" on FollowUp, "pk" on Person)."""
    consents = Consent.objects.filter(person=OuterRef(person), purpose=ConsentPurpose.FOLLOW_UP)
    in_force = (
        consents.filter(given_on__lte=on)
        .filter(Q(withdrawn_on__isnull=True) | Q(withdrawn_on__gt=on))
        .filter(Q(valid_until__isnull=True) | Q(valid_until__gte=on))
    )
    return Q(Exists(consents.filter(withdrawn_on__isnull=False))) & ~Q(Exists(in_force))


def follow_up_stopped(person: Person, *, on: datetime.date) -> bool:
    """Whether follow-ups of `person` have stopped on `on` (follow_up_stopped_q)."""
    return Person.objects.filter(follow_up_stopped_q(on, person="pk"), pk=person.pk).exists()


def follow_ups_due_for(
    user: object, *, until: datetime.date, today: datetime.date
) -> QuerySet[FollowUp]:
    """Follow-ups not yet done and due by `until`, among the participants the user may see;
    not those stopped by a withdrawn consent (follow_up_stopped_q)."""
    return (
        FollowUp.objects.filter(done_on__isnull=True, due_on__lte=until)
        .filter(
            enrollment__in=Enrollment.objects.filter(
                enrollment_visible_q(user, read_projects=True)
            ).values("pk")
        )
        .exclude(follow_up_stopped_q(today, person="enrollment__person"))
        .select_related("enrollment__person", "enrollment__project")
        .defer("enrollment__person__identity_number")
        .order_by("due_on")
    )
