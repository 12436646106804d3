"""Every write of the participants' surveys.

Staff writes (surveys, questions, invitations, sending) are audited in the transaction of the
change. The participant's answer (`response_submit`) is deliberately *not* written to the audit
trail: an event has a time and a request id, and a time next to "this person's link was used"
would tie the answer to the person. The invitation records only that it was used.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from stegvis.accounts.models import User
from stegvis.assessments import sending
from stegvis.core import audit
from stegvis.participants.models import Enrollment
from stegvis.projects.models import Project
from stegvis.surveys import tokens
from stegvis.surveys.models import (
    SCALE_MAX,
    SCALE_MIN,
    Answer,
    Invitation,
    Question,
    QuestionKind,
    Response,
    Survey,
    SurveyStatus,
)

LINK_DAYS = 30
TEXT_MAX = 2000


def _record(actor: User | None, action: str, target: Any, label: str, changes: dict | None = None,
            person_key: Any = None) -> None:  # fmt: skip
    audit.record(actor=actor, action=action, target=target, label=label, changes=changes,
                 person_key=person_key)  # fmt: skip


def standard_questions() -> list[dict[str, str]]:
    """The questions a new survey starts with (the project may remove or add questions)."""
    return [
        {"kind": QuestionKind.SCALE, "text": _("How were you met by the staff?"),
         "scale_low": _("Very badly"), "scale_high": _("Very well")},
        {"kind": QuestionKind.SCALE,
         "text": _("How much has the support helped you come closer to work or studies?"),
         "scale_low": _("Not at all"), "scale_high": _("Very much")},
        {"kind": QuestionKind.CHOICES, "text": _("What support has helped you most?"),
         "options": "\n".join([
             _("Talks with my coach"), _("Help to find a job or an education"),
             _("Support at the workplace or school"), _("Help with authorities"),
             _("Activities in a group"), _("Something else"),
         ])},
        {"kind": QuestionKind.SCALE, "text": _("Have you been able to decide about your support?"),
         "scale_low": _("Never"), "scale_high": _("Always")},
        {"kind": QuestionKind.TEXT, "text": _("What would you like us to change?")},
        {"kind": QuestionKind.TEXT, "text": _("Is there anything else you want to tell us?")},
    ]  # fmt: skip


# --- Surveys and questions ------------------------------------------------------------------


@transaction.atomic
def survey_create(
    *, actor: User, project: Project, title: str, intro: str = "", with_standard: bool = True
) -> Survey:
    """Start a survey of a project as a draft, with the standard questions unless told not to.
    The caller checks that the actor may manage the project's surveys (access.py)."""
    if Survey.objects.filter(project=project, title=title.strip()).exists():
        raise ValidationError({"title": _("The project already has a survey with this title.")})
    survey = Survey(project=project, title=title.strip(), intro=intro.strip(), created_by=actor)
    survey.full_clean()
    survey.save()
    _record(actor, "survey.created", survey, survey.title, {"project": [None, project.name]})
    if with_standard:
        for spec in standard_questions():
            question_add(actor=actor, survey=survey, **spec)
    return survey


def _check_draft(survey: Survey) -> None:
    if survey.status != SurveyStatus.DRAFT:
        raise ValidationError(_("The questions can be changed only while the survey is a draft."))


@transaction.atomic
def question_add(
    *, actor: User, survey: Survey, kind: str, text: str, options: str = "",
    scale_low: str = "", scale_high: str = "",
) -> Question:  # fmt: skip
    """Add a question at the end of a draft survey."""
    _check_draft(survey)
    question = Question(
        survey=survey, kind=kind, text=text.strip(), options=options.strip(),
        scale_low=scale_low.strip(), scale_high=scale_high.strip(),
        position=(survey.questions.aggregate(m=Max("position"))["m"] or 0) + 1,
    )  # fmt: skip
    if kind == QuestionKind.CHOICES and len(question.option_list()) < 2:
        raise ValidationError({"options": _("Give at least two options, one per line.")})
    if kind != QuestionKind.CHOICES:
        question.options = ""
    question.full_clean()
    question.save()
    _record(actor, "survey.question_added", survey, survey.title,
            {"question": [None, question.text], "kind": [None, kind]})  # fmt: skip
    return question


