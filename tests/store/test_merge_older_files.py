"""A colleague's project file made with an earlier version merges, read through a migrated
private copy: their file is left byte for byte as it was; one from a newer version is
refused, naming it and what to do."""

from __future__ import annotations

import hashlib
import sqlite3
import tempfile
from pathlib import Path

import pytest
import sqlite_utils

from annotator.cli import main
from annotator.core.errors import ProjectError
from annotator.core.text import text_hash
from annotator.store.merge import merge_into
from annotator.store.project import Project
from annotator.store.project_setup import create_project
from annotator.store.schema import known_migrations, migrations
from tests.helpers.db import db_dump

STAMP = {"created": "2024-01-01T00:00:00.000Z", "modified": "2024-01-01T00:00:00.000Z"}
TEXT = "Talks in Kyiv began on 4 March 2024, the ministry said."


def older_file(path: Path, stop_before: str) -> Path:
    """A colleague's project as an earlier version left it: only the migrations before
    ``stop_before``, with an article, an actor, an event and a passage citing it."""
    db = sqlite_utils.Database(path)
    migrations.apply(db, stop_before=stop_before)
    who = STAMP | {"analyst": "bo"}
    db["articles"].insert(
        {"id": "a-old", "title": "Kyiv talks", "text": TEXT, "text_hash": text_hash(TEXT)} | who
    )
    db["actors"].insert({"id": "m-old", "name": "The ministry", "kind": "organisation"} | who)
    db["events"].insert(
        {"id": "e-old", "headline": "Talks begin in Kyiv", "date": "2024-03-04", "day_seq": 0}
        | {"date_earliest": "2024-03-04T00:00:00", "date_latest": "2024-03-04T23:59:59"}
        | {"date_precision": "day", "date_status": "confirmed"}
        | who
    )
    quote = "Talks in Kyiv began"
    db["passages"].insert(
        {"id": "p-old", "article_id": "a-old", "start": 0, "end": len(quote), "quote": quote}
        | {"text_hash": text_hash(quote), "suffix": TEXT[len(quote) :]}
        | who
    )
    db["citations"].insert(
        {"id": "c-old", "passage_id": "p-old", "event_id": "e-old", "note": ""} | who
    )
    db.close()
    return path


def fingerprint(path: Path) -> tuple[str, list[str]]:
    """The file's bytes and the sidecars beside it (a -wal or -shm would be a change)."""
    sidecars = sorted(p.name for p in path.parent.glob(f"{path.name}-*"))
    return hashlib.sha256(path.read_bytes()).hexdigest(), sidecars


def read(path: Path, sql: str) -> list[tuple]:
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)  # a connection of its own
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


# The first file format, one from before memos and fact status (m008) and one from before
# the fetched-article columns (m011): each lacks columns the merge reads.
OLDER = ["m002_indexes", "m008_notes_and_fact_status", "m011_article_retrieval"]


@pytest.mark.parametrize("stop_before", OLDER)
def test_the_command_line_merges_an_older_file_and_leaves_it_alone(
    tmp_path: Path,
    stop_before: str,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    theirs = older_file(tmp_path / "theirs.db", stop_before)
    before = fingerprint(theirs)
    ours = tmp_path / "ours.db"
    create_project(ours, seed=False)
    temp = tmp_path / "temp"  # the private copy's folder, this test's own
    temp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temp))

    assert main(["merge", str(ours), str(theirs)]) == 0
    assert "added 1 article" in capsys.readouterr().err

    assert fingerprint(theirs) == before  # their file, byte for byte, and no sidecar
    assert read(theirs, "SELECT count(*) FROM _sqlite_migrations")[0][0] < len(known_migrations())
    assert list(temp.iterdir()) == []  # the private copy is gone
    assert read(ours, "SELECT headline, fact_status FROM events") == [("Talks begin in Kyiv", None)]
    assert read(ours, "SELECT title, retrieved, fetched_from FROM articles") == [
        ("Kyiv talks", None, None)
    ]
    assert read(ours, "SELECT id, event_id FROM citations") == [("c-old", "e-old")]


def test_the_merge_of_an_older_file_is_undone_exactly(tmp_path: Path) -> None:
    theirs = older_file(tmp_path / "theirs.db", "m008_notes_and_fact_status")
    ours = tmp_path / "ours.db"
    create_project(ours, seed=True)
    content = db_dump(ours)
    with Project.open(ours) as project:
        result = merge_into(project, theirs)
        assert result.changeset is not None
    assert read(ours, "SELECT count(*) FROM events WHERE id = 'e-old'") == [(1,)]
    with Project.open(ours) as project:
        project.apply(result.changeset.inverse())
    assert read(ours, "SELECT count(*) FROM events WHERE id = 'e-old'") == [(0,)]
    after = db_dump(ours)
    assert {t: r for t, r in after.items() if t != "row_history"} == {
        t: r for t, r in content.items() if t != "row_history"
    }


def test_a_file_from_a_newer_version_is_refused_naming_it(tmp_path: Path) -> None:
    theirs = tmp_path / "theirs.db"
    create_project(theirs, seed=False)
    con = sqlite3.connect(theirs)
    con.execute(
        "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) VALUES (?, ?, ?)",
        ["annotator", "m999_from_the_future", "2030-01-01"],
    )
    con.commit()
    con.close()
    before = fingerprint(theirs)
    ours = tmp_path / "ours.db"
    create_project(ours, seed=False)
    content = db_dump(ours)
    with Project.open(ours) as project, pytest.raises(ProjectError) as err:
        merge_into(project, theirs)
    text = str(err.value)
    assert text.startswith(f"{theirs}: cannot merge a project written by a newer version")
    assert "update Timeline Annotator" in text and "JSON export" in text
    assert "m999_from_the_future" in text and "\n" not in text
    assert fingerprint(theirs) == before
    assert db_dump(ours) == content


def test_damage_in_an_older_file_names_that_file_not_the_copy(tmp_path: Path) -> None:
    theirs = older_file(tmp_path / "theirs.db", "m008_notes_and_fact_status")
    con = sqlite3.connect(theirs)
    con.execute("UPDATE events SET created = 'yesterday' WHERE id = 'e-old'")
    con.commit()
    con.close()
    ours = tmp_path / "ours.db"
    create_project(ours, seed=False)
    with Project.open(ours) as project, pytest.raises(ProjectError) as err:
        merge_into(project, theirs)
    assert str(err.value).startswith(f"{theirs}: the project file is damaged (events row e-old")
    assert "annotator-merge-" not in str(err.value)
