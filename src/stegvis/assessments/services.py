"""Every write to instruments, project settings, assessments and self-assessment links. Each call
is audited inside the transaction of the change; changes to a participant's assessments carry the
person's key.

Instruments: `instrument_create`, `instrument_update` (names and descriptions) and
`instrument_version_save` (scale and domains: rewrites the current version while it has no
assessments, otherwise makes the next version, so old answers are never rewritten).
Assessments: `assessment_record` (a whole assessment at once: the coach's form, one made on paper),
`assessment_answer` and `assessment_submit` (one answer at a time, on the phone),
`assessment_import` (many at once, in bulk: the exchange format's assessments.csv).
Links: `selfassessment_link_create`, `selfassessment_link_send`, `selfassessment_link_revoke`,
`selfassessment_link_opened`.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from stegvis.accounts.models import User
from stegvis.assessments import sending, tokens
from stegvis.assessments.models import (
    Assessment,
    AssessmentSource,
    AssessmentStatus,
    Domain,
    Instrument,
    InstrumentVersion,
    Item,
    ProjectAssessmentSettings,
    RatedBy,
    Rater,
    Rating,
    SelfAssessmentLink,
)
from stegvis.core import audit
from stegvis.core.models import AuditEvent
from stegvis.participants.models import Enrollment
from stegvis.participants.services import check_processing_allowed
from stegvis.projects.models import Project


def _record(
    actor: User | None,
    action: str,
    target: Any,
    enrollment: Enrollment,
    changes: dict | None = None,
) -> None:
    audit.record(
        actor=actor, action=action, target=target, label=str(target.pk), changes=changes,
        person_key=enrollment.person.public_id,
    )  # fmt: skip


# --- Instruments ------------------------------------------------------------------------------


@dataclass
class DomainSpec:
    """A domain as an administrator describes it; items are the questions that go with it."""

    code: str
    name_sv: str
    name_en: str = ""
    help_sv: str = ""
    help_en: str = ""
    rated_by: str = RatedBy.BOTH
    counts_in_sum: bool = True
    items: list[tuple[str, str]] = field(default_factory=list)  # (text_sv, text_en)

    def as_data(self) -> dict:
        return {
            "code": self.code, "name_sv": self.name_sv, "name_en": self.name_en, "help_sv": self.help_sv,
            "help_en": self.help_en, "rated_by": self.rated_by, "counts_in_sum": self.counts_in_sum,
            "items": [list(item) for item in self.items],
        }  # fmt: skip


def _check_domains(domains: list[DomainSpec]) -> None:
    if not domains:
        raise ValidationError(_("An instrument needs at least one domain."))
    codes = [d.code.strip() for d in domains]
    if len(set(codes)) != len(codes):
        raise ValidationError(_("Each domain needs a code of its own."))


def _version_data(version: InstrumentVersion) -> dict:
    return {
        "scale": [version.scale_min, version.scale_max],
        "scale_labels": version.scale_labels,
        "rated_by": version.rated_by,
        "domains": [
            DomainSpec(
                code=d.code, name_sv=d.name_sv, name_en=d.name_en, help_sv=d.help_sv, help_en=d.help_en,
                rated_by=d.rated_by, counts_in_sum=d.counts_in_sum,
                items=[(i.text_sv, i.text_en) for i in d.items.all()],
            ).as_data()
            for d in version.domains.all()
        ],
    }  # fmt: skip


def _fill_version(version: InstrumentVersion, domains: list[DomainSpec]) -> None:
    version.domains.all().delete()
    for order, spec in enumerate(domains, start=1):
        domain = Domain(
            version=version, code=spec.code.strip(), order=order, name_sv=spec.name_sv.strip(),
            name_en=spec.name_en.strip(), help_sv=spec.help_sv.strip(), help_en=spec.help_en.strip(),
            rated_by=spec.rated_by, counts_in_sum=spec.counts_in_sum,
        )  # fmt: skip
        domain.full_clean(exclude=["version"])
        domain.save()
        for number, (text_sv, text_en) in enumerate(spec.items, start=1):
            item = Item(
                domain=domain, code=f"{domain.code}_{number}", order=number,
                text_sv=text_sv.strip(), text_en=text_en.strip(),
            )  # fmt: skip
            item.full_clean(exclude=["domain"])
            item.save()


@transaction.atomic
def instrument_create(
    *,
    actor: User,
    code: str,
    name_sv: str,
    domains: list[DomainSpec],
    name_en: str = "",
    description_sv: str = "",
    description_en: str = "",
    scale_min: int = 1,
    scale_max: int = 10,
    scale_labels: dict | None = None,
    rated_by: str = RatedBy.BOTH,
) -> Instrument:
    """Add an instrument with its first version. For administrators (`instrument.manage`)."""
    _check_domains(domains)
    instrument = Instrument(
        code=code.strip().upper(), name_sv=name_sv.strip(), name_en=name_en.strip(),
        description_sv=description_sv.strip(), description_en=description_en.strip(),
    )  # fmt: skip
    instrument.full_clean()
    instrument.save()
    version = InstrumentVersion(
        instrument=instrument, number=1, scale_min=scale_min, scale_max=scale_max,
        scale_labels=scale_labels or {}, rated_by=rated_by, created_by=actor,
    )  # fmt: skip
    version.full_clean()
    version.save()
    _fill_version(version, domains)
    audit.record(actor=actor, action="instrument.created", target=instrument, label=instrument.code,
                 changes={"version": [None, 1], **{k: [None, v] for k, v in _version_data(version).items()}})  # fmt: skip
    return instrument


INSTRUMENT_FIELDS = ("name_sv", "name_en", "description_sv", "description_en")


@transaction.atomic
def instrument_update(*, actor: User, instrument: Instrument, **values: str) -> Instrument:
    """Change an instrument's names and descriptions (they carry no answers, so no new version)."""
    unknown = set(values) - set(INSTRUMENT_FIELDS)
    if unknown:
        raise TypeError(f"instrument_update got unknown fields: {sorted(unknown)}")
    before = audit.snapshot(instrument, INSTRUMENT_FIELDS)
    for name, value in values.items():
        setattr(instrument, name, value.strip())
    instrument.full_clean()
    changes = audit.changes_between(before, audit.snapshot(instrument, INSTRUMENT_FIELDS))
    if changes:
        instrument.save()
        audit.record(actor=actor, action="instrument.updated", target=instrument,
                     label=instrument.code, changes=changes)  # fmt: skip
    return instrument


