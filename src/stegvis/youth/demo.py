"""Demo young people in MESSA (coach's caseload), with school outcomes: Nova Lind, 16, on the
introduction programme's individual alternative, referred by KAA, with her mother's consent, her
attendance rising month by month and eligible for a national programme since last month; and
four more young people in school or studies, so that the school report has figures by gender.

Called by `stegvis seed_demo` after the participants exist; does nothing the second time.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from stegvis.accounts.models import User
from stegvis.core.dates import add_months
from stegvis.participants import services as participants
from stegvis.participants.models import Enrollment
from stegvis.projects.models import Project
from stegvis.youth import services

PROJECT = "2020/00581"
# first name, last name, age, gender, school form, school, attendance per month (oldest first)
YOUNG = [
    ("Nova", "Lind", 16, "K", "IM_IA", "Balderskolan", [55, 62, 70, 78, 85]),
    ("Elsa", "Berg", 17, "K", "IM_OTHER", "Balderskolan", [80, 74, 66]),
    ("Leo", "Ek", 17, "M", "NATIONAL", "Anderstorpsgymnasiet", [90, 92, 88, 95]),
    ("Adam", "Holm", 19, "M", "KOMVUX", "Komvux Skellefteå", [60, 70]),
    ("Kim", "Sund", 17, "X", "IM_IA", "Balderskolan", [40, 55, 65]),
]


@transaction.atomic
def seed_youth(*, today: datetime.date | None = None) -> int:
    """Create the demo young people once; returns how many have a study place."""
    today = today or timezone.localdate()
    project = Project.objects.filter(diarienummer=PROJECT).first()
    if project is None:
        return 0
    coach = User.objects.get(username="coach")
    if Enrollment.objects.filter(
        project=project, person__first_name="Nova", person__last_name="Lind"
    ).exists():
        return Enrollment.objects.filter(project=project, studies__isnull=False).distinct().count()
    for first, last, age, gender, school_form, school, attendance in YOUNG:
        _young_person(
            project, coach, today, first, last, age, gender, school_form, school, attendance
        )
    return len(YOUNG)


def _young_person(project: Project, coach: User, today: datetime.date, first: str, last: str, age: int,
                  gender: str, school_form: str, school: str, attendance: list[int]) -> None:  # fmt: skip
    start = add_months(today, -len(attendance) - 1)
    person, _created = participants.person_register(
        actor=coach, first_name=first, last_name=last, birth_year=today.year - age, gender=gender
    )
    enrollment = participants.enrollment_create(
        actor=coach, project=project, person=person, method="SE+SED", coach=coach, start_date=start,
        status_at_start="INACTIVE", education="ISCED0-2", comparison_group="SE+SED",
    )  # fmt: skip
    minor = age < 18
    participants.consent_record(actor=coach, person=person, enrollment=enrollment, purpose="REGISTRATION",
                                given_on=start, given_by="GUARDIAN" if minor else "PERSON")  # fmt: skip
    if minor:
        guardian = services.guardian_add(actor=coach, enrollment=enrollment, name=f"{'Maria' if first == 'Nova' else 'Sam'} {last}",
                                         relation="PARENT", phone="070-000 00 00")  # fmt: skip
        services.guardian_consent_record(actor=coach, enrollment=enrollment, guardian=guardian, given_on=start,
                                         covers_registration=True, covers_school=True, covers_kaa=True,
                                         young_person_agrees=True)  # fmt: skip
    first_month = add_months(today.replace(day=1), -len(attendance))
    studies = services.studies_add(
        actor=coach, enrollment=enrollment, school=school, school_form=school_form,
        programme="Individuellt alternativ" if school_form == "IM_IA" else "",
        started_on=first_month, eligible_at_start=school_form in ("NATIONAL", "KOMVUX"),
        full_grades_year9=school_form == "NATIONAL", contact_name="Studie- och yrkesvägledare Alva Nord",
        contact_phone="0910-73 50 00",
    )  # fmt: skip
    for n, percent in enumerate(attendance):
        services.attendance_record(actor=coach, studies=studies, month=add_months(first_month, n),
                                   percent=Decimal(percent), source="SCHOOL")  # fmt: skip
    participants.step_record(actor=coach, enrollment=enrollment, step="SED_CHOOSE", date=start)
    participants.step_record(actor=coach, enrollment=enrollment, step="SED_GET", date=first_month)
    if first == "Nova":
        services.kaa_referral_add(actor=coach, enrollment=enrollment, direction="FROM_KAA", referred_on=start,
                                  municipality="Skellefteå", kaa_contact="KAA-samordnare, 0910-73 50 10",
                                  reason="Har inte gått i skolan sedan vårterminen; vill ha stöd att komma tillbaka.")  # fmt: skip
        for status, months in (("REGISTERED", -1), ("CONTACT", 0), ("ACTIVITY", 1)):
            services.kaa_status_record(actor=coach, enrollment=enrollment, status=status,
                                       date=add_months(start, months))  # fmt: skip
        services.studies_update(actor=coach, studies=studies, eligible_on=add_months(today, -1),
                                dropout_risk_on=add_months(first_month, 1), dropout_outcome="AVERTED")  # fmt: skip
        participants.step_record(
            actor=coach, enrollment=enrollment, step="SED_KEEP", date=add_months(first_month, 2)
        )
    if first == "Elsa":
        services.studies_update(
            actor=coach, studies=studies, dropout_risk_on=add_months(first_month, 2)
        )
    if first == "Adam":
        services.studies_update(
            actor=coach, studies=studies, completed_on=today - datetime.timedelta(days=3)
        )
