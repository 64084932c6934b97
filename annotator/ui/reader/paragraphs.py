"""Space between paragraphs in the reader, without touching the text.

An article's paragraphs are its lines: most sources (plain text, the HTML extractors) end
a paragraph with one newline, some with a blank line. QPlainTextEdit makes each line a
block and stacks blocks with no space between them; it ignores block margins (its layout
only places lines). So a paragraph followed by another paragraph is given a taller
bounding rectangle here: the view paints, scrolls and hit-tests by these rectangles, and
the text and every offset stay as stored. A blank line already spaces its neighbours.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF
from PySide6.QtGui import QTextBlock, QTextDocument
from PySide6.QtWidgets import QPlainTextDocumentLayout

GAP_LINES = 0.6  # the space between two paragraphs, in lines of the article's type


class ParagraphLayout(QPlainTextDocumentLayout):
    def __init__(self, document: QTextDocument) -> None:
        super().__init__(document)
        self.gap = 0.0

    def set_gap(self, pixels: float) -> None:
        if pixels != self.gap:
            self.gap = pixels
            doc = self.document()
            doc.markContentsDirty(0, doc.characterCount())

    def blockBoundingRect(self, block: QTextBlock) -> QRectF:
        rect = super().blockBoundingRect(block)
        if self.gap and block.length() > 1 and not rect.isEmpty():
            after = block.next()
            if after.isValid() and after.length() > 1:
                rect.setHeight(rect.height() + self.gap)
        return rect


def paragraph_document(parent) -> tuple[QTextDocument, ParagraphLayout]:
    """A document for QPlainTextEdit.setDocument, laid out with paragraph spacing."""
    document = QTextDocument(parent)
    layout = ParagraphLayout(document)
    document.setDocumentLayout(layout)
    return document, layout
