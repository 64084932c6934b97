"""Ctrl-C says truthfully what was saved; `search` explains how to look for '-word'."""

from __future__ import annotations

from pathlib import Path

import pytest

import annotator.cli.edit_verbs as edit_verbs
import annotator.core.importers as importers
from annotator.cli import main
from annotator.store.project_setup import create_project
from tests.helpers.db import db_dump


@pytest.fixture
def files(tmp_path: Path) -> list[str]:
    out = []
    for i in range(5):
        f = tmp_path / f"a{i}.txt"
        f.write_text(f"Article number {i} about the ceasefire.\n", encoding="utf-8")
        out.append(str(f))
    return out


@pytest.fixture
def project(tmp_path: Path) -> Path:
    path = tmp_path / "p.db"
    create_project(path, seed=False)
    return path


def test_interrupt_while_reading_imports_nothing(
    project: Path, files: list[str], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture
) -> None:
    real = importers.import_articles
    calls = []

    def flaky(path: str, **kw: str | None) -> object:
        calls.append(path)
        if len(calls) == 3:
            raise KeyboardInterrupt
        return real(path, **kw)

    monkeypatch.setattr(edit_verbs, "import_articles", flaky)
    before = db_dump(project)
    assert main(["import", str(project), *files]) == 130
    err = capsys.readouterr().err
    assert err == "annotator: interrupted while reading file 3 of 5; nothing was imported\n"
    assert db_dump(project) == before


def test_interrupt_after_commit_says_files_are_saved(
    project: Path, files: list[str], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture
) -> None:
    def late(articles: list, *_versions: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(edit_verbs, "report_imported", late)
    assert main(["import", str(project), *files]) == 130
    err = capsys.readouterr().err
    assert err == (
        "annotator: interrupted after the import was saved: all 5 file(s) are in the project\n"
    )
    assert len(db_dump(project)["articles"]) == 5


def test_search_leading_minus(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    project = tmp_path / "s.db"
    create_project(project, seed=True)
    with pytest.raises(SystemExit) as info:
        main(["search", str(project), "-Macron"])
    assert info.value.code == 2
    err = capsys.readouterr().err
    assert "put -- before it: annotator search PROJECT -- -word" in err
    assert main(["search", str(project), "--", "-Macron"]) == 0
    assert "Macron" in capsys.readouterr().out
