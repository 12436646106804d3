from stegvis.accounts import selectors
from stegvis.core.testing import BaseTestCase


class SelectorScopeTests(BaseTestCase):
    def test_people_who_do_not_manage_organisations_or_users_get_empty_lists(self):
        for user in (self.manager, self.coach, self.funder, self.no_role):
            with self.subTest(user=user.username):
                self.assertEqual(list(selectors.organisation_list_for(self.fresh(user))), [])
                self.assertEqual(list(selectors.user_list_for(self.fresh(user))), [])

    def test_a_manager_registers_projects_only_for_their_own_organisation(self):
        choices = selectors.organisation_choices_for_new_project(self.fresh(self.manager))
        self.assertEqual([o.name for o in choices], ["Samordningsförbundet Norr"])

    def test_editing_keeps_the_current_owner_among_the_choices(self):
        choices = selectors.organisation_choices_for_new_project(
            self.fresh(self.manager), include=self.other_org
        )
        self.assertEqual({o.name for o in choices}, {"Samordningsförbundet Norr", "Södra kommunen"})

    def test_an_administrator_may_choose_any_active_organisation(self):
        choices = selectors.organisation_choices_for_new_project(self.fresh(self.admin))
        self.assertEqual(len(choices), 4)
