"""Where the rows an edit touched go among the rows loaded, found by bisect.

After an edit the table re-read every loaded row's rowid to find the rows that came, went
or moved: 25-60 ms once a seek had loaded most of 100,000 events (profiled). Only the
events the edit touched can come, go or move, and the other loaded rows stay in their
order, so each of those is placed by a binary search that asks SQLite which of two rows
sorts first (`Before`), a handful of one-row queries. Pure list work: tests hold it to the
order read from scratch.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

Before = Callable[[int, int], bool]  # whether one rowid sorts before another


@dataclass
class RowPlan:
    """The steps that bring the loaded rows in line, in the order they apply: ("remove",
    row, rowid), ("move", from row, to row in the list without it), ("insert", row, rowid)."""

    steps: list[tuple[str, int, int]] = field(default_factory=list)
    rowids: list[int] = field(default_factory=list)  # the loaded rows' rowids after them


def place(rowids: list[int], rowid: int, before: Before) -> int:
    """The index at which ``rowid`` goes in the sorted ``rowids``."""
    lo, hi = 0, len(rowids)
    while lo < hi:
        mid = (lo + hi) // 2
        if before(rowids[mid], rowid):
            lo = mid + 1
        else:
            hi = mid
    return lo


def plan_rows(
    loaded: list[int], gone: set[int], shown: set[int], before: Before, exhausted: bool
) -> RowPlan | None:
    """Steps for the touched rows: ``gone`` no longer shown, ``shown`` shown now (loaded or
    not). None when it is not that simple (more than one loaded row out of place, or the
    last loaded row touched while more rows follow): the caller reads the order again."""
    plan = RowPlan(rowids=list(loaded))
    rows = plan.rowids
    for index in sorted((_index(rows, r) for r in gone), reverse=True):
        if index >= 0:
            plan.steps.append(("remove", index, rows[index]))
            del rows[index]
    misplaced: list[int] = []
    came: list[int] = []
    for rowid in sorted(shown):
        index = _index(rows, rowid)
        if index < 0:
            came.append(rowid)
            continue
        last = index == len(rows) - 1
        if last and not exhausted:
            return None  # it may belong after rows not loaded yet
        if (index > 0 and not before(rows[index - 1], rowid)) or (
            not last and not before(rowid, rows[index + 1])
        ):
            misplaced.append(rowid)
    if len(misplaced) > 1:
        return None  # each would be placed among rows another one puts out of order
    for rowid in misplaced:
        index = rows.index(rowid)
        del rows[index]
        target = place(rows, rowid, before)
        if target == len(rows) and not exhausted:
            plan.steps.append(("remove", index, rowid))  # it goes below the rows loaded
            continue
        rows.insert(target, rowid)
        plan.steps.append(("move", index, target))
    for rowid in came:
        target = place(rows, rowid, before)
        if target == len(rows) and not exhausted:
            continue  # below the rows loaded: read with the next page
        rows.insert(target, rowid)
        plan.steps.append(("insert", target, rowid))
    return plan


def _index(rows: list[int], rowid: int) -> int:
    try:
        return rows.index(rowid)  # a scan in C: about 1 ms for 100,000 rows
    except ValueError:
        return -1
