"""Every write to people, participants, referrals and their time lines. Each call is audited,
inside the transaction of the change, with the person's key."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from stegvis.accounts.models import Organisation, User
from stegvis.core import audit
from stegvis.core.dates import add_months
from stegvis.core.permissions import Role
from stegvis.participants import identity
from stegvis.participants.codes import canonical_method
from stegvis.participants.models import (
    CoachAssignment,
    Consent,
    ConsentPurpose,
    Contact,
    Employment,
    Enrollment,
    FollowUp,
    FollowUpKind,
    Goal,
    Intervention,
    Note,
    NoteVersion,
    Person,
    Referral,
    ReferralGroup,
    ReferralMeeting,
    ReferralStatus,
    StepReached,
)
from stegvis.participants.selectors import follow_up_stopped
from stegvis.projects.models import Project
from stegvis.projects.selectors import staff_rows_in_force

PERSON_FIELDS = (
    "first_name",
    "last_name",
    "birth_year",
    "gender",
    "protected_identity",
    "phone",
    "email",
)
ENROLLMENT_FIELDS = (
    "participant_code", "method", "comparison_group", "coach", "municipality_code", "referral_date", "start_date",
    "end_date", "status_at_start", "education", "disability", "income_source_start", "income_source_end",
    "support_months_before", "exit_status", "exit_reason", "qualification_gained", "status_6m", "status_12m",
    "follow_along",
)  # fmt: skip
# Values of these never enter the audit trail (the trail says that they changed, not to what).
REDACTED_PERSON_FIELDS = ("phone", "email")


def _record(
    actor: User | None, action: str, target: Any, person: Person, changes: dict | None = None
) -> None:
    audit.record(
        actor=actor, action=action, target=target, label=str(getattr(target, "pk", "")), changes=changes,
        person_key=person.public_id,
    )  # fmt: skip


# --- People ---------------------------------------------------------------------------------


def _identity_values(identity_number: str, birth_year: int | None) -> dict[str, Any]:
    try:
        number = identity.parse_identity_number(identity_number)
    except identity.InvalidIdentityNumber:
        raise ValidationError(
            {
                "identity_number": _(
                    "This is not a valid personal identity number or coordination number. Check the digits."
                )
            }
        ) from None
    if birth_year is not None and birth_year != number.birth_year:
        raise ValidationError(
            {"birth_year": _("The birth year does not agree with the personal identity number (%(year)s).")
             % {"year": number.birth_year}}
        )  # fmt: skip
    return {
        "identity_number": number.digits,
        "identity_index": number.blind_index,
        "is_coordination_number": number.is_coordination_number,
        "birth_year": number.birth_year,
    }


def person_find_by_identity_number(identity_number: str) -> Person | None:
    """The person registered with this number (following merges), found by its blind index."""
    number = identity.parse_identity_number(identity_number)
    person = Person.objects.filter(identity_index=number.blind_index).order_by("created_at").first()
    while person is not None and person.merged_into_id:
        person = person.merged_into
    return person


@transaction.atomic
def person_register(
    *,
    actor: User | None,
    gender: str,
    birth_year: int | None = None,
    identity_number: str = "",
    first_name: str = "",
    last_name: str = "",
    **extra: Any,
) -> tuple[Person, bool]:
    """Register a person, or recognise them when the identity number is already registered.

    Returns (person, created). Without an identity number, birth year and gender suffice. The
    number itself is never written to the audit trail.
    """
    unknown = set(extra) - {"protected_identity", "phone", "email"}
    if unknown:
        raise TypeError(f"person_register got unknown fields: {sorted(unknown)}")
    values: dict[str, Any] = {
        "first_name": first_name.strip(),
        "last_name": last_name.strip(),
        "gender": gender,
        **extra,
    }
    if identity_number.strip():
        values.update(_identity_values(identity_number, birth_year))
        existing = person_find_by_identity_number(identity_number)
        if existing is not None:
            _record(actor, "person.recognised", existing, existing)
            return existing, False
    elif birth_year is None:
        raise ValidationError(
            {"birth_year": _("Give the birth year when there is no personal identity number.")}
        )
    else:
        values["birth_year"] = birth_year
    person = Person(**values)
    person.full_clean()
    person.save()
    changes = audit.changes_between(
        {}, audit.snapshot(person, PERSON_FIELDS), redact=REDACTED_PERSON_FIELDS
    )
    if person.identity_number:
        changes["identity_number"] = [None, audit.REDACTED]
    _record(actor, "person.created", person, person, changes)
    return person, True


@transaction.atomic
def person_update(
    *, actor: User, person: Person, identity_number: str | None = None, **values: Any
) -> Person:
    """Correct a person's details. A new identity number is validated and re-indexed."""
    unknown = set(values) - set(PERSON_FIELDS)
    if unknown:
        raise TypeError(f"person_update got unknown fields: {sorted(unknown)}")
    before = audit.snapshot(person, PERSON_FIELDS)
    for field, value in values.items():
        setattr(person, field, value.strip() if isinstance(value, str) else value)
    changes: dict[str, Any] = {}
    if identity_number is not None and identity_number.strip():
        new = _identity_values(identity_number, values.get("birth_year", person.birth_year))
        if new["identity_number"] != person.identity_number:
            for field, value in new.items():
                setattr(person, field, value)
            changes["identity_number"] = [audit.REDACTED, audit.REDACTED]
    person.full_clean()
    person.save()
    changes.update(
        audit.changes_between(
            before, audit.snapshot(person, PERSON_FIELDS), redact=REDACTED_PERSON_FIELDS
        )
    )
    if changes:
        _record(actor, "person.updated", person, person, changes)
    return person


