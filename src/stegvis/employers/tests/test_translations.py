"""The employers app's own catalogue (locale/ inside the app, which makemessages fills from the
app's files): complete in Swedish, compiled, and in step with the source."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import polib
from django.test import SimpleTestCase

import stegvis.employers
from stegvis.core.tests.test_translations import entry_key, entry_value, live_entries, placeholders

APP_DIR = Path(stegvis.employers.__file__).resolve().parent
SV_PO = APP_DIR / "locale" / "sv" / "LC_MESSAGES" / "django.po"
SV_MO = APP_DIR / "locale" / "sv" / "LC_MESSAGES" / "django.mo"
EN_PO = APP_DIR / "locale" / "en" / "LC_MESSAGES" / "django.po"


class EmployersCatalogueTests(SimpleTestCase):
    def setUp(self) -> None:
        self.po = polib.pofile(str(SV_PO))

    def test_every_entry_is_translated_with_its_placeholders(self):
        self.assertEqual(self.po.metadata.get("Language"), "sv")
        self.assertEqual([e.msgid for e in self.po.untranslated_entries()], [])
        self.assertEqual([e.msgid for e in live_entries(self.po) if "fuzzy" in e.flags], [])
        wrong = []
        for entry in live_entries(self.po):
            expected = placeholders(entry.msgid) | placeholders(entry.msgid_plural or "")
            texts = list(entry.msgstr_plural.values()) if entry.msgid_plural else [entry.msgstr]
            wrong += [(entry.msgid, text) for text in texts if placeholders(text) != expected]
        self.assertEqual(wrong, [])

    def test_the_compiled_catalogue_matches(self):
        mo = polib.mofile(str(SV_MO))
        self.assertEqual(
            {entry_key(e): entry_value(e) for e in self.po.translated_entries()},
            {entry_key(e): entry_value(e) for e in mo if e.msgid},
        )

    def test_the_english_catalogue_has_the_same_msgids(self):
        english = polib.pofile(str(EN_PO))
        self.assertEqual(
            {entry_key(e) for e in live_entries(self.po)},
            {entry_key(e) for e in live_entries(english)},
        )

    def test_makemessages_finds_nothing_new(self):
        if shutil.which("xgettext") is None or shutil.which("msgmerge") is None:
            self.skipTest("xgettext/msgmerge (GNU gettext) is not on PATH; cannot run makemessages")
        with tempfile.TemporaryDirectory(prefix="stegvis.employers-i18n-") as tmp:
            copy = Path(tmp) / "employers"
            shutil.copytree(
                APP_DIR, copy, ignore=shutil.ignore_patterns("__pycache__", "*.pyc", "*.mo")
            )
            # Settings that point LOCALE_PATHS at the copy, so no real catalogue is ever touched.
            settings_dir = Path(tmp) / "settings"
            settings_dir.mkdir()
            (settings_dir / "employers_i18n_settings.py").write_text(
                f"from stegvis.settings_test import *  # noqa\nLOCALE_PATHS = [{str(copy / 'locale')!r}]\n"
            )
            env = {
                **os.environ,
                "DJANGO_SETTINGS_MODULE": "employers_i18n_settings",
                "PYTHONPATH": os.pathsep.join([str(settings_dir), *sys.path]),
            }
            # -P: the copy is the working directory, and its selectors.py must not hide the standard library's.
            result = subprocess.run(
                [sys.executable, "-P", "-m", "django", "makemessages", "-l", "sv", "--no-location", "--no-obsolete"],
                cwd=copy, env=env, capture_output=True, text=True, timeout=120, check=False,
            )  # fmt: skip
            self.assertEqual(result.returncode, 0, result.stderr)
            fresh = polib.pofile(str(copy / "locale" / "sv" / "LC_MESSAGES" / "django.po"))
        self.assertEqual(
            (
                {entry_key(e) for e in live_entries(fresh)}
                ^ {entry_key(e) for e in live_entries(self.po)}
            ),
            set(),
            "The employers catalogue is out of step with the source: run makemessages in src/stegvis.employers.",
        )
