"""Driving the real main window as a user would: shared by the window and tagging tests.

Modal dialogs would hang a test, so the window's own dialogs open with ``open()`` (the test
finds them on the window) and static QMessageBox / QFileDialog functions are patched.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from annotator.store.project import Project
from annotator.ui.editing.session import Session
from annotator.ui.window.main_window import MainWindow
from tests.helpers.db import close_and_compare

WSJ = "001_"  # the Wall Street Journal seed article, published 2025-03-07/2025-03-08
NYT = "002_"  # the New York Times one, 2025-03-11


class Calls:
    """Records calls to a patched static dialog and answers with ``answer``."""

    def __init__(self, answer=None):
        self.answer = answer
        self.calls: list[tuple] = []

    def __call__(self, *args, **kwargs):
        self.calls.append(args)
        return self.answer


@pytest.fixture
def warnings(monkeypatch) -> Calls:
    calls = Calls(QMessageBox.StandardButton.Ok)
    monkeypatch.setattr(QMessageBox, "warning", calls)
    monkeypatch.setattr(QMessageBox, "critical", calls)
    return calls


@pytest.fixture
def window(qtbot, seeded_path: Path, warnings):
    project = Project.open(seeded_path)
    session = Session(project)
    win = MainWindow(session)
    qtbot.addWidget(win)
    win.resize(1280, 800)
    win.show()
    qtbot.waitExposed(win)
    win.activateWindow()
    wait_for_suggestions(qtbot, win)
    yield win
    win.close()
    # The one open now (a test may have switched projects): the file must hold exactly
    # what the window showed, read from a connection of its own.
    close_and_compare(win.session.project)
    project.close()


def wait_for_suggestions(qtbot, win: MainWindow) -> None:
    """The first article's suggestions are found in a worker after the first paint."""
    marks = win.reader.suggestions
    qtbot.waitUntil(lambda: marks.armed and not marks.pending, timeout=30_000)


def article_id(win: MainWindow, prefix: str) -> str:
    return win.session.project.scalar("SELECT id FROM articles WHERE source LIKE ?", [f"{prefix}%"])


def open_article(win: MainWindow, prefix: str) -> tuple[str, str]:
    aid = article_id(win, prefix)
    win.articles.select_article(aid)
    assert win.reader.article_id == aid
    return aid, win.reader.text


def select_quote(win: MainWindow, quote: str) -> tuple[int, int]:
    """Select a passage in the reader; returns its code-point span."""
    start = win.reader.text.index(quote)
    win.reader.setFocus()
    win.reader.select_span(start, start + len(quote))
    assert win.reader.selection_span() == (start, start + len(quote))
    return start, start + len(quote)


def press(qtbot, widget, key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    qtbot.keyClick(widget, key, modifier)


def focused() -> object:
    return QApplication.focusWidget()


def close_app(win) -> Path:
    """Close the window and its project, as quitting does; the file's path, to read it."""
    path = win.session.project.path
    win.close()
    win.session.project.close()
    return path
