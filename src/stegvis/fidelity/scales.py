"""Loading a fidelity scale from data (the IPS-25 in data/ips25.py; others from JSON files).

The shape: {"code", "version", "name_sv", "name_en", "source", "min_rating", "max_rating",
"bands": [{"code", "min", "max", "name_sv", "name_en"}], "sections": [{"code", "name_sv",
"name_en", "items": [{"code", "name_sv", "name_en", "text_sv", "text_en", "anchors_sv",
"anchors_en", "routine"}]}]}, with one anchor per rating from the lowest to the highest.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.exceptions import ValidationError

ROUTINES = {
    "",
    "caseload",
    "first_contact",
    "employer_contacts",
    "competitive",
    "job_types",
    "employers",
    "support_after_hire",
}


def check_scale(data: dict[str, Any]) -> None:
    """ValidationError (in Swedish) unless `data` is a whole scale: items with one anchor per
    rating, and bands that cover every possible total exactly once."""
    try:
        low, high = int(data["min_rating"]), int(data["max_rating"])
        items = [item for section in data["sections"] for item in section["items"]]
        bands = sorted(data["bands"], key=lambda band: int(band["min"]))
        for key in ("code", "name_sv", "name_en"):
            if not str(data[key]).strip():
                raise ValidationError(f"Skalan saknar {key}.")
    except (KeyError, TypeError, ValueError) as error:
        raise ValidationError(f"Skalan saknar en del eller har fel form: {error}.") from None
    if high <= low or not items:
        raise ValidationError("Skalan behöver punkter och ett intervall som 1–5.")
    steps = high - low + 1
    for item in items:
        if len(item.get("anchors_sv", [])) != steps or len(item.get("anchors_en", [])) != steps:
            raise ValidationError(
                f"Punkt {item.get('code')}: det behövs en beskrivning för varje steg ({steps})."
            )
        if item.get("routine", "") not in ROUTINES:
            raise ValidationError(f"Punkt {item.get('code')}: okänd rutinindikator.")
    expected = low * len(items)
    for band in bands:
        if int(band["min"]) != expected or int(band["max"]) < int(band["min"]):
            raise ValidationError("Nivåerna måste täcka varje möjlig totalsumma precis en gång.")
        expected = int(band["max"]) + 1
    if expected != high * len(items) + 1:
        raise ValidationError("Nivåerna måste täcka varje möjlig totalsumma precis en gång.")


def load_scale(data: dict[str, Any], get_model: Callable[[str], Any]) -> Any:
    """Create the scale in `data` (checked first) and mark it the current version of its code.
    `get_model` gives the model class by name (apps.get_model in a migration)."""
    check_scale(data)
    scale_model = get_model("FidelityScale")
    scale_model.objects.filter(code=data["code"]).update(is_current=False)
    scale = scale_model.objects.create(
        code=data["code"],
        version=data.get("version", 1),
        name_sv=data["name_sv"],
        name_en=data["name_en"],
        source=data.get("source", ""),
        min_rating=data["min_rating"],
        max_rating=data["max_rating"],
        is_current=True,
    )
    for band in data["bands"]:
        get_model("FidelityBand").objects.create(
            scale=scale,
            code=band["code"],
            min_total=band["min"],
            max_total=band["max"],
            name_sv=band["name_sv"],
            name_en=band["name_en"],
        )
    for s_pos, section_data in enumerate(data["sections"], start=1):
        section = get_model("FidelitySection").objects.create(
            scale=scale,
            position=s_pos,
            code=section_data["code"],
            name_sv=section_data["name_sv"],
            name_en=section_data["name_en"],
        )
        get_model("FidelityItem").objects.bulk_create(
            get_model("FidelityItem")(
                section=section,
                position=i_pos,
                code=item["code"],
                name_sv=item["name_sv"],
                name_en=item["name_en"],
                text_sv=item.get("text_sv", ""),
                text_en=item.get("text_en", ""),
                anchors_sv=item["anchors_sv"],
                anchors_en=item["anchors_en"],
                routine=item.get("routine", ""),
            )
            for i_pos, item in enumerate(section_data["items"], start=1)
        )
    return scale
