"""The exports check every stored value's kind beside their reads (``checking_stored``):
a value of the wrong kind is still the damaged-file error naming table and column, it
comes before a failure the value causes in the writer, and no file is left."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from annotator.core.errors import ProjectError
from annotator.core.files import output_file
from annotator.store.chronology import check_stored, checking_stored
from annotator.store.exporting import ExportRequest, write_export
from annotator.store.lock import write_marker
from annotator.store.project import Project
from annotator.store.sample_annotations import annotate_seed_project


def _damage(path: Path, sql: str) -> None:
    with Project.open(path) as project:
        annotate_seed_project(project)  # events with tags, actors, citations
    con = sqlite3.connect(path)
    con.execute("PRAGMA ignore_check_constraints=ON")
    con.execute(sql)
    con.commit()
    con.close()
    write_marker(path, clean=True)  # only the cheap checks at open: the export's must see it


@pytest.mark.parametrize("fmt", ["csv", "json"])
@pytest.mark.parametrize(
    ("sql", "words"),
    [
        # read by no writer's row (the scan alone finds it)
        (
            "UPDATE articles SET title = X'00ff80' WHERE rowid = (SELECT max(rowid) FROM articles)",
            "articles.title holds bytes where text belongs",
        ),
        # a tag the CSV joins: the writer fails on it before the scan is done with
        (
            "UPDATE tags SET tag = X'00ff80' WHERE rowid = (SELECT max(rowid) FROM tags)",
            "tags.tag holds bytes where text belongs",
        ),
        ("UPDATE events SET day_seq = 'first'", "events.day_seq holds text where a number"),
    ],
)
def test_a_value_of_the_wrong_kind_is_the_damaged_file_error_and_leaves_no_file(
    seeded_path: Path, tmp_path: Path, fmt: str, sql: str, words: str
) -> None:
    _damage(seeded_path, sql)
    target = tmp_path / f"out.{fmt}"
    with (
        Project.open(seeded_path, readonly=True) as project,
        pytest.raises(ProjectError) as err,
        output_file(target) as out,
    ):
        write_export(project, ExportRequest(fmt), out)
    assert "the project file is damaged" in str(err.value) and words in str(err.value)
    assert not target.exists()


def test_the_check_comes_before_the_failure_it_explains(seeded_path: Path) -> None:
    _damage(seeded_path, "UPDATE articles SET title = X'00' WHERE rowid = 1")
    with (
        Project.open(seeded_path, readonly=True) as project,
        pytest.raises(ProjectError, match=r"articles\.title holds bytes"),
        checking_stored(project),
    ):
        raise TypeError("what the writer would have said")


def test_without_damage_the_blocks_own_failure_is_raised(seeded_path: Path) -> None:
    with (
        Project.open(seeded_path, readonly=True) as project,
        pytest.raises(TypeError, match="the writer's own"),
        checking_stored(project),
    ):
        raise TypeError("the writer's own")


def test_a_sound_file_and_a_project_in_memory_pass(seeded_path: Path) -> None:
    with Project.open(seeded_path, readonly=True) as project:
        with checking_stored(project):
            pass
        check_stored(project)
    project = Project.memory()
    try:
        with checking_stored(project):  # no file to read beside it: checked first
            pass
    finally:
        project.close()
