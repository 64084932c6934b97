"""The JSON export's ids checked in SQL: a sound project keeps no id in memory, and any
reference to nothing sends the export back to checking the ids itself (same words)."""

from __future__ import annotations

import io
import sqlite3
from pathlib import Path

import pytest

from annotator.core.errors import InputError
from annotator.core.export import json_export
from annotator.core.export.json_check import StreamCheck
from annotator.store import json_stream
from annotator.store.chronology import build_document
from annotator.store.export_references import references_resolve
from annotator.store.lock import write_marker
from annotator.store.project import Project
from annotator.store.project_setup import create_project
from annotator.store.sample_annotations import annotate_seed_project


def _seed(tmp_path: Path) -> Path:
    path = tmp_path / "seed.db"
    create_project(path, seed=True)
    with Project.open(path) as project:
        annotate_seed_project(project)  # relations, notes, claims, versions
    return path


def test_a_sound_project_is_exported_without_keeping_its_ids(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    made: list[StreamCheck] = []

    class Kept(StreamCheck):
        def __init__(self, *, ids_checked: bool = False) -> None:
            super().__init__(ids_checked=ids_checked)
            made.append(self)

    monkeypatch.setattr(json_stream, "StreamCheck", Kept)
    with Project.open(_seed(tmp_path), readonly=True) as project:
        assert references_resolve(project)
        out = io.BytesIO()
        json_stream.write_json(project, out)
        doc = build_document(project)
    assert out.getvalue() == json_export.dumps(doc).encode("utf-8")
    (check,) = made
    assert check.ids_checked
    assert not any(check.ids.values()) and not check.cite_ids and not check.note_ids
    assert not check.waiting


@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE citations SET passage_id = 'gone' WHERE rowid = (SELECT max(rowid) FROM citations)",
        "UPDATE claims SET claimant_id = 'gone' WHERE rowid = (SELECT max(rowid) FROM claims)",
        "UPDATE claims SET event_id = 'gone' WHERE rowid = (SELECT max(rowid) FROM claims)",
        "UPDATE articles SET previous_version = 'gone' WHERE rowid = 1",
        "UPDATE passages SET article_id = 'gone' WHERE rowid = 1",
        "UPDATE event_actors SET actor_id = 'gone' WHERE rowid = 1",
        "INSERT INTO event_relations (id, source_id, kind, target_id, created, modified) "
        "VALUES ('r-gone', (SELECT min(id) FROM events), 'precedes', 'gone', '2024', '2024')",
        "INSERT INTO notes (id, text, event_id, created, modified) "
        "VALUES ('n-gone', 'About nothing', 'gone', '2024', '2024')",
        # cited by two items at once: listed twice in the document
        "UPDATE citations SET actor_id = (SELECT min(id) FROM actors) WHERE rowid = "
        "(SELECT min(rowid) FROM citations WHERE event_id IS NOT NULL)",
    ],
)
def test_a_reference_to_nothing_is_left_to_the_exports_own_checks(tmp_path: Path, sql: str) -> None:
    path = _seed(tmp_path)
    con = sqlite3.connect(path)
    con.execute("PRAGMA ignore_check_constraints=ON")
    assert con.execute(sql).rowcount == 1
    con.commit()
    con.close()
    write_marker(path, clean=True)
    with Project.open(path, readonly=True) as project:
        assert not references_resolve(project)
        with pytest.raises(InputError) as whole:
            json_export.validate(build_document(project))
        with pytest.raises(InputError) as streamed:
            json_stream.write_json(project, io.BytesIO())
    assert str(streamed.value) == str(whole.value)
