"""Receipt codes for contacts a person registers themself, and the rate limit of the public pages.

A receipt code is 12 characters from an alphabet without look-alikes (about 60 random bits),
shown once as XXXX-XXXX-XXXX and stored only as its SHA-256 hash. Together with the rate limit
(a few tries an hour from one address) that cannot be guessed.
"""

from __future__ import annotations

import hashlib
import re
import secrets

from django.core.cache import cache

ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no I, O, 0, 1
GROUPS = 3
GROUP_LENGTH = 4
_PATTERN = re.compile(rf"^[{ALPHABET}]{{{GROUPS * GROUP_LENGTH}}}$")


def new_receipt() -> str:
    raw = "".join(secrets.choice(ALPHABET) for _ in range(GROUPS * GROUP_LENGTH))
    return "-".join(raw[i : i + GROUP_LENGTH] for i in range(0, len(raw), GROUP_LENGTH))


def normalise_receipt(code: str) -> str:
    return re.sub(r"[\s-]", "", code or "").upper()


def looks_like_receipt(code: str) -> bool:
    return bool(_PATTERN.match(normalise_receipt(code)))


def hash_receipt(code: str) -> str:
    return hashlib.sha256(normalise_receipt(code).encode("ascii", "replace")).hexdigest()


def rate_limited(scope: str, client: str, *, limit: int, window_seconds: int = 3600) -> bool:
    """Count one try of `scope` from `client` (an address, stored only hashed); True once the
    limit within the window is passed. Uses the cache (shared by the app servers with Redis)."""
    key = f"stegvis-rl:{scope}:{hashlib.sha256(client.encode()).hexdigest()[:32]}"
    cache.add(key, 0, timeout=window_seconds)
    try:
        count = cache.incr(key)
    except ValueError:  # pragma: no cover (expired between add and incr)
        cache.set(key, 1, timeout=window_seconds)
        count = 1
    return count > limit
