"""The codebook travels with the project: JSON export and load, merge, and the passages
CSV from the command line."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from annotator.cli import main
from annotator.core.errors import InputError
from annotator.core.export.json_export import validate
from annotator.store import codebook as cb
from annotator.store.chronology import build_document, load_document
from annotator.store.merge import merge_into
from annotator.store.project import Project
from annotator.store.project_setup import create_project
from annotator.store.sample_annotations import annotate_seed_project

CODES = (
    "SELECT c.name, c.color, c.description, p.name AS parent FROM codes c "
    "LEFT JOIN codes p ON p.id = c.parent_id ORDER BY c.name"
)


@pytest.fixture
def seeded(tmp_path: Path) -> Path:
    path = tmp_path / "seed.db"
    create_project(path, seed=True)
    with Project.open(path) as project:
        annotate_seed_project(project)
        # a child made before its parent is moved under it: rowid order is not tree order
        project.apply(cb.create_code(project, "arms", color="#e15759", description="Weapons"))
        project.apply(cb.create_code(project, "Europe"))
        project.apply(cb.move_code(project, "arms", "Europe"))
        project.apply(cb.move_code(project, "rearmament", "arms"))
    return path


def _codes(project: Project) -> list[dict]:
    return project.rows(CODES)


def test_json_round_trip_keeps_the_codebook(seeded: Path, tmp_path: Path) -> None:
    with Project.open(seeded) as project:
        doc = build_document(project)
        want = _codes(project)
    validate(json.loads(json.dumps(doc)))
    assert [c["name"] for c in doc["codebook"]][:2] == ["Europe", "arms"]  # parents first
    fresh = tmp_path / "fresh.db"
    with Project.open(fresh, create=True) as project:
        project.apply(load_document(project, doc))
        assert _codes(project) == want
        with pytest.raises(InputError, match="already in this project"):
            load_document(project, doc)


def test_a_document_with_a_bad_codebook_names_the_field(seeded: Path) -> None:
    with Project.open(seeded) as project:
        doc = json.loads(json.dumps(build_document(project)))
    europe = doc["codebook"][0]
    europe["parent_id"] = doc["codebook"][2]["id"]  # Europe under rearmament: a cycle
    with pytest.raises(InputError, match=r"codebook\[0\]\.parent_id: the code is inside itself"):
        validate(doc)
    doc["codebook"][0]["color"] = "red"
    with pytest.raises(InputError, match=r"codebook\[0\]\.color"):
        validate(doc)


def test_merge_brings_their_codebook_and_joins_tags_of_one_name(
    seeded: Path, tmp_path: Path
) -> None:
    theirs = tmp_path / "theirs.db"
    theirs.write_bytes(seeded.read_bytes())
    with Project.open(theirs) as project:
        project.apply(cb.create_code(project, "sanctions regime", description="Theirs"))
        project.apply(cb.move_code(project, "sanctions", "sanctions regime"))
        project.apply(cb.edit_code(project, "Europe", description="The continent"))
    with Project.open(seeded) as project:
        project.apply(cb.create_code(project, "ceasefire talks"))
        merge_into(project, theirs)
        got = {r["name"]: r for r in _codes(project)}
    assert got["sanctions"]["parent"] == "sanctions regime"
    assert got["Europe"]["description"] == "The continent"
    assert got["arms"]["parent"] == "Europe" and "ceasefire talks" in got


def test_merge_of_a_file_from_before_the_codebook(seeded: Path, tmp_path: Path) -> None:
    older = tmp_path / "older.db"
    with Project.open(older, create=True) as project:
        project.db.execute("DROP TABLE codes")
        project.db.execute("DELETE FROM _sqlite_migrations WHERE name = 'm010_tag_codebook'")
    with Project.open(seeded) as project:
        merge_into(project, older)  # nothing to bring, and no complaint
        assert len(_codes(project)) == 3


def test_passages_of_a_tag_and_an_actor_from_the_command_line(seeded: Path, tmp_path: Path) -> None:
    out = tmp_path / "passages.csv"
    args = ["export", seeded, "--format", "csv", "--what", "passages"]
    assert (
        main([str(a) for a in [*args, "--tag", "rearmament", "--actor", "Macron", "-o", out]]) == 0
    )
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"), newline="")))
    fors = {r["for"] for r in rows}
    assert fors == {"tag: rearmament", "actor: Emmanuel Macron"}
    assert all(r["passage"] and r["article"] and r["items"] for r in rows)
    assert sum(r["for"] == "tag: rearmament" for r in rows) == 4


def test_passages_without_a_tag_or_in_another_format_say_what_to_do(
    seeded: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["export", str(seeded), "--format", "csv", "--what", "passages"]) == 2
    assert "add --tag NAME or --actor NAME" in capsys.readouterr().err
    assert main(["export", str(seeded), "--what", "passages", "--tag", "x"]) == 2
    assert "add --format csv" in capsys.readouterr().err
