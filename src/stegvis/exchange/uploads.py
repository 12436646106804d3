"""Uploaded files kept on the server between the check and the confirmation of an import.

Each upload is a directory named by a random token (the session remembers the token; the URL
never holds it nor anything personal), readable by the server's account only. A large import's
job takes the token over until the background worker has run it (the worker must see the same
directory). Uploads are removed after a working day, even if a job still waits for them; the job
then fails and asks for the files again.
"""

from __future__ import annotations

import datetime
import json
import os
import re
import secrets
import shutil
import time
from collections.abc import Sequence
from pathlib import Path

from django.conf import settings

from stegvis.exchange.reading import Source

MAX_AGE = datetime.timedelta(hours=8)
_TOKEN = re.compile(r"^[A-Za-z0-9_-]{43}$")


def _root() -> Path:
    configured = getattr(settings, "EXCHANGE_UPLOAD_DIR", "")
    return Path(configured) if configured else Path(settings.VAR_DIR) / "exchange-uploads"


def _directory(token: str) -> Path | None:
    return _root() / token if _TOKEN.match(token or "") else None


def upload_keep(sources: Sequence[Source]) -> str:
    """Keep the files; returns the token that finds them again."""
    upload_cleanup()
    root = _root()
    root.mkdir(mode=0o700, parents=True, exist_ok=True)
    token = secrets.token_urlsafe(32)
    directory = root / token
    directory.mkdir(mode=0o700)
    for number, source in enumerate(sources):
        descriptor = os.open(directory / str(number), os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with open(descriptor, "wb") as handle:
            handle.write(source.data)
    names = [source.name for source in sources]
    (directory / "names.json").write_text(json.dumps(names), encoding="utf-8")
    return token


def upload_load(token: str) -> list[Source] | None:
    """The kept files, or None when the token names none (expired, imported or made up)."""
    directory = _directory(token)
    if directory is None or not (directory / "names.json").exists():
        return None
    names = json.loads((directory / "names.json").read_text(encoding="utf-8"))
    return [
        Source(name=name, data=(directory / str(number)).read_bytes())
        for number, name in enumerate(names)
    ]


def upload_progress_note(token: str, done: int, total: int) -> None:
    """Note beside the kept files how far their import has come (progress.py says when)."""
    directory = _directory(token)
    if directory is None or not directory.is_dir():
        return
    note = directory / "progress.tmp"
    note.write_text(json.dumps({"done": done, "total": total}), encoding="utf-8")
    # Replaced in one step, so a reader never sees half a note.
    note.replace(directory / "progress.json")


def upload_progress(token: str) -> tuple[int, int] | None:
    """The last note of upload_progress_note, or None when there is none."""
    directory = _directory(token)
    if directory is None:
        return None
    try:
        note = json.loads((directory / "progress.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return int(note["done"]), int(note["total"])


def upload_discard(token: str) -> None:
    directory = _directory(token)
    if directory is not None:
        shutil.rmtree(directory, ignore_errors=True)


def upload_cleanup() -> None:
    """Remove uploads older than MAX_AGE."""
    root = _root()
    if not root.is_dir():
        return
    oldest = time.time() - MAX_AGE.total_seconds()
    for directory in root.iterdir():
        if directory.is_dir() and directory.stat().st_mtime < oldest:
            shutil.rmtree(directory, ignore_errors=True)
