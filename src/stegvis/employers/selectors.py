"""Reads of employers, openings, profiles, matches and jobs, already scoped to the viewing user.

The visibility rules live here (as filters) and in access.py (for one object); nowhere else.
- An employer belongs to an organisation's register and is shared by the organisation's projects:
  it is seen by the coaches and managers of any project that organisation owns (and by system
  administrators). Its contacts, agreements and openings are seen with it.
- Participants (and so their vocational profiles, matches and jobs) follow the participants app's
  rule (participants.selectors.enrollment_visible_q): a coach their caseload, a manager their
  projects'. Matching only ever looks among those.
- Evaluators, funders and referral-group members see no employers and no individuals here.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Count, Exists, F, Max, OuterRef, Q, QuerySet
from django.db.models.functions import ExtractIsoYear, ExtractWeek

from stegvis.core.permissions import Role, can, is_system_admin
from stegvis.employers import matching
from stegvis.employers.models import (
    Employer,
    EmployerContact,
    JobSupport,
    Occupation,
    Opening,
    OpeningStatus,
    VocationalProfile,
)
from stegvis.participants.codes import EmploymentKind
from stegvis.participants.models import Employment, Enrollment
from stegvis.participants.selectors import enrollment_visible_q
from stegvis.projects.models import Project
from stegvis.projects.selectors import staff_rows_in_force

MATCHES_SHOWN = 10


def _work_projects(user: object) -> Q:
    """Projects where `user` is a coach or a manager (staff rows in force), as a filter on Project."""
    coach = staff_rows_in_force(role=Role.COACH).filter(user=user).values("project_id")
    manager = staff_rows_in_force(role=Role.MANAGER).filter(user=user).values("project_id")
    return Q(pk__in=coach) | Q(pk__in=manager)


def employer_visible_q(user: object, *, prefix: str = "") -> Q:
    """The one visibility rule for employers, as a filter on Employer (or, with `prefix` such as
    "employer__", on a model that points to one)."""
    if not can(user, "employer.view"):
        return Q(pk__in=[])
    if is_system_admin(user):
        return Q()
    owners = Project.objects.filter(_work_projects(user)).values("owner_id")
    return Q(**{f"{prefix}organisation_id__in": owners})


def projects_for_employer_work(user: object, employer: Employer) -> QuerySet[Project]:
    """The projects in whose name `user` may log contacts, agreements and openings with
    `employer`: the projects of the employer's organisation where they are a coach or manager."""
    if not can(user, "employer.edit"):
        return Project.objects.none()
    projects = Project.objects.filter(owner_id=employer.organisation_id)
    if not is_system_admin(user):
        projects = projects.filter(_work_projects(user))
    return projects.order_by("name")


def organisations_for_register(user: object) -> QuerySet:
    """The organisations in whose register `user` may enter an employer."""
    from stegvis.accounts.models import Organisation

    if not can(user, "employer.edit"):
        return Organisation.objects.none()
    if is_system_admin(user):
        owners = Project.objects.values("owner_id")
    else:
        owners = Project.objects.filter(_work_projects(user)).values("owner_id")
    return Organisation.objects.filter(pk__in=owners, is_active=True).order_by("name")


def employer_list_for(user: object, *, search: str = "") -> QuerySet[Employer]:
    """The employers `user` may see, with how many openings are open and the latest contact."""
    employers = Employer.objects.filter(employer_visible_q(user)).select_related("organisation")
    term = search.strip()
    if term:
        employers = employers.filter(
            Q(name__icontains=term)
            | Q(org_number__icontains=term)
            | Q(industry__icontains=term)
            | Q(municipality_code=term)
        )
    return employers.annotate(
        open_openings=Count(
            "openings", filter=Q(openings__status=OpeningStatus.OPEN), distinct=True
        ),
        last_contact=Max("contacts__date"),
    ).order_by("name", "id")


def employer_find_by_org_number(organisation_id: int, org_number: str) -> Employer | None:
    """The employer with this (normalised) organisation number in an organisation's register."""
    if not org_number:
        return None
    return Employer.objects.filter(organisation_id=organisation_id, org_number=org_number).first()


def employer_relations(employer: Employer) -> dict:
    """Contact people, the contact log, agreements and openings of an employer the caller
    obtained through access_employer (each list in one query)."""
    return {
        "people": employer.people.all(),
        "contacts": employer.contacts.select_related("project", "coach", "person")[:50],
        "agreements": employer.agreements.select_related("project"),
        "openings": employer.openings.select_related("project").order_by("status", "-created_at"),
    }


