"""Faint marks under what the reader suggests: known actors, new names, reported speech, dates.

The suggestions come from ``core.suggestions`` (pure, cached per text); this holds the ones
shown for the open article, without those the analyst dismissed or already cited, and the
one selected. They are drawn as dotted underlines in a muted colour, as ExtraSelections
made once per refresh (not per mouse move), beneath the reader's other layers: a cited
passage keeps its tint, and a mark never looks like one. A very long text's suggestions
are found a chunk at a time around the view (``CHUNKED_FROM``).
"""

from __future__ import annotations

import bisect
import functools
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtCore import QObject, QThreadPool, QTimer, Signal
from PySide6.QtGui import QColor, QPalette, QTextCharFormat, QTextCursor, QTextDocument
from PySide6.QtWidgets import QTextEdit

from annotator.core.dates.value import DateValue
from annotator.core.errors import AnnotatorError
from annotator.core.suggestions.candidate import Candidate
from annotator.core.text import Utf16Map
from annotator.store.article_head import article_head
from annotator.store.suggestion_actors import suggestion_actors
from annotator.store.suggestion_dismissals import dismissed
from annotator.store.worker_reads import read_on_own_connection
from annotator.ui.common.worker_signal import emit_if_alive
from annotator.ui.editing.session import Session
from annotator.ui.reader.highlighter import is_dark

