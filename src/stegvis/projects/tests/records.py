"""The project-bank records the tests read, and the values expected from them.

The expected values were written by hand from the record files, not from the parser.
"""

from __future__ import annotations

from pathlib import Path

PACKAGE_SAMPLES = Path(__file__).resolve().parents[1] / "fixtures" / "projektbanken"
# The shared samples beside the repository (/work/shared next to /work/main), when present.
SHARED_SAMPLES = Path(__file__).resolve().parents[5] / "shared" / "samples" / "projektbanken"
TEST_FIXTURES = Path(__file__).resolve().parent / "fixtures"

SAMPLE_FILES = (
    "2020-00085-arbetsspar.txt",
    "2020-00553-progress.txt",
    "2020-00581-messa.txt",
)
ESF_PLUS_FILE = TEST_FIXTURES / "22-015-S01-vagar-framat.txt"

# The JSON contract of `import_projects --dry-run --json`, field by field and in this order.
CONTRACT_FIELDS = [
    "diarienummer",
    "name",
    "owner",
    "owner_org_number",
    "region",
    "nuts2",
    "programme_area",
    "specific_objective",
    "intervention_type",
    "fund",
    "eu_cofinancing_rate",
    "total_budget_sek",
    "esf_support_sek",
    "planned_participants",
    "start_date",
    "end_date",
    "contact_name",
    "contact_email",
    "postcode",
    "city",
    "description",
    "extra",
]

# Every field but the description, which is pinned by DESCRIPTIONS below.
EXPECTED = {
    "2020-00085-arbetsspar.txt": {
        "diarienummer": "2020/00085",
        "name": "Arbetsspår",
        "owner": "Stiftelsen Activa",
        "owner_org_number": None,
        "region": "Östra Mellansverige",
        "nuts2": None,
        "programme_area": "2",
        "specific_objective": "2.3",
        "intervention_type": "109",
        "fund": None,
        "eu_cofinancing_rate": 50,
        "total_budget_sek": 19369029,
        "esf_support_sek": 9097057,
        "planned_participants": 80,
        "start_date": "2020-07-01",
        "end_date": "2022-12-31",
        "contact_name": "Charlotta Karlsson-Andersson",
        "contact_email": "lotta.karlsson-andersson@s-activa.se",
        "postcode": "70226",
        "city": None,
        # No address label in this record; the project number equals the diarienummer.
        "extra": {},
    },
    "2020-00553-progress.txt": {
        "diarienummer": "2020/00553",
        "name": "PROGRESS",
        "owner": "Samordningsförbundet i Halland",
        "owner_org_number": None,
        "region": "Västsverige",
        "nuts2": None,
        "programme_area": "2",
        "specific_objective": "2.3",
        "intervention_type": "109",
        "fund": None,
        "eu_cofinancing_rate": 50,
        "total_budget_sek": 13566510,
        "esf_support_sek": 9086510,
        "planned_participants": 300,
        # Startdatum and Slutdatum are empty; the dates come from Projektperiod.
        "start_date": "2021-02-01",
        "end_date": "2023-02-28",
        "contact_name": "Åse Andersson",
        "contact_email": "ase.andersson@arbetsformedlingen.se",
        "postcode": "30243",
        "city": None,
        "extra": {"Stödmottagarens address": ""},
    },
    "2020-00581-messa.txt": {
        "diarienummer": "2020/00581",
        "name": "MESSA",
        "owner": "Urkraft ASF AB",
        "owner_org_number": None,
        "region": "Övre Norrland",
        "nuts2": None,
        "programme_area": "2",
        "specific_objective": "2.3",
        "intervention_type": "109",
        "fund": None,
        "eu_cofinancing_rate": 50,
        "total_budget_sek": 8332338,
        "esf_support_sek": 3930245,
        "planned_participants": 60,
        "start_date": "2021-02-01",
        "end_date": "2023-02-28",
        "contact_name": "Therese Lundgren",
        "contact_email": "therese@urkraft.se",
        "postcode": "93162",
        "city": None,
        "extra": {"Stödmottagarens address": ""},
    },
}

