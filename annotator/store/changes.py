"""Edits as data: full before/after rows, so every edit has an exact inverse.

This is the Orange3 pattern (a data command that returns its own inverse) reduced to
rows: the undo stack holds ChangeSets, and undo applies ``inverse()``, which restores
every column, modified times included.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from annotator.store.schema import TABLE_ORDER

Row = dict[str, Any]


def new_id() -> str:
    return uuid.uuid4().hex


# A fixed namespace so that derived ids (tags, event-actor links) are the same in every file.
_NS = uuid.UUID("6f1c2b1e-6a59-4e5e-9a43-0b7f3f7f2a10")


def derived_id(*parts: str) -> str:
    return uuid.uuid5(_NS, "\x1f".join(parts)).hex


def now_iso() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"


@dataclass(frozen=True)
class RowChange:
    table: str
    id: str
    before: Row | None  # None: the row is inserted
    after: Row | None  # None: the row is deleted

    def inverse(self) -> RowChange:
        return RowChange(self.table, self.id, self.after, self.before)

    @property
    def kind(self) -> str:
        if self.before is None:
            return "insert"
        return "delete" if self.after is None else "update"


@dataclass
class ChangeSet:
    label: str
    changes: list[RowChange] = field(default_factory=list)

    def insert(self, table: str, row: Row) -> Row:
        self.changes.append(RowChange(table, row["id"], None, dict(row)))
        return row

    def update(self, table: str, before: Row, /, **values: Any) -> Row:
        after = {**before, **values}
        if after != before:
            self.changes.append(RowChange(table, before["id"], dict(before), after))
        return after

    def delete(self, table: str, before: Row) -> None:
        self.changes.append(RowChange(table, before["id"], dict(before), None))

    def extend(self, other: ChangeSet) -> None:
        self.changes.extend(other.changes)

    def inverse(self) -> ChangeSet:
        return ChangeSet(self.label, [c.inverse() for c in reversed(self.changes)])

    def __bool__(self) -> bool:
        return bool(self.changes)

    def touched(self) -> dict[str, set[str]]:
        """Table -> ids changed, so views refresh only what an edit touched (Anki's pattern)."""
        out: dict[str, set[str]] = {}
        for c in self.changes:
            out.setdefault(c.table, set()).add(c.id)
        return out

    def article_ids(self) -> set[str]:
        """Articles whose passages (or metadata) this edit touched, deleted rows included."""
        out: set[str] = set()
        for c in self.changes:
            for row in (c.before, c.after):
                if row is None:
                    continue
                if c.table == "passages":
                    out.add(row["article_id"])
                elif c.table == "articles":
                    out.add(row["id"])
        return out

    def ordered(self) -> list[RowChange]:
        """Deletes of rows inserted again later in this edit, then inserts (parents first),
        then updates, then deletes (children first).

        Foreign keys then hold at every step: an update may point at a row just inserted,
        or stop pointing at a row about to be deleted (merging actors does both). A row
        deleted and inserted again (to keep an event's actors in order, see link_order) is
        a link nothing refers to, so its delete can go first, freeing its id.
        """
        rank = {t: i for i, t in enumerate(TABLE_ORDER)}
        deleted: set[tuple[str, str]] = set()
        moved: set[tuple[str, str]] = set()
        for c in self.changes:
            if c.kind == "delete":
                deleted.add((c.table, c.id))
            elif c.kind == "insert" and (c.table, c.id) in deleted:
                moved.add((c.table, c.id))
        first = [c for c in self.changes if c.kind == "delete" and (c.table, c.id) in moved]
        deletes = [c for c in self.changes if c.kind == "delete" and (c.table, c.id) not in moved]
        updates = [c for c in self.changes if c.kind == "update"]
        inserts = [c for c in self.changes if c.kind == "insert"]
        deletes.sort(key=lambda c: -rank[c.table])
        inserts.sort(key=lambda c: rank[c.table])
        return first + inserts + updates + deletes
