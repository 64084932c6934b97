"""Every matching event's rowid in the table's order, read once in a worker thread, so that
the first seek to a far row needs no read on the window's thread.

The table loads rows a page at a time; a row beyond them (the new event of the first Enter
in a window, placed among 100,000) was reached by reading the rowids of every row up to it
and counting its position first: 30-60 ms of that Enter (profiled). This keeps the whole
order once the window is idle after opening. Edits do not read it again: the events they
touch are noted, and at the next seek only those are taken out and placed again by bisect
(the other rows keep their order, as ``row_patch`` relies on too). Anything it cannot
follow (a change to every row, another filter or sort) drops it; a seek then reads as
before. Pure list work, no Qt: the model runs the read and hands the result here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from annotator.ui.table.row_patch import Before, place

RowidOf = Callable[[str], int | None]  # an event's rowid now, None once deleted


_SCANNED = 8  # rows taken out by a scan each; past this many, one pass testing each row

# Each noted event costs a few small queries at the next seek (a bisect of one-row
# comparisons): past this many, reading the order again is cheaper, so it is dropped.
MAX_NOTED = 64


class FullOrder:
    def __init__(self) -> None:
        self.rowids: list[int] | None = None
        self.key: object = None  # the filter and sort the rowids are in
        self.generation = 0  # moved by every drop: a read asked for before is not kept
        self._ids: set[str] = set()  # events touched since the read was asked for
        self._gone: set[int] = set()  # their rowids when touched (a deleted one's too)

    def asked(self, key: object) -> int:
        """A read was started for ``key``: edits from now on are noted for it."""
        self.drop()
        self.key = key
        return self.generation

    def adopt(self, generation: int, key: object, rowids: list[int]) -> None:
        if generation == self.generation and key == self.key:
            self.rowids = rowids

    def drop(self) -> None:
        self.rowids, self.key = None, None
        self.generation += 1
        self._ids, self._gone = set(), set()

    def touched(self, event_ids: Iterable[str] | None, rowid_of: RowidOf, known: RowidOf) -> None:
        """An edit touched these events (None: any row may have changed). ``known`` gives a
        deleted event's rowid as last known; without it the order cannot be followed."""
        if self.key is None:
            return
        if event_ids is None:
            self.drop()
            return
        for event_id in event_ids:
            rowid = rowid_of(event_id)
            if rowid is None:
                rowid = known(event_id)
            if rowid is None:
                self.drop()  # a deleted row whose place is not known
                return
            self._ids.add(event_id)
            self._gone.add(rowid)
        if len(self._ids) > MAX_NOTED:
            self.drop()

    def current(
        self, key: object, rowid_of: RowidOf, shown: Callable[[str], bool], before: Before
    ) -> list[int] | None:
        """The whole order for ``key`` with the edits since applied, or None."""
        if self.rowids is None or key != self.key:
            return None
        if self._ids:
            now = {event_id: rowid_of(event_id) for event_id in self._ids}
            out = self._gone | {r for r in now.values() if r is not None}
            rowids = _without(self.rowids, out)
            for event_id, rowid in sorted(now.items(), key=lambda kv: kv[1] or 0):
                if rowid is not None and shown(event_id):
                    rowids.insert(place(rowids, rowid, before), rowid)
            self.rowids, self._ids, self._gone = rowids, set(), set()
        return self.rowids


def _without(rowids: list[int], out: set[int]) -> list[int]:
    """A copy of ``rowids`` without ``out``: each found by a scan in C (a few noted rows;
    testing every one of 100,000 against the set took 4 ms, profiled)."""
    if len(out) > _SCANNED:
        return [r for r in rowids if r not in out]
    kept = list(rowids)
    for rowid in out:
        try:
            del kept[kept.index(rowid)]
        except ValueError:
            continue  # a new event: not in the order yet
    return kept
