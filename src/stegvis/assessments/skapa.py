"""SKAPA (Skattning av progression mot arbete), as data: the default instrument, loaded by the data
migration 0002 and by nothing else. Plain data only, so that the migration can import it.

Six domains with the exchange format's codes, rated 1 (far from work) to 10 (ready for work) by
the participant and by the coach, and the coach's belief (tilltro) that the person will reach work
or studies, on the same scale, outside every domain sum (domain.md, SKAPA). The questions are
written in plain Swedish (lättläst); a project that has the official wording loads it as a new
version.
"""

from __future__ import annotations

CODE = "SKAPA"
NAME_SV = "SKAPA – skattning av progression mot arbete"
NAME_EN = "SKAPA – rating of progression toward work"
DESCRIPTION_SV = (
    "Deltagaren och coachen skattar regelbundet sex områden från 1 (långt från arbete) till "
    "10 (redo för arbete). Coachen skattar också sin tilltro till att personen når arbete eller "
    "studier."
)
DESCRIPTION_EN = (
    "The participant and the coach regularly rate six domains from 1 (far from work) to "
    "10 (ready for work). The coach also rates their belief that the person will reach work or "
    "studies."
)
SCALE_MIN = 1
SCALE_MAX = 10
SCALE_LABELS = {
    "1": {"sv": "Långt från arbete", "en": "Far from work"},
    "10": {"sv": "Redo för arbete", "en": "Ready for work"},
}
RATED_BY = "BOTH"

# (code, name_sv, name_en, help_sv, help_en, rated_by, counts_in_sum)
DOMAINS = [
    (
        "typ_av_arbete",
        "Typ av arbete",
        "Kind of work",
        "Vet du vilket arbete du vill ha? Vet du vad det arbetet kräver?",
        "Do you know what kind of work you want? Do you know what that work asks of you?",
        "BOTH",
        True,
    ),
    (
        "klara_ett_arbete",
        "Klara ett arbete",
        "Managing a job",
        "Skulle du klara att gå till ett arbete? Tänk på tider, ork och att göra det du ska.",
        "Could you manage a job? Think about times, energy and doing the tasks.",
        "BOTH",
        True,
    ),
    (
        "kompetens",
        "Kompetens",
        "Skills",
        "Har du den utbildning, erfarenhet och kunskap som behövs för arbetet du vill ha?",
        "Do you have the education, experience and skills that the work you want needs?",
        "BOTH",
        True,
    ),
    (
        "vardag_natverk",
        "Vardag/nätverk",
        "Daily life and network",
        "Fungerar din vardag? Tänk på boende, pengar och människor som stöttar dig.",
        "Does your daily life work? Think about housing, money and people who support you.",
        "BOTH",
        True,
    ),
    (
        "samarbetsformaga",
        "Samarbetsförmåga",
        "Working with others",
        "Hur går det att vara med andra och samarbeta, till exempel med kollegor och en chef?",
        "How is it to be with other people and work together, for example with colleagues and a boss?",
        "BOTH",
        True,
    ),
    (
        "halsa",
        "Hälsa",
        "Health",
        "Hur mår du i kroppen och i huvudet? Räcker din hälsa till ett arbete?",
        "How do you feel in body and mind? Is your health good enough for a job?",
        "BOTH",
        True,
    ),
    (
        "tilltro",
        "Tilltro",
        "Belief",
        "Hur mycket tror du som coach att personen kommer att nå arbete eller studier?",
        "How much do you, as the coach, believe that the person will reach work or studies?",
        "COACH",
        False,
    ),
]

DOMAIN_CODES = tuple(code for code, *_rest in DOMAINS if code != "tilltro")