@transaction.atomic
def instrument_version_save(
    *,
    actor: User,
    instrument: Instrument,
    domains: list[DomainSpec],
    scale_min: int,
    scale_max: int,
    scale_labels: dict,
    rated_by: str,
) -> InstrumentVersion:
    """Save a changed scale or set of domains.

    While the current version has no assessments it is changed in place. Once it has answers it is
    left as it is and the change becomes the next version: old answers keep the questions and the
    scale they were given on. Returns the version now current.
    """
    _check_domains(domains)
    current = (
        InstrumentVersion.objects.select_for_update().filter(instrument=instrument).order_by("-number").first()
    )  # fmt: skip
    if current is not None and not current.assessments.exists():
        version, before = current, _version_data(current)
    else:
        number = current.number + 1 if current else 1
        version, before = (
            InstrumentVersion(instrument=instrument, number=number, created_by=actor),
            {},
        )
    version.scale_min, version.scale_max = scale_min, scale_max
    version.scale_labels, version.rated_by = scale_labels, rated_by
    version.full_clean()
    version.save()
    _fill_version(version, domains)
    changes = audit.changes_between(before, _version_data(version))
    if not before:
        changes["version"] = [current.number if current else None, version.number]
    audit.record(actor=actor, action="instrument.version_saved", target=version,
                 label=str(version), changes=changes)  # fmt: skip
    return version


# --- Project settings -------------------------------------------------------------------------


@transaction.atomic
def project_assessment_settings_update(
    *, actor: User, project: Project, interval_months: int, instruments: list[Instrument]
) -> ProjectAssessmentSettings:
    """Set which instruments a project uses and how often; by the project's manager."""
    found, _created = ProjectAssessmentSettings.objects.get_or_create(project=project)
    before = {
        "interval_months": None if _created else found.interval_months,
        "instruments": sorted(i.code for i in found.instruments.all()),
    }
    found.interval_months = interval_months
    found.full_clean()
    found.save()
    found.instruments.set(instruments)
    after = {"interval_months": interval_months, "instruments": sorted(i.code for i in instruments)}
    changes = audit.changes_between(before, after)
    if changes:
        audit.record(actor=actor, action="project.assessment_settings_changed", target=project,
                     label=project.diarienummer, changes=changes)  # fmt: skip
    return found