@transaction.atomic
def question_remove(*, actor: User, question: Question) -> None:
    """Remove a question from a draft survey."""
    survey = question.survey
    _check_draft(survey)
    text = question.text
    question.delete()
    _record(actor, "survey.question_removed", survey, survey.title, {"question": [text, None]})


@transaction.atomic
def survey_open(*, actor: User, survey: Survey) -> Survey:
    """Open a draft survey for answers; from now on its questions stay as they are."""
    _check_draft(survey)
    if not survey.questions.exists():
        raise ValidationError(_("Add at least one question before the survey is opened."))
    survey.status = SurveyStatus.OPEN
    survey.opened_on = timezone.localdate()
    survey.save(update_fields=["status", "opened_on", "updated_at"])
    _record(actor, "survey.opened", survey, survey.title,
            {"status": [SurveyStatus.DRAFT, SurveyStatus.OPEN]})  # fmt: skip
    return survey


@transaction.atomic
def survey_close(*, actor: User, survey: Survey) -> Survey:
    """Close an open survey: its links stop working, the answers stay."""
    if survey.status != SurveyStatus.OPEN:
        raise ValidationError(_("Only an open survey can be closed."))
    survey.status = SurveyStatus.CLOSED
    survey.closed_on = timezone.localdate()
    survey.save(update_fields=["status", "closed_on", "updated_at"])
    _record(actor, "survey.closed", survey, survey.title,
            {"status": [SurveyStatus.OPEN, SurveyStatus.CLOSED]})  # fmt: skip
    return survey


# --- Invitations ----------------------------------------------------------------------------


def _invite(actor: User, survey: Survey, enrollment: Enrollment) -> tuple[Invitation, str]:
    if survey.status != SurveyStatus.OPEN:
        raise ValidationError(_("The survey is not open for answers."))
    if enrollment.project_id != survey.project_id:
        raise ValidationError(_("The participant does not take part in the survey's project."))
    if enrollment.end_date is not None:
        raise ValidationError(_("The participant has left the project."))
    token = tokens.new_token()
    now = timezone.now()
    invitation = Invitation.objects.filter(survey=survey, enrollment=enrollment).first()
    if invitation is not None and invitation.used:
        raise ValidationError(_("The participant has already answered this survey."))
    if invitation is None:
        invitation = Invitation(survey=survey, enrollment=enrollment)
    # A new link replaces an earlier one that was never answered on (it stops working).
    invitation.token_hash = tokens.hash_token(token)
    invitation.created_at = now
    invitation.created_by = actor
    invitation.expires_at = now + datetime.timedelta(days=LINK_DAYS)
    invitation.save()
    _record(actor, "survey.invitation_created", invitation, survey.title,
            {"survey": [None, str(survey.public_id)], "expires_at": [None, invitation.expires_at]},
            person_key=enrollment.person.public_id)  # fmt: skip
    return invitation, token


@transaction.atomic
def invitation_create(
    *, actor: User, survey: Survey, enrollment: Enrollment
) -> tuple[Invitation, str]:
    """Make a personal link to the survey for one participant; returns (invitation, token). The
    token is returned only here and stored only as a hash. The caller checks that the actor may
    write in the participant's record (participants.access.access_enrollment(for_write=True))."""
    return _invite(actor, survey, enrollment)


def _message(url: str, expires_at: datetime.datetime, project: str) -> str:
    day = formats.date_format(timezone.localtime(expires_at).date(), "Y-m-d")
    return "\n\n".join([
        _("Hi! What do you think of the support in %(project)s? Answer a few short questions. "
          "Your answers are anonymous: nobody can see what you answered.") % {"project": project},
        url,
        _("The link works until %(day)s. Do not share it with anyone.") % {"day": day},
    ])  # fmt: skip