if TYPE_CHECKING:  # the finder loads when first used: 24 ms of the window's first paint
    from annotator.core.suggestions.find import ActorIndex
    from annotator.store.project import Project


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

    @property
    def marks_pending(self) -> bool: ...  # the passages are still being read

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
# Up to this, the marks are found as the article opens (about 20 ms per 30 KB: the finder
# grew with the date kinds, and 60 KB took 40-90 ms, a block the analyst felt); a longer
# one has them found in a worker thread and drawn when ready, the reader usable meanwhile.
# Past MAX_TEXT (a whole book) none are found.
SYNC_TEXT = 30_000
MAX_TEXT = 20_000_000
# From this, a text's suggestions are found a chunk at a time (``core.suggestions.chunks``,
# about 15 ms each), those around the view first, more as it scrolls, N finding onward: a
# 2 MB article's whole text took 1.65 s of finding (dates 1.0 s, new names 0.6 s, speech
# 0.4 s, known actors 0.3 s; profiled, no single hotspot) before any mark came. Below it
# (every news article, a long report) the whole text is found, as before: a chunk reads a
# relative date, "he" or a surname alone with its own chunk's context only.
CHUNKED_FROM = 200_000
FIND_AROUND = 10_000  # characters each side of the view whose chunks are found: 2-3 screens
# N finds this many chunks on its own keypress (about 15 ms each), then the worker goes on
# (a text with few marks: a walk through 100 empty chunks held the window 1.5 s).
STEP_FINDS = 3
# The marks of a longer text are drawn around the view, more as it scrolls: Qt lays out
# every block a drawn mark is in (a 60 KB article's 400 marks held the window 45 ms, 2 MB's
# within 30,000 characters of the view 30 ms; profiled).
DRAW_ALL_TEXT = 6_000  # characters
DRAWN_AROUND = 3_000  # characters each side of the view: about a screen
# What a mark is done as: cited for an item of this kind.
_CITED_AS = {"known_actor": "actor", "new_actor": "actor", "claim": "claim", "date": "event"}
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
        # False until the window is on screen: nothing is found before its first paint
        self.armed = True
        self._index_in_worker = False  # see ``arm``
        self._selections: list[QTextEdit.ExtraSelection] = []
        self._drawn: tuple[int, int] | None = None  # the text whose marks are drawn
        self._starts_of: list[tuple[tuple[Candidate, ...], list[int], list[int]]] = []
        self.changed: Callable[[], None] = lambda: None
        # the reader owns the workers' relays: a result after the reader is gone is dropped
        owner = reader if isinstance(reader, QObject) else None
        self._worker = SuggestionWorker(self._found_in_worker, owner)
        self._chunk_worker = ChunkWorker(self._chunk_found, owner)
        self._chunked: _Chunks | None = None  # the open text's, when it is found in chunks
        self._stores: list[_Chunks] = []  # the last few long texts' (reopened: found already)
        self._rows: _ActorRows | None = None  # the actors' rows the worker builds an index of
        self._seek: _Seek | None = None  # N's walk, gone on in the worker
        # a suggestion N's walk reached in the worker (None: there is none in the text)
        self.reached: Callable[[Candidate | None], None] = lambda c: None

    # -- what is shown -------------------------------------------------------------------

    def actors_changed(self) -> None:
        self._index = None
        self._rows = None

    def arm(self) -> None:
        """Find the open article's suggestions now (the window has painted). The first
        time, the actor index is built in the worker with them: with the date finder's
        patterns compiled on first use, 0.3-0.6 s that held the window's first paint at
        start (profiled at 5,000 actors)."""
        self.armed = True
        self._index_in_worker = self._index is None
        self.refresh()
        self._index_in_worker = self.pending  # no article open: built when one is

    def refresh(self) -> None:
        """Recompute what is shown (cached underneath: cheap when the text is the same).
        A long article's suggestions come from a worker: none are shown until they do; a
        very long one's a chunk at a time, around the view."""
        reader = self.reader
        self.shown = []
        self._chunked = None
        project = reader.session.project
        wanted = bool(
            self.enabled
            and reader.article_id
            and 0 < len(reader.text) <= MAX_TEXT
            and not project.closed  # a worker's result after the project was closed
            and self.armed
        )
        if wanted and len(reader.text) >= CHUNKED_FROM and reader.article_id:
            # the view's chunk is found while the passages are read (shown when they come,
            # cited ones left out): side by side, not one after the other
            row = article_head(project, reader.article_id)
            chunked = self._found_in_chunks(reader.text, _published(row))
            if not reader.marks_pending:
                self.shown = self._not_done(chunked, dismissed(project, reader.article_id))
        elif (
            wanted
            and reader.article_id
            and (not reader.marks_pending or len(reader.text) > SYNC_TEXT)
        ):
            # A long text's are asked of the worker while the passages are still read (side
            # by side, not one after the other) and shown when both have come.
            row = article_head(project, reader.article_id)
            found: tuple[Candidate, ...] | None
            if self._index is None and self._index_in_worker:
                found = self._worker.result((reader.text, self._actor_rows(), _published(row)))
            else:
                if self._index is None:
                    from annotator.core.suggestions.find import ActorIndex

                    self._index = ActorIndex(suggestion_actors(project))
                found = self._found(reader.text, self._index, _published(row))
            if found is not None and not reader.marks_pending:
                self.shown = self._not_done(found, dismissed(project, reader.article_id))
        self._starts = [c.start for c in self.shown]
        if self.current is not None and self.current not in self.shown:
            self.current = None
        self._selections = []
        self._drawn = None
        self.changed()

    def _actor_rows(self) -> _ActorRows:
        """The actors' rows for a worker to build the index of, read once (refreshed again
        meanwhile, the same rows: the worker's key is unchanged)."""
        if self._rows is None:
            self._rows = _ActorRows(self.reader.session.project)
        return self._rows

    def _found_in_worker(self, index: ActorIndex) -> None:
        if self._index is None and self._index_in_worker:
            self._index = index  # the one the worker built from the actors' rows
        self._index_in_worker = False
        self._rows = None
        self.refresh()

    @property
    def pending(self) -> bool:
        """A long article's suggestions are being found (some of them, in a very long one)."""
        return self._worker.busy or self._chunk_worker.pending

    # -- a very long text, found a chunk at a time -----------------------------------------

    def _found_in_chunks(
        self, text: str, published: date | tuple[date, date] | None
    ) -> tuple[Candidate, ...]:
        """The marks of the chunks found so far (another index's meanwhile, for the same
        text: a new actor's marks do not blink out); the view's chunks are asked for."""
        if self._index is None and not self._index_in_worker:
            from annotator.core.suggestions.find import ActorIndex

            self._index = ActorIndex(suggestion_actors(self.reader.session.project))
        actors = self._index if self._index is not None else self._actor_rows()
        key: _Key = (text, actors, published)
        chunks = next((c for c in self._stores if _same(c.key, key)), None)
        if chunks is None:
            same_text = next((c for c in self._stores if _same_text(c.key[0], text)), None)
            chunks = _Chunks(key, same_text.marks_by_chunk() if same_text else {})
        self._stores = [chunks, *[c for c in self._stores if c is not chunks][:2]]
        self._chunked = chunks
        # asked once the event is done: a worker started inside the article's opening took
        # the interpreter from the rest of it (the open held the window 65-90 ms, not 25-40)
        self._chunk_worker.later(self._ask_chunks)
        return chunks.all()

    def _ask_chunks(self, span: tuple[int, int] | None = None) -> None:
        """Have the worker find the next chunk around the view not found yet (one at a
        time: each result applied, the next is the view's as it is by then)."""
        chunks = self._chunked
        if chunks is None or self._chunk_worker.busy:
            return
        seek = self._seek
        if seek is not None and seek.chunks is chunks:  # N's walk first: the analyst waits
            k = next((k for k in seek.ahead() if k not in chunks.found), None)
            if k is not None:
                self._chunk_worker.find(chunks.key, k, chunks.spans[k])
                return
        from annotator.core.suggestions.chunks import chunk_of

        lo, hi = span if span is not None else self.reader.visible_span()
        spans = chunks.spans
        first, last = chunk_of(spans, lo), chunk_of(spans, hi)
        # the view's chunks, then onward (where the analyst reads next), then back
        wanted = [
            *range(first, last + 1),
            *range(last + 1, chunk_of(spans, hi + FIND_AROUND) + 1),
            *range(first - 1, chunk_of(spans, max(0, lo - FIND_AROUND)) - 1, -1),
        ]
        k = next((k for k in wanted if k not in chunks.found), None)
        if k is not None:
            self._chunk_worker.find(chunks.key, k, spans[k])

    def _chunk_found(
        self, key: _Key, k: int, found: tuple[Candidate, ...], index: ActorIndex
    ) -> None:
        chunks = next((c for c in self._stores if _same(c.key, key)), None)
        if isinstance(key[1], _ActorRows):
            if chunks is not None:
                chunks.key = (key[0], index, key[2])  # as asked for with the index built
            if self._index is None and self._index_in_worker and key[1] is self._rows:
                self._index, self._index_in_worker, self._rows = index, False, None
        if chunks is not None and k not in chunks.found:  # N may have found it meanwhile
            chunks.add(k, found)
        if chunks is not None and chunks is self._chunked:
            self.refresh()  # shown with its marks; the next chunk asked for
            seek = self._seek
            if seek is not None and seek.chunks is chunks:
                self._seek = None
                found_next = self._walk(seek, finds=0)
                if found_next is not None or self._seek is None:
                    self.reached(found_next)
        else:
            self._ask_chunks()

    @property
    def seeking(self) -> bool:
        """N's walk goes on in the worker (a very long text with few marks)."""
        return self._seek is not None

    def stop_seeking(self) -> None:
        """N's walk is forgotten (the analyst moved on: its end would move the selection)."""
        self._seek = None

    def _chunk_at(self, pos: int) -> tuple[_Chunks, int] | None:
        """The open text's chunks and the one holding ``pos``, when it is found in chunks
        and can be found here (its actor index built, its passages read)."""
        chunks = self._chunked
        if chunks is None or isinstance(chunks.key[1], _ActorRows) or self.reader.marks_pending:
            return None  # none shown while the passages are read: nothing to walk yet
        from annotator.core.suggestions.chunks import chunk_of

        return chunks, chunk_of(chunks.spans, pos)

    def context(self, pos: int) -> tuple[int, int]:
        """The span of the text the marks at ``pos`` were found in: its chunk in a very
        long text, else the whole text."""
        chunks = self._chunked
        if chunks is None:
            return 0, len(self.reader.text)
        from annotator.core.suggestions.chunks import chunk_of

        return chunks.spans[chunk_of(chunks.spans, pos)]

    def _find_now(self, chunks: _Chunks, k: int) -> None:
        """Find chunk ``k`` here and now (about 15 ms) and show its marks."""
        from annotator.core.suggestions.chunks import find_in_chunk
        from annotator.core.suggestions.find import ActorIndex

        text, index, published = chunks.key
        assert isinstance(index, ActorIndex)
        chunks.add(k, find_in_chunk(text, chunks.spans[k], index, published))
        self.refresh()

    def _found(
        self, text: str, index: ActorIndex, published: date | tuple[date, date] | None
    ) -> tuple[Candidate, ...] | None:
        if len(text) <= SYNC_TEXT:
            from annotator.core.suggestions.find import find_suggestions

            return find_suggestions(text, index, published)
        return self._worker.result((text, index, published))

    def _not_done(self, found: tuple[Candidate, ...], gone: set) -> list[Candidate]:
        """``found`` without the marks dismissed and those already cited."""
        cited = self._cited_among(found)
        if not cited and not gone:
            return list(found)
        return [c for i, c in enumerate(found) if i not in cited and not (gone and c.key in gone)]

    def _cited_among(self, found: tuple[Candidate, ...]) -> set[int]:
        """Which marks are already done (their positions in ``found``): a mention cited for
        that actor, a name cited for an actor, a sentence cited for a claim, a date inside a
        passage cited for an event. Each passage bisects the marks that begin inside it: a
        2 MB article's 25,000 marks each looked passages up (40-75 ms on the event loop,
        profiled), most of them in none."""
        los, order = self._sorted_starts(found)
        cited: set[int] = set()
        for p in self.reader.passages.values():
            first, last = bisect.bisect_left(los, p.start), bisect.bisect_left(los, p.end)
            if first == last or p.end <= p.start:
                continue
            kinds = {k for k, _, _ in p.items}
            for i in order[first:last]:
                c = found[i]
                if _CITED_AS[c.kind] not in kinds:
                    continue
                hi = c.passage_end if c.kind == "claim" else c.end
                if hi <= p.end and (
                    c.kind != "known_actor"
                    or any(k == "actor" and item == c.actor_id for k, item, _ in p.items)
                ):
                    cited.add(i)
        return cited

    def _sorted_starts(self, found: tuple[Candidate, ...]) -> tuple[list[int], list[int]]:
        """Where each mark's words (a claim's sentence) begin, sorted, and the marks in that
        order; kept for the ``found`` last asked about (the same until the text changes)."""
        for kept in self._starts_of:
            if kept[0] is found:
                return kept[1], kept[2]
        starts = [c.passage_start if c.kind == "claim" else c.start for c in found]
        order = sorted(range(len(found)), key=starts.__getitem__)
        los = [starts[i] for i in order]
        self._starts_of = [(found, los, order), *self._starts_of[:3]]  # a few articles
        return los, order

    def at(self, pos: int) -> Candidate | None:
        """The mark under ``pos``. In a very long text, its chunk is found first if it was
        not (unless the worker is finding it: it is drawn within a frame or two)."""
        where = self._chunk_at(pos)
        if where is not None:
            chunks, k = where
            if k not in chunks.found and not self._chunk_worker.finding(chunks.key, k):
                self._find_now(chunks, k)
        i = bisect.bisect_right(self._starts, pos) - 1
        if i >= 0 and self.shown[i].start <= pos < self.shown[i].end:
            return self.shown[i]
        return None

    def step(self, forward: bool, from_pos: int) -> Candidate | None:
        """The next (or previous) suggestion after (before) ``from_pos``, wrapping round.
        In a very long text, None while the worker goes on looking (``pending``): what it
        reaches is handed to ``reached``."""
        self._seek = None
        where = self._chunk_at(from_pos)
        if where is not None:
            chunks, k0 = where
            return self._walk(_Seek(chunks, forward, from_pos, k0), finds=STEP_FINDS)
        if not self.shown:
            return None
        if forward:
            i = bisect.bisect_right(self._starts, from_pos)
            return self.shown[i % len(self.shown)]
        i = bisect.bisect_left(self._starts, from_pos) - 1
        return self.shown[i % len(self.shown)]

    def _walk(self, seek: _Seek, finds: int) -> Candidate | None:
        """``step`` in a very long text: chunk by chunk from ``from_pos``'s, wrapping round
        to it again, until one has a mark. Up to ``finds`` chunks not found yet are found
        here (a news text has marks in every chunk: N is answered at once); past them the
        walk waits in ``_seek`` for the worker, and None is returned."""
        chunks, forward, from_pos = seek.chunks, seek.forward, seek.from_pos
        n = len(chunks.spans)
        while seek.i <= n:
            k = seek.chunk()
            if k not in chunks.found:
                if finds <= 0:
                    self._seek = seek
                    self._ask_chunks()
                    return None
                finds -= 1
                self._find_now(chunks, k)
                if self._chunked is not chunks:  # nothing shown any more (project closed)
                    return None
            a, b = chunks.spans[k]
            marks = self.shown[
                bisect.bisect_left(self._starts, a) : bisect.bisect_left(self._starts, b)
            ]
            if seek.i == 0:  # after (before) from_pos in its own chunk
                marks = [
                    c for c in marks if (c.start > from_pos if forward else c.start < from_pos)
                ]
            elif seek.i == n:  # wrapped round to it: the rest of that chunk
                marks = [
                    c for c in marks if (c.start <= from_pos if forward else c.start >= from_pos)
                ]
            if marks:
                return marks[0] if forward else marks[-1]
            seek.i += 1
        return None

    # -- drawing -------------------------------------------------------------------------

    def selections(self) -> list[QTextEdit.ExtraSelection]:
        """The marks drawn: all of a short text's, else those within ``DRAWN_AROUND``
        characters of the view; ``scrolled`` draws further ones."""
        if len(self.reader.text) <= DRAW_ALL_TEXT:
            if not self._selections and self.shown:
                formats = self._formats()
                self._selections = [self._selection(c, formats) for c in self.shown]
            return self._selections
        lo, hi = self.reader.visible_span()
        drawn = self._drawn
        if drawn is None or lo < drawn[0] or hi > drawn[1]:
            a, b = max(0, lo - DRAWN_AROUND), hi + DRAWN_AROUND
            i, j = bisect.bisect_left(self._starts, a), bisect.bisect_right(self._starts, b)
            formats = self._formats()
            self._selections = [self._selection(c, formats) for c in self.shown[i:j]]
            self._drawn = (a, b)
        return self._selections

    def scrolled(self) -> bool:
        """The view moved past the marks drawn: True when they must be drawn again. In a
        very long text, the chunks around the view not found yet are asked for."""
        if len(self.reader.text) <= DRAW_ALL_TEXT:
            return False
        if self._drawn is None and self._chunked is None:
            return False
        lo, hi = self.reader.visible_span()
        self._ask_chunks((lo, hi))
        return self._drawn is not None and (lo < self._drawn[0] or hi > self._drawn[1])

    def _formats(self) -> dict[str, QTextCharFormat]:
        dark = is_dark(self.reader.palette())
        formats = {}
        for kind, name in MARK_COLORS.items():
            fmt = QTextCharFormat()
            color = QColor(name)
            if dark:
                color = color.lighter(170)  # the grey and the purple vanish on a dark page
                color.setAlpha(210)
            else:
                color.setAlpha(235)
            fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DotLine)
            fmt.setUnderlineColor(color)
            formats[kind] = fmt
        return formats

    def _selection(
        self, c: Candidate, formats: dict[str, QTextCharFormat]
    ) -> QTextEdit.ExtraSelection:
        reader = self.reader
        sel = QTextEdit.ExtraSelection()
        cursor = QTextCursor(reader.document())
        length = reader.map.length16
        cursor.setPosition(min(reader.map.to_utf16(c.start), length))
        cursor.setPosition(min(reader.map.to_utf16(c.end), length), QTextCursor.MoveMode.KeepAnchor)
        sel.cursor = cursor
        sel.format = formats[c.kind]
        return sel


