"""A long article with many passages: its suggestions are found while its passages are read
(side by side, not one after the other), shown only once both have come (cited ones left
out), and going back to an article just read neither finds them nor reads its passages
again, until an edit (read back from the file after the project is closed)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from annotator.core.importers import ImportedArticle
from annotator.store import operations
from annotator.store.project import Project
from annotator.store.project_setup import create_project
from annotator.ui.new_item.form import NewItemDialog
from annotator.ui.reader.marks import WORKER_FROM
from annotator.ui.reader.suggestion_marks import CHUNKED_FROM, SYNC_TEXT
from tests.helpers import held_marks, window_fixture
from tests.helpers.cited_spans import cite_spans
from tests.helpers.db import read_file
from tests.helpers.window_fixture import close_app, press

window = window_fixture.window
warnings = window_fixture.warnings
held = held_marks.held

LINE = "Quillon met Zorbex Corp in Paris on Monday, and talks went on into the night.\n"
LINES = 1_000
CITED_EVERY = 2  # "Quillon" cited on every other line


@pytest.fixture
def seeded_path(tmp_path: Path) -> Path:
    path = tmp_path / "long.db"
    create_project(path, seed=False)
    text = LINE * LINES
    with Project.open(path) as project:
        for title, body in (("Long", text), ("Short", "Zorbex Corp met in Rome on Friday.")):
            article = ImportedArticle(
                text=body, title=title, outlet=None, author=None, url=None,
                published="2025-03-07", language="en", source=f"{title}.txt",
            )  # fmt: skip
            cs, _ = operations.import_article(project, article)
            project.apply(cs)
        long_id = project.scalar("SELECT id FROM articles WHERE title = 'Long'")
        cs, actor_id = operations.create_actor(project, name="Quillon", kind="person")
        project.apply(cs)
        spans = [
            (i * len(LINE), i * len(LINE) + len("Quillon")) for i in range(0, LINES, CITED_EVERY)
        ]
        cite_spans(project, long_id, text, actor_id, spans)
    return path


def _open(win, title: str) -> None:
    article_id = win.session.project.scalar("SELECT id FROM articles WHERE title = ?", [title])
    win.articles.select_article(article_id)
    assert win.reader.article_id == article_id


def test_suggestions_are_found_while_the_passages_are_read(qtbot, window, held) -> None:
    win = window
    reader, marks = win.reader, win.reader.suggestions
    qtbot.waitUntil(lambda: marks.armed)
    _open(win, "Long")
    assert SYNC_TEXT < len(reader.text) < CHUNKED_FROM
    assert LINES // CITED_EVERY >= WORKER_FROM and reader.marks_pending
    assert marks.pending  # asked for at once, not once the passages have come
    qtbot.waitUntil(lambda: not marks._worker.busy, timeout=30_000)
    assert marks.shown == []  # found, but not shown before the passages: cited ones unknown
    held.set()
    qtbot.waitUntil(lambda: not reader.marks_pending and bool(marks.shown), timeout=30_000)
    cited = {(p.start, p.end) for p in reader.passages.values()}
    assert len(cited) == LINES // CITED_EVERY
    shown = {(c.start, c.end) for c in marks.shown if c.text == "Quillon"}
    assert shown and not shown & cited  # the uncited lines' Quillon only
    assert len(shown) == LINES - len(cited)
    # Back from another article: the suggestions are the ones found before, at once.
    _open(win, "Short")
    qtbot.waitUntil(lambda: not marks.pending, timeout=30_000)
    _open(win, "Long")
    assert not marks._worker.busy
    qtbot.waitUntil(lambda: not reader.marks_pending and bool(marks.shown), timeout=30_000)
    assert {(c.start, c.end) for c in marks.shown if c.text == "Quillon"} == shown


def test_marks_kept_for_going_back_are_forgotten_on_an_edit(qtbot, window, held) -> None:
    win = window
    reader = win.reader
    held.set()
    _open(win, "Long")
    qtbot.waitUntil(lambda: not reader.marks_pending, timeout=30_000)
    first = dict(reader.passages)
    assert len(first) == LINES // CITED_EVERY
    _open(win, "Short")
    _open(win, "Long")
    assert not reader.marks_pending and reader.passages == first  # at once: kept
    # An edit anywhere (here in the short article) forgets them: read again, with it.
    _open(win, "Short")
    start = reader.text.index("Rome")
    reader.setFocus()
    reader.select_span(start, start + len("Rome"))
    press(qtbot, reader, Qt.Key.Key_E)
    dialog = win.tagging.dialog
    assert isinstance(dialog, NewItemDialog)
    dialog.headline_edit.selectAll()
    qtbot.keyClicks(dialog.headline_edit, "Meeting in Rome")
    press(qtbot, dialog, Qt.Key.Key_Return)
    assert win.tagging.dialog is None
    _open(win, "Long")
    assert reader.marks_pending
    qtbot.waitUntil(lambda: not reader.marks_pending, timeout=30_000)
    assert {p.id for p in reader.passages.values()} == set(first)
    path = close_app(win)
    assert read_file(
        path,
        "SELECT p.quote, e.headline FROM passages p JOIN citations c ON c.passage_id = p.id "
        "JOIN events e ON e.id = c.event_id",
    ) == [("Rome", "Meeting in Rome")]
