"""Validators for Swedish identifiers that several apps share."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from organisationsnummer import organisationsnummer


def normalise_org_number(value: str) -> str:
    """An organisationsnummer as `NNNNNN-NNNN`, after checking its check digit.

    Accepts the 10-digit form with or without hyphen, and the 12-digit form with century prefix
    `16`. Raises ValidationError in plain language otherwise.
    """
    raw = (value or "").strip()
    try:
        return organisationsnummer.parse(raw).format(True)
    except organisationsnummer.OrganisationsnummerException:
        raise ValidationError(
            _("%(value)s is not a valid organisation number. Write ten digits, like 556016-0680.")
            % {"value": raw},
            code="invalid_org_number",
        ) from None