class _ActorRows:
    """The actors' rows, for the worker to build the index from (compared by identity).
    A file's are read by the worker on a connection of its own: read here, every actor held
    the window 250 ms after its first paint at 100,000 events (profiled)."""

    def __init__(self, project: Project) -> None:
        self._path = None if project.path is None else Path(project.path)
        self._rows = suggestion_actors(project) if self._path is None else None
        self._lock = threading.Lock()  # two workers may ask at once

    @property
    def rows(self) -> list[dict[str, Any]]:
        with self._lock:
            if self._rows is None and self._path is not None:
                try:
                    self._rows = read_on_own_connection(self._path, suggestion_actors)
                except AnnotatorError:  # not opened a second time: no actors to suggest
                    self._rows = []
            return self._rows or []


_Key = tuple[str, "ActorIndex | _ActorRows", "date | tuple[date, date] | None"]


KEPT_RESULTS = 4  # articles whose worker-found suggestions are kept


class _Relay(QObject):
    """Carries a worker's result to the reader's thread (a queued signal)."""

    done = Signal(object)


class SuggestionWorker:
    """Finds a long article's suggestions in a thread: the text, the actor index and the
    date are plain data (no database connection), and ``core.suggestions`` is pure. The
    last result is kept; a result for a text no longer open is dropped. Given the actors'
    rows instead of an index, it builds the index too and hands it back."""

    def __init__(self, ready: Callable[[ActorIndex], None], parent: QObject | None = None):
        self._relay = _Relay(parent)
        self._relay.done.connect(self._done)
        self._ready = ready
        self._wanted: _Key | None = None
        # The last few articles' results, newest last: going back to an article just read
        # (to check a passage against another) finds nothing again.
        self._kept: list[tuple[_Key, tuple[Candidate, ...]]] = []
        self.busy = False

    def result(self, key: _Key) -> tuple[Candidate, ...] | None:
        """The suggestions for ``key`` if found; else they are asked for, and None."""
        kept = next((k for k in self._kept if _same(k[0], key)), None)
        if kept is not None:
            return kept[1]
        last = self._kept[-1] if self._kept else None
        if self._wanted is None or not _same(self._wanted, key):
            self._wanted = key
            self.busy = True
            # A pool thread, as ``ChunkWorker.find``: the article's opening does not wait for
            # the new thread to take the interpreter.
            QThreadPool.globalInstance().start(functools.partial(self._run, key))
        # The same text with other actors (one was just made): its marks stay meanwhile.
        return (
            last[1] if last is not None and (last[0][0] is key[0] or last[0][0] == key[0]) else None
        )

    def _run(self, key: _Key) -> None:
        from annotator.core.suggestions.find import ActorIndex, find_suggestions

        text, actors, published = key
        index = actors if isinstance(actors, ActorIndex) else ActorIndex(actors.rows)
        found = find_suggestions(text, index, published)
        emit_if_alive(self._relay, self._relay.done, (key, found, index))  # reader may be gone

    def _done(self, result: tuple[_Key, tuple[Candidate, ...], ActorIndex]) -> None:
        key, found, index = result
        if self._wanted is None or not _same(self._wanted, key):
            return  # another article, or other actors, asked for since
        self._wanted = None
        self.busy = False
        # As asked for with the index built; another index's results are stale (an actor
        # was added or renamed), so only this one's are kept.
        self._kept = [k for k in self._kept if k[0][1] is index][-(KEPT_RESULTS - 1) :]
        self._kept.append(((key[0], index, key[2]), found))
        self._ready(index)


