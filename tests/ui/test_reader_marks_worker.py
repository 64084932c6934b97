"""An article with many passages has its marks read in a worker: the text shows at once,
the marks all come (at the right offsets, astral characters before them), and selecting,
tagging and clicking while they are on their way act on the right words. Every write is
read back from the file by a second connection after the project is closed."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QTextCharFormat, QTextCursor

from annotator.core.importers import ImportedArticle
from annotator.store import operations
from annotator.store.project import Project
from annotator.store.project_setup import create_project
from annotator.ui.new_item.form import NewItemDialog
from annotator.ui.reader.marks import WORKER_FROM
from tests.helpers import held_marks, window_fixture
from tests.helpers.cited_spans import cite_spans
from tests.helpers.db import read_file
from tests.helpers.window_fixture import close_app, press

window = window_fixture.window
warnings = window_fixture.warnings
held = held_marks.held

# Astral characters (2 UTF-16 units each) before every passage: a wrong offset shows.
LINE = "Zorbex 😀 met Quillon in 𝒳 Paris on Monday; talks went on late into the night.\n"
PASSAGES = 1_200
STEP = 3  # a passage every third line, on "Quillon"


@pytest.fixture
def seeded_path(tmp_path: Path) -> Path:
    path = tmp_path / "many.db"
    create_project(path, seed=False)
    text = LINE * (PASSAGES * STEP)
    article = ImportedArticle(
        text=text, title="Many passages", outlet=None, author=None, url=None,
        published="2025-03-07", language="en", source="many.txt",
    )  # fmt: skip
    with Project.open(path) as project:
        cs, article_id = operations.import_article(project, article)
        project.apply(cs)
        cs, actor_id = operations.create_actor(project, name="Quillon", kind="person")
        project.apply(cs)
        first = LINE.index("Quillon")  # rows written directly: 1,200 edits one by one are slow
        spans = [
            (i * STEP * len(LINE) + first, i * STEP * len(LINE) + first + len("Quillon"))
            for i in range(PASSAGES)
        ]
        cite_spans(project, article_id, text, actor_id, spans)
    return path


def open_many(win) -> str:
    article_id = win.session.project.scalar("SELECT id FROM articles")
    win.articles.select_article(article_id)
    assert win.reader.article_id == article_id
    return article_id


def formats_at(win, cp: int) -> list[QTextCharFormat]:
    reader = win.reader
    pos16 = reader.map.to_utf16(cp)
    block = reader.document().findBlock(pos16)
    offset = pos16 - block.position()
    ranges = block.layout().formats()
    return [QTextCharFormat(r.format) for r in ranges if r.start <= offset < r.start + r.length]


def point_of(win, cp: int) -> QPoint:
    cursor = QTextCursor(win.reader.document())
    cursor.setPosition(win.reader.map.to_utf16(cp))
    return win.reader.cursorRect(cursor).center()


def test_all_marks_come_from_the_worker_at_their_offsets(qtbot, window, held) -> None:
    win = window
    open_many(win)
    reader = win.reader
    assert PASSAGES >= WORKER_FROM and reader.marks_pending
    assert reader.passages == {} and reader.text.startswith("Zorbex")  # the text is shown
    held.set()
    qtbot.waitUntil(lambda: not reader.marks_pending, timeout=30_000)
    assert len(reader.passages) == PASSAGES
    rows = read_file(win.session.project.path, 'SELECT start, "end" FROM passages')
    assert sorted((p.start, p.end) for p in reader.passages.values()) == sorted(rows)
    for p in reader.passages.values():
        assert reader.text[p.start : p.end] == "Quillon"
        assert [(k, label) for k, _, label in reader.items_at(p.start)] == [("actor", "Quillon")]
    # the highlight of any passage, once it is shown: the first and the last
    first = min(p.start for p in reader.passages.values())
    last = max(p.start for p in reader.passages.values())
    qtbot.waitUntil(lambda: bool(formats_at(win, first)))
    assert not formats_at(win, first - 2)  # "met " is not a passage
    assert not formats_at(win, last)  # far below: not formatted until shown
    reader.show_passage(last, last + len("Quillon"))
    qtbot.waitUntil(lambda: bool(formats_at(win, last)))
    assert formats_at(win, last + len("Quillon") - 1)
    assert not formats_at(win, last + len("Quillon"))


def test_tagging_and_clicking_while_the_marks_are_read(qtbot, window, held) -> None:
    win = window
    article_id = open_many(win)
    reader = win.reader
    # A click on a passage whose marks have not come: nothing is selected, nothing breaks
    quillon = LINE.index("Quillon")
    point = point_of(win, quillon + 2)
    selected: list[tuple[str, str]] = []
    reader.itemSelected.connect(lambda kind, item: selected.append((kind, item)))
    qtbot.mouseClick(reader.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert reader.marks_pending and selected == []
    # Select "Paris" on the second line (astral characters before it) as a user would, and
    # tag it as an event while the marks are still being read.
    start = len(LINE) + LINE.index("Paris")
    reader.setFocus()
    reader.select_span(start, start + len("Paris"))
    assert reader.marks_pending and reader.selection_span() == (start, start + len("Paris"))
    press(qtbot, reader, Qt.Key.Key_E)
    dialog = win.tagging.dialog
    assert isinstance(dialog, NewItemDialog) and dialog.kind == "event"
    dialog.headline_edit.selectAll()
    qtbot.keyClicks(dialog.headline_edit, "Talks in Paris")
    press(qtbot, dialog, Qt.Key.Key_Return)
    assert win.tagging.dialog is None
    # The edit read the marks at once; the worker's older read is dropped when it comes.
    assert not reader.marks_pending and len(reader.passages) == PASSAGES + 1
    held.set()
    qtbot.wait(50)
    assert len(reader.passages) == PASSAGES + 1
    assert [label for _, _, label in reader.items_at(start)] == ["Talks in Paris"]
    # The same click now selects what the passage supports.
    with qtbot.waitSignal(reader.itemSelected) as clicked:
        qtbot.mouseClick(
            reader.viewport(), Qt.MouseButton.LeftButton, pos=point_of(win, quillon + 2)
        )
    assert clicked.args[0] == "actor"
    # Opened again: read in the worker again, the new passage among them.
    win.articles.select_article(
        win.session.project.scalar("SELECT id FROM articles WHERE id != ?", [article_id]) or ""
    )
    path = close_app(win)
    assert read_file(
        path,
        'SELECT p.start, p."end", p.quote, e.headline FROM passages p '
        "JOIN citations c ON c.passage_id = p.id JOIN events e ON e.id = c.event_id",
    ) == [(start, start + len("Paris"), "Paris", "Talks in Paris")]
    assert read_file(path, "SELECT count(*) FROM passages") == [(PASSAGES + 1,)]