@transaction.atomic
def person_reveal_identity_number(*, actor: User, person: Person) -> str:
    """The full identity number, for a user with `identity.reveal`; the reveal is audited."""
    _record(actor, "person.identity_revealed", person, person)
    return identity.pretty(person.identity_number) if person.identity_number else ""


@transaction.atomic
def person_merge(*, actor: User, keep: Person, merge: Person) -> Person:
    """Merge `merge` into `keep`: participants, referrals and consents move to `keep`; `merge`
    stays as a record pointing to `keep`, so both histories are kept. Both sides are audited."""
    if keep.pk == merge.pk:
        raise ValidationError(_("A person cannot be merged with themself."))
    if keep.merged_into_id or merge.merged_into_id:
        raise ValidationError(_("One of the records has already been merged."))
    if keep.identity_index and merge.identity_index and keep.identity_index != merge.identity_index:
        raise ValidationError(
            _("The two records have different personal identity numbers and cannot be merged.")
        )
    moved = {
        "enrollments": merge.enrollments.update(person=keep),
        "referrals": merge.referrals.update(person=keep),
        "consents": merge.consents.update(person=keep),
    }
    if not keep.identity_number and merge.identity_number:
        keep.identity_number, keep.identity_index = merge.identity_number, merge.identity_index
        keep.is_coordination_number = merge.is_coordination_number
        keep.save()
    merge.merged_into = keep
    merge.save(update_fields=["merged_into", "updated_at"])
    _record(
        actor,
        "person.merged_into",
        merge,
        merge,
        {"merged_into": [None, str(keep.public_id)], **{k: [0, v] for k, v in moved.items()}},
    )
    _record(actor, "person.merged_from", keep, keep, {"merged_from": [None, str(merge.public_id)]})
    return keep


# --- Referrals ------------------------------------------------------------------------------


@transaction.atomic
def referral_group_create(
    *, actor: User, project: Project, name: str, municipality_code: str = ""
) -> ReferralGroup:
    group = ReferralGroup(
        project=project, name=name.strip(), municipality_code=municipality_code.strip()
    )
    group.full_clean()
    group.save()
    audit.record(actor=actor, action="referral_group.created", target=group, label=group.name)
    return group


