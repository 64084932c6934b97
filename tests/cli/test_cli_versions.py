"""`annotator import --new-version-of`, a file from an address already imported, and
`annotator diff-versions`: the new version linked, citations moved, bad input refused whole."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from annotator.cli import main
from annotator.store import operations as ops
from annotator.store.project import Project
from annotator.store.project_setup import create_project
from tests.helpers.db import db_dump_all

URL = "https://news.example.org/talks"
V1 = (
    "Leaders met in Paris on Tuesday 🌍. The minister met the envoy there.\n"
    "A second round was cancelled. Observers expect talks in Rome."
)
V2 = (
    "Updated: the article was revised.\n"
    "Leaders met in Paris on Tuesday 🌍. The minister met the special envoy there.\n"
    "Observers expect talks in Rome."
)


def run(*args: object) -> int:
    return main([str(a) for a in args])


def read(path: Path, sql: str, *params: str) -> list[tuple]:
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return con.execute(sql, params).fetchall()
    finally:
        con.close()


@pytest.fixture
def project(tmp_path: Path) -> tuple[Path, str]:
    """A project with version 1 imported from its address and two events citing it."""
    path = tmp_path / "p.db"
    create_project(path, seed=False)
    v1 = tmp_path / "talks.txt"
    v1.write_text(V1, encoding="utf-8")
    assert run("import", path, v1, "--url", URL, "--title", "Talks") == 0
    with Project.open(path) as p:
        aid = p.scalar("SELECT id FROM articles")
        for headline, quote in (("Met", "The minister met the envoy"), ("Off", "cancelled")):
            start = V1.index(quote)
            p.apply(
                ops.create_event(p, headline=headline, span=(aid, start, start + len(quote)))[0]
            )
    return path, aid


def test_new_version_named_on_the_command_line(project, tmp_path, capsys) -> None:
    path, v1 = project
    v2 = tmp_path / "talks-v2.txt"
    v2.write_text(V2, encoding="utf-8")
    assert run("import", path, v2, "--new-version-of", "Talks", "--title", "Talks") == 0
    err = capsys.readouterr().err
    assert "version 2: 1 passage moved to the new text" in err
    assert "1 passage kept on the old version as an orphan" in err
    ((new_id, previous),) = read(
        path, "SELECT id, previous_version FROM articles WHERE id != ?", v1
    )
    assert previous == v1
    moved = read(
        path,
        'SELECT p.article_id, p.start, p."end", p.quote, p.status FROM passages p '
        "JOIN citations c ON c.passage_id = p.id JOIN events e ON e.id = c.event_id "
        "ORDER BY e.headline",
    )
    (met_article, start, end, quote, status), (off_article, *_rest, off_status) = moved
    assert met_article == new_id and V2[start:end] == quote == "The minister met the special envoy"
    assert status == "reanchored"
    assert off_article == v1 and off_status == "orphan"

    assert run("diff-versions", path, new_id) == 0
    out = capsys.readouterr().out
    assert "--- Talks (version 1" in out and "+++ Talks (version 2" in out
    assert "-A second round was cancelled." in out
    assert "+Updated: the article was revised." in out
    assert "+Leaders met in Paris on Tuesday 🌍." not in out  # unchanged sentences are context


def test_a_file_from_the_same_address_is_a_new_version(project, tmp_path, capsys) -> None:
    path, v1 = project
    v2 = tmp_path / "talks-again.txt"
    v2.write_text(V2, encoding="utf-8")
    assert run("import", path, v2, "--url", URL) == 0
    assert "version 2:" in capsys.readouterr().err
    assert read(path, "SELECT count(*) FROM articles WHERE previous_version = ?", v1) == [(1,)]
    # The first version compared with the next one, by id.
    assert run("diff-versions", path, v1) == 0
    assert "+Updated: the article was revised." in capsys.readouterr().out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--new-version-of", "No such article"], "no article with the id or title"),
        (["EXTRA", "--new-version-of", "Talks"], "--new-version-of names one article"),
    ],
)
def test_bad_new_versions_change_nothing(project, tmp_path, capsys, args, message) -> None:
    path, _v1 = project
    v2 = tmp_path / "talks-v2.txt"
    v2.write_text(V2, encoding="utf-8")
    extra = tmp_path / "other.txt"
    extra.write_text("Another article entirely.", encoding="utf-8")
    before = db_dump_all(path)
    argv = ["import", path, v2, *[str(extra) if a == "EXTRA" else a for a in args]]
    assert run(*argv) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err
    assert db_dump_all(path) == before


def test_diff_of_an_article_without_versions_says_so(project, capsys) -> None:
    path, v1 = project
    assert run("diff-versions", path, v1) == 2
    assert "has no other version" in capsys.readouterr().err
    assert run("diff-versions", path, "nothing") == 2
    assert "no article with the id or title 'nothing'" in capsys.readouterr().err
