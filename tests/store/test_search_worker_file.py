"""The search a worker thread runs opens the file itself: a file that cannot be read is the
app's one-line error naming it, never SQLite's exception."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotator.core.errors import AnnotatorError
from annotator.store.project_setup import create_project
from annotator.store.search import search_file


def test_a_worker_search_reads_the_file_on_its_own_connection(tmp_path: Path) -> None:
    path = tmp_path / "p.db"
    create_project(path, seed=True)
    hits = search_file(path, "Macron")
    assert hits and {h.kind for h in hits} >= {"article"}


def test_a_file_that_is_no_project_is_named(tmp_path: Path) -> None:
    path = tmp_path / "not-a-project.db"
    path.write_bytes(b"this is not SQLite" * 100)
    with pytest.raises(AnnotatorError) as raised:
        search_file(path, "Macron")
    assert "not-a-project.db" in str(raised.value) + str(raised.value.where or "")