class _Chunks:
    """A very long text's chunks (``core.suggestions.chunks``) and the marks found in each
    so far, for one key (text, actors, date): another key's are found again."""

    def __init__(self, key: _Key, stale: dict[int, tuple[Candidate, ...]]) -> None:
        from annotator.core.suggestions.chunks import chunk_spans

        self.key = key
        self.spans = chunk_spans(key[0])
        self.found: dict[int, tuple[Candidate, ...]] = {}
        self.stale = stale  # the same text's, found with other actors: shown meanwhile
        self._all: tuple[Candidate, ...] | None = None

    def add(self, k: int, found: tuple[Candidate, ...]) -> None:
        self.found[k] = found
        self.stale.pop(k, None)
        self._all = None

    def marks_by_chunk(self) -> dict[int, tuple[Candidate, ...]]:
        return {**self.stale, **self.found}

    def all(self) -> tuple[Candidate, ...]:
        """Every chunk's marks so far, in text order (the same tuple until one is added:
        the marks' sorted starts are kept for it)."""
        if self._all is None:
            marks = self.marks_by_chunk()
            self._all = tuple(c for k in sorted(marks) for c in marks[k])
        return self._all


@dataclass
class _Seek:
    """N's walk through a very long text's chunks: from ``from_pos``'s chunk (``k0``), on
    (or back), wrapping round to it; ``i`` steps taken."""

    chunks: _Chunks
    forward: bool
    from_pos: int
    k0: int
    i: int = 0

    def chunk(self, i: int | None = None) -> int:
        n = len(self.chunks.spans)
        step = self.i if i is None else i
        return (self.k0 + step) % n if self.forward else (self.k0 - step) % n

    def ahead(self) -> list[int]:
        """The chunks the walk has still to pass, in its order."""
        return [self.chunk(i) for i in range(self.i, len(self.chunks.spans) + 1)]


