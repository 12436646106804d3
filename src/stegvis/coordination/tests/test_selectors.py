"""The lists' query counts do not grow with their rows; the shared view's consent rule."""

import datetime

from stegvis.coordination import selectors, services
from stegvis.coordination.tests.base import CoordinationTestCase
from stegvis.participants import services as participant_services
from stegvis.participants.tests import factories


class QueryCountTests(CoordinationTestCase):
    def test_the_lists_take_a_fixed_number_of_queries(self):
        for n in range(3):
            self.register()
            services.directory_entry_save(actor=self.manager, name=f"Förening {n}", kind="CIVIL_SOCIETY",
                                          offers="Samtal", for_whom="Alla")  # fmt: skip
        manager, referral, coach = (
            self.fresh(self.manager),
            self.fresh(self.referral),
            self.fresh(self.coach),
        )
        manager.stegvis_roles(), referral.stegvis_roles(), coach.stegvis_roles()  # cached roles
        with self.assertNumQueries(1):  # the contacts of the desks the manager coordinates
            self.assertEqual(len(list(selectors.intake_queue_for(manager))), 3)
        with self.assertNumQueries(1):  # the contacts the partner registered
            self.assertEqual(len(list(selectors.intakes_registered_by(referral))), 3)
        with self.assertNumQueries(1):  # the directory entries matching the search
            self.assertEqual(len(list(selectors.directory_search(manager, search="förening"))), 3)
        today = datetime.date(2025, 6, 2)
        with self.assertNumQueries(1):  # the coach's participants with their open interventions
            self.assertEqual(
                len(list(selectors.participants_with_supports_for(coach, today=today))), 1
            )


class SharedViewTests(CoordinationTestCase):
    def test_other_projects_supports_show_only_under_a_sharing_consent(self):
        today = datetime.date(2025, 6, 2)
        person = self.mine.person
        there = factories.enrollment(
            project=self.other_project, actor=self.outsider, person_obj=person
        )
        participant_services.intervention_add(actor=self.outsider, enrollment=there, kind="TREATMENT",
                                              description="Psykiatrin", start_date=datetime.date(2025, 3, 1))  # fmt: skip
        coach = self.fresh(self.coach)
        view = selectors.shared_view_for(coach, self.mine, today=today)
        self.assertEqual([r.kind for r in view.rows], ["project"])
        self.assertIs(view.shared_by_consent, False)
        participant_services.consent_record(actor=self.outsider, person=person, enrollment=there,
                                            purpose="SHARING", partner=self.org,
                                            given_on=datetime.date(2025, 1, 1))  # fmt: skip
        view = selectors.shared_view_for(coach, self.mine, today=today)
        self.assertEqual(sorted(r.kind for r in view.rows), ["intervention", "project", "project"])
        shared = [r for r in view.rows if not r.visible_in_full]
        self.assertEqual(len(shared), 2)
        self.assertIs(view.shared_by_consent, True)
        # Shared rows name the kind and the provider, not the coach's words or name.
        self.assertNotIn("Psykiatrin", str([r.what for r in shared]))