# --- Assessments ------------------------------------------------------------------------------


def _check_value(version: InstrumentVersion, domain: Domain, value: int) -> None:
    if not isinstance(value, int) or not version.scale_min <= value <= version.scale_max:
        raise ValidationError(
            {domain.code: _("Choose a value from %(low)s to %(high)s.")
             % {"low": version.scale_min, "high": version.scale_max}}
        )  # fmt: skip


def _check_key_free(assessment: Assessment) -> None:
    clash = Assessment.objects.filter(
        enrollment=assessment.enrollment, instrument=assessment.instrument, date=assessment.date,
        rater=assessment.rater, status=AssessmentStatus.SUBMITTED,
    ).exclude(pk=assessment.pk)  # fmt: skip
    if clash.exists():
        raise ValidationError(
            {
                "date": _(
                    "There is already an assessment by the same rater on this instrument that day."
                )
            }
        )


@transaction.atomic
def assessment_record(
    *,
    actor: User | None,
    enrollment: Enrollment,
    version: InstrumentVersion,
    rater: str,
    date: datetime.date,
    ratings: dict[str, int],
    source: str = AssessmentSource.FORM,
) -> Assessment:
    """Record a whole, submitted assessment: the coach's own (with tilltro), one made on paper, or
    a row of an import. Every domain the rater answers needs a value on the version's scale."""
    check_processing_allowed(enrollment.person)
    if rater not in Rater.values:
        raise ValidationError({"rater": _("Choose who made the assessment.")})
    if date > timezone.localdate():
        raise ValidationError({"date": _("An assessment cannot be dated in the future.")})
    domains = version.domains_for(rater)
    known = {d.code for d in domains}
    unknown = set(ratings) - known
    if unknown:
        raise ValidationError(
            _("These domains are not part of the instrument for this rater: %(codes)s")
            % {"codes": ", ".join(sorted(unknown))}
        )
    missing = [d for d in domains if ratings.get(d.code) is None]
    if missing:
        raise ValidationError({d.code: _("Give a rating.") for d in missing})
    for domain in domains:
        _check_value(version, domain, ratings[domain.code])
    assessment = Assessment(
        enrollment=enrollment, instrument=version.instrument, version=version, date=date, rater=rater,
        status=AssessmentStatus.SUBMITTED, source=source, entered_by=actor, submitted_at=timezone.now(),
    )  # fmt: skip
    _check_key_free(assessment)
    assessment.full_clean()
    assessment.save()
    Rating.objects.bulk_create(
        Rating(assessment=assessment, domain=d, value=ratings[d.code]) for d in domains
    )
    _record(actor, "assessment.recorded", assessment, enrollment, {
        "instrument": [None, version.instrument.code], "version": [None, version.number],
        "date": [None, date.isoformat()], "rater": [None, rater], "source": [None, source],
        **{code: [None, value] for code, value in sorted(ratings.items())},
    })  # fmt: skip
    return assessment


@dataclass(frozen=True)
class ImportedAssessment:
    """One row of an import for `assessment_import`: a submitted assessment to record or, with
    `existing`, the submitted assessment of the same key whose ratings the row gives anew."""

    enrollment: Enrollment
    version: InstrumentVersion  # with its instrument; an existing assessment's own version
    rater: str
    date: datetime.date
    ratings: dict[str, int]  # domain code -> value; a domain outside the sum may be left out
    existing: Assessment | None = None


def _check_imported(row: ImportedAssessment, domains: list[Domain], today: datetime.date) -> None:
    """The rules of assessment_record, except that a domain outside the sum (the coach's tilltro)
    may be left out: the exchange format makes tilltro optional. Reads nothing."""
    if row.rater not in Rater.values:
        raise ValidationError({"rater": _("Choose who made the assessment.")})
    if row.date > today:
        raise ValidationError({"date": _("An assessment cannot be dated in the future.")})
    existing = row.existing
    if existing is not None and (
        existing.status != AssessmentStatus.SUBMITTED
        or (existing.enrollment_id, existing.version_id, existing.date, existing.rater)
        != (row.enrollment.pk, row.version.pk, row.date, row.rater)
    ):
        raise ValidationError(
            _("Only a submitted assessment of the same key can be imported again.")
        )
    unknown = set(row.ratings) - {d.code for d in domains}
    if unknown:
        raise ValidationError(
            _("These domains are not part of the instrument for this rater: %(codes)s")
            % {"codes": ", ".join(sorted(unknown))}
        )
    missing = [d for d in domains if d.counts_in_sum and row.ratings.get(d.code) is None]
    if missing:
        raise ValidationError({d.code: _("Give a rating.") for d in missing})
    for domain in domains:
        if domain.code in row.ratings:
            _check_value(row.version, domain, row.ratings[domain.code])


