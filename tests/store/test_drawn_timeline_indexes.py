"""The drawn timeline's reads come from indexes that hold what they ask (m023): the latest
dated events from an index walk, each citation's passage's article and each article's title
without a lookup in the rows that hold quotes and texts; a file from before is upgraded."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import sqlite_utils

from annotator.store.drawn_rows import drawn_rows, latest_drawn_ids
from annotator.store.project import Project
from annotator.store.schema import known_migrations, migrations

INDEXES = (
    "idx_events_dated_latest",
    "idx_passages_article_of",
    "idx_articles_source_of",
    "idx_citations_event",
    "idx_citations_claim",
)


def _plan(con: sqlite3.Connection, sql: str, *params: object) -> str:
    return " | ".join(r[3] for r in con.execute(f"EXPLAIN QUERY PLAN {sql}", params))


def test_a_file_from_before_is_upgraded_with_the_indexes(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    db = sqlite_utils.Database(path)
    migrations.apply(db, stop_before="m023_drawn_timeline_indexes")
    before = {r[0] for r in db.conn.execute("SELECT name FROM sqlite_master")}
    assert not set(INDEXES[:3]) & before
    db.close()
    with Project.open(path) as project:  # upgraded here
        assert project.schema_version() == known_migrations()[-1]
        found = {
            r["name"]: r["sql"]
            for r in project.rows("SELECT name, sql FROM sqlite_master WHERE type = 'index'")
        }
        assert set(INDEXES) <= found.keys()
        for kind in ("event", "claim"):  # still without the NULLs (m022)
            sql = found[f"idx_citations_{kind}"]
            assert f"({kind}_id, passage_id) WHERE {kind}_id IS NOT NULL" in sql
        assert drawn_rows(project, latest_drawn_ids(project)) == []  # the names it uses exist


def test_the_drawn_rows_of_the_annotated_seed(annotated_path: Path) -> None:
    with Project.open(annotated_path) as project:
        rows = drawn_rows(project, set(latest_drawn_ids(project)))
        dated = project.rows(
            "SELECT id FROM events NOT INDEXED WHERE date IS NOT NULL "
            "UNION SELECT id FROM claims NOT INDEXED WHERE claimed IS NOT NULL"
        )
        assert {r.id for r in rows} == {r["id"] for r in dated}
        assert any(r.articles for r in rows)  # the citations' titles were read


def test_the_latest_dated_events_are_an_index_walk(annotated_path: Path) -> None:
    con = sqlite3.connect(annotated_path)
    con.execute("ANALYZE")
    sql = "SELECT id FROM events WHERE date IS NOT NULL ORDER BY date_latest DESC LIMIT ?"
    plan = _plan(con, sql, 10)
    assert "COVERING INDEX idx_events_dated_latest" in plan
    assert "TEMP B-TREE" not in plan
    con.execute("UPDATE events SET date = NULL WHERE rowid % 3 = 0")
    scratch = con.execute(
        "SELECT id FROM events NOT INDEXED WHERE date IS NOT NULL "
        "ORDER BY date_latest DESC, id DESC"
    ).fetchall()
    walked = con.execute(sql.replace("DESC", "DESC, id DESC"), [len(scratch) + 5]).fetchall()
    assert walked == scratch
    con.rollback()
    con.close()


def test_a_citations_article_and_title_are_read_from_indexes(annotated_path: Path) -> None:
    con = sqlite3.connect(annotated_path)
    cited = _plan(
        con,
        "SELECT p.article_id FROM citations c "
        "JOIN passages p INDEXED BY idx_passages_article_of ON p.id = c.passage_id "
        "WHERE c.event_id IN (SELECT value FROM json_each(?))",
        "[]",
    )
    assert "COVERING INDEX idx_citations_event" in cited
    assert "COVERING INDEX idx_passages_article_of" in cited
    titles = _plan(
        con,
        "SELECT id, title, outlet FROM articles INDEXED BY idx_articles_source_of "
        "WHERE id IN (SELECT value FROM json_each(?))",
        "[]",
    )
    assert "COVERING INDEX idx_articles_source_of" in titles
    con.close()
