"""Swedish identity numbers: parsing, the stored form, masking and the blind index."""

from __future__ import annotations

from dataclasses import dataclass

from personnummer import personnummer

from stegvis.core import crypto

INDEX_PURPOSE = "person-identity-number"


class InvalidIdentityNumber(ValueError):  # noqa: N818  (reads as a condition, like Http404)
    """Not a valid personnummer or samordningsnummer (format or check digit)."""


@dataclass(frozen=True)
class IdentityNumber:
    """A validated number in its 12-digit form, e.g. 191212121212."""

    digits: str
    is_coordination_number: bool
    birth_year: int

    @property
    def blind_index(self) -> str:
        return crypto.blind_index(self.digits, purpose=INDEX_PURPOSE)

    @property
    def masked(self) -> str:
        return mask(self.digits)


def parse_identity_number(value: str) -> IdentityNumber:
    """Validate `value` (YYYYMMDD-NNNN, YYMMDD-NNNN, YYMMDD+NNNN for 100 or older, with or without
    separator; samordningsnummer with day + 60) and return its 12-digit form."""
    raw = (value or "").strip()
    try:
        parsed = personnummer.parse(raw)
    except personnummer.PersonnummerException:
        raise InvalidIdentityNumber(raw) from None
    return IdentityNumber(
        digits=parsed.format(True),
        is_coordination_number=parsed.is_coordination_number(),
        birth_year=int(parsed.full_year),
    )


def mask(digits: str) -> str:
    """`YYYYMMDD-****`: the date part only, never the last four digits."""
    return f"{digits[:8]}-****" if len(digits) == 12 else "****"


def pretty(digits: str) -> str:
    """`YYYYMMDD-NNNN`, for those who may reveal the number."""
    return f"{digits[:8]}-{digits[8:]}" if len(digits) == 12 else digits
