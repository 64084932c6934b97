"""``export --format qdpx`` and ``import-qdpx``: a round trip through files, and bad files
refused in one line with status 2 and the project unchanged."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from annotator.cli import main
from annotator.store.project import Project
from annotator.store.project_setup import create_project
from annotator.store.sample_annotations import annotate_seed_project

TABLES = ("articles", "passages", "events", "actors", "claims", "citations", "tags")


def run(*args: object) -> int:
    return main([str(a) for a in args])


def _counts(path: Path) -> dict[str, int]:
    with Project.open(path, readonly=True) as project:
        return {t: project.scalar(f"SELECT count(*) FROM {t}") for t in TABLES}


@pytest.fixture(scope="module")
def annotated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("proj") / "p.db"
    create_project(path, seed=True)
    with Project.open(path) as opened:
        annotate_seed_project(opened)
    return path


def test_round_trip_through_the_command_line(
    tmp_path: Path, annotated: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first, second, empty = tmp_path / "a.qdpx", tmp_path / "b.qdpx", tmp_path / "e.db"
    assert run("export", annotated, "--format", "qdpx", "-o", first) == 0
    assert run("init", empty) == 0
    assert run("import-qdpx", empty, first) == 0
    assert "imported" in capsys.readouterr().err
    assert run("export", empty, "--format", "qdpx", "-o", second) == 0
    assert second.read_bytes() == first.read_bytes()
    assert _counts(empty) == _counts(annotated) | {"tags": _counts(empty)["tags"]}


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"not a zip", "is not a .qdpx (zip) file"),
        ("zip:other.txt", "has no project.qde"),
        ("zip:project.qde", "not well-formed XML"),
    ],
)
def test_bad_files_exit_2_with_one_line_and_the_project_unchanged(
    tmp_path: Path, annotated: Path, capsys: pytest.CaptureFixture[str], content, message: str
) -> None:
    bad = tmp_path / "bad.qdpx"
    if isinstance(content, bytes):
        bad.write_bytes(content)
    else:
        with zipfile.ZipFile(bad, "w") as zf:
            zf.writestr(content.removeprefix("zip:"), "<Project")
    before = _counts(annotated)
    assert run("import-qdpx", annotated, bad) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and message in err and "Traceback" not in err
    assert _counts(annotated) == before


def test_an_unknown_mapping_is_refused_by_the_parser(tmp_path: Path, annotated: Path) -> None:
    with pytest.raises(SystemExit) as exit_:
        run("import-qdpx", annotated, tmp_path / "x.qdpx", "--codes-as", "claims")
    assert exit_.value.code == 2