@transaction.atomic
def referral_group_member_add(*, actor: User, group: ReferralGroup, user: User) -> None:
    """Give `user` a seat in the group; they must be referral-group staff of its project."""
    if (
        not staff_rows_in_force(role=Role.REFERRAL_GROUP)
        .filter(project=group.project, user=user)
        .exists()
    ):
        raise ValidationError(
            _("Only people who are referral-group members of the project can sit in the group.")
        )
    if not group.members.filter(pk=user.pk).exists():
        group.members.add(user)
        audit.record(actor=actor, action="referral_group.member_added", target=group, label=group.name,
                     changes={"member": [None, user.username]})  # fmt: skip


@transaction.atomic
def referral_group_member_remove(*, actor: User, group: ReferralGroup, user: User) -> None:
    if group.members.filter(pk=user.pk).exists():
        group.members.remove(user)
        audit.record(actor=actor, action="referral_group.member_removed", target=group, label=group.name,
                     changes={"member": [user.username, None]})  # fmt: skip


@transaction.atomic
def referral_submit(
    *,
    actor: User,
    group: ReferralGroup,
    person: Person,
    referrer_kind: str,
    reason: str,
    own_goal: str,
    motivation: str,
    consent_given: bool,
    received_on: datetime.date | None = None,
    referrer_organisation: Organisation | None = None,
    referrer_name: str = "",
) -> Referral:
    """Send a referral to a referral group. The person must agree to it (consent)."""
    if not consent_given:
        raise ValidationError(
            {"consent_given": _("The person must agree to the referral before it is sent.")}
        )
    referral = Referral(
        group=group,
        person=person,
        referrer_kind=referrer_kind,
        referrer_organisation=referrer_organisation,
        referrer_name=referrer_name.strip(),
        submitted_by=actor,
        received_on=received_on or timezone.localdate(),
        reason=reason.strip(),
        own_goal=own_goal.strip(),
        motivation=motivation.strip(),
        consent_given=True,
    )
    referral.full_clean()
    referral.save()
    _record(
        actor,
        "referral.submitted",
        referral,
        person,
        {"group": [None, group.name], "status": [None, referral.status]},
    )
    return referral


@transaction.atomic
def referral_decide(
    *,
    actor: User,
    referral: Referral,
    decision: str,
    meeting_date: datetime.date,
    reason: str = "",
    minutes_line: str = "",
) -> Referral:
    """Record the referral group's decision (accept, decline with reason, or wait) with the minutes."""
    if decision not in (ReferralStatus.ACCEPTED, ReferralStatus.DECLINED, ReferralStatus.WAITING):
        raise ValidationError({"decision": _("Choose accept, decline or wait.")})
    if referral.status in (
        ReferralStatus.ACCEPTED,
        ReferralStatus.DECLINED,
        ReferralStatus.ENROLLED,
    ):
        raise ValidationError(_("The referral has already been decided."))
    if decision == ReferralStatus.DECLINED and not reason.strip():
        raise ValidationError(
            {"reason": _("Say why the referral is declined; the referrer and the person are told.")}
        )
    meeting, _created = ReferralMeeting.objects.get_or_create(
        group=referral.group, date=meeting_date
    )
    before = referral.status
    referral.status = decision
    referral.meeting = meeting
    referral.decision_reason = reason.strip()
    referral.minutes_line = minutes_line.strip()
    referral.decided_by = actor
    referral.full_clean()
    referral.save()
    _record(actor, "referral.decided", referral, referral.person,
            {"status": [before, decision], "meeting": [None, meeting_date.isoformat()]})  # fmt: skip
    return referral


# --- Enrollment -----------------------------------------------------------------------------


def _next_participant_code(project: Project) -> str:
    count = Enrollment.objects.filter(project=project).count() + 1
    while True:
        code = f"D{count:04d}"
        if not Enrollment.objects.filter(project=project, participant_code=code).exists():
            return code
        count += 1


def _check_coach(project: Project, coach: User | None) -> None:
    if (
        coach is not None
        and not staff_rows_in_force(role=Role.COACH).filter(project=project, user=coach).exists()
    ):
        raise ValidationError(
            {"coach": _("%(user)s is not a coach in this project.") % {"user": coach}}
        )


