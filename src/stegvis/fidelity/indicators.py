"""Routine fidelity indicators: what the IPS fidelity scale asks, answered from the data Stegvis
already holds, for a project and a period (both days included).

- Caseload per coach (item 1; IPS: 20 or fewer): the participants taking part on the period's
  last day, by their coach; the mean over the coaches who have any, the largest, and how many
  coaches have more than 20. Only this project's caseload is counted.
- Days from enrollment to the first employer contact (item 15; IPS: within 30 days): for the
  participants who started in the period, the first of these on or after the start and by the
  period's end: a participant contact at a workplace, the step "SE 4: Employer engagement", or the
  first day of a job (a job cannot start without a contact with its employer). The employer
  contact log (employers.EmployerContact) names no participant, so it cannot say whose contact it
  was. The median over those with a contact; the share within 30 days over those with a contact
  and those without one who had already taken part for 30 days (those who started less than 30
  days before the end, with no contact yet, are still within time and not counted).
- Employer contacts per coach per week (item 17; IPS: at least 6 in person): the project's
  employer contacts in the period (visits and job development meetings are in person), divided
  by the coaches (those who had a caseload in the project in the period or logged an employer
  contact for it) and the weeks of the period.
- Share of jobs that are competitive (item 21; IPS: 95 % or more): the jobs (not studies) that
  started in the period, among those whose kind is recorded.
- Diversity of job types and of employers (items 19 and 20; IPS: 85 % or more): the different
  job types (the SSYK code of the opening the job filled, otherwise the occupation as written)
  and the different employers (organisationsnummer, otherwise the name) as a share of the jobs
  that started in the period.
- Support after hire (items 22 and 23): of the participants whose job started in the period at
  least 7 days before its end, the share with follow-along support after the first day (support
  logged on the job, or a contact with the participant) by the period's end. The scale gives no
  percentage; Stegvis asks for 90 %.

Everything is counted in the database: six queries, whatever the number of participants.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import (
    Case,
    Count,
    DateField,
    Exists,
    F,
    Func,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce, Least, Lower, NullIf, Trim
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from stegvis.employers.models import EmployerContact, EmployerContactKind, JobSupport
from stegvis.participants.codes import EmploymentKind
from stegvis.participants.models import (
    CoachAssignment,
    Contact,
    ContactKind,
    Employment,
    Enrollment,
    MethodStep,
    StepReached,
)
from stegvis.projects.models import Project

SMALL_NUMBER = 5  # counts from 1 to 4 are shown as "<5" to those who may not see individuals
HIDDEN = "<5"
SMALL_GROUP = 10  # a figure built on fewer people or jobs is marked as uncertain
CASELOAD_TARGET = 20
FIRST_CONTACT_DAYS = 30
CONTACTS_PER_WEEK_TARGET = 6
COMPETITIVE_TARGET = 0.95
DIVERSITY_TARGET = 0.85
SUPPORT_TARGET = 0.90
SUPPORT_GRACE_DAYS = 7
IN_PERSON = (EmployerContactKind.VISIT, EmployerContactKind.JOB_DEVELOPMENT)
NEVER = datetime.date(9999, 12, 31)


@dataclass(frozen=True)
class Figures:
    """The raw counts behind the indicators (exact; suppression is in `indicator_rows`)."""

    start: datetime.date
    end: datetime.date
    caseloads: list[int]  # one per coach, participants on the last day
    without_coach: int
    first_contact_days: dict[int, int]  # days -> participants with their first contact then
    no_contact_late: int  # started 30+ days before the end, no contact yet
    no_contact_pending: int  # started less than 30 days before the end, no contact yet
    coaches: int
    employer_contacts: int
    employer_contacts_in_person: int
    jobs: int
    jobs_known_kind: int
    jobs_competitive: int
    jobs_typed: int
    job_types: int
    job_employers: int
    hired: int
    hired_supported: int

    @property
    def weeks(self) -> float:
        return ((self.end - self.start).days + 1) / 7

    @property
    def participants_on_caseload(self) -> int:
        return sum(self.caseloads)

    @property
    def caseload_mean(self) -> float | None:
        return sum(self.caseloads) / len(self.caseloads) if self.caseloads else None

    @property
    def with_contact(self) -> int:
        return sum(self.first_contact_days.values())

    @property
    def within_30(self) -> int:
        return sum(n for d, n in self.first_contact_days.items() if d <= FIRST_CONTACT_DAYS)

    @property
    def first_contact_median(self) -> float | None:
        return median_of_counts(self.first_contact_days)

    @property
    def contacts_per_coach_week(self) -> float | None:
        if not self.coaches:
            return None
        return self.employer_contacts_in_person / self.coaches / self.weeks


class DaysBetween(Func):
    """The whole days from the second date to the first (SQLite and PostgreSQL)."""

    output_field = IntegerField()
    arity = 2

    def _parts(self, compiler, connection) -> tuple[str, str, list]:  # noqa: ANN001
        later, later_params = compiler.compile(self.get_source_expressions()[0])
        earlier, earlier_params = compiler.compile(self.get_source_expressions()[1])
        return later, earlier, [*later_params, *earlier_params]

    def as_sql(self, compiler, connection, **extra) -> tuple[str, list]:  # noqa: ANN001, ANN003
        # PostgreSQL: date - date is a number of days.
        later, earlier, params = self._parts(compiler, connection)
        return f"({later} - {earlier})", params

    def as_sqlite(self, compiler, connection, **extra) -> tuple[str, list]:  # noqa: ANN001, ANN003
        later, earlier, params = self._parts(compiler, connection)
        return f"CAST(julianday({later}) - julianday({earlier}) AS INTEGER)", params


def median_of_counts(counts: dict[int, int]) -> float | None:
    """The median of values given as {value: how many}: the middle one, or the mean of the two
    middle ones for an even number."""
    total = sum(counts.values())
    if total == 0:
        return None
    middle = [(total - 1) // 2, total // 2]  # zero-based positions of the middle value(s)
    found: list[int] = []
    seen = 0
    for value in sorted(counts):
        n = counts[value]
        for position in middle:
            if seen <= position < seen + n:
                found.append(value)
        seen += n
    return sum(found) / 2


def _active_on(day: datetime.date) -> Q:
    return Q(start_date__lte=day) & (Q(end_date__isnull=True) | Q(end_date__gte=day))


def project_figures(project: Project, *, start: datetime.date, end: datetime.date) -> Figures:
    """The counts behind the routine fidelity indicators of `project` from `start` to `end`
    (both included). Who may see them is access.py's. Six queries."""
    enrollments = Enrollment.objects.filter(project=project)

    # 1. The caseload of each coach on the last day.
    caseloads = list(
        enrollments.filter(_active_on(end))
        .order_by()
        .values("coach")
        .annotate(n=Count("pk"))
        .values_list("coach", "n")
    )

    # 2. Days to the first employer contact, counted per (start, first contact) pair.
    def first(queryset, field_name: str) -> Coalesce:  # noqa: ANN001
        dates = (
            queryset.filter(
                enrollment=OuterRef("pk"),
                **{f"{field_name}__gte": OuterRef("start_date"), f"{field_name}__lte": end},
            )
            .order_by(field_name)
            .values(field_name)[:1]
        )
        return Coalesce(Subquery(dates, output_field=DateField()), Value(NEVER))

    days_late = end - datetime.timedelta(days=FIRST_CONTACT_DAYS)
    pairs = (
        enrollments.filter(start_date__gte=start, start_date__lte=end)
        .annotate(
            first=Least(
                first(Contact.objects.filter(kind=ContactKind.WORKPLACE), "date"),
                first(StepReached.objects.filter(step=MethodStep.SE_EMPLOYER), "date"),
                first(Employment.objects.filter(kind=EmploymentKind.JOB), "start_date"),
            )
        )
        .annotate(
            days=DaysBetween(F("first"), F("start_date")),
            late=Case(When(start_date__lte=days_late, then=Value(1)), default=Value(0)),
        )
        .order_by()
        .values_list("days", "late")
        .annotate(n=Count("pk"))
    )
    # A first contact lies between the start and the period's end; anything longer is NEVER.
    longest = (end - start).days
    first_days: dict[int, int] = {}
    late = pending = 0
    for days, is_late, n in pairs:
        if days > longest:
            if is_late:
                late += n
            else:
                pending += n
        else:
            first_days[days] = first_days.get(days, 0) + n

    # 3. The coaches of the period: a caseload in the project, or an employer contact for it.
    in_period = EmployerContact.objects.filter(project=project, date__gte=start, date__lte=end)
    coaches = (
        CoachAssignment.objects.filter(
            Q(end_date__isnull=True) | Q(end_date__gte=start),
            enrollment__project=project,
            start_date__lte=end,
        )
        .values("coach")
        .union(in_period.values("coach"))
        .count()
    )
    # 4. The employer contacts of the period.
    contacts = in_period.aggregate(
        total=Count("pk"), in_person=Count("pk", filter=Q(kind__in=IN_PERSON))
    )

    # 5. The jobs that started in the period: competitive, types and employers.
    job_type = Coalesce(
        NullIf(F("opening__ssyk"), Value("")), NullIf(Lower(Trim("occupation")), Value(""))
    )
    employer = Coalesce(NullIf(F("employer_org_number"), Value("")), Lower(Trim("employer")))
    jobs = (
        Employment.objects.filter(
            enrollment__project=project,
            kind=EmploymentKind.JOB,
            start_date__gte=start,
            start_date__lte=end,
        )
        .annotate(job_type=job_type, employer_key=employer)
        .aggregate(
            jobs=Count("pk"),
            known=Count("pk", filter=Q(competitive__isnull=False)),
            competitive=Count("pk", filter=Q(competitive=True)),
            typed=Count("pk", filter=Q(job_type__isnull=False)),
            types=Count("job_type", distinct=True),
            employers=Count("employer_key", distinct=True),
        )
    )

    # 6. Support after hire.
    last_hire = end - datetime.timedelta(days=SUPPORT_GRACE_DAYS)
    hires = Employment.objects.filter(
        enrollment=OuterRef("pk"),
        kind=EmploymentKind.JOB,
        start_date__gte=start,
        start_date__lte=last_hire,
    )
    supported = hires.filter(
        Q(
            Exists(
                JobSupport.objects.filter(
                    employment=OuterRef("pk"), date__gte=OuterRef("start_date"), date__lte=end
                )
            )
        )
        | Q(
            Exists(
                Contact.objects.filter(
                    enrollment=OuterRef("enrollment"),
                    date__gte=OuterRef("start_date"),
                    date__lte=end,
                )
            )
        )
    )
    hired = enrollments.aggregate(
        hired=Count("pk", filter=Q(Exists(hires))),
        supported=Count("pk", filter=Q(Exists(supported))),
    )
    return Figures(
        start=start,
        end=end,
        caseloads=sorted((n for coach, n in caseloads if coach is not None), reverse=True),
        without_coach=sum(n for coach, n in caseloads if coach is None),
        first_contact_days=first_days,
        no_contact_late=late,
        no_contact_pending=pending,
        coaches=coaches,
        employer_contacts=contacts["total"],
        employer_contacts_in_person=contacts["in_person"],
        jobs=jobs["jobs"],
        jobs_known_kind=jobs["known"],
        jobs_competitive=jobs["competitive"],
        jobs_typed=jobs["typed"],
        job_types=jobs["types"],
        job_employers=jobs["employers"],
        hired=hired["hired"],
        hired_supported=hired["supported"],
    )