@transaction.atomic
def assessment_import(*, actor: User | None, rows: Sequence[ImportedAssessment]) -> dict[str, int]:
    """Record many submitted assessments at once, or give existing ones new ratings: the rows of
    the exchange format's assessments.csv, which the exchange app has checked. For the import
    (its caller has checked that `actor` may import; None when an operator runs it as the system).

    New assessments come in SUBMITTED with source IMPORT, written in bulk with their ratings, and
    each is audited as assessment_record audits it (`assessment.recorded`). A row with `existing`
    replaces that assessment's ratings: each domain that differs is changed, added or removed
    (an empty tilltro), audited as `assessment.ratings_changed` with the old and the new value per
    domain; a row that changes nothing writes nothing. Every row is checked as assessment_record
    checks (the key free, the domains of the version for the rater, the values on its scale);
    a ValidationError writes nothing. A few queries per call, however many rows. Returns the counts
    `{"created", "updated", "unchanged"}`.
    """
    today = timezone.localdate()
    now = timezone.now()
    domains_of: dict[tuple[int, str], list[Domain]] = {}
    for row in rows:
        key = (row.version.pk, row.rater)
        if key not in domains_of and row.rater in Rater.values:
            excluded = RatedBy.COACH if row.rater == Rater.SELF else RatedBy.PARTICIPANT
            domains_of[key] = [d for d in row.version.domains.all() if d.rated_by != excluded]
        _check_imported(row, domains_of.get(key, []), today)
    new_rows = [row for row in rows if row.existing is None]
    _check_keys_free(new_rows)
    events: list[AuditEvent] = []
    created = [
        Assessment(
            enrollment=row.enrollment, instrument_id=row.version.instrument_id, version=row.version,
            date=row.date, rater=row.rater, status=AssessmentStatus.SUBMITTED,
            source=AssessmentSource.IMPORT, entered_by=actor, submitted_at=now,
        )
        for row in new_rows
    ]  # fmt: skip
    Assessment.objects.bulk_create(created, batch_size=500)
    ratings: list[Rating] = []
    for row, assessment in zip(new_rows, created, strict=True):
        for domain in domains_of[(row.version.pk, row.rater)]:
            if row.ratings.get(domain.code) is not None:
                # Ids, not instances: a quarter of the time of 70,000 ratings goes to the setters.
                ratings.append(
                    Rating(
                        assessment_id=assessment.pk,
                        domain_id=domain.pk,
                        value=row.ratings[domain.code],
                    )
                )
        events.append(audit.event(
            actor=actor, action="assessment.recorded", target=assessment, label=str(assessment.pk),
            person_key=row.enrollment.person.public_id, changes={
                "instrument": [None, row.version.instrument.code], "version": [None, row.version.number],
                "date": [None, row.date.isoformat()], "rater": [None, row.rater],
                "source": [None, AssessmentSource.IMPORT],
                **{code: [None, value] for code, value in sorted(row.ratings.items()) if value is not None},
            },
        ))  # fmt: skip
    Rating.objects.bulk_create(ratings, batch_size=500)
    updated = _import_ratings(
        actor, [row for row in rows if row.existing is not None], domains_of, events, now
    )
    audit.record_many(events)
    return {
        "created": len(created),
        "updated": updated,
        "unchanged": len(rows) - len(created) - updated,
    }


def _check_keys_free(rows: list[ImportedAssessment]) -> None:
    """No new row has the key of another new row or of a submitted assessment (one query per
    900 participants; the database's constraint stands behind it)."""
    keys = [(row.enrollment.pk, row.version.instrument_id, row.date, row.rater) for row in rows]
    taken: set[tuple[int, int, datetime.date, str]] = set()
    enrollment_ids = sorted({key[0] for key in keys})
    for start in range(0, len(enrollment_ids), 900):
        taken.update(
            Assessment.objects.filter(
                enrollment_id__in=enrollment_ids[start : start + 900],
                status=AssessmentStatus.SUBMITTED,
            ).values_list("enrollment_id", "instrument_id", "date", "rater")
        )
    for key in keys:
        if key in taken:
            raise ValidationError(
                {"date": _("There is already an assessment by the same rater on this instrument that day.")}
            )  # fmt: skip
        taken.add(key)


