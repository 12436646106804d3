"""Every app with a catalogue of its own (a locale/ folder inside the app, which makemessages fills
from that app's files): complete in Swedish with the placeholders kept, compiled, the same msgids in
English, and in step with the source. The apps are found, not listed, so a new app's catalogue is
checked from the day it has one."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import polib
from django.test import SimpleTestCase

import stegvis
from stegvis.core.tests.test_translations import entry_key, entry_value, live_entries, placeholders

SRC = Path(stegvis.__file__).resolve().parent
APP_DIRS = sorted(p.parent for p in SRC.glob("*/locale") if p.is_dir())


def _catalogue(app_dir: Path, language: str, kind: str = "po") -> Path:
    return app_dir / "locale" / language / "LC_MESSAGES" / f"django.{kind}"


class AppCataloguesTests(SimpleTestCase):
    def test_the_apps_with_their_own_catalogue_are_found(self):
        names = {p.name for p in APP_DIRS}
        self.assertTrue({"assessments", "employers", "exchange", "reports"} <= names, names)

    def test_every_entry_is_translated_with_its_placeholders(self):
        for app_dir in APP_DIRS:
            with self.subTest(app=app_dir.name):
                po = polib.pofile(str(_catalogue(app_dir, "sv")))
                self.assertEqual(po.metadata.get("Language"), "sv")
                self.assertEqual([e.msgid for e in po.untranslated_entries()], [])
                self.assertEqual([e.msgid for e in live_entries(po) if "fuzzy" in e.flags], [])
                wrong = []
                for entry in live_entries(po):
                    expected = placeholders(entry.msgid) | placeholders(entry.msgid_plural or "")
                    texts = (
                        list(entry.msgstr_plural.values()) if entry.msgid_plural else [entry.msgstr]
                    )
                    wrong += [
                        (entry.msgid, text) for text in texts if placeholders(text) != expected
                    ]
                self.assertEqual(wrong, [])

    def test_the_compiled_catalogue_matches(self):
        for app_dir in APP_DIRS:
            with self.subTest(app=app_dir.name):
                po = polib.pofile(str(_catalogue(app_dir, "sv")))
                mo = polib.mofile(str(_catalogue(app_dir, "sv", "mo")))
                self.assertEqual(
                    {entry_key(e): entry_value(e) for e in po.translated_entries()},
                    {entry_key(e): entry_value(e) for e in mo if e.msgid},
                )

    def test_the_english_catalogue_has_the_same_msgids(self):
        for app_dir in APP_DIRS:
            with self.subTest(app=app_dir.name):
                swedish = polib.pofile(str(_catalogue(app_dir, "sv")))
                english = polib.pofile(str(_catalogue(app_dir, "en")))
                self.assertEqual(
                    {entry_key(e) for e in live_entries(swedish)},
                    {entry_key(e) for e in live_entries(english)},
                )

    def test_makemessages_finds_nothing_new(self):
        if shutil.which("xgettext") is None or shutil.which("msgmerge") is None:
            self.skipTest("xgettext/msgmerge (GNU gettext) is not on PATH; cannot run makemessages")
        for app_dir in APP_DIRS:
            with self.subTest(app=app_dir.name):
                self._check_in_step(app_dir)

    def _check_in_step(self, app_dir: Path) -> None:
        name = app_dir.name
        with tempfile.TemporaryDirectory(prefix=f"stegvis-{name}-i18n-") as tmp:
            copy = Path(tmp) / name
            shutil.copytree(
                app_dir, copy, ignore=shutil.ignore_patterns("__pycache__", "*.pyc", "*.mo")
            )
            # Settings that point LOCALE_PATHS at the copy, so no real catalogue is ever touched.
            settings_dir = Path(tmp) / "settings"
            settings_dir.mkdir()
            (settings_dir / f"{name}_i18n_settings.py").write_text(
                f"from stegvis.settings_test import *  # noqa\nLOCALE_PATHS = [{str(copy / 'locale')!r}]\n"
            )
            env = {
                **os.environ,
                "DJANGO_SETTINGS_MODULE": f"{name}_i18n_settings",
                "PYTHONPATH": os.pathsep.join([str(settings_dir), *sys.path]),
            }
            # -P: the copy is the working directory, and its selectors.py must not hide the standard library's.
            result = subprocess.run(
                [sys.executable, "-P", "-m", "django", "makemessages", "-l", "sv", "--no-location", "--no-obsolete"],
                cwd=copy, env=env, capture_output=True, text=True, timeout=120, check=False,
            )  # fmt: skip
            self.assertEqual(result.returncode, 0, result.stderr)
            fresh = polib.pofile(str(_catalogue(copy, "sv")))
        committed = polib.pofile(str(_catalogue(app_dir, "sv")))
        self.assertEqual(
            {entry_key(e) for e in live_entries(fresh)}
            ^ {entry_key(e) for e in live_entries(committed)},
            set(),
            f"The {name} catalogue is out of step with the source: run makemessages in src/stegvis/{name}.",
        )
