"""Who may handle a person's data rights: managers of the person's projects and administrators."""

from __future__ import annotations

import uuid

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.urls import reverse

from stegvis.core.models import AuditEvent
from stegvis.participants.tests import factories
from stegvis.privacy.access import access_person_privacy
from stegvis.privacy.tests.base import PrivacyTestCase


class AccessTests(PrivacyTestCase):
    def test_the_manager_and_the_admin_may_and_the_read_is_audited(self) -> None:
        for user in (self.manager, self.admin):
            self.assertEqual(access_person_privacy(user, self.stina.public_id), self.stina)
        self.assertEqual(
            AuditEvent.objects.filter(
                action="privacy.viewed", person_key=self.stina.public_id
            ).count(),
            2,
        )

    def test_others_get_404(self) -> None:
        for user in (
            self.coach,
            self.evaluator,
            self.funder,
            self.referral,
            self.outsider,
            self.no_role,
        ):
            with self.assertRaises(Http404, msg=user.username):
                access_person_privacy(user, self.stina.public_id)
        with self.assertRaises(Http404):
            access_person_privacy(self.manager, uuid.uuid4())
        with self.assertRaises(Http404):  # a person only in the outsider's project
            access_person_privacy(self.manager, self.elsewhere.person.public_id)

    def test_writing_needs_every_project_of_the_person(self) -> None:
        factories.enrollment(project=self.other_project, actor=self.outsider, person_obj=self.stina)
        access_person_privacy(self.manager, self.stina.public_id)
        with self.assertRaises(PermissionDenied):
            access_person_privacy(self.manager, self.stina.public_id, for_write=True)
        self.assertEqual(
            access_person_privacy(self.admin, self.stina.public_id, for_write=True), self.stina
        )


class PageTests(PrivacyTestCase):
    def test_the_overview_links_every_right(self) -> None:
        self.login(self.manager)
        response = self.client.get(reverse("privacy:person", args=[self.stina.public_id]))
        for name in ("access_history", "extract_pdf", "extract_json", "erase", "withdraw"):
            self.assertContains(response, reverse(f"privacy:{name}", args=[self.stina.public_id]))
        self.assertContains(
            response, reverse("participants:person_edit", args=[self.left.public_id])
        )
        self.assertContains(response, "19811218-****")

    def test_the_participant_page_links_to_it_for_managers_only(self) -> None:
        url = reverse("privacy:person", args=[self.stina.public_id])
        self.login(self.manager)
        self.assertContains(self.client.get(self.left.get_absolute_url()), url)
        self.login(self.coach)
        self.assertNotContains(self.client.get(self.left.get_absolute_url()), url)

    def test_coaches_get_403_and_outsiders_404(self) -> None:
        url = reverse("privacy:person", args=[self.stina.public_id])
        self.login(self.coach)
        self.assertEqual(self.client.get(url).status_code, 403)
        self.login(self.outsider)
        self.assertEqual(self.client.get(url).status_code, 404)
        self.client.logout()
        self.assertEqual(self.client.get(url).status_code, 302)


class MethodTests(PrivacyTestCase):
    def test_the_reading_pages_answer_only_get(self) -> None:
        self.login(self.manager)
        for name in (
            "person",
            "access_history",
            "access_history_pdf",
            "extract_json",
            "extract_pdf",
        ):
            url = reverse(f"privacy:{name}", args=[self.stina.public_id])
            self.assertEqual(self.client.post(url).status_code, 405, name)
