"""Every edit made through the window reaches the file.

Each test drives the widgets as an analyst does, closes the window and the project, and
reads the file from a connection of its own. A test that asked the app's own connection
could not see a transaction that was never committed, so none of these do.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from PySide6.QtCore import Qt

from tests import window_fixture
from tests.window_fixture import WSJ, open_article, press, select_quote

window = window_fixture.window
warnings = window_fixture.warnings

QUOTES = ("the European Union unveiled plans", "Friedrich Merz", "800 billion euros")


def read_file(path: Path, sql: str, params: tuple = ()) -> list[tuple]:
    """The file as any other program sees it: a new read-only connection."""
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return con.execute(sql, params).fetchall()
    finally:
        con.close()


def close_app(win) -> Path:
    path = win.session.project.path
    win.close()
    win.session.project.close()
    return path


def test_three_events_by_keyboard_all_reach_the_file(qtbot, window):
    win = window
    open_article(win, WSJ)
    for quote in QUOTES:
        select_quote(win, quote)
        press(qtbot, win.reader, Qt.Key.Key_E)
        dialog = win.tagging.dialog
        assert dialog is not None
        press(qtbot, dialog, Qt.Key.Key_Return)
        assert win.tagging.dialog is None
        qtbot.wait(150)  # deferred work (the drawn timeline's refresh) runs
    path = close_app(win)
    assert read_file(path, "SELECT count(*) FROM events") == [(3,)]
