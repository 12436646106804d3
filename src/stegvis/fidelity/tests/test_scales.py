"""Scales as data: the checks on a scale, and `stegvis load_fidelity_scale`."""

from __future__ import annotations

import copy
import io
import json
import tempfile
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.test import TestCase

from stegvis.fidelity.data.ips25 import IPS25
from stegvis.fidelity.models import FidelityItem, FidelityScale
from stegvis.fidelity.scales import check_scale

# A small scale of another kind, with its own range and bands: 3 items rated 1-4 (total 3-12).
SMALL = {
    "code": "BOSTON-6",
    "name_sv": "Bostonmodellens trohetsskala (prov)",
    "name_en": "Boston model fidelity scale (trial)",
    "min_rating": 1,
    "max_rating": 4,
    "bands": [
        {"code": "HIGH", "min": 10, "max": 12, "name_sv": "Hög", "name_en": "High"},
        {"code": "LOW", "min": 3, "max": 9, "name_sv": "Låg", "name_en": "Low"},
    ],
    "sections": [
        {
            "code": "PROCESS",
            "name_sv": "Process",
            "name_en": "Process",
            "items": [
                {
                    "code": c,
                    "name_sv": f"Punkt {c}",
                    "name_en": f"Item {c}",
                    "anchors_sv": ["a", "b", "c", "d"],
                    "anchors_en": ["a", "b", "c", "d"],
                }
                for c in ("V", "F", "B")
            ],  # fmt: skip
        }
    ],
}


class CheckScaleTests(TestCase):
    def test_the_shipped_scale_and_a_small_one_pass(self):
        check_scale(IPS25)
        check_scale(SMALL)

    def assertRefused(self, data: dict, message: str) -> None:  # noqa: N802
        with self.assertRaisesMessage(ValidationError, message):
            check_scale(data)

    def test_it_refuses_broken_scales(self):
        missing = copy.deepcopy(SMALL)
        del missing["bands"]
        self.assertRefused(missing, "saknar en del")
        unnamed = copy.deepcopy(SMALL)
        unnamed["name_sv"] = " "
        self.assertRefused(unnamed, "Skalan saknar name_sv.")
        no_items = copy.deepcopy(SMALL)
        no_items["sections"][0]["items"] = []
        self.assertRefused(no_items, "behöver punkter")
        anchors = copy.deepcopy(SMALL)
        anchors["sections"][0]["items"][1]["anchors_en"] = ["a"]
        self.assertRefused(anchors, "Punkt F: det behövs en beskrivning för varje steg (4).")
        routine = copy.deepcopy(SMALL)
        routine["sections"][0]["items"][0]["routine"] = "nonsense"
        self.assertRefused(routine, "okänd rutinindikator")
        gap = copy.deepcopy(SMALL)
        gap["bands"][0]["min"] = 11
        self.assertRefused(gap, "precis en gång")
        short = copy.deepcopy(SMALL)
        short["bands"][0]["max"] = 11
        self.assertRefused(short, "precis en gång")


class LoadCommandTests(TestCase):
    def load(self, data: object) -> str:
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "scale.json"
            path.write_text(json.dumps(data), encoding="utf-8")
            out = io.StringIO()
            call_command("load_fidelity_scale", str(path), stdout=out)
            return out.getvalue()

    def test_it_loads_another_scale_with_its_own_bands(self):
        self.assertIn("Laddade BOSTON-6 version 1.", self.load(SMALL))
        scale = FidelityScale.objects.get(code="BOSTON-6")
        self.assertEqual((scale.min_rating, scale.max_rating), (1, 4))
        self.assertEqual(FidelityItem.objects.filter(section__scale=scale).count(), 3)
        self.assertEqual(list(scale.bands.values_list("code", flat=True)), ["HIGH", "LOW"])

    def test_a_new_version_becomes_the_current_one(self):
        self.load(SMALL)
        self.assertIn("version 2", self.load(SMALL))
        current = FidelityScale.objects.filter(code="BOSTON-6", is_current=True)
        self.assertEqual([s.version for s in current], [2])
        with self.assertRaisesMessage(CommandError, "BOSTON-6 version 2 finns redan."):
            self.load({**SMALL, "version": 2})

    def test_it_refuses_bad_files_and_writes_nothing(self):
        with self.assertRaisesMessage(CommandError, "JSON-objekt"):
            self.load([1, 2])
        with self.assertRaisesMessage(CommandError, "precis en gång"):
            self.load({**SMALL, "bands": SMALL["bands"][:1]})
        self.assertFalse(FidelityScale.objects.filter(code="BOSTON-6").exists())
        with self.assertRaisesMessage(CommandError, "Kan inte läsa filen"):
            call_command("load_fidelity_scale", "/nonexistent/scale.json")
