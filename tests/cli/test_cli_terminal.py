"""Control characters from user data are shown escaped on the terminal, stored unchanged."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotator.cli import main
from annotator.core.terminal import safe
from annotator.store.project import Project
from annotator.store.project_setup import create_project

EVIL = "Red\x1b[31m alert\x07\r\u202etxt.exe\x9b2J"


def test_safe_escapes_controls_keeps_text() -> None:
    assert safe(EVIL) == "Red\\x1b[31m alert\\x07\\x0d\\u202etxt.exe\\x9b2J"
    assert safe("line one\n\ttab — é 中文 🙂") == "line one\n\ttab — é 中文 🙂"


def test_import_info_search_print_escaped(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    project = tmp_path / "p.db"
    create_project(project, seed=False)
    article = tmp_path / "a.txt"
    article.write_text(f"Macron {EVIL} spoke about the ceasefire.\n", encoding="utf-8")
    assert main(["import", str(project), str(article), "--title", EVIL]) == 0
    assert main(["info", str(project)]) == 0
    assert main(["search", str(project), "ceasefire"]) == 0
    captured = capsys.readouterr()
    for stream in (captured.out, captured.err):
        assert "\x1b" not in stream and "\x07" not in stream and "\u202e" not in stream
        assert "\r" not in stream and "\x9b" not in stream
    assert "Red\\x1b[31m alert" in captured.err and "Red\\x1b[31m alert" in captured.out
    with Project.open(project, readonly=True) as opened:
        stored = opened.scalar("SELECT title FROM articles")
        text = opened.scalar("SELECT text FROM articles")
    assert "\x1b[31m" in stored and "\u202e" in stored  # stored raw, only printing escapes
    assert "\x1b[31m" in text


def test_error_line_with_escape_in_file_name(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    project = tmp_path / "p.db"
    create_project(project, seed=False)
    assert main(["import", str(project), str(tmp_path / "x\x1b[2J.txt")]) == 2
    err = capsys.readouterr().err
    assert "\x1b" not in err and "x\\x1b[2J.txt: no such file" in err
