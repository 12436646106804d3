"""Field encryption and blind indexes for identity numbers (personnummer, samordningsnummer).

Values are encrypted with Fernet (AES-128-CBC with HMAC-SHA256) under STEGVIS_FIELD_KEY. The
variable may hold several keys separated by commas: the first encrypts, all decrypt, so a key can
be rotated without downtime. A blind index is a keyed HMAC-SHA256 of the normalised value, so the
same person is found again without anyone seeing the number; its key is derived from the oldest
field key, so rotation does not change the indexes.
"""

from __future__ import annotations

import hashlib
import hmac
from functools import cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import models


class DecryptionError(Exception):
    """The value was encrypted with a key that is not in STEGVIS_FIELD_KEY."""


def _keys() -> list[bytes]:
    raw = settings.STEGVIS_FIELD_KEY
    keys = [k.strip().encode() for k in raw.split(",") if k.strip()]
    if not keys:
        raise ImproperlyConfigured("STEGVIS_FIELD_KEY is empty.")
    return keys


@cache
def _fernet(raw: str) -> MultiFernet:
    try:
        return MultiFernet([Fernet(k) for k in _keys()])
    except ValueError as exc:
        raise ImproperlyConfigured(
            "STEGVIS_FIELD_KEY must be one or more Fernet keys (32 url-safe base64-encoded bytes), "
            "separated by commas."
        ) from exc


def encrypt(plaintext: str) -> str:
    return _fernet(settings.STEGVIS_FIELD_KEY).encrypt(plaintext.encode("utf-8")).decode("ascii")


def decrypt(token: str) -> str:
    try:
        return _fernet(settings.STEGVIS_FIELD_KEY).decrypt(token.encode("ascii")).decode("utf-8")
    except InvalidToken as exc:
        raise DecryptionError(
            "The value cannot be decrypted with the configured field keys."
        ) from exc


def rotate(token: str) -> str:
    """Re-encrypt `token` under the first (current) key."""
    return _fernet(settings.STEGVIS_FIELD_KEY).rotate(token.encode("ascii")).decode("ascii")


def blind_index(value: str, *, purpose: str) -> str:
    """A deterministic keyed hash of `value` (hex), different per `purpose`."""
    index_key = hmac.new(
        _keys()[-1], b"stegvis-blind-index:" + purpose.encode(), hashlib.sha256
    ).digest()
    return hmac.new(index_key, value.encode("utf-8"), hashlib.sha256).hexdigest()


class EncryptedTextField(models.TextField):
    """A text column whose value is stored encrypted; Python code sees the plain text.

    It cannot be searched or ordered in the database; pair it with a blind-index column.
    """

    def from_db_value(self, value, expression, connection):  # noqa: ANN001
        if value is None or value == "":
            return value
        return decrypt(value)

    def get_prep_value(self, value):  # noqa: ANN001
        value = super().get_prep_value(value)
        if value is None or value == "":
            return value
        return encrypt(value)
