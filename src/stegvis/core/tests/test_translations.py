"""The translation catalogues: the Swedish one is complete, compiled and in step with the source.

Stegvis is Swedish first: every msgid (English) needs a Swedish msgstr, the placeholders must
survive translation, the compiled .mo must be what the .po says, and no string in the code may be
missing from the catalogue.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import polib
from django.template import Context, Template
from django.test import SimpleTestCase
from django.utils import translation

import stegvis

SOURCE_DIR = Path(stegvis.__file__).resolve().parent
LOCALE_DIR = SOURCE_DIR / "locale"
SV_PO = LOCALE_DIR / "sv" / "LC_MESSAGES" / "django.po"
SV_MO = LOCALE_DIR / "sv" / "LC_MESSAGES" / "django.mo"
EN_PO = LOCALE_DIR / "en" / "LC_MESSAGES" / "django.po"

PLACEHOLDER = re.compile(r"%\((\w+)\)[-#0 +]*\d*(?:\.\d+)?[diouxXeEfFgGcrsa]")
PLURAL_FORMS = "nplurals=2; plural=(n != 1);"


def placeholders(text: str) -> set[str]:
    return set(PLACEHOLDER.findall(text))


def entry_key(entry: polib.POEntry | polib.MOEntry) -> tuple[str | None, str]:
    return (entry.msgctxt, entry.msgid)


def entry_value(entry: polib.POEntry | polib.MOEntry) -> tuple:
    if entry.msgid_plural:
        forms = tuple(entry.msgstr_plural[i] for i in sorted(entry.msgstr_plural))
        return (entry.msgid_plural, forms)
    return (None, entry.msgstr)


def live_entries(catalogue: polib.POFile) -> list[polib.POEntry]:
    return [e for e in catalogue if not e.obsolete]


class SwedishCatalogueTests(SimpleTestCase):
    @classmethod
    def setUpClass(cls) -> None:
        super().setUpClass()
        cls.po = polib.pofile(str(SV_PO))

    def test_the_header_says_swedish_utf8_and_two_plural_forms(self):
        self.assertEqual(self.po.metadata.get("Language"), "sv")
        self.assertIn("charset=UTF-8", self.po.metadata.get("Content-Type", ""))
        self.assertEqual(self.po.metadata.get("Plural-Forms"), PLURAL_FORMS)
        self.assertFalse(self.po.metadata_is_fuzzy, "The catalogue header is marked fuzzy.")

    def test_the_catalogue_is_not_empty(self):
        self.assertGreater(len(live_entries(self.po)), 100)

    def test_every_entry_is_translated(self):
        untranslated = []
        for entry in live_entries(self.po):
            if entry.msgid_plural:
                forms = [entry.msgstr_plural.get(i, "") for i in range(2)]
                if not all(form.strip() for form in forms):
                    untranslated.append(entry.msgid)
            elif not entry.msgstr.strip():
                untranslated.append(entry.msgid)
        self.assertEqual(untranslated, [], "These msgids have no Swedish translation.")

    def test_no_entry_is_fuzzy(self):
        fuzzy = [e.msgid for e in live_entries(self.po) if "fuzzy" in e.flags]
        self.assertEqual(fuzzy, [], "Fuzzy entries are not used at run time; review them.")

    def test_placeholders_survive_translation(self):
        wrong = []
        for entry in live_entries(self.po):
            expected = placeholders(entry.msgid) | placeholders(entry.msgid_plural or "")
            translations = (
                list(entry.msgstr_plural.values()) if entry.msgid_plural else [entry.msgstr]
            )
            for text in translations:
                if placeholders(text) != expected:
                    wrong.append((entry.msgid, text))
        self.assertEqual(wrong, [], "The placeholders differ between msgid and msgstr.")

    def test_python_format_entries_are_flagged(self):
        unflagged = [
            e.msgid
            for e in live_entries(self.po)
            if placeholders(e.msgid) and "python-format" not in e.flags
        ]
        self.assertEqual(unflagged, [])

    def test_the_compiled_catalogue_matches_the_po_file(self):
        self.assertTrue(SV_MO.exists(), "django.mo is missing: run compilemessages.")
        mo = polib.mofile(str(SV_MO))
        from_po = {entry_key(e): entry_value(e) for e in self.po.translated_entries()}
        from_mo = {entry_key(e): entry_value(e) for e in mo if e.msgid}
        missing = sorted(set(from_po) - set(from_mo), key=str)
        extra = sorted(set(from_mo) - set(from_po), key=str)
        changed = sorted(
            (k for k in set(from_po) & set(from_mo) if from_po[k] != from_mo[k]), key=str
        )
        self.assertEqual(
            (missing, extra, changed),
            ([], [], []),
            "django.mo is out of date (missing, extra, changed): run compilemessages.",
        )
        self.assertEqual(mo.metadata.get("Plural-Forms"), PLURAL_FORMS)


class EnglishCatalogueTests(SimpleTestCase):
    def test_the_header_says_english_utf8(self):
        po = polib.pofile(str(EN_PO))
        self.assertEqual(po.metadata.get("Language"), "en")
        self.assertIn("charset=UTF-8", po.metadata.get("Content-Type", ""))
        self.assertEqual(po.metadata.get("Plural-Forms"), PLURAL_FORMS)

    def test_the_english_catalogue_has_the_same_msgids(self):
        sv = {entry_key(e) for e in live_entries(polib.pofile(str(SV_PO)))}
        en = {entry_key(e) for e in live_entries(polib.pofile(str(EN_PO)))}
        self.assertEqual(sv, en)


class RenderingTests(SimpleTestCase):
    KNOWN = {
        "Log in": "Logga in",
        "Log out": "Logga ut",
        "Projects": "Projekt",
        "Audit trail": "Granskningslogg",
        "Save": "Spara",
        "Cancel": "Avbryt",
    }

    def test_swedish_texts_are_used_in_swedish(self):
        with translation.override("sv"):
            for msgid, swedish in self.KNOWN.items():
                with self.subTest(msgid=msgid):
                    self.assertEqual(translation.gettext(msgid), swedish)

    def test_english_texts_are_used_in_english(self):
        with translation.override("en"):
            for msgid in self.KNOWN:
                with self.subTest(msgid=msgid):
                    self.assertEqual(translation.gettext(msgid), msgid)

    def test_plural_forms(self):
        with translation.override("sv"):
            one = translation.ngettext("%(counter)s event", "%(counter)s events", 1)
            many = translation.ngettext("%(counter)s event", "%(counter)s events", 3)
        self.assertEqual(one % {"counter": 1}, "1 händelse")
        self.assertEqual(many % {"counter": 3}, "3 händelser")

    def test_a_template_renders_in_swedish(self):
        template = Template('{% load i18n %}{% translate "Log in" %} | {% translate "Search" %}')
        with translation.override("sv"):
            self.assertEqual(template.render(Context()), "Logga in | Sök")
        with translation.override("en"):
            self.assertEqual(template.render(Context()), "Log in | Search")


class CatalogueInStepWithSourceTests(SimpleTestCase):
    """Running makemessages on a copy of the source finds no string the catalogue lacks."""

    def test_makemessages_finds_nothing_new(self):
        if shutil.which("xgettext") is None or shutil.which("msgmerge") is None:
            reason = "xgettext/msgmerge (GNU gettext) is not on PATH; cannot run makemessages"
            print(reason)
            self.skipTest(reason)
        committed = {entry_key(e) for e in live_entries(polib.pofile(str(SV_PO)))}
        with tempfile.TemporaryDirectory(prefix="stegvis-i18n-") as tmp:
            copy = Path(tmp) / "stegvis"
            shutil.copytree(
                SOURCE_DIR, copy, ignore=shutil.ignore_patterns("__pycache__", "*.pyc", "*.mo")
            )
            # Settings that point LOCALE_PATHS at the copy, so the real catalogue is never touched.
            settings_dir = Path(tmp) / "settings"
            settings_dir.mkdir()
            (settings_dir / "i18n_check_settings.py").write_text(
                "from stegvis.settings_test import *  # noqa\n"
                f"LOCALE_PATHS = [{str(copy / 'locale')!r}]\n"
            )
            env = {
                **os.environ,
                "DJANGO_SETTINGS_MODULE": "i18n_check_settings",
                "PYTHONPATH": os.pathsep.join([str(settings_dir), *sys.path]),
            }
            result = subprocess.run(
                [sys.executable, "-m", "django", "makemessages", "-l", "sv", "--no-location",
                 "--no-obsolete"],
                cwd=copy, env=env, capture_output=True, text=True, timeout=120, check=False,
            )  # fmt: skip
            self.assertEqual(result.returncode, 0, result.stderr)
            fresh_po = polib.pofile(str(copy / "locale" / "sv" / "LC_MESSAGES" / "django.po"))
        fresh = {entry_key(e) for e in live_entries(fresh_po)}
        new = sorted(fresh - committed, key=str)
        gone = sorted(committed - fresh, key=str)
        self.assertEqual(
            (new, gone),
            ([], []),
            "The catalogue is out of step with the source (new, gone): run makemessages, "
            "translate and compilemessages.",
        )
        untranslated = [e.msgid for e in fresh_po.untranslated_entries()]
        self.assertEqual(untranslated, [])
