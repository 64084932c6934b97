"""Memo rows that go with the row they are about: listed in the edit that deletes or moves it
(no ON DELETE CASCADE), so the edit's inverse brings them back."""

from __future__ import annotations

from collections.abc import Iterable

from annotator.store.changes import ChangeSet
from annotator.store.project import Project

NOTE_COLUMNS = ("article_id", "passage_id", "event_id", "actor_id", "claim_id")


def delete_notes_of(project: Project, cs: ChangeSet, column: str, ids: Iterable[str]) -> None:
    if column not in NOTE_COLUMNS:
        raise ValueError(column)
    for target in ids:
        for note in project.rows(f"SELECT * FROM notes WHERE {column} = ? ORDER BY id", [target]):
            cs.delete("notes", note)


def has_notes(project: Project, column: str, target: str) -> bool:
    if column not in NOTE_COLUMNS:
        raise ValueError(column)
    return bool(project.scalar(f"SELECT 1 FROM notes WHERE {column} = ? LIMIT 1", [target]))