class ChunkWorker:
    """Finds one chunk of a very long text in a thread at a time (plain data in, as
    ``SuggestionWorker``); given the actors' rows, it builds the index and hands it back."""

    def __init__(
        self,
        ready: Callable[[_Key, int, tuple[Candidate, ...], ActorIndex], None],
        parent: QObject | None = None,
    ) -> None:
        self._relay = _Relay(parent)
        self._relay.done.connect(self._done)
        self._ready = ready
        self._finding: tuple[_Key, int] | None = None
        self._later = 0  # calls waiting for the event loop's next turn

    @property
    def busy(self) -> bool:
        return self._finding is not None

    def finding(self, key: _Key, k: int) -> bool:
        """Whether chunk ``k`` of ``key`` is being found now."""
        return self._finding is not None and self._finding[1] == k and _same(self._finding[0], key)

    def later(self, call: Callable[[], None]) -> None:
        """``call`` on the next turn of the event loop (dropped with the reader); pending
        until then."""
        self._later += 1

        def now() -> None:
            self._later -= 1
            call()

        QTimer.singleShot(0, self._relay, now)

    @property
    def pending(self) -> bool:
        """A chunk is being found, or about to be asked for."""
        return self.busy or self._later > 0

    def find(self, key: _Key, k: int, span: tuple[int, int]) -> None:
        self._finding = (key, k)
        # A pool thread: Thread.start waits for the new thread to take the interpreter,
        # 7-14 ms of the article's opening while the passages' worker ran (profiled).
        QThreadPool.globalInstance().start(functools.partial(self._run, key, k, span))

    def _run(self, key: _Key, k: int, span: tuple[int, int]) -> None:
        from annotator.core.suggestions.chunks import find_in_chunk
        from annotator.core.suggestions.find import ActorIndex

        text, actors, published = key
        index = actors if isinstance(actors, ActorIndex) else ActorIndex(actors.rows)
        found = find_in_chunk(text, span, index, published)
        emit_if_alive(self._relay, self._relay.done, (key, k, found, index))

    def _done(self, result: tuple[_Key, int, tuple[Candidate, ...], ActorIndex]) -> None:
        self._finding = None
        self._ready(*result)


def _same(a: _Key, b: _Key) -> bool:
    return a[1] is b[1] and a[2] == b[2] and _same_text(a[0], b[0])


def _same_text(a: str, b: str) -> bool:
    return a is b or a == b


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
