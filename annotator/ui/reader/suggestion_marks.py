"""Faint marks under what the reader suggests: known actors, new names, reported speech, dates.

The suggestions come from ``core.suggestions`` (pure, cached per text); this holds the ones
shown for the open article, without those the analyst dismissed or already cited, and the
one selected. They are drawn as dotted underlines in a muted colour, as ExtraSelections
made once per refresh (not per mouse move), beneath the reader's other layers: a cited
passage keeps its tint, and a mark never looks like one.
"""

from __future__ import annotations

import bisect
import contextlib
import threading
from collections.abc import Callable
from datetime import date
from typing import Any, Protocol

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QColor, QPalette, QTextCharFormat, QTextCursor, QTextDocument
from PySide6.QtWidgets import QTextEdit

from annotator.core.dates.value import DateValue
from annotator.core.errors import AnnotatorError
from annotator.core.suggestions.candidate import Candidate
from annotator.core.suggestions.find import ActorIndex, find_suggestions
from annotator.core.text import Utf16Map
from annotator.store.suggestion_actors import suggestion_actors
from annotator.store.suggestion_dismissals import dismissed
from annotator.ui.editing.session import Session
from annotator.ui.reader.highlighter import is_dark


class _Passage(Protocol):
    start: int
    end: int
    items: list[tuple[str, str, str]]


class _Reader(Protocol):
    """What the marks read of the reader (``view.ReaderView``)."""

    session: Session
    article_id: str | None
    text: str
    map: Utf16Map
    passages: dict[str, Any]  # id -> a _Passage

    def passages_at(self, pos: int) -> list[Any]: ...

    def visible_span(self) -> tuple[int, int]: ...

    def palette(self) -> QPalette: ...

    def document(self) -> QTextDocument: ...


# Muted: the hue says what it is, the low alpha and the dots that it is only offered.
MARK_COLORS = {
    "known_actor": "#3b8fd9",
    "new_actor": "#5d6976",
    "claim": "#b05ce0",
    "date": "#c98a10",
}
KIND_WORDS = {
    "known_actor": "Known actor",
    "new_actor": "Looks like a new actor",
    "claim": "Reported speech",
    "date": "Date phrase",
}
# Up to this, the marks are found as the article opens (about 35 ms per 60 KB, inside the
# reader's 50 ms); a longer one has them found in a worker thread and drawn when ready, the
# reader usable meanwhile. Past MAX_TEXT (a whole book) none are found.
SYNC_TEXT = 80_000
MAX_TEXT = 20_000_000
DRAW_ALL = 3_000  # marks drawn at once; more are drawn around the view as it scrolls
DRAWN_AROUND = 30_000
KEYS_LINE = "Y accepts, D dismisses, N / Shift+N the next / previous suggestion"


def describe(c: Candidate) -> str:
    """What a mark is and what its keys do, for its tooltip and the status bar."""
    if c.kind == "known_actor":
        what = f"{KIND_WORDS[c.kind]}: {c.actor_name}. Y cites this mention for {c.actor_name}."
    elif c.kind == "new_actor":
        what = f"{KIND_WORDS[c.kind]} ({c.guess}): “{c.text}”. Y opens the new-actor form."
    elif c.kind == "claim":
        who = c.actor_name or c.speaker
        what = f"{KIND_WORDS[c.kind]} by {who}. Y opens the claim form for its sentence."
    else:
        what = f"{KIND_WORDS[c.kind]}: “{c.text}”. Y opens the new-event form with this date."
    return f"{what}\n{KEYS_LINE}."