@transaction.atomic
def invitations_send(
    *,
    actor: User,
    survey: Survey,
    enrollments: list[Enrollment],
    channel: str,
    url_for: Callable[[str], str],
) -> dict[str, int]:
    """Make a link for each participant who has not answered, and send it by e-mail or SMS to
    the address or number in their record, after the transaction commits. Participants without
    one are counted, not sent to. Returns {"sent": n, "no_address": n, "answered": n}."""
    if channel not in sending.available_channels():
        raise ValidationError({"channel": _("This installation cannot send that way.")})
    sender = sending.sender_for(channel)
    counts = {"sent": 0, "no_address": 0, "answered": 0}
    answered = set(
        Invitation.objects.filter(survey=survey, used=True).values_list("enrollment_id", flat=True)
    )
    outbox: list[tuple[str, str]] = []
    for enrollment in enrollments:
        person = enrollment.person
        recipient = person.email if channel == sending.EMAIL else person.phone
        if enrollment.pk in answered:
            counts["answered"] += 1
            continue
        if not recipient:
            counts["no_address"] += 1
            continue
        invitation, token = _invite(actor, survey, enrollment)
        outbox.append(
            (recipient, _message(url_for(token), invitation.expires_at, survey.project.name))
        )
        _record(actor, "survey.invitation_sent", invitation, survey.title,
                {"channel": [None, channel]}, person_key=person.public_id)  # fmt: skip
        counts["sent"] += 1

    def deliver() -> None:
        for recipient, message in outbox:
            sender.send(to=recipient, message=message)

    transaction.on_commit(deliver)
    return counts


# --- The anonymous answer -------------------------------------------------------------------


@transaction.atomic
def response_submit(*, invitation: Invitation, answers: Mapping[int, Any]) -> Response:
    """Store one participant's answers, anonymously, and mark their link as used.

    `answers` maps a question's id to its answer: an int on the scale, a list of chosen option
    numbers (1-based), or a text. Empty answers are left out; at least one must be given. The
    response keeps only the survey and the method of the participant's enrollment; the
    invitation only that it was used. Nothing is written to the audit trail (see the module).
    """
    locked = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if locked.used or locked.survey.status != SurveyStatus.OPEN:
        raise ValidationError(_("This link has already been used or the survey is closed."))
    questions = {q.pk: q for q in locked.survey.questions.all()}
    rows: list[Answer] = []
    response = Response(survey=locked.survey, method=locked.enrollment.method)
    for question_id, value in answers.items():
        question = questions.get(question_id)
        if question is None:
            raise ValidationError(_("The answer names a question that is not in the survey."))
        rows.extend(_answer_rows(response, question, value))
    if not rows:
        raise ValidationError(_("Answer at least one question."))
    response.save()
    Answer.objects.bulk_create(rows)
    # update(), not save(): the row gets no time of change.
    Invitation.objects.filter(pk=locked.pk).update(used=True)
    return response


def _answer_rows(response: Response, question: Question, value: Any) -> list[Answer]:
    if value in (None, "", [], ()):
        return []
    if question.kind == QuestionKind.SCALE:
        if not isinstance(value, int) or not SCALE_MIN <= value <= SCALE_MAX:
            raise ValidationError(_("Choose a number from 1 to 5."))
        return [Answer(response=response, question=question, value=value)]
    if question.kind == QuestionKind.CHOICES:
        count = len(question.option_list())
        chosen = sorted(set(value))
        if any(not isinstance(v, int) or not 1 <= v <= count for v in chosen):
            raise ValidationError(_("Choose among the options."))
        return [Answer(response=response, question=question, value=v) for v in chosen]
    text = str(value).strip()[:TEXT_MAX]
    return [Answer(response=response, question=question, text=text)] if text else []