@transaction.atomic
def enrollment_create(
    *,
    actor: User | None,
    project: Project,
    person: Person,
    method: str,
    start_date: datetime.date,
    status_at_start: str,
    coach: User | None = None,
    referral: Referral | None = None,
    participant_code: str = "",
    **values: Any,
) -> Enrollment:
    """Enroll a person in a project with the method chosen together with them and one coach."""
    unknown = set(values) - set(ENROLLMENT_FIELDS)
    if unknown:
        raise TypeError(f"enrollment_create got unknown fields: {sorted(unknown)}")
    try:
        method = canonical_method(method)
    except ValueError:
        raise ValidationError({"method": _("Choose at least one support method.")}) from None
    _check_coach(project, coach)
    if referral is not None and referral.status != ReferralStatus.ACCEPTED:
        raise ValidationError(_("Only an accepted referral leads to enrollment."))
    if Enrollment.objects.filter(project=project, person=person, end_date__isnull=True).exists():
        raise ValidationError(_("The person already takes part in this project."))
    enrollment = Enrollment(
        project=project,
        person=person,
        method=method,
        start_date=start_date,
        status_at_start=status_at_start,
        coach=coach,
        referral=referral,
        participant_code=participant_code.strip() or _next_participant_code(project),
        referral_date=values.pop("referral_date", None)
        or (referral.received_on if referral else None),
        **values,
    )
    enrollment.full_clean()
    enrollment.save()
    if coach is not None:
        CoachAssignment.objects.create(enrollment=enrollment, coach=coach, start_date=start_date)
    if referral is not None:
        referral.status = ReferralStatus.ENROLLED
        referral.save(update_fields=["status", "updated_at"])
    _record(actor, "participant.enrolled", enrollment, person,
            audit.changes_between({}, audit.snapshot(enrollment, ENROLLMENT_FIELDS)))  # fmt: skip
    return enrollment


@transaction.atomic
def enrollment_update(*, actor: User | None, enrollment: Enrollment, **values: Any) -> Enrollment:
    """Correct the start details of a participant. Coach changes go through enrollment_change_coach."""
    unknown = set(values) - (set(ENROLLMENT_FIELDS) - {"coach"})
    if unknown:
        raise TypeError(f"enrollment_update got unknown fields: {sorted(unknown)}")
    if "method" in values:
        try:
            values["method"] = canonical_method(values["method"])
        except ValueError:
            raise ValidationError({"method": _("Choose at least one support method.")}) from None
    before = audit.snapshot(enrollment, ENROLLMENT_FIELDS)
    for field, value in values.items():
        setattr(enrollment, field, value.strip() if isinstance(value, str) else value)
    enrollment.full_clean()
    changes = audit.changes_between(before, audit.snapshot(enrollment, ENROLLMENT_FIELDS))
    if changes:
        enrollment.save()
        _record(actor, "participant.updated", enrollment, enrollment.person, changes)
    return enrollment


@transaction.atomic
def enrollment_change_coach(
    *, actor: User | None, enrollment: Enrollment, coach: User, on: datetime.date, reason: str
) -> Enrollment:
    """A new coach from `on`, with the reason: the earlier assignment ends the day before."""
    if enrollment.coach_id == coach.pk:
        raise ValidationError({"coach": _("This is already the participant's coach.")})
    if not reason.strip():
        raise ValidationError(
            {"reason": _("Say why the coach changes; continuity with one coach matters.")}
        )
    _check_coach(enrollment.project, coach)
    current = enrollment.coach_assignments.filter(end_date__isnull=True).first()
    if current is not None:
        if on <= current.start_date:
            raise ValidationError({"on": _("The change must be after the current coach started.")})
        current.end_date = on - datetime.timedelta(days=1)
        current.save(update_fields=["end_date", "updated_at"])
    CoachAssignment.objects.create(
        enrollment=enrollment, coach=coach, start_date=on, reason=reason.strip()
    )
    before = enrollment.coach.username if enrollment.coach else None
    enrollment.coach = coach
    enrollment.save(update_fields=["coach", "updated_at"])
    _record(actor, "participant.coach_changed", enrollment, enrollment.person,
            {"coach": [before, coach.username], "reason": [None, reason.strip()]})  # fmt: skip
    return enrollment


