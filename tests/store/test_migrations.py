"""A project file written by any earlier version opens at the current schema with its rows
kept and searchable; a current file opened and closed without an edit is left as it was."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlite_utils

from annotator.core.errors import ProjectError
from annotator.store import operations as ops
from annotator.store.chronology import build_document
from annotator.store.project import Project
from annotator.store.project_setup import create_project
from annotator.store.schema import known_migrations, migrations
from annotator.store.search import search
from tests.helpers.db import db_dump_all

HASH = "sha256:" + "1" * 64  # the form every version wrote (the open checks it)
STAMP = {"created": "2024-01-01T00:00:00.000Z", "modified": "2024-01-01T00:00:00.000Z"}


def _old_file(path: Path, stop_before: str | None) -> None:
    db = sqlite_utils.Database(path)
    migrations.apply(db, stop_before=stop_before)
    db["articles"].insert(
        {"id": "a1", "title": "Old", "text": "Old text about Kyiv talks", "text_hash": HASH}
        | STAMP
        | {"analyst": "x"}
    )
    db["events"].insert(
        {"id": "e1", "headline": "Kyiv talks", "date": "2024-05", "day_seq": 0}
        | {"date_earliest": "2024-05-01T00:00:00", "date_latest": "2024-05-31T23:59:59"}
        | {"date_precision": "month", "date_status": "confirmed", "analyst": "x"}
        | STAMP
    )
    db.close()


@pytest.mark.parametrize("stop_before", known_migrations()[1:])
def test_a_file_from_an_earlier_version_is_brought_up_to_date(
    tmp_path: Path, stop_before: str
) -> None:
    path = tmp_path / "old.db"
    _old_file(path, stop_before)
    rows_before = {t: db_dump_all(path)[t] for t in ("articles", "events")}
    with Project.open(path) as project:
        assert project.schema_version() == known_migrations()[-1]
        assert {h.id for h in search(project, "kyiv")} == {"a1", "e1"}
        doc = build_document(project)
        assert [e["date"]["value"] for e in doc["events"]] == ["2024-05"]
        assert project.scalar("SELECT count(*) FROM chronology") == 1
        # and it takes edits: the tables added later are there
        cs, _ = ops.create_actor(project, name="New")
        project.apply(cs)
        edit = project.apply(ops.update_item(project, "event", "e1", headline="Renamed"))
        project.apply(edit.inverse())
    after = db_dump_all(path)
    for table, rows in rows_before.items():
        # columns added by later migrations come last and start empty
        width = len(rows[0])
        assert [r[:width] for r in after[table]] == rows, table
        assert all(v is None for r in after[table] for v in r[width:]), table
    assert len(after["row_history"]) >= 1


def test_migration_names_are_in_order_and_unique() -> None:
    names = known_migrations()
    assert len(set(names)) == len(names)
    assert names == sorted(names)
    assert names[0].startswith("m001")


def test_a_current_file_opened_and_closed_without_an_edit_is_unchanged(tmp_path: Path) -> None:
    path = tmp_path / "p.db"
    create_project(path, seed=True)
    before = path.read_bytes()
    with Project.open(path) as project:
        assert project.schema_version() == known_migrations()[-1]
        assert project.scalar("SELECT count(*) FROM articles") > 0
        assert not project.db.conn.in_transaction
    assert path.read_bytes() == before
    with Project.open(path, readonly=True) as project:
        search(project, "the")
    assert path.read_bytes() == before


def test_a_file_from_a_newer_version_is_refused_and_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "new.db"
    create_project(path, seed=False)
    db = sqlite_utils.Database(path)
    db.execute(
        "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) VALUES (?, ?, ?)",
        ["annotator", "m999_from_the_future", "2030-01-01"],
    )
    db.close()
    before = path.read_bytes()
    with pytest.raises(ProjectError) as err:
        Project.open(path)
    assert str(path) in str(err.value) and "\n" not in str(err.value)
    assert "newer version" in err.value.message
    assert "m999_from_the_future" in str(err.value)
    assert path.read_bytes() == before
