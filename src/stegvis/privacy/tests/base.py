"""The privacy tests' data: the assessments' test base, and Stina, who left a year ago with a
record in every app (contacts, goals, notes, a job with support, a profile, an assessment, a
self-assessment link, a consent)."""

from __future__ import annotations

import datetime
from decimal import Decimal

from stegvis.assessments import services as assessment_services
from stegvis.assessments.tests.base import AssessmentTestCase
from stegvis.employers import services as employer_services
from stegvis.participants import services
from stegvis.participants.tests import factories

STINA_NUMBER = "19811218-9876"


class PrivacyTestCase(AssessmentTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.stina = factories.person(
            identity_number=STINA_NUMBER, first_name="Stina", last_name="Svensson",
            phone="070-1234567", email="stina@example.se",
        )  # fmt: skip
        cls.left = factories.enrollment(
            project=cls.project, coach=cls.coach, actor=cls.coach, person_obj=cls.stina,
            start_date=datetime.date(2024, 1, 10), education="ISCED3-4", disability="YES",
        )  # fmt: skip
        day = datetime.date(2024, 2, 1)
        services.consent_record(actor=cls.coach, person=cls.stina, purpose="REGISTRATION",
                                given_on=datetime.date(2024, 1, 10), enrollment=cls.left)  # fmt: skip
        services.contact_add(actor=cls.coach, enrollment=cls.left, kind="MEETING", date=day,
                             with_whom="Stinas mamma", summary="Stina berättade om sin ångest.")  # fmt: skip
        services.goal_add(actor=cls.coach, enrollment=cls.left, text="Jobba i butik", set_on=day)
        note = services.note_add(
            actor=cls.coach, enrollment=cls.left, text="Stina mår bättre.", date=day
        )
        services.note_correct(
            actor=cls.coach, note=note, text="Stina mår mycket bättre.", reason="Fel ord"
        )
        cls.job = services.employment_add(
            actor=cls.coach, enrollment=cls.left, kind="JOB", employer="ICA Nära Svensson",
            employer_org_number="556000-0167", start_date=datetime.date(2024, 3, 1),
            competitive=True, hours_per_week=Decimal("20.0"), occupation="Butikssäljare",
        )  # fmt: skip
        employer_services.job_support_add(actor=cls.coach, employment=cls.job, date=datetime.date(2024, 3, 8),
                                          recipient="PARTICIPANT", kind="MEETING", note="Stina och chefen Anna")  # fmt: skip
        employer_services.profile_save(actor=cls.coach, enrollment=cls.left,
                                       wanted_occupation="Butik nära Stinas hem", skills="Kassa")  # fmt: skip
        cls.assessment = assessment_services.assessment_record(
            actor=cls.coach, enrollment=cls.left, version=cls.v1, rater="COACH",
            date=datetime.date(2024, 2, 1), ratings={**dict.fromkeys(
                [d.code for d in cls.v1.domains_for("COACH")], 4)},
        )  # fmt: skip
        cls.link, cls.token = assessment_services.selfassessment_link_create(
            actor=cls.coach, enrollment=cls.left, version=cls.v1
        )
        services.enrollment_exit(actor=cls.coach, enrollment=cls.left, end_date=datetime.date(2024, 6, 30),
                                 exit_status="EMPLOYED", exit_reason="Fick jobb på ICA Nära Svensson")  # fmt: skip
        cls.left.refresh_from_db()
        cls.stina.refresh_from_db()
