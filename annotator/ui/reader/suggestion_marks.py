"""Faint marks under what the reader suggests: known actors, new names, reported speech, dates.

The suggestions come from ``core.suggestions`` (pure, cached per text); this holds the ones
shown for the open article, without those the analyst dismissed or already cited, and the
one selected. They are drawn as dotted underlines in a muted colour, as ExtraSelections
made once per refresh (not per mouse move), beneath the reader's other layers: a cited
passage keeps its tint, and a mark never looks like one.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable
from datetime import date
from typing import Any, Protocol

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

    def passages_at(self, pos: int) -> list[Any]: ...

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
# Longer than this (a book, a whole report), the marks would cost a second or more on
# opening it (about 35 ms per 60 KB): they are left off rather than freeze the reader.
MAX_TEXT = 400_000
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
        self.changed: Callable[[], None] = lambda: None

    # -- what is shown -------------------------------------------------------------------

    def actors_changed(self) -> None:
        self._index = None

    def refresh(self) -> None:
        """Recompute what is shown (cached underneath: cheap when the text is the same)."""
        reader = self.reader
        self.shown = []
        if self.enabled and reader.article_id and 0 < len(reader.text) <= MAX_TEXT:
            project = reader.session.project
            if self._index is None:
                self._index = ActorIndex(suggestion_actors(project))
            row = project.row("articles", reader.article_id)
            found = find_suggestions(reader.text, self._index, _published(row))
            gone = dismissed(project, reader.article_id)
            self.shown = [c for c in found if c.key not in gone and not self._cited(c)]
        self._starts = [c.start for c in self.shown]
        if self.current is not None and self.current not in self.shown:
            self.current = None
        self._selections = []
        self.changed()

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
        if not self._selections and self.shown:
            self._selections = [self._selection(c) for c in self.shown]
        return self._selections

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
