"""Reads of the privacy app: a person's access history and every record about them.

`EXTRACT_TREE` names every model that holds data about a person, reached from the Person row
through its foreign keys; the register extract (extract.py) and the erasure (services.py) walk
it. tests/test_extract.py fails when a model with a foreign key to one of these is added without
being placed here (or in `NOT_ABOUT_THE_PERSON`, with the reason).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.db import models
from django.utils.translation import gettext_lazy as _

from stegvis.accounts.models import Membership
from stegvis.assessments.models import Assessment, Rating, SelfAssessmentLink
from stegvis.core.models import AuditEvent
from stegvis.employers.models import JobSupport, Opening, VocationalProfile
from stegvis.participants.models import (
    CoachAssignment,
    Consent,
    Contact,
    Employment,
    Enrollment,
    FollowUp,
    Goal,
    Intervention,
    Note,
    NoteVersion,
    Person,
    Referral,
    StepReached,
)


@dataclass(frozen=True)
class Node:
    """Records of `model` (a model or an "app.Model" label) whose `parent_field` points to the
    parent node's record. A label of an app that is not installed is skipped."""

    key: str
    model: type[models.Model] | str
    parent_field: str
    children: tuple[Node, ...] = field(default=())

    def resolved(self) -> type[models.Model] | None:
        if not isinstance(self.model, str):
            return self.model
        try:
            return apps.get_model(self.model)
        except LookupError:  # pragma: no cover - every app of the tree is installed in Stegvis
            return None


EXTRACT_TREE: tuple[Node, ...] = (
    Node("consents", Consent, "person"),
    Node("referrals", Referral, "person"),
    Node("intakes", "coordination.Intake", "person"),
    Node(
        "enrollments",
        Enrollment,
        "person",
        (
            Node("coach_assignments", CoachAssignment, "enrollment"),
            Node("contacts", Contact, "enrollment"),
            Node("interventions", Intervention, "enrollment"),
            Node("steps", StepReached, "enrollment"),
            Node("goals", Goal, "enrollment"),
            Node(
                "employments",
                Employment,
                "enrollment",
                (Node("job_support", JobSupport, "employment"),),
            ),
            Node("notes", Note, "enrollment", (Node("versions", NoteVersion, "note"),)),
            Node("follow_ups", FollowUp, "enrollment"),
            Node(
                "assessments",
                Assessment,
                "enrollment",
                (
                    Node("ratings", Rating, "assessment"),
                    Node("self_assessment_links", SelfAssessmentLink, "assessment"),
                ),
            ),
            Node("vocational_profile", VocationalProfile, "enrollment"),
            Node(
                "studies",
                "youth.Studies",
                "enrollment",
                (Node("attendance", "youth.Attendance", "studies"),),
            ),
            Node("guardians", "youth.Guardian", "enrollment"),
            Node("guardian_consents", "youth.GuardianConsent", "enrollment"),
            Node("kaa_status", "youth.KaaStatusChange", "enrollment"),
            Node("kaa_referrals", "youth.KaaReferral", "enrollment"),
            Node("survey_invitations", "surveys.Invitation", "enrollment"),
        ),
    ),
)

# Foreign keys into the person's records that do not add data about the person, and why.
NOT_ABOUT_THE_PERSON: dict[tuple[type[models.Model] | str, str], str] = {
    (Opening, "employment"): "the employer's opening; the job it became is in employments",
    (Enrollment, "referral"): "the same referral is under referrals",
    (Consent, "enrollment"): "consents are listed once, under the person",
    (Person, "merged_into"): "records merged into the person are listed as merged_records",
    ("youth.GuardianConsent", "guardian"): "guardian consents are listed under the enrollment",
    ("coordination.Intake", "referral"): "the intake is listed under the person",
}


def not_about_the_person(model: type[models.Model], field_name: str) -> bool:
    """Whether `model.field_name` is a foreign key listed in NOT_ABOUT_THE_PERSON."""
    return (model, field_name) in NOT_ABOUT_THE_PERSON or (
        model._meta.label,
        field_name,
    ) in NOT_ABOUT_THE_PERSON


def lookups(nodes: tuple[Node, ...] = EXTRACT_TREE, prefix: str = "") -> list[tuple[Node, str]]:
    """Every node of the tree with its lookup to the person (like "note__enrollment__person")."""
    found = []
    for node in nodes:
        path = f"{node.parent_field}__{prefix}" if prefix else node.parent_field
        found.append((node, path))
        found += lookups(node.children, path)
    return found


def tree_models() -> set[type[models.Model]]:
    """Every model of the tree, the Person included."""
    found: set[type[models.Model]] = {Person}
    for node, _path in lookups():
        model = node.resolved()
        if model is not None:
            found.add(model)
    return found


def person_keys(person: Person) -> list[Any]:
    """The public ids of the person and of the records merged into them (their history too)."""
    merged = Person.objects.filter(merged_into=person).values_list("public_id", flat=True)
    return [person.public_id, *merged]


# --- The access history ("vem har läst mina uppgifter") ---------------------------------------

READ_ACTIONS = frozenset(
    {
        "opened",
        "exported",
        "identity_revealed",
        "viewed",
        "viewed_for_opening",
        "extract_downloaded",
        "access_history_viewed",
    }
)

KINDS_OF_DATA: dict[str, Any] = {
    "participant": _("Participation in the project"),
    "person": _("Name, contact details and identity number"),
    "referral": _("Referral"),
    "consent": _("Consents"),
    "assessment": _("Assessments"),
    "assessments": _("Assessments"),
    "selfassessment": _("Self-assessment link"),
    "vocational_profile": _("Vocational profile"),
    "job": _("Job and support on the job"),
    "opening": _("Job and support on the job"),
    "matches": _("Matching against job openings"),
    "privacy": _("Data rights (access history, register extract)"),
    "exchange": _("Export"),
    "report": _("Export"),
    "youth": _("School and studies"),
}


@dataclass(frozen=True)
class AccessRow:
    at: Any
    who: str
    organisations: str
    kind_of_data: Any
    is_read: bool
    action: str


def kind_of_data(action: str) -> Any:
    if action == "person.identity_revealed":
        return _("Personal identity number (shown in full)")
    return KINDS_OF_DATA.get(action.split(".", 1)[0], _("Other data"))


def is_read_action(action: str) -> bool:
    return action.split(".", 1)[1] in READ_ACTIONS


def access_history(person: Person) -> list[AccessRow]:
    """Every read and change of the person's data in the audit trail, oldest first: who (name and
    organisations of the staff member), when, what kind of data, read or changed. Three queries,
    whatever the number of events."""
    events = list(
        AuditEvent.objects.filter(person_key__in=person_keys(person))
        .select_related("actor")
        .order_by("at", "id")
    )
    actor_ids = {e.actor_id for e in events if e.actor_id}
    organisations: dict[int, set[str]] = {}
    for user_id, name in Membership.objects.filter(user_id__in=actor_ids).values_list(
        "user_id", "organisation__name"
    ):
        organisations.setdefault(user_id, set()).add(name)
    rows = []
    for e in events:
        if e.actor is not None:
            who = e.actor.get_full_name() or e.actor.get_username()
        elif e.action.startswith("selfassessment."):
            who = str(_("The person, on their self-assessment link"))
        else:
            who = str(_("Stegvis (automatic, e.g. an import or the retention rule)"))
        rows.append(
            AccessRow(
                at=e.at,
                who=who,
                organisations=", ".join(sorted(organisations.get(e.actor_id, ()))),
                kind_of_data=kind_of_data(e.action),
                is_read=is_read_action(e.action),
                action=e.action,
            )
        )
    return rows
