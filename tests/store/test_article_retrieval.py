"""Where and when an article was fetched: stored, looked up as known addresses, and a
damaged value in the file is the damaged-file error naming the column."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from annotator.core.errors import ProjectError
from annotator.core.importers.article import ImportedArticle
from annotator.store import operations as ops
from annotator.store.chronology import build_document
from annotator.store.known_addresses import known_addresses
from annotator.store.lock import write_marker
from annotator.store.project import Project

CHAIN = ["http://a.example/x", "https://a.example/x", "https://a.example/story"]


def _fetched(path: Path) -> str:
    art = ImportedArticle(
        text="The bridge was closed on Tuesday.",
        title="Bridge closed",
        outlet=None,
        author=None,
        url="https://a.example/story",
        published=None,
        language=None,
        source="https://a.example/story",
        retrieved="2025-03-04T10:00:00.000Z",
        fetched_from=CHAIN,
    )
    with Project.open(path, create=True) as p:
        cs, aid = ops.import_article(p, art)
        p.apply(cs)
    return aid


def test_every_address_asked_is_known(tmp_path: Path) -> None:
    path = tmp_path / "p.db"
    _fetched(path)
    with Project.open(path, readonly=True) as p:
        assert known_addresses(p) == dict.fromkeys(CHAIN, "Bridge closed")
        (article,) = build_document(p)["articles"]
    assert article["retrieved"] == "2025-03-04T10:00:00.000Z"
    assert article["fetched_from"] == CHAIN


@pytest.mark.parametrize("bad", ['{"a": 1}', "5", '["x"'])
def test_a_damaged_chain_is_the_damaged_file_error(tmp_path: Path, bad: str) -> None:
    path = tmp_path / "p.db"
    aid = _fetched(path)
    con = sqlite3.connect(path)
    con.execute("PRAGMA ignore_check_constraints=ON")
    con.execute("UPDATE articles SET fetched_from = ? WHERE id = ?", [bad, aid])
    con.commit()
    con.close()
    write_marker(path, clean=True)
    with Project.open(path, readonly=True) as p:
        assert "https://a.example/story" in known_addresses(p)  # its own url still counts
        with pytest.raises(ProjectError, match=f"articles row {aid}: fetched_from"):
            build_document(p)
