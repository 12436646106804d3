"""Demo assessments: the demo participants rate themselves and are rated by their coach on SKAPA
about every three months since they started, slowly moving toward work. Every third participant
has missed the latest round, so the caseloads show overdue assessments too.

Called by `stegvis seed_demo` after the participants exist; does nothing the second time.
"""

from __future__ import annotations

import datetime
import random

from django.db import transaction
from django.utils import timezone

from stegvis.accounts.models import User
from stegvis.assessments import services
from stegvis.assessments.models import Assessment, AssessmentSource, Instrument, Rater
from stegvis.core.dates import add_months
from stegvis.participants.models import Enrollment
from stegvis.projects.models import Project

DEMO_PROJECTS = ("2020/00581", "2020/00553")


@transaction.atomic
def seed_assessments(*, today: datetime.date | None = None) -> int:
    """Create the demo assessments once; returns how many assessments exist."""
    today = today or timezone.localdate()
    enrollments = list(
        Enrollment.objects.filter(project__diarienummer__in=DEMO_PROJECTS)
        .select_related("project", "coach")
        .order_by("project__diarienummer", "participant_code")
    )
    if not enrollments or Assessment.objects.filter(enrollment__in=enrollments).exists():
        return Assessment.objects.count()
    rng = random.Random(4)  # noqa: S311  (demo data, not security)
    skapa = Instrument.objects.get(code="SKAPA")
    version = skapa.current_version()
    manager = User.objects.get(username="manager")
    for project in Project.objects.filter(diarienummer__in=DEMO_PROJECTS):
        services.project_assessment_settings_update(
            actor=manager, project=project, interval_months=3, instruments=[skapa]
        )
    domains = [d.code for d in version.domains.all() if d.counts_in_sum]
    for n, enrollment in enumerate(enrollments):
        until = min(enrollment.end_date or today, today - datetime.timedelta(days=1))
        rounds = []
        day = enrollment.start_date
        while day <= until:
            rounds.append(day)
            day = add_months(day, 3)
        if n % 3 == 2 and len(rounds) > 1:
            rounds.pop()  # missed the latest round: overdue now
        own = {code: rng.randint(2, 6) for code in domains}
        coach_view = {
            code: max(1, min(10, value + rng.choice([-2, -1, 0, 1]))) for code, value in own.items()
        }
        belief = rng.randint(4, 8)
        for number, day in enumerate(rounds):
            if number:
                own = {c: min(10, v + rng.choice([0, 0, 1, 1, 2])) for c, v in own.items()}
                coach_view = {c: min(10, v + rng.choice([0, 1, 1])) for c, v in coach_view.items()}
                belief = min(10, belief + rng.choice([0, 0, 1]))
            services.assessment_record(
                actor=None, enrollment=enrollment, version=version, rater=Rater.SELF, date=day,
                ratings=own, source=AssessmentSource.LINK,
            )  # fmt: skip
            coach_day = min(day + datetime.timedelta(days=rng.randint(0, 6)), until)
            services.assessment_record(
                actor=enrollment.coach, enrollment=enrollment, version=version, rater=Rater.COACH,
                date=coach_day, ratings={**coach_view, "tilltro": belief},
            )  # fmt: skip
    return Assessment.objects.count()