@transaction.atomic
def enrollment_exit(
    *,
    actor: User | None,
    enrollment: Enrollment,
    end_date: datetime.date,
    exit_status: str,
    exit_reason: str = "",
    income_source_end: str = "",
    qualification_gained: bool | None = None,
    follow_along: bool = False,
) -> Enrollment:
    """Register the participant out: the situation on leaving, and the 6- and 12-month follow-ups
    become due. Follow-along support may go on after leaving."""
    if enrollment.end_date is not None:
        raise ValidationError(_("The participant has already left."))
    if end_date < enrollment.start_date:
        raise ValidationError({"end_date": _("The end date is before the start date.")})
    enrollment = enrollment_update(
        actor=actor,
        enrollment=enrollment,
        end_date=end_date,
        exit_status=exit_status,
        exit_reason=exit_reason,
        income_source_end=income_source_end,
        qualification_gained=qualification_gained,
        follow_along=follow_along,
    )
    for kind, months in ((FollowUpKind.M6, 6), (FollowUpKind.M12, 12)):
        FollowUp.objects.get_or_create(
            enrollment=enrollment, kind=kind, defaults={"due_on": add_months(end_date, months)}
        )
    current = enrollment.coach_assignments.filter(end_date__isnull=True).first()
    if current is not None and not follow_along:
        current.end_date = end_date
        current.save(update_fields=["end_date", "updated_at"])
    return enrollment


@transaction.atomic
def follow_up_record(
    *, actor: User | None, follow_up: FollowUp, done_on: datetime.date, result: str, note: str = ""
) -> FollowUp:
    """Record a follow-up's result; it fills status_6m / status_12m of the participant."""
    enrollment = follow_up.enrollment
    if follow_up_stopped(enrollment.person, on=done_on):
        raise ValidationError(_("The person has withdrawn the consent to follow-up."))
    follow_up.done_on, follow_up.result, follow_up.note = done_on, result, note.strip()
    follow_up.full_clean()
    follow_up.save()
    field = "status_6m" if follow_up.kind == FollowUpKind.M6 else "status_12m"
    enrollment_update(actor=actor, enrollment=enrollment, **{field: result})
    _record(actor, "participant.follow_up_recorded", enrollment, enrollment.person,
            {follow_up.kind: [None, result]})  # fmt: skip
    return follow_up


# --- Consent --------------------------------------------------------------------------------


def _has_consent(
    person: Person, purpose: str, day: datetime.date, partner: Organisation | None = None
) -> bool:
    consents = person.consents.filter(purpose=purpose)
    if partner is not None:
        consents = consents.filter(partner=partner)
    return any(c.is_valid_on(day) for c in consents)


def has_consent(
    person: Person, purpose: str, *, on: datetime.date, partner: Organisation | None = None
) -> bool:
    """Whether a consent for `purpose` (and `partner`) is in force on `on`."""
    return _has_consent(person, purpose, on, partner)


def check_processing_allowed(person: Person) -> None:
    """Refuse new processing of a person who withdrew their consent to it (privacy app)."""
    if person.processing_stopped_on is not None:
        raise ValidationError(
            _(
                "The person withdrew their consent to processing on %(day)s. Nothing new may be "
                "recorded about them or sent to them."
            )
            % {"day": person.processing_stopped_on.isoformat()}
        )


@transaction.atomic
def consent_record(
    *,
    actor: User | None,
    person: Person,
    purpose: str,
    given_on: datetime.date,
    given_by: str = "PERSON",
    enrollment: Enrollment | None = None,
    partner: Organisation | None = None,
    valid_until: datetime.date | None = None,
) -> Consent:
    if purpose == ConsentPurpose.SHARING and partner is None:
        raise ValidationError({"partner": _("Name the partner the person agrees to share with.")})
    if valid_until and valid_until < given_on:
        raise ValidationError({"valid_until": _("The consent cannot end before it is given.")})
    consent = Consent(
        person=person, enrollment=enrollment, purpose=purpose, partner=partner, given_on=given_on,
        given_by=given_by, valid_until=valid_until, recorded_by=actor,
    )  # fmt: skip
    consent.full_clean()
    consent.save()
    _record(actor, "consent.given", consent, person,
            {"purpose": [None, purpose], "partner": [None, partner.name if partner else None]})  # fmt: skip
    return consent


