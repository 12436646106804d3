"""The people and objects of the access matrix (test_access_matrix.py).

Every object comes in two copies: one *inside* the reach of the staff of `project` (coach's
participant `mine`, the organisation `org`, its employer, …) and one *outside* it, in
`other_project` of `other_org`, which only outsider (its manager) and admin may see. coach2 works
in `project` too, but `mine` is not on coach2's caseload.
"""

from __future__ import annotations

import datetime
import uuid
from decimal import Decimal
from typing import Any

from stegvis.employers.tests.base import EmployerTestCase

# Who asks, in the order of the matrix's columns.
USERS = (
    "anonymous",
    "admin",
    "manager",
    "coach",
    "coach2",
    "referral",
    "evaluator",
    "funder",
    "outsider",
    "no_role",
)

# What a URL keyword names, inside and outside the reach of `project`'s staff: the attribute of the
# fixture (a callable for values that are not objects, such as a kind or a format).
PARAMETERS: dict[str, tuple[Any, Any]] = {
    "project_id": ("project", "other_project"),
    "enrollment_id": ("mine", "elsewhere"),
    "organisation_id": ("org", "other_org"),
    "user_id": ("coach", "outsider"),
    "membership_id": ("coach_membership", "outsider_membership"),
    "partner_id": ("partner", "other_partner"),
    "staff_id": ("coach_staff", "outsider_staff"),
    "referral_id": ("referral_in", "referral_out"),
    "group_id": ("group", "other_group"),
    "link_id": ("link", "other_link"),
    # Instruments are shared by every project: outside is an id that names none.
    "instrument_id": ("skapa", "missing"),
    "opening_id": ("opening", "other_opening"),
    "employer_id": ("employer", "other_employer"),
    "employment_id": ("job", "other_job"),
    "job_id": ("import_job", "other_import_job"),
    "item_id": ("goal", "other_goal"),
    "token": ("link_token", "missing_token"),
    "person_id": ("mine_person", "elsewhere_person"),
    # The API names a participant (an enrollment) participant_id.
    "participant_id": ("mine", "elsewhere"),
    "token_id": ("coach_api_token", "outsider_api_token"),
    "second_person_id": ("theirs_person", "mine_person"),
    "review_id": ("fidelity_review", "other_fidelity_review"),
    "desk_id": ("desk", "other_desk"),
    # The directory is shared by everyone who may see it: outside is an id that names none.
    "entry_id": ("directory_entry", "missing"),
    # Registered by coach at `project`'s desk, and by outsider at `other_project`'s.
    "intake_id": ("intake", "other_intake"),
    "survey_id": ("survey", "other_survey"),
    "question_id": ("question", "other_question"),
    "studies_id": ("studies", "other_studies"),
    "consent_id": ("guardian_consent", "other_guardian_consent"),
}

# Keywords whose object differs by route (job_id names an import job in exchange/ but a report job
# in reports/).
ROUTE_PARAMETERS: dict[str, dict[str, tuple[str, str]]] = {
    # A report job is seen only by the user who started it: manager's, and outsider's.
    "reports:job": {"job_id": ("report_job", "other_report_job")},
    "reports:job_download": {"job_id": ("report_job", "other_report_job")},
}

# Objects a page takes from its query string (GET and POST alike) or its form (POST), named by
# the PARAMETERS above: the page is asked inside and outside reach as for URL keywords.
QUERY: dict[str, dict[str, str]] = {
    "participants:enroll": {"referral": "referral_id"},
    "reports:methods": {"project": "project_id"},
}
FORM: dict[str, dict[str, str]] = {
    "participants:merge": {"keep": "person_id", "merge": "second_person_id"},
    "exchange:import": {"project": "project_id"},
}

# Keywords that choose a variant of a page rather than an object: the same value inside and out.
VARIANTS: dict[str, dict[str, str]] = {
    "participants:timeline_add": {"kind": "contact"},
    "participants:timeline_action": {"kind": "goal", "action": "reached"},
    "employers:add": {"kind": "contact"},
    "reports:project_esf_download": {"fmt": "csv"},
    "reports:project_outcomes_download": {"fmt": "csv"},
    "fidelity:comparison_download": {"fmt": "csv"},
    "fidelity:indicators_download": {"fmt": "csv"},
    "selfassessment:question": {"number": "1"},
    "accounts:password_reset_confirm": {"uidb64": "MQ", "token": "set-password"},
    "youth:report_download": {"fmt": "csv"},
    "reports:methods_download": {"fmt": "csv"},
    "reports:job_download": {"fmt": "csv"},
    "youth:add": {"kind": "studies"},
}


