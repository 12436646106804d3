"""Small-number suppression of report tables: primary ("<5") and complementary ("x").

Those who may not see individuals (funders, steering groups, evaluators, coaches outside their
caseload) see every count from 1 to 4 as "<5" (primary suppression, design.md). That alone is not
enough when a table also shows how its cells add up: with K = "<5", M = 10, X = 0 and a total of
13, anyone can work out K = 3. So wherever a sum holds a single hidden cell, one more cell of the
same sum is hidden too (complementary or secondary suppression, as statistical offices do it; SCB
and Eurostat mark such cells "x"). The complement is the smallest count above 0 still shown in that
sum (least information lost), and hiding it may leave another sum with a single hidden cell, so
the rule is applied again until no sum has exactly one hidden cell.

A table is a mapping from a cell's key to its count; a sum is (the total's key, the keys of its
parts). Zero stays visible: "nobody" identifies nobody, and a 0 can never be the only way back to
a hidden count, as the total is then hidden or larger than 0 and so chosen before it.
"""

from __future__ import annotations

from collections.abc import Collection, Hashable, Mapping, Sequence

SMALL_NUMBER = 5
HIDDEN = "<5"  # a count from 1 to 4 (primary suppression)
COMPLEMENT = "x"  # hidden so that a "<5" beside it cannot be worked out (secondary)

Key = Hashable
Sum = tuple[Key, Sequence[Key]]  # (the total's key, the keys of the parts that add up to it)


def is_small(count: int) -> bool:
    return 0 < count < SMALL_NUMBER


def hidden_cells(
    counts: Mapping[Key, int], sums: Sequence[Sum], *, known: Collection[Key] = ()
) -> dict[Key, str]:
    """The cells to hide and how each is shown ("<5" or "x"): every count from 1 to 4, then, as
    long as some sum has exactly one hidden cell, the smallest count above 0 still shown in it.
    Cells in `known` are never chosen as complements (their count is shown elsewhere).

    Deterministic: sums are visited in the order given, and ties go to the cell listed first
    (the total last)."""
    hidden: dict[Key, str] = {key: HIDDEN for key, count in counts.items() if is_small(count)}
    changed = bool(hidden)
    while changed:
        changed = False
        for total, parts in sums:
            cells = [*parts, total]
            if sum(1 for key in cells if key in hidden) != 1:
                continue
            candidates = [
                key for key in cells if key not in hidden and key not in known and counts[key] > 0
            ]
            if not candidates:  # only where the parts need not add up to the total (at most)
                continue
            complement = min(candidates, key=lambda key: counts[key])
            hidden[complement] = COMPLEMENT
            changed = True
    return hidden


def row_sums(rows: Sequence[Key], columns: Sequence[Key], total: Key) -> list[Sum]:
    """Sums of a table whose every row adds up over `columns` to its cell in column `total`;
    cells are keyed (row, column)."""
    return [((row, total), [(row, column) for column in columns]) for row in rows]


def column_sums(rows: Sequence[Key], total: Key, columns: Sequence[Key]) -> list[Sum]:
    """Sums of a table whose every column adds up over `rows` to its cell in row `total`."""
    return [((total, column), [(row, column) for row in rows]) for column in columns]


def apply(
    counts: Mapping[Key, int],
    sums: Sequence[Sum],
    *,
    exact: bool,
    known: Collection[Key] = (),
) -> dict[Key, int | str]:
    """Every cell as a user sees it: the count itself if `exact`, otherwise with small counts and
    their complements hidden (hidden_cells)."""
    if exact:
        return dict(counts)
    hidden = hidden_cells(counts, sums, known=known)
    return {key: hidden.get(key, count) for key, count in counts.items()}
