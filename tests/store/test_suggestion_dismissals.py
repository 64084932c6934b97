"""Dismissed suggestions: stored once, undone exactly, carried by JSON and by merges."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from annotator.core.errors import InputError
from annotator.core.export.json_export import validate
from annotator.store.chronology import build_document, load_document
from annotator.store.merge import merge_into
from annotator.store.project import Project
from annotator.store.project_setup import create_project
from annotator.store.schema import TABLE_ORDER
from annotator.store.suggestion_dismissals import dismiss, dismissed


@pytest.fixture
def seeded(tmp_path: Path) -> Path:
    path = tmp_path / "seed.db"
    create_project(path, seed=True)
    return path


def _first_article(project: Project) -> tuple[str, str]:
    row = project.rows("SELECT id, text FROM articles ORDER BY rowid LIMIT 1")[0]
    return row["id"], row["text"]


def _key(text: str, word: str) -> tuple[str, int, int, str]:
    at = text.index(word)
    return ("new_actor", at, at + len(word), word)


def _dump(project: Project) -> dict[str, list[tuple]]:
    return {
        t: sorted((tuple(r.values()) for r in project.rows(f"SELECT * FROM [{t}]")), key=repr)
        for t in TABLE_ORDER
    }


def test_dismiss_is_one_row_undone_exactly(seeded: Path) -> None:
    with Project.open(seeded) as project:
        before = _dump(project)
        article_id, text = _first_article(project)
        word = text.split()[0]
        cs = dismiss(project, article_id, _key(text, word))
        project.apply(cs)
        assert dismissed(project, article_id) == {_key(text, word)}
        assert not dismiss(project, article_id, _key(text, word))  # already: nothing to do
        project.apply(cs.inverse())
        assert dismissed(project, article_id) == set()
        assert _dump(project) == before  # every table as it was


def test_a_key_that_is_not_in_the_text_is_refused(seeded: Path) -> None:
    with Project.open(seeded) as project:
        article_id, _text = _first_article(project)
        with pytest.raises(InputError, match="no longer in the article"):
            dismiss(project, article_id, ("date", 0, 5, "zzzzz"))
        with pytest.raises(InputError, match="not a suggestion"):
            dismiss(project, article_id, ("event", 0, 5, "zzzzz"))


def test_json_round_trip_and_merge_carry_dismissals(seeded: Path, tmp_path: Path) -> None:
    with Project.open(seeded) as project:
        article_id, text = _first_article(project)
        project.apply(dismiss(project, article_id, _key(text, text.split()[0])))
        doc = json.loads(json.dumps(build_document(project)))
    validate(doc)
    assert [d["article_id"] for d in doc["suggestion_dismissals"]] == [article_id]
    fresh = tmp_path / "fresh.db"
    with Project.open(fresh, create=True) as project:
        project.apply(load_document(project, doc))
        assert dismissed(project, article_id) == {_key(text, text.split()[0])}
    bad = json.loads(json.dumps(doc))
    bad["suggestion_dismissals"][0]["kind"] = "event"
    with pytest.raises(InputError, match=r"suggestion_dismissals\[0\]\.kind"):
        validate(bad)
    # theirs dismissed a second one; the same first one in both files stays one row
    theirs = tmp_path / "theirs.db"
    theirs.write_bytes(seeded.read_bytes())
    with Project.open(theirs) as project:
        project.apply(dismiss(project, article_id, _key(text, text.split()[0])))
        project.apply(dismiss(project, article_id, _key(text, text.split()[1])))
    with Project.open(seeded) as project:
        project.apply(dismiss(project, article_id, _key(text, text.split()[0])))
        merge_into(project, theirs)
        assert len(dismissed(project, article_id)) == 2


def test_the_merge_command_carries_a_colleagues_dismissals(seeded: Path, tmp_path: Path) -> None:
    from annotator.cli import main

    theirs = tmp_path / "theirs.db"
    theirs.write_bytes(seeded.read_bytes())
    with Project.open(theirs) as project:
        article_id, text = _first_article(project)
        project.apply(dismiss(project, article_id, _key(text, text.split()[1])))
    assert main(["merge", str(seeded), str(theirs)]) == 0
    db = sqlite3.connect(seeded)  # a second connection, the command's closed
    try:
        rows = db.execute("SELECT article_id, text FROM suggestion_dismissals").fetchall()
    finally:
        db.close()
    assert rows == [(article_id, text.split()[1])]
