"""stegvis load_fidelity_scale FILE.json: add a fidelity scale (or a new version of one) as data."""

from __future__ import annotations

import json
from pathlib import Path

from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from stegvis.fidelity.scales import load_scale


class Command(BaseCommand):
    help = "Load a fidelity scale from a JSON file (the shape of fidelity/data/ips25.py)."

    def add_arguments(self, parser) -> None:  # noqa: ANN001
        parser.add_argument("file", type=Path)

    def handle(self, *args, **options) -> None:  # noqa: ANN002, ANN003
        try:
            data = json.loads(options["file"].read_text(encoding="utf-8"))
        except (OSError, ValueError) as error:
            raise CommandError(f"Kan inte läsa filen: {error}") from None
        if not isinstance(data, dict):
            raise CommandError("Filen ska innehålla ett JSON-objekt.")
        existing = apps.get_model("fidelity", "FidelityScale").objects.filter(code=data.get("code"))
        if "version" not in data:
            data["version"] = (max((s.version for s in existing), default=0)) + 1
        if existing.filter(version=data["version"]).exists():
            raise CommandError(f"{data['code']} version {data['version']} finns redan.")
        try:
            with transaction.atomic():
                scale = load_scale(data, lambda name: apps.get_model("fidelity", name))
        except ValidationError as error:
            raise CommandError("; ".join(error.messages)) from None
        self.stdout.write(f"Laddade {scale.code} version {scale.version}.")