def _import_ratings(
    actor: User | None,
    rows: list[ImportedAssessment],
    domains_of: dict[tuple[int, str], list[Domain]],
    events: list[AuditEvent],
    now: datetime.datetime,
) -> int:
    """Give existing assessments the rows' ratings; returns how many changed."""
    held: dict[tuple[int, int], Rating] = {}
    ids = sorted(row.existing.pk for row in rows if row.existing is not None)
    for start in range(0, len(ids), 900):
        for rating in Rating.objects.filter(assessment_id__in=ids[start : start + 900]).order_by():
            held[(rating.assessment_id, rating.domain_id)] = rating
    added: list[Rating] = []
    changed: list[Rating] = []
    removed: list[int] = []
    touched: list[int] = []
    for row in rows:
        assessment = row.existing
        assert assessment is not None
        changes: dict[str, list[int | None]] = {}
        for domain in domains_of[(row.version.pk, row.rater)]:
            rating = held.get((assessment.pk, domain.pk))
            old, new = (rating.value if rating else None), row.ratings.get(domain.code)
            if old == new:
                continue
            changes[domain.code] = [old, new]
            if rating is None:
                added.append(Rating(assessment=assessment, domain=domain, value=new))
            elif new is None:
                removed.append(rating.pk)
            else:
                rating.value = new
                changed.append(rating)
        if changes:
            touched.append(assessment.pk)
            events.append(audit.event(
                actor=actor, action="assessment.ratings_changed", target=assessment,
                label=str(assessment.pk), person_key=row.enrollment.person.public_id, changes=changes,
            ))  # fmt: skip
    Rating.objects.bulk_create(added, batch_size=500)
    Rating.objects.bulk_update(changed, ["value"], batch_size=500)
    for start in range(0, len(removed), 900):
        Rating.objects.filter(pk__in=removed[start : start + 900]).delete()
    for start in range(0, len(touched), 900):
        Assessment.objects.filter(pk__in=touched[start : start + 900]).update(updated_at=now)
    return len(touched)


@transaction.atomic
def assessment_answer(
    *, actor: User | None, assessment: Assessment, domain: Domain, value: int
) -> Rating:
    """Save (or change) one answer of a self-assessment being answered. On the phone `actor` is
    None: the person answering has no account, the link is named in the trail."""
    if assessment.status != AssessmentStatus.DRAFT:
        raise ValidationError(_("The assessment has already been submitted."))
    if domain.version_id != assessment.version_id:
        raise ValidationError(_("The question is not part of this assessment."))
    _check_value(assessment.version, domain, value)
    rating = Rating.objects.filter(assessment=assessment, domain=domain).first()
    before = rating.value if rating else None
    if rating is None:
        rating = Rating.objects.create(assessment=assessment, domain=domain, value=value)
    elif rating.value != value:
        rating.value = value
        rating.save(update_fields=["value"])
    if before != value:
        _record(actor, "assessment.answered", assessment, assessment.enrollment,
                {domain.code: [before, value]})  # fmt: skip
    return rating


@transaction.atomic
def assessment_submit(
    *, actor: User | None, assessment: Assessment, link: SelfAssessmentLink | None = None
) -> Assessment:
    """Submit a self-assessment once every question has an answer; it is dated the day it is
    submitted. A link it was answered on stops working."""
    if assessment.status != AssessmentStatus.DRAFT:
        raise ValidationError(_("The assessment has already been submitted."))
    answered = set(assessment.ratings.values_list("domain_id", flat=True))
    missing = [d for d in assessment.version.domains_for(assessment.rater) if d.pk not in answered]
    if missing:
        raise ValidationError(
            _("Answer every question first. Not answered: %(names)s")
            % {"names": ", ".join(d.name for d in missing)}
        )
    now = timezone.now()
    assessment.date = timezone.localdate(now)
    assessment.status = AssessmentStatus.SUBMITTED
    assessment.submitted_at = now
    _check_key_free(assessment)
    assessment.full_clean()
    assessment.save()
    if link is not None:
        link.used_at = now
        link.save(update_fields=["used_at", "updated_at"])
    _record(actor, "assessment.submitted", assessment, assessment.enrollment, {
        "status": [AssessmentStatus.DRAFT, AssessmentStatus.SUBMITTED],
        "date": [None, assessment.date.isoformat()],
        "link": [None, link.pk if link else None],
    })  # fmt: skip
    return assessment


