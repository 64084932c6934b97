"""The reader: code points vs UTF-16 with astral text, overlapping highlights, hover, click."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor

from annotator.core.importers import ImportedArticle
from annotator.store import operations
from annotator.store.project import Project
from annotator.store.rows import new_row
from annotator.ui.editing.session import Session
from annotator.ui.reader.highlighter import KIND_COLORS
from annotator.ui.reader.interval_index import IntervalIndex
from annotator.ui.reader.view import ReaderView

# Astral characters (emoji, math letters) are 2 UTF-16 units but 1 code point each.
TEXT = (
    "😀 Emoji first. The 𝒳 party met Ms. Ünal 👩‍👩‍👧 in Paris.\n"
    "Second paragraph: 🇫🇷 France said on Tuesday it would act.\n"
    "Third 𝄞 line with the Paris accord."
)


def article(text: str = TEXT) -> ImportedArticle:
    return ImportedArticle(
        text=text,
        title="Astral",
        outlet="Test",
        author=None,
        url=None,
        published="2025-03-08",
        language="en",
        source="astral.txt",
    )


@pytest.fixture
def session(qapp):
    project = Project.memory()
    cs, _ = operations.import_article(project, article())
    project.apply(cs)
    s = Session(project)
    yield s
    project.close()


@pytest.fixture
def reader(qtbot, session):
    view = ReaderView(session)
    qtbot.addWidget(view)
    view.resize(700, 500)
    view.show()
    qtbot.waitExposed(view)
    view.load_article(session.project.scalar("SELECT id FROM articles"))
    return view


def span_of(quote: str) -> tuple[int, int]:
    start = TEXT.index(quote)
    return start, start + len(quote)


def run(session: Session, cs) -> None:
    assert session.run(cs)


def test_selection_is_in_code_points_with_astral_text(reader):
    start, end = span_of("France said on Tuesday")
    reader.select_span(start, end)
    assert reader.selection_span() == (start, end)
    # Qt's own positions are larger: three astral characters and a flag precede it
    cursor = reader.textCursor()
    assert cursor.selectionStart() > start
    assert TEXT[slice(*reader.selection_span())] == "France said on Tuesday"


def test_selection_across_paragraphs_is_taken_from_positions(reader):
    start, end = span_of("Paris.\nSecond")
    reader.select_span(start, end)
    assert "\u2029" in reader.textCursor().selectedText()  # what Qt would have given us
    got = reader.selection_span()
    assert TEXT[got[0] : got[1]] == "Paris.\nSecond"


def test_keyboard_selection_with_astral_characters(qtbot, reader):
    reader.setFocus()
    start = TEXT.index("𝒳")
    cursor = QTextCursor(reader.document())
    cursor.setPosition(reader.map.to_utf16(start))
    reader.setTextCursor(cursor)
    for _ in range(7):  # "𝒳 party": the astral letter is one step of the cursor
        qtbot.keyClick(reader, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
    got = reader.selection_span()
    assert TEXT[got[0] : got[1]] == "𝒳 party"


def test_selection_trims_outer_space_and_empty_is_none(reader):
    start, end = span_of("Paris.\nSecond")
    reader.select_span(start - 1, end + 1)  # a space before, a space after
    assert reader.selection_span() == (start, end)
    reader.select_span(start, start)
    assert reader.selection_span() is None


def formats_at(reader: ReaderView, cp: int):
    pos16 = reader.map.to_utf16(cp)
    block = reader.document().findBlock(pos16)
    offset = pos16 - block.position()
    ranges = block.layout().formats()
    return [QTextCharFormat(r.format) for r in ranges if r.start <= offset < r.start + r.length]


def test_highlights_follow_the_store_and_overlaps_stay_visible(reader, session):
    article_id = reader.article_id
    e_start, e_end = span_of("France said on Tuesday it would act")
    a_start, a_end = span_of("France")
    cs, event_id = operations.create_event(
        session.project, headline="France acts", span=(article_id, e_start, e_end)
    )
    run(session, cs)
    cs, actor_id = operations.create_actor(
        session.project, name="France", kind="state", span=(article_id, a_start, a_end)
    )
    run(session, cs)
    # Inside the event only: tinted in the event colour, no underline
    fmts = formats_at(reader, TEXT.index("Tuesday"))
    assert len(fmts) == 1
    assert fmts[0].background().color().rgb() == QColor(KIND_COLORS["event"]).rgb()
    assert fmts[0].underlineStyle() == fmts[0].UnderlineStyle.NoUnderline
    # Where the actor's passage overlaps the event's: deeper tint plus the actor's underline
    overlap = formats_at(reader, a_start + 1)
    assert len(overlap) == 1
    assert overlap[0].background().color().alpha() > fmts[0].background().color().alpha()
    assert overlap[0].underlineColor().rgb() == QColor(KIND_COLORS["actor"]).rgb()
    # Nothing was written into the document itself
    assert not reader.document().isModified()
    assert reader.document().availableUndoSteps() == 0
    # Undo removes the actor's highlight, leaving the event's
    session.undo_stack.undo()
    overlap = formats_at(reader, a_start + 1)
    assert overlap[0].underlineStyle() == overlap[0].UnderlineStyle.NoUnderline
    assert {k for k, _, _ in reader.items_at(a_start)} == {"event"}
    assert event_id and actor_id


def test_hover_names_every_item_and_click_selects(qtbot, reader, session):
    article_id = reader.article_id
    start, end = span_of("the Paris accord")
    run(
        session,
        operations.create_event(
            session.project, headline="Accord signed", span=(article_id, start, end)
        )[0],
    )
    cs, claim_id = operations.create_claim(
        session.project, text="Paris accord holds", span=(article_id, start + 4, end)
    )
    run(session, cs)
    pos = TEXT.index("accord")
    assert reader.hover_text(pos) == "Event: Accord signed\nClaim: Paris accord holds"
    assert reader.hover_text(TEXT.index("Third")) == ""
    # A real mouse move over the word sets the hover layer
    cursor = QTextCursor(reader.document())
    cursor.setPosition(reader.map.to_utf16(pos) + 2)
    point = reader.cursorRect(cursor).center()
    qtbot.mouseMove(reader.viewport(), point)
    assert reader._hover is not None
    assert reader.position_at(point) in range(pos, pos + 6)
    # A click selects the first item, a second click on the same spot the next one
    with qtbot.waitSignal(reader.itemSelected) as first:
        reader.click_at(pos)
    assert first.args[0] == "event"
    with qtbot.waitSignal(reader.itemSelected) as second:
        reader.click_at(pos)
    assert second.args == ["claim", claim_id]
    with qtbot.waitSignal(reader.itemSelected):
        qtbot.mouseClick(reader.viewport(), Qt.MouseButton.LeftButton, pos=point)


def test_show_passage_scrolls_and_flashes(reader):
    start, end = span_of("Third 𝄞 line")
    reader.show_passage(start, end)
    extra = reader.extraSelections()
    assert extra and extra[-1].cursor.selectedText() == "Third 𝄞 line"


def test_position_past_the_text_is_none(reader):
    assert reader.position_at(QPoint(5, 10_000)) in (None, *range(len(TEXT)))


def test_interval_index_matches_brute_force():
    intervals = [(0, 5, "a"), (3, 8, "b"), (3, 8, "c"), (10, 12, "a"), (4, 4, "empty")]
    index = IntervalIndex(intervals)
    for pos in range(14):
        want = {p for s, e, p in intervals if s <= pos < e}
        assert set(index.at(pos)) == want, pos
    assert list(index.segments(4, 11)) == [
        (4, 5, ("a", "b", "c")),
        (5, 8, ("b", "c")),
        (10, 11, ("a",)),
    ]
    assert index.span_of("b", 6) == (3, 8)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.tuples(st.integers(0, 40), st.integers(0, 40)), max_size=25),
    st.integers(0, 40),
    st.integers(0, 40),
)
def test_interval_index_property(pairs, lo, hi):
    intervals = [(min(a, b), max(a, b), i) for i, (a, b) in enumerate(pairs)]
    index = IntervalIndex(intervals)
    for pos in range(42):
        assert set(index.at(pos)) == {p for s, e, p in intervals if s <= pos < e}
    covered = set()
    for s, e, ps in index.segments(lo, hi):
        assert lo <= s < e <= hi
        for pos in range(s, e):
            assert set(ps) == {p for a, b, p in intervals if a <= pos < b}
            covered.add(pos)
    assert covered == {pos for pos in range(lo, hi) if index.at(pos)}


def test_big_article_with_many_passages_loads(qtbot, qapp):
    """5,000 passages over a long article: loading and a repaint work (timings: benchmark)."""
    text = ("Lorem ipsum dolor sit amet 😀, consectetur adipiscing elit. " * 8 + "\n") * 600
    project = Project.memory()
    cs, article_id = operations.import_article(project, article(text))
    project.apply(cs)
    step = len(text) // 5000
    actor_cs, actor_id = operations.create_actor(project, name="Lorem")
    project.apply(actor_cs)
    passages, citations = [], []
    for i in range(5000):  # rows written directly: building 5,000 edits one by one is slow
        start = i * step
        p = new_row(
            "test",
            article_id=article_id,
            start=start,
            end=start + 12,
            quote=text[start : start + 12],
            prefix="",
            suffix="",
            text_hash="",
            status="anchored",
        )
        passages.append(p)
        citations.append(
            new_row(
                "test", passage_id=p["id"], event_id=None, actor_id=actor_id, claim_id=None, note=""
            )
        )
    project.db["passages"].insert_all(passages)
    project.db["citations"].insert_all(citations)
    session = Session(project)
    view = ReaderView(session)
    qtbot.addWidget(view)
    view.resize(800, 600)
    view.show()
    view.load_article(article_id)
    qtbot.waitUntil(lambda: view.highlighter.formatted > 0)  # painted
    assert len(view.passages) == 5000
    # only the blocks painted carry their formats: the others get them when shown
    assert 0 < view.highlighter.formatted < 50 < view.document().blockCount()
    last = list(view.passages.values())[-1]
    assert not formats_at(view, last.start + 1)
    view.show_passage(last.start, last.end)
    qtbot.waitUntil(lambda: bool(formats_at(view, last.start + 1)))
    assert formats_at(view, last.start + 1)[0].background().color().alpha() > 0
    project.close()
