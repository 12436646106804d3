"""Reads of a young participant's school data, guardians and KAA status.

Who may see them is decided by the participant: participants.access.access_enrollment (the
participant's managers, their coach and administrators). Nothing here is handed out by id
without that check first.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet

from stegvis.participants.models import Enrollment, MethodStep, Person, StepReached
from stegvis.youth.models import Attendance, GuardianConsent, KaaStatus, Studies

ADULT_AGE = 18
# What a guardian's consent covers, by the name services and pages use.
COVERS = ("registration", "school", "kaa")
SED_STEPS = (MethodStep.SED_CHOOSE, MethodStep.SED_GET, MethodStep.SED_KEEP)


def birth_date(person: Person) -> datetime.date | None:
    """The birth date from the identity number (samordningsnummer: day + 60), or None."""
    digits = person.identity_number or ""
    if len(digits) != 12 or not digits.isdigit():
        return None
    day = int(digits[6:8])
    try:
        return datetime.date(int(digits[:4]), int(digits[4:6]), day - 60 if day > 60 else day)
    except ValueError:
        return None


def is_minor(person: Person, *, on: datetime.date) -> bool:
    """Under 18 on `on`. With only a birth year, a person counts as under 18 until the end of
    the year they turn 18: when unsure, protect the young person."""
    born = birth_date(person)
    if born is None:
        return on.year - person.birth_year <= ADULT_AGE
    had_birthday = (on.month, on.day) >= (born.month, born.day)
    return on.year - born.year - (0 if had_birthday else 1) < ADULT_AGE


@dataclass
class ConsentState:
    """A participant's guardian consent on a day: whether they are a minor, and which of
    COVERS lack a valid consent (empty for adults)."""

    minor: bool
    missing: list[str] = field(default_factory=list)

    @property
    def warning(self) -> bool:
        return self.minor and bool(self.missing)


def consent_state(enrollment: Enrollment, *, on: datetime.date) -> ConsentState:
    """Which guardian consents a participant under 18 lacks on `on`."""
    if not is_minor(enrollment.person, on=on):
        return ConsentState(minor=False)
    valid = [c for c in enrollment.guardian_consents.all() if c.is_valid_on(on)]
    missing = [cover for cover in COVERS if not any(getattr(c, f"covers_{cover}") for c in valid)]
    return ConsentState(minor=True, missing=missing)


def annotate_guardian_consent(enrollments: QuerySet, today: datetime.date) -> QuerySet:
    """The caseload's mark (participants.selectors.CASELOAD_ANNOTATIONS): `guardian_consent_missing`
    is true for a participant who may be under 18 by birth year (the caseload reads no identity
    numbers) and has no guardian's consent in force covering registration. One subquery, no
    query per row."""
    in_force = GuardianConsent.objects.filter(
        Q(withdrawn_on__isnull=True) | Q(withdrawn_on__gt=today),
        enrollment=OuterRef("pk"), covers_registration=True, given_on__lte=today,
    )  # fmt: skip
    return enrollments.annotate(
        guardian_consent_missing=Q(person__birth_year__gte=today.year - ADULT_AGE)
        & ~Exists(in_force)
    )


def current_kaa_status(enrollment: Enrollment) -> KaaStatus | None:
    latest = enrollment.kaa_statuses.order_by("-date", "-id").first()
    return latest


def youth_page(enrollment: Enrollment, *, today: datetime.date) -> dict:
    """Everything on a participant's school and studies page, in a fixed number of queries."""
    studies = list(
        Studies.objects.filter(enrollment=enrollment).prefetch_related(
            Prefetch("attendance", queryset=Attendance.objects.order_by("month"))
        )
    )
    return {
        "studies": studies,
        "guardians": list(enrollment.guardians.all()),
        "guardian_consents": list(
            GuardianConsent.objects.filter(enrollment=enrollment).select_related("guardian")
        ),
        "kaa_statuses": list(enrollment.kaa_statuses.all()),
        "kaa_referrals": list(enrollment.kaa_referrals.all()),
        "sed_steps": list(
            StepReached.objects.filter(enrollment=enrollment, step__in=SED_STEPS).order_by(
                "date", "id"
            )
        ),
        "consent": consent_state(enrollment, on=today),
    }


def youth_panel(enrollment: Enrollment, *, today: datetime.date) -> dict:
    """The short summary on the participant page."""
    studies = list(enrollment.studies.all()[:3])
    latest = (
        Attendance.objects.filter(studies__enrollment=enrollment).order_by("-month").first()
        if studies
        else None
    )
    return {
        "studies": studies,
        "latest_attendance": latest,
        "kaa_status": current_kaa_status(enrollment),
        "consent": consent_state(enrollment, on=today),
    }
