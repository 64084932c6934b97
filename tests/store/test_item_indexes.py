"""Lookups by item use the item's index (m022): a citation, tag or note names one item and
leaves the other columns NULL, and an index holding those NULLs gave SQLite statistics that
judged "actor_id = ?" no better than a scan of every citation."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from annotator.store.schema import _ITEM_INDEXES


@pytest.fixture
def path(annotated_path: Path) -> Path:
    return annotated_path


def test_every_lookup_by_item_searches_its_index_after_analyze(path: Path) -> None:
    con = sqlite3.connect(path)
    # The seed's citations and tags mostly name other items than the one looked up: what
    # made the old indexes' statistics say a scan was as good.
    con.execute("ANALYZE")
    for table, kind in _ITEM_INDEXES:
        plan = " | ".join(
            r[3]
            for r in con.execute(
                f"EXPLAIN QUERY PLAN SELECT * FROM {table} WHERE {kind}_id = ?", ["x"]
            )
        )
        assert f"USING INDEX idx_{table}_{kind}" in plan, (table, kind, plan)
        sql = con.execute(
            "SELECT sql FROM sqlite_master WHERE name = ?", [f"idx_{table}_{kind}"]
        ).fetchone()[0]
        assert sql.endswith(f"WHERE {kind}_id IS NOT NULL")
    con.close()


def test_the_old_full_index_with_its_statistics_scanned() -> None:
    # The cause, kept as a check on SQLite: the same statistics on a full index make the
    # planner scan, so the partial index is what makes the difference.
    con = sqlite3.connect(":memory:")
    con.execute("CREATE TABLE c (id INTEGER PRIMARY KEY, actor_id TEXT, event_id TEXT)")
    con.execute("CREATE INDEX full_actor ON c(actor_id)")
    con.execute("ANALYZE")
    con.execute("INSERT INTO sqlite_stat1 VALUES ('c', 'full_actor', '200000 200000')")
    con.execute("ANALYZE sqlite_schema")  # reload the statistics
    plan = con.execute("EXPLAIN QUERY PLAN SELECT * FROM c WHERE actor_id = ?", ["x"]).fetchall()
    assert "SCAN c" in " | ".join(r[3] for r in plan)
    con.close()
