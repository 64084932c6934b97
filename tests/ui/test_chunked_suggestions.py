"""A very long article's suggestions are found a chunk at a time, around what the analyst
reads: marks at the top once it opens, in the middle once scrolled there; N walks onward
through chunks not found yet and wraps round; Y and D act on a mark far down the text, and
what they write is read back from the file; a new actor's marks, or the dates read against
another publication date, come without the others blinking out."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor

from annotator.core.importers import ImportedArticle
from annotator.core.suggestions.candidate import Candidate
from annotator.core.suggestions.chunks import chunk_of, chunk_spans, find_in_chunk
from annotator.core.suggestions.find import ActorIndex
from annotator.store import operations
from annotator.store.project import Project
from annotator.store.project_setup import create_project
from annotator.store.suggestion_actors import suggestion_actors
from annotator.ui.editing import edits
from annotator.ui.reader.marks import WORKER_FROM
from annotator.ui.reader.suggestion_marks import CHUNKED_FROM
from tests.helpers import window_fixture
from tests.helpers.cited_spans import cite_spans
from tests.helpers.db import read_file
from tests.helpers.window_fixture import close_app, press

window = window_fixture.window
warnings = window_fixture.warnings

PUBLISHED = date(2025, 3, 7)
PARAGRAPHS = [
    "Quillon Holdings reported a loss in Paris on Monday, and analysts said it was expected.",
    "The talks with Dr. Ruth Fox began in January and ended the following month.",
    '"We are not worried," said Anna Berg, a spokeswoman for Acme Corp.',
    "Shares fell on March 3, 2025, after the Ministry of Defence denied the report.",
]


@pytest.fixture
def seeded_path(tmp_path: Path) -> Path:
    path = tmp_path / "very-long.db"
    create_project(path, seed=False)
    paragraphs = PARAGRAPHS * (CHUNKED_FROM // 200)  # half as long again
    text = "\n\n".join(paragraphs)
    article = ImportedArticle(
        text=text, title="A very long report", outlet=None, author=None, url=None,
        published="2025-03-07", language="en", source="very-long.txt",
    )  # fmt: skip
    with Project.open(path) as project:
        cs, article_id = operations.import_article(project, article)
        project.apply(cs)
        cs, actor_id = operations.create_actor(
            project, name="Quillon Holdings", kind="organisation"
        )
        project.apply(cs)
        # the first mentions cited, enough for the passages to be read in a worker: their
        # marks are left out of the chunks found meanwhile (rows written directly: fast)
        spans, start = [], -1
        for _ in range(WORKER_FROM + 20):
            start = text.index("Quillon Holdings", start + 1)
            spans.append((start, start + len("Quillon Holdings")))
        cite_spans(project, article_id, text, actor_id, spans)
    return path


def finder(win) -> ActorIndex:
    return ActorIndex(suggestion_actors(win.session.project))


def same(a: Candidate | None, b: Candidate) -> bool:
    return a is not None and (a.kind, a.start, a.end, a.text) == (b.kind, b.start, b.end, b.text)


def test_a_very_long_article_is_found_around_the_view(qtbot, window) -> None:
    win = window
    reader, marks = win.reader, win.reader.suggestions
    win.articles.select_article(win.session.project.scalar("SELECT id FROM articles"))
    text = reader.text
    spans = chunk_spans(text)
    assert len(text) >= CHUNKED_FROM and len(spans) > 10
    index = finder(win)

    cited = {r[0] for r in win.session.project.db.execute("SELECT start FROM passages")}

    def chunk(k: int) -> list[Candidate]:
        """The finder's marks in chunk ``k`` but the mentions cited."""
        found = find_in_chunk(text, spans[k], index, PUBLISHED)
        return [c for c in found if not (c.kind == "known_actor" and c.start in cited)]

    # the passages are read in a worker, the view's chunk found meanwhile: its marks are
    # shown once both have come, the cited mentions left out
    assert reader.marks_pending
    assert marks.shown == []
    # at the top once it opens, drawn; not the whole text's (found as the view moves)
    qtbot.waitUntil(
        lambda: bool(marks.shown) and not marks.pending and not reader.marks_pending,
        timeout=30_000,
    )
    assert marks.selections()
    assert max(c.start for c in marks.shown) < spans[3][0]
    assert [c.key for c in marks.shown[:20]] == [c.key for c in chunk(0)[:20]]
    assert chunk(0)[0].start > min(cited)  # the first mention, cited, is not shown

    # scrolled to the middle: its marks come, and are drawn there
    bar = reader.verticalScrollBar()
    bar.setValue(bar.maximum() // 2)
    lo, hi = reader.visible_span()
    assert lo > spans[3][0]
    qtbot.waitUntil(lambda: any(lo <= c.start < hi for c in marks.shown), timeout=30_000)
    drawn = [reader.map.from_utf16(s.cursor.selectionStart()) for s in marks.selections()]
    assert any(lo <= p < hi for p in drawn)

    # N from the top selects the text's first suggestion; Shift+N from it wraps round to
    # the last (its chunk found there and then); N from the last wraps to the first
    bar.setValue(0)
    reader.select_suggestion(None)
    reader.setTextCursor(QTextCursor(reader.document()))
    reader.setFocus()
    press(qtbot, reader, Qt.Key.Key_N)
    assert same(marks.current, chunk(0)[0])
    press(qtbot, reader, Qt.Key.Key_N, Qt.KeyboardModifier.ShiftModifier)
    assert same(marks.current, chunk(len(spans) - 1)[-1])
    press(qtbot, reader, Qt.Key.Key_N)
    assert same(marks.current, chunk(0)[0])

    # a mark under the mouse in a chunk nobody has looked at: found there and then
    k = len(spans) * 3 // 4
    assert not any(spans[k][0] <= c.start < spans[k][1] for c in marks.shown)
    assert same(marks.at(chunk(k)[0].start), chunk(k)[0])

    # from a place whose chunk nobody has looked at, N finds onward
    far = spans[-3][0] + 10
    k = chunk_of(spans, far)
    assert not any(spans[k][0] <= c.start < spans[k][1] for c in marks.shown)
    reader.select_suggestion(None)
    reader.select_span(far, far + 1)
    press(qtbot, reader, Qt.Key.Key_N)
    expected = next(c for c in chunk(k) if c.start >= far)
    assert same(marks.current, expected)

    # Y on a known actor's mention there cites it; D on the next mark dismisses it
    while marks.current is not None and marks.current.kind != "known_actor":
        press(qtbot, reader, Qt.Key.Key_N)
    mention = marks.current
    assert mention is not None and mention.start > spans[-3][0]
    press(qtbot, reader, Qt.Key.Key_Y)
    assert all(c.key != mention.key for c in marks.shown)  # done: its mark is gone
    assert marks.at(mention.start) is None
    press(qtbot, reader, Qt.Key.Key_N)
    gone = marks.current
    assert gone is not None and gone.start > mention.start
    press(qtbot, reader, Qt.Key.Key_D)
    assert all(c.key != gone.key for c in marks.shown)
    assert same(marks.current, next(c for c in marks.shown if c.start > gone.start))

    # Y on a date there opens the new-event form on its sentence (read in its chunk)
    while marks.current is not None and not marks.current.text.startswith("March 3"):
        press(qtbot, reader, Qt.Key.Key_N)
    day = marks.current
    assert day is not None and day.kind == "date" and day.start > spans[-3][0]
    press(qtbot, reader, Qt.Key.Key_Y)
    dialog = win.tagging.dialog
    assert dialog is not None
    sentence = reader.selection_span()
    assert sentence is not None and text[sentence[0] : sentence[1]] == PARAGRAPHS[3]
    qtbot.keyClick(dialog.headline_edit, Qt.Key.Key_Return)
    assert win.tagging.dialog is None

    # a new actor: the text is found again around the view, the old marks shown meanwhile
    before = len(marks.shown)
    cs, _ = operations.create_actor(win.session.project, name="Anna Berg", kind="person")
    assert win.session.run(cs)
    assert len(marks.shown) == before
    qtbot.waitUntil(lambda: not marks.pending, timeout=30_000)
    lo, hi = reader.visible_span()
    assert any(
        c.kind == "known_actor" and c.text == "Anna Berg" and lo - 20_000 <= c.start < hi
        for c in marks.shown
    )

    # another publication date: the dates around the view are read against it anew
    article_id = reader.article_id
    assert edits.update_article(win.session, article_id, published="2025-06-02")
    assert marks.shown  # the others meanwhile
    qtbot.waitUntil(lambda: not marks.pending, timeout=30_000)
    k = chunk_of(spans, reader.visible_span()[0])
    index = finder(win)
    june = find_in_chunk(text, spans[k], index, date(2025, 6, 2))
    values = {c.start: c.timex_value for c in marks.shown if c.kind == "date"}
    mondays = [c for c in june if c.kind == "date" and c.text == "Monday"]
    assert mondays and all(values[c.start] == c.timex_value for c in mondays)
    assert {c.timex_value for c in mondays} != {
        c.timex_value for c in find_in_chunk(text, spans[k], index, PUBLISHED) if c.text == "Monday"
    }

    path = close_app(win)
    rows = read_file(
        path,
        "SELECT p.start, p.end, a.name FROM citations c JOIN passages p ON p.id = c.passage_id "
        "JOIN actors a ON a.id = c.actor_id WHERE p.start > ?",
        (max(cited),),
    )
    assert rows == [(mention.start, mention.end, "Quillon Holdings")]
    assert read_file(path, "SELECT kind, start, end, text FROM suggestion_dismissals") == [gone.key]
    assert read_file(path, "SELECT published FROM articles") == [("2025-06-02",)]
    assert read_file(
        path,
        "SELECT e.date_phrase, p.start, p.end FROM events e JOIN citations c ON c.event_id = "
        "e.id JOIN passages p ON p.id = c.passage_id",
    ) == [(day.text, *sentence)]
    assert read_file(path, "SELECT name FROM actors ORDER BY name") == [
        ("Anna Berg",),
        ("Quillon Holdings",),
    ]


FILLER = "the quick brown fox jumps over the lazy dog, and nobody here expected it to go on.\n\n"


def test_n_goes_on_looking_in_the_worker_through_chunks_without_marks(qtbot, window) -> None:
    """A very long text with marks only near its end: N finds a few chunks on its own
    keypress, the worker the rest, and the mark it reaches is selected."""
    win = window
    reader, marks = win.reader, win.reader.suggestions
    text = FILLER * (CHUNKED_FROM // len(FILLER) + 100) + "Anna Berg said talks began."
    article = ImportedArticle(
        text=text, title="Sparse", outlet=None, author=None, url=None,
        published="2025-03-07", language="en", source="sparse.txt",
    )  # fmt: skip
    cs, article_id = operations.import_article(win.session.project, article)
    assert win.session.run(cs)
    win.articles.select_article(article_id)
    qtbot.waitUntil(lambda: not marks.pending and not reader.marks_pending, timeout=30_000)
    assert marks.shown == []  # none around the top
    spans = chunk_spans(text)
    messages: list[str] = []
    win.tagging.message.connect(messages.append)
    reader.setFocus()
    press(qtbot, reader, Qt.Key.Key_N)
    assert marks.current is None and marks.seeking
    assert messages[-1].startswith("Looking further on for the next suggestion")
    chunks = marks._chunked
    assert chunks is not None and len(chunks.found) < len(spans) - 2  # not all on the keypress
    qtbot.waitUntil(lambda: marks.current is not None, timeout=30_000)
    assert (marks.current.kind, marks.current.text) == ("new_actor", "Anna Berg")
    assert reader.selection_span() == (marks.current.start, marks.current.end)
    assert not marks.seeking
    # from it, N wraps round through the chunks found meanwhile to the claim, then to it
    press(qtbot, reader, Qt.Key.Key_N)
    assert marks.current is not None and marks.current.kind == "claim"
    press(qtbot, reader, Qt.Key.Key_N)
    assert marks.current is not None and marks.current.text == "Anna Berg"

    # a new actor: the text is found anew, and N from the top goes through the worker
    # again; a click elsewhere meanwhile: the walk is forgotten, the selection stays
    cs, _ = operations.create_actor(win.session.project, name="Talks Corp", kind="organisation")
    assert win.session.run(cs)
    reader.select_suggestion(None)
    reader.setTextCursor(QTextCursor(reader.document()))
    press(qtbot, reader, Qt.Key.Key_N)
    assert marks.seeking
    reader.select_span(10, 15)
    assert not marks.seeking
    qtbot.waitUntil(lambda: not marks.pending, timeout=30_000)
    assert marks.current is None and reader.selection_span() == (10, 15)

    path = close_app(win)
    assert read_file(path, "SELECT length(text) FROM articles WHERE id = ?", (article_id,)) == [
        (len(text),)
    ]
    assert ("Talks Corp",) in read_file(path, "SELECT name FROM actors")
