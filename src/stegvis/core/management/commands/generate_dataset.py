"""`stegvis generate_dataset --participants N [--seed S]`: a realistic, made-up data set at scale.

For measuring Stegvis (bench/), never for production: every person, number and name is invented.
Deterministic per seed: the same N and seed give the same rows (ids aside). Written with
bulk_create in batches, so 100,000 participants take minutes, not hours.

What it makes, for N participants (shares as in Swedish IPS/SE projects of the kind Stegvis
serves): one project per ~2,000 participants (sizes vary), owned by one samordningsförbund per
four projects, with Arbetsförmedlingen, Försäkringskassan and the region as partners; a manager per
project and a coach per ~60 participants (20–30 of them active at a time); people with valid,
encrypted personnummer and their blind index; enrollments with methods (SE 35 %, IPS 30 %, SED
10 %, BOSTON 5 %, SE+SED 5 %, OTHER 15 %), a coach history, contacts every two to four weeks,
SKAPA self-assessments about every 90 days and coach assessments at the start and the end, steps,
a goal, jobs and studies (more often with IPS and SE), exits with the ESF+ situation, the 6- and
12-month follow-ups that are due, and employers with openings.

Generated rows are recognised by their names: projects GEN<seed>-NNNN, users gen<seed>-…,
organisations "… (genererad <seed>)". The command refuses to add to a database that holds anything
else unless --force is given (protect production).
"""

from __future__ import annotations

import datetime
import math
import random
import time
import uuid
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

BATCH = 2000
# The data set is as of this day, so the same seed gives the same data whenever it is run.
AS_OF = datetime.date(2026, 10, 31)
INDEX_PURPOSE = "person-identity-number"

FIRST_NAMES_K = [
    "Anna", "Eva", "Maria", "Karin", "Sara", "Emma", "Lina", "Elin", "Fatima", "Amira", "Hanna",
    "Johanna", "Sofia", "Ida", "Malin", "Linnea", "Nour", "Aisha", "Maja", "Ebba", "Zahra", "Olivia",
]  # fmt: skip
FIRST_NAMES_M = [
    "Lars", "Anders", "Johan", "Erik", "Karl", "Per", "Mikael", "Ali", "Mohammed", "Ahmed", "Oskar",
    "Emil", "Jonas", "Daniel", "Hassan", "Omar", "Viktor", "Filip", "Elias", "Adam", "Yusuf", "Leo",
]  # fmt: skip
LAST_NAMES = [
    "Andersson", "Johansson", "Karlsson", "Nilsson", "Eriksson", "Larsson", "Olsson", "Persson",
    "Svensson", "Gustafsson", "Pettersson", "Jonsson", "Jansson", "Hansson", "Bengtsson", "Lindberg",
    "Jakobsson", "Magnusson", "Olofsson", "Lindström", "Ali", "Mohammed", "Hassan", "Yilmaz",
    "Nguyen", "Berg", "Lundgren", "Axelsson", "Holm", "Sandberg", "Ekström", "Mattsson",
]  # fmt: skip
MUNICIPALITIES = [
    ("1880", "Örebro"), ("0180", "Stockholm"), ("1480", "Göteborg"), ("1280", "Malmö"),
    ("0380", "Uppsala"), ("0580", "Linköping"), ("2480", "Umeå"), ("2482", "Skellefteå"),
    ("1980", "Västerås"), ("0680", "Jönköping"), ("2281", "Sundsvall"), ("2180", "Gävle"),
    ("1780", "Karlstad"), ("0780", "Växjö"), ("1380", "Halmstad"), ("2581", "Piteå"),
]  # fmt: skip
METHODS = [("SE", 35), ("IPS", 30), ("SED", 10), ("BOSTON", 5), ("SE+SED", 5), ("OTHER", 15)]
# Chance of a job (or, for SED, of studies) while in the project, by method.
JOB_CHANCE = {"SE": 0.42, "IPS": 0.48, "SED": 0.2, "BOSTON": 0.32, "SE+SED": 0.35, "OTHER": 0.22}
STUDY_CHANCE = {"SED": 0.35, "SE+SED": 0.2, "BOSTON": 0.1}
OCCUPATIONS = [
    ("Lagerarbetare", "9333"), ("Butiksbiträde", "5223"), ("Undersköterska", "5321"),
    ("Restaurangbiträde", "9412"), ("Lokalvårdare", "9111"), ("Kock", "5120"),
    ("Barnskötare", "5311"), ("Fastighetsskötare", "5153"), ("Kundtjänstmedarbetare", "4222"),
    ("Truckförare", "8344"), ("Vårdbiträde", "5330"), ("Administratör", "4119"),
]  # fmt: skip
EMPLOYER_WORDS = ["Bygg", "Lager", "Vård", "Service", "Handel", "Mat", "Städ", "Transport"]
CONTACT_KINDS = [("MEETING", 45), ("PHONE", 25), ("DIGITAL", 8), ("MESSAGE", 12),
                 ("WORKPLACE", 7), ("NETWORK", 3)]  # fmt: skip
