"""The closed lists live in one module; the JSON Schema the exports ship and the Datasette
notes say the same, and so do the project file's CHECK constraints."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from annotator.core import vocabulary as v
from annotator.store.project_setup import create_project
from tests.helpers.paths import REPO

SCHEMA = json.loads((REPO / "resources/schema/chronology.schema.json").read_text())
DATASETTE = json.loads((REPO / "resources/datasette/metadata.json").read_text())


@pytest.mark.parametrize(
    ("definition", "field", "words"),
    [
        ("actor", "kind", v.ACTOR_KINDS),
        ("claim", "stance", v.STANCES),
        ("claim", "assessment", v.ASSESSMENTS),
        ("event", "confidence", v.CONFIDENCES),
        ("event", "fact_status", v.FACT_STATUSES),
        ("claim", "fact_status", v.FACT_STATUSES),
        ("passage", "status", v.PASSAGE_STATUSES),
        ("date", "status", v.DATE_STATUSES),
        ("relation", "kind", v.RELATION_KINDS),
    ],
)
def test_the_json_schema_lists_the_same_words(definition: str, field: str, words) -> None:
    enum = SCHEMA["$defs"][definition]["properties"][field]["enum"]
    assert [w for w in enum if w is not None] == list(words)


@pytest.mark.parametrize(
    ("table", "column", "words"),
    [("actors", "kind", v.ACTOR_KINDS), ("claims", "stance", v.STANCES),
     ("claims", "assessment", v.ASSESSMENTS), ("event_relations", "kind", v.RELATION_KINDS)],
)  # fmt: skip
def test_the_datasette_notes_name_every_word(table: str, column: str, words) -> None:
    tables = next(iter(DATASETTE["databases"].values()))["tables"]
    note = tables[table]["columns"][column]
    for word in words:
        assert word in note, (table, column, word)


@pytest.mark.parametrize(
    ("table", "column", "words"),
    [("actors", "kind", v.ACTOR_KINDS), ("claims", "stance", v.STANCES),
     ("claims", "assessment", v.ASSESSMENTS), ("events", "confidence", v.CONFIDENCES),
     ("event_relations", "kind", v.RELATION_KINDS),
     ("events", "fact_status", v.FACT_STATUSES), ("claims", "fact_status", v.FACT_STATUSES)],
)  # fmt: skip
def test_the_project_files_check_constraint_lists_each_word(
    tmp_path: Path, table: str, column: str, words
) -> None:
    path = tmp_path / "p.db"
    create_project(path, seed=False)
    con = sqlite3.connect(path)
    sql = con.execute("SELECT sql FROM sqlite_master WHERE name = ?", (table,)).fetchone()[0]
    for word in words:
        assert f"'{word}'" in sql
    assert "'not-a-word'" not in sql
    con.close()
