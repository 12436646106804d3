"""The demo data set (make demo, the browser suite): it loads, and loads again unchanged."""

from __future__ import annotations

from django.test import TestCase

from stegvis.accounts.models import Organisation, User
from stegvis.core.models import AuditEvent
from stegvis.projects.access import access_project
from stegvis.projects.demo import seed_demo
from stegvis.projects.models import Project, ProjectPartner, ProjectStaff


class SeedDemoTests(TestCase):
    def counts(self) -> list[int]:
        models = (Project, Organisation, User, ProjectPartner, ProjectStaff, AuditEvent)
        return [model.objects.count() for model in models]

    def test_the_demo_loads_and_loading_it_again_changes_nothing(self):
        seed_demo()
        first = self.counts()
        seed_demo()
        self.assertEqual(self.counts(), first)
        self.assertEqual(
            sorted(Project.objects.values_list("diarienummer", flat=True)),
            ["2020/00085", "2020/00553", "2020/00581"],
        )

    def test_the_demo_manager_may_change_the_projects_they_manage(self):
        seed_demo()
        manager = User.objects.get(username="manager")
        for diarienummer in ("2020/00581", "2020/00553"):
            with self.subTest(project=diarienummer):
                project = Project.objects.get(diarienummer=diarienummer)
                self.assertEqual(
                    access_project(manager, project.public_id, for_write=True), project
                )
