"""Kept uploads (between the check and the confirmation) and the selector of importable projects."""

from __future__ import annotations

import os
import shutil
import stat
import tempfile
import time
from pathlib import Path

from django.test import SimpleTestCase, override_settings

from stegvis.core.testing import BaseTestCase
from stegvis.exchange import selectors, uploads
from stegvis.exchange.reading import Source


class UploadTests(SimpleTestCase):
    def setUp(self) -> None:
        self.root = Path(tempfile.mkdtemp(prefix="stegvis-uploads-test-")) / "uploads"
        self.addCleanup(shutil.rmtree, self.root.parent, ignore_errors=True)
        settings = override_settings(EXCHANGE_UPLOAD_DIR=str(self.root))
        settings.enable()
        self.addCleanup(settings.disable)

    def test_kept_files_come_back_under_their_names_and_only_the_server_reads_them(self):
        token = uploads.upload_keep([Source("deltagare.csv", b"a,b\n"), Source("jobb.xlsx", b"PK")])
        self.assertEqual(
            uploads.upload_load(token),
            [Source("deltagare.csv", b"a,b\n"), Source("jobb.xlsx", b"PK")],
        )
        self.assertEqual(stat.S_IMODE((self.root / token).stat().st_mode), 0o700)
        self.assertEqual(stat.S_IMODE((self.root / token / "0").stat().st_mode), 0o600)
        uploads.upload_discard(token)
        self.assertIsNone(uploads.upload_load(token))

    def test_tokens_that_name_nothing(self):
        for token in ("", "../../etc/passwd", "x" * 43, "a/b"):
            with self.subTest(token=token):
                self.assertIsNone(uploads.upload_load(token))
                uploads.upload_discard(token)  # does nothing, raises nothing

    def test_uploads_older_than_a_working_day_are_removed(self):
        uploads.upload_cleanup()  # no directory yet: nothing to do
        old = uploads.upload_keep([Source("a.csv", b"x")])
        new = uploads.upload_keep([Source("b.csv", b"y")])
        long_ago = time.time() - uploads.MAX_AGE.total_seconds() - 60
        os.utime(self.root / old, (long_ago, long_ago))
        uploads.upload_cleanup()
        self.assertIsNone(uploads.upload_load(old))
        self.assertIsNotNone(uploads.upload_load(new))


class ProjectsForImportTests(BaseTestCase):
    def test_managers_and_administrators_only(self):
        self.assertEqual(selectors.projects_for_import(self.manager), [self.project])
        self.assertEqual(selectors.projects_for_import(self.outsider), [self.other_project])
        self.assertEqual(
            set(selectors.projects_for_import(self.admin)), {self.project, self.other_project}
        )
        for user in (self.coach, self.funder, self.referral, self.no_role):
            with self.subTest(user=user.username):
                self.assertEqual(selectors.projects_for_import(user), [])