# --- Self-assessment links --------------------------------------------------------------------


def link_lifetime() -> datetime.timedelta:
    return datetime.timedelta(days=settings.STEGVIS_SELFASSESSMENT_LINK_DAYS)


@transaction.atomic
def selfassessment_link_create(
    *, actor: User, enrollment: Enrollment, version: InstrumentVersion
) -> tuple[SelfAssessmentLink, str]:
    """Make a personal link for the participant's self-assessment; returns (link, token).

    The token is returned only here and stored only as a hash. Answers already given on an earlier
    link are kept (the draft carries over); earlier links that still work stop working.
    """
    if enrollment.end_date is not None:
        raise ValidationError(_("The participant has left the project."))
    check_processing_allowed(enrollment.person)
    if not version.rated_by_participant():
        raise ValidationError(_("The participant does not rate this instrument."))
    today = timezone.localdate()
    if Assessment.objects.filter(
        enrollment=enrollment, instrument=version.instrument, rater=Rater.SELF, date=today,
        status=AssessmentStatus.SUBMITTED,
    ).exists():  # fmt: skip
        raise ValidationError(_("The participant has already submitted a self-assessment today."))
    draft = Assessment.objects.filter(
        enrollment=enrollment, version=version, rater=Rater.SELF, status=AssessmentStatus.DRAFT
    ).first()
    if draft is None:
        draft = Assessment(
            enrollment=enrollment, instrument=version.instrument, version=version, date=today,
            rater=Rater.SELF, status=AssessmentStatus.DRAFT, source=AssessmentSource.LINK,
        )  # fmt: skip
        draft.full_clean()
        draft.save()
    now = timezone.now()
    revoked = SelfAssessmentLink.objects.filter(
        assessment__enrollment=enrollment, used_at__isnull=True, revoked_at__isnull=True
    ).update(revoked_at=now, updated_at=now)
    token = tokens.new_token()
    link = SelfAssessmentLink.objects.create(
        token_hash=tokens.hash_token(token), assessment=draft, created_by=actor,
        expires_at=now + link_lifetime(),
    )  # fmt: skip
    _record(actor, "selfassessment.link_created", link, enrollment, {
        "assessment": [None, str(draft.public_id)], "expires_at": [None, link.expires_at],
        "earlier_links_revoked": [0, revoked],
    })  # fmt: skip
    return link, token


@transaction.atomic
def selfassessment_link_send(
    *, actor: User, link: SelfAssessmentLink, url: str, channel: str
) -> None:
    """Send the link to the participant's registered e-mail address or mobile number, after the
    transaction commits. The trail names the channel, never the address, number or link."""
    enrollment = link.assessment.enrollment
    person = enrollment.person
    check_processing_allowed(person)
    recipient = {sending.EMAIL: person.email, sending.SMS: person.phone}.get(channel, "")
    if not recipient:
        raise ValidationError(_("There is no address or number to send the link to."))
    sender = sending.sender_for(channel)
    message = sending.link_message(
        first_name=person.first_name, url=url, expires_at=link.expires_at
    )
    transaction.on_commit(lambda: sender.send(to=recipient, message=message))
    _record(actor, "selfassessment.link_sent", link, enrollment, {"channel": [None, channel]})


@transaction.atomic
def selfassessment_link_revoke(*, actor: User, link: SelfAssessmentLink) -> None:
    """Stop a link from working (the answers given on it are kept)."""
    if link.revoked_at is None and link.used_at is None:
        link.revoked_at = timezone.now()
        link.save(update_fields=["revoked_at", "updated_at"])
        _record(actor, "selfassessment.link_revoked", link, link.assessment.enrollment)


@transaction.atomic
def selfassessment_link_opened(*, link: SelfAssessmentLink) -> None:
    """Record that the link's start page was opened (by whoever holds the link: no account)."""
    now = timezone.now()
    first = link.first_opened_at is None
    if first:
        link.first_opened_at = now
        link.save(update_fields=["first_opened_at", "updated_at"])
    _record(None, "selfassessment.opened", link, link.assessment.enrollment,
            {"first_time": [None, first]})  # fmt: skip
