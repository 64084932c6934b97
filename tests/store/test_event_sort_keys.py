"""The stored sort keys (``event_sort_keys``) always equal the keys computed from scratch:
after any edits, undo and redo, a merge, rows another program wrote, and in a file from
before the table, which the migration fills in one transaction."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
import sqlite_utils
from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.core.errors import AnnotatorError
from annotator.store import event_sort_keys
from annotator.store import operations as ops
from annotator.store.changes import ChangeSet
from annotator.store.event_sort_keys import SELECT_KEYS, TABLE
from annotator.store.merge import merge_into
from annotator.store.project import Project
from annotator.store.queries import event_rowids
from annotator.store.schema import migrations
from tests.store.test_undo_property import OPS, _edit, paris_article

MIGRATION = "m019_event_sort_keys"


def stored(con: sqlite3.Connection) -> list[tuple]:
    return con.execute(f"SELECT * FROM {TABLE} ORDER BY event_id").fetchall()


def from_scratch(con: sqlite3.Connection) -> list[tuple]:
    return con.execute(f"{SELECT_KEYS} ORDER BY e.id").fetchall()


def assert_keys_right(con: sqlite3.Connection) -> None:
    assert stored(con) == from_scratch(con)


@settings(max_examples=40, deadline=None)
@given(data=st.data(), ops_list=st.lists(st.sampled_from(OPS), min_size=1, max_size=25))
def test_stored_keys_follow_any_edits_undo_and_redo(
    data: st.DataObject, ops_list: list[str]
) -> None:
    project = Project.memory()
    con = project.db.conn
    try:
        cs, aid = ops.import_article(project, paris_article())
        project.apply(cs)
        applied: list[ChangeSet] = []
        for op in ops_list:
            try:
                edit = _edit(project, data, op, aid)
            except AnnotatorError:
                continue
            if edit:
                project.apply(edit)
                applied.append(edit)
                assert_keys_right(con)
        for edit in reversed(applied):
            project.apply(edit.inverse())
            assert_keys_right(con)
        for edit in applied:
            project.apply(edit)
        assert_keys_right(con)
    finally:
        project.close()


def _annotated(path: Path) -> None:
    with Project.open(path, create=True) as project:
        cs, aid = ops.import_article(project, paris_article())
        project.apply(cs)
        cs, putin = ops.create_actor(project, name="Vladimir Putin")
        project.apply(cs)
        cs, abe = ops.create_actor(project, name="abe")
        project.apply(cs)
        for n, (start, end) in enumerate([(0, 5), (6, 20), (21, 40)]):
            cs, event_id = ops.create_event(
                project, headline=f"Event {n}", span=(aid, start, end), tags=["zeta", "Beta"][n:]
            )
            project.apply(cs)
            project.apply(ops.set_event_actors(project, event_id, [(putin, "host")][: n + 1]))
        cs, _ = ops.create_claim(project, text="Said so", event_id=event_id, span=(aid, 0, 9))
        project.apply(cs)
        project.apply(ops.set_event_actors(project, event_id, [(abe, ""), (putin, "host")]))


def test_rows_another_program_writes_are_keyed_too(tmp_path: Path) -> None:
    path = tmp_path / "p.db"
    _annotated(path)
    con = sqlite3.connect(path)
    con.execute("PRAGMA foreign_keys=ON")
    stamp = ("2025-01-01T00:00:00.000Z", "2025-01-01T00:00:00.000Z")
    con.execute(
        "INSERT INTO events (id, headline, date_earliest, date_latest, type, fact_status, "
        "created, modified) VALUES ('x1', 'Outside', '2020-01-01T00:00:00', "
        "'2020-01-01T23:59:59', 'Zoo', 'key', ?, ?)",
        stamp,
    )
    actor = con.execute("SELECT id FROM actors WHERE name = 'abe'").fetchone()[0]
    passage = con.execute("SELECT id FROM passages LIMIT 1").fetchone()[0]
    con.execute(
        "INSERT INTO event_actors (id, event_id, actor_id, created, modified) "
        "VALUES ('ea-x', 'x1', ?, ?, ?)",
        (actor, *stamp),
    )
    con.execute(
        "INSERT INTO citations (id, passage_id, event_id, created, modified) "
        "VALUES ('c-x', ?, 'x1', ?, ?)",
        (passage, *stamp),
    )
    con.execute(
        "INSERT INTO tags (id, tag, event_id, created, modified) VALUES ('t-x', 'aaa', 'x1', ?, ?)",
        stamp,
    )
    con.execute("UPDATE actors SET name = 'Aaron' WHERE id = ?", [actor])
    con.execute("UPDATE events SET type = 'alpha', fact_status = NULL WHERE headline = 'Event 0'")
    con.execute("DELETE FROM tags WHERE tag = 'zeta'")
    con.commit()
    assert_keys_right(con)
    assert con.execute(f"SELECT actors, sources FROM {TABLE} WHERE event_id = 'x1'").fetchone() == (
        "Aaron",
        1,
    )
    con.close()
    with Project.open(path) as project:
        first = event_rowids(project, None, "tags", limit=1)
        assert project.scalar("SELECT id FROM events WHERE rowid = ?", first) == "x1"


def test_a_merge_keeps_the_keys(tmp_path: Path) -> None:
    ours, theirs = tmp_path / "ours.db", tmp_path / "theirs.db"
    _annotated(ours)
    shutil.copyfile(ours, theirs)
    with Project.open(theirs) as project:
        event_id = project.scalar("SELECT id FROM events WHERE headline = 'Event 0'")
        project.apply(ops.set_tags(project, "event", event_id, ["aardvark"]))
        cs, _ = ops.create_event(project, headline="Theirs only")
        project.apply(cs)
    with Project.open(ours) as project:
        merge_into(project, theirs)
        assert project.scalar("SELECT count(*) FROM events WHERE headline = 'Theirs only'") == 1
        assert_keys_right(project.db.conn)
    con = sqlite3.connect(ours)
    assert_keys_right(con)
    con.close()


def _older_file(path: Path) -> None:
    """The annotated project as a version before the stored keys wrote it."""
    _annotated(path)
    db = sqlite_utils.Database(path)
    for (name,) in db.execute(
        "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE ?", [f"{TABLE}_%"]
    ).fetchall():
        db.execute(f"DROP TRIGGER [{name}]")
    db.execute(f"DROP TABLE {TABLE}")
    db.execute("DELETE FROM _sqlite_migrations WHERE name = ?", [MIGRATION])
    db.close()


def test_an_older_file_is_keyed_when_opened(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    _older_file(path)
    with Project.open(path) as project:
        assert_keys_right(project.db.conn)
    con = sqlite3.connect(path)
    assert con.execute("SELECT 1 FROM _sqlite_migrations WHERE name = ?", [MIGRATION]).fetchone()
    assert len(stored(con)) == 3
    con.close()


def test_the_migration_is_one_transaction(tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "old.db"
    _older_file(path)

    def fails_half_way(db: object) -> None:
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(event_sort_keys, "fill_sort_keys", fails_half_way)
    with pytest.raises(sqlite3.OperationalError):
        migrations.apply(sqlite_utils.Database(path))
    con = sqlite3.connect(path)
    assert not con.execute(
        "SELECT 1 FROM sqlite_master WHERE name = ? OR name LIKE ?", [TABLE, f"{TABLE}_%"]
    ).fetchone()
    assert not con.execute(
        "SELECT 1 FROM _sqlite_migrations WHERE name = ?", [MIGRATION]
    ).fetchone()
    con.close()
    monkeypatch.undo()
    with Project.open(path) as project:  # the next open runs it again, whole
        assert_keys_right(project.db.conn)
        assert len(stored(project.db.conn)) == 3


def test_a_bulk_edit_and_a_loaded_document_keep_the_keys(tmp_path: Path) -> None:
    from annotator.store.bulk_edits import BulkChanges, bulk_edit
    from annotator.store.chronology import build_document, load_document

    path = tmp_path / "p.db"
    _annotated(path)
    with Project.open(path) as project:
        ids = [r["id"] for r in project.rows("SELECT id FROM events ORDER BY rowid")]
        changes = BulkChanges(
            fields={"type": "Vote", "fact_status": "disputed"},
            add_tags=["aa"],
            remove_tags=["zeta"],
            add_actors=[("Aaron", "host")],
            remove_actors=[],
        )
        cs, changed = bulk_edit(project, "event", ids, changes)
        assert changed == 3
        project.apply(cs)
        assert_keys_right(project.db.conn)
        assert {r[0] for r in project.db.execute(f"SELECT actors FROM {TABLE}")} == {"Aaron"}
        project.apply(cs.inverse())
        assert_keys_right(project.db.conn)
        doc = build_document(project)
    with Project.open(tmp_path / "loaded.db", create=True) as other:
        other.apply(load_document(other, doc))
        assert_keys_right(other.db.conn)
        assert len(stored(other.db.conn)) == 3
    con = sqlite3.connect(path)
    assert_keys_right(con)
    con.close()