class SuggestionMarks:
    """The suggestions of the reader's open article, and the one selected."""

    def __init__(self, reader: _Reader, enabled: bool = True):
        self.reader = reader
        self.enabled = enabled
        self.shown: list[Candidate] = []
        self._starts: list[int] = []
        self.current: Candidate | None = None
        self._index: ActorIndex | None = None
        self._selections: list[QTextEdit.ExtraSelection] = []
        self._drawn: tuple[int, int] | None = None  # the text whose marks are drawn
        self.changed: Callable[[], None] = lambda: None
        # the reader owns the worker's relay: a result after the reader is gone is dropped
        self._worker = SuggestionWorker(
            self.refresh, reader if isinstance(reader, QObject) else None
        )

    # -- what is shown -------------------------------------------------------------------

    def actors_changed(self) -> None:
        self._index = None

    def refresh(self) -> None:
        """Recompute what is shown (cached underneath: cheap when the text is the same).
        A long article's suggestions come from a worker: none are shown until they do."""
        reader = self.reader
        self.shown = []
        project = reader.session.project
        if (
            self.enabled
            and reader.article_id
            and 0 < len(reader.text) <= MAX_TEXT
            and not project.closed  # a worker's result after the project was closed
        ):
            if self._index is None:
                self._index = ActorIndex(suggestion_actors(project))
            row = project.row("articles", reader.article_id)
            key = (reader.text, self._index, _published(row))
            found = self._found(key)
            if found is not None:
                gone = dismissed(project, reader.article_id)
                inside = self._inside_a_passage()
                self.shown = [
                    c for c in found if c.key not in gone and not (inside(c) and self._cited(c))
                ]
        self._starts = [c.start for c in self.shown]
        if self.current is not None and self.current not in self.shown:
            self.current = None
        self._selections = []
        self._drawn = None
        self.changed()

    @property
    def pending(self) -> bool:
        """A long article's suggestions are being found."""
        return self._worker.busy

    def _found(self, key: _Key) -> tuple[Candidate, ...] | None:
        text, index, published = key
        if len(text) <= SYNC_TEXT:
            return find_suggestions(text, index, published)
        return self._worker.result(key)

    def _inside_a_passage(self) -> Callable[[Candidate], bool]:
        """Whether a mark could lie inside a passage (then ``_cited`` looks): a bisect over
        the passages' starts with the furthest end so far. A 2 MB article's 25,000 marks
        each looked passages up (170 ms on the event loop; profiled), most in none."""
        passages = sorted(
            (p for p in self.reader.passages.values() if p.end > p.start), key=lambda p: p.start
        )
        starts = [p.start for p in passages]
        furthest: list[int] = []
        for p in passages:
            furthest.append(max(p.end, furthest[-1]) if furthest else p.end)

        def inside(c: Candidate) -> bool:
            lo, hi = (c.passage_start, c.passage_end) if c.kind == "claim" else (c.start, c.end)
            i = bisect.bisect_right(starts, lo)
            return i > 0 and furthest[i - 1] > lo and furthest[i - 1] >= hi

        return inside

    def _cited(self, c: Candidate) -> bool:
        """Already done: a mention cited for that actor, a name cited for an actor, a
        sentence cited for a claim, a date inside a passage cited for an event."""
        wanted = {"known_actor": "actor", "new_actor": "actor", "claim": "claim", "date": "event"}
        kind = wanted[c.kind]
        lo, hi = (c.passage_start, c.passage_end) if c.kind == "claim" else (c.start, c.end)
        passages: list[_Passage] = self.reader.passages_at(lo)
        for p in passages:
            if p.start <= lo and hi <= p.end:
                for k, item_id, _ in p.items:
                    if k == kind and (c.kind != "known_actor" or item_id == c.actor_id):
                        return True
        return False

    def at(self, pos: int) -> Candidate | None:
        i = bisect.bisect_right(self._starts, pos) - 1
        if i >= 0 and self.shown[i].start <= pos < self.shown[i].end:
            return self.shown[i]
        return None

    def step(self, forward: bool, from_pos: int) -> Candidate | None:
        """The next (or previous) suggestion after (before) ``from_pos``, wrapping round."""
        if not self.shown:
            return None
        if forward:
            i = bisect.bisect_right(self._starts, from_pos)
            return self.shown[i % len(self.shown)]
        i = bisect.bisect_left(self._starts, from_pos) - 1
        return self.shown[i % len(self.shown)]

    # -- drawing -------------------------------------------------------------------------

    def selections(self) -> list[QTextEdit.ExtraSelection]:
        """The marks drawn: all of them, or for many (a long article) those within
        ``DRAWN_AROUND`` characters of the view (a cursor each costs ~60 µs: 20,000 would
        hold the window for over a second); ``scrolled`` draws further ones."""
        if len(self.shown) <= DRAW_ALL:
            if not self._selections and self.shown:
                self._selections = [self._selection(c) for c in self.shown]
            return self._selections
        lo, hi = self.reader.visible_span()
        drawn = self._drawn
        if drawn is None or lo < drawn[0] or hi > drawn[1]:
            a, b = max(0, lo - DRAWN_AROUND), hi + DRAWN_AROUND
            i, j = bisect.bisect_left(self._starts, a), bisect.bisect_right(self._starts, b)
            self._selections = [self._selection(c) for c in self.shown[i:j]]
            self._drawn = (a, b)
        return self._selections

    def scrolled(self) -> bool:
        """The view moved past the marks drawn: True when they must be drawn again."""
        if self._drawn is None or len(self.shown) <= DRAW_ALL:
            return False
        lo, hi = self.reader.visible_span()
        return lo < self._drawn[0] or hi > self._drawn[1]

    def _selection(self, c: Candidate) -> QTextEdit.ExtraSelection:
        reader = self.reader
        fmt = QTextCharFormat()
        color = QColor(MARK_COLORS[c.kind])
        if is_dark(reader.palette()):
            color = color.lighter(170)  # the grey and the purple vanish on a dark page
            color.setAlpha(210)
        else:
            color.setAlpha(235)
        fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DotLine)
        fmt.setUnderlineColor(color)
        sel = QTextEdit.ExtraSelection()
        cursor = QTextCursor(reader.document())
        length = reader.map.length16
        cursor.setPosition(min(reader.map.to_utf16(c.start), length))
        cursor.setPosition(min(reader.map.to_utf16(c.end), length), QTextCursor.MoveMode.KeepAnchor)
        sel.cursor = cursor
        sel.format = fmt
        return sel