STATUS_AT_START = [("UNEMPLOYED", 30), ("LONG_TERM_UNEMPLOYED", 40), ("INACTIVE", 28),
                   ("EMPLOYED", 2)]  # fmt: skip
EDUCATION = [("ISCED0-2", 35), ("ISCED3-4", 45), ("ISCED5-8", 12), ("", 8)]
INCOME_START = [("SICKNESS_COMPENSATION", 15), ("ACTIVITY_COMPENSATION", 15),
                ("SOCIAL_ASSISTANCE", 25), ("UNEMPLOYMENT_BENEFIT", 20), ("SICKNESS_BENEFIT", 10),
                ("NONE", 10), ("OTHER", 5)]  # fmt: skip
EXIT_NO_JOB = [("JOB_SEARCHING", 30), ("CLOSER", 30), ("NO_CHANGE", 25), ("OTHER", 15)]
SE_STEPS = ["SE_ENGAGEMENT", "SE_PROFILE", "SE_JOB_FINDING", "SE_EMPLOYER", "SE_SUPPORT"]
GOALS = [
    "Få ett arbete inom handel, halvtid till att börja med.",
    "Klara att komma i tid tre dagar i veckan.",
    "Börja läsa på komvux till hösten.",
    "Ta körkort.",
    "Hitta en praktikplats med djur.",
]


def _weighted(rng: random.Random, pairs: list[tuple[str, int]]) -> str:
    return rng.choices([p[0] for p in pairs], weights=[p[1] for p in pairs])[0]


def _uuid(rng: random.Random) -> uuid.UUID:
    return uuid.UUID(int=rng.getrandbits(128), version=4)


def luhn_digit(nine: str) -> int:
    """The check digit of a personnummer over its nine digits YYMMDDNNN."""
    total = 0
    for i, ch in enumerate(nine):
        d = int(ch) * (2 if i % 2 == 0 else 1)
        total += d - 9 if d > 9 else d
    return (10 - total % 10) % 10


def fake_personnummer(rng: random.Random, birth_year: int, gender: str, taken: set[str]) -> str:
    """A valid 12-digit personnummer (check digit right; second-to-last digit odd for men, even
    for women) not in `taken`. Invented: it may happen to be a real person's number, which is why
    generated data never leaves a measurement database."""
    while True:
        month = rng.randint(1, 12)
        day = rng.randint(1, 28)
        serial = rng.randint(0, 99) * 10 + rng.randrange(0, 10, 2)
        if gender == "M" or (gender == "X" and rng.random() < 0.5):
            serial += 1
        nine = f"{birth_year % 100:02d}{month:02d}{day:02d}{serial:03d}"
        digits = f"{birth_year}{month:02d}{day:02d}{serial:03d}{luhn_digit(nine)}"
        if digits not in taken:
            taken.add(digits)
            return digits


@dataclass
class Counts:
    rows: dict[str, int] = field(default_factory=dict)

    def add(self, name: str, n: int) -> None:
        self.rows[name] = self.rows.get(name, 0) + n


