"""Demo employers, openings, employer contacts and vocational profiles for the two demo projects
with participants (MESSA in Skellefteå for `coach`, PROGRESS in Halland for `coach2`), so that
matching shows something meaningful on the coaches' pages.

The companies are made up; their organisation numbers are built with a valid check digit from a
made-up series. Called by `stegvis seed_demo` after the participants; does nothing the second time.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from stegvis.accounts.models import User
from stegvis.employers import services
from stegvis.employers.models import Employer
from stegvis.participants.models import Enrollment
from stegvis.projects.models import Project

MUNICIPALITY = {"2020/00581": "2482", "2020/00553": "1380"}
COACHES = {"2020/00581": "coach", "2020/00553": "coach2"}

# name, org number's first nine digits, sector, line of business, openings:
# (title, SSYK, hours, requirements, driving licence required)
EMPLOYERS = {
    "2020/00581": [
        ("Norrlager AB", "559900101", "PRIVATE", "Lager och logistik",
         [("Lagerarbetare, plock", "4321", 20, "Truckkort är meriterande", False)]),
        ("Skellefteå Djurpensionat", "559900102", "PRIVATE", "Djurpensionat",
         [("Djurskötare", "6122", 25, "", False)]),
        ("Kvartersbutiken i Skellefteå", "559900103", "PRIVATE", "Dagligvaruhandel",
         [("Butiksbiträde", "5222", 30, "Arbete helger", False),
          ("Kassabiträde", "5230", 20, "", False)]),
        ("Solgårdens äldreboende", "559900104", "PUBLIC", "Äldreomsorg",
         [("Undersköterska", "5321", 30, "Undersköterskeutbildning", True)]),
        ("Bilverkstan AB", "559900105", "PRIVATE", "Bilverkstad",
         [("Bilmekaniker", "7231", 40, "Fordonsprogrammet", True)]),
    ],
    "2020/00553": [
        ("Hallandslager AB", "559900201", "PRIVATE", "Lager och logistik",
         [("Lagermedarbetare", "4321", 30, "Truckkort", False)]),
        ("Café Hamnen", "559900202", "SOCIAL_ENTERPRISE", "Café",
         [("Cafébiträde", "9412", 20, "", False)]),
        ("Halmstads hemtjänst", "559900203", "PUBLIC", "Hemtjänst",
         [("Vårdbiträde i hemtjänsten", "5341", 25, "", True)]),
    ],
}  # fmt: skip

# The demo participants' goals (participants/demo.py) as vocational profiles, in their own words.
PROFILES = {
    "Jobba i butik": {"wanted_occupation": "Jobba i butik", "ssyk": "5222", "hours_per_week": 25,
                      "skills": "Van vid kunder", "not_wanted": "Kassa"},
    "Börja plugga till undersköterska": {"wanted_occupation": "Undersköterska, gärna äldreomsorg",
                                         "ssyk": "5321", "hours_per_week": 30, "not_wanted": "Nattarbete"},
    "Jobba med djur": {"wanted_occupation": "Jobba med djur", "ssyk": "", "hours_per_week": 20,
                       "not_wanted": "Stora grupper av människor"},
    "Få körkort och jobb inom lager": {"wanted_occupation": "Jobb på ett lager", "ssyk": "4321",
                                       "hours_per_week": 20, "skills": "Truckkort A",
                                       "driving_licence": False},
}  # fmt: skip


def org_number(nine: str) -> str:
    """A made-up organisationsnummer with a valid check digit (Luhn over the nine digits)."""
    total = 0
    for position, char in enumerate(nine):
        product = int(char) * (2 if position % 2 == 0 else 1)
        total += product - 9 if product > 9 else product
    return f"{nine[:6]}-{nine[6:]}{(10 - total % 10) % 10}"


@transaction.atomic
def seed_employers(*, today: datetime.date | None = None) -> int:
    """Create the demo employers, openings, contacts and profiles once; returns how many
    employers exist."""
    today = today or timezone.localdate()
    projects = {p.diarienummer: p for p in Project.objects.filter(diarienummer__in=EMPLOYERS)}
    if (
        not projects
        or Employer.objects.filter(organisation__in=[p.owner for p in projects.values()]).exists()
    ):
        return Employer.objects.count()
    for dnr, project in projects.items():
        coach = User.objects.get(username=COACHES[dnr])
        municipality = MUNICIPALITY[dnr]
        for n, (name, digits, sector, industry, openings) in enumerate(EMPLOYERS[dnr]):
            employer, _created = services.employer_register(
                actor=coach, organisation=project.owner, name=name, org_number=org_number(digits),
                sector=sector, industry=industry, municipality_code=municipality,
            )  # fmt: skip
            person = services.employer_person_add(
                actor=coach, employer=employer, name=f"Kontakt {name.split()[0]}", role="Chef"
            )
            for title, ssyk, hours, requirements, licence in openings:
                services.opening_create(
                    actor=coach, employer=employer, project=project, title=title, ssyk=ssyk,
                    hours_per_week=Decimal(hours), municipality_code=municipality,
                    requirements=requirements, driving_licence_required=licence,
                    start_date=today + datetime.timedelta(days=14),
                )  # fmt: skip
            # Job development: a few employer contacts a week over the last six weeks.
            for week in range(6):
                day = today - datetime.timedelta(weeks=week, days=n % 5)
                kind = ("JOB_DEVELOPMENT", "VISIT", "PHONE")[(week + n) % 3]
                services.employer_contact_log(
                    actor=coach, employer=employer, project=project, kind=kind, date=day,
                    minutes=30, person=person if kind != "PHONE" else None,
                )  # fmt: skip
        enrollments = Enrollment.objects.filter(
            project=project, end_date__isnull=True
        ).select_related("person")
        for enrollment in enrollments.prefetch_related("goals").order_by("participant_code"):
            goal = next(iter(enrollment.goals.all()), None)
            values = PROFILES.get(goal.text) if goal else None
            if values is None:
                continue
            values = {**values, "hours_per_week": Decimal(values["hours_per_week"])}
            services.profile_save(
                actor=coach, enrollment=enrollment, municipalities=municipality,
                commute="Buss, högst 45 minuter", **values,
            )  # fmt: skip
    return Employer.objects.count()
