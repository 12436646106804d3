"""Every write of a young participant's school data, guardians, guardian consent and KAA records.

Each service runs in a transaction and writes its audit event (with the person's key) in it. The
consent rule for participants under 18 (docs/youth.md):
- exchanging school data (studies, attendance, grades, an attendance import) needs a guardian's
  consent in force that covers the school;
- KAA status and KAA referrals need one that covers KAA;
- without a consent covering registration, the participant page shows a warning (the
  registration itself happened in the participants app and is not undone here).
A guardian's consent is recorded only with the young person's own agreement.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from stegvis.accounts.models import User
from stegvis.core import audit
from stegvis.participants.models import Enrollment
from stegvis.projects.models import Project
from stegvis.youth import selectors
from stegvis.youth.models import (
    Attendance,
    AttendanceSource,
    Guardian,
    GuardianConsent,
    KaaReferral,
    KaaStatusChange,
    Studies,
)

STUDIES_FIELDS = (
    "school", "school_form", "programme", "started_on", "completed_on", "full_grades_year9",
    "eligible_at_start", "eligible_on", "dropout_risk_on", "dropout_outcome", "contact_name",
    "contact_phone", "contact_email",
)  # fmt: skip
# Values of these never enter the audit trail (it says that they changed, not to what).
REDACTED_FIELDS = ("contact_name", "contact_phone", "contact_email", "name", "phone", "email")


def _record(actor: User | None, action: str, target: Any, enrollment: Enrollment,
            changes: dict | None = None) -> None:  # fmt: skip
    audit.record(actor=actor, action=action, target=target, label=str(target.pk), changes=changes,
                 person_key=enrollment.person.public_id)  # fmt: skip


def require_consent(enrollment: Enrollment, cover: str, *, on: datetime.date | None = None) -> None:
    """Refuse processing that needs a guardian's consent covering `cover` for a participant under
    18 who has none in force."""
    state = selectors.consent_state(enrollment, on=on or timezone.localdate())
    if cover not in state.missing:
        return
    messages = {
        "school": _(
            "The participant is under 18 and no guardian's consent covers exchanging school data. "
            "Record the guardian's consent first."
        ),
        "kaa": _(
            "The participant is under 18 and no guardian's consent covers exchanging information "
            "with KAA. Record the guardian's consent first."
        ),
    }
    raise ValidationError(messages[cover])


# --- Studies and attendance -----------------------------------------------------------------


@transaction.atomic
def studies_add(*, actor: User | None, enrollment: Enrollment, **values: Any) -> Studies:
    """A school or study place of the participant (needs the school consent under 18)."""
    require_consent(enrollment, "school")
    studies = Studies(enrollment=enrollment, **values)
    studies.full_clean()
    studies.save()
    changes = audit.changes_between({}, audit.snapshot(studies, STUDIES_FIELDS),
                                    redact=REDACTED_FIELDS)  # fmt: skip
    _record(actor, "youth.studies_added", studies, enrollment, changes)
    return studies


@transaction.atomic
def studies_update(*, actor: User | None, studies: Studies, **values: Any) -> Studies:
    """Change a study place's details and outcomes (started, completed, grades, eligibility,
    dropout); each change in the audit trail, old and new."""
    enrollment = studies.enrollment
    require_consent(enrollment, "school")
    before = audit.snapshot(studies, STUDIES_FIELDS)
    for name, value in values.items():
        if name not in STUDIES_FIELDS:
            raise ValueError(f"Not a field of studies: {name}")
        setattr(studies, name, value)
    studies.full_clean()
    studies.save()
    changes = audit.changes_between(before, audit.snapshot(studies, STUDIES_FIELDS),
                                    redact=REDACTED_FIELDS)  # fmt: skip
    if changes:
        _record(actor, "youth.studies_changed", studies, enrollment, changes)
    return studies


def _check_attendance(studies: Studies, month: datetime.date, percent: Decimal) -> None:
    if month.day != 1:
        raise ValidationError({"month": _("Give the month as its first day.")})
    if not Decimal(0) <= percent <= Decimal(100):
        raise ValidationError({"percent": _("Attendance is a percentage from 0 to 100.")})
    if month > timezone.localdate():
        raise ValidationError({"month": _("Attendance cannot be recorded for a future month.")})


def _attendance_event(actor: User | None, row: Attendance, old: Decimal | None) -> Any:
    return audit.event(
        actor=actor, action="youth.attendance_recorded", target=row, label=str(row.studies_id),
        changes={"month": [None, row.month.isoformat()], "percent": [None if old is None else str(old), str(row.percent)],
                 "source": [None, row.source]},
        person_key=row.studies.enrollment.person.public_id,
    )  # fmt: skip


@transaction.atomic
def attendance_record(*, actor: User | None, studies: Studies, month: datetime.date,
                      percent: Decimal, source: str = AttendanceSource.COACH) -> Attendance:  # fmt: skip
    """The attendance of one month (a new month, or a corrected one: old and new in the trail)."""
    require_consent(studies.enrollment, "school")
    _check_attendance(studies, month, percent)
    row = Attendance.objects.filter(studies=studies, month=month).first()
    old = row.percent if row else None
    if row is None:
        row = Attendance(studies=studies, month=month)
    row.percent, row.source, row.recorded_by = percent, source, actor
    row.full_clean()
    row.save()
    audit.record_many([_attendance_event(actor, row, old)])
    return row


@dataclass(frozen=True)
class AttendanceLine:
    """One checked line of a school's file: the studies it belongs to, the month, the percent."""

    studies: Studies
    month: datetime.date
    percent: Decimal


