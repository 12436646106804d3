"""Tokens of survey links: 256 random bits, stored only as their SHA-256 hash."""

from __future__ import annotations

import hashlib
import re
import secrets

_PATTERN = re.compile(r"^[A-Za-z0-9_-]{43}$")


def new_token() -> str:
    return secrets.token_urlsafe(32)


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("ascii", "replace")).hexdigest()


def looks_like_token(token: str) -> bool:
    return bool(_PATTERN.match(token))
