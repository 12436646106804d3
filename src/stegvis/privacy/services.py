"""Every write of the privacy app: erasure, consent withdrawal, the retention rule, and the audit
of extracts and access histories handed out. Each runs in one transaction with its audit event.

Erasure (GDPR art. 17) anonymises: the rows stay, so the ESF+ indicators, the outcomes and the
method comparison count the same people; what identifies the person (name, identity number,
contact details, free text, the project's own participant id) is blanked. The audit trail is kept
as it is: it is append-only, holds no free text about the person, and proves who did what
(art. 17.3 b and e); it is thinned by its own retention period, not by this app.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Exists, Max, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from stegvis.accounts.models import User
from stegvis.assessments.models import SelfAssessmentLink
from stegvis.core import audit
from stegvis.core.dates import add_months
from stegvis.participants import services as participant_services
from stegvis.participants.models import Consent, Employment, Enrollment, Person
from stegvis.privacy.selectors import lookups

ERASED_TEXT = "–"


def _audit(actor: User | None, action: str, person: Person, changes: dict | None = None) -> None:
    audit.record(
        actor=actor,
        action=action,
        target=person,
        label=str(person.pk),
        changes=changes,
        person_key=person.public_id,
    )


@transaction.atomic
def access_history_viewed(*, actor: User, person: Person, output: str) -> None:
    """Record that the person's access history was shown or printed (`output`: html or pdf)."""
    _audit(actor, "privacy.access_history_viewed", person, {"output": [None, output]})


@transaction.atomic
def extract_downloaded(*, actor: User, person: Person, output: str) -> None:
    """Record that a register extract of the person was downloaded (`output`: json or pdf)."""
    _audit(actor, "privacy.extract_downloaded", person, {"output": [None, output]})


# --- Consent withdrawal -------------------------------------------------------------------------


@transaction.atomic
def processing_consent_withdraw(*, actor: User | None, person: Person, on: datetime.date) -> Person:
    """The person withdraws their consent to processing from `on` (not in the future).

    From then on the services refuse new contacts, assessments, vocational profiles, hires and
    self-assessment links (participants.services.check_processing_allowed); the consents in force
    are withdrawn on the same day and the self-assessment links that still work stop working.
    What is recorded is kept for the legal period unless the person is erased.
    """
    if person.erased_at is not None:
        raise ValidationError(_("The person has already been anonymised."))
    if person.processing_stopped_on is not None:
        raise ValidationError(_("The person has already withdrawn their consent to processing."))
    if on > timezone.localdate():
        raise ValidationError({"on": _("The date of the withdrawal cannot be in the future.")})
    withdrawn = 0
    for consent in Consent.objects.filter(person=person, withdrawn_on__isnull=True):
        if consent.given_on <= on:
            participant_services.consent_withdraw(actor=actor, consent=consent, on=on)
            withdrawn += 1
    now = timezone.now()
    links = SelfAssessmentLink.objects.filter(
        assessment__enrollment__person=person, used_at__isnull=True, revoked_at__isnull=True
    ).update(revoked_at=now, updated_at=now)
    person.processing_stopped_on = on
    person.save(update_fields=["processing_stopped_on", "updated_at"])
    _audit(actor, "person.processing_stopped", person, {
        "processing_stopped_on": [None, on.isoformat()],
        "consents_withdrawn": [0, withdrawn],
        "links_revoked": [0, links],
    })  # fmt: skip
    return person


# --- Erasure ------------------------------------------------------------------------------------