@transaction.atomic
def attendance_import(*, actor: User | None, project: Project,
                      lines: Sequence[AttendanceLine]) -> dict[str, int]:  # fmt: skip
    """Write the checked lines of a school's attendance file, all or nothing: new months are
    added, months already recorded get the file's value (old and new in the trail). Returns
    {"added": n, "changed": n, "unchanged": n}."""
    counts = {"added": 0, "changed": 0, "unchanged": 0}
    existing = {
        (a.studies_id, a.month): a
        for a in Attendance.objects.filter(studies__in={line.studies.pk for line in lines})
    }
    events = []
    for line in lines:
        if line.studies.enrollment.project_id != project.pk:
            raise ValidationError(_("A line belongs to another project."))
        require_consent(line.studies.enrollment, "school")
        _check_attendance(line.studies, line.month, line.percent)
        row = existing.get((line.studies.pk, line.month))
        if row is not None and row.percent == line.percent:
            counts["unchanged"] += 1
            continue
        old = row.percent if row else None
        counts["added" if row is None else "changed"] += 1
        if row is None:
            row = Attendance(studies=line.studies, month=line.month)
        row.percent, row.source, row.recorded_by = line.percent, AttendanceSource.IMPORT, actor
        row.save()
        events.append(_attendance_event(actor, row, old))
    audit.record_many(events)
    audit.record(actor=actor, action="youth.attendance_imported", target=project,
                 label=project.diarienummer, changes={k: [None, v] for k, v in counts.items()})  # fmt: skip
    return counts


# --- Guardians and their consent ------------------------------------------------------------


@transaction.atomic
def guardian_add(*, actor: User | None, enrollment: Enrollment, name: str, relation: str,
                 phone: str = "", email: str = "") -> Guardian:  # fmt: skip
    """A guardian of the participant and how to reach them (their name and contact details
    never enter the audit trail)."""
    guardian = Guardian(enrollment=enrollment, name=name.strip(), relation=relation,
                        phone=phone.strip(), email=email.strip())  # fmt: skip
    guardian.full_clean()
    guardian.save()
    _record(actor, "youth.guardian_added", guardian, enrollment,
            audit.changes_between({}, audit.snapshot(guardian, ("name", "relation", "phone", "email")),
                                  redact=REDACTED_FIELDS))  # fmt: skip
    return guardian


