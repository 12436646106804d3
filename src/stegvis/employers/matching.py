"""How well a vocational profile and a job opening fit, with the reasons in plain words.

The participant's own wishes come first (IPS): the wanted occupation weighs half the score and
anything the person does not want that the opening hits counts strongly against it. Then hours,
place and requirements. Requirements never exclude anyone (IPS zero exclusion): a missing driving
licence lowers the score and is shown, so the coach and the person can decide together.

Scores run from 0 to 100:
- occupation, 50: the same SSYK code, the same three-digit group, or similar words (rapidfuzz's
  token-set ratio on normalised Swedish text, with simple compound handling so that "lager"
  finds "lagerarbetare");
- hours, 15; place, 15; requirements, 20 (driving licence 10, the other requirements 10);
- not wanted: 45 off for the first hit, 15 for each further one, at most 60.

Pure functions on plain values: selectors.py loads the rows and calls `score`.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _
from rapidfuzz import fuzz

OCCUPATION_POINTS = 50
HOURS_POINTS = 15
PLACE_POINTS = 15
LICENCE_POINTS = 10
REQUIREMENT_POINTS = 10
NOT_WANTED_FIRST = 45
NOT_WANTED_MORE = 15
NOT_WANTED_MAX = 60

# Words that say nothing about which work: left out before comparing.
_STOPWORD_TEXT = """
och eller i på med av som att för till från om en ett den det de man vi jag hen han hon
inte ej utan samt inom mot vid där här mycket lite gärna helst vill kan kunna ska skulle
bra typ mm mfl fl övriga övrig andra annat arbete arbeten arbeta arbetar jobb jobbet jobba
jobbar tjänst tjänsten yrke yrken plats platser sig sin sina alla någon något
krav kräver behöver behövs önskvärt meriterande erfarenhet inget ingen inga gärna
"""
STOPWORDS = frozenset(_STOPWORD_TEXT.split())
# Endings stripped to compare Swedish word forms: städare ~ städerska, kockar ~ kock.
ENDINGS = ("erska", "arna", "erna", "orna", "are", "ar", "er", "or", "na", "en", "et")
PLURALS = ("ar", "er", "or")
WORD = re.compile(r"[^\w]+", re.UNICODE)
MERIT = re.compile(r"önskvärt|önskvärd|meriterande|meriterar|fördel|gärna")
PHRASE_SPLIT = re.compile(r"[,;.\n/]+|\s+(?:och|eller)\s+")


@dataclass(frozen=True)
class Reason:
    text: str
    effect: str  # "plus", "minus" or "neutral"


@dataclass(frozen=True)
class ProfileFacts:
    wanted: str
    ssyk: str = ""
    ssyk_name: str = ""
    hours: Decimal | None = None
    municipalities: tuple[str, ...] = ()
    driving_licence: bool | None = None
    offers: str = ""  # experience, skills and education together
    not_wanted: str = ""


@dataclass(frozen=True)
class OpeningFacts:
    title: str
    ssyk: str = ""
    ssyk_name: str = ""
    hours: Decimal | None = None
    municipality: str = ""
    requirements: str = ""
    driving_licence_required: bool = False


@dataclass(frozen=True)
class Fit:
    score: int
    reasons: list[Reason] = field(default_factory=list)

    @property
    def reason_texts(self) -> list[str]:
        return [reason.text for reason in self.reasons]


def normalise(text: str) -> str:
    """Lower case, punctuation to spaces; å, ä and ö are kept (they tell words apart)."""
    return " ".join(WORD.sub(" ", (text or "").lower().replace("_", " ")).split())


def content_words(text: str) -> list[str]:
    """The words that carry meaning, in order, each once."""
    words = [w for w in normalise(text).split() if len(w) >= 3 and w not in STOPWORDS]
    return list(dict.fromkeys(words))


def stem(word: str) -> str:
    """The word without a common Swedish ending: städare and städerska give städ, bilar gives bil."""
    for ending in ENDINGS:
        rest = len(word) - len(ending)
        if word.endswith(ending) and (rest >= 4 or (rest == 3 and ending in PLURALS)):
            return word[:rest]
    return word


def _affix(short: str, long: str) -> bool:
    """`short` begins `long` (a compound's first part: lager ~ lagerarbetare, kök ~ köksbiträde)
    or ends it (its head: vårdare ~ sjukvårdare)."""
    if len(short) > len(long):
        short, long = long, short
    if len(short) >= 4 and (long.startswith(short) or long.endswith(short)):
        return True
    return len(short) == 3 and len(long) >= 8 and long.startswith(short)


def _shared_part(a: str, b: str) -> bool:
    """Compounds that share a part: the same beginning (montering ~ montör, förskola ~
    förskollärare), or one begins with what the other ends with (skiftarbete ~ treskift)."""
    prefix = len(os.path.commonprefix([a, b]))
    if prefix >= 4 and prefix >= 0.7 * min(len(a), len(b)):
        return True
    for x, y in ((a, b), (b, a)):
        for size in range(5, min(len(x), len(y))):
            if y.endswith(x[:size]):
                return True
    return False


def words_match(a: str, b: str) -> bool:
    """Whether two words name the same thing, allowing for compounds and word forms."""
    if a == b:
        return True
    for x in (a, stem(a)):
        for y in (b, stem(b)):
            if x == y or _affix(x, y):
                return True
    if _shared_part(a, b):
        return True
    return min(len(a), len(b)) >= 6 and fuzz.ratio(a, b) >= 88


def text_similarity(a: str, b: str) -> float:
    """0–1: how alike two occupation texts are (token-set ratio, or shared words and compounds)."""
    words_a, words_b = content_words(a), content_words(b)
    if not words_a or not words_b:
        return 0.0
    token_set = fuzz.token_set_ratio(" ".join(words_a), " ".join(words_b)) / 100
    matched_a = sum(any(words_match(x, y) for y in words_b) for x in words_a)
    if not matched_a:
        return token_set if token_set >= 0.7 else 0.0
    matched_b = sum(any(words_match(y, x) for x in words_a) for y in words_b)
    coverage = (matched_a / len(words_a) + matched_b / len(words_b)) / 2
    return max(token_set, 0.6 + 0.4 * coverage)


def hits(phrase: str, text: str) -> str:
    """The word of `text` that `phrase` (something not wanted) hits, or ""."""
    words = content_words(text)
    for wanted_not in content_words(phrase):
        for word in words:
            if words_match(wanted_not, word):
                return word
    return ""


def hours_text(hours: Decimal | None) -> str:
    if hours is None:
        return ""
    return f"{hours.normalize():f}" if hours == hours.to_integral() else f"{hours:f}".rstrip("0")


def _occupation(profile: ProfileFacts, opening: OpeningFacts) -> tuple[float, Reason]:
    by_code = 0.0
    reason = None
    if profile.ssyk and opening.ssyk:
        if profile.ssyk == opening.ssyk:
            by_code = 1.0
            reason = Reason(
                _("The occupation the person wants: SSYK %(code)s %(name)s.")
                % {"code": opening.ssyk, "name": opening.ssyk_name.rstrip(".")},
                "plus",
            )
        elif profile.ssyk[:3] == opening.ssyk[:3]:
            by_code = 0.75
            reason = Reason(
                _(
                    "Close to the occupation the person wants: the same occupational group (SSYK %(group)s)."
                )
                % {"group": opening.ssyk[:3]},
                "plus",
            )
    # The opening's occupation is its title, and its code's name says more about it.
    by_text = max(
        text_similarity(profile.wanted, opening.title),
        0.95 * text_similarity(profile.wanted, f"{opening.title} {opening.ssyk_name}"),
        0.9 * text_similarity(profile.ssyk_name, opening.title),
    )
    if by_text > by_code and by_text >= 0.5:
        return by_text, Reason(
            _("Like the work the person wants: “%(wanted)s” – “%(title)s”.")
            % {"wanted": profile.wanted.strip(), "title": opening.title},
            "plus",
        )
    if reason is not None:
        return by_code, reason
    return by_text, Reason(
        _("Not the work the person wants (“%(wanted)s”).") % {"wanted": profile.wanted.strip()},
        "minus",
    )


def _hours(profile: ProfileFacts, opening: OpeningFacts) -> tuple[float, Reason]:
    if profile.hours is None or opening.hours is None:
        return 0.5, Reason(_("Hours: not known for both."), "neutral")
    values = {"offered": hours_text(opening.hours), "wanted": hours_text(profile.hours)}
    difference = abs(opening.hours - profile.hours)
    if difference <= 2:
        return 1.0, Reason(
            _("The hours fit: %(offered)s hours a week, the person wants %(wanted)s.") % values,
            "plus",
        )
    if difference <= 8:
        return 0.6, Reason(
            _("The hours are close: %(offered)s hours a week, the person wants %(wanted)s.")
            % values,
            "neutral",
        )
    if opening.hours > profile.hours:
        return 0.0, Reason(
            _("More hours than the person wants: %(offered)s a week, not %(wanted)s.") % values,
            "minus",
        )
    return 0.0, Reason(
        _("Fewer hours than the person wants: %(offered)s a week, not %(wanted)s.") % values,
        "minus",
    )


def _place(profile: ProfileFacts, opening: OpeningFacts) -> tuple[float, Reason]:
    code = opening.municipality
    if not code or not profile.municipalities:
        return 0.5, Reason(_("Place: not known for both."), "neutral")
    if code in profile.municipalities:
        return 1.0, Reason(
            _("In municipality %(code)s, where the person can work.") % {"code": code}, "plus"
        )
    if any(m[:2] == code[:2] for m in profile.municipalities):
        return 0.4, Reason(
            _("In the same county but outside the municipalities the person gave (%(code)s).")
            % {"code": code},
            "neutral",
        )
    return 0.0, Reason(
        _("Outside the municipalities where the person can work (%(code)s).") % {"code": code},
        "minus",
    )


def _requirements(profile: ProfileFacts, opening: OpeningFacts) -> tuple[float, list[Reason]]:
    reasons = []
    licence = 1.0
    if opening.driving_licence_required:
        if profile.driving_licence is True:
            reasons.append(Reason(_("Driving licence required: the person has one."), "plus"))
        elif profile.driving_licence is False:
            licence = 0.0
            reasons.append(Reason(_("Driving licence required: the person has none."), "minus"))
        else:
            licence = 0.5
            reasons.append(
                Reason(
                    _("Driving licence required: not known whether the person has one."), "neutral"
                )
            )
    # A requirement phrase that says "önskvärt" or "meriterande" is a merit: it weighs half.
    weights: dict[str, float] = {}
    for phrase in PHRASE_SPLIT.split(opening.requirements or ""):
        weight = 0.5 if MERIT.search(phrase.lower()) else 1.0
        for word in content_words(phrase):
            weights[word] = max(weights.get(word, 0), weight)
    offered = content_words(profile.offers)
    if profile.driving_licence:
        offered.append("körkort")
    met = [w for w in weights if any(words_match(w, o) for o in offered)]
    missing = [w for w in weights if w not in met]
    if met:
        reasons.append(
            Reason(
                _("Requirements the profile shows: %(words)s.") % {"words": ", ".join(met)},
                "plus",
            )
        )
    if missing:
        reasons.append(
            Reason(
                _("Requirements the profile does not show: %(words)s.")
                % {"words": ", ".join(missing)},
                "neutral",
            )
        )
    # A missing merit costs half of what a missing requirement costs.
    other = 1 - sum(weights[w] for w in missing) / len(weights) if weights else 1.0
    return (LICENCE_POINTS * licence + REQUIREMENT_POINTS * other), reasons


def _not_wanted(profile: ProfileFacts, opening: OpeningFacts) -> tuple[int, list[Reason]]:
    text = " ".join((opening.title, opening.ssyk_name, opening.requirements))
    penalty, reasons = 0, []
    for phrase in PHRASE_SPLIT.split(profile.not_wanted or ""):
        phrase = phrase.strip()
        word = hits(phrase, text) if phrase else ""
        if word:
            penalty += NOT_WANTED_MORE if penalty else NOT_WANTED_FIRST
            reasons.append(
                Reason(
                    _("The person does not want “%(phrase)s”, and the job has “%(word)s”.")
                    % {"phrase": phrase, "word": word},
                    "minus",
                )
            )
    return min(penalty, NOT_WANTED_MAX), reasons


def score(profile: ProfileFacts, opening: OpeningFacts) -> Fit:
    """How well `opening` fits `profile`, 0–100, and why: what the person does not want first,
    then occupation, hours, place and requirements."""
    occupation, occupation_reason = _occupation(profile, opening)
    hours, hours_reason = _hours(profile, opening)
    place, place_reason = _place(profile, opening)
    requirements, requirement_reasons = _requirements(profile, opening)
    penalty, not_wanted_reasons = _not_wanted(profile, opening)
    total = (
        OCCUPATION_POINTS * occupation
        + HOURS_POINTS * hours
        + PLACE_POINTS * place
        + requirements
        - penalty
    )
    reasons = [
        *not_wanted_reasons,
        occupation_reason,
        hours_reason,
        place_reason,
        *requirement_reasons,
    ]
    return Fit(score=max(0, min(100, round(total))), reasons=reasons)