def existing_data_problem() -> str | None:
    """Why the database must not get a generated data set, or None. Anything not generated
    (a project, user, organisation or person of its own) is a reason: that may be production."""
    from stegvis.accounts.models import Organisation, User
    from stegvis.participants.models import Person
    from stegvis.projects.models import Project

    if Project.objects.exclude(diarienummer__regex=r"^GEN[0-9]+-").exists():
        return "The database holds projects that were not generated."
    if User.objects.exclude(username__regex=r"^gen[0-9]+-").exists():
        return "The database holds user accounts that were not generated."
    if Organisation.objects.exclude(name__contains="(genererad ").exists():
        return "The database holds organisations that were not generated."
    if Person.objects.exclude(enrollments__project__diarienummer__regex=r"^GEN[0-9]+-").exists():
        return "The database holds people who were not generated."
    return None


def generate(participants: int, seed: int = 1, *, log=None) -> Counts:  # noqa: ANN001, C901, PLR0915
    """Write the data set; returns how many rows of each kind were written."""
    from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX

    from stegvis.accounts.models import Membership, Organisation, OrganisationKind, User
    from stegvis.assessments.models import Assessment, Instrument, Rating
    from stegvis.core import audit, crypto
    from stegvis.employers.models import Employer, Opening
    from stegvis.participants.models import (
        CoachAssignment,
        Contact,
        Employment,
        Enrollment,
        FollowUp,
        Goal,
        Person,
        Referral,
        ReferralGroup,
        StepReached,
    )
    from stegvis.projects.models import Project, ProjectPartner, ProjectStaff

    rng = random.Random(seed)  # noqa: S311  (made-up data, deterministic per seed)
    counts = Counts()
    say = log or (lambda _text: None)
    tag = f"genererad {seed}"
    instrument = Instrument.objects.get(code="SKAPA")
    version = instrument.versions.order_by("-number").first()
    domains = list(version.domains.order_by("order"))
    self_domains = [d for d in domains if d.rated_by != "COACH"]

    # --- Organisations, projects, staff -------------------------------------------------------
    n_projects = max(1, math.ceil(participants / 2000))
    n_forbund = max(1, math.ceil(n_projects / 4))
    forbund = Organisation.objects.bulk_create(
        Organisation(
            public_id=_uuid(rng),
            name=f"Samordningsförbundet {MUNICIPALITIES[i % len(MUNICIPALITIES)][1]} {i + 1} ({tag})",
            kind=OrganisationKind.SAMORDNINGSFORBUND,
            municipality_code=MUNICIPALITIES[i % len(MUNICIPALITIES)][0],
        )
        for i in range(n_forbund)
    )
    partners = Organisation.objects.bulk_create(
        Organisation(public_id=_uuid(rng), name=f"{name} ({tag})", kind=kind)
        for name, kind in (
            ("Arbetsförmedlingen", OrganisationKind.ARBETSFORMEDLINGEN),
            ("Försäkringskassan", OrganisationKind.FORSAKRINGSKASSAN),
            ("Region Mellan", OrganisationKind.REGION),
        )
    )
    # Project sizes vary (a few large, many small), summing to `participants`.
    weights = [rng.lognormvariate(0, 0.6) for _ in range(n_projects)]
    sizes = [max(1, int(participants * w / sum(weights))) for w in weights]
    sizes[0] += participants - sum(sizes)
    if sizes[0] < 1:  # pragma: no cover - only with more projects than participants
        raise CommandError("Too few participants for the projects.")
    projects = []
    for i in range(n_projects):
        code, town = MUNICIPALITIES[i % len(MUNICIPALITIES)]
        start = datetime.date(2021, 9, 1) + datetime.timedelta(days=rng.randint(0, 900))
        projects.append(
            Project(
                public_id=_uuid(rng),
                diarienummer=f"GEN{seed}-{i + 1:04d}",
                name=f"Steget vidare {town} {i + 1}",
                owner=forbund[i % n_forbund],
                programme_period="2021-2027",
                region=town,
                specific_objective="h",
                planned_participants=int(sizes[i] * 1.1),
                planned_women=int(sizes[i] * 0.55),
                planned_men=int(sizes[i] * 0.55),
                start_date=start,
                end_date=datetime.date(2027, 12, 31),
                city=town,
                postcode="70100",
                total_budget_sek=sizes[i] * 60_000,
            )
        )
    projects = Project.objects.bulk_create(projects)
    ProjectPartner.objects.bulk_create(
        ProjectPartner(project=p, organisation=o) for p in projects for o in partners
    )
    groups = ReferralGroup.objects.bulk_create(
        ReferralGroup(public_id=_uuid(rng), project=p, name=f"Remittentgruppen {p.city}")
        for p in projects
    )
    counts.add("projects", len(projects))

    unusable = UNUSABLE_PASSWORD_PREFIX + "generated"
    managers = User.objects.bulk_create(
        User(
            public_id=_uuid(rng),
            username=f"gen{seed}-manager-{i + 1}",
            first_name=rng.choice(FIRST_NAMES_K + FIRST_NAMES_M),
            last_name=rng.choice(LAST_NAMES),
            title="Projektledare",
            password=unusable,
        )
        for i in range(n_projects)
    )
    # One coach per ~60 participants of a project, at least one.
    coach_counts = [max(1, round(size / 60)) for size in sizes]
    coaches_by_project: list[list] = []
    all_coaches = []
    for p_index, n in enumerate(coach_counts):
        made = [
            User(
                public_id=_uuid(rng),
                username=f"gen{seed}-coach-{p_index + 1}-{j + 1}",
                first_name=rng.choice(FIRST_NAMES_K + FIRST_NAMES_M),
                last_name=rng.choice(LAST_NAMES),
                title="Arbetsspecialist",
                password=unusable,
            )
            for j in range(n)
        ]
        coaches_by_project.append(made)
        all_coaches.extend(made)
    User.objects.bulk_create(all_coaches, batch_size=BATCH)
    Membership.objects.bulk_create(
        [
            Membership(user=u, organisation=projects[i].owner, role="MANAGER")
            for i, u in enumerate(managers)
        ]
        + [
            Membership(user=u, organisation=projects[i].owner, role="COACH")
            for i, team in enumerate(coaches_by_project)
            for u in team
        ],
        batch_size=BATCH,
    )
    ProjectStaff.objects.bulk_create(
        [ProjectStaff(project=p, user=managers[i], role="MANAGER") for i, p in enumerate(projects)]
        + [
            ProjectStaff(project=projects[i], user=u, role="COACH")
            for i, team in enumerate(coaches_by_project)
            for u in team
        ],
        batch_size=BATCH,
    )
    counts.add("users", len(managers) + len(all_coaches))

    # --- Employers and openings ---------------------------------------------------------------
    employers = []
    for i in range(max(1, participants // 50)):
        owner = forbund[i % n_forbund]
        code, town = MUNICIPALITIES[rng.randrange(len(MUNICIPALITIES))]
        employers.append(
            Employer(
                public_id=_uuid(rng),
                organisation=owner,
                name=f"{town} {rng.choice(EMPLOYER_WORDS)} AB {i + 1}",
                sector=rng.choice(["PRIVATE", "PUBLIC", "CIVIL_SOCIETY"]),
                municipality_code=code,
            )
        )
    employers = Employer.objects.bulk_create(employers, batch_size=BATCH)
    by_org: dict[int, list] = {}
    for e in employers:
        by_org.setdefault(e.organisation_id, []).append(e)
    openings = []
    for i in range(max(1, participants // 100)):
        project = projects[i % n_projects]
        choices = by_org.get(project.owner_id) or employers
        title, ssyk = rng.choice(OCCUPATIONS)
        openings.append(
            Opening(
                public_id=_uuid(rng),
                project=project,
                employer=rng.choice(choices),
                code=f"O{i + 1:06d}",
                title=title,
                ssyk=ssyk,
                hours_per_week=Decimal(rng.choice([20, 25, 30, 40])),
                status=_weighted(rng, [("OPEN", 50), ("FILLED", 35), ("CLOSED", 15)]),
                start_date=AS_OF - datetime.timedelta(days=rng.randint(0, 400)),
                created_by=managers[i % n_projects],
            )
        )
    Opening.objects.bulk_create(openings, batch_size=BATCH)
    counts.add("employers", len(employers))
    counts.add("openings", len(openings))
    say(f"{n_projects} projects, {len(all_coaches)} coaches, {len(employers)} employers")

    # --- Participants, in batches -------------------------------------------------------------
    taken: set[str] = set()
    plan = [(p_index, k) for p_index, size in enumerate(sizes) for k in range(size)]
    started = time.perf_counter()
    for offset in range(0, len(plan), BATCH):
        with transaction.atomic():
            people, enrollments = [], []
            extra = []  # per enrollment: (coach changes, job, exit) for the child rows
            for p_index, k in plan[offset : offset + BATCH]:
                project = projects[p_index]
                gender = _weighted(rng, [("K", 52), ("M", 47), ("X", 1)])
                birth_year = rng.randint(1961, 2006)
                digits = fake_personnummer(rng, birth_year, gender, taken)
                first = rng.choice(
                    FIRST_NAMES_K if gender == "K" else FIRST_NAMES_M
                    if gender == "M" else FIRST_NAMES_K + FIRST_NAMES_M
                )  # fmt: skip
                people.append(
                    Person(
                        public_id=_uuid(rng),
                        first_name=first,
                        last_name=rng.choice(LAST_NAMES),
                        identity_number=digits,  # the field encrypts it
                        identity_index=crypto.blind_index(digits, purpose=INDEX_PURPOSE),
                        birth_year=birth_year,
                        gender=gender,
                        protected_identity=rng.random() < 0.005,
                    )
                )
                method = _weighted(rng, METHODS)
                span = max(1, (AS_OF - project.start_date).days - 14)
                start = project.start_date + datetime.timedelta(days=int(span * rng.random()))
                length = int(rng.expovariate(1 / 330)) + 30
                end = start + datetime.timedelta(days=length)
                active = end > AS_OF
                team = coaches_by_project[p_index]
                coach = team[rng.randrange(len(team))]
                job = rng.random() < JOB_CHANCE[method]
                studies = not job and rng.random() < STUDY_CHANCE.get(method, 0.03)
                last = AS_OF if active else end
                job_start = (
                    start + datetime.timedelta(days=rng.randint(20, max(21, (last - start).days)))
                    if job or studies
                    else None
                )
                if active:
                    exit_status = ""
                elif job:
                    exit_status = "EMPLOYED" if rng.random() < 0.85 else "JOB_SEARCHING"
                elif studies:
                    exit_status = "EDUCATION"
                else:
                    exit_status = _weighted(rng, EXIT_NO_JOB)
                code, _town = MUNICIPALITIES[(p_index + rng.randrange(3)) % len(MUNICIPALITIES)]
                enrollments.append(
                    Enrollment(
                        public_id=_uuid(rng),
                        project=project,
                        participant_code=f"D{k + 1:06d}",
                        method=method,
                        coach=coach,
                        municipality_code=code,
                        referral_date=start - datetime.timedelta(days=rng.randint(7, 60)),
                        start_date=start,
                        end_date=None if active else end,
                        status_at_start=_weighted(rng, STATUS_AT_START),
                        education=_weighted(rng, EDUCATION),
                        disability=_weighted(rng, [("YES", 35), ("NO", 25), ("", 40)]),
                        income_source_start=_weighted(rng, INCOME_START),
                        income_source_end=""
                        if active
                        else (
                            "SALARY" if exit_status == "EMPLOYED" else _weighted(rng, INCOME_START)
                        ),
                        support_months_before=rng.randint(0, 120),
                        exit_status=exit_status,
                        qualification_gained=None if active else rng.random() < 0.15,
                        follow_along=job and rng.random() < 0.3,
                    )
                )
                extra.append((p_index, job, studies, job_start, last, active))
            people = Person.objects.bulk_create(people)
            # Two in five came through the project's referral group (a remiss from a caseworker).
            referred = []
            for person, enrollment, more in zip(people, enrollments, extra, strict=True):
                enrollment.person = person
                if rng.random() < 0.4:
                    referred.append(
                        Referral(
                            public_id=_uuid(rng),
                            group=groups[more[0]],
                            person=person,
                            referrer_kind="CASEWORKER",
                            referrer_organisation=partners[rng.randrange(2)],
                            submitted_by=enrollment.coach,
                            received_on=enrollment.referral_date,
                            reason="Långvarigt utan arbete, vill ha stöd att hitta ett jobb.",
                            own_goal=rng.choice(GOALS),
                            motivation="Vill komma vidare.",
                            consent_given=True,
                            status="ENROLLED",
                        )
                    )
                    enrollment.referral = referred[-1]
            Referral.objects.bulk_create(referred)
            enrollments = Enrollment.objects.bulk_create(enrollments)
            counts.add("referrals", len(referred))

            assignments, contacts, steps, goals, jobs, follow_ups = [], [], [], [], [], []
            assessments, ratings_for = [], []
            for enrollment, (p_index, job, studies, job_start, last, active) in zip(
                enrollments, extra, strict=True
            ):
                start = enrollment.start_date
                # A coach change for one in five, half-way.
                if rng.random() < 0.2 and (last - start).days > 60:
                    middle = start + datetime.timedelta(days=(last - start).days // 2)
                    first_coach = rng.choice(coaches_by_project[p_index])
                    assignments.append(
                        CoachAssignment(
                            enrollment=enrollment,
                            coach=first_coach,
                            start_date=start,
                            end_date=middle,
                            reason="Coachen bytte tjänst",
                        )
                    )
                    assignments.append(
                        CoachAssignment(
                            enrollment=enrollment, coach=enrollment.coach, start_date=middle,
                            end_date=enrollment.end_date,
                        )
                    )  # fmt: skip
                else:
                    assignments.append(
                        CoachAssignment(
                            enrollment=enrollment, coach=enrollment.coach, start_date=start,
                            end_date=enrollment.end_date,
                        )
                    )  # fmt: skip
                day = start
                n = 0
                while day <= last and n < 40:
                    contacts.append(
                        Contact(
                            enrollment=enrollment,
                            kind=_weighted(rng, CONTACT_KINDS),
                            date=day,
                            minutes=rng.choice([15, 30, 45, 60, 90]),
                            recorded_by=enrollment.coach,
                        )
                    )
                    n += 1
                    day += datetime.timedelta(days=rng.randint(10, 30))
                if enrollment.method in ("SE", "SE+SED", "IPS"):
                    for i, step in enumerate(SE_STEPS[: rng.randint(1, 5)]):
                        when = start + datetime.timedelta(days=30 * i)
                        if when <= last:
                            steps.append(StepReached(enrollment=enrollment, step=step, date=when))
                goals.append(Goal(enrollment=enrollment, text=rng.choice(GOALS), set_on=start))
                if job or studies:
                    title, _ssyk = rng.choice(OCCUPATIONS)
                    employer = rng.choice(employers)
                    job_end = None
                    if not active and rng.random() < 0.3:
                        job_end = min(
                            last, job_start + datetime.timedelta(days=rng.randint(30, 200))
                        )
                    jobs.append(
                        Employment(
                            enrollment=enrollment,
                            kind="JOB" if job else "STUDIES",
                            employer=employer.name if job else "Komvux",
                            start_date=job_start,
                            end_date=job_end,
                            hours_per_week=Decimal(rng.choice([10, 15, 20, 25, 30, 40]))
                            if job
                            else None,
                            competitive=(rng.random() < 0.8) if job else None,
                            subsidy=_weighted(rng, [("NONE", 60), ("LONEBIDRAG", 25),
                                                    ("NYSTARTSJOBB", 15)]) if job else "",
                            occupation=title if job else "",
                            end_reason="CONTRACT_ENDED" if job_end else "",
                        )
                    )  # fmt: skip
                # SKAPA: the participant about every 90 days (some missed), the coach at the start
                # and, for those who left, at the end. Values rise slowly, with noise.
                level = rng.uniform(2.5, 5.5)
                gain = rng.uniform(-0.1, 0.5)
                day = start
                points = []
                while day <= last:
                    points.append(day)
                    day += datetime.timedelta(days=rng.randint(80, 100))
                for i, when in enumerate(points):
                    raters = []
                    if i == 0 or rng.random() < 0.75:
                        raters.append("SELF")
                    if i == 0 or (not active and i == len(points) - 1):
                        raters.append("COACH")
                    for rater in raters:
                        assessments.append(
                            Assessment(
                                public_id=_uuid(rng),
                                enrollment=enrollment,
                                instrument=instrument,
                                version=version,
                                date=when,
                                rater=rater,
                                status="SUBMITTED",
                                source="FORM",
                                entered_by=enrollment.coach,
                                submitted_at=datetime.datetime.combine(
                                    when, datetime.time(10), tzinfo=datetime.UTC
                                ),
                            )
                        )
                        base = level + gain * i
                        ratings_for.append(
                            [
                                (d, max(1, min(10, round(base + rng.gauss(0, 1.2)))))
                                for d in (self_domains if rater == "SELF" else domains)
                            ]
                        )
                if not active:
                    end = enrollment.end_date
                    for kind, months, status_field in (("M6", 6, "status_6m"),
                                                       ("M12", 12, "status_12m")):  # fmt: skip
                        due = end + datetime.timedelta(days=months * 30 + months // 2)
                        if due > AS_OF + datetime.timedelta(days=60):
                            continue
                        done = due <= AS_OF and rng.random() < 0.7
                        result = ""
                        if done:
                            result = (
                                enrollment.exit_status
                                if rng.random() < 0.7
                                else _weighted(rng, EXIT_NO_JOB + [("EMPLOYED", 40)])
                            )
                            setattr(enrollment, status_field, result)
                        follow_ups.append(
                            FollowUp(
                                enrollment=enrollment,
                                kind=kind,
                                due_on=due,
                                done_on=due + datetime.timedelta(days=rng.randint(0, 20))
                                if done
                                else None,
                                result=result,
                            )
                        )
            Enrollment.objects.bulk_update(
                [e for e in enrollments if e.status_6m or e.status_12m],
                ["status_6m", "status_12m"],
                batch_size=500,
            )
            CoachAssignment.objects.bulk_create(assignments, batch_size=BATCH)
            Contact.objects.bulk_create(contacts, batch_size=BATCH)
            StepReached.objects.bulk_create(steps, batch_size=BATCH)
            Goal.objects.bulk_create(goals, batch_size=BATCH)
            Employment.objects.bulk_create(jobs, batch_size=BATCH)
            FollowUp.objects.bulk_create(follow_ups, batch_size=BATCH)
            assessments = Assessment.objects.bulk_create(assessments, batch_size=BATCH)
            ratings = [
                Rating(assessment=a, domain=d, value=v)
                for a, values in zip(assessments, ratings_for, strict=True)
                for d, v in values
            ]
            Rating.objects.bulk_create(ratings, batch_size=BATCH * 2)
            for name, rows in (
                ("participants", enrollments), ("contacts", contacts), ("assessments", assessments),
                ("ratings", ratings), ("jobs and studies", jobs), ("follow-ups", follow_ups),
                ("steps", steps), ("coach assignments", assignments),
            ):  # fmt: skip
                counts.add(name, len(rows))
        done = min(offset + BATCH, len(plan))
        say(f"{done} participants ({time.perf_counter() - started:.0f} s)")
    with transaction.atomic():
        audit.record(
            actor=None,
            action="dataset.generated",
            label=f"seed {seed}",
            changes={"participants": [None, participants], "seed": [None, seed]},
        )
    return counts


class Command(BaseCommand):
    help = (
        "Generate a realistic, made-up data set for measurements (never in production): "
        "projects, coaches, participants with contacts, SKAPA ratings, jobs, exits and follow-ups."
    )

    def add_arguments(self, parser) -> None:  # noqa: ANN001
        parser.add_argument("--participants", type=int, required=True)
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument(
            "--force",
            action="store_true",
            help="Add the data set even though the database holds data that was not generated.",
        )

    def handle(self, *args, **options) -> None:  # noqa: ANN002, ANN003
        n = options["participants"]
        seed = options["seed"]
        if n < 1:
            raise CommandError("--participants must be at least 1.")
        if seed < 0:
            raise CommandError("--seed must be 0 or more.")
        from stegvis.projects.models import Project

        if Project.objects.filter(diarienummer__startswith=f"GEN{seed}-").exists():
            raise CommandError(
                f"The database already holds the data set of seed {seed}: choose another seed."
            )
        problem = existing_data_problem()
        if problem and not options["force"]:
            raise CommandError(
                f"{problem} Refusing to add generated data (use an empty database, or --force "
                "if you are sure this is not production)."
            )
        start = time.perf_counter()
        counts = generate(n, seed, log=lambda text: self.stdout.write(text))
        seconds = time.perf_counter() - start
        summary = ", ".join(f"{v} {k}" for k, v in counts.rows.items())
        self.stdout.write(f"Generated in {seconds:.1f} s: {summary}")