def opening_list_for(user: object, *, status: str = OpeningStatus.OPEN) -> QuerySet[Opening]:
    """Openings at the employers `user` may see."""
    openings = Opening.objects.filter(employer_visible_q(user, prefix="employer__")).select_related(
        "employer", "project"
    )
    if status:
        openings = openings.filter(status=status)
    return openings.order_by("-created_at", "-id")


def occupation_names(codes: set[str]) -> dict[str, str]:
    codes = {c for c in codes if c}
    if not codes:
        return {}
    return dict(Occupation.objects.filter(code__in=codes).values_list("code", "name"))


def occupation_choices() -> list[tuple[str, str]]:
    return [(o.code, str(o)) for o in Occupation.objects.all()]


def profile_of(enrollment: Enrollment) -> VocationalProfile | None:
    """The vocational profile of a participant the caller obtained through an access function."""
    return VocationalProfile.objects.filter(enrollment=enrollment).first()


def profile_history(profile: VocationalProfile) -> list[dict]:
    """The profile's changes, newest first, from the audit trail (each with who, when and which
    fields, old and new value)."""
    from django.contrib.contenttypes.models import ContentType

    from stegvis.core.models import AuditEvent

    labels = {
        f.name: f.verbose_name
        for f in VocationalProfile._meta.get_fields()
        if hasattr(f, "verbose_name")
    }
    events = AuditEvent.objects.filter(
        content_type=ContentType.objects.get_for_model(VocationalProfile),
        object_id=str(profile.pk),
        action__startswith="vocational_profile.",
    ).order_by("-at", "-id")
    return [
        {
            "at": event.at,
            "by": event.actor_label,
            "changes": [
                {"field": labels.get(field, field), "old": old, "new": new}
                for field, (old, new) in sorted(event.changes.items())
            ],
        }
        for event in events
    ]


# --- Matching --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Match:
    fit: matching.Fit
    opening: Opening | None = None
    enrollment: Enrollment | None = None

    @property
    def score(self) -> int:
        return self.fit.score


def profile_facts(profile: VocationalProfile, names: dict[str, str]) -> matching.ProfileFacts:
    offers = " ".join((profile.experience, profile.skills, profile.education))
    return matching.ProfileFacts(
        wanted=profile.wanted_occupation,
        ssyk=profile.ssyk,
        ssyk_name=names.get(profile.ssyk, ""),
        hours=profile.hours_per_week,
        municipalities=tuple(profile.municipality_codes),
        driving_licence=profile.driving_licence,
        offers=offers,
        not_wanted=profile.not_wanted,
    )


def opening_facts(opening: Opening, names: dict[str, str]) -> matching.OpeningFacts:
    return matching.OpeningFacts(
        title=opening.title,
        ssyk=opening.ssyk,
        ssyk_name=names.get(opening.ssyk, ""),
        hours=opening.hours_per_week,
        municipality=opening.municipality_code,
        requirements=opening.requirements,
        driving_licence_required=opening.driving_licence_required,
    )


def _ranked(matches: list[Match], key) -> list[Match]:  # noqa: ANN001
    return sorted(matches, key=lambda m: (-m.score, key(m)))


def open_openings_for(enrollment: Enrollment) -> QuerySet[Opening]:
    """Open openings at the employers of the participant's project's organisation (the register
    the project shares), whoever looks."""
    return (
        Opening.objects.filter(
            status=OpeningStatus.OPEN, employer__organisation_id=enrollment.project.owner_id
        )
        .select_related("employer", "project")
        .order_by("id")
    )


def matches_for_enrollment(
    enrollment: Enrollment, *, openings: QuerySet[Opening], limit: int | None = MATCHES_SHOWN
) -> list[Match]:
    """The openings among `openings` that fit the participant's vocational profile best, best
    first (an equal score: the older opening first). No profile, no matches."""
    profile = VocationalProfile.objects.filter(enrollment=enrollment).first()
    if profile is None:
        return []
    rows = list(openings)
    names = occupation_names({profile.ssyk, *(o.ssyk for o in rows)})
    facts = profile_facts(profile, names)
    found = [Match(fit=matching.score(facts, opening_facts(o, names)), opening=o) for o in rows]
    ranked = _ranked(found, key=lambda m: m.opening.pk)
    return ranked[:limit] if limit else ranked


def openings_matching_for(user: object, enrollment: Enrollment) -> list[Match]:
    """For the participant page: open openings `user` may see, best first."""
    if not can(user, "match.view"):
        return []
    openings = open_openings_for(enrollment).filter(employer_visible_q(user, prefix="employer__"))
    return matches_for_enrollment(enrollment, openings=openings)