@transaction.atomic
def consent_withdraw(*, actor: User | None, consent: Consent, on: datetime.date) -> Consent:
    """Withdrawing a consent stops what depends on it from that day (sharing, contact, follow-up)."""
    if consent.withdrawn_on is not None:
        raise ValidationError(_("The consent has already been withdrawn."))
    if on < consent.given_on:
        raise ValidationError({"on": _("A consent cannot be withdrawn before it was given.")})
    consent.withdrawn_on = on
    consent.save(update_fields=["withdrawn_on", "updated_at"])
    _record(
        actor,
        "consent.withdrawn",
        consent,
        consent.person,
        {"withdrawn_on": [None, on.isoformat()]},
    )
    return consent


# --- The time line --------------------------------------------------------------------------


def _check_after_leaving(enrollment: Enrollment, day: datetime.date) -> None:
    """After leaving, contact needs follow-along support or a consent to contact after leaving."""
    if enrollment.end_date is None or day <= enrollment.end_date:
        return
    if enrollment.follow_along:
        return
    if not _has_consent(enrollment.person, ConsentPurpose.CONTACT_AFTER, day):
        raise ValidationError(
            _(
                "The participant has left and has no follow-along support or consent to contact after leaving."
            )
        )


def _create(
    actor: User | None, enrollment: Enrollment, obj: Any, action: str, fields: tuple[str, ...]
) -> Any:
    obj.full_clean()
    obj.save()
    _record(
        actor,
        action,
        enrollment,
        enrollment.person,
        audit.changes_between({}, audit.snapshot(obj, fields)),
    )
    return obj


@transaction.atomic
def contact_add(*, actor: User, enrollment: Enrollment, kind: str, date: datetime.date, minutes: int | None = None,
                with_whom: str = "", summary: str = "") -> Contact:  # fmt: skip
    """A meeting or contact with the participant (or about them, with a network)."""
    check_processing_allowed(enrollment.person)
    _check_after_leaving(enrollment, date)
    contact = Contact(enrollment=enrollment, kind=kind, date=date, minutes=minutes, with_whom=with_whom.strip(),
                      summary=summary.strip(), recorded_by=actor)  # fmt: skip
    return _create(
        actor,
        enrollment,
        contact,
        "participant.contact_added",
        ("kind", "date", "minutes", "with_whom"),
    )


@transaction.atomic
def intervention_add(*, actor: User | None, enrollment: Enrollment, kind: str, start_date: datetime.date,
                     provider: Organisation | None = None, description: str = "",
                     end_date: datetime.date | None = None) -> Intervention:  # fmt: skip
    """A parallel intervention from a partner (work practice, rehabilitation, studies, treatment)."""
    if end_date and end_date < start_date:
        raise ValidationError({"end_date": _("The end date is before the start date.")})
    intervention = Intervention(enrollment=enrollment, kind=kind, provider=provider, description=description.strip(),
                                start_date=start_date, end_date=end_date)  # fmt: skip
    return _create(actor, enrollment, intervention, "participant.intervention_added",
                   ("kind", "provider", "start_date", "end_date"))  # fmt: skip


@transaction.atomic
def step_record(
    *, actor: User | None, enrollment: Enrollment, step: str, date: datetime.date, note: str = ""
) -> StepReached:
    """A step of the method reached (SE's five stages, SEd's choose–get–keep, Boston's)."""
    reached = StepReached(enrollment=enrollment, step=step, date=date, note=note.strip())
    return _create(actor, enrollment, reached, "participant.step_reached", ("step", "date"))


