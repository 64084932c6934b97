"""Quitting is quick: the Quit action to the process's exit, beside a bare QApplication's."""

from __future__ import annotations

import sqlite3

from annotator.bench.gui_measures import quit_time
from annotator.store.project_setup import create_project


def test_quit_takes_little_more_than_a_bare_application(tmp_path) -> None:
    path = tmp_path / "seed.annot"
    create_project(path, seed=True)
    figure = quit_time(path)
    assert figure.floor is not None
    assert figure.value < figure.floor + 500, figure.as_json()
    con = sqlite3.connect(path)  # left whole and readable
    try:
        assert con.execute("PRAGMA quick_check").fetchone()[0] == "ok"
        assert con.execute("SELECT count(*) FROM articles").fetchone()[0] == 3
    finally:
        con.close()
