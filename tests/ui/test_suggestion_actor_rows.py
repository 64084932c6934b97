"""The actors' rows the reader's suggestion worker builds its index from: a file's read on
a connection of its own (the same rows as the window's connection reads), in memory given."""

from __future__ import annotations

from pathlib import Path

from annotator.store.project import Project
from annotator.store.suggestion_actors import suggestion_actors
from annotator.ui.editing.session import Session
from annotator.ui.reader import suggestion_marks
from annotator.ui.reader.suggestion_marks import _ActorRows


def test_a_files_actors_are_read_on_a_connection_of_their_own(seeded: Session) -> None:
    rows = _ActorRows(seeded.project)
    assert rows._rows is None  # nothing read on the window's thread
    assert rows.rows == suggestion_actors(seeded.project) != []


def test_a_file_not_opened_twice_gives_no_actors(seeded: Session, monkeypatch) -> None:
    from annotator.core.errors import ProjectError

    def refuse(path: Path, read: object) -> object:
        raise ProjectError("the file could not be read", where=str(path))

    monkeypatch.setattr(suggestion_marks, "read_on_own_connection", refuse)
    assert _ActorRows(seeded.project).rows == []


def test_a_project_in_memory_gives_its_rows_at_once(qapp) -> None:
    project = Project.memory()
    try:
        rows = _ActorRows(project)
        assert rows._rows is not None  # no file for a worker to read
        assert rows.rows == suggestion_actors(project)
    finally:
        project.close()