@transaction.atomic
def goal_add(
    *, actor: User | None, enrollment: Enrollment, text: str, set_on: datetime.date
) -> Goal:
    goal = Goal(enrollment=enrollment, text=text.strip(), set_on=set_on)
    return _create(actor, enrollment, goal, "participant.goal_set", ("set_on",))


@transaction.atomic
def goal_reach(*, actor: User | None, goal: Goal, on: datetime.date) -> Goal:
    if on < goal.set_on:
        raise ValidationError({"on": _("A goal cannot be reached before it was set.")})
    goal.reached_on = on
    goal.save(update_fields=["reached_on", "updated_at"])
    _record(
        actor,
        "participant.goal_reached",
        goal.enrollment,
        goal.enrollment.person,
        {"reached_on": [None, on.isoformat()]},
    )
    return goal


EMPLOYMENT_FIELDS = ("kind", "employer", "employer_org_number", "start_date", "end_date", "hours_per_week",
                     "competitive", "subsidy", "occupation")  # fmt: skip


@transaction.atomic
def employment_add(*, actor: User | None, enrollment: Enrollment, **values: Any) -> Employment:
    """A job or a study place. A job says whether it is competitive (the IPS definition)."""
    unknown = set(values) - set(EMPLOYMENT_FIELDS)
    if unknown:
        raise TypeError(f"employment_add got unknown fields: {sorted(unknown)}")
    if values.get("kind") == "JOB" and values.get("competitive") is None:
        raise ValidationError({"competitive": _("Say whether the job is competitive.")})
    if values.get("employer_org_number"):
        from stegvis.core.validators import normalise_org_number

        try:
            values["employer_org_number"] = normalise_org_number(values["employer_org_number"])
        except ValidationError as exc:
            raise ValidationError({"employer_org_number": exc.messages}) from None
    employment = Employment(enrollment=enrollment, **values)
    return _create(actor, enrollment, employment, "participant.employment_added", EMPLOYMENT_FIELDS)


@transaction.atomic
def employment_end(
    *, actor: User | None, employment: Employment, end_date: datetime.date, end_reason: str = ""
) -> Employment:
    """The last day of a job or study place, and why it ended (IPS: job endings are part of the
    process, and the coach helps toward the next job)."""
    if end_date < employment.start_date:
        raise ValidationError({"end_date": _("The last day is before the first day.")})
    before = audit.snapshot(employment, ("end_date", "end_reason"))
    employment.end_date, employment.end_reason = end_date, end_reason
    employment.full_clean()
    employment.save(update_fields=["end_date", "end_reason", "updated_at"])
    _record(actor, "participant.employment_ended", employment.enrollment, employment.enrollment.person,
            audit.changes_between(before, audit.snapshot(employment, ("end_date", "end_reason"))))  # fmt: skip
    return employment


@transaction.atomic
def note_add(
    *, actor: User, enrollment: Enrollment, text: str, date: datetime.date | None = None
) -> Note:
    """A journal note. Its text can later be corrected, never overwritten."""
    if not text.strip():
        raise ValidationError({"text": _("Write the note.")})
    note = Note.objects.create(
        enrollment=enrollment, written_by=actor, date=date or timezone.localdate()
    )
    NoteVersion.objects.create(
        note=note, text=text.strip(), written_by=actor, written_at=timezone.now()
    )
    _record(
        actor, "participant.note_added", enrollment, enrollment.person, {"note": [None, note.pk]}
    )
    return note


@transaction.atomic
def note_correct(*, actor: User, note: Note, text: str, reason: str) -> Note:
    """Correct a note: the new text is a new version; the earlier text stays readable."""
    if not text.strip():
        raise ValidationError({"text": _("Write the corrected text.")})
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the note is corrected.")})
    NoteVersion.objects.create(
        note=note,
        text=text.strip(),
        written_by=actor,
        written_at=timezone.now(),
        correction_reason=reason.strip(),
    )
    _record(actor, "participant.note_corrected", note.enrollment, note.enrollment.person,
            {"note": [note.pk, note.pk], "reason": [None, reason.strip()]})  # fmt: skip
    return note
