"""Paragraphs in the reader stand apart, whatever ends them, and offsets stay the same."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint

from annotator.core.importers import import_articles
from annotator.store import operations
from annotator.store.project import Project
from annotator.ui.editing.session import Session
from annotator.ui.reader.view import ReaderView
from tests.helpers.shots import shot

ASTRAL = "😀 One 𝒳 line.\nTwo 🇫🇷 lines here.\n\nThree 𝄞 after a blank line.\nFour."


def open_reader(qtbot, session: Session, article_id: str) -> ReaderView:
    view = ReaderView(session)
    qtbot.addWidget(view)
    view.resize(900, 700)
    view.show()
    qtbot.waitExposed(view)
    view.load_article(article_id)
    # the layout follows the reading column set on resize
    qtbot.waitUntil(lambda: not view.horizontalScrollBar().isVisible(), timeout=3000)
    return view


def paragraph_gaps(view: ReaderView) -> list[float]:
    """Space from each paragraph's last line to the next paragraph's first line, px,
    blank lines between them included."""
    out = []
    bottom = None
    top = 0.0  # the view's own geometry stops past the visible blocks: add up the layout's
    layout = view.document().documentLayout()
    block = view.document().firstBlock()
    while block.isValid():
        height = layout.blockBoundingRect(block).height()
        if block.length() > 1:
            if bottom is not None:
                out.append(top - bottom)
            bottom = top + block.layout().boundingRect().height()
        top += height
        block = block.next()
    return out


def gaps(view: ReaderView) -> list[float]:
    """Space between the last line of each block and the first line of the next, px."""
    out = []
    block = view.document().firstBlock()
    while block.next().isValid():
        nxt = block.next()
        layout = block.layout()
        bottom = view.blockBoundingGeometry(block).top() + layout.boundingRect().height()
        out.append(view.blockBoundingGeometry(nxt).top() - bottom)
        block = nxt
    return out


def test_every_seed_article_shows_space_between_paragraphs(qtbot, seeded_path: Path):
    project = Project.open(seeded_path)
    session = Session(project)
    try:
        for row in project.rows("SELECT id, source, text FROM articles ORDER BY source"):
            view = open_reader(qtbot, session, row["id"])
            # not a character added or taken (toPlainText would turn no-break spaces to spaces)
            assert view.document().toRawText().replace("\u2029", "\n") == row["text"]
            line = view.fontMetrics().lineSpacing()
            spaces = paragraph_gaps(view)
            assert len(spaces) > 5 and min(spaces) >= line * 0.5
            # a blank line in the source spaces its neighbours already: nothing is added
            assert max(spaces) <= line * 1.01
            name = Path(row["source"]).stem.split("_")[0]
            shot(view, f"reader-{name}.png")
    finally:
        project.close()


@pytest.fixture
def astral(qtbot, qapp, tmp_path):
    project = Project.memory()
    source = tmp_path / "astral.txt"
    source.write_text(ASTRAL, encoding="utf-8")
    (art,) = import_articles(source, published="2025-03-08")
    cs, article_id = operations.import_article(project, art)
    project.apply(cs)
    session = Session(project)
    yield open_reader(qtbot, session, article_id), project.row("articles", article_id)["text"]
    project.close()


def test_selections_and_clicks_keep_their_code_points_across_spaced_paragraphs(qtbot, astral):
    view, text = astral
    assert text == ASTRAL  # imported as it was
    assert gaps(view)[0] > 0 and gaps(view)[1] == 0
    for word in ("Two", "lines", "Three", "Four"):
        start = text.index(word)
        view.select_span(start, start + len(word))
        assert view.selection_span() == (start, start + len(word))
        # a click on the word's second character, found where it is drawn
        cursor = view.textCursor()
        cursor.setPosition(view.map.to_utf16(start + 1))
        rect = view.cursorRect(cursor)
        assert view.position_at(QPoint(rect.x() + 2, rect.center().y())) == start + 1


def test_imported_html_paragraphs_are_spaced(qtbot, qapp, tmp_path):
    page = tmp_path / "page.html"
    body = "".join(
        f"<p>Paragraph {n} of the report, long enough to be kept by the extractor, says "
        f"what happened on day {n} of the talks in Brussels and who was there.</p>"
        for n in range(1, 7)
    )
    page.write_text(
        f"<html><head><title>Report</title></head><body><article>{body}</article></body></html>",
        encoding="utf-8",
    )
    project = Project.memory()
    (art,) = import_articles(page, published="2025-03-08")
    cs, article_id = operations.import_article(project, art)
    project.apply(cs)
    try:
        view = open_reader(qtbot, Session(project), article_id)
        assert "Paragraph 2" in view.toPlainText()
        spaces = paragraph_gaps(view)
        assert len(spaces) == 5 and min(spaces) >= view.fontMetrics().lineSpacing() * 0.5
    finally:
        project.close()
