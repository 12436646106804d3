"""Import and export of the exchange format (shared/spec/exchange-format.md).

An import is all or nothing: every row of every file is checked first (checking.py); only when
no row has a problem is anything written, in one transaction. New people, participants, coach
assignments and jobs are written with bulk_create, and their audit events (the same fields and
actions that participants.services writes one by one) with one bulk_create too, so that a project
of a few thousand participants imports in seconds. Changes to what Stegvis already holds go
through participants.services where a row needs a workflow (person_update for a person's details
or personnummer, enrollment_change_coach for a new coach); changed participant and job fields are
written with bulk_update and audited with the same action and old/new values as enrollment_update.
Assessments are written in bulk too, by assessments.services.assessment_import (which audits
them as assessment_record does); profiles and openings, which are few, one by one through the
employers app's services. Importing the same files again changes nothing and writes no event.
"""

from __future__ import annotations

import contextlib
import csv
import datetime
import io
import os
import tempfile
import zipfile
from collections.abc import Callable, Iterator, Sequence
from decimal import Decimal
from functools import partial
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from stegvis.accounts import services as account_services
from stegvis.accounts.models import User
from stegvis.core import audit
from stegvis.core.models import AuditEvent
from stegvis.core.permissions import Role
from stegvis.core.spreadsheets import formula_safe
from stegvis.exchange import (
    assessment_files,
    checking,
    employer_files,
    formats,
    pseudonyms,
    selectors,
    uploads,
)
from stegvis.exchange.checking import (
    CREATED,
    UNCHANGED,
    UPDATED,
    EmploymentRow,
    ParticipantRow,
    Plan,
)
from stegvis.exchange.models import ImportJob
from stegvis.exchange.progress import JobProgress
from stegvis.exchange.reading import Problem, Source
from stegvis.participants import identity
from stegvis.participants import services as participant_services
from stegvis.participants.models import CoachAssignment, Employment, Enrollment, Person
from stegvis.projects import services as project_services
from stegvis.projects.models import Project

BULK_BATCH = 500