_Key = tuple[str, ActorIndex, "date | tuple[date, date] | None"]


class _Relay(QObject):
    """Carries a worker's result to the reader's thread (a queued signal)."""

    done = Signal(object)


class SuggestionWorker:
    """Finds a long article's suggestions in a thread: the text, the actor index and the
    date are plain data (no database connection), and ``core.suggestions`` is pure. The
    last result is kept; a result for a text no longer open is dropped."""

    def __init__(self, ready: Callable[[], None], parent: QObject | None = None):
        self._relay = _Relay(parent)
        self._relay.done.connect(self._done)
        self._ready = ready
        self._wanted: _Key | None = None
        self._last: tuple[_Key, tuple[Candidate, ...]] | None = None
        self.busy = False

    def result(self, key: _Key) -> tuple[Candidate, ...] | None:
        """The suggestions for ``key`` if found; else they are asked for, and None."""
        last = self._last
        if last is not None and _same(last[0], key):
            return last[1]
        if self._wanted is None or not _same(self._wanted, key):
            self._wanted = key
            self.busy = True
            threading.Thread(target=self._run, args=(key,), daemon=True, name="suggestions").start()
        # The same text with other actors (one was just made): its marks stay meanwhile.
        return (
            last[1] if last is not None and (last[0][0] is key[0] or last[0][0] == key[0]) else None
        )

    def _run(self, key: _Key) -> None:
        found = find_suggestions(*key)
        with contextlib.suppress(RuntimeError):  # the reader closed meanwhile
            self._relay.done.emit((key, found))

    def _done(self, result: tuple[_Key, tuple[Candidate, ...]]) -> None:
        key, _ = result
        if self._wanted is None or not _same(self._wanted, key):
            return  # another article, or other actors, asked for since
        self._wanted = None
        self.busy = False
        self._last = result
        self._ready()


def _same(a: _Key, b: _Key) -> bool:
    return a[1] is b[1] and a[2] == b[2] and (a[0] is b[0] or a[0] == b[0])


def _published(row: dict[str, Any] | None) -> date | tuple[date, date] | None:
    """The finder's reference date, as ``core.suggest`` gives it for the new-event form."""
    if not row or not row.get("published"):
        return None
    try:
        value = DateValue.from_edtf(row["published"])
    except AnnotatorError:
        return None
    first, last = value.earliest.date(), value.latest.date()
    return first if first == last else (first, last)
