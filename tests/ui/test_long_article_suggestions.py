"""A long article's suggestions are found in a worker: the reader opens at once, the marks
come when ready, the whole text's as before (a very long one's are found a chunk at a time:
``test_chunked_suggestions``), and they are taken by key like any others (read back from
the file)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from annotator.core.importers import ImportedArticle
from annotator.core.suggestions.find import ActorIndex, _cached, find_suggestions
from annotator.store import operations
from annotator.store.project import Project
from annotator.store.project_setup import create_project
from annotator.ui.reader.suggestion_marks import CHUNKED_FROM, SYNC_TEXT
from tests.helpers import window_fixture
from tests.helpers.db import read_file
from tests.helpers.window_fixture import close_app, press

window = window_fixture.window
warnings = window_fixture.warnings

SENTENCE = "Quillon reported a loss in Paris on Monday, and analysts said it was expected. "


@pytest.fixture
def seeded_path(tmp_path: Path) -> Path:
    path = tmp_path / "long.db"
    create_project(path, seed=False)
    text = "Zorbex Corp said talks began. " + SENTENCE * (150_000 // len(SENTENCE))
    article = ImportedArticle(
        text=text, title="A long report", outlet=None, author=None, url=None,
        published="2025-03-07", language="en", source="long.txt",
    )  # fmt: skip
    with Project.open(path) as project:
        project.apply(operations.import_article(project, article)[0])
    return path


def test_long_article_marks_come_from_a_worker_and_are_taken_by_key(qtbot, window) -> None:
    win = window
    _cached.cache_clear()
    article_id = win.session.project.scalar("SELECT id FROM articles")
    win.articles.select_article(article_id)
    marks = win.reader.suggestions
    assert CHUNKED_FROM > len(win.reader.text) > 140_000 > SYNC_TEXT
    assert marks.pending and marks.shown == []  # asked for, not waited for
    # the window answers meanwhile: N says the marks are on their way
    messages: list[str] = []
    win.tagging.message.connect(messages.append)
    press(qtbot, win.reader, Qt.Key.Key_N)
    assert any("Still finding suggestions" in m for m in messages)
    qtbot.waitUntil(lambda: bool(marks.shown), timeout=60_000)
    assert not marks.pending
    # the whole text's marks, as they were before very long texts were found in chunks
    assert tuple(marks.shown) == find_suggestions(win.reader.text, ActorIndex([]), date(2025, 3, 7))
    # thousands of marks: those around the view are drawn, and more as it scrolls
    assert len(marks.shown) > len(marks.selections()) > 0
    bar = win.reader.verticalScrollBar()
    bar.setValue(bar.maximum())
    assert max(s.cursor.position() for s in marks.selections()) > 140_000
    bar.setValue(0)
    # taken by key as in a short article: the first is Zorbex Corp, a new organisation
    press(qtbot, win.reader, Qt.Key.Key_N)
    first = marks.current
    assert first is not None and (first.kind, first.text) == ("new_actor", "Zorbex Corp")
    press(qtbot, win.reader, Qt.Key.Key_Y)
    dialog = win.tagging.dialog
    assert dialog is not None and dialog.kind_combo.currentText() == "organisation"
    qtbot.keyClick(dialog.name_edit, Qt.Key.Key_Return)
    # the actors changed: found again in the worker, the other marks shown meanwhile
    assert marks.shown
    qtbot.waitUntil(lambda: not marks.pending, timeout=60_000)
    assert all(c.text != "Zorbex Corp" for c in marks.shown)  # cited: its mark is gone
    path = close_app(win)
    assert read_file(path, "SELECT name, kind FROM actors") == [("Zorbex Corp", "organisation")]