class ImportRefusedError(Exception):
    """Some rows cannot be imported; nothing was written. `problems` names every one."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(f"{len(problems)} problem(s)")
        self.problems = problems


def exchange_check(
    *, sources: Sequence[Source], create_coaches: bool = False, only_project: Project | None = None
) -> Plan:
    """Check files without writing anything: the problems, or what an import would do."""
    return checking.check(sources, create_coaches=create_coaches, only_project=only_project)


@transaction.atomic
def exchange_import(
    *,
    actor: User | None,
    sources: Sequence[Source],
    create_coaches: bool = False,
    only_project: Project | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> dict[str, dict[str, int]]:
    """Import participants.csv, employments.csv, assessments.csv, profiles.csv and openings.csv
    files, all or nothing.

    Returns the counts `{"participants": {"created", "updated", "unchanged"}, "employments": …,
    "assessments": …, "profiles": …, "openings": …}`. Raises ImportRefusedError, writing nothing, when any row has a problem. With
    `create_coaches`, coaches named in the files who have no account get an inactive one. With
    `only_project`, every row must be for that project. Callers have checked that `actor` may
    import (an operator on the server, or the project's manager on the upload page). Every change
    is audited; a run that changes something also writes one `exchange.imported` event.

    `progress(done, total)` is called as the rows are written, every BULK_BATCH rows or so, with
    the number of rows (of every file) written or found unchanged so far and the number in all;
    inside this function's transaction, so the caller publishes it elsewhere (progress.py).
    """
    plan = checking.check(sources, create_coaches=create_coaches, only_project=only_project)
    if plan.problems:
        raise ImportRefusedError(plan.problems)
    if plan.changes_anything:
        _Writer(actor, plan, progress).write()
        audit.record(
            actor=actor,
            action="exchange.imported",
            target=only_project,
            label=only_project.diarienummer if only_project else "",
            changes={kind: [None, counts] for kind, counts in plan.counts.items()},
        )
    return plan.counts


def _chunks(rows: list[Any]) -> Iterator[list[Any]]:
    for start in range(0, len(rows), BULK_BATCH):
        yield rows[start : start + BULK_BATCH]


class _Writer:
    def __init__(
        self, actor: User | None, plan: Plan, progress: Callable[[int, int], None] | None = None
    ) -> None:
        self.actor = actor if getattr(actor, "is_authenticated", False) else None
        self.plan = plan
        self.users = dict(plan.users)
        self.events: list[AuditEvent] = []
        self.context = audit.current_request_context()
        self.today = timezone.localdate()
        self.new_people: dict[str, Person] = {}
        self.progress = progress
        self.done = 0
        self.total = plan.rows

    def write(self) -> None:
        """Writes the rows a chunk of BULK_BATCH at a time (each chunk's rows with bulk_create or
        bulk_update, then their audit events), so that the caller hears how far it has come."""
        participants, jobs = self.plan.participants, self.plan.employments
        self._create_coaches()
        self._update_people()
        self._written(sum(1 for row in (*participants, *jobs) if row.outcome == UNCHANGED))
        for chunk in _chunks([row for row in participants if row.outcome == CREATED]):
            self._create_people(chunk)
            self._create_participants(chunk)
            self._written(len(chunk))
        for chunk in _chunks([row for row in participants if row.outcome == UPDATED]):
            self._update_participants(chunk)
            self._written(len(chunk))
        for chunk in _chunks([job for job in jobs if job.outcome != UNCHANGED]):
            self._write_employments(chunk)
            self._written(len(chunk))
        # Assessments in bulk through the assessments app's service, profiles and openings through
        # the employers app's services (they audit each row).
        for rows, write in (
            (self.plan.assessments, assessment_files.write_assessments),
            (self.plan.profiles, employer_files.write_profiles),
            (self.plan.openings, employer_files.write_openings),
        ):
            if not rows:
                continue
            self._written(sum(1 for row in rows if row.outcome == UNCHANGED))
            for chunk in _chunks([row for row in rows if row.outcome != UNCHANGED]):
                write(self.actor, chunk)
                self._written(len(chunk))

    def _written(self, rows: int) -> None:
        """Writes the audit events gathered so far, and counts `rows` more rows done."""
        AuditEvent.objects.bulk_create(self.events, batch_size=BULK_BATCH)
        self.events = []
        self.done += rows
        if self.progress is not None:
            self.progress(self.done, self.total)

    def _event(
        self,
        action: str,
        target: models.Model,
        person: Person,
        changes: dict[str, Any] | None = None,
    ) -> None:
        """An audit event as core.audit.record writes it (participants.services' label and key)."""
        self.events.append(
            AuditEvent(
                actor=self.actor,
                actor_label=self.actor.get_username() if self.actor else "",
                action=action,
                content_type=ContentType.objects.get_for_model(target),
                object_id=str(target.pk),
                object_label=str(target.pk),
                person_key=person.public_id,
                changes=changes or {},
                ip_address=self.context.ip_address,
                request_id=self.context.request_id,
            )
        )

    def _create_coaches(self) -> None:
        """An inactive account for each coach the files name who has none, with the COACH role in
        the project owner's organisation and a coach's place in the project. An administrator
        activates it (the person then sets a password through the reset e-mail)."""
        for username, projects in self.plan.coaches_to_create.items():
            user = account_services.user_create(
                actor=self.actor, username=username, first_name="", last_name=""
            )
            for owner in {project.owner_id: project.owner for project in projects}.values():
                account_services.membership_add(
                    actor=self.actor, user=user, organisation=owner, role=Role.COACH
                )
            for project in projects:
                project_services.project_staff_add(
                    actor=self.actor, project=project, user=user, role=Role.COACH
                )
            # accounts.services.user_update needs an acting user, and an import run by the system has none.
            User.objects.filter(pk=user.pk).update(is_active=False)
            user.is_active = False
            audit.record(
                actor=self.actor,
                action="user.updated",
                target=user,
                label=user.username,
                changes={"is_active": [True, False]},
            )
            self.users[username] = user

    def _update_people(self) -> None:
        identity_numbers = {
            row.person.pk: row.number.digits
            for row in self.plan.participants
            if row.add_identity and row.person is not None and row.number is not None
        }
        people = {pk: person for pk, (person, _changes) in self.plan.person_updates.items()}
        people.update(
            {
                row.person.pk: row.person
                for row in self.plan.participants
                if row.add_identity and row.person
            }
        )
        for pk, person in people.items():
            changes = self.plan.person_updates.get(pk, (person, {}))[1]
            participant_services.person_update(
                actor=self.actor, person=person, identity_number=identity_numbers.get(pk), **changes
            )  # type: ignore[arg-type]

    def _create_people(self, rows: list[ParticipantRow]) -> None:
        """The new people of these new participants, one per personnummer (or per row without
        one) in the whole run: a person of an earlier chunk is not created again."""
        new: dict[str, Person] = {}
        for row in rows:
            if row.person is not None or row.person_key in new or row.person_key in self.new_people:
                continue
            values: dict[str, Any] = {"gender": row.gender, "birth_year": row.birth_year}
            if row.number is not None:
                values.update(
                    identity_number=row.number.digits,
                    identity_index=row.index,
                    is_coordination_number=row.number.is_coordination_number,
                )
            new[row.person_key] = Person(**values)
        Person.objects.bulk_create(new.values(), batch_size=BULK_BATCH)
        for person in new.values():
            changes = audit.changes_between(
                {},
                audit.snapshot(person, participant_services.PERSON_FIELDS),
                redact=participant_services.REDACTED_PERSON_FIELDS,
            )
            if person.identity_index:
                changes["identity_number"] = [None, audit.REDACTED]
            self._event("person.created", person, person, changes)
        self.new_people.update(new)

    def _create_participants(self, rows: list[ParticipantRow]) -> None:
        for row in rows:
            person = row.person or self.new_people[row.person_key]
            if row.person is not None:
                self._event("person.recognised", person, person)
            row.enrollment = Enrollment(
                project=row.project,
                person=person,
                participant_code=row.code,
                coach=self.users.get(row.coach_name) if row.coach_name else None,
                **row.values,
            )
        enrollments = [row.enrollment for row in rows]
        Enrollment.objects.bulk_create(enrollments, batch_size=BULK_BATCH)  # type: ignore[arg-type]
        # The coach history starts with the enrollment, as in enrollment_create; it ends when the
        # participant has left, as in enrollment_exit.
        CoachAssignment.objects.bulk_create(
            [
                CoachAssignment(
                    enrollment=e, coach=e.coach, start_date=e.start_date, end_date=e.end_date
                )
                for e in enrollments
                if e is not None and e.coach is not None
            ],
            batch_size=BULK_BATCH,
        )
        for enrollment in enrollments:
            assert enrollment is not None
            changes = audit.changes_between(
                {}, audit.snapshot(enrollment, participant_services.ENROLLMENT_FIELDS)
            )
            self._event("participant.enrolled", enrollment, enrollment.person, changes)

    def _update_participants(self, rows: list[ParticipantRow]) -> None:
        """Changed participants, written with one bulk_update and audited as enrollment_update
        audits them (participant.updated, old and new values). The rows were checked as
        enrollment_update's full_clean would check them; calling it per row takes minutes for a
        few thousand rows, because full_clean asks the database about every constraint."""
        now = timezone.now()
        changed: list[Enrollment] = []
        fields: set[str] = set()
        left: list[Enrollment] = []
        for row in rows:
            enrollment = row.enrollment
            assert enrollment is not None
            if row.coach_changes:
                self._change_coach(row, enrollment)
            if not row.changes:
                continue
            before = audit.snapshot(enrollment, participant_services.ENROLLMENT_FIELDS)
            for name, value in row.changes.items():
                setattr(enrollment, name, value)
            enrollment.updated_at = now
            fields.update(row.changes)
            changed.append(enrollment)
            changes = audit.changes_between(
                before, audit.snapshot(enrollment, participant_services.ENROLLMENT_FIELDS)
            )
            self._event("participant.updated", enrollment, enrollment.person, changes)
            if row.changes.get("end_date"):
                left.append(enrollment)
        if changed:
            Enrollment.objects.bulk_update(
                changed, [*sorted(fields), "updated_at"], batch_size=BULK_BATCH
            )
        for enrollment in left:
            # The participant has left: the coach assignment ends with it (as in enrollment_exit).
            CoachAssignment.objects.filter(
                enrollment=enrollment, end_date__isnull=True, start_date__lte=enrollment.end_date
            ).update(end_date=enrollment.end_date, updated_at=now)

    def _change_coach(self, row: ParticipantRow, enrollment: Enrollment) -> None:
        current = enrollment.coach_assignments.filter(end_date__isnull=True).first()
        on = self.today
        if current is not None and current.start_date >= on:
            on = current.start_date + datetime.timedelta(days=1)
        participant_services.enrollment_change_coach(
            actor=self.actor,
            enrollment=enrollment,
            coach=self.users[row.coach_name],
            on=on,
            reason=_("Changed by import"),
        )

    def _write_employments(self, jobs: list[EmploymentRow]) -> None:
        """New jobs with one bulk_create, changed ones with one bulk_update; each audited on the
        participant (participant.employment_added as employment_add writes it, and
        participant.employment_updated: participants.services has no service that corrects a job)."""
        now = timezone.now()
        new: list[Employment] = []
        changed: list[Employment] = []
        fields: set[str] = set()
        for job in jobs:
            enrollment = job.enrollment or (job.participant.enrollment if job.participant else None)
            assert enrollment is not None
            if job.outcome == CREATED:
                new.append(Employment(enrollment=enrollment, **job.values))
            elif job.outcome == UPDATED:
                employment = job.employment
                assert employment is not None
                before = audit.snapshot(employment, participant_services.EMPLOYMENT_FIELDS)
                for name, value in job.changes.items():
                    setattr(employment, name, value)
                employment.updated_at = now
                fields.update(job.changes)
                changed.append(employment)
                changes = audit.changes_between(
                    before, audit.snapshot(employment, participant_services.EMPLOYMENT_FIELDS)
                )
                self._event(
                    "participant.employment_updated", enrollment, enrollment.person, changes
                )
        Employment.objects.bulk_create(new, batch_size=BULK_BATCH)
        if changed:
            Employment.objects.bulk_update(
                changed, [*sorted(fields), "updated_at"], batch_size=BULK_BATCH
            )
        for employment in new:
            changes = audit.changes_between(
                {}, audit.snapshot(employment, participant_services.EMPLOYMENT_FIELDS)
            )
            self._event(
                "participant.employment_added",
                employment.enrollment,
                employment.enrollment.person,
                changes,
            )


# --- Import jobs: large imports, run by the background worker --------------------------------


@transaction.atomic
def import_job_start(*, actor: User, project: Project, token: str, rows: int) -> ImportJob:
    """Queue the import of a checked upload into `project`, for the background worker.

    `token` names the kept files (uploads.upload_keep), which the job takes over; `rows` is how
    many rows the check found in them. The caller has checked that `actor` may import into
    `project` (access.access_import_project). The page's language goes with the job, so that its
    problems are written in it, and so do the request's address and id, so that the import's
    audit events name the request that confirmed it. Audited as `exchange.import_started`; the
    task is queued once the job is committed.
    """
    context = audit.current_request_context()
    job = ImportJob(
        project=project,
        started_by=actor,
        upload_token=token,
        rows_total=rows,
        language=translation.get_language() or settings.LANGUAGE_CODE,
        request_id=context.request_id,
        ip_address=context.ip_address,
    )
    job.full_clean()
    job.save()
    audit.record(
        actor=actor,
        action="exchange.import_started",
        target=job,
        label=project.diarienummer,
        changes={"rows": [None, rows]},
    )
    transaction.on_commit(partial(_import_job_enqueue, job))
    return job


def _import_job_enqueue(job: ImportJob) -> None:
    from stegvis.exchange.tasks import import_job_run  # tasks.py calls into this module

    result = import_job_run.enqueue(str(job.public_id))
    ImportJob.objects.filter(pk=job.pk).update(task_id=result.id)


def import_job_run(*, job_id: str) -> str:
    """Run a queued import job: the background worker's way in (tasks.import_job_run).

    Runs as the user who started the job, in the language and with the client address and request
    id of the confirmation, and only while that user may still import into the project; otherwise
    nothing is written and the job fails, saying why. The import itself is exchange_import, one
    transaction, all or nothing. Around it the job's status is committed in short transactions of
    its own, before and after, and the progress is published outside it (progress.JobProgress), so
    that the job page can follow. The kept files are removed whatever the outcome. An unexpected
    error fails the job too and is raised again, so that the queue keeps its traceback for the
    operator. Returns the job's status; a job that is not waiting to start is left as it is.
    """
    now = timezone.now()
    claimed = ImportJob.objects.filter(public_id=job_id, status=ImportJob.Status.QUEUED).update(
        status=ImportJob.Status.RUNNING, started_at=now, updated_at=now
    )
    job = ImportJob.objects.select_related("project", "started_by").get(public_id=job_id)
    if not claimed:
        return job.status
    token = job.upload_token
    try:
        with translation.override(job.language), _as_confirmed(job):
            try:
                counts = _import_job_import(job)
            except ImportRefusedError as exc:
                return _import_job_finish(job, ImportJob.Status.FAILED, problems=exc.problems)
            except BaseException:
                problem = _job_problem(
                    _(
                        "Something went wrong, and nothing has been imported. Try again later, and "
                        "ask your system administrator if it happens again."
                    )
                )
                _import_job_finish(job, ImportJob.Status.FAILED, problems=[problem])
                raise
            return _import_job_finish(job, ImportJob.Status.DONE, counts=counts)
    finally:
        uploads.upload_discard(token)


def _import_job_import(job: ImportJob) -> dict[str, dict[str, int]]:
    sources = uploads.upload_load(job.upload_token)
    if sources is None:
        raise ImportRefusedError(
            [
                _job_problem(
                    _("The files were removed before the import started. Upload them again.")
                )
            ]
        )
    if job.project_id not in {p.pk for p in selectors.projects_for_import(job.started_by)}:
        # The same rule as the import page's (access.access_import_project), asked again now.
        raise ImportRefusedError(
            [
                _job_problem(
                    _("%(user)s may no longer import into this project.")
                    % {"user": job.started_by.get_username()}
                )
            ]
        )
    return exchange_import(
        actor=job.started_by,
        sources=sources,
        only_project=job.project,
        progress=JobProgress(job),
    )


def _job_problem(reason: str) -> Problem:
    """A problem with the job as a whole rather than with a file."""
    return Problem(file="", row=None, column="", value="", reason=reason)


@contextlib.contextmanager
def _as_confirmed(job: ImportJob) -> Iterator[None]:
    """The audit context of the request that confirmed the job, for the import's events."""
    token = audit.set_request_context(
        audit.RequestContext(ip_address=job.ip_address, request_id=job.request_id)
    )
    try:
        yield
    finally:
        audit.reset_request_context(token)


def _import_job_finish(
    job: ImportJob,
    status: str,
    *,
    counts: dict[str, dict[str, int]] | None = None,
    problems: Sequence[Problem] = (),
) -> str:
    """Record how the job ended, on its own once the import's transaction is over."""
    job.status = status
    job.finished_at = timezone.now()
    job.summary = counts or {}
    job.problems = [problem.as_json() for problem in problems]
    job.upload_token = ""
    if counts:
        job.rows_total = job.rows_done = sum(
            n for outcome in counts.values() for n in outcome.values()
        )
    else:
        job.rows_done = 0  # nothing was imported
    job.save(
        update_fields=[
            "status",
            "finished_at",
            "summary",
            "problems",
            "upload_token",
            "rows_total",
            "rows_done",
            "updated_at",
        ]
    )
    return status


# --- Export ---------------------------------------------------------------------------------


def _yes_no(value: bool | None) -> str:
    return "" if value is None else ("YES" if value else "NO")


def _date(value: datetime.date | None) -> str:
    return value.isoformat() if value else ""


def _hours(value: Decimal | None) -> str:
    return "" if value is None else f"{value.normalize():f}"


def _participant_cells(enrollment: Enrollment) -> dict[str, str]:
    person = enrollment.person
    return {
        "participant_id": enrollment.participant_code,
        "project": enrollment.project.diarienummer,
        "personnummer": identity.pretty(person.identity_number) if person.identity_number else "",
        "gender": person.gender.upper(),
        "birth_year": str(person.birth_year),
        "municipality": enrollment.municipality_code,
        "method": enrollment.method.upper(),
        "group": enrollment.comparison_group,
        "coach": enrollment.coach.username if enrollment.coach else "",
        "referral_date": _date(enrollment.referral_date),
        "start_date": _date(enrollment.start_date),
        "end_date": _date(enrollment.end_date),
        "status_at_start": enrollment.status_at_start.upper(),
        "education": enrollment.education.upper(),
        "disability": enrollment.disability.upper(),
        "income_source_start": enrollment.income_source_start.upper(),
        "income_source_end": enrollment.income_source_end.upper(),
        "support_months_before": ""
        if enrollment.support_months_before is None
        else str(enrollment.support_months_before),
        "exit_status": enrollment.exit_status.upper(),
        "qualification_gained": _yes_no(enrollment.qualification_gained),
        "status_6m": enrollment.status_6m.upper(),
    }


def _employment_cells(employment: Employment) -> dict[str, str]:
    enrollment = employment.enrollment
    return {
        "participant_id": enrollment.participant_code,
        "project": enrollment.project.diarienummer,
        "kind": employment.kind.upper(),
        "employer": employment.employer,
        "employer_org_number": employment.employer_org_number,
        "start_date": _date(employment.start_date),
        "end_date": _date(employment.end_date),
        "hours_per_week": _hours(employment.hours_per_week),
        "competitive": _yes_no(employment.competitive),
        "subsidy": employment.subsidy.upper(),
        "occupation": employment.occupation,
    }


def _write_csv(path: Path, columns: Sequence[str], rows: Any) -> int:
    # The files hold personnummer: readable by the operator's account only.
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    count = 0
    with open(descriptor, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(columns))
        writer.writeheader()
        for row in rows:
            # Formula-like text is written with a leading ' (the reader takes it off again).
            writer.writerow({key: formula_safe(value) for key, value in row.items()})
            count += 1
    return count


@transaction.atomic
def exchange_export(
    *,
    actor: User | None,
    directory: Path,
    project: Project | None = None,
    pseudonym_key: str = "",
) -> dict[str, int]:
    """Write participants.csv, employments.csv, assessments.csv (submitted assessments only),
    profiles.csv and openings.csv for one project, or for all, into `directory`.

    The files hold full personnummer: this is an operator's command on the server, or the API's
    export for a project's managers. With `pseudonym_key`, the pseudonymised variant for
    evaluators (pseudonyms.py: no names, personnummer or coaches, a stable pseudonym per person
    and key). The export is audited (`exchange.exported`, with the number of people and the key
    of a pseudonymised one). Returns the counts.
    """
    if pseudonym_key and not pseudonyms.valid_key(pseudonym_key):
        raise ValueError(f"The export key must be {pseudonyms.KEY_RULE}.")
    directory.mkdir(parents=True, exist_ok=True)
    enrollments = Enrollment.objects.select_related("project", "person", "coach").order_by(
        "project__diarienummer", "participant_code"
    )
    employments = Employment.objects.select_related("enrollment__project").order_by(
        "enrollment__project__diarienummer",
        "enrollment__participant_code",
        "start_date",
        "kind",
        "employer",
    )
    if project is not None:
        enrollments = enrollments.filter(project=project)
        employments = employments.filter(enrollment__project=project)
    people: set[int] = set()
    # (project, participant_id) -> the person's key, for the pseudonyms of every file.
    person_keys: dict[tuple[str, str], str] = {}

    def participant_rows() -> Any:
        for enrollment in enrollments.iterator(chunk_size=2000):
            people.add(enrollment.person_id)
            cells = _participant_cells(enrollment)
            if pseudonym_key:
                person_keys[cells["project"], cells["participant_id"]] = str(
                    enrollment.person.public_id
                )
            yield cells

    def rows(format_: formats.FileFormat, found: Any) -> Any:
        if not pseudonym_key:
            return found
        return pseudonyms.pseudonymise(
            found, filename=format_.filename, key=pseudonym_key, people=person_keys
        )

    counts = {
        "participants": _write_csv(
            directory / formats.PARTICIPANTS_FORMAT.filename,
            formats.PARTICIPANTS_FORMAT.columns,
            rows(formats.PARTICIPANTS_FORMAT, participant_rows()),
        ),
        "employments": _write_csv(
            directory / formats.EMPLOYMENTS_FORMAT.filename,
            formats.EMPLOYMENTS_FORMAT.columns,
            rows(
                formats.EMPLOYMENTS_FORMAT,
                (_employment_cells(e) for e in employments.iterator(chunk_size=2000)),
            ),
        ),
    }
    counts["assessments"] = _write_csv(
        directory / formats.ASSESSMENTS_FORMAT.filename,
        assessment_files.export_columns(project),
        rows(formats.ASSESSMENTS_FORMAT, assessment_files.assessment_rows(project)),
    )
    counts["profiles"] = _write_csv(
        directory / formats.PROFILES_FORMAT.filename,
        formats.PROFILES_FORMAT.columns,
        rows(
            formats.PROFILES_FORMAT,
            (employer_files.profile_cells(p) for p in employer_files.profiles_for_export(project)),
        ),
    )
    counts["openings"] = _write_csv(
        directory / formats.OPENINGS_FORMAT.filename,
        formats.OPENINGS_FORMAT.columns,
        rows(
            formats.OPENINGS_FORMAT,
            (employer_files.opening_cells(o) for o in employer_files.openings_for_export(project)),
        ),
    )
    counts["people"] = len(people)
    changes: dict[str, Any] = {name: [None, count] for name, count in counts.items()}
    if pseudonym_key:
        changes["pseudonym_key"] = [None, pseudonym_key]
    audit.record(
        actor=actor,
        action="exchange.exported",
        target=project,
        label=project.diarienummer if project else "",
        changes=changes,
    )
    return counts


def exchange_export_zip(
    *, actor: User | None, project: Project, pseudonym_key: str = ""
) -> tuple[bytes, dict[str, int]]:
    """exchange_export of one project as a zip archive in memory (the API's export), with its
    counts. Audited as exchange_export is."""
    with tempfile.TemporaryDirectory(prefix="stegvis-export-") as folder:
        directory = Path(folder)
        counts = exchange_export(
            actor=actor, directory=directory, project=project, pseudonym_key=pseudonym_key
        )
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            for path in sorted(directory.iterdir()):
                archive.write(path, arcname=path.name)
    return buffer.getvalue(), counts