class MatrixFixture(EmployerTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        from stegvis.accounts import services as accounts
        from stegvis.accounts.models import Membership, OrganisationKind
        from stegvis.assessments import services as assessments
        from stegvis.exchange import services as exchange
        from stegvis.participants import services as participants
        from stegvis.participants.tests import factories
        from stegvis.projects import services as projects
        from stegvis.projects.models import ProjectStaff

        cls.missing = uuid.uuid4()
        cls.mine_person = cls.mine.person
        cls.theirs_person = cls.theirs.person
        cls.elsewhere_person = cls.elsewhere.person
        cls.missing_token = "no-such-link-0000000000000000"
        third = accounts.organisation_create(
            actor=None, name="Tredje kommunen", kind=OrganisationKind.MUNICIPALITY
        )
        cls.partner = projects.project_partner_add(
            actor=cls.manager, project=cls.project, organisation=cls.partner_org
        )
        cls.other_partner = projects.project_partner_add(
            actor=cls.outsider, project=cls.other_project, organisation=third
        )
        cls.coach_membership = Membership.objects.get(user=cls.coach)
        cls.outsider_membership = Membership.objects.get(user=cls.outsider)
        cls.coach_staff = ProjectStaff.objects.get(project=cls.project, user=cls.coach)
        cls.outsider_staff = ProjectStaff.objects.get(project=cls.other_project, user=cls.outsider)

        cls.other_group = participants.referral_group_create(
            actor=cls.outsider, project=cls.other_project, name="Remittentgrupp Söder"
        )

        def referral(group: Any, actor: Any) -> Any:
            return participants.referral_submit(
                actor=actor, group=group, person=factories.person(actor=actor),
                referrer_kind="CASEWORKER", reason="Lång tid utan arbete.",
                own_goal="Ett jobb på lager.", motivation="Vill komma igång.",
                consent_given=True, received_on=datetime.date(2025, 5, 2),
            )  # fmt: skip

        cls.referral_in = referral(cls.group, cls.manager)
        cls.referral_out = referral(cls.other_group, cls.outsider)

        from stegvis.assessments.models import Instrument

        cls.skapa = Instrument.objects.get(code="SKAPA")
        version = cls.skapa.current_version()
        cls.link, cls.link_token = assessments.selfassessment_link_create(
            actor=cls.coach, enrollment=cls.mine, version=version
        )
        cls.other_link, _token = assessments.selfassessment_link_create(
            actor=cls.outsider, enrollment=cls.elsewhere, version=version
        )

        def job(enrollment: Any, actor: Any) -> Any:
            return participants.employment_add(
                actor=actor, enrollment=enrollment, kind="JOB", employer="Lagerhuset AB",
                start_date=datetime.date(2025, 5, 5), hours_per_week=Decimal(20),
                competitive=True,
            )  # fmt: skip

        cls.job = job(cls.mine, cls.coach)
        cls.other_job = job(cls.elsewhere, cls.outsider)
        cls.goal = participants.goal_add(
            actor=cls.coach, enrollment=cls.mine, text="Truckkort", set_on=datetime.date(2025, 2, 1)
        )
        cls.other_goal = participants.goal_add(
            actor=cls.outsider, enrollment=cls.elsewhere, text="Körkort",
            set_on=datetime.date(2025, 2, 1),
        )  # fmt: skip
        # API tokens: every signed-in user asks the API with a token of their own.
        from stegvis.api import services as api

        cls.api_secrets = {}
        for username in USERS[1:]:
            token, cls.api_secrets[username] = api.api_token_create(
                actor=getattr(cls, username), user=getattr(cls, username), name="matrix"
            )
            setattr(cls, f"{username}_api_token", token)
        cls.import_job = exchange.import_job_start(
            actor=cls.manager, project=cls.project, token="matrix-in", rows=600
        )
        cls.other_import_job = exchange.import_job_start(
            actor=cls.outsider, project=cls.other_project, token="matrix-out", rows=600
        )
        from stegvis.fidelity.tests.test_services import finished_review

        cls.fidelity_review = finished_review(cls.project, cls.manager)
        cls.other_fidelity_review = finished_review(cls.other_project, cls.outsider)
        cls.coordination_objects()
        cls.survey_objects()
        cls.report_objects()
        cls.youth_objects()

    @classmethod
    def coordination_objects(cls) -> None:
        from stegvis.accounts.models import OrganisationKind
        from stegvis.coordination import services as coordination

        cls.desk = coordination.desk_save(
            actor=cls.manager, project=cls.project, name="En väg in Norr", area="Norrby"
        )
        cls.other_desk = coordination.desk_save(
            actor=cls.outsider, project=cls.other_project, name="En väg in Söder", area="Söderby"
        )

        def intake(desk: Any, actor: Any) -> Any:
            return coordination.intake_register(
                actor=actor, desk=desk, source="KAA", first_name="Alva", last_name="Ung",
                birth_year=2007, need="Vill komma tillbaka till studier.",
                consent_registration=True, consent_feedback=True,
            )[0]  # fmt: skip

        cls.intake = intake(cls.desk, cls.coach)
        cls.other_intake = intake(cls.other_desk, cls.outsider)
        cls.directory_entry = coordination.directory_entry_save(
            actor=cls.manager, name="Kvinnojouren", kind=OrganisationKind.CIVIL_SOCIETY,
            offers="Stöd och samtal.", for_whom="Kvinnor och unga.",
        )  # fmt: skip

    @classmethod
    def survey_objects(cls) -> None:
        from stegvis.surveys import services as surveys

        def survey(project: Any, actor: Any) -> Any:
            survey = surveys.survey_create(actor=actor, project=project, title="Vad tycker du?")
            return surveys.survey_open(actor=actor, survey=survey)

        cls.survey = survey(cls.project, cls.manager)
        cls.other_survey = survey(cls.other_project, cls.outsider)
        cls.question = cls.survey.questions.first()
        cls.other_question = cls.other_survey.questions.first()

    @classmethod
    def report_objects(cls) -> None:
        from stegvis.reports import services as reports

        # Finished, so that their downloads answer.
        cls.report_job = reports.report_job_start(actor=cls.manager, kind="esf")
        cls.other_report_job = reports.report_job_start(actor=cls.outsider, kind="esf")
        for job in (cls.report_job, cls.other_report_job):
            reports.report_job_run(job_id=str(job.public_id))

    @classmethod
    def youth_objects(cls) -> None:
        from stegvis.youth import services as youth

        def items(enrollment: Any, actor: Any) -> tuple[Any, Any]:
            studies = youth.studies_add(
                actor=actor, enrollment=enrollment, school="Komvux Norr", school_form="KOMVUX",
                started_on=datetime.date(2025, 8, 20),
            )  # fmt: skip
            guardian = youth.guardian_add(
                actor=actor, enrollment=enrollment, name="Vera Vårdnad", relation="PARENT"
            )
            consent = youth.guardian_consent_record(
                actor=actor, enrollment=enrollment, guardian=guardian,
                given_on=datetime.date(2025, 8, 15), covers_registration=True,
                covers_school=True, young_person_agrees=True,
            )  # fmt: skip
            return studies, consent

        cls.studies, cls.guardian_consent = items(cls.mine, cls.coach)
        cls.other_studies, cls.other_guardian_consent = items(cls.elsewhere, cls.outsider)

    @classmethod
    def value(cls, name: str, where: str, route: str = "") -> str:
        """The URL value of keyword `name` for the object inside (`in`) or outside (`out`) reach."""
        choices = ROUTE_PARAMETERS.get(route, {}).get(name) or PARAMETERS[name]
        attribute = choices[0 if where == "in" else 1]
        obj = getattr(cls, attribute)
        if isinstance(obj, str | uuid.UUID | int):
            return str(obj)
        return str(getattr(obj, "public_id", None) or obj.pk)
