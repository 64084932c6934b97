"""The reader: one article, read-only, its passages tinted by the items they support.

This is the one place where code points (the store) meet UTF-16 units (Qt): every offset
crosses through ``self.map`` (``core.text.Utf16Map``). Selections are taken from cursor
positions, never from ``selectedText()`` (which turns paragraph breaks into U+2029).
Highlights come from ``PassageHighlighter``; ExtraSelections hold only the small layers:
hover, the selected item's passages and a brief flash when jumping to a passage.
"""

from __future__ import annotations

from collections import OrderedDict

from PySide6.QtCore import QEvent, QPoint, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QColor, QFont, QResizeEvent, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QPlainTextEdit, QTextEdit, QToolTip, QWidget

from annotator.core.text import Utf16Map
from annotator.store.panel_queries import reader_marks
from annotator.store.reader_marks import passage_count
from annotator.ui.common.plain import rich_escaped
from annotator.ui.editing.changes import Changes
from annotator.ui.editing.session import Session
from annotator.ui.reader.highlighter import KIND_NAMES, PassageHighlighter, kind_color
from annotator.ui.reader.interval_index import IntervalIndex
from annotator.ui.reader.marks import WORKER_FROM, Marks, MarksWorker, PassageInfo, build_marks
from annotator.ui.reader.paragraphs import GAP_LINES, paragraph_document
from annotator.ui.reader.suggestion_marks import SuggestionMarks, describe

KEPT_MARKS = 4  # long articles whose marks are kept for going back to them
REDRAW_ALL_FROM = 200  # changed passages: from this many, the painted blocks are redone
READING_COLUMNS = 74  # a comfortable line length, in average characters
WATCHED = {
    "passages", "citations", "events", "actors", "claims", "articles", "suggestion_dismissals",
}  # fmt: skip

__all__ = ["PassageInfo", "ReaderView"]