@transaction.atomic
def guardian_consent_record(*, actor: User | None, enrollment: Enrollment, guardian: Guardian,
                            given_on: datetime.date, covers_registration: bool = False,
                            covers_school: bool = False, covers_kaa: bool = False,
                            young_person_agrees: bool = False) -> GuardianConsent:  # fmt: skip
    """A guardian's consent: when and what it covers. Refused without the young person's own
    agreement, for nothing covered, for a day in the future or another participant's guardian."""
    if guardian.enrollment_id != enrollment.pk:
        raise ValidationError({"guardian": _("Choose one of the participant's guardians.")})
    if not (covers_registration or covers_school or covers_kaa):
        raise ValidationError(_("Tick what the consent covers."))
    if not young_person_agrees:
        raise ValidationError({"young_person_agrees": _(
            "The young person must agree too: a guardian's consent does not replace the young person's own say."
        )})  # fmt: skip
    if given_on > timezone.localdate():
        raise ValidationError({"given_on": _("A consent cannot be given in the future.")})
    consent = GuardianConsent(enrollment=enrollment, guardian=guardian, given_on=given_on,
                              covers_registration=covers_registration, covers_school=covers_school,
                              covers_kaa=covers_kaa, young_person_agrees=True, recorded_by=actor)  # fmt: skip
    consent.full_clean()
    consent.save()
    _record(actor, "youth.guardian_consent_given", consent, enrollment,
            {"given_on": [None, given_on.isoformat()], "guardian": [None, guardian.pk],
             "covers": [None, [c for c in selectors.COVERS if getattr(consent, f"covers_{c}")]]})  # fmt: skip
    return consent


@transaction.atomic
def guardian_consent_withdraw(*, actor: User | None, consent: GuardianConsent,
                              on: datetime.date) -> GuardianConsent:  # fmt: skip
    """Withdrawing ends the consent from `on`: what needs it is refused from that day."""
    if consent.withdrawn_on is not None:
        raise ValidationError(_("The consent has already been withdrawn."))
    if on < consent.given_on:
        raise ValidationError({"on": _("A consent cannot be withdrawn before it was given.")})
    consent.withdrawn_on = on
    consent.save(update_fields=["withdrawn_on", "updated_at"])
    _record(actor, "youth.guardian_consent_withdrawn", consent, consent.enrollment,
            {"withdrawn_on": [None, on.isoformat()]})  # fmt: skip
    return consent


# --- KAA ------------------------------------------------------------------------------------


@transaction.atomic
def kaa_status_record(*, actor: User | None, enrollment: Enrollment, status: str,
                      date: datetime.date, note: str = "") -> KaaStatusChange:  # fmt: skip
    """The participant's KAA status from a date (a new row; the earlier ones stay)."""
    require_consent(enrollment, "kaa")
    change = KaaStatusChange(enrollment=enrollment, status=status, date=date, note=note.strip(),
                             recorded_by=actor)  # fmt: skip
    change.full_clean()
    change.save()
    _record(actor, "youth.kaa_status_recorded", change, enrollment,
            {"status": [None, status], "date": [None, date.isoformat()]})  # fmt: skip
    return change


@transaction.atomic
def kaa_referral_add(*, actor: User | None, enrollment: Enrollment, direction: str,
                     referred_on: datetime.date, municipality: str, reason: str,
                     kaa_contact: str = "") -> KaaReferral:  # fmt: skip
    """A referral from KAA to the project or from the project to KAA."""
    require_consent(enrollment, "kaa")
    referral = KaaReferral(enrollment=enrollment, direction=direction, referred_on=referred_on,
                           municipality=municipality.strip(), kaa_contact=kaa_contact.strip(),
                           reason=reason.strip(), recorded_by=actor)  # fmt: skip
    referral.full_clean()
    referral.save()
    _record(actor, "youth.kaa_referral_added", referral, enrollment,
            {"direction": [None, direction], "referred_on": [None, referred_on.isoformat()],
             "municipality": [None, referral.municipality]})  # fmt: skip
    return referral