def candidates_for(user: object, opening: Opening, *, limit: int = MATCHES_SHOWN) -> list[Match]:
    """The participants `user` may see whose vocational profile fits `opening` best, best first:
    active participants of projects of the employer's organisation, with a profile."""
    if not can(user, "match.view"):
        return []
    enrollments = list(
        Enrollment.objects.filter(
            enrollment_visible_q(user),
            end_date__isnull=True,
            project__owner_id=opening.employer.organisation_id,
            vocational_profile__isnull=False,
        )
        .select_related("person", "project", "vocational_profile")
        .defer("person__identity_number")
    )
    names = occupation_names({opening.ssyk, *(e.vocational_profile.ssyk for e in enrollments)})
    facts = opening_facts(opening, names)
    found = [
        Match(fit=matching.score(profile_facts(e.vocational_profile, names), facts), enrollment=e)
        for e in enrollments
    ]
    return _ranked(found, key=lambda m: m.enrollment.pk)[:limit]


# --- Employer contacts per coach and week (IPS job development) -------------------------------


def employer_contacts_per_week(
    user: object, *, weeks: int, today: datetime.date
) -> tuple[list[tuple[int, int]], list[dict]]:
    """Employer contacts per coach and ISO week for the last `weeks` weeks, in the projects where
    `user` works (all projects for administrators). Returns the weeks (year, week), newest last,
    and one row per coach: {"coach": name, "counts": [n per week], "total": n, "per_week": mean}.
    One query: the database counts."""
    monday = today - datetime.timedelta(days=today.weekday())
    first = monday - datetime.timedelta(weeks=weeks - 1)
    week_list = [
        tuple((first + datetime.timedelta(weeks=n)).isocalendar())[:2] for n in range(weeks)
    ]
    if not can(user, "employer.view"):
        return week_list, []
    contacts = EmployerContact.objects.filter(date__gte=first, date__lte=today)
    if not is_system_admin(user):
        contacts = contacts.filter(project__in=Project.objects.filter(_work_projects(user)))
    rows = (
        contacts.annotate(year=ExtractIsoYear("date"), week=ExtractWeek("date"))
        .values(
            "coach_id", "coach__first_name", "coach__last_name", "coach__username", "year", "week"
        )
        .annotate(n=Count("pk"))
        .order_by("coach__first_name", "coach__last_name", "coach_id")
    )
    by_coach: dict[int, dict] = {}
    for row in rows:
        name = f"{row['coach__first_name']} {row['coach__last_name']}".strip()
        entry = by_coach.setdefault(
            row["coach_id"], {"coach": name or row["coach__username"], "weeks": {}}
        )
        entry["weeks"][(row["year"], row["week"])] = row["n"]
    table = []
    for entry in by_coach.values():
        counts = [entry["weeks"].get(week, 0) for week in week_list]
        total = sum(counts)
        table.append(
            {"coach": entry["coach"], "counts": counts, "total": total, "per_week": total / weeks}
        )
    return week_list, table


# --- Jobs after a hire -----------------------------------------------------------------------


def job_support_for(employment: Employment) -> QuerySet[JobSupport]:
    return employment.support_entries.select_related("recorded_by")


def jobs_of(enrollment: Enrollment) -> QuerySet[Employment]:
    """The participant's jobs, newest first, with how much support each has had and its opening."""
    return (
        enrollment.employments.filter(kind=EmploymentKind.JOB)
        .annotate(support_count=Count("support_entries"))
        .select_related("opening__employer")
        .order_by("-start_date", "-id")
    )


def needs_next_job_q(today: datetime.date) -> Q:
    """Participants to help toward the next job (IPS: a job ending is part of the process): a job
    of theirs has ended, none goes on or has been found since, and they still take part (or have
    follow-along support)."""
    jobs = Employment.objects.filter(enrollment=OuterRef("pk"), kind=EmploymentKind.JOB)
    ended = jobs.filter(end_date__lte=today)
    current = jobs.filter(Q(end_date__isnull=True) | Q(end_date__gt=today))
    return (
        Q(Exists(ended)) & ~Q(Exists(current)) & (Q(end_date__isnull=True) | Q(follow_along=True))
    )


def next_job_due_for(user: object, *, today: datetime.date) -> QuerySet[Enrollment]:
    """The participants `user` may see who need help toward their next job, with the last day of
    their latest job, the earliest ended first."""
    return (
        Enrollment.objects.filter(enrollment_visible_q(user, read_projects=True))
        .filter(needs_next_job_q(today))
        .annotate(
            last_job_end=Max(
                "employments__end_date", filter=Q(employments__kind=EmploymentKind.JOB)
            )
        )
        .select_related("person", "project")
        .defer("person__identity_number")
        .order_by(F("last_job_end").asc(), "pk")
    )


def needs_next_job(enrollment: Enrollment, *, today: datetime.date) -> bool:
    return Enrollment.objects.filter(needs_next_job_q(today), pk=enrollment.pk).exists()
