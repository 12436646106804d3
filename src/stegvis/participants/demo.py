"""Demo participants: a caseload for `coach` in MESSA and for `coach2` in PROGRESS (never
overlapping), referrals waiting for the referral group, contacts, jobs, an exit with follow-ups.

Demo people carry no identity numbers (a generated number could belong to a real person), except
Tolvan Tolvansson with 19121212-1212, the test person long used in Swedish systems.
"""

from __future__ import annotations

import datetime
import random

from django.db import transaction

from stegvis.accounts.models import Organisation, User
from stegvis.participants import services
from stegvis.participants.models import Enrollment, ReferralGroup
from stegvis.projects.models import Project

FIRST_NAMES_K = [
    "Anna",
    "Sara",
    "Fatima",
    "Emma",
    "Linnea",
    "Amina",
    "Maja",
    "Elin",
    "Hanna",
    "Nour",
]
FIRST_NAMES_M = [
    "Ali",
    "Erik",
    "Johan",
    "Mohammed",
    "Oskar",
    "Lucas",
    "Ahmed",
    "Karl",
    "Viktor",
    "Elias",
]
LAST_NAMES = [
    "Andersson",
    "Johansson",
    "Karlsson",
    "Nilsson",
    "Eriksson",
    "Larsson",
    "Olsson",
    "Persson",
    "Hassan",
    "Lind",
]
METHODS = {"2020/00581": ["SE+SED", "IPS", "BOSTON"], "2020/00553": ["SE", "IPS"]}


@transaction.atomic
def seed_participants() -> int:
    """Create the demo participants once; returns how many exist."""
    rng = random.Random(2026)  # noqa: S311  (demo data, not security)
    projects = {p.diarienummer: p for p in Project.objects.filter(diarienummer__in=METHODS)}
    coaches = {
        "2020/00581": User.objects.get(username="coach"),
        "2020/00553": User.objects.get(username="coach2"),
    }
    if Enrollment.objects.filter(project__in=projects.values()).exists():
        return Enrollment.objects.count()
    manager = User.objects.get(username="manager")
    for dnr, project in projects.items():
        coach = coaches[dnr]
        for n in range(12):
            gender = "K" if n % 2 == 0 else "M"
            tolvan = dnr == "2020/00581" and n == 1
            person, _created = services.person_register(
                actor=coach,
                identity_number="19121212-1212" if tolvan else "",
                birth_year=None if tolvan else 1975 + rng.randrange(30),
                first_name="Tolvan"
                if tolvan
                else rng.choice(FIRST_NAMES_K if gender == "K" else FIRST_NAMES_M),
                last_name="Tolvansson" if tolvan else rng.choice(LAST_NAMES),
                gender=gender,
            )
            start = datetime.date(2025, 1, 10) + datetime.timedelta(days=rng.randrange(300))
            method = METHODS[dnr][n % len(METHODS[dnr])]
            enrollment = services.enrollment_create(
                actor=coach, project=project, person=person, method=method, coach=coach, start_date=start,
                status_at_start=rng.choice(["UNEMPLOYED", "LONG_TERM_UNEMPLOYED", "INACTIVE"]),
                comparison_group=method if dnr == "2020/00581" else "",
                education=rng.choice(["ISCED0-2", "ISCED3-4", ""]),
                income_source_start=rng.choice(["SOCIAL_ASSISTANCE", "ACTIVITY_COMPENSATION", "SICKNESS_BENEFIT"]),
            )  # fmt: skip
            services.consent_record(
                actor=coach,
                person=person,
                enrollment=enrollment,
                purpose="REGISTRATION",
                given_on=start,
            )
            services.goal_add(actor=coach, enrollment=enrollment, text=rng.choice(
                ["Jobba i butik", "Börja plugga till undersköterska", "Jobba med djur", "Få körkort och jobb inom lager"]),
                set_on=start)  # fmt: skip
            for k in range(1 + rng.randrange(4)):
                services.contact_add(actor=coach, enrollment=enrollment, kind=rng.choice(["MEETING", "PHONE", "WORKPLACE"]),
                                     date=start + datetime.timedelta(days=7 * (k + 1)), minutes=30 + 15 * rng.randrange(4))  # fmt: skip
            if n % 3 == 0:
                services.employment_add(actor=coach, enrollment=enrollment, kind="JOB", employer=rng.choice(
                    ["ICA Kvantum", "Skellefteå kommun", "Bilverkstan AB", "Hotell Nordica"]),
                    start_date=start + datetime.timedelta(days=60), competitive=True, hours_per_week=20)  # fmt: skip
            if n % 4 == 0:
                services.enrollment_exit(actor=coach, enrollment=enrollment, end_date=start + datetime.timedelta(days=120),
                                         exit_status="EMPLOYED" if n % 3 == 0 else "EDUCATION", follow_along=True)  # fmt: skip
    group, _created = ReferralGroup.objects.get_or_create(project=projects["2020/00581"], name="Remittentgruppen Skellefteå",
                                                          defaults={"municipality_code": "2482"})  # fmt: skip
    referral_user = User.objects.get(username="referral")
    if not group.members.filter(pk=referral_user.pk).exists():
        services.referral_group_member_add(actor=manager, group=group, user=referral_user)
    agency = Organisation.objects.get(name="Arbetsförmedlingen")
    for n, (first, last, year) in enumerate(
        [("Leila", "Berg", 1992), ("Nils", "Ek", 1988), ("Siri", "Holm", 2001)]
    ):
        person, _created = services.person_register(actor=referral_user, first_name=first, last_name=last,
                                                    birth_year=year, gender="K" if n != 1 else "M")  # fmt: skip
        services.referral_submit(
            actor=referral_user, group=group, person=person, referrer_kind="CASEWORKER", referrer_organisation=agency,
            referrer_name="Handläggare Holm", received_on=datetime.date(2025, 10, 1) + datetime.timedelta(days=9 * n),
            reason="Långt från arbetsmarknaden, vill ha stöd att hitta jobb.", own_goal="Ett jobb där jag får vara ute",
            motivation="Säger själv att hen vill jobba så snart som möjligt.", consent_given=True,
        )  # fmt: skip
    return Enrollment.objects.count()
