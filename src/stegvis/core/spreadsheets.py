"""Cells that a spreadsheet will not run: the one guard against formula (CSV) injection.

A text cell starting with =, +, -, @ (or a tab or carriage return, which some spreadsheets skip
before such a character) would be read as a formula by Excel or LibreOffice when a downloaded file
is opened; `formula_safe` writes it with a leading apostrophe, which spreadsheets show as text
(OWASP: CSV injection). Numbers, dates and empty cells stay as they are. Every CSV and XLSX writer
in Stegvis passes its cells through it; readers of Stegvis's own files take the guard off again
with `unguarded`, so a round trip keeps the text unchanged.
"""

from __future__ import annotations

from typing import Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def formula_safe(cell: Any) -> Any:
    """`cell` as it may go into a spreadsheet: formula-like text gets a leading apostrophe."""
    if isinstance(cell, str) and cell.startswith(FORMULA_STARTS):
        return "'" + cell
    return cell


def unguarded(text: str) -> str:
    """A cell read back from a file Stegvis wrote: without the apostrophe formula_safe added."""
    if text.startswith("'") and text[1:].startswith(FORMULA_STARTS):
        return text[1:]
    return text