# What erasure writes over, per model of selectors.EXTRACT_TREE: the fields that identify the
# person or hold free text about them. Everything else stays for the statistics. Enrollments
# (participant id), jobs (the workplace), self-assessment links (revoked) and the Person row are
# handled in _anonymise. tests/test_erasure.py checks that every text field of the tree is here
# or in KEPT_TEXT_FIELDS.
ERASED_FIELDS: dict[str, dict[str, str]] = {
    "participants.Referral": {
        "referrer_name": "", "reason": ERASED_TEXT, "own_goal": ERASED_TEXT,
        "motivation": ERASED_TEXT, "decision_reason": "", "minutes_line": "",
    },
    "participants.CoachAssignment": {"reason": ""},
    "participants.Contact": {"with_whom": "", "summary": ""},
    "participants.Intervention": {"description": ""},
    "participants.StepReached": {"note": ""},
    "participants.Goal": {"text": ""},
    "participants.NoteVersion": {"text": "", "correction_reason": ""},
    "participants.FollowUp": {"note": ""},
    "employers.JobSupport": {"note": ""},
    "employers.VocationalProfile": {
        "wanted_occupation": "", "municipalities": "", "commute": "", "experience": "",
        "skills": "", "education": "", "adjustments": "", "not_wanted": "",
    },
    "youth.Studies": {"contact_name": "", "contact_phone": "", "contact_email": ""},
    "youth.Guardian": {"name": ERASED_TEXT, "phone": "", "email": ""},
    "youth.KaaStatusChange": {"note": ""},
    "youth.KaaReferral": {"kaa_contact": "", "reason": ERASED_TEXT},
    "coordination.Intake": {
        "first_name": ERASED_TEXT, "last_name": "", "phone": "", "email": "", "need": ERASED_TEXT,
        "outcome_message": "", "internal_note": "",
    },
}  # fmt: skip

# Text fields of the tree that stay, and why (codes, names of organisations, statistics).
KEPT_TEXT_FIELDS: dict[str, str] = {
    "participants.Enrollment.method": "a code; the method comparison counts it",
    "participants.Enrollment.comparison_group": "a group's name, not the person's",
    "participants.Enrollment.municipality_code": "a code; statistics per municipality",
    "participants.Employment.occupation": "statistics of occupations",
    "employers.VocationalProfile.ssyk": "an occupation code",
    "youth.Studies.school": "the school's name; statistics of schools",
    "youth.Studies.programme": "the programme's name; statistics of programmes",
    "youth.KaaReferral.municipality": "a municipality's name",
    "coordination.Intake.reference": "a random reference without meaning",
    "coordination.Intake.receipt_hash": "a hash of the receipt code, not data",
    "assessments.SelfAssessmentLink.token_hash": "a hash of the link, not data (revoked)",
    "surveys.Invitation.token_hash": "a hash of the link, not data",
}


def _anonymise(person: Person, now: datetime.datetime) -> dict[str, int]:
    """Blank everything that identifies `person` (one record); returns counts per kind."""
    counts: dict[str, int] = {}
    for node, lookup in lookups():
        model = node.resolved()
        if model is None or model._meta.label not in ERASED_FIELDS:
            continue
        values = dict(ERASED_FIELDS[model._meta.label])
        if any(f.name == "updated_at" for f in model._meta.concrete_fields):
            values["updated_at"] = now
        counts[node.key] = model._default_manager.filter(**{lookup: person}).update(**values)
    counts["enrollments"] = 0
    for enrollment in Enrollment.objects.filter(person=person).only("pk", "project_id"):
        # The project's own participant id is a key into the project's other files: replaced by
        # one that says nothing (unique in the project, as the constraint wants).
        enrollment.participant_code = f"ANON-{enrollment.pk}"
        enrollment.exit_reason = ""
        enrollment.save(update_fields=["participant_code", "exit_reason", "updated_at"])
        counts["enrollments"] += 1
    counts["employments"] = 0
    for employment in Employment.objects.filter(enrollment__person=person).only("pk"):
        # The workplace points to the person; kind, dates, hours, competitive and subsidy stay.
        # (Unique per enrollment, kind and start, hence the number.)
        employment.employer = f"{ERASED_TEXT} {employment.pk}"
        employment.employer_org_number = ""
        employment.save(update_fields=["employer", "employer_org_number", "updated_at"])
        counts["employments"] += 1
    counts["self_assessment_links"] = SelfAssessmentLink.objects.filter(
        assessment__enrollment__person=person, used_at__isnull=True, revoked_at__isnull=True
    ).update(revoked_at=now, updated_at=now)
    person.first_name = ""
    person.last_name = ""
    person.identity_number = ""
    person.identity_index = ""
    person.is_coordination_number = False
    person.phone = ""
    person.email = ""
    person.protected_identity = False
    person.erased_at = now
    person.save()
    return counts


