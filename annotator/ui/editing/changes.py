"""What one applied edit touched, as the views receive it.

A read-only mapping of table name to the ids the edit touched, plus the articles whose
passages it touched and the view that made the edit. A view that wrote a field already
shows the new value, so it compares ``changes.source`` with itself and skips its own echo
instead of setting a flag around the write.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field

from annotator.store.changes import ChangeSet


@dataclass(frozen=True)
class Changes(Mapping[str, frozenset[str]]):
    tables: Mapping[str, frozenset[str]]
    articles: frozenset[str] = frozenset()
    # The object that asked for the edit, on its first run only: an undo or a redo
    # changes what that view shows, so then it is None and every view refreshes.
    source: object | None = field(default=None, compare=False)
    # The events the touched rows belong to (an event_id before or after the edit): a view
    # of events refreshes those alone. None when not known (made without the row contents).
    event_refs: frozenset[str] | None = field(default=None, compare=False)
    # Tables the edit only inserted rows into: a new actor changes no other event's row.
    inserted_only: frozenset[str] = field(default=frozenset(), compare=False)

    @classmethod
    def of(
        cls,
        changeset: ChangeSet,
        source: object | None = None,
        articles: set[str] | None = None,
    ) -> Changes:
        touched = changeset.touched()
        refs = {
            row["event_id"]
            for change in changeset.changes
            for row in (change.before, change.after)
            if row is not None and row.get("event_id")
        }
        rewritten = {change.table for change in changeset.changes if change.before is not None}
        return cls(
            tables={t: frozenset(ids) for t, ids in touched.items()},
            articles=frozenset(changeset.article_ids() if articles is None else articles),
            source=source,
            event_refs=frozenset(refs),
            inserted_only=frozenset(touched) - rewritten,
        )

    def __getitem__(self, table: str) -> frozenset[str]:
        return self.tables[table]

    def __iter__(self) -> Iterator[str]:
        return iter(self.tables)

    def __len__(self) -> int:
        return len(self.tables)

    def ids(self, *tables: str) -> frozenset[str]:
        """Every id touched in any of these tables."""
        out: frozenset[str] = frozenset()
        for t in tables:
            out |= self.tables.get(t, frozenset())
        return out

    def touches(self, tables: set[str] | frozenset[str]) -> bool:
        return not tables.isdisjoint(self.tables)

    def only(self, tables: set[str] | frozenset[str]) -> bool:
        """True when the edit touched nothing outside these tables."""
        return set(self.tables) <= tables

    def made_by(self, view: object) -> bool:
        return self.source is not None and self.source is view