class ReaderView(QPlainTextEdit):
    itemsClicked = Signal(list)  # [(kind, id)] supported by the clicked passage
    itemSelected = Signal(str, str)
    selectionSpanChanged = Signal(bool)  # whether a passage can be tagged now
    articleLoaded = Signal(str)  # its id; "" when none
    suggestionSelected = Signal(str)  # what the selected suggestion is; "" when none

    def __init__(self, session: Session, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.article_id: str | None = None
        self.text = ""
        self.map = Utf16Map("")
        self.passages: dict[str, PassageInfo] = {}
        self._index16: IntervalIndex[str] = IntervalIndex()
        self._hover: tuple[int, int] | None = None
        self._selected_spans: list[tuple[int, int, str]] = []  # UTF-16 spans of the selection
        self._flash: tuple[int, int] | None = None
        self._click_cycle: tuple[int, int] = (-1, 0)
        self._context_actions: list[QAction] = []
        self._laid_out_width = -1
        document, self.paragraphs = paragraph_document(self)
        self.setDocument(document)  # before anything reads the document: spaced paragraphs
        self.setReadOnly(True)
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.setUndoRedoEnabled(False)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.setMouseTracking(True)
        self.setObjectName("reader")
        self.setAutoFillBackground(True)  # the reading-width margins are ours to paint
        self.set_text_size(0)
        self.document().setDocumentMargin(18)
        self.highlighter = PassageHighlighter(self.document())
        self._marks_worker = MarksWorker(self._marks_read, self)
        # The last few long articles' marks, as read: going back to one just read (to check
        # a passage against another) applies them at once. Any edit to what marks are made
        # of forgets them all, as does another project.
        self._kept_marks: OrderedDict[str, Marks] = OrderedDict()
        self._kept_for: object = None
        self.suggestions = SuggestionMarks(self)
        self.suggestions.changed = self._update_extra
        self.verticalScrollBar().valueChanged.connect(self._scrolled)
        self.selectionChanged.connect(self._selection_left_suggestion)
        self._flash_timer = QTimer(self, singleShot=True, interval=1600)
        self._flash_timer.timeout.connect(self._end_flash)
        self.selectionChanged.connect(
            lambda: self.selectionSpanChanged.emit(self.selection_span() is not None)
        )
        session.changed.connect(self._on_changed)
        session.projectReplaced.connect(self.suggestions.actors_changed)  # another project
        session.projectReplaced.connect(lambda: self.load_article(None))

    def set_text_size(self, points: float) -> None:
        """The article's type: a serif for long reading, ``points`` big (0: by the screen)."""
        font = QFont()
        font.setFamilies(["Georgia", "Noto Serif", "DejaVu Serif", "serif"])
        font.setPointSizeF(points if points > 0 else max(11.5, QFont().pointSizeF() * 1.2))
        self.setFont(font)
        self.paragraphs.set_gap(round(self.fontMetrics().lineSpacing() * GAP_LINES))

    # -- loading -------------------------------------------------------------------------

    def load_article(self, article_id: str | None) -> None:
        row = self.session.project.row("articles", article_id) if article_id else None
        self.article_id = row["id"] if row else None
        self.text = row["text"] if row else ""
        self.map = Utf16Map(self.text)
        self._hover = self._flash = None
        self._selected_spans = []
        self.suggestions.current = None
        kept = self._kept(self.article_id)
        if kept is not None:
            self._marks_worker.cancel()  # an older read's result no longer applies
            self._apply_marks(kept, rehighlight=False)
        elif self._marks_in_worker():  # shown without marks until they come; text usable
            self._apply_marks(Marks({}, IntervalIndex(), {}), rehighlight=False)
        else:
            self._load_marks(rehighlight=False)
        self.setPlainText(self.text)  # blocks are formatted as they are first painted
        # An article opens at its first line: before the window is shown the viewport is a
        # few pixels high and setPlainText scrolled a line down to keep the cursor in view
        # (a first start showed the article from its second line).
        self.verticalScrollBar().setValue(0)
        self.highlighter.forget()
        self.suggestions.refresh()  # none while the marks are read: cited ones are left out
        self.articleLoaded.emit(self.article_id or "")

    @property
    def marks_pending(self) -> bool:
        """The open article's passages are being read in a worker."""
        return self._marks_worker.pending

    def _marks_in_worker(self) -> bool:
        self._marks_worker.cancel()  # an older read's result no longer applies
        path = self.session.project.path
        if not self.article_id or path is None:  # a project in memory (tests): read here
            return False
        if passage_count(self.session.project, self.article_id) < WORKER_FROM:
            return False
        self._marks_worker.read(path, self.article_id, self.map)
        return True

    def _marks_read(self, marks: Marks | None) -> None:
        if self.session.project.closed:
            return
        if marks is None:  # the worker could not open the file: read it here
            self._load_marks(rehighlight=False)
        else:
            self._apply_marks(marks, rehighlight=False)
            self._keep(marks)
        self.highlighter.forget()
        self.viewport().update()
        self.suggestions.refresh()  # marks already cited are left out
        self._refresh_selected()

    def _kept(self, article_id: str | None) -> Marks | None:
        if self._kept_for is not self.session.project:
            self._kept_marks.clear()
            self._kept_for = self.session.project
        marks = self._kept_marks.get(article_id) if article_id else None
        if marks is not None and article_id:
            self._kept_marks.move_to_end(article_id)
        return marks

    def _keep(self, marks: Marks) -> None:
        if self.article_id and self._kept_for is self.session.project:
            self._kept_marks[self.article_id] = marks
            while len(self._kept_marks) > KEPT_MARKS:
                self._kept_marks.popitem(last=False)

    def _load_marks(self, *, rehighlight: bool = True) -> None:
        self._marks_worker.cancel()  # read here and now: a worker's older read is stale
        rows = reader_marks(self.session.project, self.article_id) if self.article_id else []
        self._apply_marks(build_marks(rows, self.map.to_utf16), rehighlight=rehighlight)

    def _apply_marks(self, marks: Marks, *, rehighlight: bool) -> None:
        before = self.passages
        self.passages = marks.passages
        self._index16 = marks.index16
        kinds = marks.kinds
        self.highlighter.set_passages(self._index16, kinds)
        if not rehighlight:
            return
        old = {
            pid: (p.start, p.end, frozenset(k for k, _, _ in p.items)) for pid, p in before.items()
        }
        to16 = self.map.to_utf16
        new = {pid: (p.start, p.end, kinds[pid]) for pid, p in self.passages.items()}
        changed = set(old) ^ set(new) | {k for k in old if k in new and old[k] != new[k]}
        if len(changed) > REDRAW_ALL_FROM:  # the marks a worker had not read yet, say
            self.highlighter.forget()
            self.viewport().update()
            return
        # Redraw only where something changed: a 2 MB article is not re-laid out per edit.
        for pid in changed:
            for where in (old.get(pid), new.get(pid)):
                if where is not None:
                    self.highlighter.rehighlight_range(to16(where[0]), to16(where[1]))

    def _on_changed(self, touched: Changes) -> None:
        if WATCHED & set(touched):
            self._kept_marks.clear()  # which article's marks an edit changed is not asked
        if not self.article_id or not WATCHED & set(touched):
            return
        if (
            self.article_id in touched.get("articles", set())
            and self.session.project.row("articles", self.article_id) is None
        ):
            self.load_article(None)
            return
        self._load_marks()
        if "actors" in touched:
            self.suggestions.actors_changed()
        self.suggestions.refresh()
        self._refresh_selected()

    # -- suggestions -----------------------------------------------------------------------

    def select_suggestion(self, candidate: object) -> None:
        """Select a suggestion's words (``None`` clears): the keys then act on it."""
        from annotator.core.suggestions.candidate import Candidate

        marks = self.suggestions
        marks.current = candidate if isinstance(candidate, Candidate) else None
        if marks.current is not None:
            self.select_span(marks.current.start, marks.current.end)
            self.suggestionSelected.emit(describe(marks.current).replace("\n", " "))
        else:
            self.suggestionSelected.emit("")

    def _selection_left_suggestion(self) -> None:
        self.suggestions.stop_seeking()  # the analyst moved on: N's walk would move them
        current = self.suggestions.current
        if current is not None and self.selection_span() != (current.start, current.end):
            self.suggestions.current = None

    # -- code points <-> Qt ----------------------------------------------------------------

    def selection_span(self) -> tuple[int, int] | None:
        """The selected passage in code points, outer white space left out; None if empty."""
        cursor = self.textCursor()
        if not cursor.hasSelection() or not self.article_id:
            return None
        start = self.map.from_utf16(cursor.selectionStart())
        end = self.map.from_utf16(cursor.selectionEnd())
        while start < end and self.text[start].isspace():
            start += 1
        while end > start and self.text[end - 1].isspace():
            end -= 1
        return (start, end) if end > start else None

    def select_span(self, start: int, end: int) -> None:
        """Select ``text[start:end]`` (code points), as a user dragging over it would."""
        cursor = QTextCursor(self.document())
        cursor.setPosition(self.map.to_utf16(start))
        cursor.setPosition(self.map.to_utf16(end), QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)
        self.ensureCursorVisible()

    def position_at(self, point: QPoint) -> int | None:
        """Code point under a viewport position, or None past the end of a line."""
        cursor = self.cursorForPosition(point)
        pos16 = cursor.position()
        rect = self.cursorRect(cursor)
        if point.x() < rect.x() - 1:  # the cursor sits after the character under the mouse
            pos16 -= 1
        if pos16 < 0 or pos16 >= self.map.length16:
            return None
        return self.map.from_utf16(pos16)

    def visible_span(self) -> tuple[int, int]:
        """The code points shown in the viewport, first to last (for drawing marks there)."""
        first = self.cursorForPosition(QPoint(0, 0)).position()
        corner = QPoint(self.viewport().width() - 1, self.viewport().height() - 1)
        last = self.cursorForPosition(corner).position()
        return self.map.from_utf16(first), self.map.from_utf16(min(last, self.map.length16))

    def _scrolled(self) -> None:
        if self.suggestions.scrolled():
            self._update_extra()

    def passages_at(self, pos: int) -> list[PassageInfo]:
        return [self.passages[pid] for pid in self._index16.at(self.map.to_utf16(pos))]

    def items_at(self, pos: int) -> list[tuple[str, str, str]]:
        seen: dict[tuple[str, str], str] = {}
        for p in self.passages_at(pos):
            for kind, item_id, label in p.items:
                seen.setdefault((kind, item_id), label)
        return [(k, i, label) for (k, i), label in seen.items()]

    def hover_text(self, pos: int) -> str:
        """What the hover names: every item the passage(s) under ``pos`` support."""
        return "\n".join(f"{KIND_NAMES[k]}: {label}" for k, _, label in self.items_at(pos))

    # -- showing -------------------------------------------------------------------------

    def show_passage(self, start: int, end: int) -> None:
        """Scroll to ``text[start:end]`` and flash it (the selection is left alone)."""
        s16, e16 = self.map.to_utf16(start), self.map.to_utf16(end)
        cursor = QTextCursor(self.document())
        cursor.setPosition(min(e16, self.map.length16))
        self.setTextCursor(cursor)
        cursor.setPosition(s16)
        self.setTextCursor(cursor)
        self.centerCursor()
        self._flash = (s16, e16)
        self._flash_timer.start()
        self._update_extra()

    def select_item(self, kind: str, item_id: str) -> None:
        """Outline the passages of the selected item (kind ``""`` clears)."""
        self._selected_item = (kind, item_id)
        self._refresh_selected()

    def _refresh_selected(self) -> None:
        kind, item_id = getattr(self, "_selected_item", ("", ""))
        to16 = self.map.to_utf16
        self._selected_spans = [
            (to16(p.start), to16(p.end), kind)
            for p in (self.passages.values() if kind else ())  # nothing selected: no walk
            if any(k == kind and i == item_id for k, i, _ in p.items)
        ]
        self._update_extra()

    def _end_flash(self) -> None:
        self._flash = None
        self._update_extra()

    def _selection(
        self, start16: int, end16: int, fmt: QTextCharFormat
    ) -> QTextEdit.ExtraSelection:
        sel = QTextEdit.ExtraSelection()
        cursor = QTextCursor(self.document())
        cursor.setPosition(min(start16, self.map.length16))
        cursor.setPosition(min(end16, self.map.length16), QTextCursor.MoveMode.KeepAnchor)
        sel.cursor = cursor
        sel.format = fmt
        return sel

    def _update_extra(self) -> None:
        extra = list(self.suggestions.selections())  # beneath every other layer
        for start, end, kind in self._selected_spans:
            fmt = QTextCharFormat()
            fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
            fmt.setUnderlineColor(kind_color(kind))
            fmt.setFontUnderline(True)
            fmt.setBackground(kind_color(kind, 150))
            extra.append(self._selection(start, end, fmt))
        if self._hover:
            fmt = QTextCharFormat()
            fmt.setFontUnderline(True)
            fmt.setUnderlineColor(self.palette().text().color())
            extra.append(self._selection(*self._hover, fmt))
        if self._flash:
            fmt = QTextCharFormat()
            fmt.setBackground(QColor(255, 230, 0, 170))
            extra.append(self._selection(*self._flash, fmt))
        self.setExtraSelections(extra)

    # -- mouse and menus -----------------------------------------------------------------

    def set_context_actions(self, actions: list[QAction]) -> None:
        self._context_actions = actions

    def contextMenuEvent(self, event) -> None:
        pos = self.position_at(event.pos())
        mark = self.suggestions.at(pos) if pos is not None else None
        if mark is not None and not self.textCursor().hasSelection():
            self.select_suggestion(mark)  # the menu's Accept / Dismiss act on it
        menu = self.createStandardContextMenu(event.pos())
        if self._context_actions:
            first = menu.actions()[0] if menu.actions() else None
            for action in self._context_actions:
                # Qt takes a null `before` (append); the stubs want a QAction.
                menu.insertAction(first, action)  # type: ignore[arg-type]
            menu.insertSeparator(first)  # type: ignore[arg-type]
        menu.exec(event.globalPos())
        menu.deleteLater()

    def mouseMoveEvent(self, event) -> None:
        super().mouseMoveEvent(event)
        pos = self.position_at(event.position().toPoint())
        ids = self._index16.at(self.map.to_utf16(pos)) if pos is not None else ()
        hover = (
            self._index16.span_of(ids[0], self.map.to_utf16(pos))
            if ids and pos is not None
            else None
        )
        if hover != self._hover:
            self._hover = hover
            self._update_extra()
        mark = self.suggestions.at(pos) if pos is not None else None
        if ids and pos is not None:
            text = self.hover_text(pos) + (f"\n\n{describe(mark)}" if mark else "")
            QToolTip.showText(event.globalPosition().toPoint(), rich_escaped(text), self)
        elif mark is not None:
            QToolTip.showText(event.globalPosition().toPoint(), rich_escaped(describe(mark)), self)
        else:
            QToolTip.hideText()

    def leaveEvent(self, event: QEvent) -> None:
        if self._hover:
            self._hover = None
            self._update_extra()
        super().leaveEvent(event)

    def mouseReleaseEvent(self, event) -> None:
        super().mouseReleaseEvent(event)
        if event.button() != Qt.MouseButton.LeftButton or self.textCursor().hasSelection():
            return
        pos = self.position_at(event.position().toPoint())
        if pos is not None:
            self.click_at(pos)

    def click_at(self, pos: int) -> None:
        """Select what the passage under ``pos`` supports; clicking again there cycles.
        A suggestion's mark there is selected too, for its keys."""
        mark = self.suggestions.at(pos)
        if mark is not None:
            self.select_suggestion(mark)
        items = self.items_at(pos)
        if not items:
            return
        last, n = self._click_cycle
        n = (n + 1) % len(items) if last == pos else 0
        self._click_cycle = (pos, n)
        self.itemsClicked.emit([(k, i) for k, i, _ in items])
        kind, item_id, _ = items[n]
        self.itemSelected.emit(kind, item_id)

    # -- layout --------------------------------------------------------------------------

    def paintEvent(self, event) -> None:
        offset = self.contentOffset()
        self.highlighter.paint_blocks(
            self.firstVisibleBlock(),
            self.viewport().height(),
            lambda block: self.blockBoundingGeometry(block).translated(offset).top(),
        )
        super().paintEvent(event)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        column = self.fontMetrics().averageCharWidth() * READING_COLUMNS
        side = max(0, (self.width() - column) // 2)
        self.setViewportMargins(side, 0, side, 0)
        # Lines wrap at the reading column: Qt re-lays the text out for the whole width
        # first and not always again for the narrower viewport (text ran past the column).
        width = self.viewport().width()
        if width != self._laid_out_width:
            self._laid_out_width = width
            # Qt re-lays out when the width in the event changed, for the viewport's width.
            super().resizeEvent(QResizeEvent(self.size(), QSize(0, 0)))