@transaction.atomic
def person_erase(
    *,
    actor: User | None,
    person: Person,
    reason: str,
    while_active: bool = False,
) -> dict[str, int]:
    """Anonymise the person everywhere, irreversibly, and audit it with `reason`.

    Kept, so that statistics give the same totals: gender, birth year, every start value and
    outcome of each enrollment (method, dates, education, status, exit status, follow-ups),
    assessments and their ratings, the kind, dates, hours and subsidy of jobs. Blanked: name,
    identity number and its blind index (so no search finds the person), phone, e-mail, free
    text (contacts, notes and their versions, goals, referrals, vocational profile, support on
    the job), the workplace's name and organisation number, the project's participant id.
    Refused while an enrollment is active, unless `while_active` states that it is meant.
    Records merged into the person are anonymised too. Returns counts per kind of record.
    """
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Write why the person is anonymised.")})
    if person.erased_at is not None:
        raise ValidationError(_("The person has already been anonymised."))
    if not while_active and person.enrollments.filter(end_date__isnull=True).exists():
        raise ValidationError(
            _(
                "The person takes part in a project now. Register them out first, or state that "
                "they are to be anonymised although the participation goes on."
            )
        )
    now = timezone.now()
    counts: dict[str, int] = {}
    for record in [*Person.objects.filter(merged_into=person), person]:
        for kind, n in _anonymise(record, now).items():
            counts[kind] = counts.get(kind, 0) + n
    counts["people"] = 1 + Person.objects.filter(merged_into=person).count()
    _audit(actor, "person.erased", person, {
        "reason": [None, reason[:300]],
        "while_active": [None, while_active],
        **{kind: [None, n] for kind, n in sorted(counts.items())},
    })  # fmt: skip
    return counts


# --- Retention ----------------------------------------------------------------------------------


@dataclass
class RetentionReport:
    """What the retention rule found (and did): counts only, never names."""

    today: datetime.date
    years: int
    cutoff: datetime.date
    dry_run: bool
    people: int = 0
    enrollments: int = 0
    by_project: dict[str, int] = field(default_factory=dict)
    erased: int = 0

    def as_dict(self) -> dict[str, Any]:
        return {
            "today": self.today.isoformat(),
            "years": self.years,
            "cutoff": self.cutoff.isoformat(),
            "dry_run": self.dry_run,
            "people": self.people,
            "enrollments": self.enrollments,
            "by_project": dict(sorted(self.by_project.items())),
            "erased": self.erased,
        }


def retention_candidates(*, today: datetime.date, years: int) -> QuerySet[Person]:
    """People to anonymise: not yet anonymised, no enrollment going on, and the last one ended
    more than `years` years before `today` (people never enrolled: the last referral received
    then). Merged records follow the person they were merged into."""
    cutoff = add_months(today, -12 * years)
    active = Enrollment.objects.filter(person=OuterRef("pk"), end_date__isnull=True)
    return (
        Person.objects.filter(erased_at__isnull=True, merged_into__isnull=True)
        .exclude(Exists(active))
        .annotate(
            last_end=Max("enrollments__end_date"), last_referral=Max("referrals__received_on")
        )
        .filter(Q(last_end__lt=cutoff) | Q(last_end__isnull=True, last_referral__lt=cutoff))
    )


def retention_run(
    *, actor: User | None, today: datetime.date, years: int, dry_run: bool
) -> RetentionReport:
    """Apply the retention rule: anonymise every candidate (each in its own transaction, so one
    failure does not undo the rest) and audit the run; with `dry_run`, count and write nothing."""
    if years < 1:
        raise ValidationError(_("The retention period must be at least one year."))
    report = RetentionReport(
        today=today, years=years, cutoff=add_months(today, -12 * years), dry_run=dry_run
    )
    candidates = list(retention_candidates(today=today, years=years).values_list("pk", flat=True))
    report.people = len(candidates)
    for diarienummer in Enrollment.objects.filter(person_id__in=candidates).values_list(
        "project__diarienummer", flat=True
    ):
        report.enrollments += 1
        report.by_project[diarienummer] = report.by_project.get(diarienummer, 0) + 1
    if dry_run:
        return report
    reason = _("Retention rule: %(years)s years after the last participation ended") % {
        "years": years
    }
    for person in Person.objects.filter(pk__in=candidates):
        person_erase(actor=actor, person=person, reason=reason)
        report.erased += 1
    with transaction.atomic():
        audit.record(actor=actor, action="privacy.retention_run", label=f"{years}y",
                     changes={k: [None, v] for k, v in report.as_dict().items()})  # fmt: skip
    return report