# ---------------------------------------------------------------------------------------------
# The indicators as the page and the files show them.


@dataclass
class Indicator:
    key: str
    item: str  # the IPS-25 item it informs
    label: str | Promise
    value: str  # as shown: a number, a share, "<5" or "–"
    target: str | Promise
    met: bool | None  # None: nothing to judge by (no one, or hidden)
    base: int  # the people or jobs behind the figure
    small: bool  # fewer than SMALL_GROUP behind it: read with care
    explanation: str | Promise
    details: list[tuple[str | Promise, str]] = field(default_factory=list)

    @property
    def status(self) -> str | Promise:
        if self.met is None:
            return _("Fidelity: cannot be judged")
        return _("Fidelity: met") if self.met else _("Fidelity: not met")


def _count(n: int, *, exact: bool) -> str:
    if not exact and 0 < n < SMALL_NUMBER:
        return HIDDEN
    return str(n)


def _number(x: float | None, digits: int = 1) -> str:
    if x is None:
        return "–"
    return f"{x:.{digits}f}".replace(".", ",")


def _share(part: int, whole: int, *, exact: bool) -> str:
    """A share as shown: – with no one behind it, hidden when either count is hidden."""
    if whole == 0:
        return "–"
    if HIDDEN in (_count(part, exact=exact), _count(whole, exact=exact)):
        return HIDDEN
    return f"{round(100 * part / whole)} %"