# (first sentence, last sentence, number of characters, number of line breaks inside)
DESCRIPTIONS = {
    "2020-00085-arbetsspar.txt": (
        "Projektets övergripande mål är att utveckla ändamålsenliga metoder och strukturer för "
        'stöd till elever med sammansatt problematik på Introduktionsprogrammets "individuellt '
        'alternativ".',
        "Samarbetsparter är Pihlskolan, Lindeskolan, Möckelngymnasiet, Alléskolan, Virginska "
        "skolan samt Region Örebro län.",
        1543,
        6,
    ),
    "2020-00553-progress.txt": (
        "Projektet PROGRESS ska stödja kvinnor och män som står långt ifrån arbetsmarknad "
        "och/eller studier att nå ett arbete/studier eller att närma sig arbetsmarknaden.",
        "Inom PROGRESS kommer vi också att utforska och utveckla digitala sätt att nå samarbete "
        "med näringsliv och arbetsgivare för att matcha deltagare till rätt arbetsgivare.",
        2762,
        6,
    ),
    "2020-00581-messa.txt": (
        # The description's own first line is a heading without a full stop.
        "MESSA - Metod Evidens Samverkan Studier Arbete\n\nAtt använda sig av evidensbaserade "
        "metoder i arbetet med att stärka kopplingen mellan skola och arbetsliv",
        "Projektet ska sedan skapa förutsättningar i samråd med deltagande samverkansaktörer till "
        "att skala upp verksamheten och testa den/de utvalda metoderna i större skala.",
        1566,
        8,
    ),
}

ESF_PLUS_DESCRIPTION = (
    "Vägar framåt ger unga vuxna som varken arbetar eller studerar stöd att hitta vägen till "
    "arbete eller studier. Projektet arbetar med Supported Employment och Supported Education, "
    "med en coach för varje deltagare.\n"
    "\n"
    "Deltagarna får också stöd i vardagen: ekonomi, boende och hälsa. Arbetsgivare i Skellefteå "
    "tar emot deltagare för praktik och anställning."
)
ESF_PLUS_EXPECTED = {
    "diarienummer": "22-015-S01",
    "name": "Vägar framåt",
    "owner": "Skellefteå kommun",
    "owner_org_number": "212000-2627",
    "region": "Övre Norrland",
    "nuts2": "SE33",
    "programme_area": "A",
    "specific_objective": "A2A",
    "intervention_type": None,
    "fund": "ESF+",
    "eu_cofinancing_rate": None,
    "total_budget_sek": None,
    "esf_support_sek": None,
    "planned_participants": 120,
    "start_date": "2023-01-01",
    "end_date": "2025-12-31",
    "contact_name": "Anna Berg",
    "contact_email": "anna.berg@skelleftea.se",
    "postcode": "93185",
    "city": "Skellefteå",
    "description": ESF_PLUS_DESCRIPTION,
    "extra": {
        "Land som berörs": "Sverige",
        "Program CCI": "2021SE05SFPR001",
        "Sekundärtema - Motverka barnfattigdom": "Ja",
        "Insats av strategisk betydelse": "Nej",
    },
}


def sample_path(name: str) -> Path:
    return PACKAGE_SAMPLES / name


def record_text(*pairs: tuple[str, str], title: str = "2020/00001 - Testprojekt") -> str:
    """A valid 2014–2020 record with `pairs` added after Namn; an empty value leaves no line."""
    lines = [title, "", "Diarienummer:", "2020/00001", "Namn:", "Testprojekt"]
    for label, value in pairs:
        lines.append(f"{label}:")
        if value:
            lines.append(value)
    return "\n".join([*lines, "", "En kort beskrivning."]) + "\n"
