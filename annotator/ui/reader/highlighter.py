"""Passage highlights drawn per block from an interval index; nothing written into the document.

QSyntaxHighlighter keeps its formats in each block's layout, not in the document, so the
document's undo stack and modified flag stay untouched, and a repaint looks up only
the passages of the blocks being laid out. Positions here are UTF-16 units (the reader converts
once per article).
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette, QSyntaxHighlighter, QTextCharFormat, QTextDocument
from PySide6.QtWidgets import QApplication

from annotator.ui.reader.interval_index import IntervalIndex

KINDS = ("event", "claim", "actor")  # drawing priority: the first present tints the text
KIND_COLORS = {"event": "#f0a81c", "actor": "#3b8fd9", "claim": "#b05ce0"}
KIND_NAMES = {"event": "Event", "actor": "Actor", "claim": "Claim"}


def is_dark(palette: QPalette | None = None) -> bool:
    palette = palette or QApplication.palette()
    return palette.color(QPalette.ColorRole.Base).lightness() < 128


def kind_color(kind: str, alpha: int = 255) -> QColor:
    color = QColor(KIND_COLORS[kind])
    color.setAlpha(alpha)
    return color


class PassageHighlighter(QSyntaxHighlighter):
    """Tints each passage by the kind of item it supports; overlaps get deeper tints and an
    underline in the colour of the other kind, so every passage stays visible."""

    def __init__(self, document: QTextDocument):
        super().__init__(document)
        self.index: IntervalIndex[str] = IntervalIndex()
        self.kinds: dict[str, frozenset[str]] = {}  # passage id -> kinds of items it supports
        self._formats: dict[tuple[frozenset[str], int], QTextCharFormat] = {}
        self._dark = is_dark()

    def set_passages(self, index: IntervalIndex[str], kinds: dict[str, frozenset[str]]) -> None:
        """New data; the caller decides which blocks to redraw (see ``rehighlight_range``)."""
        self.index = index
        self.kinds = kinds

    def scheme_changed(self) -> None:
        self._dark = is_dark()
        self._formats.clear()
        self.rehighlight()
        if self.document() is not None:
            self.document().setModified(False)

    def rehighlight_range(self, start: int, end: int) -> None:
        """Redraw only the blocks that hold ``[start, end)`` (UTF-16 units)."""
        doc = self.document()
        if doc is None:
            return
        block = doc.findBlock(start)
        while block.isValid() and block.position() <= end:
            self.rehighlightBlock(block)
            block = block.next()
        doc.setModified(False)  # re-laying out a block flags it; the text did not change

    def format_for(self, passages: tuple[str, ...]) -> QTextCharFormat:
        kinds = frozenset().union(*(self.kinds.get(p, frozenset()) for p in passages))
        key = (kinds, min(len(passages), 4))
        fmt = self._formats.get(key)
        if fmt is None:
            fmt = self._formats[key] = self._make_format(kinds, key[1])
        return fmt

    def _make_format(self, kinds: frozenset[str], depth: int) -> QTextCharFormat:
        fmt = QTextCharFormat()
        ordered = [k for k in KINDS if k in kinds]
        if not ordered:
            return fmt
        base = 70 if self._dark else 62
        fmt.setBackground(kind_color(ordered[0], min(200, base + 38 * (depth - 1))))
        if len(ordered) > 1 or depth > 1:
            # A second kind (or a second passage of the same kind) shows as an underline.
            other = ordered[1] if len(ordered) > 1 else ordered[0]
            fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
            fmt.setUnderlineColor(kind_color(other))
        return fmt

    def highlightBlock(self, text: str) -> None:  # Qt override
        if not len(self.index):
            return
        block = self.currentBlock()
        pos = block.position()
        # block.length() counts UTF-16 units (plus the separator); len(text) counts code points.
        for start, end, passages in self.index.segments(pos, pos + block.length() - 1):
            self.setFormat(start - pos, end - start, self.format_for(passages))
