"""Passage highlights drawn per block from an interval index; nothing written into the document.

The formats live in each block's layout (``QTextLayout.setFormats``, as QSyntaxHighlighter
keeps them), not in the document, so its undo stack and modified flag stay untouched. They
are set only on the blocks about to be painted: QSyntaxHighlighter formatted every block of
a new text at once (each one a Python call, its text copied, its layout redone: most of the
0.1-0.17 s that opening a 2 MB article spent setting its text, profiled), and a block nobody
scrolls to never needs them. Positions here are UTF-16 units (the reader converts once per
article).
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette, QTextBlock, QTextCharFormat, QTextDocument, QTextLayout
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


class PassageHighlighter:
    """Tints each passage by the kind of item it supports; overlaps get deeper tints and an
    underline in the colour of the other kind, so every passage stays visible.

    ``paint_blocks`` formats the blocks the view is about to paint that are not formatted
    yet for the current passages; ``rehighlight_range`` formats again where passages changed.
    """

    def __init__(self, document: QTextDocument):
        self._document = document
        self.index: IntervalIndex[str] = IntervalIndex()
        self.kinds: dict[str, frozenset[str]] = {}  # passage id -> kinds of items it supports
        self._formats: dict[tuple[frozenset[str], int], QTextCharFormat] = {}
        self._done: set[int] = set()  # block numbers formatted for the current passages
        self._dark = is_dark()

    def document(self) -> QTextDocument:
        return self._document

    def set_passages(self, index: IntervalIndex[str], kinds: dict[str, frozenset[str]]) -> None:
        """New data; the caller decides which blocks to redraw (see ``rehighlight_range``)."""
        self.index = index
        self.kinds = kinds

    def forget(self) -> None:
        """Every block is formatted again as it is next painted (a new text, or passages
        changed throughout); the caller repaints."""
        self._done.clear()

    def scheme_changed(self) -> None:
        self._dark = is_dark()
        self._formats.clear()
        self._done.clear()  # formatted again as they are painted
        doc = self._document
        doc.markContentsDirty(0, doc.characterCount())  # repainted with the new formats
        doc.setModified(False)

    @property
    def formatted(self) -> int:
        """How many blocks carry their formats (tests: only what was shown is done)."""
        return len(self._done)

    def rehighlight_range(self, start: int, end: int) -> None:
        """Format again the blocks that hold ``[start, end)`` (UTF-16 units) if they were
        formatted; the others are formatted when first painted."""
        block = self._document.findBlock(start)
        while block.isValid() and block.position() <= end:
            if block.blockNumber() in self._done:
                self.format_block(block)
            block = block.next()
        self._document.setModified(False)  # re-laying out a block flags it; the text did not

    def paint_blocks(self, first: QTextBlock, bottom: float, top_of) -> None:
        """Format the unformatted blocks from ``first`` down to ``bottom`` (viewport pixels;
        ``top_of(block)`` is where a block starts)."""
        block = first
        done = self._done
        while block.isValid():
            if block.blockNumber() not in done:
                self.format_block(block)
            if top_of(block) > bottom:
                break
            block = block.next()

    def format_block(self, block: QTextBlock) -> None:
        self._done.add(block.blockNumber())
        pos = block.position()
        ranges = []
        # block.length() counts UTF-16 units (plus the separator)
        for start, end, passages in self.index.segments(pos, pos + block.length() - 1):
            r = QTextLayout.FormatRange()
            r.start, r.length, r.format = start - pos, end - start, self.format_for(passages)
            ranges.append(r)
        layout = block.layout()
        if not ranges and not layout.formats():
            return
        layout.setFormats(ranges)
        # as QSyntaxHighlighter does: the layout takes the formats at its next layout
        self._document.markContentsDirty(pos, block.length())

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