def _judge(ok: bool, base: int, *, exact: bool) -> bool | None:
    if base == 0 or (not exact and base < SMALL_NUMBER):
        return None
    return ok


def indicator_rows(f: Figures, *, exact: bool) -> list[Indicator]:
    """The seven indicators with their targets, whether each is met and what it means; counts
    from 1 to 4 (and the figures built on them) hidden unless `exact`."""
    mean = f.caseload_mean
    over = sum(1 for n in f.caseloads if n > CASELOAD_TARGET)
    largest = f.caseloads[0] if f.caseloads else 0
    eligible = f.with_contact + f.no_contact_late
    median = f.first_contact_median
    rate = f.contacts_per_coach_week
    rows = [
        Indicator(
            key="caseload",
            item="1",
            label=_("Participants per coach"),
            value=_number(mean) if _judge(True, f.participants_on_caseload, exact=exact) is not None
            else ("–" if not f.caseloads else HIDDEN),
            target=_("20 or fewer"),
            met=_judge(mean is not None and mean <= CASELOAD_TARGET, f.participants_on_caseload,
                       exact=exact),
            base=f.participants_on_caseload,
            small=f.participants_on_caseload < SMALL_GROUP,
            explanation=_(
                "How many participants each coach has on the last day of the period, on average. "
                "With more than 20, a coach has too little time for each person and for "
                "employers."
            ),
            details=[
                (_("Coaches with participants"), str(len(f.caseloads))),
                (_("Participants with a coach"), _count(f.participants_on_caseload, exact=exact)),
                (_("Participants without a coach"), _count(f.without_coach, exact=exact)),
                (_("The largest caseload"), _count(largest, exact=exact)),
                (_("Coaches with more than 20"), str(over)),
            ],
        ),
        Indicator(
            key="first_contact",
            item="15",
            label=_("Days to the first employer contact"),
            value=_number(median, 0) if _judge(True, f.with_contact, exact=exact) is not None
            else ("–" if not f.with_contact else HIDDEN),
            target=_("30 days or fewer (median)"),
            met=_judge(median is not None and median <= FIRST_CONTACT_DAYS, f.with_contact,
                       exact=exact),
            base=eligible,
            small=eligible < SMALL_GROUP,
            explanation=_(
                "For those who started in the period: how many days it took until they met an "
                "employer for the first time (a visit at a workplace, the step employer "
                "engagement, or a job). IPS starts the job search within a month, without "
                "training or preparation first."
            ),
            details=[
                (_("Started in the period, with an employer contact"),
                 _count(f.with_contact, exact=exact)),
                (_("Within 30 days"), _count(f.within_30, exact=exact)),
                (_("Share within 30 days"), _share(f.within_30, eligible, exact=exact)),
                (_("No contact after 30 days or more"), _count(f.no_contact_late, exact=exact)),
                (_("Started less than 30 days ago, no contact yet"),
                 _count(f.no_contact_pending, exact=exact)),
            ],
        ),
        Indicator(
            key="employer_contacts",
            item="17",
            label=_("Employer contacts in person per coach and week"),
            value=_number(rate),
            target=_("6 or more"),
            met=None if rate is None else rate >= CONTACTS_PER_WEEK_TARGET,
            base=f.coaches,
            small=False,
            explanation=_(
                "Visits and job development meetings with employers, per coach and week. In IPS "
                "the coach meets employers every week to learn what they need, also before a "
                "participant asks for a particular job."
            ),
            details=[
                (_("Fidelity: coaches"), str(f.coaches)),
                (_("Weeks in the period"), _number(f.weeks)),
                (_("Employer contacts in person"), str(f.employer_contacts_in_person)),
                (_("All employer contacts, also by phone and e-mail"), str(f.employer_contacts)),
            ],
        ),
        Indicator(
            key="competitive",
            item="21",
            label=_("Share of jobs on the open labour market"),
            value=_share(f.jobs_competitive, f.jobs_known_kind, exact=exact),
            target=_("95 percent or more"),
            met=_judge(f.jobs_known_kind > 0
                       and f.jobs_competitive / f.jobs_known_kind >= COMPETITIVE_TARGET,
                       f.jobs_known_kind, exact=exact),
            base=f.jobs_known_kind,
            small=f.jobs_known_kind < SMALL_GROUP,
            explanation=_(
                "Of the jobs that started in the period: the share on the open labour market, "
                "paid at least the going wage and not reserved for people with disabilities."
            ),
            details=[
                (_("Jobs started in the period"), _count(f.jobs, exact=exact)),
                (_("On the open labour market"), _count(f.jobs_competitive, exact=exact)),
                (_("Not recorded whether on the open labour market"),
                 _count(f.jobs - f.jobs_known_kind, exact=exact)),
            ],
        ),
        Indicator(
            key="job_types",
            item="19",
            label=_("Different kinds of jobs"),
            value=_share(f.job_types, f.jobs_typed, exact=exact),
            target=_("85 percent or more"),
            met=_judge(f.jobs_typed > 0 and f.job_types / f.jobs_typed >= DIVERSITY_TARGET,
                       f.jobs_typed, exact=exact),
            base=f.jobs_typed,
            small=f.jobs_typed < SMALL_GROUP,
            explanation=_(
                "How many different kinds of jobs (occupation by SSYK code, or as written) the "
                "jobs of the period are, as a share of the jobs. The jobs should follow each "
                "person's wishes, not a few employers' needs."
            ),
            details=[
                (_("Jobs with a known occupation"), _count(f.jobs_typed, exact=exact)),
                (_("Different occupations"), _count(f.job_types, exact=exact)),
            ],
        ),
        Indicator(
            key="employers",
            item="20",
            label=_("Different employers"),
            value=_share(f.job_employers, f.jobs, exact=exact),
            target=_("85 percent or more"),
            met=_judge(f.jobs > 0 and f.job_employers / f.jobs >= DIVERSITY_TARGET, f.jobs,
                       exact=exact),
            base=f.jobs,
            small=f.jobs < SMALL_GROUP,
            explanation=_(
                "How many different employers the jobs of the period are at, as a share of the "
                "jobs."
            ),
            details=[
                (_("Jobs started in the period"), _count(f.jobs, exact=exact)),
                (_("Different employers"), _count(f.job_employers, exact=exact)),
            ],
        ),
        Indicator(
            key="support_after_hire",
            item="22–23",
            label=_("Support after getting a job"),
            value=_share(f.hired_supported, f.hired, exact=exact),
            target=_("90 percent or more"),
            met=_judge(f.hired > 0 and f.hired_supported / f.hired >= SUPPORT_TARGET, f.hired,
                       exact=exact),
            base=f.hired,
            small=f.hired < SMALL_GROUP,
            explanation=_(
                "Of those who got a job in the period (at least a week before its end): the "
                "share who had support after their first day, on the job or in a meeting with "
                "their coach. IPS support goes on for as long as the person and the employer "
                "want it."
            ),
            details=[
                (_("Got a job in the period"), _count(f.hired, exact=exact)),
                (_("Had support after the first day"), _count(f.hired_supported, exact=exact)),
            ],
        ),
    ]  # fmt: skip
    return rows
